/**
 * Workbooks other programs write that the .xlsx reader and writer must take as Excel does
 * (test/fixtures/foreign, see its README): parts with an `x:`-prefixed spreadsheetml namespace (OpenXML
 * SDK), a sheet whose part is missing, notes and drawings right of the table.
 */
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import path from "node:path";
import * as XLSX from "xlsx";
import { WorkbookFormatError, XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { unprefixRoot } from "../../src/adapters/xlsx/xml";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import { columnName } from "../../src/sheets/a1";
import { planWrite } from "../../src/sheets/writeback";
import { cli, tempDirEach } from "../cli/cliHarness";
import { badParts } from "../cli/xmlCheck";

const DIR = path.join(__dirname, "..", "fixtures", "foreign");
const fixture = async (name: string) => new Uint8Array(await fs.readFile(path.join(DIR, name)));

async function scored(bytes: Uint8Array): Promise<{ out: Uint8Array; first: number }> {
  const book = await XlsxWorkbook.open(bytes);
  const s = scoreWorkbook(book.readSheets(), hunan);
  book.write(s.writes);
  return { out: await book.toBytes(), first: Math.min(...s.writes[0]!.columns.map((c) => c.col)) };
}

async function withPart(bytes: Uint8Array, part: string, text: string | null): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  if (text === null) zip.remove(part);
  else zip.file(part, text);
  return zip.generateAsync({ type: "uint8array" });
}

describe("unprefixRoot", () => {
  const M = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  test("takes the root's prefix off every element and makes its namespace the default", () => {
    const xml = `<?xml version="1.0"?>\n<x:worksheet xmlns:x="${M}" xmlns:r="R"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    expect(unprefixRoot(xml)).toBe(`<?xml version="1.0"?>\n<worksheet xmlns="${M}" xmlns:x="${M}" xmlns:r="R"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`);
  });

  test.each([
    ["an unprefixed root", `<worksheet xmlns="${M}"><sheetData/></worksheet>`],
    ["a default namespace declared inside", `<x:worksheet xmlns:x="${M}"><x:extLst><ext xmlns="other"/></x:extLst></x:worksheet>`],
    ["the prefix declared again inside", `<x:worksheet xmlns:x="${M}"><x:a xmlns:x="other"><x:b/></x:a></x:worksheet>`],
    ["a prefix the root does not declare", `<x:worksheet><x:sheetData/></x:worksheet>`],
  ])("leaves %s as it is", (_name, xml) => {
    expect(unprefixRoot(xml)).toBe(xml);
  });
});

describe("parts with an x:-prefixed spreadsheetml namespace (OpenXML SDK)", () => {
  test("are read: the ledger, its cells and the 1904 date system", async () => {
    const book = await XlsxWorkbook.open(await fixture("sdk-prefixed-x.xlsx"));
    expect(book.sheetNames()).toEqual(["考核台账", "日期"]);
    expect(book.isDate1904()).toBe(true);
    const grid = book.readSheets()[0]!;
    expect(grid.values[1]!.slice(0, 3)).toEqual(["市州", "工作单位", "示范岗名称"]);
    expect(grid.values[2]![6]).toBe(2025);
  });

  test("scored: the results are cells of the sheet a strict reader sees, every other part byte for byte", async () => {
    const bytes = await fixture("sdk-prefixed-x.xlsx");
    const { out, first } = await scored(bytes);
    expect((await badParts(bytes, out)).bad).toEqual({});
    const ws = XLSX.read(out, { type: "array" }).Sheets["考核台账"]!;
    expect(ws[`${columnName(first)}2`]?.v).toBe(hunan.outputs[0]!.header);
    const again = await XlsxWorkbook.open(out);
    expect(again.readSheets()[0]!.values[1]![first - 1]).toBe(hunan.outputs[0]!.header);
    const a = await JSZip.loadAsync(bytes);
    const b = await JSZip.loadAsync(out);
    const changed: string[] = [];
    for (const name of Object.keys(a.files)) if ((await a.file(name)!.async("base64")) !== (await b.file(name)?.async("base64"))) changed.push(name);
    expect(changed.sort()).toEqual(["xl/styles.xml", "xl/worksheets/sheet1.xml"]);
  });
});

describe("a sheet whose part is missing from the file", () => {
  test("is named, and the file said to be damaged (not: no ledger found)", async () => {
    const book = await XlsxWorkbook.open(await fixture("openpyxl-missing-part.xlsx"));
    expect(() => book.readSheets()).toThrow(WorkbookFormatError);
    expect(() => book.readSheets()).toThrow("工作表「考核台账」的内容（xl/worksheets/sheet1.xml）在文件中缺失，文件可能已损坏");
  });

  describe("through the CLI", () => {
    const tmp = tempDirEach("pioneer-foreign-");
    test("score: exit 1 naming the sheet, nothing written", async () => {
      const out = path.join(tmp.path, "out.xlsx");
      const r = await cli("score", path.join(DIR, "openpyxl-missing-part.xlsx"), "-o", out);
      expect(r.code).toBe(1);
      expect(r.out + r.err).toContain("工作表「考核台账」的内容（xl/worksheets/sheet1.xml）在文件中缺失，文件可能已损坏");
      expect(r.out + r.err).not.toContain("没有找到");
      await expect(fs.access(out)).rejects.toThrow();
    });
  });
});

describe("notes and drawings right of the table take their columns", () => {
  // openpyxl-notes-right: the ledger A–M, a note on the empty P3 (and M4), a chart and a picture anchored in O.
  test("the note's column (P) counts as used: new columns start at Q, P3 stays empty with its note", async () => {
    const bytes = await fixture("openpyxl-notes-right.xlsx");
    const book = await XlsxWorkbook.open(bytes);
    expect(book.readSheets()[0]!.objectsRight).toBe(16);
    const { out, first } = await scored(bytes);
    expect(columnName(first)).toBe("Q");
    const ws = XLSX.read(out, { type: "array" }).Sheets["考核台账"]!;
    expect(ws["P3"]?.v).toBeUndefined();
    expect(ws["P3"]?.c?.[0]?.t).toBe("空单元格批注（远右）");
    const a = await JSZip.loadAsync(bytes);
    const b = await JSZip.loadAsync(out);
    expect(await b.file("xl/comments/comment1.xml")!.async("string")).toBe(await a.file("xl/comments/comment1.xml")!.async("string"));
  });

  test("without the comments part, the legacy VML note's column still counts", async () => {
    const bytes = await fixture("openpyxl-notes-right.xlsx");
    const rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="/xl/drawings/commentsDrawing1.vml" Id="anysvml"/></Relationships>';
    const book = await XlsxWorkbook.open(await withPart(bytes, "xl/worksheets/_rels/sheet1.xml.rels", rels));
    expect(book.readSheets()[0]!.objectsRight).toBe(16);
  });

  test.each([
    ["a chart over O–V (two-cell anchor ending at W's left edge)", "<xdr:to><xdr:col>22</xdr:col><xdr:colOff>0</xdr:colOff>", 22],
    ["a chart over O–W (two-cell anchor ending inside W)", "<xdr:to><xdr:col>22</xdr:col><xdr:colOff>9525</xdr:colOff>", 23],
  ])("%s: new columns go right of it", async (_name, to, right) => {
    const bytes = await fixture("openpyxl-notes-right.xlsx");
    const drawing = `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><xdr:twoCellAnchor><xdr:from><xdr:col>14</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>7</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>${to}<xdr:row>20</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp/><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`;
    const rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="/xl/drawings/drawing1.xml" Id="rId1"/></Relationships>';
    const edited = await withPart(await withPart(bytes, "xl/drawings/drawing1.xml", drawing), "xl/worksheets/_rels/sheet1.xml.rels", rels);
    const book = await XlsxWorkbook.open(edited);
    expect(book.readSheets()[0]!.objectsRight).toBe(right);
    expect((await scored(edited)).first).toBe(right + 1);
  });

  test("planWrite: a grid's objectsRight moves new columns, never columns the tool already owns", () => {
    const grid = { name: "考核台账", values: [["示范岗名称", "岗位类别"], ["报建窗口", "服务岗"]], objectsRight: 5 };
    const outputs = hunan.outputs.slice(0, 2);
    expect(planWrite(grid, 1, 2, new Map(), outputs, []).columns.map((c) => c.col)).toEqual([6, 7]);
    expect(planWrite(grid, 1, 2, new Map([[outputs[0]!.id, 3], [outputs[1]!.id, 4]]), outputs, []).columns.map((c) => c.col)).toEqual([3, 4]);
  });
});
