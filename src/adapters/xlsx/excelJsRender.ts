/**
 * The .xlsx adapter: bytes ↔ grids with ExcelJS. Takes and returns Uint8Array, never a path.
 * Writes only the owned output columns; everything else in the file is loaded and saved as it was.
 */
import ExcelJS from "exceljs";
import { STATUS_FILLS, type CellValue, type SheetGrid, type SheetWrite, type StatusFill } from "../../sheets/grid";
import { parseStateRows, STATE_LAST_ROW, STATE_SHEET, stateRows, UNDO_FIRST_COL, type StoredState, type UndoMeta } from "../../sheets/port";
import { isGeneratedReport, type ReportLayout } from "../../sheets/report";
import type { TemplateSpec } from "../../sheets/template";

export class WorkbookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookFormatError";
  }
}

/** Status fills as ExcelJS wants them (ARGB). */
const STATUS_ARGB = Object.fromEntries(Object.entries(STATUS_FILLS).map(([k, hex]) => [k, `FF${hex.slice(1)}`])) as Record<StatusFill, string>;

function asciiIndex(bytes: Uint8Array, needle: string, utf16 = false): number {
  const pat: number[] = [];
  for (const ch of needle) {
    pat.push(ch.charCodeAt(0));
    if (utf16) pat.push(0);
  }
  outer: for (let i = 0; i + pat.length <= bytes.length; i++) {
    for (let j = 0; j < pat.length; j++) if (bytes[i + j] !== pat[j]) continue outer;
    return i;
  }
  return -1;
}

/** Recognises what a file is before ExcelJS sees it, so the user gets a reason, not a stack trace. */
export function sniffFormat(bytes: Uint8Array): "xlsx" | "encrypted" | "xls" | "unknown" {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.length >= 8 && ole.every((b, i) => bytes[i] === b)) {
    return asciiIndex(bytes, "EncryptedPackage", true) >= 0 ? "encrypted" : "xls";
  }
  return "unknown";
}

function plain(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o["richText"])) return (o["richText"] as { text: string }[]).map((t) => t.text).join("");
    if ("formula" in o || "sharedFormula" in o) return plain(o["result"]);
    if ("hyperlink" in o || "text" in o) return plain(o["text"]);
    if ("error" in o) return String(o["error"]);
    return JSON.stringify(v);
  }
  return null;
}

function cloneStyle<T>(style: T): T {
  return style === undefined ? style : (JSON.parse(JSON.stringify(style)) as T);
}

/** Parts of an .xlsx that ExcelJS does not carry through a save (zip entry names are stored as ASCII). */
const LOST_PARTS: [string, string][] = [
  ["xl/charts/", "图表"],
  ["xl/pivotTables/", "数据透视表"],
  ["xl/slicers/", "切片器"],
  ["xl/timelines/", "日程表"],
];

export class XlsxWorkbook {
  /** What this file holds that a saved copy will lack (Chinese names), for the user to be told. */
  lossy: string[] = [];

  private constructor(readonly workbook: ExcelJS.Workbook) {}

  static async open(bytes: Uint8Array): Promise<XlsxWorkbook> {
    const kind = sniffFormat(bytes);
    if (kind === "encrypted") throw new WorkbookFormatError("文件已加密（设置了打开密码），请在 Excel 中取消密码后另存为 .xlsx 再试");
    if (kind === "xls") throw new WorkbookFormatError("这是旧版 .xls 文件，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试");
    if (kind !== "xlsx") throw new WorkbookFormatError("不是 Excel 工作簿（.xlsx）文件");
    const wb = new ExcelJS.Workbook();
    try {
      // A plain Uint8Array: JSZip takes it in Node and in the browser alike (no Buffer in the browser).
      await wb.xlsx.load(bytes as never);
    } catch (e) {
      throw new WorkbookFormatError(`无法读取工作簿，文件可能已损坏或不是 .xlsx 格式（${e instanceof Error ? e.message : String(e)}）`);
    }
    const book = new XlsxWorkbook(wb);
    book.lossy = LOST_PARTS.filter(([part]) => asciiIndex(bytes, part) >= 0).map(([, name]) => name);
    return book;
  }

  static create(): XlsxWorkbook {
    const wb = new ExcelJS.Workbook();
    wb.creator = "示范岗考评助手";
    return new XlsxWorkbook(wb);
  }

  /** Each sheet's last row number (0 when empty). */
  rowCounts(): Map<string, number> {
    return new Map(this.workbook.worksheets.map((ws) => [ws.name, ws.rowCount]));
  }

  sheetNames(): string[] {
    return this.workbook.worksheets.map((w) => w.name);
  }

  /** Every sheet as a grid from A1: values (formulas as their cached results) and number formats. */
  readSheets(): SheetGrid[] {
    return this.workbook.worksheets.filter((ws) => ws.name !== STATE_SHEET).map((ws) => {
      const values: CellValue[][] = [];
      const formats: string[][] = [];
      ws.eachRow({ includeEmpty: false }, (row, r) => {
        const vr: CellValue[] = [];
        const fr: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          // ExcelJS reports a merged area's master value in every cell; the port wants it once, as Excel does.
          vr[c - 1] = cell.isMerged && cell.master !== cell ? null : plain(cell.value);
          fr[c - 1] = cell.numFmt ?? "";
        });
        for (let i = 0; i < vr.length; i++) {
          if (vr[i] === undefined) vr[i] = null;
          if (fr[i] === undefined) fr[i] = "";
        }
        values[r - 1] = vr;
        formats[r - 1] = fr;
      });
      for (let i = 0; i < values.length; i++) {
        values[i] ??= [];
        formats[i] ??= [];
      }
      const merges = ((ws.model as unknown as { merges?: string[] }).merges ?? []).slice();
      return { name: ws.name, values, formats, merges };
    });
  }

  /** Writes owned columns: header, values (text always as text, never a formula) and status fills. */
  write(writes: readonly SheetWrite[]): void {
    for (const w of writes) {
      const ws = this.workbook.getWorksheet(w.sheet);
      if (!ws) throw new WorkbookFormatError(`找不到工作表「${w.sheet}」`);
      for (const col of w.columns) {
        const head = ws.getCell(w.headerRow, col.col);
        if (!col.mask || col.isNew) head.value = col.header;
        if (col.isNew) {
          const left = ws.getCell(w.headerRow, col.col - 1);
          if (left.style && Object.keys(left.style).length) head.style = cloneStyle(left.style);
          const column = ws.getColumn(col.col);
          column.width = col.width ?? 12;
        }
        col.values.forEach((v, i) => {
          if (col.mask && !col.mask[i]) return;
          const cell = ws.getCell(w.firstRow + i, col.col);
          const before = cell.value;
          if (v === null && (before === null || before === undefined)) return;
          cell.value = v;
          const wrap = typeof v === "string" && v.includes("\n");
          if (!wrap && !col.fills && !col.numberFormat) return;
          // Styles may be shared between cells: change a copy, never the shared object.
          const style = cloneStyle(cell.style) ?? {};
          if (col.numberFormat) style.numFmt = col.numberFormat;
          if (wrap) style.alignment = { ...(style.alignment ?? {}), wrapText: true, vertical: "top" };
          if (col.fills) {
            const fill = col.fills[i];
            style.fill = fill
              ? { type: "pattern", pattern: "solid", fgColor: { argb: STATUS_ARGB[fill] } }
              : { type: "pattern", pattern: "none" };
          }
          cell.style = style;
        });
      }
    }
  }

  /** Settings, mapping and the last write's undo data, from the hidden state sheet (absent → empty). */
  readState(): { stored: StoredState; undo: UndoMeta | null } {
    const ws = this.workbook.getWorksheet(STATE_SHEET);
    if (!ws) return { stored: {}, undo: null };
    const rows: CellValue[][] = [];
    for (let r = 1; r <= STATE_LAST_ROW; r++) rows.push([plain(ws.getCell(r, 1).value), plain(ws.getCell(r, 2).value)]);
    return parseStateRows(rows);
  }

  writeState(stored: StoredState, undo: UndoMeta | null): void {
    const ws = this.stateSheet();
    stateRows(stored, undo).forEach((row, i) => {
      row.forEach((v, j) => {
        ws.getCell(i + 1, j + 1).value = v;
      });
    });
  }

  private stateSheet(): ExcelJS.Worksheet {
    return this.workbook.getWorksheet(STATE_SHEET) ?? this.workbook.addWorksheet(STATE_SHEET, { state: "veryHidden" });
  }

  /** Copies the owned columns' cells (value and style) into the undo slots, replacing the previous undo data. */
  snapshot(meta: UndoMeta): void {
    const state = this.stateSheet();
    for (let c = UNDO_FIRST_COL; c <= state.columnCount; c++) {
      state.getColumn(c).eachCell({ includeEmpty: false }, (cell) => {
        cell.value = null;
        cell.style = {};
      });
    }
    this.copyColumns(meta, "save");
  }

  /** Puts the undo slots back into the owned columns. */
  restore(meta: UndoMeta): void {
    this.copyColumns(meta, "restore");
  }

  private copyColumns(meta: UndoMeta, direction: "save" | "restore"): void {
    const state = this.stateSheet();
    for (const s of meta.sheets) {
      const ws = this.workbook.getWorksheet(s.sheet);
      if (!ws) throw new WorkbookFormatError(`找不到工作表「${s.sheet}」`);
      for (const c of s.columns) {
        for (let r = s.headerRow; r <= s.lastRow; r++) {
          const live = ws.getCell(r, c.col);
          const kept = state.getCell(r - s.headerRow + 1, UNDO_FIRST_COL + c.slot);
          const [from, to] = direction === "save" ? [live, kept] : [kept, live];
          const v = from.value;
          if ((v === null || v === undefined) && (to.value === null || to.value === undefined) && !Object.keys(from.style ?? {}).length && !Object.keys(to.style ?? {}).length) continue;
          to.value = v === undefined ? null : (JSON.parse(JSON.stringify(v ?? null)) as ExcelJS.CellValue);
          to.style = cloneStyle(from.style) ?? {};
        }
      }
    }
  }

  /** Adds the template's sheets to this workbook (a name already taken gets " (2)"…); returns their names. */
  addTemplate(spec: TemplateSpec): string[] {
    return spec.sheets.map((s) => {
      const name = uniqueName(s.name, this.sheetNames());
      renderTemplateSheet(this.workbook, { ...s, name });
      return name;
    });
  }

  /**
   * Adds a generated sheet. A sheet of that name that we generated earlier is replaced; one the user made
   * is left alone and the new sheet gets " (2)". Returns the sheet's name.
   */
  addReport(layout: ReportLayout): string {
    const existing = this.workbook.getWorksheet(layout.name);
    if (existing && isGeneratedReport(this.readSheets().find((g) => g.name === layout.name))) this.workbook.removeWorksheet(existing.id);
    const name = uniqueName(layout.name, this.sheetNames());
    renderReport(this.workbook, { ...layout, name });
    return name;
  }

  async toBytes(): Promise<Uint8Array> {
    const buf = await this.workbook.xlsx.writeBuffer();
    return new Uint8Array(buf);
  }
}

export function uniqueName(name: string, taken: readonly string[]): string {
  if (!taken.includes(name)) return name;
  for (let i = 2; ; i++) if (!taken.includes(`${name} (${i})`)) return `${name} (${i})`;
}

/** Renders a template spec as a new workbook: title row, header row, drop-downs, formats, a 说明 sheet. */
export function renderTemplate(spec: TemplateSpec): XlsxWorkbook {
  const book = XlsxWorkbook.create();
  const wb = book.workbook;
  for (const s of spec.sheets) renderTemplateSheet(wb, s);
  const notes = wb.addWorksheet("说明");
  notes.columns = [
    { header: "列名", key: "header", width: 28 },
    { header: "填写内容", key: "kind", width: 30 },
    { header: "对应规则", key: "rules", width: 30 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const n of spec.notes) notes.addRow(n);
  return book;
}

function renderTemplateSheet(wb: ExcelJS.Workbook, s: TemplateSpec["sheets"][number]): void {
  {
    const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 2 }] });
    const n = s.columns.length;
    ws.mergeCells(1, 1, 1, n);
    const title = ws.getCell(1, 1);
    title.value = s.title;
    title.font = { bold: true, size: 14 };
    title.alignment = { horizontal: "center" };
    const header = ws.getRow(2);
    s.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
      cell.border = { bottom: { style: "thin" } };
      if (c.note) cell.note = c.note;
      ws.getColumn(i + 1).width = c.width;
      const range = `${ws.getColumn(i + 1).letter}3:${ws.getColumn(i + 1).letter}${2 + s.dataRows}`;
      const validations = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations;
      if (c.list) {
        validations.add(range, {
          type: "list",
          allowBlank: true,
          formulae: [`"${c.list.join(",")}"`],
          showErrorMessage: true,
          errorTitle: "请从列表中选择",
          error: `可选：${c.list.join("、")}`,
        });
      }
      if (c.format === "percent") ws.getColumn(i + 1).numFmt = "0.0%";
      if (c.format === "integer") ws.getColumn(i + 1).numFmt = "0";
    });
    header.height = 36;
  }
}

const ARGB = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

function eachCell(ws: ExcelJS.Worksheet, range: string, fn: (cell: ExcelJS.Cell) => void): void {
  const [a, b] = range.split(":");
  const from = ws.getCell(a!);
  const to = b ? ws.getCell(b) : from;
  for (let r = Number(from.row); r <= Number(to.row); r++) for (let c = Number(from.col); c <= Number(to.col); c++) fn(ws.getCell(r, c));
}

/**
 * Renders a generated sheet with ExcelJS. ExcelJS cannot write charts: each chart's value range gets
 * data bars instead (a real Excel feature that Excel, WPS and LibreOffice all show), and the pane in
 * Excel draws real charts from the same layout.
 */
export function renderReport(wb: ExcelJS.Workbook, layout: ReportLayout): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(layout.name, {
    views: layout.freezeRows ? [{ state: "frozen", ySplit: layout.freezeRows }] : [],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      ...(layout.printTitleRows ? { printTitlesRow: layout.printTitleRows } : {}),
    },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
  });
  layout.values.forEach((row, r) => {
    row.forEach((v, c) => {
      if (v !== null) ws.getCell(r + 1, c + 1).value = v;
    });
  });
  layout.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const m of layout.merges) ws.mergeCells(m);
  for (const f of layout.formats) eachCell(ws, f.range, (cell) => (cell.numFmt = f.format));
  for (const st of layout.styles) {
    eachCell(ws, st.range, (cell) => {
      if (st.bold || st.size) cell.font = { ...(cell.font ?? {}), ...(st.bold ? { bold: true } : {}), ...(st.size ? { size: st.size } : {}) };
      if (st.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: ARGB(st.fill) } };
      if (st.wrap || st.center) cell.alignment = { ...(cell.alignment ?? {}), ...(st.wrap ? { wrapText: true } : {}), ...(st.center ? { horizontal: "center" } : {}), vertical: "top" };
      if (st.border) {
        const thin = { style: "thin" as const, color: { argb: "FFBFBFBF" } };
        cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      }
    });
  }
  for (const ch of layout.charts) {
    ws.addConditionalFormatting({
      ref: ch.values,
      rules: [{ type: "dataBar", priority: 1, gradient: false, cfvo: [{ type: "num", value: 0 }, { type: "max" }], color: { argb: "FF5B9BD5" } } as ExcelJS.ConditionalFormattingRule],
    });
  }
  return ws;
}

/** A new workbook holding only the given generated sheets (the workbook sent to the provincial station). */
export function renderReports(layouts: readonly ReportLayout[]): XlsxWorkbook {
  const book = XlsxWorkbook.create();
  for (const l of layouts) renderReport(book.workbook, l);
  return book;
}
