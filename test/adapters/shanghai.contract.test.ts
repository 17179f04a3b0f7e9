/**
 * The shanghai scheme through both adapters (the .xlsx file port and the Office.js port over the strict
 * double): only owned columns are written, input cells never change, statuses are coloured, a rerun finds
 * its columns, undo is exact; and a property over generated 示范点 sheets.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { promises as fs } from "node:fs";
import path from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { scoreUnitWorkbook } from "../../src/engine/scoreWorkbook";
import { shanghai } from "../../src/schemes/shanghai";
import type { CellValue, SheetGrid } from "../../src/sheets/grid";
import { schemePicker, type WorkbookPort } from "../../src/sheets/port";
import { hunan } from "../../src/schemes/hunan";
import { detectScheme } from "../../src/engine/schemes";
import { unitTemplateSpec } from "../../src/sheets/template";
import { harnesses, type Opened } from "./portHarness";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "shanghai-units.xlsx");
const SHEET = "示范点";

async function exampleGrids(): Promise<SheetGrid[]> {
  return (await XlsxWorkbook.open(new Uint8Array(await fs.readFile(EXAMPLE)))).readSheets();
}

async function scoreAndWrite(port: WorkbookPort, settings = {}) {
  const read = await port.read(schemePicker(hunan));
  const scored = scoreUnitWorkbook(read.grids, shanghai, { settings });
  await port.write(scored.writes);
  return scored;
}

const inputs = (values: CellValue[][], width: number) =>
  values.map((r) => {
    const x = r.slice(0, width);
    while (x.length && x[x.length - 1] === null) x.pop();
    return x;
  });

describe.each(harnesses)("$name", (h) => {
  let book: Opened;
  beforeEach(async () => {
    book = await h.open(await exampleGrids());
  });

  test("the 示范点 sheet is read in full, only the seven owned columns are written, inputs stay", async () => {
    const before = book.values(SHEET);
    const width = Math.max(...before.map((r) => r.length));
    const scored = await scoreAndWrite(book.port);
    const after = book.values(SHEET);
    expect(inputs(after, width)).toEqual(before);
    const w = scored.writes[0]!;
    expect(w.columns.map((c) => c.header)).toEqual(["基本标准得分", "行业标准得分", "总分", "结论", "不符合条件原因", "待核实项", "提示"]);
    expect(Math.min(...w.columns.map((c) => c.col))).toBe(width + 1);
    for (const c of w.columns) c.values.forEach((v, i) => expect([w.firstRow + i, c.col, after[w.firstRow - 1 + i]?.[c.col - 1] ?? null]).toEqual([w.firstRow + i, c.col, v]));
  });

  test("status cells are coloured by status: 达标 green, 未达标/待核实 amber, 不符合条件/撤销 red, 数据有误 grey", async () => {
    const scored = await scoreAndWrite(book.port);
    const w = scored.writes[0]!;
    const status = w.columns.find((c) => c.fills)!;
    const expected: Record<string, string> = { qualified: "#C6EFCE", below: "#FFEB9C", unverified: "#FFEB9C", ineligible: "#FFC7CE", revoke: "#FFC7CE", error: "#D9D9D9" };
    const seen = new Set<string>();
    status.fills!.forEach((f, i) => {
      if (!f) return;
      seen.add(f);
      expect([w.firstRow + i, book.fill(SHEET, w.firstRow + i, status.col)]).toEqual([w.firstRow + i, expected[f]]);
    });
    expect([...seen].sort()).toEqual(Object.keys(expected).sort());
  });

  test("插入模板 adds the canonical 示范点 sheet (renamed, the example's is taken), recognised as shanghai", async () => {
    const names = await book.port.insertTemplate(unitTemplateSpec(shanghai));
    expect(names[0]).toBe("示范点 (2)");
    const read = await book.port.read(schemePicker(hunan));
    const template = read.grids.filter((g) => g.name === "示范点 (2)");
    expect(detectScheme(template)).toBe("shanghai");
    expect(book.values("示范点 (2)")[1]!.slice(0, 7)).toEqual(["名称", "类型", "所属单位", "条线", "年度", "层级", "步骤"]);
  });

  test("a rerun finds its own columns; undo restores the previous write exactly", async () => {
    const first = await scoreAndWrite(book.port);
    const afterFirst = book.values(SHEET);
    const again = await book.reopen();
    const second = await scoreAndWrite(again.port);
    expect(second.writes[0]!.columns.map((c) => [c.col, c.isNew])).toEqual(first.writes[0]!.columns.map((c) => [c.col, false]));
    expect(again.values(SHEET)).toEqual(afterFirst);
    await scoreAndWrite(again.port, { passMark: 95 });
    expect(again.values(SHEET)).not.toEqual(afterFirst);
    expect(await again.port.undo()).toBe(true);
    expect(again.values(SHEET)).toEqual(afterFirst);
  });
});

test("property: no input cell of a 示范点 sheet is ever changed, and formula-looking text stays text", async () => {
  const mark = fc.oneof(fc.double({ min: 0, max: 30, noNaN: true }), fc.constantFrom("优", "良", "C", "差", "=1+1", "-2", "@x", "+5", null));
  const gate = fc.constantFrom("是", "否", "无", "=A1", "区级", "优秀", "合格", "预备党员", 3, 0, null);
  const row = fc.record({
    类型: fc.constantFrom("示范党组织", "示范服务点", "党员示范岗", "党支部", "不明", null),
    条线: fc.constantFrom("安质监", "协会会员", null, "-"),
    步骤: fc.constantFrom("认定", "复评", "评审", null),
    marks: fc.array(mark, { minLength: 24, maxLength: 24 }),
    gates: fc.array(gate, { minLength: 14, maxLength: 14 }),
  });
  const GATES = ["文明单位", "班子考核等次", "较大及以上责任事故", "质量安全责任事故", "违法案件或行政处罚", "不良信用记录", "固定人员数", "党员人数", "负责人为党员", "安全质量事故", "安全质量投诉", "正式党员", "民主评议等次", "年终考核等次"];
  const headers = ["名称", "类型", "条线", "年度", "步骤", ...shanghai.criteria.map((c) => c.name), ...GATES];
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 10 }), async (rows) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet(SHEET);
      ws.addRow(headers);
      rows.forEach((r, i) => ws.addRow([`点${i}`, r.类型, r.条线, 2021, r.步骤, ...r.marks, ...r.gates]));
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const book = await XlsxWorkbook.open(bytes);
      const scored = scoreUnitWorkbook(book.readSheets(), shanghai);
      book.write(scored.writes);
      const after = new ExcelJS.Workbook();
      await after.xlsx.load((await book.toBytes()) as never);
      const a = after.getWorksheet(SHEET)!;
      for (let r = 1; r <= rows.length + 1; r++) {
        for (let c = 1; c <= headers.length; c++) expect([r, c, a.getCell(r, c).value]).toEqual([r, c, ws.getCell(r, c).value]);
      }
      // Whatever we wrote is a value, never a formula.
      for (const col of scored.writes[0]!.columns) {
        for (let r = 2; r <= rows.length + 1; r++) expect(typeof a.getCell(r, col.col).formula).toBe("undefined");
      }
    }),
    { numRuns: 25 },
  );
});
