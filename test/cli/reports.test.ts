import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ledgerRows } from "../../bench/hunanLedger";
import { cli, tempDirEach } from "./cliHarness";

const ROOT = path.join(__dirname, "..", "..");
const EX = path.join(ROOT, "examples");

const tmp = tempDirEach("pioneer-reports-");

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

async function copy(file: string): Promise<string> {
  const to = path.join(tmp.path, path.basename(file));
  await fs.copyFile(file, to);
  return to;
}

type Json = Record<string, unknown>;
const readJson = async (f: string) => JSON.parse(await fs.readFile(f, "utf8")) as Json;

describe("pioneer-scorecard survey", () => {
  test("the bundled survey: tally sheet, JSON shape, ledger quarter columns filled, input untouched", async () => {
    const input = await copy(path.join(EX, "hunan-survey.xlsx"));
    const before = await fs.readFile(input);
    const out = path.join(tmp.path, "out.xlsx");
    const json = path.join(tmp.path, "t.json");
    const r = await cli("survey", input, "-o", out, "--json", json, "--fill-ledger");
    expect(r.code).toBe(3); // one response row has an unreadable quarter
    expect(r.out).toContain("共 56 个“示范岗 × 季度”：达标 53　扣10分 2　撤销 1");
    expect(r.out).toContain("已填入台账季度满意度 55 个单元格");
    expect((await fs.readFile(input)).equals(before)).toBe(true);

    const j = await readJson(json);
    const tally = j["tally"] as Json[];
    expect(Object.keys(tally[0]!)).toEqual(["post", "city", "unit", "key", "year", "quarter", "valid", "positive", "blank", "invalid", "counts", "rate", "band", "warnings"]);
    const xiangtan = tally.find((t) => t["city"] === "湘潭" && t["quarter"] === 4)!;
    expect(xiangtan).toMatchObject({ valid: 50, positive: 39, rate: 0.78, band: "revoke" });
    expect((j["unmatched"] as Json[]).map((u) => [u["kind"], u["city"]])).toEqual([["not-in-ledger", "长沙"], ["no-survey", "益阳"]]);

    const wb = await load(out);
    const sheet = wb.getWorksheet("满意度汇总")!;
    expect(sheet.getCell("A1").value).toBe("党员示范岗季度服务满意度汇总表");
    expect(sheet.getCell("A2").text).toMatch(/^由示范岗考评助手生成/);
    expect(sheet.pageSetup.orientation).toBe("landscape");
    // The ledger: 湘潭's Q4 now holds the survey's 78% (a number formatted as percent); other inputs unchanged.
    const ledger = wb.getWorksheet("考核台账")!;
    const src = (await load(input)).getWorksheet("考核台账")!;
    let changed = 0;
    ledger.eachRow((row, r) => {
      row.eachCell((cell, c) => {
        const was = src.getCell(r, c).value;
        if (JSON.stringify(cell.value) !== JSON.stringify(was)) {
          changed++;
          expect(src.getCell(3, c).text).toMatch(/季度满意度/);
        }
      });
    });
    expect(changed).toBeGreaterThan(0);
    const q4 = [...Array(ledger.columnCount).keys()].map((i) => i + 1).find((c) => ledger.getCell(3, c).text.startsWith("四季度"))!;
    let xt: ExcelJS.Cell | null = null;
    ledger.eachRow((row, r) => {
      if (r > 3 && row.getCell(2).value === "湘潭" && row.getCell(4).value === "报建窗口党员服务示范岗") xt = ledger.getCell(r, q4);
    });
    expect([xt!.value, xt!.numFmt]).toEqual([0.78, "0.00%"]);
  });

  test("rerunning on its own output replaces the tally sheet instead of adding a second", async () => {
    const input = await copy(path.join(ROOT, "test", "fixtures", "survey-counts.xlsx"));
    const once = path.join(tmp.path, "once.xlsx");
    const twice = path.join(tmp.path, "twice.xlsx");
    expect((await cli("survey", input, "-o", once)).code).toBe(3);
    expect((await cli("survey", once, "-o", twice)).code).toBe(3);
    // The copy carries the tool's (very hidden) state sheet: it marks the file as ours for the next run.
    expect((await load(twice)).worksheets.map((w) => w.name)).toEqual(["考核台账", "满意度统计", "满意度汇总", "示范岗考评_数据"]);
  });

  test("a workbook without a survey: exit 1, nothing written", async () => {
    const input = await copy(path.join(EX, "hunan-ledger.xlsx"));
    const r = await cli("survey", input, "-o", path.join(tmp.path, "x.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/没有找到满意度调查表/);
    await expect(fs.access(path.join(tmp.path, "x.xlsx"))).rejects.toThrow();
  });
  test("stdout names at most 8 posts not in the ledger, then 等; the JSON has them all", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("考核台账").addRows([["市州", "工作单位", "示范岗名称", "岗位类别", "考核年度"], ["长沙", "站", "报建窗口", "服务岗", 2025]]);
    const names = Array.from({ length: 10 }, (_, i) => `窗口${i + 1}`);
    wb.addWorksheet("满意度统计").addRows([["示范岗名称", "市州", "季度", "满意人数", "基本满意人数", "不满意人数"], ["报建窗口", "长沙", "2025Q1", 20, 0, 0], ...names.map((n) => [n, "长沙", "2025Q1", 20, 0, 0])]);
    const input = path.join(tmp.path, "调查.xlsx");
    await wb.xlsx.writeFile(input);
    const json = path.join(tmp.path, "t.json");
    const r = await cli("survey", input, "-o", path.join(tmp.path, "out.xlsx"), "--json", json);
    expect(r.code).toBe(0);
    const line = r.out.split("\n").find((l) => l.startsWith("调查表中有 10 个示范岗在台账中找不到："))!;
    expect(line).toBe(`调查表中有 10 个示范岗在台账中找不到：${names.slice(0, 8).join("、")} 等`);
    expect(((await readJson(json))["unmatched"] as Json[]).filter((u) => u["kind"] === "not-in-ledger")).toHaveLength(10);
  });

  test("--fill-ledger fills a post the survey names as the engine does (suffix left out, spaced, 市州 without 市)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("考核台账").addRows([
      ["市州", "工作单位", "示范岗名称", "岗位类别", "考核年度", "考核轮次", "一季度满意度", "二季度满意度"],
      ["长沙市", "长沙市政务中心", "报建窗口党员服务示范岗", "服务岗", 2025, "初评", null, null],
      ["株洲市", "株洲市政务中心", "押证窗口", "服务岗", 2025, "初评", null, null],
      // The same post as row 2 to the engine: filled only if it had no 初评 that year.
      ["长沙", "长沙市政务中心", "报建 窗口", "服务岗", 2025, "复评", null, null],
    ]);
    wb.addWorksheet("满意度统计").addRows([
      ["示范岗名称", "市州", "工作单位", "季度", "满意人数", "基本满意人数", "不满意人数"],
      ["报建窗口", "长沙", null, "2025Q1", 18, 0, 2],
      ["报建 窗口（党员服务示范岗）", "长沙", "长沙市政务中心", "2025Q2", 17, 0, 3],
      ["押证窗口党员示范岗", "株洲", null, "2025Q1", 20, 0, 0],
      ["押证窗口", "株洲", null, "2025Q2", 20, 0, 0],
    ]);
    const input = path.join(tmp.path, "调查.xlsx");
    await wb.xlsx.writeFile(input);
    const out = path.join(tmp.path, "out.xlsx");
    const json = path.join(tmp.path, "t.json");
    const r = await cli("survey", input, "-o", out, "--json", json, "--fill-ledger");
    expect(r.code).toBe(0);
    expect(r.out).toContain("已填入台账季度满意度 4 个单元格");
    expect(r.out).not.toContain("找不到");
    expect(r.out).not.toContain("缺少季度测评");
    const j = await readJson(json);
    expect(j["unmatched"]).toEqual([]);
    expect((j["tally"] as Json[]).map((t) => [t["post"], t["key"]])).toEqual([
      ["报建窗口", "长沙市|长沙市政务中心|报建窗口党员服务示范岗"],
      ["报建 窗口（党员服务示范岗）", "长沙市|长沙市政务中心|报建窗口党员服务示范岗"],
      ["押证窗口党员示范岗", "株洲市|株洲市政务中心|押证窗口"],
      ["押证窗口", "株洲市|株洲市政务中心|押证窗口"],
    ]);
    const ledger = (await load(out)).getWorksheet("考核台账")!;
    expect(["G2", "H2", "G3", "H3", "G4", "H4"].map((a) => ledger.getCell(a).value)).toEqual([0.9, 0.85, 1, 1, null, null]);
  });
});

describe("pioneer-scorecard summary", () => {
  test("a separate print-ready workbook with the 年度汇总 sheet", async () => {
    const input = await copy(path.join(EX, "hunan-ledger.xlsx"));
    const out = path.join(tmp.path, "年度汇总.xlsx");
    const json = path.join(tmp.path, "y.json");
    const r = await cli("summary", input, "-o", out, "--json", json);
    expect(r.code).toBe(3);
    expect(r.out).toContain("示范岗 42 个：保持 16　整改 8　撤销 14　数据有误 4");
    expect(r.out).toContain("待复评 8 个：");
    // Exactly 8: all named, no 等.
    expect(r.out.split("\n").find((l) => l.startsWith("待复评 8 个："))!.split("、")).toHaveLength(8);
    expect(r.out).not.toMatch(/待复评[^\n]* 等\n/);
    const wb = await load(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["年度汇总"]);
    const ws = wb.getWorksheet("年度汇总")!;
    expect(ws.getCell("A1").value).toBe("2025 年度党员示范岗考核汇总表");
    expect(ws.getCell("D3").value).toBe("示范岗名称");
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1, printTitlesRow: "3:3" });
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(ws.getColumn(12).width).toBe(36);
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    // Real column charts (DrawingML), where the pane draws them in Excel.
    expect(xml).toContain('<drawing r:id="rId1"/>');
    expect(Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f))).toHaveLength(2);
    expect(await zip.file("xl/charts/chart1.xml")!.async("string")).toContain('<c:barDir val="col"/>');
    expect(await zip.file("xl/workbook.xml")!.async("string")).toContain("_xlnm.Print_Titles");
    const j = await readJson(json);
    expect(j["byStatus"]).toEqual({ retain: 16, rectify: 8, revoke: 14, error: 4 });
  });

  test("the 待复评 line names at most 8 posts, then 等 (as survey's lists); the JSON has them all", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("考核台账");
    for (const row of ledgerRows(300)) ws.addRow(row);
    const input = path.join(tmp.path, "台账.xlsx");
    await wb.xlsx.writeFile(input);
    const json = path.join(tmp.path, "y.json");
    const r = await cli("summary", input, "-o", path.join(tmp.path, "年度汇总.xlsx"), "--json", json);
    const awaiting = (await readJson(json))["awaitingReview"] as Json[];
    expect(awaiting.length).toBeGreaterThan(8);
    const line = r.out.split("\n").find((l) => l.startsWith("待复评 "))!;
    const shown = awaiting.slice(0, 8).map((a) => `${String(a["name"])}（${String(a["city"])}）`);
    expect(line).toBe(`待复评 ${awaiting.length} 个：${shown.join("、")} 等`);
  });
});

describe("pioneer-scorecard summary: a 考核年度 that cannot be read", () => {
  const FIX = path.join(ROOT, "test", "fixtures");
  test.each([
    // G3: a formula saved without its result; C4 (another row) too. score says the same of both cells.
    ["summary-formula-year.xlsx", "考核年度（G3）公式没有计算结果", "示范岗 4 个：保持 1　整改 0　撤销 1　数据有误 2"],
    // G2: -5, a date serial before 1900.
    ["summary-bad-year.xlsx", "考核年度（G2）无法识别“-5”", "示范岗 4 个：保持 3　整改 0　撤销 0　数据有误 1"],
  ])("%s: every row counted, the cell named as score names it, exit 3 as score", async (file, message, counts) => {
    const input = await copy(path.join(FIX, file));
    const out = path.join(tmp.path, "年度汇总.xlsx");
    const json = path.join(tmp.path, "y.json");
    const scored = await cli("score", input, "--dry-run");
    expect(scored.code).toBe(3);
    expect(scored.out).toContain(message);
    const r = await cli("summary", input, "-o", out, "--json", json);
    expect(r.code).toBe(3);
    expect(r.out).toContain(counts);
    expect(r.out).toMatch(/数据有误（\d+），请更正台账后重新评分、汇总：/);
    expect(r.out).toContain(message);
    const j = await readJson(json);
    expect([j["unreadableYear"], j["noYear"]]).toEqual([1, 0]);
    const ws = (await load(out)).getWorksheet("年度汇总")!;
    const lines: string[] = [];
    ws.eachRow((row) => lines.push(row.getCell(1).text));
    expect(lines.some((t) => t.startsWith("说明：") && t.includes(message))).toBe(true);
    expect(lines.join("\n")).not.toContain("未填考核年度");
  });
});

describe("pioneer-scorecard consolidate", () => {
  test("three 市州 files and one that is not a summary: consolidated, the bad one skipped by name", async () => {
    const files = await Promise.all(["长沙市-2025年度汇总.xlsx", "株洲市-2025年度汇总.xlsx", "湘潭市-2025年度考核台账（已评分）.xlsx"].map((f) => copy(path.join(EX, "summaries", f))));
    const junk = path.join(tmp.path, "备忘.xlsx");
    await fs.writeFile(junk, "not a workbook");
    const out = path.join(tmp.path, "全省汇总.xlsx");
    const json = path.join(tmp.path, "p.json");
    const r = await cli("consolidate", ...files, junk, "-o", out, "--json", json);
    expect(r.code).toBe(3);
    expect(r.out).toContain("已跳过 备忘.xlsx：不是 Excel 工作簿");
    const j = await readJson(json);
    expect(Object.keys(j).slice(0, 7)).toEqual(["year", "cities", "missingCities", "quotaWarnings", "duplicates", "provincialRevocations", "skippedFiles"]);
    expect((j["cities"] as Json[]).map((c) => [c["city"], c["posts"]])).toEqual([["长沙", 3], ["株洲", 4], ["湘潭", 3]]);
    expect(j["missingCities"]).toHaveLength(11);
    expect((await load(out)).worksheets.map((w) => w.name)).toEqual(["全省汇总"]);
  });

  test("the four bundled 市州 files: another office's words read and checked", async () => {
    const names = ["长沙市-2025年度汇总.xlsx", "株洲市-2025年度汇总.xlsx", "湘潭市-2025年度考核台账（已评分）.xlsx", "郴州市-2025年度考核情况.xlsx"];
    const files = await Promise.all(names.map((f) => copy(path.join(EX, "summaries", f))));
    const json = path.join(tmp.path, "p.json");
    const r = await cli("consolidate", ...files, "-o", path.join(tmp.path, "全省汇总.xlsx"), "--json", json);
    expect(r.code).toBe(0);
    expect(r.out).toContain("示范岗 13 个：保持 5　整改 2　撤销 5　数据有误 0　待核实 1");
    expect(r.out).toContain("安全监督科党员监督示范岗（郴州）“不合格”：郴州市-2025年度考核情况.xlsx 第 5 行");
    expect(r.out).toContain("质量监督科党员监督示范岗（郴州）上报“保持”，得分62分，低于70分，按第十一条应撤销");
    const j = await readJson(json);
    expect((j["provincialRevocations"] as Json[]).map((x) => x["city"]).sort()).toEqual(["湘潭", "郴州", "长沙"].sort());
    expect((j["posts"] as Json[]).filter((p) => p["city"] === "郴州").map((p) => [p["stated"], p["status"]])).toEqual([["不予撤销", "retain"], ["保持", "revoke"], ["不合格", "unverified"]]);
  });

  test("no readable summary at all: exit 1, nothing written", async () => {
    const junk = path.join(tmp.path, "a.xlsx");
    await fs.writeFile(junk, "x");
    const r = await cli("consolidate", junk, "-o", path.join(tmp.path, "o.xlsx"));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/没有一个文件是年度汇总表或考核台账/);
  });
});
