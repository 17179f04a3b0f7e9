/**
 * The memory-lean paths of the .xlsx adapter: a large part deflated chunk by chunk (fflate in the browser,
 * Node's zlib in the CLI) reads back byte for byte, and changed rows serialise as they always did.
 */
import { unzipSync } from "fflate";
import { SheetXml } from "../../src/adapters/xlsx/sheetXml";
import { concatBytes, LARGE_PART, ZipArchive } from "../../src/adapters/xlsx/zip";

function largeText(): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  const enc = new TextEncoder();
  let size = 0;
  for (let i = 0; size <= LARGE_PART + 300_000; i++) {
    const c = enc.encode(`<row r="${i + 1}"><c r="A${i + 1}"><v>${(i * 7919) % 104729}</v></c><c r="B${i + 1}" t="inlineStr"><is><t>示范岗${i % 97}</t></is></c></row>`.repeat(40));
    chunks.push(c);
    size += c.length;
  }
  return chunks;
}

function roundTrip(): void {
  const chunks = largeText();
  const zip = ZipArchive.empty();
  zip.set("small.xml", "<a/>");
  zip.setChunks("xl/worksheets/sheet1.xml", chunks);
  zip.setChunks("tiny.xml", [new TextEncoder().encode("<b>"), new TextEncoder().encode("</b>")]);
  const bytes = zip.toBytes();
  const want = Buffer.from(concatBytes(chunks));
  // Our reader (CRC checked) and an independent one agree.
  expect(Buffer.from(ZipArchive.read(bytes).bytes("xl/worksheets/sheet1.xml")!)).toEqual(want);
  const all = unzipSync(bytes);
  expect(Buffer.from(all["xl/worksheets/sheet1.xml"]!)).toEqual(want);
  expect(new TextDecoder().decode(all["tiny.xml"])).toBe("<b></b>");
  expect(new TextDecoder().decode(all["small.xml"])).toBe("<a/>");
  // Read back before saving again: the part is inflated from its compressed pieces.
  expect(Buffer.from(zip.bytes("xl/worksheets/sheet1.xml")!)).toEqual(want);
}

test("a large part set in chunks round-trips (fflate, as in the browser)", () => {
  roundTrip();
});

test("a large part set in chunks round-trips (Node's zlib, as in the command line)", async () => {
  await import("../../src/adapters/xlsx/nodeZlib");
  roundTrip();
});

describe("changed rows", () => {
  const sheet = (rows: string) => `<worksheet><sheetData>${rows}</sheetData><mergeCells count="0"/></worksheet>`;

  test("a row in column order: cells replaced, added and removed in place, spans dropped", () => {
    const doc = new SheetXml(sheet('<row r="1"><c r="A1"><v>0</v></c></row><row r="2" spans="1:3"><c r="A2"><v>1</v></c><c r="C2"><v>3</v></c></row>'));
    doc.setValue(2, 2, "x", 0);
    doc.setCell(2, 3, null);
    doc.setValue(2, 5, 7, 2);
    expect(doc.cell(2, 2)).toBe('<c r="B2" t="inlineStr"><is><t>x</t></is></c>');
    expect(doc.cell(2, 3)).toBeUndefined();
    expect(doc.column(5, 1, 9)).toEqual(new Map([[2, '<c r="E2" s="2"><v>7</v></c>']]));
    expect(doc.lastRow()).toBe(2);
    expect(doc.toString()).toBe(
      sheet('<row r="1"><c r="A1"><v>0</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="inlineStr"><is><t>x</t></is></c><c r="E2" s="2"><v>7</v></c></row>'),
    );
  });

  test("a row out of column order keeps its cells' order, a new cell going last", () => {
    const doc = new SheetXml(sheet('<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c></row>'));
    expect(doc.cell(1, 1)).toBe('<c r="A1"><v>1</v></c>');
    doc.setValue(1, 2, 5, 0);
    expect(doc.toString()).toBe(sheet('<row r="1"><c r="C1"><v>3</v></c><c r="A1"><v>1</v></c><c r="B1"><v>5</v></c></row>'));
  });

  test("a row whose cells all go is dropped", () => {
    const doc = new SheetXml(sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>'));
    doc.setCell(2, 1, null);
    expect(doc.lastRow()).toBe(1);
    expect(doc.toString()).toBe(sheet('<row r="1"><c r="A1"><v>1</v></c></row>'));
  });
});
