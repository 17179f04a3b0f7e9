/**
 * The WPS 表格 adapter: the workbook port over WPS's JavaScript object model (加载项 jsapi), the only code
 * besides the task pane's WPS entry that touches WPS's `Application`.
 *
 * The model is synchronous and VBA-like, and every property read or write is a call into WPS, so the
 * adapter works in whole ranges, as the Office adapter does in requests:
 * read   sheet names and used ranges; per sheet one Value2 read of the first rows; per picked sheet one
 *        Value2 read of the whole used area and NumberFormat reads of the format columns (one per column
 *        when its cells agree; a column whose formats differ, NumberFormat = Null, is halved until each part
 *        agrees: a few reads per run of equal formats)
 * write  per owned column: a Copy into the hidden sheet (the undo snapshot: values and formats), its header,
 *        its conditional formats; per run of adjacent owned columns one Value2 write (a 2-D array); the state
 *        block in one write. The screen is not redrawn meanwhile (ScreenUpdating).
 * undo   the state block, then per column its conditional formats cleared and the snapshot copied back.
 *
 * Status colours are conditional formats (cell value = 保持 → green), as in Excel, so the colour follows a
 * value the user edits. Charts of generated sheets are drawn with Shapes.AddChart2, or ChartObjects().Add;
 * when this WPS has neither, the chart's place holds a sentence saying how to insert it by hand.
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
import { REPORT_MARK, type ReportChart, type ReportLayout } from "../../sheets/report";
import type { TemplateSpec } from "../../sheets/template";
import { bgr, XL, type WpsApplication, type WpsRange, type WpsShape, type WpsWorkbook, type WpsWorksheet } from "./wpsModel";

export type WpsPortOptions = {
  /** Status label per fill kind, for the status column's conditional formats. */
  statusLabels: Partial<Record<StatusFill, string>>;
  now?: () => Date;
};

/** A value to write: text WPS would convert gets a leading apostrophe (VBA's prefix character), so it stays that text. */
function guard(v: OutputCell | CellValue): string | number | boolean {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString();
  return typeof v === "string" && hostWouldConvert(v) ? `'${v}` : v;
}

function fromWps(v: unknown): CellValue {
  if (v === "" || v === undefined || v === null) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  // Anything else a host might hand back (an error value, a COM object) reads as its text, never as a blank.
  return JSON.stringify(v) ?? null;
}

/** Value2 as rows × cols: a scalar (one cell) or a 2-D array (several), whatever WPS hands back. */
export function value2Grid(v: unknown, rows: number, cols: number): CellValue[][] {
  if (!Array.isArray(v)) return [[fromWps(v)]];
  return Array.from({ length: rows }, (_, r) => {
    const row: unknown = v[r];
    return Array.from({ length: cols }, (_, c) => fromWps(Array.isArray(row) ? row[c] : rows === 1 ? v[c] : c === 0 ? row : undefined));
  });
}

/** Rows × cols of values as WPS takes them through Value2: a scalar for one cell, a 2-D array otherwise. */
function value2Of(rows: (string | number | boolean)[][]): unknown {
  return rows.length === 1 && rows[0]!.length === 1 ? rows[0]![0] : rows;
}

type Dim = { lastRow: number; lastCol: number };

/**
 * The number formats of some rows (ascending) of a column. NumberFormat of a range is one string when its
 * cells agree and Null when they differ (VBA's rule, which WPS follows), so a mixed span is halved until each
 * part agrees: a column of a few runs takes a few reads, not one per cell, and never more reads than cells.
 */
function formatRuns(ws: WpsWorksheet, letter: string, rows: readonly number[], put: (row: number, format: string) => void): void {
  if (!rows.length) return;
  const from = rows[0]!;
  const to = rows[rows.length - 1]!;
  // Two cells or fewer: read them one by one rather than risk a Null and two more reads.
  if (rows.length <= 2 && from !== to) {
    for (const r of rows) formatRuns(ws, letter, [r], put);
    return;
  }
  const f: unknown = ws.Range(from === to ? `${letter}${from}` : `${letter}${from}:${letter}${to}`).NumberFormat;
  if (typeof f === "string") {
    for (const r of rows) put(r, f);
  } else if (Array.isArray(f)) {
    // A host that answers with one format per cell.
    for (const r of rows) {
      const row: unknown = f[r - from];
      put(r, String((Array.isArray(row) ? row[0] : row) ?? ""));
    }
  } else if (rows.length > 1) {
    const mid = Math.ceil(rows.length / 2);
    formatRuns(ws, letter, rows.slice(0, mid), put);
    formatRuns(ws, letter, rows.slice(mid), put);
  } else put(from, "");
}

/** The bounds of a sheet's used area from A1, or null when the sheet is empty. */
function usedOf(ws: WpsWorksheet): Dim | null {
  const used = ws.UsedRange;
  const lastRow = used.Row + used.Rows.Count - 1;
  const lastCol = used.Column + used.Columns.Count - 1;
  if (lastRow === 1 && lastCol === 1) {
    const v: unknown = ws.Range("A1").Value2;
    if (v === undefined || v === null || v === "") return null;
  }
  return { lastRow, lastCol };
}

const CHART_NOTE = (ch: ReportChart) =>
  `（此版本的 WPS 表格不支持由加载项插入图表。需要“${ch.title}”图时：选中 ${ch.categories.split(":")[0]}:${ch.values.split(":")[1]}，点“插入 → 图表 → 簇状柱形图”。）`;

export class WpsPort implements WorkbookPort {
  readonly capabilities: PortCapabilities = { kind: "wps", select: true };
  private stored: StoredState = {};
  private undoMeta: UndoMeta | null = null;
  /** The workbook the last read was of: a write refuses to go into another one the user switched to. */
  private bookName: string | null = null;
  /** What this WPS could not do and the adapter left out (a chart, frozen panes, print setup), in Chinese. */
  readonly degraded: string[] = [];

  constructor(private readonly app: WpsApplication, private readonly opts: WpsPortOptions) {}

  takeNotes(): string[] {
    return this.degraded.splice(0);
  }

  /** Runs one command; any WPS failure reaches the user as a Chinese sentence naming what was being done. */
  private run<T>(what: string, work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (e) {
      return Promise.reject(this.failure(e, what));
    }
  }

  private failure(e: unknown, what: string): PortError {
    if (e instanceof PortError) return e;
    const said = e instanceof Error ? e.message : String(e);
    let version = "";
    try {
      version = String(this.app.Version);
    } catch {
      version = "未知";
    }
    const err = new PortError(`WPS 表格在${what}时出错：${said}。请点“重新读取”后再试；仍然出错时请点“复制诊断信息”发给维护人员`, "WpsError");
    return Object.assign(err, { details: `WPS 表格 ${version}\n${what}\n${e instanceof Error ? (e.stack ?? said) : said}` });
  }

  private book(): WpsWorkbook {
    const wb = this.app.ActiveWorkbook;
    if (!wb) throw new PortError("WPS 表格中没有打开的工作簿。请先打开台账，再点“重新读取”", "NoWorkbook");
    return wb;
  }

  /** The workbook the last read saw, still the active one. */
  private sameBook(): WpsWorkbook {
    const wb = this.book();
    if (this.bookName !== null && wb.Name !== this.bookName) {
      throw new PortError(`当前窗口的工作簿已换成「${wb.Name}」，不是读取时的「${this.bookName}」。请点“重新读取”`, "WorkbookChanged");
    }
    return wb;
  }

  private sheets(wb: WpsWorkbook): WpsWorksheet[] {
    const all = wb.Worksheets;
    const n = all.Count;
    const out: WpsWorksheet[] = [];
    for (let i = 1; i <= n; i++) out.push(all.Item(i));
    return out;
  }

  private sheet(wb: WpsWorkbook, name: string): WpsWorksheet {
    const ws = this.sheets(wb).find((s) => s.Name === name);
    if (!ws) throw new PortError(`找不到工作表「${name}」（可能已改名或删除）。请点“重新读取”`, "ItemNotFound");
    return ws;
  }

  /** Keeps the user's sheet in front while sheets are added (Worksheets.Add activates the new one). */
  private keepActive<T>(wb: WpsWorkbook, work: () => T): T {
    const active = wb.ActiveSheet;
    const result = work();
    active.Activate();
    return result;
  }

  /** The screen is not redrawn until the work is done, and no confirmation dialog stops it. */
  private quietly<T>(work: () => T): T {
    const screen = this.app.ScreenUpdating;
    const alerts = this.app.DisplayAlerts;
    this.app.ScreenUpdating = false;
    this.app.DisplayAlerts = false;
    try {
      return work();
    } finally {
      this.app.DisplayAlerts = alerts;
      this.app.ScreenUpdating = screen;
    }
  }

  read(pick: SheetPicker): Promise<WorkbookRead> {
    return this.run("读取工作簿", () => {
      const wb = this.book();
      this.bookName = wb.Name;
      const all = this.sheets(wb);
      const state = all.find((s) => s.Name === STATE_SHEET);
      const parsed = state ? parseStateRows(value2Grid(state.Range(`A1:B${STATE_LAST_ROW}`).Value2, STATE_LAST_ROW, 2)) : { stored: {}, undo: null };
      this.stored = parsed.stored;
      this.undoMeta = parsed.undo;

      const probes = all
        .filter((s) => s !== state)
        .map((ws) => {
          const name = ws.Name;
          const used = usedOf(ws);
          const rows = used ? Math.min(HEAD_ROWS, used.lastRow) : 0;
          const values = used ? value2Grid(ws.Range(`A1:${columnName(used.lastCol)}${rows}`).Value2, rows, used.lastCol) : [];
          return { ws, name, used, head: { name, values } satisfies SheetGrid };
        });
      const heads = probes.map((p) => p.head);
      const picks = pick(heads);
      const notes: SheetNote[] = [];
      const full = new Map<string, SheetGrid>();
      for (const pk of picks) {
        const p = probes.find((x) => x.name === pk.sheet);
        if (!p) continue;
        if (p.ws.ProtectContents) {
          notes.push({ sheet: pk.sheet, kind: "protected", blocking: true, message: `工作表「${pk.sheet}」受保护，不能写回。请先“审阅 → 撤销工作表保护”，再点“重新读取”` });
        }
        if (p.ws.FilterMode) {
          notes.push({ sheet: pk.sheet, kind: "filtered", blocking: true, message: `工作表「${pk.sheet}」已筛选：向筛选后的区域写入会把结果写错行，不能写回。请先“数据 → 筛选 → 全部显示”，再点“重新读取”` });
        }
        if (!p.used) continue;
        const { lastRow, lastCol } = p.used;
        const values = value2Grid(p.ws.Range(`A1:${columnName(lastCol)}${lastRow}`).Value2, lastRow, lastCol);
        const formats = values.map((row) => row.map(() => ""));
        for (const c of pk.formatColumns.filter((x) => x <= lastCol)) {
          const letter = columnName(c);
          // Only the cells holding numbers: a format changes how a number reads, never text or a blank.
          const numeric = values.flatMap((row, i) => (typeof row[c - 1] === "number" ? [i + 1] : []));
          formatRuns(p.ws, letter, numeric, (row, f) => (formats[row - 1]![c - 1] = f));
        }
        full.set(pk.sheet, { name: pk.sheet, values, formats });
      }
      const grids = heads.map((h) => full.get(h.name) ?? h);
      return { grids: withOwnership(grids, this.stored), stored: this.stored, undo: this.undoMeta, notes };
    });
  }

  /** Why these writes cannot go ahead, checked on the workbook as it is now (before anything changes). */
  private refusal(wb: WpsWorkbook, writes: readonly SheetWrite[]): void {
    for (const w of writes) {
      const ws = this.sheet(wb, w.sheet);
      if (ws.ProtectContents) throw new PortError(`工作表「${w.sheet}」受保护，不能写回。请先“审阅 → 撤销工作表保护”，再点“重新读取”`, "AccessDenied");
      if (ws.FilterMode) throw new PortError(`工作表「${w.sheet}」已筛选，向筛选后的区域写入会写错行。请先“数据 → 筛选 → 全部显示”，再点“重新读取”`, "FilteredRangeConflict");
      // The cells the write touches: the headers it writes and each 2-D block of values.
      const areas = [
        ...w.columns.filter((c) => !c.mask || c.isNew).map((c) => ({ address: `${columnName(c.col)}${w.headerRow}`, what: `“${c.header}”的表头` })),
        ...valueParts(w).map((p) => ({ address: p.address, what: "要写回的结果" })),
      ];
      for (const a of areas) {
        if (ws.Range(a.address).MergeCells !== false) {
          throw new PortError(`工作表「${w.sheet}」的 ${a.address}（${a.what}）中有合并单元格。请取消合并后再点“重新读取”`, "MergedRangeConflict");
        }
      }
    }
    if (!this.sheets(wb).some((s) => s.Name === STATE_SHEET) && wb.ProtectStructure) {
      throw new PortError("工作簿结构受保护，不能新增保存撤销数据的隐藏工作表。请先“审阅 → 保护工作簿”取消结构保护，再点“重新读取”", "AccessDenied");
    }
  }

  /** The hidden state sheet, added (very hidden) when missing. */
  private stateSheet(wb: WpsWorkbook): WpsWorksheet {
    const found = this.sheets(wb).find((s) => s.Name === STATE_SHEET);
    if (found) return found;
    if (wb.ProtectStructure) throw new PortError("工作簿结构受保护，不能新增保存设置的隐藏工作表。请先“审阅 → 保护工作簿”取消结构保护，再点“重新读取”", "AccessDenied");
    return this.keepActive(wb, () => {
      const all = wb.Worksheets;
      const ws = all.Add(undefined, all.Item(all.Count));
      ws.Name = STATE_SHEET;
      try {
        ws.Visible = XL.sheetVeryHidden;
      } catch (e) {
        // A WPS that refuses xlSheetVeryHidden: hidden (取消隐藏 would list it), still never read as a ledger.
        ws.Visible = XL.sheetHidden;
        this.degraded.push(`保存设置的工作表只能设为“隐藏”而不是“非常隐藏”：${e instanceof Error ? e.message : String(e)}`);
      }
      return ws;
    });
  }

  /** The status colours; a WPS whose conditional formats refuse this gets the values without colours (and a note). */
  private statusFormats(range: WpsRange, where: string): void {
    try {
      const conditions = range.FormatConditions;
      conditions.Delete();
      for (const [kind, label] of Object.entries(this.opts.statusLabels)) {
        conditions.Add(XL.cellValue, XL.equal, `="${label}"`).Interior.Color = bgr(STATUS_FILLS[kind as StatusFill]);
      }
    } catch (e) {
      this.degraded.push(`${where}的结论底色未能设置：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  write(writes: readonly SheetWrite[], onProgress?: WriteProgress): Promise<WriteReport> {
    return this.run("写回结果", () => {
      const wb = this.sameBook();
      this.refusal(wb, writes);
      const lastRows = new Map(writes.map((w) => [w.sheet, usedOf(this.sheet(wb, w.sheet))?.lastRow ?? 0] as const));
      const meta = planUndo(writes, lastRows, (this.opts.now?.() ?? new Date()).toISOString());
      const stored = recordOwnership(this.stored, writes);
      const total = writes.reduce((n, w) => n + w.columns.reduce((m, c) => m + (c.mask ? c.mask.filter(Boolean).length : c.values.length) + 1, 0), 0);
      let done = 0;
      let calls = 0;
      this.quietly(() => {
        const state = this.stateSheet(wb);
        // The undo snapshot: each owned column as it is now, copied inside WPS (values and formats).
        state.Range(`${columnName(UNDO_FIRST_COL)}:XFD`).Clear();
        for (const s of meta.sheets) {
          const ws = this.sheet(wb, s.sheet);
          for (const c of s.columns) {
            const slot = columnName(UNDO_FIRST_COL + c.slot);
            const letter = columnName(c.col);
            ws.Range(`${letter}${s.headerRow}:${letter}${s.lastRow}`).Copy(state.Range(`${slot}1:${slot}${s.lastRow - s.headerRow + 1}`));
          }
        }
        state.Range(`A1:B${STATE_LAST_ROW}`).Value2 = stateRows(stored, meta).map((r) => r.map(guard));
        for (const w of writes) {
          const ws = this.sheet(wb, w.sheet);
          const last = Math.max(w.firstRow, w.firstRow + Math.max(0, ...w.columns.map((c) => c.values.length)) - 1);
          for (const c of w.columns) {
            const letter = columnName(c.col);
            if (!c.mask || c.isNew) ws.Range(`${letter}${w.headerRow}`).Value2 = guard(c.header);
            if (c.isNew) ws.Range(`${letter}:${letter}`).ColumnWidth = c.width ?? 12;
            const body = ws.Range(`${letter}${w.firstRow}:${letter}${last}`);
            if (c.values.some((v) => typeof v === "string" && v.includes("\n"))) {
              body.WrapText = true;
              body.VerticalAlignment = XL.top;
            }
            if (c.fills) this.statusFormats(body, `「${w.sheet}」${letter} 列`);
            done++;
          }
          // Values: each run of adjacent owned columns as one 2-D array (a masked column alone, around the cells it keeps).
          for (const part of valueParts(w)) {
            const range = ws.Range(part.address);
            range.Value2 = value2Of(part.values);
            if (part.numberFormat) range.NumberFormat = part.numberFormat;
            calls++;
            done += part.cells;
            onProgress?.(done, total);
          }
        }
      });
      this.undoMeta = meta;
      this.stored = stored;
      onProgress?.(total, total);
      return { cells: total, requests: calls, tableColumns: 0 };
    });
  }

  undo(): Promise<boolean> {
    return this.run("撤销上次写回", () => {
      const wb = this.sameBook();
      const state = this.sheets(wb).find((s) => s.Name === STATE_SHEET);
      if (!state) return false;
      const { stored, undo } = parseStateRows(value2Grid(state.Range(`A1:B${STATE_LAST_ROW}`).Value2, STATE_LAST_ROW, 2));
      if (!undo) return false;
      for (const s of undo.sheets) {
        if (this.sheet(wb, s.sheet).ProtectContents) throw new PortError(`工作表「${s.sheet}」受保护，不能撤销。请先“审阅 → 撤销工作表保护”`, "AccessDenied");
      }
      this.quietly(() => {
        for (const s of undo.sheets) {
          const ws = this.sheet(wb, s.sheet);
          for (const c of s.columns) {
            const letter = columnName(c.col);
            const slot = columnName(UNDO_FIRST_COL + c.slot);
            const target = ws.Range(`${letter}${s.headerRow}:${letter}${s.lastRow}`);
            try {
              target.FormatConditions.Delete();
            } catch {
              // A WPS without conditional formats for add-ins: the write could not have added any either.
            }
            state.Range(`${slot}1:${slot}${s.lastRow - s.headerRow + 1}`).Copy(target);
          }
        }
        state.Range(`${columnName(UNDO_FIRST_COL)}:XFD`).Clear();
        state.Range(`A1:B${STATE_LAST_ROW}`).Value2 = stateRows(stored, null).map((r) => r.map(guard));
      });
      this.stored = stored;
      this.undoMeta = null;
      return true;
    });
  }

  saveState(state: StoredState): Promise<void> {
    return this.run("保存设置", () => {
      const wb = this.sameBook();
      this.quietly(() => {
        this.stateSheet(wb).Range(`A1:B${STATE_LAST_ROW}`).Value2 = stateRows(state, this.undoMeta).map((r) => r.map(guard));
      });
      this.stored = state;
    });
  }

  /** Adds a sheet after the last one, named `name` (the caller made it free). */
  private addSheet(wb: WpsWorkbook, name: string): WpsWorksheet {
    if (wb.ProtectStructure) throw new PortError("工作簿结构受保护，不能新增工作表。请先“审阅 → 保护工作簿”取消结构保护", "AccessDenied");
    const all = wb.Worksheets;
    const ws = all.Add(undefined, all.Item(all.Count));
    ws.Name = name;
    return ws;
  }

  private freeze(ws: WpsWorksheet, rows: number): void {
    try {
      ws.Activate();
      const win = this.app.ActiveWindow;
      if (!win) throw new Error("没有活动窗口");
      win.FreezePanes = false;
      win.SplitColumn = 0;
      win.SplitRow = rows;
      win.FreezePanes = true;
    } catch (e) {
      this.degraded.push(`「${ws.Name}」未能冻结前 ${rows} 行：${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private freeName(wb: WpsWorkbook, wanted: string, except?: string): string {
    const taken = this.sheets(wb)
      .map((s) => s.Name)
      .filter((n) => n !== except);
    let name = wanted;
    for (let i = 2; taken.includes(name); i++) name = `${wanted} (${i})`;
    return name;
  }

  insertTemplate(spec: TemplateSpec): Promise<string[]> {
    return this.run("插入模板", () => {
      const wb = this.book();
      const added: WpsWorksheet[] = [];
      const names: string[] = [];
      this.quietly(() => {
        for (const s of spec.sheets) {
          const name = this.freeName(wb, s.name);
          names.push(name);
          const ws = this.addSheet(wb, name);
          added.push(ws);
          const n = s.columns.length;
          const last = columnName(n);
          ws.Range("A1").Value2 = guard(s.title);
          const title = ws.Range(`A1:${last}1`);
          title.Merge();
          title.Font.Bold = true;
          title.Font.Size = 14;
          title.HorizontalAlignment = XL.center;
          const header = ws.Range(`A2:${last}2`);
          header.Value2 = value2Of([s.columns.map((c) => guard(c.header))]);
          header.Font.Bold = true;
          header.WrapText = true;
          header.Interior.Color = bgr("#DDEBF7");
          header.RowHeight = 36;
          s.columns.forEach((c, i) => {
            const letter = columnName(i + 1);
            ws.Range(`${letter}:${letter}`).ColumnWidth = c.width;
            const body = ws.Range(`${letter}3:${letter}${2 + s.dataRows}`);
            if (c.list) {
              body.Validation.Delete();
              body.Validation.Add(XL.validateList, XL.validAlertStop, XL.between, c.list.join(","));
            }
            const fmt = c.format === "percent" ? "0.0%" : c.format === "integer" ? "0" : null;
            if (fmt) body.NumberFormat = fmt;
          });
          this.freeze(ws, 2);
        }
        added[0]?.Activate();
      });
      return names;
    });
  }

  private chart(ws: WpsWorksheet, ch: ReportChart): void {
    const [c1] = ch.categories.split(":");
    const [, v2] = ch.values.split(":");
    const col = /^[A-Z]+/.exec(ch.anchor)![0];
    const row = Number(/\d+/.exec(ch.anchor)![0]);
    const from = ws.Range(ch.anchor);
    const to = ws.Range(`${columnName(columnNumber(col) + 5)}${row + 14}`);
    const box = [from.Left, from.Top, to.Left - from.Left, to.Top - from.Top] as const;
    let made: WpsShape | null = null;
    const tries: (() => WpsShape)[] = [() => ws.Shapes.AddChart2(-1, XL.columnClustered, ...box), () => ws.ChartObjects().Add(...box)];
    const failures: string[] = [];
    for (const attempt of tries) {
      try {
        made = attempt();
        break;
      } catch (e) {
        failures.push(e instanceof Error ? e.message : String(e));
      }
    }
    if (!made) {
      ws.Range(ch.anchor).Value2 = CHART_NOTE(ch);
      this.degraded.push(`「${ws.Name}」的“${ch.title}”图未能插入：${failures.join("；")}`);
      return;
    }
    const chart = made.Chart;
    chart.ChartType = XL.columnClustered;
    chart.SetSourceData(ws.Range(`${c1}:${v2}`), XL.columns);
    chart.HasTitle = true;
    chart.ChartTitle.Text = ch.title;
    chart.HasLegend = false;
  }

  addReport(layout: ReportLayout): Promise<string> {
    return this.run(`生成「${layout.name}」`, () => {
      const wb = this.book();
      const existing = this.sheets(wb).find((s) => s.Name === layout.name);
      const mark: unknown = existing?.Range("A2").Value2;
      const ours = existing !== undefined && typeof mark === "string" && mark.startsWith(REPORT_MARK);
      const name = this.freeName(wb, layout.name, ours ? layout.name : undefined);
      return this.quietly(() => {
        if (ours) existing.Delete();
        const ws = this.addSheet(wb, name);
        const width = Math.max(layout.widths.length, ...layout.values.map((r) => r.length));
        const last = columnName(width);
        if (layout.values.length) {
          ws.Range(`A1:${last}${layout.values.length}`).Value2 = value2Of(layout.values.map((v) => Array.from({ length: width }, (_, c) => guard(v[c] ?? null))));
        }
        layout.widths.forEach((w, i) => (ws.Range(`${columnName(i + 1)}:${columnName(i + 1)}`).ColumnWidth = w));
        for (const m of layout.merges) ws.Range(m).Merge();
        for (const f of layout.formats) ws.Range(f.range).NumberFormat = f.format;
        for (const st of layout.styles) {
          const range = ws.Range(st.range);
          if (st.bold) range.Font.Bold = true;
          if (st.size) range.Font.Size = st.size;
          if (st.fill) range.Interior.Color = bgr(st.fill);
          if (st.wrap) range.WrapText = true;
          if (st.wrap || st.center) range.VerticalAlignment = XL.top;
          if (st.center) range.HorizontalAlignment = XL.center;
          if (st.border) {
            range.Borders.LineStyle = XL.continuous;
            range.Borders.Color = bgr("#BFBFBF");
          }
        }
        try {
          const page = ws.PageSetup;
          page.Orientation = XL.landscape;
          page.PaperSize = XL.paperA4;
          page.CenterHorizontally = true;
          page.Zoom = false;
          page.FitToPagesWide = 1;
          page.FitToPagesTall = false;
          if (layout.printTitleRows) page.PrintTitleRows = `$${layout.printTitleRows.replace(":", ":$")}`;
        } catch (e) {
          this.degraded.push(`「${name}」的打印设置未能完成：${e instanceof Error ? e.message : String(e)}`);
        }
        for (const ch of layout.charts) this.chart(ws, ch);
        if (layout.freezeRows) this.freeze(ws, layout.freezeRows);
        ws.Activate();
        return name;
      });
    });
  }

  select(sheet: string, range: string): Promise<void> {
    return this.run(`定位到「${sheet}」${range}`, () => {
      const ws = this.sheet(this.book(), sheet);
      ws.Activate();
      ws.Range(range).Select();
    });
  }
}

type ValuePart = { address: string; values: (string | number | boolean)[][]; numberFormat?: string; cells: number };

/** A sheet write's values as 2-D arrays: adjacent owned columns together; a masked column alone, split around the cells it keeps. */
export function valueParts(w: SheetWrite): ValuePart[] {
  const cols = [...w.columns].sort((a, b) => a.col - b.col);
  const runs: (typeof cols)[] = [];
  for (const c of cols) {
    const run = runs[runs.length - 1];
    if (run && !c.mask && !run[0]!.mask && !c.numberFormat && !run[0]!.numberFormat && run[run.length - 1]!.col === c.col - 1) run.push(c);
    else runs.push([c]);
  }
  const parts: ValuePart[] = [];
  for (const run of runs) {
    const count = Math.max(0, ...run.map((c) => c.values.length));
    const mask = run[0]!.mask;
    const numberFormat = run[0]!.numberFormat;
    let start = 0;
    let rows: (string | number | boolean)[][] = [];
    const emit = (end: number) => {
      if (rows.length) {
        const address = `${columnName(run[0]!.col)}${w.firstRow + start}:${columnName(run[run.length - 1]!.col)}${w.firstRow + end - 1}`;
        parts.push({ address, values: rows, cells: rows.length * run.length, ...(numberFormat ? { numberFormat } : {}) });
      }
      rows = [];
      start = end;
    };
    for (let i = 0; i < count; i++) {
      if (mask && !mask[i]) {
        emit(i);
        start = i + 1;
        continue;
      }
      rows.push(run.map((c) => guard(c.values[i] ?? null)));
    }
    emit(count);
  }
  return parts;
}
