/**
 * A stray value in row 1,048,576 (openpyxl-far.xlsx: a ledger in rows 1–8 under a merged title, "x" in
 * A1048576) costs in proportion to the cells present. Structural checks, not timings: the grid, the merged
 * view the reader makes of it and the planned write hold no array of their own for the million empty rows.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import { presentRows, type SheetGrid } from "../../src/sheets/grid";
import { mergedValues } from "../../src/sheets/readSheet";
import { lastUsedColumn, planWrite, rightmostCell } from "../../src/sheets/writeback";

const FAR = path.join(__dirname, "..", "fixtures", "lossless", "openpyxl-far.xlsx");
const LAST = 1048576;

async function ledger(): Promise<SheetGrid> {
  const grids = (await XlsxWorkbook.open(new Uint8Array(await fs.readFile(FAR)))).readSheets();
  return grids.find((g) => g.values.length === LAST)!;
}

/** How many distinct row arrays the rows between the ledger and the stray cell hold. */
const gapArrays = (values: readonly (readonly unknown[] | undefined)[]) => new Set(values.slice(8, LAST - 1)).size;

test("the grid: rows with cells are known, the gap is one shared empty row", async () => {
  const grid = await ledger();
  expect(grid.merges).toEqual(["A1:M1"]);
  expect(presentRows(grid.values)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, LAST - 1]);
  expect(presentRows(grid.values, 5)).toEqual([5, 6, 7, LAST - 1]);
  expect(gapArrays(grid.values)).toBe(1);
  expect(grid.values[LAST - 2]).toEqual([]);
  expect(grid.values[LAST - 1]).toEqual(["x"]);
});

test("the merged view copies only the rows a merge reaches, and is made once per grid", async () => {
  const grid = await ledger();
  const merged = mergedValues(grid);
  expect(merged).not.toBe(grid.values);
  expect(merged[0]).not.toBe(grid.values[0]);
  for (const r of [1, 7, 100, LAST - 1]) expect(merged[r]).toBe(grid.values[r]);
  expect(gapArrays(merged)).toBe(1);
  expect(presentRows(merged)).toEqual(presentRows(grid.values));
  expect(mergedValues({ ...grid })).toBe(merged);
});

test("scoring: records from the ledger rows, the write no longer than the ledger", async () => {
  const grid = await ledger();
  const scored = scoreWorkbook([grid], hunan);
  const rows = scored.result.sheets[0]!.rows.map((r) => r.row);
  expect(rows.length).toBeGreaterThan(0);
  expect(Math.max(...rows)).toBeLessThanOrEqual(8);
  // The stray cell is still the last used row (owned columns could reach it), but no column is a million long.
  expect(scored.ledgers[0]!.lastRow).toBe(LAST);
  const w = scored.writes[0]!;
  for (const c of w.columns) expect(w.firstRow + c.values.length - 1).toBe(Math.max(...rows));
  expect([lastUsedColumn(grid), rightmostCell(grid)]).toEqual([13, "M2"]);
});

test("an old result below the ledger is still cleared: the write reaches the last owned cell holding something", () => {
  const values: SheetGrid["values"] = new Array(LAST).fill([]);
  values[0] = ["示范岗名称", "岗位类别", "考核年度", "考核结论"];
  values[1] = ["报建窗口", "服务岗", 2025, "保持"];
  values[499] = [null, null, null, "撤销"];
  values[LAST - 1] = ["x"];
  const w = planWrite({ name: "考核台账", values }, 1, LAST, new Map([["status", 4]]), hunan.outputs, [{ row: 2, values: {}, fill: null }]);
  for (const c of w.columns) expect(c.values).toHaveLength(499);
});
