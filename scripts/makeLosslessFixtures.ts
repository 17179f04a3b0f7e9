/**
 * Regenerates test/fixtures/lossless/: workbooks as other programs write them, for the lossless tests.
 *   npx tsx scripts/makeLosslessFixtures.ts
 * Needs Debian's python3-openpyxl and python3-pil (openpyxl files, scripts/makeLosslessFixtures.py) and
 * libreoffice-calc-nogui (soffice --headless --convert-to xlsx); SheetJS is a devDependency. CI does not
 * install any of them: the tests use the committed files only.
 */
import { execFileSync } from "node:child_process";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";
import * as XLSX from "xlsx";

const OUT = path.join(__dirname, "..", "test", "fixtures", "lossless");

const HEAD = ["市州", "工作单位", "示范岗名称", "岗位类别", "级别", "负责人", "考核年度", "考核轮次", "一季度满意度", "未亮明身份", "未公开承诺次数"];
const ROWS = [
  ["长沙", "长沙市质监站", "报建窗口", "服务岗", "市州级", "李明", 2025, "初评", 0.95, "否", 0],
  ["长沙", "长沙市质监站", "质量监督科", "监督岗", "省级", "王芳", 2025, "初评", null, "是", 1],
  ["株洲", "株洲市质监站", "押证窗口", "服务岗", "市州级", "刘强", 2025, "初评", 0.85, "否", 0],
  ["湘潭", "湘潭市质监站", "安全监督科", "监督岗", "市州级", "赵敏", 2025, "初评", null, "否", 2],
];

function sheetjs(sst: boolean): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet([["XX市党员示范岗考核台账"], HEAD, ...ROWS]);
  // A formula saved without its result (SheetJS writes <f> and no <v>) in a fact column.
  ws["K4"] = { t: "n", f: "1+1" };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "考核台账");
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["日期"], [new Date(Date.UTC(2025, 2, 1))]], { cellDates: true }), "日期");
  if (!sst) wb.Workbook = { WBProps: { date1904: true } };
  return new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx", bookSST: sst }) as Buffer);
}

/** SheetJS's file reworked as other writers do it: absolute part paths, an inline string, rich text with a phonetic run. */
async function handmade(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const relsName = "xl/_rels/workbook.xml.rels";
  const rels = await zip.file(relsName)!.async("string");
  zip.file(relsName, rels.replace(/Target="(?!\/)([^"]+)"/g, 'Target="/xl/$1"'));
  const sstName = "xl/sharedStrings.xml";
  let sst = await zip.file(sstName)!.async("string");
  sst = sst.replace("<si><t>长沙市质监站</t></si>", '<si><r><rPr><b/></rPr><t>长沙市</t></r><r><t>质监站</t></r><rPh sb="0" eb="3"><t>チョウサ</t></rPh></si>');
  zip.file(sstName, sst);
  const sheetName = "xl/worksheets/sheet1.xml";
  let sheet = await zip.file(sheetName)!.async("string");
  const idx = sst.match(/<si>[\s\S]*?<\/si>/g)!.findIndex((s) => s.includes("<t>报建窗口</t>"));
  sheet = sheet.replace(new RegExp(`<c r="C3"([^>]*?) t="s"><v>${idx}</v></c>`), '<c r="C3"$1 t="inlineStr"><is><t>报建窗口</t></is></c>');
  zip.file(sheetName, sheet);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function main(): Promise<void> {
  await fs.mkdir(OUT, { recursive: true });
  execFileSync("/usr/bin/python3", [path.join(__dirname, "makeLosslessFixtures.py"), OUT], { stdio: "inherit" });
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "lossless-"));
  for (const name of ["openpyxl-rich", "openpyxl-1904-table"]) {
    // LibreOffice's own writing of the same workbook (its defaults, its table and 1904 spellings).
    const src = path.join(tmp, `${name.replace("openpyxl", "lo")}.xlsx`);
    await fs.copyFile(path.join(OUT, `${name}.xlsx`), src);
    execFileSync("soffice", ["--headless", `-env:UserInstallation=file://${tmp}/profile`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", path.join(tmp, "out"), src], { stdio: "inherit" });
    await fs.copyFile(path.join(tmp, "out", path.basename(src)), path.join(OUT, path.basename(src)));
  }
  await fs.writeFile(path.join(OUT, "sheetjs-1904-inline.xlsx"), sheetjs(false));
  await fs.writeFile(path.join(OUT, "handmade-absolute-rich.xlsx"), await handmade(sheetjs(true)));
  await fs.rm(tmp, { recursive: true, force: true });
  process.stdout.write(`wrote ${(await fs.readdir(OUT)).join(", ")}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
