/**
 * Results → the owned output columns of a sheet. Pure: decides where each owned column goes (the columns
 * the tool owns there — `existing`, found by its record, see ownership.ts — else appended right of
 * everything used: values, notes, drawings) and what each cell holds.
 */
import type { OutputDef } from "../schemes/types";
import { address } from "./a1";
import { columnCount, type OutputCell, type SheetGrid, type SheetWrite, type StatusFill } from "./grid";

export type RowOutput = { row: number; values: Record<string, OutputCell>; fill: StatusFill | null };

/** The rightmost column holding anything in any row (1-based; 0 for an empty sheet). */
export function lastUsedColumn(grid: SheetGrid): number {
  const n = columnCount(grid);
  for (let c = n - 1; c >= 0; c--) {
    for (const r of grid.values) {
      const v = r[c];
      if (v !== null && v !== undefined && v !== "") return c + 1;
    }
  }
  return 0;
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
  const row = grid.values.findIndex((r) => {
    const v = r[col - 1];
    return v !== null && v !== undefined && v !== "";
  });
  return address(row + 1, col);
}

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
  const count = Math.max(0, lastRow - headerRow);
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
