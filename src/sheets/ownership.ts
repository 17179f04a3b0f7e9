/**
 * Which columns of a sheet are the tool's own output columns. Ours are the columns it recorded writing
 * (StoredState.owned, carried on the grid as `owned`), never a column that merely has a matching name: a
 * secretary's own 得分 or 结论 column is hers. Pure.
 *
 * - Recorded, and every recorded header cell still reads as written → those columns (updated in place).
 * - Recorded, and the whole set sits intact a few columns over (the user inserted or deleted columns to
 *   its left) → the shifted columns.
 * - Recorded, but some recorded column was renamed, moved or deleted → none: a fresh set is appended on the
 *   right and the user is told; nothing of the old set is overwritten. (All recorded headers blank — the
 *   last write undone, or the columns cleared — is the same without a warning.)
 * - Not recorded (a workbook scored by an earlier version) → the block of our exact headers at the right
 *   end of the header row, in our order, with nothing used to its right, holding the status column and at
 *   least half of the outputs, is adopted. Anything else named like an output is left alone.
 */
import type { OutputDef } from "../schemes/types";
import { columnName } from "./a1";
import { cellAt, columnCount, type SheetGrid } from "./grid";
import { normalizeText } from "./normalize";
import { cellText } from "./values";
import { lastUsedColumn } from "./writeback";

export type Ownership = {
  kind: "recorded" | "shifted" | "legacy" | "new" | "replaced";
  /** Output id → 1-based column of the sheet's owned columns. */
  outputs: Map<string, number>;
  /** What the user should be told (Chinese), e.g. why a fresh set of columns is written. */
  warnings: string[];
};

/** The output whose cells carry the status fill (both schemes call it `status`). */
const STATUS = "status";

export function findOwnedColumns(grid: SheetGrid, headerRow: number, outputs: readonly OutputDef[], fieldCols: readonly number[]): Ownership {
  const head = (col: number) => (col >= 1 ? normalizeText(cellText(cellAt(grid, headerRow - 1, col - 1))) : "");
  const shown = (col: number) => cellText(cellAt(grid, headerRow - 1, col - 1)).trim();
  const ids = new Set(outputs.map((o) => o.id));
  const recorded = (grid.owned?.columns ?? []).filter((c) => ids.has(c.id));
  if (recorded.length) {
    const holds = (shift: number) => recorded.every((c) => head(c.col + shift) === normalizeText(c.header));
    if (holds(0)) return { kind: "recorded", outputs: new Map(recorded.map((c) => [c.id, c.col])), warnings: [] };
    const first = recorded[0]!;
    const shifts: number[] = [];
    const width = columnCount(grid);
    for (let col = 1; col <= width; col++) {
      const shift = col - first.col;
      if (shift !== 0 && head(col) === normalizeText(first.header) && holds(shift)) shifts.push(shift);
    }
    if (shifts.length === 1) return { kind: "shifted", outputs: new Map(recorded.map((c) => [c.id, c.col + shifts[0]!])), warnings: [] };
    if (recorded.every((c) => head(c.col) === "")) return { kind: "new", outputs: new Map(), warnings: [] };
    const changed = recorded
      .filter((c) => head(c.col) !== normalizeText(c.header))
      .map((c) => `「${c.header}」（${columnName(c.col)} 列${shown(c.col) ? `，现为「${shown(c.col)}」` : "，现为空白"}）`);
    return {
      kind: "replaced",
      outputs: new Map(),
      warnings: [
        `工作表「${grid.name}」中本工具上次写出的结果列已被改名、移动或删除：${changed.join("、")}。为免覆盖您的内容，原有的结果列一格不动，本次在表格右侧写出一组新的结果列；旧的结果列如不再需要，可自行删除。`,
      ],
    };
  }
  return legacyBlock(grid, headerRow, outputs, fieldCols, head, shown);
}

function legacyBlock(
  grid: SheetGrid,
  headerRow: number,
  outputs: readonly OutputDef[],
  fieldCols: readonly number[],
  head: (col: number) => string,
  shown: (col: number) => string,
): Ownership {
  const exact = new Map(outputs.map((o, i) => [normalizeText(o.header), i]));
  const row = grid.values[headerRow - 1] ?? [];
  let last = 0;
  for (let c = row.length; c >= 1; c--) {
    if (head(c)) {
      last = c;
      break;
    }
  }
  // Walk left from the last header while the headers are ours, each one earlier in our order.
  const block = new Map<string, number>();
  let order = outputs.length;
  let start = last + 1;
  for (let c = last; c >= 1; c--) {
    const i = exact.get(head(c));
    if (i === undefined || i >= order) break;
    order = i;
    block.set(outputs[i]!.id, c);
    start = c;
  }
  const adoptable =
    last > 0 &&
    block.has(STATUS) &&
    block.size >= Math.ceil(outputs.length / 2) &&
    lastUsedColumn(grid) <= last &&
    fieldCols.every((c) => c < start);
  if (adoptable) return { kind: "legacy", outputs: new Map([...block].sort((a, b) => a[1] - b[1])), warnings: [] };
  // Columns named like ours that are not our block are the user's: say they are left alone.
  const named: string[] = [];
  for (let c = 1; c <= row.length; c++) if (exact.has(head(c))) named.push(`「${shown(c)}」（${columnName(c)} 列）`);
  return {
    kind: "new",
    outputs: new Map(),
    warnings: named.length
      ? [`工作表「${grid.name}」中已有与本工具结果列同名的列 ${named.join("、")}，但不是本工具写出的（工作簿中没有记录），不会改动；结果写在表格右侧新增的列中。`]
      : [],
  };
}
