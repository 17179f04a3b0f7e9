/**
 * Results → the owned output columns of a sheet. Pure: decides where each owned column goes (the columns
 * the tool owns there — `existing`, found by its record, see ownership.ts — else appended right of
 * everything used: values, notes, drawings) and what each cell holds.
 */
import type { OutputDef } from "../schemes/types";
import { address, columnName } from "./a1";
import { presentRows, type OutputCell, type SheetGrid, type SheetWrite, type StatusFill } from "./grid";

export type RowOutput = { row: number; values: Record<string, OutputCell>; fill: StatusFill | null };

/** The rightmost column holding anything in any row (1-based; 0 for an empty sheet). */
export function lastUsedColumn(grid: SheetGrid): number {
  // Per row present, its rightmost value: proportional to the cells, not to columns × rows.
  let last = 0;
  for (const r0 of presentRows(grid.values)) {
    const r = grid.values[r0]!;
    for (let c = r.length - 1; c >= last; c--) {
      const v = r[c];
      if (v !== null && v !== undefined && v !== "") {
        last = c + 1;
        break;
      }
    }
  }
  return last;
}

/** The rightmost column anything is on: a value, a note or a drawing's anchor (new columns go right of it). */
export function lastOccupiedColumn(grid: SheetGrid): number {
  return Math.max(lastUsedColumn(grid), grid.objectsRight ?? 0);
}

/** Excel's last column (XFD). */
export const MAX_COLUMNS = 16384;

/** The cell holding the rightmost value of a sheet (A1 address), or null for an empty sheet. */
export function rightmostCell(grid: SheetGrid): string | null {
  const col = lastUsedColumn(grid);
  if (!col) return null;
  const row = presentRows(grid.values).find((r0) => {
    const v = grid.values[r0]![col - 1];
    return v !== null && v !== undefined && v !== "";
  })!;
  return address(row + 1, col);
}

/**
 * The last row the owned columns are written through: the last row with a result, or below it the last row
 * where an owned column still holds something to clear — at most `lastRow`. Rows below both would only get
 * blanks into empty cells: a stray value in row 1,048,576 does not make every output column a million long.
 */
function writtenThrough(grid: SheetGrid, headerRow: number, lastRow: number, existing: ReadonlyMap<string, number>, rows: readonly RowOutput[]): number {
  let end = headerRow;
  for (const r of rows) if (r.row > end) end = r.row;
  if (existing.size) {
    const cols = [...new Set(existing.values())];
    for (const r0 of presentRows(grid.values, end)) {
      if (r0 + 1 > lastRow) break;
      const row = grid.values[r0]!;
      if (cols.some((c) => !isEmpty(row[c - 1]))) end = r0 + 1;
    }
    // A formula without a result reads as blank but is there to clear.
    const letters = new Set(cols.map((c) => columnName(c)));
    for (const a of grid.uncached ?? []) {
      const m = /^([A-Z]+)(\d+)$/.exec(a);
      if (m && letters.has(m[1]!) && Number(m[2]) > end) end = Number(m[2]);
    }
  }
  return Math.min(end, lastRow);
}

/** Nothing in the cell at all (a space is something the writer clears). */
const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === "";

export function planWrite(
  grid: SheetGrid,
  headerRow: number,
  lastRow: number,
  existing: ReadonlyMap<string, number>,
  outputs: readonly OutputDef[],
  rows: readonly RowOutput[],
  statusOutput = "status",
): SheetWrite {
  let next = Math.max(lastOccupiedColumn(grid), ...existing.values()) + 1;
  const firstRow = headerRow + 1;
  const count = Math.max(0, writtenThrough(grid, headerRow, lastRow, existing, rows) - headerRow);
  // Sheet row → its output (the last one given for a row wins), by position.
  const byRow = new Array<RowOutput | undefined>(count);
  for (const r of rows) {
    const i = r.row - firstRow;
    if (i >= 0 && i < count) byRow[i] = r;
  }
  const columns = outputs.map((o) => {
    const found = existing.get(o.id);
    const col = found ?? next++;
    const values = new Array<OutputCell>(count);
    const fills = o.id === statusOutput ? new Array<StatusFill | null>(count) : [];
    for (let i = 0; i < count; i++) {
      const r = byRow[i];
      values[i] = r ? (r.values[o.id] ?? null) : null;
      if (o.id === statusOutput) fills[i] = r ? r.fill : null;
    }
    const column = { col, id: o.id, header: o.header, isNew: found === undefined, values, ...(o.width ? { width: o.width } : {}) };
    return o.id === statusOutput ? { ...column, fills } : column;
  });
  return { sheet: grid.name, headerRow, firstRow, columns };
}
