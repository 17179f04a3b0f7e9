/** The shanghai scheme from the command line: golden workbooks, scheme choice, plan, template. */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { cli, tempDirEach } from "./cliHarness";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURES = path.join(ROOT, "test", "fixtures");
const EXAMPLE = path.join(ROOT, "examples", "shanghai-units.xlsx");
const HUNAN = path.join(ROOT, "examples", "hunan-ledger.xlsx");

const tmp = tempDirEach("pioneer-sh-");
const copy = async (file: string) => {
  const to = path.join(tmp.path, path.basename(file));
  await fs.copyFile(file, to);
  return to;
};
const readJson = async (f: string) => JSON.parse(await fs.readFile(f, "utf8")) as Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");

type PlanRow = { year: number; kind: string; tier: string; planned: number; recognised: number; cumulativePlanned: number; cumulativeRecognised: number; behind: boolean };

describe("golden 示范点 workbooks, the scheme chosen from the headers", () => {
  test.each([
    ["the bundled example (ExcelJS, title and grouping rows, every status, both lines)", EXAMPLE, "shanghai-units.expected.json", "达标 11　未达标 2　待核实 3　不符合条件 6　撤销 2　数据有误 2"],
    ["another office's workbook (SheetJS, a sheet per kind, no 类型 column)", path.join(FIXTURES, "shanghai-other.xlsx"), "shanghai-other.expected.json", "达标 2　未达标 0　待核实 1　不符合条件 1　撤销 1　数据有误 1"],
  ])("%s", async (_l, file, expected, counts) => {
    const input = await copy(file);
    const json = path.join(tmp.path, "r.json");
    const { code, out } = await cli("score", input, "--json", json);
    expect(code).toBe(3);
    expect(await readJson(json)).toMatchObject(await readJson(path.join(FIXTURES, expected)));
    expect(out).toContain(counts);
    expect(out).toContain("示范岗考评助手 · 上海");
    const inputBytes = await fs.readFile(input);
    expect(inputBytes.equals(await fs.readFile(file))).toBe(true); // the input file is untouched
  });

  test("the scored copy holds the seven columns; a rerun on it updates them in place", async () => {
    const input = await copy(EXAMPLE);
    await cli("score", input);
    const scored = input.replace(/\.xlsx$/, ".scored.xlsx");
    const { code } = await cli("score", scored, "-o", path.join(tmp.path, "again.xlsx"));
    expect(code).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(tmp.path, "again.xlsx"));
    const header = (wb.getWorksheet("示范点")!.getRow(3).values as unknown[]).filter((v) => typeof v === "string");
    expect(header.filter((h) => h === "结论")).toHaveLength(1);
    expect(header.slice(-7)).toEqual(["基本标准得分", "行业标准得分", "总分", "结论", "不符合条件原因", "待核实项", "提示"]);
  });

  test("--scheme forces a scheme; the wrong one says what it looked for", async () => {
    const forced = await cli("score", await copy(EXAMPLE), "--scheme", "hunan", "--dry-run");
    expect(forced.code).toBe(1);
    expect(forced.err).toContain("没有找到考核台账");
    const other = await cli("score", await copy(HUNAN), "--scheme", "shanghai", "--dry-run");
    expect(other.code).toBe(1);
    expect(other.err).toContain("示范点表");
    expect((await cli("score", await copy(EXAMPLE), "--scheme", "beijing")).code).toBe(2);
    expect((await cli("score", await copy(EXAMPLE), "--cycle-start", "2025")).err).toContain("只用于 hunan");
  });

  test("--pass-mark and a settings file change the boundary", async () => {
    const input = await copy(EXAMPLE);
    expect((await cli("score", input, "--pass-mark", "90", "--dry-run")).out).toContain("达标分：90 分");
    const settings = path.join(tmp.path, "s.json");
    await fs.writeFile(settings, JSON.stringify({ passMark: 80, blankCriterion: "zero" }));
    const { out } = await cli("score", input, "--settings", settings, "--dry-run");
    expect(out).toContain("达标分：80 分");
    await fs.writeFile(settings, JSON.stringify({ passMark: 180 }));
    const bad = await cli("score", input, "--settings", settings, "--dry-run");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("passMark");
  });
});

describe("plan", () => {
  test("--json on stdout: per year × kind × tier against 15 / 5, years behind plan marked", async () => {
    const { code, out } = await cli("plan", await copy(EXAMPLE), "--json");
    expect(code).toBe(0);
    const data = JSON.parse(out) as { plan: PlanRow[]; targets: Record<string, number> };
    expect(data.targets).toEqual({ first: 15, top: 5 });
    expect(data.plan).toHaveLength(3 * 3 * 2);
    const row = (year: number, kind: string, tier: string) => data.plan.find((r) => r.year === year && r.kind === kind && r.tier === tier);
    expect(row(2019, "post", "first")).toEqual({ year: 2019, kind: "post", tier: "first", planned: 5, recognised: 2, cumulativePlanned: 5, cumulativeRecognised: 2, behind: true });
    expect(row(2021, "post", "first")).toMatchObject({ recognised: 2, cumulativePlanned: 15, cumulativeRecognised: 4 });
    // 李海燕 (治水管海先锋, 2019) counts for both tiers; her 2021 复评 revokes and is not counted again.
    expect(row(2019, "post", "top")).toMatchObject({ planned: 2, recognised: 1 });
    expect(row(2021, "post", "top")).toMatchObject({ recognised: 0, cumulativeRecognised: 1 });
    // 闵行 org: 认定 2019 and 复评 2021 达标 — one unit, counted in 2019.
    expect(row(2019, "org", "first")!.recognised).toBe(2);
    expect(row(2021, "org", "first")!.recognised).toBe(0);
    expect(row(2020, "org", "first")!.recognised).toBe(1);
  });

  test("a plan the office met is not behind; later plan years are not due yet", async () => {
    const settings = path.join(tmp.path, "plan.json");
    await fs.writeFile(settings, JSON.stringify({ plan: { first: { "2019": 2, "2020": 0, "2021": 1, "2022": 3 }, top: { "2019": 1 } } }));
    const json = path.join(tmp.path, "plan.out.json");
    const { code, out } = await cli("plan", await copy(EXAMPLE), "--settings", settings, "--json", json);
    expect(code).toBe(0);
    expect(out).toContain("已写出");
    const data = (await readJson(json)) as { plan: PlanRow[] };
    const post = data.plan.filter((r) => r.kind === "post" && r.tier === "first");
    expect(post.map((r) => [r.year, r.behind])).toEqual([
      [2019, false],
      [2020, false],
      [2021, false],
      [2022, false],
    ]);
    expect(data.plan.find((r) => r.kind === "point" && r.tier === "first" && r.year === 2021)).toMatchObject({ cumulativePlanned: 3, cumulativeRecognised: 2, behind: true });
  });

  test("the 创建计划 sheet is added to a copy; the input is untouched", async () => {
    const input = await copy(EXAMPLE);
    const { code, out } = await cli("plan", input);
    expect(code).toBe(0);
    expect(out).toContain("党员示范岗：2019 2/5（落后），2020 0/5（落后），2021 2/5（落后）；累计 4/15");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input.replace(/\.xlsx$/, ".创建计划.xlsx"));
    const ws = wb.getWorksheet("创建计划")!;
    expect(text(ws.getCell(2, 1).value)).toMatch(/^由示范岗考评助手生成/);
    const sheet = ws.getSheetValues().map((r) => (Array.isArray(r) ? r.map(text).filter(Boolean).join("|") : "")).join("\n");
    expect(sheet).toContain("2019|党员示范岗|5|2|5|2|2/15|落后于计划 3 个");
    expect(sheet).toContain("复评撤销的示范点");
    expect((await fs.readFile(input)).equals(await fs.readFile(EXAMPLE))).toBe(true);
  });
});

test("template shanghai writes the canonical sheet, which is recognised as a 示范点 sheet", async () => {
  const out = path.join(tmp.path, "模板.xlsx");
  expect((await cli("template", "shanghai", "-o", out)).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet("示范点")!;
  const headers = (ws.getRow(2).values as unknown[]).filter((v) => typeof v === "string");
  expect(headers.slice(0, 7)).toEqual(["名称", "类型", "所属单位", "条线", "年度", "层级", "步骤"]);
  expect(headers).toContain("管党治党有力");
  expect(headers).toContain("年终考核等次");
  const dry = await cli("score", out, "--dry-run");
  expect(dry.out).toContain("0 个示范点记录");
});
