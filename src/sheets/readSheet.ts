/**
 * Grid → typed records for one sheet definition. Pure: plain arrays in, records out.
 * Unreadable cells become errors naming the cell and what was expected; nothing is guessed.
 */
import type { FieldDef, OutputDef, SheetDef } from "../schemes/types";
import { columnName, columnNumber } from "./a1";
import { cellAt, formatAt, notePresentRows, presentRows, type CellValue, type SheetGrid } from "./grid";
import { findHeaderRow, type ColumnMap, type HeaderSearch } from "./headers";
import { CellFact, type CellError, type Fact, type FactColumn, type FactValue, type RowRecord } from "./records";
import {
  cellText,
  isBlankValue,
  parseChoice,
  parseCount,
  parsePoints,
  parseRate,
  parseReview,
  parseScore,
  parseText,
  parseYear,
  parseYesNo,
  parseYesNoOrText,
  type Parsed,
} from "./values";

export const POST_TYPES = [
  ["service", ["服务岗", "党员服务示范岗", "服务示范岗", "服务"]],
  ["supervision", ["监督岗", "党员监督示范岗", "监督示范岗", "监督"]],
] as const;
export const LEVELS = [
  ["municipal", ["市州级", "市(州)级", "市级", "州级", "市州", "市", "州", "市级党员示范岗"]],
  ["provincial", ["省级", "省", "省级党员示范岗", "省级示范岗"]],
] as const;
export const ROUNDS = [
  ["初评", ["初评", "初次", "首次", "第一次", "初查", "初审", "年度考核"]],
  ["复评", ["复评", "复查", "复核", "第二次", "整改后复评", "再评", "整改复评"]],
] as const;
export const MEMBER_ROLES = [
  ["both", ["质量安全", "安全质量", "质安", "质量、安全", "质量和安全", "质量/安全", "综合"]],
  ["quality", ["质量", "质量监督"]],
  ["safety", ["安全", "安全监督"]],
  ["service", ["服务", "窗口"]],
] as const;

function parseField(field: FieldDef, v: CellValue, fmt: string): Parsed<FactValue> {
  switch (field.kind) {
    case "text":
      return parseText(v);
    case "postType":
      return parseChoice(v, POST_TYPES, "服务岗 或 监督岗", true);
    case "level":
      return parseChoice(v, LEVELS, "市州级 或 省级", true);
    case "round":
      return parseChoice(v, ROUNDS, "初评 或 复评", true);
    case "memberRole":
      return parseChoice(v, MEMBER_ROLES, "质量、安全、质量安全 或 服务", true);
    case "grade":
      return parseChoice(v, field.grades ?? [], field.expected ?? (field.grades ?? []).map(([g]) => g).join("、"), field.contains ?? false);
    case "points":
      return parsePoints(v);
    case "year":
      return parseYear(v, fmt);
    case "rate":
      return parseRate(v, fmt);
    case "count":
      return parseCount(v);
    case "yesNo":
      return parseYesNo(v, undefined, field.statement);
    case "yesNoOrText":
      return parseYesNoOrText(v, field.anyText, field.statement);
    case "score":
      return parseScore(v);
    case "review":
      return parseReview(v);
  }
}

function parseRange(ref: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return null;
  const c1 = columnNumber(m[1]!);
  const r1 = Number(m[2]);
  return { r1, c1, r2: m[4] ? Number(m[4]) : r1, c2: m[3] ? columnNumber(m[3]) : c1 };
}

/** mergedValues per values array (locating and reading a sheet both ask), while its merges are the same. */
const mergedCache = new WeakMap<CellValue[][], { merges: readonly string[]; values: CellValue[][] }>();

/**
 * The grid's values with every merged area's cells reading as its top-left value. Rows no merge touches are
 * the grid's own (shared, never copied): a sheet with a stray cell a million rows down costs one array of row
 * references here, not a million row copies.
 */
export function mergedValues(grid: SheetGrid): CellValue[][] {
  const merges = grid.merges;
  if (!merges?.length) return grid.values;
  const cached = mergedCache.get(grid.values);
  if (cached && cached.merges === merges) return cached.values;
  const values = grid.values.slice();
  const copied = new Set<number>();
  for (const ref of merges) {
    const a = parseRange(ref);
    if (!a) continue;
    const master = cellAt(grid, a.r1 - 1, a.c1 - 1);
    for (let r = a.r1; r <= a.r2; r++) {
      if (!copied.has(r - 1)) {
        values[r - 1] = (grid.values[r - 1] ?? []).slice();
        copied.add(r - 1);
      }
      const row = values[r - 1]!;
      for (let c = a.c1; c <= a.c2; c++) {
        if (r === a.r1 && c === a.c1) continue;
        if (isBlankValue(row[c - 1] ?? null)) row[c - 1] = master;
      }
    }
  }
  // Rows present: the grid's, and those a merge reaches (a row blank but for a merged cell above it).
  const present = new Set(presentRows(grid.values));
  for (const r0 of copied) if (values[r0]!.length) present.add(r0);
  notePresentRows(values, [...present].sort((x, y) => x - y));
  mergedCache.set(grid.values, { merges, values });
  return values;
}

export type SheetRead = {
  sheet: string;
  map: ColumnMap;
  records: RowRecord[];
  /** 1-based last row that has any value (owned columns are written through it). */
  lastRow: number;
};

export type ReadOptions = {
  outputs?: readonly OutputDef[];
  /** User-confirmed mapping: field id → 1-based column (0 = unmapped). */
  overrides?: ReadonlyMap<string, number>;
};

export function locateSheet(grid: SheetGrid, def: SheetDef, opts: ReadOptions = {}): HeaderSearch {
  return findHeaderRow({ ...grid, values: mergedValues(grid) }, def, opts.outputs, opts.overrides);
}

/** What a formula saved without its result says to the user (the cell is named before it). */
export const UNCACHED_FORMULA = "公式没有计算结果，请在 Excel 或 WPS 中打开并保存后再评分";

/** Rows whose first cell reads like a note under the table, not a post. */
const FOOTER = /^(注|说明|备注|填表|制表|审核|合计|总计|小计|负责人签字|签字)/;

/** Reads a sheet already located by {@link locateSheet}. */
export function readSheet(grid: SheetGrid, def: SheetDef, map: ColumnMap): SheetRead {
  const values = mergedValues(grid);
  // Per field, once: its column, column letters and header as written.
  const fields = def.fields
    .filter((f) => map.fields.has(f.id))
    .map((f) => {
      const col = map.fields.get(f.id)!;
      const letters = columnName(col);
      const header = map.headers.get(col) ?? f.header;
      const column: FactColumn = { letters, header };
      return { f, id: f.id, col, letters, header, column };
    });
  // Every row's facts have the same keys in the same order (each field is set on every row). Built key by key, an
  // object of that many properties falls into dictionary mode; cloned from one parsed template, it keeps one fast shape.
  const template = JSON.parse(JSON.stringify(Object.fromEntries(fields.map((x) => [x.id, null])))) as Record<string, Fact>;
  const fieldIds: readonly string[] = Object.freeze(fields.map((x) => x.id));
  const blankValues: (FactValue | null)[] = fields.map(() => null);
  const records: RowRecord[] = [];
  const uncached = grid.uncached?.length ? new Set(grid.uncached) : null;
  let lastRow = map.headerRow;
  // Only rows holding cells (a row without any reads as nothing below): not every row up to the last one.
  for (const r0 of presentRows(values, map.headerRow)) {
    const rowValues = values[r0] ?? [];
    // The row's first non-blank value as written (merges not spread), if any.
    const rawRow = grid.values[r0] ?? [];
    let first: CellValue | undefined;
    for (let c = 0; c < rawRow.length; c++) {
      const v = rawRow[c] ?? null;
      if (!isBlankValue(v)) {
        first = v;
        break;
      }
    }
    if (first !== undefined) lastRow = r0 + 1;
    // A note under the table ("注：…", "填表人：…", "合计"), often one merged cell: not a post.
    if (first !== undefined && FOOTER.test(cellText(first))) continue;
    const row = r0 + 1;
    const facts: Record<string, Fact> = { ...template };
    // Copied from a row of nulls: made at its size and kind at once (not grown, not turned from holes into values).
    const vals = blankValues.slice();
    const errors: CellError[] = [];
    const readings: string[] = [];
    let filled = 0;
    for (let k = 0; k < fields.length; k++) {
      const { f, id, col, letters, header, column } = fields[k]!;
      const v = rowValues[col - 1] ?? null;
      if (uncached?.has(letters + row)) {
        const cell = letters + row;
        filled++;
        facts[id] = new CellFact(null, column, row);
        errors.push({ cell, message: `${header}（${cell}）${UNCACHED_FORMULA}` });
        continue;
      }
      const p = parseField(f, v, formatAt(grid, r0, col - 1));
      if (p.kind === "blank") {
        facts[id] = new CellFact(null, column, row);
      } else if (p.kind === "ok") {
        filled++;
        // A vocabulary read by containment ("街镇级文明单位" → 街镇级) keeps the words as written for explanations.
        const text = p.text ?? (f.kind === "grade" && f.contains ? cellText(v) : undefined);
        facts[id] = new CellFact(p.value, column, row, text);
        vals[k] = p.value;
        if (p.read) readings.push(id);
      } else {
        const cell = letters + row;
        filled++;
        facts[id] = new CellFact(null, column, row);
        errors.push({ cell, message: p.why ? `${header}（${cell}）“${cellText(v)}”${p.why}，应填写${p.expected}` : `${header}（${cell}）无法识别“${cellText(v)}”，应为${p.expected}` });
      }
    }
    const nameGiven = facts["name"]?.value != null || errors.some((e) => e.cell === facts["name"]?.cell);
    if (!nameGiven && filled < 2) continue;
    records.push(readings.length ? { sheet: grid.name, row, facts, errors, readings, fieldIds, values: vals } : { sheet: grid.name, row, facts, errors, fieldIds, values: vals });
  }
  return { sheet: grid.name, map, records, lastRow };
}
