/**
 * Which files the commands may write: never an input, never one target twice, never an existing file the
 * tool did not write (without --force); and after a failure, exactly what was written. The first two hold for
 * workbooks written by other programs too (openpyxl, LibreOffice, SheetJS, hand-edited: test/fixtures/lossless).
 */
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { internalError } from "../../src/cli/main";
import { sheetHolds } from "../../src/cli/zipPeek";
import { cli, tempDirEach } from "./cliHarness";
import { chartChain, FOREIGN_LEDGERS, LOSSLESS, SHANGHAI_CHART, SURVEY_CHART } from "./foreignBooks";

const ROOT = path.join(__dirname, "..", "..");
const EXAMPLE = path.join(ROOT, "examples", "hunan-ledger.xlsx");
const SHANGHAI = path.join(ROOT, "examples", "shanghai-units.xlsx");
const SURVEY = path.join(ROOT, "test", "fixtures", "survey-counts.xlsx");

const tmp = tempDirEach("pioneer-paths-");
const at = (name: string) => path.join(tmp.path, name);

async function copy(file: string, name = path.basename(file)): Promise<string> {
  await fs.copyFile(file, at(name));
  return at(name);
}

/** Every file of the folder with its bytes, to show that a refused command changed nothing. */
async function snapshot(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await fs.readdir(tmp.path)).sort()) out[f] = (await fs.readFile(at(f))).toString("base64");
  return out;
}

describe("a target that is an input, or another target, is refused (exit 2) and nothing is written", () => {
  test.each<[string, (input: string) => string[]]>([
    ["score --json <input>", (i) => ["score", i, "--json", i]],
    ["score --json <input> --dry-run", (i) => ["score", i, "--json", i, "--dry-run"]],
    ["score --json <input> --in-place", (i) => ["score", i, "--json", i, "--in-place"]],
    ["score --json <input> --force", (i) => ["score", i, "--json", i, "--force"]],
    ["score -o <input>", (i) => ["score", i, "-o", i]],
    ["score -o <input> --dry-run", (i) => ["score", i, "-o", i, "--dry-run"]],
    ["score -o X --json X", (i) => ["score", i, "-o", at("r.xlsx"), "--json", at("r.xlsx")]],
    ["score --json <default output>", (i) => ["score", i, "--json", at("hunan-ledger.scored.xlsx")]],
    ["score -o ./sub/../<input> (another spelling)", (i) => ["score", i, "-o", path.join(tmp.path, "sub", "..", path.basename(i))]],
    ["survey --json <input>", (i) => ["survey", i, "--json", i]],
    ["survey -o X --json X", (i) => ["survey", i, "-o", at("s.xlsx"), "--json", at("s.xlsx")]],
    ["summary -o <input>", (i) => ["summary", i, "-o", i]],
    ["summary --json <input>", (i) => ["summary", i, "--json", i]],
    ["consolidate -o <one of the inputs>", (i) => ["consolidate", EXAMPLE, i, "-o", i]],
    ["consolidate --json <one of the inputs>", (i) => ["consolidate", i, "--json", i]],
    ["plan -o X --json X.json", (i) => ["plan", i, "-o", at("p.json"), "--json", at("p.json")]],
    ["plan --json <input>.json (symlink)", (i) => ["plan", i, "--json", at("link.json")]],
  ])("%s", async (_name, argv) => {
    const input = await copy(EXAMPLE, "hunan-ledger.xlsx");
    await fs.symlink(input, at("link.json"));
    const before = await snapshot();
    const r = await cli(...argv(input));
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/是同一个文件/)]);
    expect(r.err).not.toMatch(/\.tmp|未写出任何文件。\n.*已写出/);
    expect(await snapshot()).toEqual(before);
  });

  test("a hard link to the input is the input", async () => {
    const input = await copy(EXAMPLE);
    await fs.link(input, at("same.xlsx"));
    const r = await cli("score", input, "-o", at("same.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toContain(at("same.xlsx"));
    expect(r.err).toContain(input);
  });
});

describe("an existing file is replaced only when the tool wrote it, or with --force", () => {
  test("score: the default <name>.scored.xlsx of an earlier run is ours and is replaced", async () => {
    const input = await copy(EXAMPLE);
    expect((await cli("score", input)).code).toBe(3);
    expect((await cli("score", input)).code).toBe(3);
    expect((await cli("score", input, "--json", at("r.json"))).code).toBe(3);
    expect((await cli("score", input, "--json", at("r.json"))).code).toBe(3);
  });

  test("an earlier version's <name>.scored.xlsx (no mark yet) is recognised under its default name only", async () => {
    const input = await copy(EXAMPLE, "台账.xlsx");
    expect((await cli("score", input, "-o", at("tmp.xlsx"))).code).toBe(3);
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(at("tmp.xlsx"));
    wb.removeWorksheet(wb.getWorksheet("示范岗考评_数据")!.id);
    await wb.xlsx.writeFile(at("台账.scored.xlsx"));
    await fs.copyFile(at("台账.scored.xlsx"), at("other.xlsx"));
    expect((await cli("score", input, "-o", at("other.xlsx"))).code).toBe(2);
    expect((await cli("score", input)).code).toBe(3);
    // A file of the user's under that name (not a scored copy) is still hers.
    await fs.copyFile(SHANGHAI, at("台账.scored.xlsx"));
    expect((await cli("score", input)).code).toBe(2);
  });

  test("score -o onto the user's own workbook is refused, naming it; --force replaces it", async () => {
    const input = await copy(EXAMPLE);
    const hers = await copy(SHANGHAI, "她的台账.xlsx");
    const before = await fs.readFile(hers);
    const r = await cli("score", input, "-o", hers);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${hers} 已存在，且不是本工具写出的文件`);
    expect(r.err).toContain("--force");
    expect(await fs.readFile(hers)).toEqual(before);
    expect((await cli("score", input, "-o", hers, "--force")).code).toBe(3);
    expect(await fs.readFile(hers)).not.toEqual(before);
  });

  test("the output mark is read from the zip without loading the workbook", async () => {
    const input = await copy(EXAMPLE);
    expect((await cli("score", input, "-o", at("o.xlsx"))).code).toBe(3);
    const mark = /\{"command":"score","at":"[^"]*"\}/;
    expect(sheetHolds(new Uint8Array(await fs.readFile(at("o.xlsx"))), "示范岗考评_数据", mark)).toBe(true);
    expect(sheetHolds(new Uint8Array(await fs.readFile(input)), "示范岗考评_数据", mark)).toBe(false);
    expect(sheetHolds(new Uint8Array(Buffer.from("not a zip")), "示范岗考评_数据", mark)).toBeNull();
  });

  test("a ledger the tool wrote into in place (--in-place) is still the user's, not an output", async () => {
    const input = await copy(EXAMPLE);
    const hers = await copy(EXAMPLE, "her.xlsx");
    expect((await cli("score", hers, "--in-place")).code).toBe(3);
    const r = await cli("score", input, "-o", hers);
    expect(r.code).toBe(2);
    expect(r.err).toContain("不是本工具写出的文件");
  });

  test("summary without -o does not replace a 年度汇总.xlsx the user made; a summary of ours is replaced", async () => {
    const input = await copy(EXAMPLE);
    await fs.writeFile(at("年度汇总.xlsx"), "her own summary");
    const r = await cli("summary", input);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${at("年度汇总.xlsx")} 已存在`);
    expect(await fs.readFile(at("年度汇总.xlsx"), "utf8")).toBe("her own summary");
    expect((await cli("summary", input, "--force")).code).toBe(3);
    expect((await cli("summary", input)).code).toBe(3);
  });

  test("--json onto a file that is not one of the tool's JSON results is refused", async () => {
    const input = await copy(EXAMPLE);
    await fs.writeFile(at("notes.json"), JSON.stringify({ mine: true }));
    const r = await cli("score", input, "--dry-run", "--json", at("notes.json"));
    expect(r.code).toBe(2);
    expect(r.err).toContain(at("notes.json"));
    expect(JSON.parse(await fs.readFile(at("notes.json"), "utf8"))).toEqual({ mine: true });
  });

  test("survey and plan copies are ours; a template never is", async () => {
    const survey = await copy(SURVEY);
    expect((await cli("survey", survey, "-o", at("s.xlsx"))).code).toBe(3);
    expect((await cli("survey", survey, "-o", at("s.xlsx"))).code).toBe(3);
    const units = await copy(SHANGHAI);
    expect((await cli("plan", units)).code).toBe(0);
    expect((await cli("plan", units)).code).toBe(0);
    expect((await cli("template", "hunan", "-o", at("t.xlsx"))).code).toBe(0);
    const again = await cli("template", "hunan", "-o", at("t.xlsx"));
    expect(again.code).toBe(2);
    expect(again.err).toContain("--force");
    expect((await cli("template", "hunan", "-o", at("t.xlsx"), "--force")).code).toBe(0);
  });

  test("a folder as the output is named as a folder", async () => {
    const input = await copy(EXAMPLE);
    await fs.mkdir(at("out"));
    const r = await cli("score", input, "-o", at("out"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("是一个文件夹");
  });
});

describe("… with workbooks other programs wrote", () => {
  test.each(
    FOREIGN_LEDGERS.flatMap((file) =>
      (
        [
          ["score -o <input>", (i) => ["score", i, "-o", i]],
          ["score --json <input>", (i) => ["score", i, "--json", i]],
          ["score --json <input> --force", (i) => ["score", i, "--json", i, "--force"]],
          ["summary -o <input>", (i) => ["summary", i, "-o", i]],
          ["summary --json <input>", (i) => ["summary", i, "--json", i]],
          ["survey -o <input>", (i) => ["survey", i, "-o", i]],
          ["survey --json <input>", (i) => ["survey", i, "--json", i]],
        ] as [string, (input: string) => string[]][]
      ).map(([name, argv]) => [file, name, argv] as const),
    ),
  )("%s: %s is refused (exit 2) and nothing is written", async (file, _name, argv) => {
    const input = await copy(path.join(LOSSLESS, file));
    const before = await snapshot();
    const r = await cli(...argv(input));
    expect([r.code, r.err]).toEqual([2, expect.stringMatching(/是同一个文件/)]);
    expect(await snapshot()).toEqual(before);
  });

  test.each(FOREIGN_LEDGERS)("%s is the user's: no command replaces it without --force, under any name", async (file) => {
    const hers = await copy(path.join(LOSSLESS, file), "hers.xlsx");
    const bytes = await fs.readFile(hers);
    const input = await copy(EXAMPLE, "台账.xlsx");
    const survey = await copy(SURVEY);
    const units = await copy(SHANGHAI);
    for (const argv of [
      ["score", input, "-o", hers],
      ["summary", input, "-o", hers],
      ["survey", survey, "-o", hers],
      ["plan", units, "-o", hers],
      ["consolidate", input, "-o", hers],
      ["template", "hunan", "-o", hers],
    ]) {
      const r = await cli(...argv);
      expect([argv.join(" "), r.code]).toEqual([argv.join(" "), 2]);
      expect(r.err).toContain(`${hers} 已存在，且不是本工具写出的文件`);
      expect(await fs.readFile(hers)).toEqual(bytes);
    }
    // Under the default output names too: those are recognised by content, and hers has none of ours.
    await fs.copyFile(hers, at("台账.scored.xlsx"));
    await fs.copyFile(hers, at("年度汇总.xlsx"));
    expect((await cli("score", input)).code).toBe(2);
    expect((await cli("summary", input)).code).toBe(2);
    expect(await fs.readFile(at("台账.scored.xlsx"))).toEqual(bytes);
    expect(await fs.readFile(at("年度汇总.xlsx"))).toEqual(bytes);
    expect((await cli("score", input, "-o", hers, "--force")).code).toBe(3);
    expect(await fs.readFile(hers)).not.toEqual(bytes);
  });

  test.each(FOREIGN_LEDGERS)("%s: the tool's copy of it is the tool's (replaced by the next run); the file scored in place stays hers", async (file) => {
    const input = await copy(path.join(LOSSLESS, file), "in.xlsx");
    expect([0, 3]).toContain((await cli("score", input, "-o", at("copy.xlsx"))).code);
    expect([0, 3]).toContain((await cli("score", input, "-o", at("copy.xlsx"))).code);
    expect([0, 3]).toContain((await cli("score", input, "--in-place")).code);
    const bytes = await fs.readFile(input);
    const r = await cli("score", EXAMPLE, "-o", input);
    expect(r.code).toBe(2);
    expect(r.err).toContain("不是本工具写出的文件");
    expect(await fs.readFile(input)).toEqual(bytes);
  });
});

describe("every command that writes a workbook it read keeps what it did not change (charts included)", () => {
  test.each<[string, string, (input: string) => string[]]>([
    ["score", SURVEY_CHART, (i) => ["score", i, "-o", at("o.xlsx")]],
    ["survey", SURVEY_CHART, (i) => ["survey", i, "-o", at("o.xlsx")]],
    ["survey --fill-ledger (writes into the sheet that holds the chart)", SURVEY_CHART, (i) => ["survey", i, "-o", at("o.xlsx"), "--fill-ledger"]],
    ["plan", SHANGHAI_CHART, (i) => ["plan", i, "-o", at("o.xlsx")]],
  ])("%s: the chart, its drawing and their rels byte for byte, still drawn on the sheet", async (_name, file, argv) => {
    const input = await copy(file, "in.xlsx");
    const before = await chartChain(input);
    expect(before.drawn).toBe(true);
    expect(Object.values(before.parts)).not.toContain(undefined);
    expect(before.types).toHaveLength(2);
    const r = await cli(...argv(input));
    expect([0, 3]).toContain(r.code);
    expect(r.out).not.toContain("不会保留");
    expect(await chartChain(at("o.xlsx"))).toEqual(before);
  });
});

describe("after a failure the user is told exactly what was written", () => {
  test("JSON written, workbook not: both named, never 未写出任何文件, never a temporary file", async () => {
    const input = await copy(EXAMPLE);
    const out = path.join(tmp.path, "no-such-folder", "out.xlsx");
    const r = await cli("score", input, "-o", out, "--json", at("r.json"));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`已写出：${at("r.json")}；未写出：${out}`);
    expect(r.err).toContain(`：${out}`);
    expect(r.err).not.toContain("未写出任何文件");
    expect(r.err).not.toMatch(/\.tmp/);
    expect(existsSync(at("r.json"))).toBe(true);
    expect((await fs.readdir(tmp.path)).filter((f) => f.startsWith("."))).toEqual([]);
  });

  test("nothing written: 未写出任何文件", async () => {
    const r = await cli("score", at("missing.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toContain("未写出任何文件");
    expect(r.err).toContain(at("missing.xlsx"));
  });
});

describe("an unexpected error is an internal error in Chinese, without a stack trace", () => {
  const saved = process.env["PIONEER_DEBUG"];
  afterEach(() => {
    if (saved === undefined) delete process.env["PIONEER_DEBUG"];
    else process.env["PIONEER_DEBUG"] = saved;
  });
  test("no stack unless PIONEER_DEBUG=1", () => {
    delete process.env["PIONEER_DEBUG"];
    const e = new TypeError("Cannot read properties of undefined (reading 'x')");
    const plain = internalError(e);
    expect(plain).toMatch(/^内部错误：/);
    expect(plain).not.toMatch(/\n\s+at /);
    process.env["PIONEER_DEBUG"] = "1";
    expect(internalError(e)).toMatch(/\n\s+at /);
  });
});
