/**
 * The workbook port's data: a sheet as plain 2-D arrays, starting at A1.
 * Both adapters (the .xlsx reader/writer, Office.js) produce and consume these shapes; nothing here knows either.
 */
export type CellValue = string | number | boolean | Date | null;

export type SheetGrid = {
  name: string;
  /** values[r][c] is the cell at row r + 1, column c + 1. Rows may be ragged. */
  values: CellValue[][];
  /** Number formats, same shape as values where known ("General" or "" when none). */
  formats?: string[][];
  /** Merged areas as A1 ranges ("A1:H1"); their cells read as the top-left cell's value. */
  merges?: string[];
  /**
   * Cells holding a formula saved without its result (openpyxl, SheetJS), as A1 addresses. They read as
   * blank in `values`; a fact read from one is an input error, never a blank.
   */
  uncached?: string[];
  /**
   * The rightmost column (1-based) a note or a drawing (chart, picture, shape) of the sheet is anchored on,
   * when the adapter can tell: an empty cell there is not free, so new columns go right of it.
   */
  objectsRight?: number;
  /** The output columns this tool recorded writing into this sheet (from its state sheet), if any. */
  owned?: OwnedSheet;
};

/** Where the tool wrote its output columns in a sheet: the header row, and per output id its column and header. */
export type OwnedSheet = { headerRow: number; columns: { id: string; col: number; header: string }[] };

/** One cell to write: a value, and for status cells a fill. */
export type OutputCell = string | number | null;

export type StatusFill = "retain" | "rectify" | "revoke" | "error" | "qualified" | "below" | "ineligible" | "unverified";

/** Status colours ("#RRGGBB"), shared by both adapters: retain green, rectify amber, revoke red, error grey. */
export const STATUS_FILLS: Record<StatusFill, string> = {
  retain: "#C6EFCE",
  qualified: "#C6EFCE",
  rectify: "#FFEB9C",
  below: "#FFEB9C",
  unverified: "#FFEB9C",
  revoke: "#FFC7CE",
  ineligible: "#FFC7CE",
  error: "#D9D9D9",
};

export type OutputColumn = {
  /** 1-based column number in the sheet. */
  col: number;
  /** The scheme's output id (owned columns only; recorded in the state so a rerun finds the column again). */
  id?: string;
  header: string;
  /** true when the column did not exist before this write. */
  isNew: boolean;
  /** Width (characters) to give a new column. */
  width?: number;
  /** Values for sheet rows firstRow … firstRow + values.length − 1. */
  values: OutputCell[];
  /** Optional fills, parallel to values (status column only). */
  fills?: (StatusFill | null)[];
  /**
   * An input column filled on the user's request (满意度 → 季度满意度): only cells whose mask is true are
   * written, and the header is left as the user wrote it unless the column is new.
   */
  mask?: boolean[];
  /** Number format for the cells written ("0.00%"). */
  numberFormat?: string;
};

/** Everything a write changes in one sheet: only owned columns, never an input cell. */
export type SheetWrite = {
  sheet: string;
  /** 1-based header row. */
  headerRow: number;
  /** 1-based first data row (headerRow + 1). */
  firstRow: number;
  columns: OutputColumn[];
};

export function cellAt(grid: SheetGrid, row0: number, col0: number): CellValue {
  const r = grid.values[row0];
  if (!r) return null;
  const v = r[col0];
  return v === undefined ? null : v;
}

export function formatAt(grid: SheetGrid, row0: number, col0: number): string {
  return grid.formats?.[row0]?.[col0] ?? "";
}

/**
 * The rows that hold cells, per values array, as the adapter that built it knows them: a stray cell in row
 * 1,048,576 leaves a million empty rows between, which loops over the grid skip instead of visiting.
 */
const presentByValues = new WeakMap<readonly (readonly CellValue[] | undefined)[], readonly number[]>();

/**
 * Records which rows (0-based, ascending) of a values array hold cells; the others must be empty (absent or
 * zero-length) and stay so: the array is not to be changed afterwards (grids never are).
 */
export function notePresentRows(values: readonly (readonly CellValue[] | undefined)[], rows: readonly number[]): void {
  presentByValues.set(values, rows);
}

/**
 * 0-based indices, ascending, of the rows with at least one cell (blank or not), from `from` on. Recorded by
 * the adapter that built the array ({@link notePresentRows}); else found by one pass over the row references.
 */
export function presentRows(values: readonly (readonly CellValue[] | undefined)[], from = 0): readonly number[] {
  const known = presentByValues.get(values);
  if (known) {
    if (from <= 0) return known;
    let lo = 0;
    let hi = known.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (known[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    return known.slice(lo);
  }
  const out: number[] = [];
  for (let r = Math.max(0, from); r < values.length; r++) if (values[r]?.length) out.push(r);
  return out;
}

export function columnCount(grid: SheetGrid): number {
  let n = 0;
  for (const r of presentRows(grid.values)) {
    const len = grid.values[r]!.length;
    if (len > n) n = len;
  }
  return n;
}
