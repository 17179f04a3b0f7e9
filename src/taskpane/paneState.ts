/**
 * The pane's flow as a reducer: starting → (empty) → reading → preview → writing → preview …, or error.
 * Pure: scoring is a pure function of what was read and what the user confirmed, so it happens here.
 */
import { detectScheme, SCHEME_INFO, scoreWith } from "../engine/schemes";
import { NoLedgerError, type AnyScore } from "../engine/scoreWorkbook";
import { SettingsError, type AdditiveSettingsInput, type SettingsInput } from "../schemes/schema";
import type { SchemeId } from "../schemes/types";
import type { ColumnMap } from "../sheets/headers";
import type { CellValue, SheetGrid, SheetWrite } from "../sheets/grid";
import { mappingOverrides, withOwnership, type StoredState, type WorkbookRead } from "../sheets/port";
import { locateSheet } from "../sheets/readSheet";
import { columnName } from "../sheets/a1";
import { isCandidateSheet } from "../sheets/registerDefs";
import { noLedgerText, settingsMessage } from "./settingsText";

export type Phase = "starting" | "unsupported" | "empty" | "reading" | "preview" | "writing" | "error";
/** A message to the user; an Excel failure also carries the diagnostics 复制诊断信息 copies. */
export type Notice = { intent: "success" | "warning" | "error" | "info"; text: string; details?: string };
export type Tab = "results" | "mapping" | "settings" | "reports" | "register";
/** "all", or one status of the active scheme. */
export type Filter = string;
/** The scheme the user picked, or "auto": the one whose sheet the workbook keeps. */
export type SchemeChoice = "auto" | SchemeId;

export type LedgerCandidate = { sheet: string; map: ColumnMap };

/** What rescoring decides: computed here, or (for a large file in the browser) in the worker and handed over. */
export type Scored = Pick<PaneState, "scheme" | "candidates" | "ledger" | "score" | "scoreError" | "filter">;

/** What the last write changed: the result columns, or the ledger's quarter columns from a survey (for 撤销's wording). */
export type LastWrite = "results" | "survey" | null;

/** Work under way that the user can follow and, while a file opens, cancel. */
export type Progress = { done: number; total: number; label?: string; cancellable?: boolean };

export type PaneState = {
  phase: Phase;
  host: "excel" | "wps" | "file";
  notice: Notice | null;
  fileName: string | null;
  read: WorkbookRead | null;
  candidates: LedgerCandidate[];
  ledger: string | null;
  stored: StoredState;
  schemeChoice: SchemeChoice;
  /** The scheme in use: the choice, or the detected one. */
  scheme: SchemeId;
  score: AnyScore | null;
  scoreError: string | null;
  progress: Progress | null;
  canUndo: boolean;
  /** What the last write changed (undo says what it restores). */
  lastWrite: LastWrite;
  /** The results on screen are in the workbook (a download then holds them). */
  written: boolean;
  /** This workbook was already sent to the tab it belongs on (a re-read does not move the user again). */
  landed: boolean;
  /** The workbook can show a cell to the user (Excel can; a file in the browser cannot). */
  canSelect: boolean;
  tab: Tab;
  filter: Filter;
};

export type Action =
  | { type: "unsupported"; message: string }
  | { type: "read-start" }
  /** `fresh`: a newly opened workbook (not a re-read of the same one); `scored`: rescoring already done elsewhere. */
  | { type: "read-done"; read: WorkbookRead; canSelect: boolean; fileName?: string; fresh?: boolean; scored?: Scored }
  | { type: "progress"; progress: Progress }
  /** The workbook has a 满意度调查 and no ledger: it lands on 汇总 (found by usePane, whose check loads on demand). */
  | { type: "survey-only"; text: string }
  | { type: "cancelled" }
  /** What the host could not do in the last command (see WorkbookPort.takeNotes): added to its message. */
  | { type: "host-notes"; notes: string[] }
  | { type: "failed"; message: string; details?: string }
  | { type: "choose-ledger"; sheet: string }
  /** `sheet`: a sheet not (yet) a ledger, made one by naming its missing required column; else the chosen ledger. */
  | { type: "map-column"; field: string; col: number; sheet?: string }
  | { type: "clear-mapping" }
  | { type: "set-settings"; settings: SettingsInput }
  | { type: "set-unit-settings"; settings: AdditiveSettingsInput }
  | { type: "choose-scheme"; choice: SchemeChoice }
  | { type: "write-start" }
  | { type: "write-progress"; done: number; total: number }
  | { type: "write-done"; cells: number }
  /** A write went through: the pane takes what was written into its copy of the workbook (no re-read). */
  | { type: "written"; writes: readonly SheetWrite[]; cells: number; stored?: StoredState; after?: { read: WorkbookRead; scored: Scored } }
  | { type: "undo-done"; undone: boolean }
  | { type: "template-done"; names: string[] }
  | { type: "report-done"; text: string; lastWrite?: LastWrite }
  | { type: "notice"; notice: Notice | null }
  | { type: "tab"; tab: Tab }
  | { type: "filter"; filter: Filter };

export function initialState(host: "excel" | "wps" | "file"): PaneState {
  return {
    phase: host === "file" ? "empty" : "starting",
    host,
    notice: null,
    fileName: null,
    read: null,
    candidates: [],
    ledger: null,
    stored: {},
    schemeChoice: "auto",
    scheme: "hunan",
    score: null,
    scoreError: null,
    progress: null,
    canUndo: false,
    lastWrite: null,
    written: false,
    landed: false,
    canSelect: false,
    tab: "results",
    filter: "all",
  };
}

function withoutUsed(stored: StoredState, scheme: SchemeId): StoredState {
  if (!stored.used?.[scheme]) return stored;
  const used = { ...stored.used };
  delete used[scheme];
  return { ...stored, used };
}

function overridesOf(stored: StoredState, sheet: string): Map<string, number> | undefined {
  const m = stored.mapping?.[sheet];
  return m ? new Map(Object.entries(m)) : undefined;
}

function candidatesOf(read: WorkbookRead, stored: StoredState, scheme: SchemeId): LedgerCandidate[] {
  const out: LedgerCandidate[] = [];
  const info = SCHEME_INFO[scheme];
  for (const g of read.grids) {
    if (isCandidateSheet(g)) continue; // a 推荐名单 is not a ledger
    const overrides = overridesOf(stored, g.name);
    const found = locateSheet(g, info.sheet, { outputs: info.outputs, ...(overrides ? { overrides } : {}) });
    if (found.ok) out.push({ sheet: g.name, map: found.map });
  }
  return out;
}

/** Scores the chosen ledger with the stored settings and mapping; errors become a sentence. */
function rescore(s: PaneState): PaneState {
  return { ...s, ...scoredOf(s), written: false };
}

/** What rescoring `s` gives (pure; the preview's worker runs it too, so the main thread need not). */
export function scoredOf(s: PaneState): Scored {
  if (!s.read) return { scheme: s.scheme, candidates: s.candidates, ledger: s.ledger, filter: s.filter, score: null, scoreError: null };
  const scheme = s.schemeChoice === "auto" ? (detectScheme(s.read.grids, s.stored) ?? "hunan") : s.schemeChoice;
  const switched = scheme !== s.scheme;
  const candidates = candidatesOf(s.read, s.stored, scheme);
  const ledger = !switched && s.ledger && candidates.some((c) => c.sheet === s.ledger) ? s.ledger : (candidates[0]?.sheet ?? null);
  const base = { scheme, candidates, ledger, filter: switched ? "all" : s.filter };
  // Every sheet's confirmed mapping applies, also one that makes a sheet stop being a ledger.
  const overrides = mappingOverrides(s.stored);
  try {
    const score = scoreWith(scheme, s.read.grids, { ...(ledger ? { sheet: ledger } : {}), stored: s.stored, overrides });
    return { ...base, score, scoreError: null };
  } catch (e) {
    if (e instanceof NoLedgerError) return { ...base, score: null, scoreError: noLedgerText(e, SCHEME_INFO[scheme].unit === "示范点" ? "示范点表" : "考核台账") };
    if (e instanceof SettingsError) return { ...base, score: null, scoreError: settingsMessage(e.message) };
    throw e;
  }
}

export function paneReducer(s: PaneState, a: Action): PaneState {
  switch (a.type) {
    case "unsupported":
      return { ...s, phase: "unsupported", notice: { intent: "error", text: a.message } };
    case "read-start":
      return { ...s, phase: "reading", notice: null };
    case "read-done": {
      const first = a.fresh ?? !s.read;
      const next: PaneState = {
        ...s,
        phase: "preview",
        read: a.read,
        stored: a.read.stored,
        canUndo: a.read.undo !== null,
        canSelect: a.canSelect,
        fileName: a.fileName ?? s.fileName,
        progress: null,
        ...(first ? { lastWrite: null, tab: "results" as const, filter: "all", landed: false } : {}),
      };
      const scored = { ...next, ...(a.scored ?? scoredOf(next)), written: first ? false : s.written };
      return first ? landing(scored) : scored;
    }
    case "progress":
      return { ...s, progress: a.progress };
    case "survey-only":
      return { ...s, tab: "reports", landed: true, notice: { intent: "info", text: a.text } };
    case "cancelled":
      return { ...s, phase: s.read ? "preview" : s.host === "file" ? "empty" : "error", progress: null, notice: { intent: "info", text: "已取消打开。" } };
    case "failed":
      return {
        ...s,
        phase: s.read ? "preview" : s.host === "file" ? "empty" : "error",
        progress: null,
        notice: { intent: "error", text: a.message, ...(a.details ? { details: a.details } : {}) },
      };
    case "choose-ledger":
      // The message naming the ledger scored before is out of date.
      return rescore({ ...s, ledger: a.sheet, notice: s.notice?.intent === "error" ? s.notice : null });
    case "map-column": {
      const sheet = a.sheet ?? s.ledger;
      if (!sheet) return s;
      // The sheet keeps its place as the chosen ledger while the user edits its mapping.
      const current = s.stored.mapping?.[sheet] ?? {};
      const mapping = { ...(s.stored.mapping ?? {}), [sheet]: { ...current, [a.field]: a.col } };
      return rescore({ ...s, ledger: sheet, stored: { ...s.stored, mapping } });
    }
    case "clear-mapping": {
      if (!s.stored.mapping) return s;
      // With no ledger left to show (the mapping unmapped a required column), every mapping is cleared.
      const mapping = s.ledger ? Object.fromEntries(Object.entries(s.stored.mapping).filter(([k]) => k !== s.ledger)) : {};
      return rescore({ ...s, stored: { ...s.stored, mapping } });
    }
    // Settings chosen in the pane replace what the last write used (which otherwise wins over them).
    case "set-settings":
      return rescore({ ...s, stored: withoutUsed({ ...s.stored, settings: a.settings }, "hunan") });
    case "set-unit-settings":
      return rescore({ ...s, stored: withoutUsed({ ...s.stored, shanghai: a.settings }, "shanghai") });
    case "choose-scheme":
      return rescore({ ...s, schemeChoice: a.choice });
    case "write-start":
      return { ...s, phase: "writing", progress: { done: 0, total: 1 }, notice: null };
    case "write-progress":
      return { ...s, progress: { done: a.done, total: a.total } };
    case "write-done":
      return { ...s, phase: "preview", progress: null, canUndo: true, lastWrite: "results", written: true, notice: { intent: "success", text: `已写回 ${a.cells} 个单元格。${nextStep(s.host)}` } };
    case "written": {
      if (!s.read) return paneReducer(s, { type: "write-done", cells: a.cells });
      const stored = a.stored ?? s.stored;
      const next = a.after
        ? { ...s, read: a.after.read, stored: a.after.read.stored, ...a.after.scored }
        : rescore({ ...s, stored, read: { ...s.read, grids: withOwnership(s.read.grids.map((g) => applyWrites(g, a.writes)), stored), stored } });
      const done = paneReducer(next, { type: "write-done", cells: a.cells });
      return { ...done, notice: { intent: "success", text: `已写回${describeWrites(a.writes)}，共 ${a.cells} 个单元格。${nextStep(s.host)}` } };
    }
    case "undo-done": {
      const what = s.lastWrite === "survey" ? "台账的季度满意度列恢复为填入前的内容" : "结果列恢复为写回前的内容";
      return {
        ...s,
        phase: "preview",
        canUndo: false,
        lastWrite: null,
        written: false,
        notice: a.undone ? { intent: "success", text: `已撤销上次写回，${what}。` } : { intent: "info", text: "没有可以撤销的写回。" },
      };
    }
    case "host-notes": {
      const said = `未能完成：${a.notes.join("；")}`;
      if (s.notice?.intent === "error") return { ...s, notice: { ...s.notice, text: `${s.notice.text}\n${said}` } };
      return { ...s, notice: { intent: "warning", text: s.notice ? `${s.notice.text}\n${said}` : said } };
    }
    case "report-done":
      return {
        ...s,
        phase: s.read ? "preview" : s.phase,
        progress: null,
        ...(a.lastWrite ? { lastWrite: a.lastWrite, canUndo: true } : {}),
        notice: { intent: "success", text: a.text },
      };
    case "template-done":
      return { ...s, notice: { intent: "success", text: `已插入模板工作表：${a.names.join("、")}` } };
    case "notice":
      return { ...s, notice: a.notice };
    case "tab":
      // A message belongs to the step it reports on; only an error stays until it is dealt with.
      return { ...s, tab: a.tab, notice: s.notice?.intent === "error" ? s.notice : null };
    case "filter":
      return { ...s, filter: a.filter };
  }
}

/** What the user does next after a write, by host: download the file, or look in the sheet. */
export function nextStep(host: PaneState["host"]): string {
  return host === "file" ? "下一步：点“下载结果”保存文件。" : "可点“撤销上次写回”恢复。";
}

/** Where writes went, for the message after them: 「考核台账」AK–AR 列（新增 8 列）. */
export function describeWrites(writes: readonly SheetWrite[]): string {
  return writes
    .filter((w) => w.columns.length)
    .map((w) => {
      const cols = w.columns.map((c) => c.col);
      const added = w.columns.filter((c) => c.isNew).length;
      const from = columnName(Math.min(...cols));
      const to = columnName(Math.max(...cols));
      return `「${w.sheet}」${from === to ? from : `${from}–${to}`} 列${added ? `（新增 ${added} 列）` : ""}`;
    })
    .join("、");
}

/** Whether a sheet holds any row below `headerRow` (an inserted blank template holds none). */
export function hasRows(grids: readonly SheetGrid[], sheet: string, headerRow: number): boolean {
  return !!grids.find((g) => g.name === sheet)?.values.slice(headerRow).some((r) => r.some((v) => v !== null && v !== ""));
}

/** Where a newly opened workbook lands: a two-ledger one is told which is scored (a survey-only one: "survey-only"). */
function landing(s: PaneState): PaneState {
  if (!s.read) return s;
  const grids = s.read.grids;
  const filled = s.candidates.filter((c) => hasRows(grids, c.sheet, c.map.headerRow));
  if (filled.length > 1 && s.ledger) {
    const names = filled.map((c) => `「${c.sheet}」`).join("");
    return { ...s, notice: { intent: "info", text: `有 ${filled.length} 张考核台账${names}，当前计分「${s.ledger}」，可在下方切换。` } };
  }
  return s;
}

/** A sheet as it reads after `writes`: owned headers and cells set, masked cells only where the mask says. */
export function applyWrites(grid: SheetGrid, writes: readonly SheetWrite[]): SheetGrid {
  const mine = writes.filter((w) => w.sheet === grid.name);
  if (!mine.length) return grid;
  const values: CellValue[][] = grid.values.map((r) => r.slice());
  const formats = grid.formats?.map((r) => r.slice());
  const put = (row0: number, col0: number, value: CellValue, format?: string) => {
    const v = value === "" ? null : value;
    const r = (values[row0] ??= []);
    // A blank past a row's end stays absent, as a read leaves it.
    if (v === null && col0 >= r.length) return;
    while (r.length < col0) r.push(null);
    r[col0] = v;
    if (formats && format) {
      const f = (formats[row0] ??= []);
      while (f.length < col0) f.push("");
      f[col0] = format;
    }
  };
  for (const w of mine) {
    for (const c of w.columns) {
      if (!c.mask || c.isNew) put(w.headerRow - 1, c.col - 1, c.header);
      c.values.forEach((v, i) => {
        if (c.mask && !c.mask[i]) return;
        put(w.firstRow - 1 + i, c.col - 1, v, c.numberFormat);
      });
    }
  }
  for (let i = 0; i < values.length; i++) values[i] ??= [];
  return { ...grid, values, ...(formats ? { formats } : {}) };
}

export type Counts = Record<string, number>;

/** Rows per status of the active scheme (every status present, zero when none). */
export function countsOf(score: AnyScore | null, scheme: SchemeId = score?.scheme ?? "hunan"): Counts {
  const counts: Counts = Object.fromEntries(SCHEME_INFO[scheme].statuses.map((k) => [k, 0]));
  for (const sheet of score?.result.sheets ?? []) for (const r of sheet.rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}
