/**
 * The file port (browser preview, WPS offices) on far-away cells, as the CLI takes them: a workbook is sized
 * by the cells present, never by its declared dimension, so a stray value in row 1,048,576 is scored like
 * any ledger; a value in column XFD leaves no column for the results and is refused in Chinese, before
 * anything in the workbook changes.
 */
import * as XLSX from "xlsx";
import { FilePort } from "../../src/adapters/xlsx/filePort";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { ZipArchive } from "../../src/adapters/xlsx/zip";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import { schemePicker } from "../../src/sheets/port";

/** A two-row ledger with one more cell at `at` (0-based), its declared range stretched to reach it. */
function ledgerWith(at: { r: number; c: number }): Uint8Array {
  const ws = XLSX.utils.aoa_to_sheet([["示范岗名称", "岗位类别", "考核年度"], ["报建窗口", "服务岗", 2025]]);
  ws[XLSX.utils.encode_cell(at)] = { t: "s", v: "远处" };
  ws["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(at.r, 1), c: Math.max(at.c, 2) } });
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "考核台账");
  return new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer);
}

/** Every part of the zip, by name, as text. */
function parts(bytes: Uint8Array): Map<string, string> {
  const zip = ZipArchive.read(bytes);
  return new Map(zip.names().map((n) => [n, zip.text(n) ?? ""]));
}

async function scoreThroughPort(bytes: Uint8Array) {
  const port = await FilePort.open(bytes, "台账.xlsx");
  const read = await port.read(schemePicker(hunan));
  const score = scoreWorkbook(read.grids, hunan);
  return { port, read, score };
}

test("a value in row 1,048,576: rows present are read (one shared empty row for the gap), scored and written", async () => {
  const { port, read, score } = await scoreThroughPort(ledgerWith({ r: 1048575, c: 0 }));
  const grid = read.grids.find((g) => g.name === "考核台账")!;
  expect(grid.values).toHaveLength(1048576);
  // The gap is one shared (empty) array, not a million row arrays.
  expect(new Set(grid.values.slice(2, -1)).size).toBe(1);
  expect(grid.values[2]).toEqual([]);
  expect(grid.values[1048575]).toEqual(["远处"]);
  const row = score.result.sheets[0]!.rows.find((r) => r.row === 2)!;
  expect(row.key).toBe("||报建窗口");
  await port.write(score.writes);
  const after = (await XlsxWorkbook.open(await port.toBytes())).readSheets().find((g) => g.name === "考核台账")!;
  expect(after.values[1]!.slice(0, 3)).toEqual(["报建窗口", "服务岗", 2025]);
  expect(after.values[1]!.length).toBeGreaterThan(3);
  expect(after.values[1048575]![0]).toBe("远处");
}, 120_000);

test("a value in column XFD: the write is refused in Chinese naming XFD, and the workbook is left as it was", async () => {
  const bytes = ledgerWith({ r: 1, c: 16383 });
  const { port, read, score } = await scoreThroughPort(bytes);
  const grid = read.grids.find((g) => g.name === "考核台账")!;
  expect(grid.values).toHaveLength(2);
  expect(grid.values[1]).toHaveLength(16384);
  expect(grid.values[1]![16383]).toBe("远处");
  await expect(port.write(score.writes)).rejects.toThrow(/^工作表「考核台账」右侧已没有空列（已用到最后一列 XFD）/);
  expect(parts(await port.toBytes())).toEqual(parts(bytes));
  expect(await port.undo()).toBe(false);
});
