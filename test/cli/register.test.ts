/**
 * register and screen through the CLI entry: the SheetJS golden workbook (three years) against its expected JSON,
 * the bundled example's figures (as in the README), and the usage errors. Every run gives --as-of.
 */
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { cli, tempDirEach } from "./cliHarness";

const ROOT = path.join(__dirname, "..", "..");
const FIXTURE = path.join(ROOT, "test", "fixtures", "register-3years.xlsx");
const EXAMPLE = path.join(ROOT, "examples", "hunan-register.xlsx");
const tmp = tempDirEach("pioneer-register-");

async function copy(file: string): Promise<string> {
  const to = path.join(tmp.path, path.basename(file));
  await fs.copyFile(file, to);
  return to;
}
const readJson = async (f: string): Promise<unknown> => JSON.parse(await fs.readFile(f, "utf8")) as unknown;

describe("register", () => {
  test("the golden three-year workbook (written by SheetJS) gives the expected register", async () => {
    const input = await copy(FIXTURE);
    const json = path.join(tmp.path, "r.json");
    const before = await fs.readFile(input);
    const { code, out } = await cli("register", input, "--json", json, "--as-of", "2026-01-20");
    expect(code).toBe(0);
    expect(await readJson(json)).toEqual(await readJson(path.join(ROOT, "test", "fixtures", "register-3years.expected.json")));
    expect(out).toContain("示范岗 9 个：有效 2　整改待复评 1　已撤销 3　期满 3");
    expect(out).toContain("已报送 2　逾期后报送 1　本月应报 2　逾期未报 10");
    expect(out).toContain("名称只差数字写法（一/1）");
    expect(await fs.readFile(input)).toEqual(before); // the input is never changed
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(tmp.path, "示范岗名册.xlsx"));
    const ws = wb.getWorksheet("示范岗名册")!;
    expect(ws.getCell("A1").value).toBe("党员示范岗名册");
    expect(ws.getRow(3).values).toContain("当前状态");
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape" });
  });

  test("the example: 42 posts, 有效 19 · 整改待复评 8 · 已撤销 14 · 期满 1; the reports as of 2026-01-20", async () => {
    const input = await copy(EXAMPLE);
    const json = path.join(tmp.path, "r.json");
    const { code, out } = await cli("register", input, "-o", path.join(tmp.path, "名册.xlsx"), "--json", json, "--as-of", "2026-01-20");
    expect(code).toBe(0);
    expect(out).toContain("示范岗 42 个：有效 19　整改待复评 8　已撤销 14　期满 1");
    expect(out).toContain("已报送 54　逾期后报送 1　本月应报 14　逾期未报 2");
    const reg = (await readJson(json)) as { asOf: string; posts: { state: string; history: unknown[] }[]; nearDuplicates: unknown[] };
    expect(reg.asOf).toBe("2026-01-20");
    expect(reg.posts).toHaveLength(42);
    expect(reg.posts.reduce((n, p) => n + p.history.length, 0)).toBe(49); // every ledger row in one post's history
    expect(Object.keys(reg.posts[0]!)).toEqual(expect.arrayContaining(["city", "unit", "name", "postType", "level", "electedYear", "validThrough", "state", "revokedYear", "history", "next"]));
  });

  test.each([
    ["a bad --as-of", ["register", "x.xlsx", "--as-of", "2026/1/20"], /--as-of 应为 YYYY-MM-DD/],
    ["no input", ["register"], /用法：pioneer-scorecard register/],
    ["screen without input", ["screen"], /用法：pioneer-scorecard screen/],
    ["a bad --year", ["screen", "x.xlsx", "--year", "明年"], /--year 应为四位年份/],
  ])("%s is a usage error (exit 2)", async (_name, args, message) => {
    const { code, err } = await cli(...args);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });
});

describe("screen", () => {
  test("the golden workbook's 推荐名单 gives the expected screening", async () => {
    const input = await copy(FIXTURE);
    const json = path.join(tmp.path, "s.json");
    const { code, out } = await cli("screen", input, "--json", json, "--as-of", "2026-01-20");
    expect(code).toBe(0);
    expect(await readJson(json)).toEqual(await readJson(path.join(ROOT, "test", "fixtures", "register-3years.screen.expected.json")));
    expect(out).toContain("符合条件 2　不符合条件 3　待确认 2");
    expect(existsSync(path.join(tmp.path, "评选资格审查.xlsx"))).toBe(true);
  });

  test("the example: 18 candidates, 符合条件 5 · 不符合条件 6 · 待确认 7", async () => {
    const input = await copy(EXAMPLE);
    const { code, out } = await cli("screen", input, "-o", path.join(tmp.path, "审查.xlsx"), "--as-of", "2026-01-20");
    expect(code).toBe(0);
    expect(out).toContain("符合条件 5　不符合条件 6　待确认 7");
  });

  test("a workbook without a 推荐名单 is refused (exit 1), nothing written", async () => {
    const input = await copy(path.join(ROOT, "examples", "hunan-ledger.xlsx"));
    const { code, err } = await cli("screen", input, "--as-of", "2026-01-20");
    expect(code).toBe(1);
    expect(err).toContain("没有“推荐名单”表");
    expect(existsSync(path.join(tmp.path, "评选资格审查.xlsx"))).toBe(false);
  });

  test("template register writes the 推荐名单 and 报送情况 sheets, which the readers find again", async () => {
    const out = path.join(tmp.path, "t.xlsx");
    const { code } = await cli("template", "register", "-o", out);
    expect(code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["推荐名单", "报送情况", "说明"]);
    expect(wb.getWorksheet("推荐名单")!.getRow(2).values).toEqual(expect.arrayContaining(["负责人上年度先进个人", "负责人上年度模范党员监督工程师", "推荐级别"]));
  });
});
