import { execFile } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { cli, tempDirEach } from "./cliHarness";
import { chartChain, SURVEY_CHART } from "./foreignBooks";
import type { LedgerResult } from "../../src/engine/types";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures");
const EXAMPLE = path.join(ROOT, "examples", "hunan-ledger.xlsx");

const tmp = tempDirEach("pioneer-cli-");

async function copy(file: string, name = path.basename(file)): Promise<string> {
  const to = path.join(tmp.path, name);
  await fs.copyFile(file, to);
  return to;
}

const readJson = async (f: string) => JSON.parse(await fs.readFile(f, "utf8")) as LedgerResult;

describe("golden workbooks through the CLI entry", () => {
  test("golden-basic (written by SheetJS)", async () => {
    const input = await copy(path.join(FIXTURES, "golden-basic.xlsx"));
    const json = path.join(tmp.path, "r.json");
    const { code, out } = await cli("score", input, "--json", json);
    expect(code).toBe(3);
    const expected = JSON.parse(await fs.readFile(path.join(FIXTURES, "golden-basic.expected.json"), "utf8")) as LedgerResult;
    const actual = await readJson(json);
    expect(actual).toMatchObject(expected);
    expect(actual.sheets[0]!.rows[1]!.warnings.map((w) => w.code)).toContain("expired");
    expect(out).toContain("保持 1　整改 2　撤销 4　数据有误 1");
    expect(existsSync(path.join(tmp.path, "golden-basic.scored.xlsx"))).toBe(true);
  });

  test("the bundled example covers every status", async () => {
    const input = await copy(EXAMPLE);
    const json = path.join(tmp.path, "r.json");
    const { code, out } = await cli("score", input, "--json", json);
    expect(code).toBe(3);
    const rows = (await readJson(json)).sheets[0]!.rows;
    const count = (s: string) => rows.filter((r) => r.status === s).length;
    expect([count("retain"), count("rectify"), count("revoke"), count("error")]).toEqual([17, 11, 17, 4]);
    expect(out).toMatch(/撤销（17）/);
    expect(out).toContain("K18");
    expect(out).toContain("违纪违法（AF42）“待查”尚无结论");
    // A revocation by trigger shows no score beside it; one below 70 does. Absent columns are said once.
    expect(out).toMatch(/第5行 [^\n]*2024年初评\n/);
    expect(out).toMatch(/第21行 [^\n]*2025年初评 {2}20分\n/);
    expect(out.match(/未检查/g)).toHaveLength(2);
    expect(out).toMatch(/\n {2}说明：本表没有“[^\n]*（45 条考核记录）/);
  });
});

describe("exit codes", () => {
  test("0 when every row is scored", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["示范岗名称", "岗位类别", "未亮明身份"]);
    ws.addRow(["报建窗口", "服务岗", "否"]);
    const input = path.join(tmp.path, "ok.xlsx");
    await wb.xlsx.writeFile(input);
    const { code } = await cli("score", input);
    expect(code).toBe(0);
  });

  test("1 for a file that is not an .xlsx, nothing written", async () => {
    const input = path.join(tmp.path, "notes.xlsx");
    await fs.writeFile(input, "市州,工作单位\n");
    const { code, err } = await cli("score", input);
    expect(code).toBe(1);
    expect(err).toContain("不是 Excel 工作簿");
    expect(await fs.readdir(tmp.path)).toEqual(["notes.xlsx"]);
  });

  test("1 when no ledger sheet is found, naming the missing headers", async () => {
    const input = await copy(path.join(FIXTURES, "no-ledger.xlsx"));
    const { code, err } = await cli("score", input);
    expect(code).toBe(1);
    expect(err).toMatch(/工作表「Sheet1」缺少表头：岗位类别/);
    expect(await fs.readdir(tmp.path)).toEqual(["no-ledger.xlsx"]);
  });

  test("1 for a missing file", async () => {
    const { code, err } = await cli("score", path.join(tmp.path, "nope.xlsx"));
    expect(code).toBe(1);
    expect(err).toContain("找不到文件");
  });

  test("1 when --sheet names a sheet that is not a ledger", async () => {
    const input = await copy(path.join(FIXTURES, "golden-basic.xlsx"));
    const { code, err } = await cli("score", input, "--sheet", "封面");
    expect(code).toBe(1);
    expect(err).toContain("工作表「封面」不是考核台账");
  });

  test.each([
    ["no arguments", []],
    ["an unknown command", ["grade", "x.xlsx"]],
    ["an unknown option", ["score", "x.xlsx", "--fast"]],
    ["no input file", ["score"]],
    ["a bad --cycle-start", ["score", "x.xlsx", "--cycle-start", "明年"]],
    ["an unknown template scheme", ["template", "beijing"]],
  ])("2 for %s", async (_l, argv) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err + (argv.length ? "" : "用法")).toMatch(/用法/);
  });
});

describe("never overwrites its input unless --in-place", () => {
  test("-o pointing at the input is refused", async () => {
    const input = await copy(EXAMPLE);
    const before = await fs.readFile(input);
    const { code, err } = await cli("score", input, "-o", input);
    expect(code).toBe(2);
    expect(err).toContain("--in-place");
    expect(await fs.readFile(input)).toEqual(before);
  });
  test("--in-place writes the owned columns into the input", async () => {
    const input = await copy(EXAMPLE);
    const { code } = await cli("score", input, "--in-place");
    expect(code).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    const header = (wb.getWorksheet("考核台账")!.getRow(3).values as unknown[]).filter(Boolean);
    expect(header).toContain("考核结论");
    expect(await fs.readdir(tmp.path)).toEqual(["hunan-ledger.xlsx"]);
  });
  test("--dry-run writes no workbook but still writes --json", async () => {
    const input = await copy(EXAMPLE);
    const { code, out } = await cli("score", input, "--dry-run", "--json", path.join(tmp.path, "r.json"));
    expect(code).toBe(3);
    expect(out).toContain("未写出工作簿");
    expect((await fs.readdir(tmp.path)).sort()).toEqual(["hunan-ledger.xlsx", "r.json"]);
  });
  test("--cycle-start changes validThrough", async () => {
    const input = await copy(path.join(FIXTURES, "golden-basic.xlsx"));
    await cli("score", input, "--dry-run", "--cycle-start", "2024", "--json", path.join(tmp.path, "r.json"));
    expect((await readJson(path.join(tmp.path, "r.json"))).sheets[0]!.rows[0]!.validThrough).toBe(2025);
  });
  test("--settings reads boundary settings from JSON and rejects bad ones", async () => {
    const input = await copy(path.join(FIXTURES, "golden-basic.xlsx"));
    const settings = path.join(tmp.path, "s.json");
    await fs.writeFile(settings, JSON.stringify({ thresholds: { satisfactionMin: { value: 120 } } }));
    const { code, err } = await cli("score", input, "--dry-run", "--settings", settings);
    expect(code).toBe(2);
    expect(err).toContain("satisfactionMin");
  });
});

test("template hunan writes the canonical ledger, which reads back as a ledger", async () => {
  const out = path.join(tmp.path, "台账模板.xlsx");
  const { code } = await cli("template", "hunan", "-o", out);
  expect(code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  expect(wb.worksheets.map((w) => w.name)).toEqual(["考核台账", "成员", "说明"]);
  const ws = wb.getWorksheet("考核台账")!;
  const model = (ws as unknown as { dataValidations: { model: Record<string, { formulae?: string[] }> } }).dataValidations.model;
  const lists = Object.values(model).flatMap((v) => (v.formulae ? [v.formulae[0]] : []));
  expect(lists).toEqual(expect.arrayContaining(['"是,否"', '"服务岗,监督岗"', '"市州级,省级"', '"初评,复评"']));
  const scored = await cli("score", out, "--dry-run");
  expect(scored.code).toBe(0);
  expect(scored.out).toContain("表头第2行");
});

test("the installed bin runs (npx pioneer-scorecard --help)", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(ROOT, "bin", "pioneer-scorecard.js"), "--help"]);
  expect(stdout).toContain("pioneer-scorecard score <台账.xlsx>");
  expect(stdout).toContain("--in-place");
});

describe("content the tool does not own (charts, pivot tables) is carried through", () => {
  /** An openpyxl ledger with a real chart drawn on the ledger sheet. */
  async function withChart(): Promise<string> {
    return copy(SURVEY_CHART, "with-chart.xlsx");
  }
  test("-o writes a new file that keeps the chart; nothing is said to be lost", async () => {
    const input = await withChart();
    const before = await chartChain(input);
    expect(before.drawn).toBe(true);
    const { code, out } = await cli("score", input);
    expect([0, 3]).toContain(code);
    expect(out).not.toContain("不会保留");
    expect(await chartChain(path.join(tmp.path, "with-chart.scored.xlsx"))).toEqual(before);
  });
  test("--in-place writes the results and keeps the chart", async () => {
    const input = await withChart();
    const before = await chartChain(input);
    const { code } = await cli("score", input, "--in-place");
    expect([0, 3]).toContain(code);
    expect(await fs.readFile(input)).not.toEqual(await fs.readFile(SURVEY_CHART));
    expect(await chartChain(input)).toEqual(before);
  });
});

describe("what the pane saved in the workbook", () => {
  test("settings and the confirmed mapping from the pane apply; the command line's own settings win", async () => {
    const { FilePort } = await import("../../src/adapters/xlsx/filePort");
    const port = await FilePort.open(new Uint8Array(await fs.readFile(EXAMPLE)), "x.xlsx");
    await port.saveState({ settings: { revokeBelowScore: 90 }, mapping: { 考核台账: { unit: 0 } } });
    const input = path.join(tmp.path, "saved.xlsx");
    await fs.writeFile(input, await port.toBytes());
    const json = path.join(tmp.path, "r.json");
    await cli("score", input, "--json", json, "--dry-run");
    const rows = (await readJson(json)).sheets[0]!.rows;
    expect(rows.filter((r) => r.status === "revoke").length).toBeGreaterThan(17);
    expect(rows[0]!.key.split("|")[1]).toBe(""); // 工作单位 unmapped as the pane saved
    const settings = path.join(tmp.path, "s.json");
    await fs.writeFile(settings, JSON.stringify({ revokeBelowScore: 70 }));
    await cli("score", input, "--json", json, "--dry-run", "--settings", settings);
    expect((await readJson(json)).sheets[0]!.rows.filter((r) => r.status === "revoke").length).toBe(17);
  });
});
