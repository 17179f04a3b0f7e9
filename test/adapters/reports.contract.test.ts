/**
 * The report parts of the port contract, over both adapters: filling the ledger's quarter columns from the
 * survey (only the matched cells, undoable) and adding generated sheets (replaced on a rerun, never over a
 * sheet the user made).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { summaryLayout, tallyLayout } from "../../src/engine/reportLayouts";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { planLedgerFill, tallySurvey } from "../../src/engine/survey";
import { summarizeYear } from "../../src/engine/yearSummary";
import { hunan } from "../../src/schemes/hunan";
import { resolveSettings } from "../../src/schemes/schema";
import { columnNumber } from "../../src/sheets/a1";
import type { SheetGrid } from "../../src/sheets/grid";
import { schemePicker } from "../../src/sheets/port";
import { REPORT_MARK } from "../../src/sheets/report";
import { fakeFromGrids, harnesses, statusLabels } from "./portHarness";
import { ExcelPort } from "../../src/adapters/office/excelPort";

const SURVEY = path.join(__dirname, "..", "..", "examples", "hunan-survey.xlsx");
const settings = resolveSettings(hunan);
const surveyGrids = async (): Promise<SheetGrid[]> => (await XlsxWorkbook.open(new Uint8Array(await fs.readFile(SURVEY)))).readSheets();

describe.each(harnesses)("$name", (h) => {
  test("the survey fills only the matched quarter cells; headers and every other cell stay; undo restores", async () => {
    const book = await h.open(await surveyGrids());
    const before = book.values("考核台账");
    const read = await book.port.read(schemePicker(hunan));
    const tally = tallySurvey(read.grids, hunan, settings);
    expect(tally.tally).toHaveLength(56);
    const fill = planLedgerFill(read.grids, tally);
    expect(fill.cells).toHaveLength(55);
    await book.port.write(fill.writes);
    const after = book.values("考核台账");
    const filled = new Map(fill.cells.map((c) => [c.cell, c.rate]));
    const changed: string[] = [];
    after.forEach((row, r) =>
      row.forEach((v, c) => {
        const was = before[r]?.[c] ?? null;
        if (v !== was) changed.push(`${String.fromCharCode(65 + c)}${r + 1}`);
      }),
    );
    expect(changed.sort()).toEqual([...filled.keys()].filter((k) => filled.get(k) !== before[Number(k.slice(1)) - 1]?.[columnNumber(k[0]!) - 1]).sort());
    const xt = fill.cells.find((c) => c.rate === 0.78)!;
    expect(after[Number(xt.cell.slice(1)) - 1]![columnNumber(xt.cell[0]!) - 1]).toBe(0.78);
    expect(after[2]).toEqual(before[2]); // the header row
    expect(await book.port.undo()).toBe(true);
    expect(book.values("考核台账")).toEqual(before);
  });

  test("a generated sheet is added, replaced on a rerun, and never written over a sheet the user made", async () => {
    const book = await h.open(await surveyGrids());
    const read = await book.port.read(schemePicker(hunan));
    const layout = tallyLayout(tallySurvey(read.grids, hunan, settings), hunan, settings, new Date(2025, 11, 1));
    expect(await book.port.addReport(layout)).toBe("满意度汇总");
    const sheet = book.values("满意度汇总");
    expect(sheet[0]![0]).toBe("党员示范岗季度服务满意度汇总表");
    expect(String(sheet[1]![0])).toMatch(new RegExp(`^${REPORT_MARK}`));
    expect(sheet[2]!.slice(0, 7)).toEqual(["序号", "市州", "工作单位", "示范岗名称", "年度", "季度", "有效样本"]);
    expect(sheet).toHaveLength(layout.values.length);
    // Generated sheets are output: read again, they are neither a survey nor a ledger.
    const again = await book.port.read(schemePicker(hunan));
    const retally = tallySurvey(again.grids, hunan, settings);
    expect([retally.sheets.map((x) => x.sheet), retally.tally.length, retally.errors.length]).toEqual([["满意度调查"], 56, 1]);
    const withSummary = scoreWorkbook(again.grids, hunan);
    expect(await book.port.addReport(summaryLayout(summarizeYear(withSummary, hunan), hunan, new Date(2025, 11, 1), "x.xlsx"))).toBe("年度汇总");
    expect(scoreWorkbook((await book.port.read(schemePicker(hunan))).grids, hunan).ledgers.map((l) => l.sheet)).toEqual(["考核台账"]);
    const names = book.sheetNames();
    expect(await book.port.addReport(layout)).toBe("满意度汇总");
    expect(book.sheetNames()).toHaveLength(names.length);
    // A sheet of the same name that the user made is left alone.
    const userMade = await h.open([...(await surveyGrids()), { name: "年度汇总", values: [["我的笔记"]] }]);
    const scored = scoreWorkbook((await userMade.port.read(schemePicker(hunan))).grids, hunan);
    const summary = summaryLayout(summarizeYear(scored, hunan), hunan, new Date(2025, 11, 1), "x.xlsx");
    expect(await userMade.port.addReport(summary)).toBe("年度汇总 (2)");
    expect(userMade.values("年度汇总")).toEqual([["我的笔记"]]);
    // Text that looks like a formula stays text in a generated sheet too.
    const tricky = { ...summary, name: "测试", merges: [], values: [["=1+2", "+86 731", "-违纪", "@某人"]] };
    await userMade.port.addReport(tricky);
    expect(userMade.values("测试")).toEqual([["=1+2", "+86 731", "-违纪", "@某人"]]);
  });
});

test("Office.js: a report is 2 syncs whatever its size, with real charts, A4 landscape and a frozen, printed header", async () => {
  const fake = fakeFromGrids(await surveyGrids());
  const port = new ExcelPort(fake.host(), { statusLabels });
  const read = await port.read(schemePicker(hunan));
  const scored = scoreWorkbook(read.grids, hunan);
  const layout = summaryLayout(summarizeYear(scored, hunan), hunan, new Date(2025, 11, 1), "x.xlsx");
  fake.resetCounts();
  await port.addReport(layout);
  expect(fake.syncs).toBe(2);
  const ws = fake.sheet("年度汇总");
  expect(ws.charts.map((c) => [c.type, c.title, c.source])).toEqual([
    ["ColumnClustered", "考核结论分布", layout.charts[0]!.categories.split(":")[0] + ":" + layout.charts[0]!.values.split(":")[1]],
    ["ColumnClustered", "得分分布", layout.charts[1]!.categories.split(":")[0] + ":" + layout.charts[1]!.values.split(":")[1]],
  ]);
  expect(ws.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4", printTitleRows: "$3:$3" });
  expect(ws.frozenRows).toBe(3);
  expect(fake.active).toBe("年度汇总");
  // A report four times the budget goes in chunks, each request under 5 MB.
  const big = { ...layout, values: Array.from({ length: 40_000 }, (_, i) => [i, "长沙", "长沙市建设工程质量安全监督站", `报建窗口党员服务示范岗${i}`, "服务岗", "市州级", "王建国", 2025, 10, 90, "整改", "H1a（评分表第1项）：季度服务满意度低于90%且不低于80%"]), merges: [], styles: [], formats: [], charts: [] };
  fake.resetCounts();
  await port.addReport({ ...big, name: "大表" });
  expect(fake.syncs).toBeGreaterThan(2);
  expect(Math.max(...fake.batches.map((b) => b.requestBytes))).toBeLessThan(5 * 1024 * 1024);
});
