/**
 * The Office.js adapter: the only code that says `Excel.`. One Excel.run per read and per write; every
 * load is queued before a constant number of context.sync() calls (split-loop pattern). Requests are
 * split only when a batch would pass Excel on the web's 5 MB payload limit.
 *
 * Payloads are budgeted in bytes as Office.js sends them (JSON, non-ASCII escaped: our output columns are
 * long Chinese text, 6 bytes a character), and a request or response Excel still refuses as too large is
 * halved and sent again.
 *
 * read   sync 1: sheet names · sync 2: first rows, used-range size, protection (sheet and workbook),
 *        filters, merged areas, tables, state block · sync 3…: candidate sheets in full, as many rows per
 *        request as fit the byte budget by the sizes of the rows read so far (one sync for a small ledger)
 * write  sync 1…: undo snapshot (server-side copy), headers, formats, values in budgeted chunks, state; the
 *        screen is not redrawn between them (suspendScreenUpdatingUntilNextSync)
 * undo   sync 1: state block · sync 2: server-side copy back
 */
import { columnName, columnNumber } from "../../sheets/a1";
import { STATUS_FILLS, type CellValue, type OutputCell, type SheetGrid, type SheetWrite, type StatusFill } from "../../sheets/grid";
import {
  HEAD_ROWS,
  hostWouldConvert,
  parseStateRows,
  planUndo,
  PortError,
  recordOwnership,
  STATE_LAST_ROW,
  STATE_SHEET,
  stateRows,
  UNDO_FIRST_COL,
  withOwnership,
  type PortCapabilities,
  type SheetNote,
  type SheetPicker,
  type StoredState,
  type UndoMeta,
  type WorkbookPort,
  type WorkbookRead,
  type WriteProgress,
  type WriteReport,
} from "../../sheets/port";
import { REPORT_MARK, type ReportLayout } from "../../sheets/report";
import type { TemplateSpec } from "../../sheets/template";

/** Excel.run and the requirement-set check, injected so the strict test double can stand in. */
export type ExcelHost = {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, version: string): boolean;
  /** Opens an .xlsx (base64) as a new workbook window (ExcelApi 1.8). */
  createWorkbook?(base64: string): Promise<void>;
  /** Office.context.diagnostics: which Office this is, for 复制诊断信息. */
  diagnostics?(): { host: string; platform: string; version: string };
};

/** Range.copyFrom (ExcelApi 1.9) makes the undo snapshot a server-side copy: no payload, exact formats. */
export const MIN_EXCEL_API = "1.9";

/** Excel on the web rejects requests and responses over 5 MB; stay well under it. */
export const REQUEST_BUDGET_BYTES = 4 * 1024 * 1024;
/** Bytes a read request plans to get back; a response Excel still refuses is halved and read again. */
export const READ_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * The bytes of a value as Office.js carries it: JSON with every non-ASCII character escaped (\uXXXX, 6
 * bytes). Counted from the strings themselves, so long Chinese text weighs what it really weighs.
 */
export function payloadBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? "";
  let n = json.length;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7e) n += 5;
  return n;
}

export type Support = { ok: true } | { ok: false; message: string };

/** Whether this Excel can run the pane; the UI asks this instead of checking requirement sets itself. */
export function excelSupport(host: Pick<ExcelHost, "isSetSupported">): Support {
  if (host.isSetSupported("ExcelApi", MIN_EXCEL_API)) return { ok: true };
  return {
    ok: false,
    message:
      `此版本的 Excel 不支持本加载项（需要 Excel JavaScript API ${MIN_EXCEL_API}：Microsoft 365、Excel 2021 或 LTSC 2024、较新的 Mac 版或网页版 Excel）。` +
      "Excel 2016、Excel 2019（批量许可版只到 ExcelApi 1.1 / 1.7）请改用浏览器预览页面或命令行工具处理工作簿。",
  };
}

/** The real host, from the globals office.js defines. */
export function officeHost(): ExcelHost {
  return {
    run: (batch) => Excel.run(batch),
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    createWorkbook: async (base64) => {
      await Excel.createWorkbook(base64);
    },
    diagnostics: () => {
      const d = Office.context.diagnostics;
      return { host: String(d.host), platform: String(d.platform), version: d.version };
    },
  };
}

/**
 * An Office.js failure as the user's message. The Chinese message table and the diagnostics live in their own
 * chunk (excelErrors.ts), loaded only when Excel fails: they are not part of the pane's first download.
 */
export function errorCode(e: unknown): string {
  return typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : "";
}

async function excelFailure(e: unknown, host?: ExcelHost): Promise<Error> {
  if (e instanceof PortError) return e;
  try {
    const { describeExcelError } = await import(/* webpackChunkName: "excel-errors" */ "./excelErrors");
    return describeExcelError(e, host);
  } catch {
    // The chunk itself could not be loaded (the add-in's server unreachable): still say what Excel said.
    return new PortError(`Excel 执行失败：${e instanceof Error ? e.message : String(e)}`);
  }
}

type Dim = { rowIndex: number; columnIndex: number; rowCount: number; columnCount: number };
type TableInfo = { name: string; headerRow: number; firstCol: number; lastCol: number; lastRow: number };
type SheetInfo = { used: Dim | null; protected: boolean; filtered: boolean; merges: string[]; tables: TableInfo[] };

/** Text Excel would convert is written with a leading apostrophe, so it stays exactly that text. */
function guard(v: OutputCell): string | number | boolean {
  if (v === null) return "";
  return typeof v === "string" && hostWouldConvert(v) ? `'${v}` : v;
}

function fromExcel(v: unknown): CellValue {
  if (v === "" || v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return JSON.stringify(v);
}

/** "B2:C3" (or "B2") as 1-based bounds. */
function areaOf(a1: string): { r1: number; c1: number; r2: number; c2: number } {
  const [a = "", b = a] = a1.split(":");
  const cell = (x: string) => ({ c: columnNumber(/^[A-Z]+/.exec(x)?.[0] ?? "A"), r: Number(/\d+$/.exec(x)?.[0] ?? 1) });
  const p = cell(a);
  const q = cell(b);
  return { r1: Math.min(p.r, q.r), c1: Math.min(p.c, q.c), r2: Math.max(p.r, q.r), c2: Math.max(p.c, q.c) };
}

const quote = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** The state block (A1:B5 of the state sheet) as values to write. */
function stateValues(stored: StoredState, undo: UndoMeta | null): (string | number | boolean)[][] {
  return stateRows(stored, undo).map((r) => r.map((v) => guard(v as OutputCell)));
}

export type ExcelPortOptions = {
  requestBudgetBytes?: number;
  /** Bytes a read request plans to get back (default READ_BUDGET_BYTES). */
  readBudgetBytes?: number;
  /** Status label per fill kind, for the status column's conditional formats. */
  statusLabels: Partial<Record<StatusFill, string>>;
  now?: () => Date;
};

/** A sheet being read in full: the rows still to read and the bytes a row has weighed so far. */
type ReadJob = { sheet: string; next: number; lastRow: number; cols: number; formatCols: number[]; rowBytes: number };
type ReadPart = { job: ReadJob; from: number; to: number; range: Excel.Range; formats: { c: number; f: Excel.Range }[] };

/** The least a row is assumed to weigh before one was read: a few bytes a cell. */
const MIN_CELL_BYTES = 4;

export class ExcelPort implements WorkbookPort {
  readonly capabilities: PortCapabilities = { kind: "excel", select: true };
  private info = new Map<string, SheetInfo>();
  private stateExists = false;
  private structureProtected = false;
  private stored: StoredState = {};
  private undoMeta: UndoMeta | null = null;
  private readonly budget: number;
  private readonly readBudget: number;

  constructor(private readonly host: ExcelHost, private readonly opts: ExcelPortOptions) {
    this.budget = opts.requestBudgetBytes ?? REQUEST_BUDGET_BYTES;
    this.readBudget = opts.readBudgetBytes ?? READ_BUDGET_BYTES;
  }

  private async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.host.run(batch);
    } catch (e) {
      throw await excelFailure(e, this.host);
    }
  }

  /** Every write batch: no redrawing until its sync (ExcelApi 1.9; older hosts simply redraw). */
  private quiet(context: Excel.RequestContext): void {
    if (this.host.isSetSupported("ExcelApi", "1.9")) context.application.suspendScreenUpdatingUntilNextSync();
  }

  read(pick: SheetPicker): Promise<WorkbookRead> {
    const merges = this.host.isSetSupported("ExcelApi", "1.13");
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();

      const all = sheets.items.filter((s) => s.name !== STATE_SHEET);
      this.stateExists = sheets.items.some((s) => s.name === STATE_SHEET);
      const workbookProtection = context.workbook.protection;
      workbookProtection.load("protected");
      const probes = all.map((ws) => {
        const used = ws.getUsedRangeOrNullObject(true);
        used.load("rowIndex,columnIndex,rowCount,columnCount,rowHidden");
        const head = ws.getRange(`1:${HEAD_ROWS}`).getUsedRangeOrNullObject(true);
        head.load("values,rowIndex,columnIndex");
        ws.protection.load("protected");
        ws.autoFilter.load("isDataFiltered");
        ws.tables.load("items/name");
        const merged = merges ? ws.getRange("A:XFD").getMergedAreasOrNullObject() : null;
        merged?.load("address");
        return { ws, used, head, merged };
      });
      const state = this.stateExists ? sheets.getItem(STATE_SHEET).getRange(`A1:B${STATE_LAST_ROW}`) : null;
      state?.load("values");
      await context.sync();

      this.structureProtected = workbookProtection.protected;
      const parsed = state ? parseStateRows(state.values) : { stored: {}, undo: null };
      this.stored = parsed.stored;
      this.undoMeta = parsed.undo;
      const mergesOf = new Map<string, string[]>();
      const heads: SheetGrid[] = probes.map((p) => {
        const values: CellValue[][] = [];
        if (!p.head.isNullObject) {
          p.head.values.forEach((row, i) => {
            const r: CellValue[] = (values[p.head.rowIndex + i] = []);
            row.forEach((v, j) => (r[p.head.columnIndex + j] = fromExcel(v)));
          });
        }
        for (let i = 0; i < values.length; i++) values[i] = Array.from(values[i] ?? [], (v) => v ?? null);
        const grid: SheetGrid = { name: p.ws.name, values };
        const areas = p.merged && !p.merged.isNullObject ? p.merged.address.split(",").map((a) => a.trim().replace(/^.*!/, "").replace(/\$/g, "")) : [];
        mergesOf.set(p.ws.name, areas);
        // The grid keeps the merges of the header rows (what header finding needs).
        const inHead = areas.filter((a) => Number(/\d+/.exec(a)?.[0] ?? 0) <= HEAD_ROWS);
        if (inHead.length) grid.merges = inHead;
        return grid;
      });

      const picks = pick(heads);
      const notes: SheetNote[] = [];
      this.info.clear();
      const jobs: ReadJob[] = [];
      const tableLoads: { sheet: string; name: string; range: Excel.Range }[] = [];
      for (const pk of picks) {
        const p = probes.find((x) => x.ws.name === pk.sheet);
        if (!p) continue;
        const used: Dim | null = p.used.isNullObject ? null : { rowIndex: p.used.rowIndex, columnIndex: p.used.columnIndex, rowCount: p.used.rowCount, columnCount: p.used.columnCount };
        const filtered = p.ws.autoFilter.isDataFiltered;
        this.info.set(pk.sheet, { used, protected: p.ws.protection.protected, filtered, merges: mergesOf.get(pk.sheet) ?? [], tables: [] });
        if (p.ws.protection.protected) {
          notes.push({ sheet: pk.sheet, kind: "protected", blocking: true, message: `工作表「${pk.sheet}」受保护，不能写回。请先“审阅 → 撤销工作表保护”，再点“重新读取”` });
        }
        if (filtered) {
          notes.push({ sheet: pk.sheet, kind: "filtered", blocking: true, message: `工作表「${pk.sheet}」已筛选：Excel 向筛选后的区域写入会把结果写错行，不能写回。请先“数据 → 清除筛选”，再点“重新读取”` });
        } else if (!p.used.isNullObject && p.used.rowHidden !== false) {
          notes.push({ sheet: pk.sheet, kind: "hidden-rows", blocking: false, message: `工作表「${pk.sheet}」有隐藏的行：这些行同样计分，写回时也会写入` });
        }
        for (const t of p.ws.tables.items) {
          const range = p.ws.tables.getItem(t.name).getRange();
          range.load("rowIndex,columnIndex,rowCount,columnCount");
          tableLoads.push({ sheet: pk.sheet, name: t.name, range });
        }
        if (!used) continue;
        const cols = used.columnIndex + used.columnCount;
        const formatCols = pk.formatColumns.filter((c) => c <= cols);
        // First guess of a row's weight: the heaviest header-area row actually read, or a few bytes a cell.
        const headRows = heads.find((h) => h.name === pk.sheet)?.values ?? [];
        const seen = Math.max(0, ...headRows.map((r) => payloadBytes(r)));
        jobs.push({ sheet: pk.sheet, next: 1, lastRow: used.rowIndex + used.rowCount, cols, formatCols, rowBytes: Math.max(seen, (cols + formatCols.length) * MIN_CELL_BYTES) + formatCols.length * 12 });
      }

      const full = new Map<string, { values: CellValue[][]; formats: string[][] }>();
      let tablesPending = tableLoads.length > 0;
      /** Rows a request may carry at most: halved each time Excel refuses a response as too large. */
      let cap = Infinity;
      while (jobs.some((j) => j.next <= j.lastRow) || tablesPending) {
        // One request: rows from each unfinished sheet while their estimated weight fits the budget.
        const parts: ReadPart[] = [];
        let bytes = 0;
        let rows = 0;
        for (const job of jobs) {
          if (job.next > job.lastRow) continue;
          const room = Math.floor((this.readBudget - bytes) / job.rowBytes);
          let n = Math.min(job.lastRow - job.next + 1, room, cap - rows);
          if (n < 1) {
            if (parts.length) break;
            n = 1;
          }
          const ws = context.workbook.worksheets.getItem(job.sheet);
          const from = job.next;
          const to = from + n - 1;
          const range = ws.getRange(`A${from}:${columnName(job.cols)}${to}`);
          range.load("values");
          const formats = job.formatCols.map((c) => {
            const f = ws.getRange(`${columnName(c)}${from}:${columnName(c)}${to}`);
            f.load("numberFormat");
            return { c, f };
          });
          parts.push({ job, from, to, range, formats });
          bytes += n * job.rowBytes;
          rows += n;
        }
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per budgeted request: a small ledger takes one
          await context.sync();
        } catch (e) {
          if (errorCode(e) !== "ResponsePayloadSizeLimitExceeded" || rows <= 1) throw e;
          // Heavier than the rows read so far: half as many rows, and the estimate doubled, then again.
          cap = Math.max(1, Math.floor(rows / 2));
          for (const part of parts) part.job.rowBytes *= 2;
          continue;
        }
        tablesPending = false;
        cap = Infinity;
        for (const { job, from, to, range, formats } of parts) {
          const target = full.get(job.sheet) ?? { values: [], formats: [] };
          full.set(job.sheet, target);
          let heaviest = 0;
          range.values.forEach((row, i) => {
            heaviest = Math.max(heaviest, payloadBytes(row));
            target.values[from - 1 + i] = row.map(fromExcel);
          });
          let formatBytes = 0;
          for (const { c, f } of formats) {
            formatBytes += payloadBytes(f.numberFormat);
            f.numberFormat.forEach((row, i) => {
              const fr = (target.formats[from - 1 + i] ??= []);
              fr[c - 1] = String(row[0] ?? "");
            });
          }
          // The next request is planned by what these rows really weighed.
          job.rowBytes = Math.max((job.cols + job.formatCols.length) * MIN_CELL_BYTES, heaviest + Math.ceil(formatBytes / (to - from + 1)));
          job.next = to + 1;
        }
      }
      for (const t of tableLoads) {
        const info = this.info.get(t.sheet)!;
        const r = t.range;
        info.tables.push({ name: t.name, headerRow: r.rowIndex + 1, firstCol: r.columnIndex + 1, lastCol: r.columnIndex + r.columnCount, lastRow: r.rowIndex + r.rowCount });
      }
      const grids = heads.map((h) => {
        const f = full.get(h.name);
        if (!f) return h;
        const formats = f.values.map((row, i) => Array.from({ length: row.length }, (_, c) => f.formats[i]?.[c] ?? ""));
        return { name: h.name, values: f.values, formats, ...(h.merges ? { merges: h.merges } : {}) };
      });
      return { grids: withOwnership(grids, this.stored), stored: this.stored, undo: this.undoMeta, notes };
    });
  }

  /** Why these writes cannot go ahead, from what the last read saw (before anything is sent). */
  private refusal(writes: readonly SheetWrite[]): PortError | null {
    for (const w of writes) {
      const info = this.info.get(w.sheet);
      if (!info) continue;
      if (info.protected) return new PortError(`工作表「${w.sheet}」受保护，不能写回。请先“审阅 → 撤销工作表保护”，再点“重新读取”`, "AccessDenied");
      if (info.filtered) return new PortError(`工作表「${w.sheet}」已筛选，Excel 向筛选后的区域写入会写错行。请先“数据 → 清除筛选”，再点“重新读取”`, "FilteredRangeConflict");
      for (const c of w.columns) {
        // The cells this column's write touches: its header unless it keeps the user's, and its (masked) rows.
        const header = !c.mask || c.isNew;
        const writes = (row: number) => (row === w.headerRow ? header : row >= w.firstRow && row - w.firstRow < c.values.length && (!c.mask || c.mask[row - w.firstRow] === true));
        const hit = info.merges.find((m) => {
          const r = areaOf(m);
          if (r.c1 > c.col || r.c2 < c.col) return false;
          for (let row = r.r1; row <= r.r2; row++) if (writes(row)) return true;
          return false;
        });
        if (hit) return new PortError(`工作表「${w.sheet}」的 ${hit} 是合并单元格，与要写回的“${c.header}”列（${columnName(c.col)} 列）重叠。请取消合并后再点“重新读取”`, "MergedRangeConflict");
      }
    }
    if (!this.stateExists && this.structureProtected) {
      return new PortError("工作簿结构受保护，不能新增保存撤销数据的隐藏工作表。请先“审阅 → 保护工作簿”取消结构保护，再点“重新读取”", "AccessDenied");
    }
    return null;
  }

  write(writes: readonly SheetWrite[], onProgress?: WriteProgress): Promise<WriteReport> {
    const refused = this.refusal(writes);
    if (refused) return Promise.reject(refused);
    return this.run(async (context) => {
      const lastRows = new Map<string, number>();
      const tableOf = new Map<string, string>();
      const tableAdds: { sheet: string; table: string; header: string }[] = [];
      for (const w of writes) {
        const info = this.info.get(w.sheet);
        const used = info?.used;
        lastRows.set(w.sheet, used ? used.rowIndex + used.rowCount : 0);
        const table = info?.tables.find((t) => t.headerRow === w.headerRow && t.firstCol <= Math.min(...w.columns.map((c) => c.col)));
        if (!table) continue;
        // New owned columns directly right of the ledger's table join the table, in column order.
        let edge = table.lastCol;
        for (const c of [...w.columns].sort((a, b) => a.col - b.col)) {
          if (c.col <= table.lastCol) tableOf.set(`${w.sheet}!${c.col}`, table.name);
          else if (c.isNew && c.col === edge + 1) {
            edge = c.col;
            tableOf.set(`${w.sheet}!${c.col}`, table.name);
            tableAdds.push({ sheet: w.sheet, table: table.name, header: c.header });
          }
        }
      }
      const meta = planUndo(writes, lastRows, (this.opts.now?.() ?? new Date()).toISOString(), tableOf);
      const added = new Set(tableAdds.map((t) => `${t.sheet}!${t.header}`));

      /** Everything but the values, queued again if Excel refuses the first request as too large. */
      const setup = () => {
        context.application.suspendApiCalculationUntilNextSync();
        const state = this.stateSheet(context);
        // Undo snapshot: the owned columns as they are now, copied inside Excel (values and formats).
        state.getRange(`${columnName(UNDO_FIRST_COL)}:XFD`).clear();
        for (const s of meta.sheets) {
          for (const c of s.columns) {
            const slot = columnName(UNDO_FIRST_COL + c.slot);
            const letter = columnName(c.col);
            state.getRange(`${slot}1:${slot}${s.lastRow - s.headerRow + 1}`).copyFrom(`${quote(s.sheet)}!${letter}${s.headerRow}:${letter}${s.lastRow}`, "All");
          }
        }
        state.getRange(`A1:B${STATE_LAST_ROW}`).values = stateValues(recordOwnership(this.stored, writes), meta);

        for (const t of tableAdds) context.workbook.worksheets.getItem(t.sheet).tables.getItem(t.table).columns.add(undefined, undefined, t.header);
        for (const w of writes) {
          const ws = context.workbook.worksheets.getItem(w.sheet);
          const last = w.firstRow + Math.max(0, ...w.columns.map((c) => c.values.length)) - 1;
          for (const c of w.columns) {
            const letter = columnName(c.col);
            if (!added.has(`${w.sheet}!${c.header}`) && (!c.mask || c.isNew)) ws.getRange(`${letter}${w.headerRow}`).values = [[guard(c.header)]];
            const body = ws.getRange(`${letter}${w.firstRow}:${letter}${Math.max(w.firstRow, last)}`);
            if (c.isNew) ws.getRange(`${letter}:${letter}`).format.columnWidth = (c.width ?? 12) * 7;
            // Sentences wrap, also a long one-line reason in a column someone else sized.
            if (c.values.some((v) => typeof v === "string" && (v.includes("\n") || (c.width !== undefined && v.length > 12)))) {
              body.format.wrapText = true;
              body.format.verticalAlignment = "Top";
            }
            if (c.fills) this.statusFormats(body);
          }
        }
      };

      // Values: contiguous owned columns as one 2-D array, rows chunked so no request passes the budget.
      const pending = valueChunks(writes, this.budget);
      const total = pending.reduce((n, ch) => n + ch.cells, 0) + writes.reduce((n, w) => n + w.columns.length, 0);
      let done = 0;
      let requests = 0;
      let setupSent = false;
      while (pending.length || !setupSent) {
        const ch = pending.shift() ?? { parts: [], cells: 0 };
        this.quiet(context);
        if (!setupSent) setup();
        for (const part of ch.parts) {
          const range = context.workbook.worksheets.getItem(part.sheet).getRange(part.address);
          range.values = part.values;
          if (part.numberFormat) range.numberFormat = part.values.map((r) => r.map(() => part.numberFormat!));
        }
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 4 MB request, as Excel on the web requires
          await context.sync();
        } catch (e) {
          const halves = errorCode(e) === "RequestPayloadSizeLimitExceeded" ? halveChunk(ch) : null;
          if (!halves) throw e;
          // Excel refused the whole request (nothing of it ran): the same work in two halves.
          pending.unshift(...halves);
          continue;
        }
        setupSent = true;
        requests++;
        done += ch.cells;
        onProgress?.(done, total);
      }
      this.stateExists = true;
      this.undoMeta = meta;
      this.stored = recordOwnership(this.stored, writes);
      this.remember(writes, tableAdds);
      onProgress?.(total, total);
      return { cells: total, requests, tableColumns: tableAdds.length };
    });
  }

  /** What a write changed, kept so a second write or an undo needs no re-read of the workbook. */
  private remember(writes: readonly SheetWrite[], tableAdds: readonly { sheet: string; table: string }[]): void {
    for (const w of writes) {
      const info = this.info.get(w.sheet);
      if (!info) continue;
      const lastCol = Math.max(...w.columns.map((c) => c.col));
      const lastRow = w.firstRow + Math.max(0, ...w.columns.map((c) => c.values.length)) - 1;
      const u = info.used ?? { rowIndex: w.headerRow - 1, columnIndex: 0, rowCount: 1, columnCount: 1 };
      const r2 = Math.max(u.rowIndex + u.rowCount, lastRow);
      const c2 = Math.max(u.columnIndex + u.columnCount, lastCol);
      const r1 = Math.min(u.rowIndex, w.headerRow - 1);
      const c1 = Math.min(u.columnIndex, Math.min(...w.columns.map((c) => c.col)) - 1);
      info.used = { rowIndex: r1, columnIndex: c1, rowCount: r2 - r1, columnCount: c2 - c1 };
      for (const t of tableAdds.filter((x) => x.sheet === w.sheet)) {
        const table = info.tables.find((x) => x.name === t.table);
        if (table) table.lastCol += 1;
      }
    }
  }

  private statusFormats(range: Excel.Range): void {
    range.conditionalFormats.clearAll();
    for (const [kind, label] of Object.entries(this.opts.statusLabels)) {
      const cf = range.conditionalFormats.add("CellValue");
      cf.cellValue.format.fill.color = STATUS_FILLS[kind as StatusFill];
      cf.cellValue.rule = { formula1: `="${label}"`, operator: "EqualTo" };
    }
  }

  private stateSheet(context: Excel.RequestContext): Excel.Worksheet {
    if (this.stateExists) return context.workbook.worksheets.getItem(STATE_SHEET);
    const ws = context.workbook.worksheets.add(STATE_SHEET);
    ws.visibility = "VeryHidden";
    return ws;
  }

  undo(): Promise<boolean> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      const probe = sheets.getItemOrNullObject(STATE_SHEET);
      const block = probe.getRange(`A1:B${STATE_LAST_ROW}`);
      probe.load("name");
      block.load("values");
      await context.sync();
      if (probe.isNullObject) return false;
      const { stored, undo } = parseStateRows(block.values);
      if (!undo) return false;
      // The table columns the write added go again (found by name, as the user may have moved them).
      const tableCols = undo.sheets.flatMap((s) =>
        s.columns
          .filter((c) => c.isNew && c.table && c.header)
          .map((c) => {
            const col = sheets.getItem(s.sheet).tables.getItem(c.table!).columns.getItemOrNullObject(c.header!);
            col.load("name");
            return col;
          }),
      );
      if (tableCols.length) await context.sync();
      this.quiet(context);
      context.application.suspendApiCalculationUntilNextSync();
      for (const col of tableCols.reverse()) if (!col.isNullObject) col.delete();
      for (const s of undo.sheets) {
        const ws = sheets.getItem(s.sheet);
        for (const c of s.columns) {
          const letter = columnName(c.col);
          const slot = columnName(UNDO_FIRST_COL + c.slot);
          const target = ws.getRange(`${letter}${s.headerRow}:${letter}${s.lastRow}`);
          target.conditionalFormats.clearAll();
          target.copyFrom(`${quote(STATE_SHEET)}!${slot}1:${slot}${s.lastRow - s.headerRow + 1}`, "All");
        }
      }
      probe.getRange(`${columnName(UNDO_FIRST_COL)}:XFD`).clear();
      block.values = stateValues(stored, null);
      await context.sync();
      this.undoMeta = null;
      return true;
    });
  }

  saveState(state: StoredState): Promise<void> {
    return this.run(async (context) => {
      if (!this.stateExists && this.structureProtected) {
        throw new PortError("工作簿结构受保护，不能新增保存设置的隐藏工作表。请先“审阅 → 保护工作簿”取消结构保护，再点“重新读取”", "AccessDenied");
      }
      this.quiet(context);
      const ws = this.stateSheet(context);
      ws.getRange(`A1:B${STATE_LAST_ROW}`).values = stateValues(state, this.undoMeta);
      await context.sync();
      this.stateExists = true;
      this.stored = state;
    });
  }

  insertTemplate(spec: TemplateSpec): Promise<string[]> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      await context.sync();
      const taken = sheets.items.map((s) => s.name);
      const names: string[] = [];
      this.quiet(context);
      for (const s of spec.sheets) {
        let name = s.name;
        for (let i = 2; taken.includes(name); i++) name = `${s.name} (${i})`;
        taken.push(name);
        names.push(name);
        const ws = sheets.add(name);
        const n = s.columns.length;
        const last = columnName(n);
        const title = ws.getRange(`A1:${last}1`);
        title.merge(false);
        title.values = [[s.title, ...Array.from({ length: n - 1 }, () => "")]];
        title.format.font.bold = true;
        title.format.font.size = 14;
        title.format.horizontalAlignment = "Center";
        const header = ws.getRange(`A2:${last}2`);
        header.values = [s.columns.map((c) => guard(c.header))];
        header.format.font.bold = true;
        header.format.wrapText = true;
        header.format.fill.color = "#DDEBF7";
        header.format.rowHeight = 36;
        s.columns.forEach((c, i) => {
          const letter = columnName(i + 1);
          ws.getRange(`${letter}:${letter}`).format.columnWidth = c.width * 7;
          const body = ws.getRange(`${letter}3:${letter}${2 + s.dataRows}`);
          if (c.list) body.dataValidation.rule = { list: { inCellDropDown: true, source: c.list.join(",") } };
          const fmt = c.format === "percent" ? "0.0%" : c.format === "integer" ? "0" : null;
          if (fmt) body.numberFormat = Array.from({ length: s.dataRows }, () => [fmt]);
        });
        ws.freezePanes.freezeRows(2);
        if (names.length === 1) ws.activate();
      }
      await context.sync();
      return names;
    });
  }

  /**
   * sync 1: sheet names and row 2 of a sheet already of that name · sync 2…: the sheet, its formats, print
   * setup and charts (values in budgeted chunks, so a large 全省汇总 stays under the 5 MB limit).
   */
  addReport(layout: ReportLayout): Promise<string> {
    return this.run(async (context) => {
      const sheets = context.workbook.worksheets;
      sheets.load("items/name");
      const existing = sheets.getItemOrNullObject(layout.name);
      existing.load("name");
      const mark = existing.getRange("A2");
      mark.load("values");
      await context.sync();
      const ours = !existing.isNullObject && String(mark.values[0]?.[0] ?? "").startsWith(REPORT_MARK);
      const taken = sheets.items.map((s) => s.name).filter((n) => !(ours && n === layout.name));
      let name = layout.name;
      for (let i = 2; taken.includes(name); i++) name = `${layout.name} (${i})`;
      if (ours) existing.delete();
      this.quiet(context);
      const ws = sheets.add(name);
      const width = Math.max(layout.widths.length, ...layout.values.map((r) => r.length));
      const last = columnName(width);
      // Values first, as whole rows in chunks under the request budget.
      let bytes = 0;
      let from = 0;
      for (let r = 0; r <= layout.values.length; r++) {
        const row = layout.values[r];
        const size = row ? payloadBytes(row) + width * 3 : 0;
        if (r === layout.values.length || (bytes + size > this.budget && r > from)) {
          const rows = layout.values.slice(from, r).map((v) => Array.from({ length: width }, (_, c) => guard(v[c] ?? null)));
          if (rows.length) ws.getRange(`A${from + 1}:${last}${r}`).values = rows;
          if (r < layout.values.length) {
            // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one sync per 4 MB of report, as Excel on the web requires
            await context.sync();
            this.quiet(context);
          }
          from = r;
          bytes = 0;
        }
        bytes += size;
      }
      layout.widths.forEach((w, i) => (ws.getRange(`${columnName(i + 1)}:${columnName(i + 1)}`).format.columnWidth = w * 7));
      for (const m of layout.merges) ws.getRange(m).merge(false);
      for (const f of layout.formats) {
        const range = ws.getRange(f.range);
        const [a, b] = f.range.split(":");
        const n = b ? Number(/\d+/.exec(b)![0]) - Number(/\d+/.exec(a!)![0]) + 1 : 1;
        range.numberFormat = Array.from({ length: n }, () => [f.format]);
      }
      for (const st of layout.styles) {
        const range = ws.getRange(st.range);
        if (st.bold) range.format.font.bold = true;
        if (st.size) range.format.font.size = st.size;
        if (st.fill) range.format.fill.color = st.fill;
        if (st.wrap) range.format.wrapText = true;
        if (st.wrap || st.center) range.format.verticalAlignment = "Top";
        if (st.center) range.format.horizontalAlignment = "Center";
        if (st.border) {
          for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const) {
            const border = range.format.borders.getItem(edge);
            border.style = "Continuous";
            border.color = "#BFBFBF";
          }
        }
      }
      if (layout.freezeRows) ws.freezePanes.freezeRows(layout.freezeRows);
      ws.pageLayout.orientation = "Landscape";
      ws.pageLayout.paperSize = "A4";
      ws.pageLayout.centerHorizontally = true;
      ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      if (layout.printTitleRows) ws.pageLayout.setPrintTitleRows(`$${layout.printTitleRows.replace(":", ":$")}`);
      for (const ch of layout.charts) {
        const [c1] = ch.categories.split(":");
        const [, v2] = ch.values.split(":");
        const chart = ws.charts.add("ColumnClustered", ws.getRange(`${c1}:${v2}`), "Columns");
        chart.title.text = ch.title;
        chart.legend.visible = false;
        const col = /^[A-Z]+/.exec(ch.anchor)![0];
        const row = Number(/\d+/.exec(ch.anchor)![0]);
        chart.setPosition(ch.anchor, `${columnName(columnNumber(col) + 5)}${row + 14}`);
      }
      ws.activate();
      await context.sync();
      return name;
    });
  }

  /** Opens bytes as a new workbook window; false when this Excel cannot (then the pane offers nothing). */
  async openWorkbook(bytes: Uint8Array): Promise<boolean> {
    if (!this.host.createWorkbook || !this.host.isSetSupported("ExcelApi", "1.8")) return false;
    let bin = "";
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    try {
      await this.host.createWorkbook(btoa(bin));
    } catch (e) {
      throw await excelFailure(e);
    }
    return true;
  }

  select(sheet: string, range: string): Promise<void> {
    return this.run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(range).select();
      await context.sync();
    });
  }
}

type ValuePart = { sheet: string; address: string; values: (string | number | boolean)[][]; numberFormat?: string };
type ValueChunk = { parts: ValuePart[]; cells: number };

/** The owned values as 2-D arrays of contiguous columns, rows grouped into requests under the byte budget. */
export function valueChunks(writes: readonly SheetWrite[], budget: number): ValueChunk[] {
  const chunks: ValueChunk[] = [];
  let current: ValueChunk = { parts: [], cells: 0 };
  let bytes = 0;
  const flush = () => {
    if (current.parts.length) chunks.push(current);
    current = { parts: [], cells: 0 };
    bytes = 0;
  };
  for (const w of writes) {
    const cols = [...w.columns].sort((a, b) => a.col - b.col);
    const runs: (typeof cols)[] = [];
    for (const c of cols) {
      const run = runs[runs.length - 1];
      // A masked (input) column stands alone: its writes are split around the cells it must not touch.
      if (run && !c.mask && !run[0]!.mask && run[run.length - 1]!.col === c.col - 1) run.push(c);
      else runs.push([c]);
    }
    for (const run of runs) {
      const count = Math.max(0, ...run.map((c) => c.values.length));
      const mask = run[0]!.mask;
      const numberFormat = run[0]!.numberFormat;
      let start = 0;
      let rows: (string | number | boolean)[][] = [];
      const emit = (end: number) => {
        if (!rows.length) return;
        const address = `${columnName(run[0]!.col)}${w.firstRow + start}:${columnName(run[run.length - 1]!.col)}${w.firstRow + end - 1}`;
        current.parts.push({ sheet: w.sheet, address, values: rows, ...(numberFormat ? { numberFormat } : {}) });
        current.cells += rows.length * run.length;
        rows = [];
        start = end;
      };
      for (let i = 0; i < count; i++) {
        if (mask && !mask[i]) {
          emit(i);
          start = i + 1;
          continue;
        }
        const row = run.map((c) => guard(c.values[i] ?? null));
        const size = (payloadBytes(row) + 1) * (numberFormat ? 2 : 1);
        if (bytes + size > budget && (rows.length || current.parts.length)) {
          emit(i);
          flush();
        }
        rows.push(row);
        bytes += size;
      }
      emit(count);
    }
  }
  flush();
  return chunks;
}

/** A refused request's values in two halves (by parts, or by the rows of a single part); null when it cannot shrink. */
export function halveChunk(ch: ValueChunk): [ValueChunk, ValueChunk] | null {
  const cellsOf = (parts: ValuePart[]) => parts.reduce((n, p) => n + p.values.length * (p.values[0]?.length ?? 0), 0);
  if (ch.parts.length > 1) {
    const mid = Math.ceil(ch.parts.length / 2);
    const a = ch.parts.slice(0, mid);
    const b = ch.parts.slice(mid);
    return [
      { parts: a, cells: cellsOf(a) },
      { parts: b, cells: cellsOf(b) },
    ];
  }
  const part = ch.parts[0];
  if (!part || part.values.length < 2) return null;
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(part.address);
  if (!m) return null;
  const first = Number(m[2]);
  const mid = Math.ceil(part.values.length / 2);
  const top: ValuePart = { ...part, address: `${m[1]}${first}:${m[3]}${first + mid - 1}`, values: part.values.slice(0, mid) };
  const bottom: ValuePart = { ...part, address: `${m[1]}${first + mid}:${m[3]}${m[4]}`, values: part.values.slice(mid) };
  return [
    { parts: [top], cells: cellsOf([top]) },
    { parts: [bottom], cells: cellsOf([bottom]) },
  ];
}
