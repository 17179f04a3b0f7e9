import ExcelJS from "exceljs";
import fc from "fast-check";
import { promises as fs } from "node:fs";
import path from "node:path";
import { sniffFormat, WorkbookFormatError, XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import { gridOf, post, type Inputs } from "../helpers";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "hunan-ledger.xlsx");

async function scoreBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const book = await XlsxWorkbook.open(bytes);
  const scored = scoreWorkbook(book.readSheets(), hunan);
  book.write(scored.writes);
  return book.toBytes();
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

/** Every cell of a sheet as address → {value, style, formula}, limited to columns ≤ maxCol. */
function cells(ws: ExcelJS.Worksheet, maxCol = Infinity): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: true }, (row) =>
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      // An empty, unstyled cell is nothing; ExcelJS materialises them as rows grow wider.
      const trivial = (cell.value === null || cell.value === undefined) && Object.keys(cell.style ?? {}).length === 0;
      if (col <= maxCol && !trivial) out.set(cell.address, JSON.stringify({ v: cell.value, s: cell.style, t: cell.type }));
    }),
  );
  return out;
}

async function bytesOf(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()));
}

describe("scoring the example through the xlsx adapter", () => {
  let before: ExcelJS.Workbook;
  let after: ExcelJS.Workbook;
  let inputCols: number;
  beforeAll(async () => {
    const bytes = new Uint8Array(await fs.readFile(EXAMPLE));
    before = await load(bytes);
    after = await load(await scoreBytes(bytes));
    inputCols = before.getWorksheet("考核台账")!.columnCount;
  });

  test("every input cell keeps its value, style and type", () => {
    for (const ws of before.worksheets) {
      expect(cells(after.getWorksheet(ws.name)!, inputCols)).toEqual(cells(ws));
    }
  });
  test("merged cells, formulas, data validations and other sheets survive", () => {
    const b = before.getWorksheet("考核台账")!;
    const a = after.getWorksheet("考核台账")!;
    expect((a.model as unknown as { merges: string[] }).merges).toEqual((b.model as unknown as { merges: string[] }).merges);
    expect(a.getCell("O4").formula).toBe(b.getCell("O4").formula);
    expect(a.getCell("O4").formula).toMatch(/AVERAGE/);
    const dv = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model;
    expect(dv(a)).toEqual(dv(b));
    expect(after.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
  });
  test("the owned columns are added to the right of the inputs, with headers in the header row", () => {
    const a = after.getWorksheet("考核台账")!;
    const headers = hunan.outputs.map((_, i) => a.getCell(3, inputCols + 1 + i).value);
    expect(headers).toEqual(hunan.outputs.map((o) => o.header));
  });
  test("status cells are coloured", () => {
    const a = after.getWorksheet("考核台账")!;
    const statusCol = inputCols + 3;
    const colours = new Map<string, string>();
    for (let r = 4; r <= a.rowCount; r++) {
      const c = a.getCell(r, statusCol);
      if (typeof c.value === "string") colours.set(c.value, (c.fill as ExcelJS.FillPattern).fgColor?.argb ?? "");
    }
    expect(Object.fromEntries(colours)).toEqual({ 保持: "FFC6EFCE", 整改: "FFFFEB9C", 撤销: "FFFFC7CE", 数据有误: "FFD9D9D9" });
  });
  test("a second run updates the owned columns in place and changes nothing", async () => {
    const once = await scoreBytes(new Uint8Array(await fs.readFile(EXAMPLE)));
    const twice = await load(await scoreBytes(once));
    const first = await load(once);
    expect(twice.getWorksheet("考核台账")!.columnCount).toBe(first.getWorksheet("考核台账")!.columnCount);
    for (const ws of first.worksheets) expect(cells(twice.getWorksheet(ws.name)!)).toEqual(cells(ws));
  });
});

test("text starting with = + - @ is written as text, never as a formula", async () => {
  const book = await XlsxWorkbook.open(await bytesOf((wb) => wb.addWorksheet("S").addRow(["x"])));
  const risky = ["=1+1", "+SUM(A1)", "-2", "@cmd"];
  book.write([{ sheet: "S", headerRow: 1, firstRow: 2, columns: [{ col: 2, header: "提示", isNew: true, values: risky }] }]);
  const wb = await load(await book.toBytes());
  const ws = wb.getWorksheet("S")!;
  risky.forEach((text, i) => {
    const c = ws.getCell(2 + i, 2);
    expect(c.type).toBe(ExcelJS.ValueType.String);
    expect(c.value).toBe(text);
  });
});

test("a cell that ExcelJS reports for every cell of a merge is read once", async () => {
  const bytes = await bytesOf((wb) => {
    const ws = wb.addWorksheet("考核台账");
    ws.addRow(["市州", "示范岗名称", "岗位类别", "未亮明身份"]);
    ws.addRow(["长沙", "报建窗口", "服务岗", "否"]);
    ws.addRow(["", "押证窗口", "服务岗", "是"]);
    ws.mergeCells("A2:A3");
    ws.addRow(["注：本表为示例"]);
    ws.mergeCells("A4:D4");
  });
  const rows = scoreWorkbook((await XlsxWorkbook.open(bytes)).readSheets(), hunan).result.sheets[0]!.rows;
  expect(rows.map((r) => r.key)).toEqual(["长沙||报建窗口", "长沙||押证窗口"]);
});

describe("files that are not a readable .xlsx", () => {
  test.each<[string, Uint8Array, RegExp]>([
    ["a text file", new TextEncoder().encode("市州,工作单位\n"), /不是 Excel 工作簿/],
    ["an old .xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /旧版 \.xls/],
    ["an encrypted workbook", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...[..."EncryptedPackage"].flatMap((c) => [c.charCodeAt(0), 0])]), /已加密/],
    ["a broken zip", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /无法读取工作簿/],
  ])("%s gets a clear Chinese error", async (_l, bytes, message) => {
    await expect(XlsxWorkbook.open(bytes)).rejects.toThrow(WorkbookFormatError);
    await expect(XlsxWorkbook.open(bytes)).rejects.toThrow(message);
  });
  test("sniffing", () => {
    expect(sniffFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe("xlsx");
  });
});

test("property: no input cell is ever changed, whatever the ledger", async () => {
  const row = fc.record({
    postType: fc.constantFrom("服务岗", "监督岗", "服务", "错误类别"),
    q1: fc.oneof(fc.integer({ min: 60, max: 100 }), fc.constantFrom("=1+1", "85%", "高", null)),
    noIdentity: fc.constantFrom("是", "否", "@x", null),
    noPledge: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom("-1", "+2", null)),
  });
  await fc.assert(
    fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 12 }), async (rows) => {
      const grid = gridOf(rows.map((r, i): Inputs => post({ name: `岗${i}`, ...r })));
      const bytes = await bytesOf((wb) => {
        const ws = wb.addWorksheet("考核台账");
        grid.values.forEach((r) => ws.addRow(r));
      });
      const before = await load(bytes);
      const after = await load(await scoreBytes(bytes));
      const width = before.getWorksheet("考核台账")!.columnCount;
      expect(cells(after.getWorksheet("考核台账")!, width)).toEqual(cells(before.getWorksheet("考核台账")!));
    }),
    { numRuns: 25 },
  );
});

describe("the surgical writer", () => {
  test("a part nobody changed keeps its compressed bytes; a broken zip is a Chinese message", async () => {
    const { ZipArchive } = await import("../../src/adapters/xlsx/zip");
    const bytes = new Uint8Array(await fs.readFile(EXAMPLE));
    const out = await scoreBytes(bytes);
    const a = ZipArchive.read(bytes);
    const b = ZipArchive.read(out);
    expect(Buffer.from(b.bytes("xl/theme/theme1.xml")!)).toEqual(Buffer.from(a.bytes("xl/theme/theme1.xml")!));
    const truncated = out.slice(0, out.length - 40);
    await expect(XlsxWorkbook.open(truncated)).rejects.toThrow(/无法读取工作簿/);
  });

  test("no free column right of XFD: a clear error, not a crash", async () => {
    const book = await XlsxWorkbook.open(await bytesOf((wb) => wb.addWorksheet("S").addRow(["x"])));
    expect(() => book.write([{ sheet: "S", headerRow: 1, firstRow: 2, columns: [{ col: 16385, header: "提示", isNew: true, values: ["a"] }] }])).toThrow(/XFD/);
  });
});
