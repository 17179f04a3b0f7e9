/**
 * Ownership by record, end to end through files: a user's column named like ours keeps every value; the
 * tool's columns go to its right; a rerun finds them again; a renamed one gets a fresh set and a warning;
 * a workbook scored by the previous version (our headers at the right end, no record) is updated in place.
 * The first holds for workbooks written by other programs too (openpyxl, LibreOffice, SheetJS, hand-edited).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import * as XLSX from "xlsx";
import { hunan } from "../../src/schemes/hunan";
import { shanghai } from "../../src/schemes/shanghai";
import { cli, tempDirEach } from "./cliHarness";
import { FOREIGN_LEDGERS, LOSSLESS, withUserColumn } from "./foreignBooks";

const ROOT = path.join(__dirname, "..", "..");
const tmp = tempDirEach("pioneer-own-");
const at = (name: string) => path.join(tmp.path, name);
const OURS = hunan.outputs.map((o) => o.header);

async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Header texts of a row, 1-based column → text. */
function headers(ws: ExcelJS.Worksheet, row: number): Map<number, string> {
  const out = new Map<number, string>();
  ws.getRow(row).eachCell((cell, c) => out.set(c, cell.text));
  return out;
}

function columnsOf(ws: ExcelJS.Worksheet, row: number, text: string): number[] {
  return [...headers(ws, row)].filter(([, h]) => h === text).map(([c]) => c);
}

/** A small hunan ledger with the user's own columns `mine` (header → values) inserted at `where`. */
async function ledgerWith(mine: Record<string, (string | number | null)[]>, where: "end" | "middle"): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("考核台账");
  const inputs = ["示范岗名称", "岗位类别", "未亮明身份", "未公开服务事项"];
  const rows = [
    ["报建窗口", "服务岗", "否", "否"],
    ["质量科", "监督岗", "是", "否"],
    ["安全科", "监督岗", "否", "是"],
  ];
  const cut = where === "end" ? inputs.length : 2;
  const own = Object.keys(mine);
  ws.addRow([...inputs.slice(0, cut), ...own, ...inputs.slice(cut)]);
  rows.forEach((r, i) => ws.addRow([...r.slice(0, cut), ...own.map((h) => mine[h]![i] ?? null), ...r.slice(cut)]));
  const file = at("台账.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

describe("a user's column named like one of ours is hers", () => {
  test.each<[string, Record<string, (string | number | null)[]>, "end" | "middle"]>([
    ["得分 at the right end", { 得分: [95, 88.5, "=不是公式"] }, "end"],
    ["结论 at the right end", { 结论: ["优秀", "良好", null] }, "end"],
    ["考核结论 (our exact header) at the right end", { 考核结论: ["保持", "自评：撤销", "待定"] }, "end"],
    ["最终得分 and 考核结论 in the middle", { 最终得分: [1, 2, 3], 考核结论: ["甲", "乙", "丙"] }, "middle"],
    ["扣分总计 最终得分 考核结论 at the right end", { 扣分总计: [0, 5, 10], 最终得分: [100, 95, 90], 考核结论: ["保持", "保持", "整改"] }, "end"],
  ])("%s: every value unchanged, the tool's columns to its right; a rerun reuses them", async (_name, mine, where) => {
    const input = await ledgerWith(mine, where);
    const original = (await load(input)).getWorksheet("考核台账")!;
    const width = original.columnCount;
    const own = Object.keys(mine).map((h) => columnsOf(original, 1, h)[0]!);
    const cellsOf = (ws: ExcelJS.Worksheet) => own.map((c) => [1, 2, 3, 4].map((r) => JSON.stringify(ws.getCell(r, c).value)));
    const r = await cli("score", input, "-o", at("once.xlsx"));
    expect(r.code).toBe(0);
    const once = (await load(at("once.xlsx"))).getWorksheet("考核台账")!;
    expect(cellsOf(once)).toEqual(cellsOf(original));
    for (const h of OURS) expect([h, columnsOf(once, 1, h).filter((c) => c > width)]).toEqual([h, [expect.any(Number)]]);
    const first = columnsOf(once, 1, "扣分总计").filter((c) => c > width);
    expect(first[0]).toBe(width + 1);

    const again = await cli("score", at("once.xlsx"), "-o", at("twice.xlsx"));
    expect(again.code).toBe(0);
    expect(again.out).not.toContain("注意");
    const twice = (await load(at("twice.xlsx"))).getWorksheet("考核台账")!;
    expect(twice.columnCount).toBe(once.columnCount);
    expect(cellsOf(twice)).toEqual(cellsOf(original));
    expect([...headers(twice, 1)]).toEqual([...headers(once, 1)]);
  });
});

describe("… in workbooks other programs wrote", () => {
  /** Row → cell (type and value) of one column of 考核台账, and header text → columns of row 2, as SheetJS reads them. */
  async function look(file: string, col: number): Promise<{ column: Record<number, string>; header: Map<string, number[]> }> {
    const ws = XLSX.read(await fs.readFile(file), { type: "buffer", sheets: "考核台账" }).Sheets["考核台账"]!;
    const column: Record<number, string> = {};
    const header = new Map<string, number[]>();
    for (const [addr, c] of Object.entries(ws)) {
      if (addr.startsWith("!")) continue;
      const { r, c: ci } = XLSX.utils.decode_cell(addr);
      const cell = c as XLSX.CellObject;
      if (ci === col - 1) column[r + 1] = JSON.stringify({ t: cell.t, v: cell.v ?? null });
      if (r === 1) header.set(String(cell.v), [...(header.get(String(cell.v)) ?? []), ci + 1]);
    }
    return { column, header };
  }

  const MINE: [string, (string | number | null)[]][] = [
    ["得分", [95, 88.5, "自评"]],
    ["结论", ["优秀", null, "良好"]],
    ["考核结论", ["保持", "自评：撤销", "待定"]],
    ["总分", [100, 0, null]],
  ];
  test.each(FOREIGN_LEDGERS.flatMap((file) => MINE.map(([h, v]) => [file, h, v] as const)))(
    "%s with her column %s at the right end: its values unchanged, the tool's columns to its right; a rerun reuses them",
    async (file, header, values) => {
      const input = at(file);
      const col = await withUserColumn(path.join(LOSSLESS, file), input, header, [...values]);
      const before = await look(input, col);
      expect(before.header.get(header)).toEqual([col]);

      const r = await cli("score", input, "-o", at("once.xlsx"));
      expect([0, 3]).toContain(r.code);
      // Her column named exactly like ours is named back to her; other names need no word.
      if (header === "考核结论") expect(r.out).toContain(`「考核结论」（${XLSX.utils.encode_col(col - 1)} 列），但不是本工具写出的`);
      else expect(r.out).not.toContain("注意");
      const once = await look(at("once.xlsx"), col);
      expect(once.column).toEqual(before.column);
      for (const h of OURS) expect([h, once.header.get(h)?.filter((c) => c > col)]).toEqual([h, [expect.any(Number)]]);
      expect(once.header.get("扣分总计")).toContain(col + 1);
      if (header !== "考核结论") expect(once.header.get(header)).toEqual([col]);

      const again = await cli("score", at("once.xlsx"), "-o", at("twice.xlsx"));
      expect([0, 3]).toContain(again.code);
      expect(again.out).not.toContain("注意");
      const twice = await look(at("twice.xlsx"), col);
      expect(twice.column).toEqual(before.column);
      expect([...twice.header].sort()).toEqual([...once.header].sort());
    },
  );
});

test("our header renamed by the user: her column is kept as is, a fresh set goes to the right, with a warning", async () => {
  const input = await ledgerWith({}, "end");
  expect((await cli("score", input, "-o", at("once.xlsx"))).code).toBe(0);
  const wb = await load(at("once.xlsx"));
  const ws = wb.getWorksheet("考核台账")!;
  const status = columnsOf(ws, 1, "考核结论")[0]!;
  ws.getCell(1, status).value = "考核结论（初审）";
  const kept = [2, 3, 4].map((r) => ws.getCell(r, status).value);
  const width = ws.columnCount;
  await wb.xlsx.writeFile(at("renamed.xlsx"));

  const r = await cli("score", at("renamed.xlsx"), "-o", at("twice.xlsx"));
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/注意：.*「考核结论」（[A-Z]+ 列，现为「考核结论（初审）」）.*新的结果列/);
  const twice = (await load(at("twice.xlsx"))).getWorksheet("考核台账")!;
  expect([2, 3, 4].map((row) => twice.getCell(row, status).value)).toEqual(kept);
  expect(twice.getCell(1, status).value).toBe("考核结论（初审）");
  expect(columnsOf(twice, 1, "考核结论")).toEqual([width + 3]);
  // The next run uses the fresh set, without a warning.
  const third = await cli("score", at("twice.xlsx"), "-o", at("third.xlsx"));
  expect(third.out).not.toContain("注意");
  expect((await load(at("third.xlsx"))).getWorksheet("考核台账")!.columnCount).toBe(twice.columnCount);
});

describe("a workbook scored by the previous version (our block at the right end, no record) is updated in place", () => {
  test.each([
    ["hunan", path.join(ROOT, "examples", "hunan-ledger.xlsx"), "考核台账", OURS],
    ["shanghai", path.join(ROOT, "examples", "shanghai-units.xlsx"), "示范点", shanghai.outputs.map((o) => o.header)],
  ])("%s", async (_scheme, example, sheet, ours) => {
    const input = at("in.xlsx");
    await fs.copyFile(example, input);
    expect((await cli("score", input, "-o", at("scored.xlsx"))).code).toBe(3);
    // What the previous version left: the same columns, and no record of them.
    const wb = await load(at("scored.xlsx"));
    wb.removeWorksheet(wb.getWorksheet("示范岗考评_数据")!.id);
    await wb.xlsx.writeFile(at("legacy.xlsx"));
    const ws = wb.getWorksheet(sheet)!;
    const headerRow = [1, 2, 3, 4, 5].find((r) => columnsOf(ws, r, ours[0]!).length)!;
    const before = [...headers(ws, headerRow)];

    const r = await cli("score", at("legacy.xlsx"), "-o", at("again.xlsx"));
    expect(r.code).toBe(3);
    expect(r.out).not.toContain("注意：工作表");
    const again = (await load(at("again.xlsx"))).getWorksheet(sheet)!;
    expect([...headers(again, headerRow)]).toEqual(before);
    for (const h of ours) expect([h, columnsOf(again, headerRow, h).length]).toEqual([h, 1]);
  });
});
