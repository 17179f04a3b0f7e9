/**
 * The workbook port: what the pane and the preview need from a workbook, in the domain's words (sheets,
 * header rows, owned columns, cells). The Office.js adapter and the .xlsx adapter both implement it and
 * pass the same contract tests. Also the pure parts both adapters share: which sheets to read in full,
 * and the layout of the hidden sheet that keeps settings, the confirmed column mapping and the undo data.
 */
import type { AdditiveSettingsInput, SettingsInput } from "../schemes/schema";
import { surveyCountSheet, surveyResponseSheet } from "../schemes/survey";
import { shanghai } from "../schemes/shanghai";
import type { HunanSettings, OutputDef, Scheme, SheetDef, ShanghaiSettings } from "../schemes/types";
import type { CellValue, OwnedSheet, SheetGrid, SheetWrite } from "./grid";
import { locateSheet } from "./readSheet";
import { CANDIDATE_DEF, SUBMISSION_DEF } from "./registerDefs";
import { isGeneratedReport, type ReportLayout } from "./report";
import type { TemplateSpec } from "./template";

/** A failure the user can act on, in Chinese, from either adapter. */
export class PortError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = "PortError";
  }
}

/** What the user confirmed once and expects the workbook to remember. */
export type StoredState = {
  /** The hunan scheme's settings (the first scheme; the key predates the others). */
  settings?: SettingsInput;
  /** The shanghai scheme's settings. */
  shanghai?: AdditiveSettingsInput;
  /** sheet → field id → 1-based column (0 = deliberately unmapped). */
  mapping?: Record<string, Record<string, number>>;
  /**
   * sheet → the output columns this tool wrote there (its header row, each owned field's column and the
   * header text written). A rerun writes into these columns only while their headers still read as written;
   * a column is never taken as ours because of its name alone.
   */
  owned?: Record<string, OwnedSheet>;
  /**
   * Set in a workbook the command line wrote as a new file (the scored copy, 满意度汇总 / 创建计划 copies), never
   * in the user's own file: such a file may be replaced by the next run without --force.
   */
  output?: { command: string; at: string };
  /** What the last scoring that wrote results into this workbook used, per scheme (see {@link UsedRecord}). */
  used?: { hunan?: UsedRecord<HunanSettings>; shanghai?: UsedRecord<ShanghaiSettings> };
};

/**
 * Every setting a write of results used (defaults included), so that every later command reading the same
 * file (summary, consolidate, the pane, the preview) reproduces its 示范期至 and verdicts.
 */
export type UsedRecord<T> = { settings: T; at: string; by: "score" | "pane" };

/** One owned column saved before a write: `slot` is its column in the hidden sheet's undo area. */
export type UndoColumn = { col: number; slot: number; isNew: boolean; header?: string; table?: string };
export type UndoSheet = { sheet: string; headerRow: number; lastRow: number; columns: UndoColumn[] };
export type UndoMeta = { at: string; sheets: UndoSheet[] };

/** Something about a sheet the user should know before writing (protected, filtered, in a table…). */
export type SheetNote = {
  sheet: string;
  kind: "protected" | "filtered" | "hidden-rows";
  message: string;
  /** true when it prevents writing this sheet. */
  blocking: boolean;
};

export type WorkbookRead = {
  /** Candidate sheets in full; other sheets as their first rows only (enough to say why they are not ledgers). */
  grids: SheetGrid[];
  stored: StoredState;
  undo: UndoMeta | null;
  notes: SheetNote[];
};

export type WriteReport = { cells: number; requests: number; tableColumns: number };
export type WriteProgress = (done: number, total: number) => void;

export type PortCapabilities = {
  kind: "excel" | "wps" | "file";
  /** Can put the selection on a cell in the user's window. */
  select: boolean;
};

export type WorkbookPort = {
  readonly capabilities: PortCapabilities;
  /** Reads what scoring needs; `pick` names the sheets to read in full from their first rows. */
  read(pick: SheetPicker): Promise<WorkbookRead>;
  /** Writes owned columns only, saving what they held before so {@link undo} can restore it. */
  write(writes: readonly SheetWrite[], onProgress?: WriteProgress): Promise<WriteReport>;
  /** Restores the owned columns of the last write exactly; false when there is nothing to undo. */
  undo(): Promise<boolean>;
  saveState(state: StoredState): Promise<void>;
  /** Adds the template's sheets (renamed if taken); returns their names. */
  insertTemplate(spec: TemplateSpec): Promise<string[]>;
  /** Selects a cell or range ("K12", "A12:AP12") on a sheet. */
  select(sheet: string, range: string): Promise<void>;
  /**
   * Adds a generated sheet (满意度汇总, 年度汇总, 全省汇总) and shows it. A sheet of that name we generated
   * earlier is replaced; one the user made keeps its name and the new sheet gets " (2)". Returns the name.
   */
  addReport(layout: ReportLayout): Promise<string>;
  /** Opens an .xlsx as a new workbook window (Excel only); false when the host cannot. */
  openWorkbook?(bytes: Uint8Array): Promise<boolean>;
  /**
   * What the host could not do since this was last asked (a chart, status colours, frozen panes the host refused and
   * the adapter left out), in Chinese, so the pane can say so; empty when everything was done. WPS only today.
   */
  takeNotes?(): string[];
};

/** Given each sheet's first rows, the sheets to read in full and the columns whose number formats matter. */
export type SheetPicker = (heads: readonly SheetGrid[]) => { sheet: string; formatColumns: number[] }[];

/** Rows read to find headers: the header row is searched in the first 10 rows. */
export const HEAD_ROWS = 10;

/** The hidden sheet that keeps our state in the workbook (very hidden in Excel). */
export const STATE_SHEET = "示范岗考评_数据";
export const STATE_TITLE = "示范岗考评助手的设置、列映射和撤销数据，请勿修改";
/** Rows of the state block: A = key, B = JSON. */
export const STATE_ROWS = { settings: 2, mapping: 3, undo: 4, shanghai: 5, owned: 6, output: 7, used: 8 } as const;
/** The state block is A1:B{STATE_LAST_ROW}. */
export const STATE_LAST_ROW = 8;
/** The undo area starts in this column of the state sheet; slot i is column UNDO_FIRST_COL + i. */
export const UNDO_FIRST_COL = 5;

const FORMAT_KINDS = new Set(["year", "rate"]);

/** The ledger, member, 示范点 and survey sheets, with the columns whose formats change how a value reads. */
export function schemePicker(scheme: Scheme, stored: StoredState = {}): SheetPicker {
  // Both schemes' sheets are read in full, so that the pane can tell which scheme a workbook keeps.
  const defs: { def: SheetDef; outputs: readonly OutputDef[] }[] = [
    { def: scheme.ledger, outputs: scheme.outputs },
    { def: scheme.member, outputs: [] },
    { def: shanghai.sheet, outputs: shanghai.outputs },
    { def: surveyCountSheet, outputs: [] },
    { def: surveyResponseSheet, outputs: [] },
    // The register's 报送情况 and 推荐名单 (read in full so that the 名册 tab sees them).
    { def: SUBMISSION_DEF, outputs: [] },
    { def: CANDIDATE_DEF, outputs: [] },
  ];
  return (heads) => {
    const out: { sheet: string; formatColumns: number[] }[] = [];
    for (const g of heads) {
      if (isGeneratedReport(g)) continue;
      const overrides = stored.mapping?.[g.name] ? new Map(Object.entries(stored.mapping[g.name]!)) : undefined;
      for (const { def, outputs } of defs) {
        const found = locateSheet(g, def, { outputs, ...(overrides && outputs.length ? { overrides } : {}) });
        if (!found.ok) continue;
        const formatColumns = def.fields.filter((f) => (FORMAT_KINDS.has(f.kind) || f.id === "date") && found.map.fields.has(f.id)).map((f) => found.map.fields.get(f.id)!);
        out.push({ sheet: g.name, formatColumns: [...new Set(formatColumns)].sort((a, b) => a - b) });
        break;
      }
    }
    return out;
  };
}

/** The confirmed column mapping of every sheet, as the reader's overrides (field id → column). */
export function mappingOverrides(stored: StoredState): Record<string, Map<string, number>> {
  return Object.fromEntries(Object.entries(stored.mapping ?? {}).map(([sheet, m]) => [sheet, new Map(Object.entries(m))]));
}

/** The state block as the rows A1:B{STATE_LAST_ROW} of the state sheet. */
export function stateRows(state: StoredState, undo: UndoMeta | null): CellValue[][] {
  return [
    [STATE_TITLE, null],
    ["settings", state.settings ? JSON.stringify(state.settings) : null],
    ["mapping", state.mapping ? JSON.stringify(state.mapping) : null],
    ["undo", undo ? JSON.stringify(undo) : null],
    ["shanghai", state.shanghai ? JSON.stringify(state.shanghai) : null],
    ["owned", state.owned ? JSON.stringify(state.owned) : null],
    ["output", state.output ? JSON.stringify(state.output) : null],
    ["used", state.used ? JSON.stringify(state.used) : null],
  ];
}

function json<T>(v: CellValue | undefined): T | undefined {
  if (typeof v !== "string" || !v.trim()) return undefined;
  try {
    return JSON.parse(v) as T;
  } catch {
    return undefined;
  }
}

/** Reads the state block back; anything unreadable is treated as absent rather than failing the pane. */
export function parseStateRows(rows: readonly (readonly CellValue[])[]): { stored: StoredState; undo: UndoMeta | null } {
  const at = (r: number) => rows[r - 1]?.[1];
  const settings = json<SettingsInput>(at(STATE_ROWS.settings));
  const mapping = json<Record<string, Record<string, number>>>(at(STATE_ROWS.mapping));
  const undo = json<UndoMeta>(at(STATE_ROWS.undo));
  const shanghai = json<AdditiveSettingsInput>(at(STATE_ROWS.shanghai));
  const owned = json<Record<string, unknown>>(at(STATE_ROWS.owned));
  const output = json<{ command?: unknown; at?: unknown }>(at(STATE_ROWS.output));
  const used = json<StoredState["used"]>(at(STATE_ROWS.used));
  const stored: StoredState = {};
  if (used && typeof used === "object") stored.used = used;
  if (settings && typeof settings === "object") stored.settings = settings;
  if (shanghai && typeof shanghai === "object") stored.shanghai = shanghai;
  if (mapping && typeof mapping === "object") stored.mapping = mapping;
  if (owned && typeof owned === "object" && !Array.isArray(owned)) {
    const sheets = Object.entries(owned).filter((e): e is [string, OwnedSheet] => isOwnedSheet(e[1]));
    if (sheets.length) stored.owned = Object.fromEntries(sheets);
  }
  if (output && typeof output.command === "string" && typeof output.at === "string") stored.output = { command: output.command, at: output.at };
  return { stored, undo: undo && Array.isArray(undo.sheets) ? undo : null };
}

function isOwnedSheet(v: unknown): v is OwnedSheet {
  if (!v || typeof v !== "object") return false;
  const o = v as { headerRow?: unknown; columns?: unknown };
  const isColumn = (c: unknown) => {
    const x = (c ?? {}) as { id?: unknown; col?: unknown; header?: unknown };
    return typeof x.id === "string" && typeof x.header === "string" && Number.isInteger(x.col) && (x.col as number) > 0;
  };
  return Number.isInteger(o.headerRow) && Array.isArray(o.columns) && o.columns.every(isColumn);
}

/**
 * The state after a write: each sheet's owned columns as written (an input column filled on request, such
 * as 季度满意度, is the user's and is not recorded).
 */
export function recordOwnership(stored: StoredState, writes: readonly SheetWrite[]): StoredState {
  let owned = stored.owned;
  for (const w of writes) {
    const columns = w.columns.filter((c) => !c.mask && c.id !== undefined).map((c) => ({ id: c.id!, col: c.col, header: c.header }));
    if (!columns.length) continue;
    owned = { ...owned, [w.sheet]: { headerRow: w.headerRow, columns } };
  }
  return owned === stored.owned ? stored : { ...stored, ...(owned ? { owned } : {}) };
}

/** The grids with what the tool recorded it owns in each (so that its columns are found by record, not by name). */
export function withOwnership(grids: readonly SheetGrid[], stored: StoredState): SheetGrid[] {
  return grids.map((g) => {
    const owned = stored.owned?.[g.name];
    return owned ? { ...g, owned } : g;
  });
}

/** Undo slots for a write: every owned column of every sheet, in order. */
export function planUndo(writes: readonly SheetWrite[], lastRows: ReadonlyMap<string, number>, at: string, tables: ReadonlyMap<string, string> = new Map()): UndoMeta {
  let slot = 0;
  return {
    at,
    sheets: writes.map((w) => ({
      sheet: w.sheet,
      headerRow: w.headerRow,
      lastRow: Math.max(lastRows.get(w.sheet) ?? 0, w.firstRow - 1 + Math.max(0, ...w.columns.map((c) => c.values.length))),
      columns: w.columns.map((c) => {
        const table = tables.get(`${w.sheet}!${c.col}`);
        return { col: c.col, slot: slot++, isNew: c.isNew, header: c.header, ...(table ? { table } : {}) };
      }),
    })),
  };
}

/** Text that a spreadsheet would take as a formula (or a number with a sign) if written as typed. */
export function needsTextGuard(v: string): boolean {
  return /^[=+\-@]/.test(v);
}

/**
 * Would a spreadsheet host (Excel through Office.js values, WPS through Value2), taking this string as typed input,
 * store something else (formula, number, date, boolean)? Such text is written with a leading apostrophe.
 */
export function hostWouldConvert(s: string): boolean {
  const t = s.trim();
  if (needsTextGuard(s) || s.startsWith("'")) return true;
  if (t !== "" && !Number.isNaN(Number(t.replace(/,/g, "")))) return true;
  if (/^(true|false)$/i.test(t)) return true;
  return /^[\d.]+\s*%$|^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$|^\d{4}年\d{1,2}月(\d{1,2}日)?$|^\d{1,2}:\d{2}/.test(t);
}
