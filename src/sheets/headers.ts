/**
 * Finding the header row (within the first 10 rows, under title rows) and mapping columns to a sheet
 * definition's fields and the scheme's owned output columns.
 */
import type { OutputDef, SheetDef } from "../schemes/types";
import { cellAt, columnCount, type SheetGrid } from "./grid";
import { normalizeHeader } from "./normalize";
import { findOwnedColumns, type Ownership } from "./ownership";
import { cellText } from "./values";

export const HEADER_SEARCH_ROWS = 10;

export type ColumnMap = {
  /** 1-based header row. */
  headerRow: number;
  /** field id → 1-based column. */
  fields: Map<string, number>;
  /**
   * output id → 1-based column: the tool's own output columns already in the sheet, found by its record
   * (or, in a workbook scored before records were kept, its block of columns at the right end), never by a
   * header alone. See {@link findOwnedColumns}.
   */
  outputs: Map<string, number>;
  /** How the owned columns were found, and what to tell the user about them. */
  ownership?: Ownership;
  /** 1-based column → header text as written in the sheet. */
  headers: Map<number, string>;
  unknown: { col: number; header: string }[];
  /** A field matched by more than one column: the first is used. */
  ambiguous: { field: string; cols: number[] }[];
};

export type HeaderSearch =
  | { ok: true; map: ColumnMap }
  | { ok: false; bestRow: number | null; found: string[]; missing: string[] };

export type Dictionary = Map<string, { kind: "field" | "output"; id: string }>;

export function buildDictionary(sheet: SheetDef, outputs: readonly OutputDef[] = []): Dictionary {
  const dict: Dictionary = new Map();
  for (const o of outputs) {
    for (const h of [o.header, ...(o.synonyms ?? [])]) dict.set(normalizeHeader(h), { kind: "output", id: o.id });
  }
  for (const f of sheet.fields) {
    for (const h of [f.header, ...(f.synonyms ?? [])]) {
      const key = normalizeHeader(h);
      if (!dict.has(key)) dict.set(key, { kind: "field", id: f.id });
    }
  }
  return dict;
}

/** A candidate header row's map, with the columns named like an output (whose they are is decided later). */
type RowMap = ColumnMap & { outputNamed: { col: number; header: string }[] };

function mapRow(grid: SheetGrid, row0: number, dict: Dictionary, overrides?: ReadonlyMap<string, number>): RowMap {
  const outputNamed: RowMap["outputNamed"] = [];
  const map: RowMap = {
    outputNamed, headerRow: row0 + 1, fields: new Map(), outputs: new Map(), headers: new Map(), unknown: [], ambiguous: [] };
  const seen = new Map<string, number[]>();
  const n = columnCount(grid);
  for (let c = 0; c < n; c++) {
    const text = cellText(cellAt(grid, row0, c)).replace(/\s+/g, "");
    if (!text) continue;
    const col = c + 1;
    map.headers.set(col, text);
    const hit = dict.get(normalizeHeader(text));
    if (!hit) {
      map.unknown.push({ col, header: text });
    } else if (hit.kind === "output") {
      // Named like one of our output columns: ours only if recorded as ours (decided by the caller).
      outputNamed.push({ col, header: text });
    } else {
      const cols = seen.get(hit.id) ?? [];
      cols.push(col);
      seen.set(hit.id, cols);
    }
  }
  for (const [field, cols] of seen) {
    map.fields.set(field, cols[0]!);
    if (cols.length > 1) map.ambiguous.push({ field, cols });
  }
  if (overrides) {
    for (const [field, col] of overrides) {
      if (col > 0) map.fields.set(field, col);
      else map.fields.delete(field);
    }
  }
  return map;
}

/** The owned output columns of the chosen header row; columns only named like ours are the user's (unknown). */
function withOwned(grid: SheetGrid, row: RowMap, outputs: readonly OutputDef[]): ColumnMap {
  const { outputNamed, ...map } = row;
  if (!outputs.length) return map;
  const ownership = findOwnedColumns(grid, map.headerRow, outputs, [...map.fields.values()]);
  const owned = new Set(ownership.outputs.values());
  const unknown = [...map.unknown, ...outputNamed.filter((c) => !owned.has(c.col))].sort((a, b) => a.col - b.col);
  return { ...map, outputs: ownership.outputs, ownership, unknown };
}

/**
 * The header row is the row among the first 10 with the most recognised headers that has every
 * required field and none of the excluded ones.
 */
export function findHeaderRow(
  grid: SheetGrid,
  sheet: SheetDef,
  outputs: readonly OutputDef[] = [],
  overrides?: ReadonlyMap<string, number>,
): HeaderSearch {
  const dict = buildDictionary(sheet, outputs);
  const named = overrides ? new Map([...overrides].filter(([, col]) => col > 0)) : undefined;
  let best: RowMap | null = null;
  let bestAny: RowMap | null = null;
  const rows = Math.min(HEADER_SEARCH_ROWS, grid.values.length);
  for (let r = 0; r < rows; r++) {
    // A column the user named (its header not recognised) counts: it can complete a row lacking a required header.
    const m = mapRow(grid, r, dict, named);
    if (!bestAny || m.fields.size > bestAny.fields.size) bestAny = m;
    const complete = sheet.required.every((f) => m.fields.has(f)) && (!sheet.anyOf?.length || sheet.anyOf.some((f) => m.fields.has(f)));
    const excluded = (sheet.excludes ?? []).some((f) => m.fields.has(f));
    if (complete && !excluded && (!best || m.fields.size > best.fields.size)) best = m;
  }
  if (best) {
    return { ok: true, map: withOwned(grid, overrides ? mapRow(grid, best.headerRow - 1, dict, overrides) : best, outputs) };
  }
  const headerOf = (id: string) => sheet.fields.find((f) => f.id === id)?.header ?? id;
  const found = bestAny ? [...bestAny.fields.keys()].map(headerOf) : [];
  const missing = sheet.required.filter((f) => !bestAny?.fields.has(f)).map(headerOf);
  if (sheet.anyOf?.length && !sheet.anyOf.some((f) => bestAny?.fields.has(f))) missing.push(`${sheet.anyOf.slice(0, 3).map(headerOf).join("、")}等评分列之一`);
  return { ok: false, bestRow: bestAny && bestAny.fields.size > 0 ? bestAny.headerRow : null, found, missing };
}
