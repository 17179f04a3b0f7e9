/**
 * Inputs that are not a readable workbook: each is refused in Chinese, naming the file the user gave, with the
 * exit code of any file that cannot be processed (1) — never "内部错误", never a part of the sheet scored.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { SheetXml, SheetXmlError } from "../../src/adapters/xlsx/sheetXml";
import { cli, tempDirEach } from "./cliHarness";

const FIX = path.join(__dirname, "..", "fixtures", "damaged");
const tmp = tempDirEach("pioneer-damaged-");

async function copy(file: string): Promise<string> {
  const to = path.join(tmp.path, path.basename(file));
  await fs.copyFile(path.join(FIX, file), to);
  return to;
}

describe("a damaged workbook is refused as damaged, naming the file", () => {
  test.each([
    // The sheet part's deflate stream is corrupt: zlib says "invalid literal/lengths set".
    ["baddeflate.xlsx", /工作表「考核台账」的数据无法读取（“xl\/worksheets\/sheet1\.xml”的压缩数据已损坏，无法解压），文件可能已损坏/],
    // The sheet XML stops in the middle of row 3 of 5: reading it would score 1 row of 4 without a word.
    ["badxml.xlsx", /工作表「考核台账」的内容不完整（缺少 <\/sheetData>），文件可能已损坏/],
  ])("%s", async (file, why) => {
    const input = await copy(file);
    for (const argv of [["score", input, "--dry-run"], ["summary", input, "-o", path.join(tmp.path, "s.xlsx")]]) {
      const r = await cli(...argv);
      expect([r.code, r.out]).toEqual([1, ""]);
      expect(r.err).toContain(`无法处理：${input}：`);
      expect(r.err).toMatch(why);
      expect(r.err).toContain("未写出任何文件");
      expect(r.err).not.toMatch(/内部错误|invalid|[a-z]{4,} [a-z]{4,}/);
    }
    await expect(fs.stat(path.join(tmp.path, "s.xlsx"))).rejects.toThrow();
  });

  test("a folder given as the input: said to be a folder, not a workbook", async () => {
    const dir = path.join(tmp.path, "台账.xlsx");
    await fs.mkdir(dir);
    const r = await cli("score", dir);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`这是一个文件夹，不是文件（请给出 .xlsx 工作簿的文件名）：${dir}`);
    expect(r.err).not.toMatch(/内部错误|EISDIR/);
    const c = await cli("consolidate", dir, "-o", path.join(tmp.path, "全省汇总.xlsx"));
    expect(c.code).toBe(1);
    expect(c.err).toContain("台账.xlsx：这是一个文件夹，不是工作簿");
  });
});

describe("a sheet part cut short is not read as the rows before the cut", () => {
  const whole = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>';
  test.each([
    ["no </sheetData>", whole.slice(0, whole.indexOf("</sheetData>")), /缺少 <\/sheetData>/],
    ["cut inside a row", whole.slice(0, whole.indexOf('<c r="A2">') + 5), /缺少 <\/sheetData>/],
    ["no closing </worksheet>", whole.slice(0, whole.length - "</worksheet>".length), /缺少结尾的 <\/worksheet>/],
    ["a row never closed", '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></sheetData></worksheet>', /第 1 行没有结束标记 <\/row>/],
  ])("%s: refused", (_name, xml, why) => {
    expect(() => new SheetXml(xml)).toThrow(SheetXmlError);
    expect(() => new SheetXml(xml)).toThrow(why);
  });
  test.each([
    ["whole", whole],
    ["a prefixed root", whole.replace(/<(\/?)worksheet>/g, "<$1x:worksheet>")],
    ["trailing white space", `${whole}\r\n`],
    ["no rows", "<worksheet><sheetData/></worksheet>"],
  ])("%s: read", (_name, xml) => {
    expect(() => new SheetXml(xml)).not.toThrow();
  });

  test("through the adapter: the damaged sheet is named", async () => {
    const book = await XlsxWorkbook.open(new Uint8Array(await fs.readFile(path.join(FIX, "badxml.xlsx"))));
    expect(() => book.readSheets()).toThrow(/工作表「考核台账」的内容不完整/);
  });
});
