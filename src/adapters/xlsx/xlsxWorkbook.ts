/**
 * The .xlsx adapter: bytes ↔ grids, and a surgical writer. The file stays a zip of parts; we change only
 * what we own — the owned columns' cells in the scored sheet, appended cell formats in styles.xml, our hidden
 * state sheet, and generated sheets as new parts (workbook.xml, its rels and [Content_Types].xml list them).
 * Every other part is written back as its original compressed bytes. Takes and returns Uint8Array, never a path.
 */
import { columnName } from "../../sheets/a1";
import { notePresentRows, STATUS_FILLS, type CellValue, type SheetGrid, type SheetWrite } from "../../sheets/grid";
import { parseStateRows, STATE_LAST_ROW, STATE_SHEET, stateRows, UNDO_FIRST_COL, type StoredState, type UndoMeta } from "../../sheets/port";
import { isGeneratedReport, type ReportLayout } from "../../sheets/report";
import type { TemplateSpec } from "../../sheets/template";
import { DRAWING, renderReportSheet, renderTemplateSheet, type RenderedSheet } from "./sheetRender";
import { cellParts, colOf, moveCell, SheetXml, SheetXmlError, utf8Chunks, valueCell } from "./sheetXml";
import { Styles } from "./styles";
import { attr, decodeText, elements, escapeAttr, rootPrefixOf, stringItemText, unprefixRoot } from "./xml";
import { ZipArchive, ZipFormatError } from "./zip";

/** 0-based indices, ascending and distinct, of the rows read (a file may list its rows out of order or twice). */
function presentOf(read: readonly { r: number }[]): number[] {
  const rows = read.map((x) => x.r - 1);
  for (let i = 1; i < rows.length; i++) {
    if (rows[i]! <= rows[i - 1]!) return [...new Set(rows)].sort((a, b) => a - b);
  }
  return rows;
}

export class WorkbookFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WorkbookFormatError";
  }
}

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

/** Recognises what a file is before it is unzipped, so the user gets a reason, not a stack trace. */
export function sniffFormat(bytes: Uint8Array): "xlsx" | "encrypted" | "xls" | "unknown" {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return "xlsx";
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  if (bytes.length >= 8 && ole.every((b, i) => bytes[i] === b)) {
    return asciiIndex(bytes, "EncryptedPackage", true) >= 0 ? "encrypted" : "xls";
  }
  return "unknown";
}

const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL = {
  officeDocument: `${NS_REL}/officeDocument`,
  worksheet: `${NS_REL}/worksheet`,
  sharedStrings: `${NS_REL}/sharedStrings`,
  styles: `${NS_REL}/styles`,
  drawing: `${NS_REL}/drawing`,
  chart: `${NS_REL}/chart`,
};
export const CT = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
};

/** Excel's largest date serial (9999-12-31). */
const MAX_SERIAL = 2958465;
/** Excel's last column (XFD). */
export const MAX_COL = 16384;

export type Rel = { id: string; type: string; target: string; external: boolean };

function dirOf(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? "" : part.slice(0, i + 1);
}

/** A relationship target as a part name: absolute ("/xl/…") or relative to the source part's folder. */
export function resolvePart(fromPart: string, target: string): string {
  const path = target.startsWith("/") ? target.slice(1) : dirOf(fromPart) + target;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return decodeURIComponent(out.join("/"));
}

export function relsPathOf(part: string): string {
  return `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;
}

/** A target for a relationship from `fromPart` to `toPart`, relative like Excel writes it. */
function relTarget(fromPart: string, toPart: string): string {
  const from = dirOf(fromPart).split("/").filter(Boolean);
  const to = toPart.split("/");
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

type SheetEntry = { name: string; sheetId: number; rid: string; state: string; part: string | null; worksheet: boolean };

/** The empty parts of a new workbook (no sheets yet; one is always added before saving). */
function emptyWorkbook(): ZipArchive {
  const zip = ZipArchive.empty();
  zip.set(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT.workbook}"/><Override PartName="/xl/styles.xml" ContentType="${CT.styles}"/>` +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
  );
  zip.set(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${REL.officeDocument}" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>',
  );
  zip.set(
    "docProps/app.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>示范岗考评助手</Application></Properties>',
  );
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  zip.set(
    "docProps/core.xml",
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>示范岗考评助手</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
  );
  zip.set(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/><bookViews><workbookView/></bookViews><sheets></sheets><calcPr calcId="191029"/></workbook>`,
  );
  zip.set(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL.styles}" Target="styles.xml"/></Relationships>`,
  );
  zip.set("xl/styles.xml", Styles.empty().toString());
  return zip;
}

/** A text output longer than this many characters is wrapped (its column has a width: it holds sentences). */
const WRAP_FROM = 12;

export class XlsxWorkbook {
  private wbPart = "xl/workbook.xml";
  private wbXml = "";
  private rels: Rel[] = [];
  private relsXml = "";
  private sheets: SheetEntry[] = [];
  private date1904 = false;
  private sst: string[] | null = null;
  private stylesCache: Styles | null = null;
  private stylesPart: string | null = null;
  private docs = new Map<string, SheetXml>();
  private wbChanged = false;
  private relsChanged = false;
  private ctXml: string | null = null;

  private constructor(private readonly zip: ZipArchive) {
    this.load();
  }

  static open(bytes: Uint8Array): Promise<XlsxWorkbook> {
    try {
      return Promise.resolve(XlsxWorkbook.openSync(bytes));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  static openSync(bytes: Uint8Array): XlsxWorkbook {
    const kind = sniffFormat(bytes);
    if (kind === "encrypted") throw new WorkbookFormatError("文件已加密（设置了打开密码），请在 Excel 中取消密码后另存为 .xlsx 再试");
    if (kind === "xls") throw new WorkbookFormatError("这是旧版 .xls 文件，请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再试");
    if (kind !== "xlsx") throw new WorkbookFormatError("不是 Excel 工作簿（.xlsx）文件");
    try {
      return new XlsxWorkbook(ZipArchive.read(bytes));
    } catch (e) {
      if (e instanceof WorkbookFormatError) throw e;
      const why = e instanceof ZipFormatError && /[\u4e00-\u9fff]/.test(e.message) ? `：${e.message}` : "";
      throw new WorkbookFormatError(`无法读取工作簿，文件可能已损坏或不是 .xlsx 格式${why}`);
    }
  }

  /** A new, empty workbook (sheets are added with {@link addReport} or {@link addTemplate}). */
  static create(): XlsxWorkbook {
    return new XlsxWorkbook(emptyWorkbook());
  }

  private load(): void {
    const rootRels = this.xmlText("_rels/.rels");
    const main = rootRels ? parseRels(rootRels, "").find((r) => r.type === REL.officeDocument || r.type.endsWith("/officeDocument")) : undefined;
    this.wbPart = main ? main.target : "xl/workbook.xml";
    const wb = this.xmlText(this.wbPart);
    if (wb === undefined) throw new WorkbookFormatError("不是 Excel 工作簿（.xlsx）文件：找不到工作簿内容（workbook.xml），可能是 Word 或其他格式的文件");
    this.wbXml = wb;
    this.relsXml = this.xmlText(relsPathOf(this.wbPart)) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    this.rels = parseRels(this.relsXml, this.wbPart);
    const pr = /<workbookPr(?=[\s/>])([^>]*?)\/?>/.exec(wb);
    const d = pr ? attr(pr[1]!, "date1904") : undefined;
    this.date1904 = d === "1" || d === "true";
    this.sheets = elements(wb, "sheet").map((s) => {
      const rid = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(s.attrs)?.[1] ?? "";
      const rel = this.rels.find((r) => r.id === rid);
      return {
        name: attr(s.attrs, "name") ?? "",
        sheetId: Number(attr(s.attrs, "sheetId") ?? 0),
        rid,
        state: attr(s.attrs, "state") ?? "visible",
        part: rel && !rel.external ? rel.target : null,
        worksheet: !!rel && (rel.type === REL.worksheet || rel.type.endsWith("/worksheet")),
      };
    });
  }

  /**
   * A part's text as the scanners read it: a prefixed root (`<x:worksheet xmlns:x=…>`) made unprefixed, see
   * {@link unprefixRoot}. A part is written back from this text only when we change it.
   */
  private xmlText(part: string): string | undefined {
    const xml = this.zip.text(part);
    return xml === undefined ? undefined : unprefixRoot(xml);
  }

  private get styles(): Styles {
    if (!this.stylesCache) {
      const rel = this.rels.find((r) => r.type === REL.styles || r.type.endsWith("/styles"));
      this.stylesPart = rel?.target ?? null;
      const xml = rel ? this.partText(rel.target, "单元格格式（styles.xml）") : undefined;
      this.stylesCache = xml ? new Styles(xml) : Styles.empty();
    }
    return this.stylesCache;
  }

  private strings(): string[] {
    if (!this.sst) {
      const rel = this.rels.find((r) => r.type === REL.sharedStrings || r.type.endsWith("/sharedStrings"));
      const xml = rel ? this.partText(rel.target, "共享文本（sharedStrings.xml）") : undefined;
      this.sst = xml ? elements(xml, "si").map((si) => (si.inner === null ? "" : stringItemText(si.inner))) : [];
    }
    return this.sst;
  }

  /**
   * A part read after opening (parts are inflated when first asked for), its root unprefixed as {@link xmlText}
   * does: one that cannot be inflated is a damaged file, said as such with what the part is, not zlib's words.
   */
  private partText(part: string, what: string): string | undefined {
    try {
      const xml = this.zip.text(part);
      return xml === undefined ? undefined : unprefixRoot(xml);
    } catch (e) {
      if (e instanceof ZipFormatError) throw new WorkbookFormatError(`${what}的数据无法读取（${e.message}），文件可能已损坏`);
      throw e;
    }
  }

  private doc(entry: SheetEntry): SheetXml {
    const part = entry.part!;
    let d = this.docs.get(part);
    if (!d) {
      const xml = this.partText(part, `工作表「${entry.name}」`) ?? "<worksheet><sheetData/></worksheet>";
      try {
        d = new SheetXml(xml);
      } catch (e) {
        // Cut short or unbalanced: reading the rows before the cut would score part of the sheet without a word.
        if (e instanceof SheetXmlError) throw new WorkbookFormatError(`工作表「${entry.name}」的内容不完整（${e.message}），文件可能已损坏`);
        throw e;
      }
      this.docs.set(part, d);
    }
    return d;
  }

  private entry(name: string): SheetEntry | undefined {
    return this.sheets.find((s) => s.name === name && s.worksheet && s.part !== null && this.zip.has(s.part));
  }

  private worksheets(): SheetEntry[] {
    return this.sheets.filter((s) => s.worksheet && s.part !== null && this.zip.has(s.part));
  }

  /** Each worksheet's last row with a cell (0 when empty). */
  rowCounts(): Map<string, number> {
    return new Map(this.worksheets().map((s) => [s.name, this.doc(s).lastRow()]));
  }

  /** Names of the worksheets, in workbook order. */
  sheetNames(): string[] {
    return this.worksheets().map((s) => s.name);
  }

  /** Every sheet name, chart sheets included (a new sheet's name must differ from all). */
  private allNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  isDate1904(): boolean {
    return this.date1904;
  }

  /** A cell's value as the grid holds it, or `uncached` for a formula saved without its result. */
  private cellValue(xml: string): { v: CellValue; s: number; uncached?: true; notDate?: true } {
    const c = cellParts(xml);
    const hasV = c.v !== null && (c.v !== "" || c.t === "str");
    if (c.f !== null && !hasV && c.t !== "inlineStr") return { v: null, s: c.s, uncached: true };
    switch (c.t) {
      case "s":
        return { v: c.v === null ? null : (this.strings()[Number(c.v)] ?? null), s: c.s };
      case "inlineStr":
        return { v: c.is === null ? (c.v === null ? null : decodeText(c.v)) : stringItemText(c.is), s: c.s };
      case "str":
        return { v: c.v === null ? null : decodeText(c.v), s: c.s };
      case "b":
        return { v: c.v === null ? null : c.v === "1" || c.v === "true", s: c.s };
      case "e":
        return { v: c.v === null ? null : decodeText(c.v), s: c.s };
      case "d": {
        if (c.v === null) return { v: null, s: c.s };
        const d = new Date(decodeText(c.v));
        return { v: Number.isNaN(d.getTime()) ? decodeText(c.v) : d, s: c.s };
      }
      default: {
        if (c.v === null || c.v === "") return { v: null, s: c.s };
        const n = Number(c.v);
        if (!Number.isFinite(n)) return { v: decodeText(c.v), s: c.s };
        if (c.s && this.styles.isDate(c.s)) {
          const serial = this.date1904 ? n + 1462 : n;
          // Out of Excel's date range (13800138000 formatted as a date): the number, not a date, so the parsers say why.
          if (serial < 0 || serial > MAX_SERIAL) return { v: n, s: c.s, notDate: true };
          return { v: new Date(Math.round((serial - 25569) * 86400000)), s: c.s };
        }
        return { v: n, s: c.s };
      }
    }
  }

  /**
   * Every worksheet as a grid from A1: values (formulas as their cached results), number formats, merges.
   * Throws naming the sheet when workbook.xml lists a sheet whose part is not in the file (a damaged file):
   * read without it, the user would be told that the workbook has no ledger.
   */
  readSheets(): SheetGrid[] {
    const lost = this.sheets.find((s) => s.name !== STATE_SHEET && (s.worksheet || !this.rels.some((r) => r.id === s.rid)) && (s.part === null || !this.zip.has(s.part)));
    if (lost) {
      const where = lost.part ? `（${lost.part}）` : "";
      throw new WorkbookFormatError(`工作表「${lost.name}」的内容${where}在文件中缺失，文件可能已损坏：请在 Excel 或 WPS 中打开并检查这张表，另存为 .xlsx 后再试`);
    }
    return this.worksheets()
      .filter((s) => s.name !== STATE_SHEET)
      .map((s) => this.readGrid(s));
  }

  private readGrid(s: SheetEntry): SheetGrid {
    const doc = this.doc(s);
    const read: { r: number; vr: CellValue[]; fr: string[] }[] = [];
    const uncached: string[] = [];
    let maxRow = 0;
    let prev: string[] | undefined;
    for (const { r, cells } of doc.eachRow()) {
      if (!cells.length || r < 1) continue;
      const vr: CellValue[] = [];
      const fr: string[] = [];
      for (const cell of cells) {
        if (cell.col < 1 || cell.col > MAX_COL) continue;
        const x = this.cellValue(cell.xml);
        vr[cell.col - 1] = x.v;
        fr[cell.col - 1] = x.notDate ? "" : this.styles.formatOf(x.s);
        if (x.uncached) uncached.push(`${columnName(cell.col)}${r}`);
      }
      for (let i = 0; i < vr.length; i++) {
        if (vr[i] === undefined) vr[i] = null;
        if (fr[i] === undefined) fr[i] = "";
      }
      // A ledger's rows mostly have the same formats: such rows share one array (grids are never changed in place).
      if (prev && prev.length === fr.length && fr.every((f, i) => f === prev![i])) read.push({ r, vr, fr: prev });
      else read.push({ r, vr, fr: (prev = fr) });
      if (r > maxRow) maxRow = r;
    }
    // Sized by the rows present, never by <dimension>. Rows without cells share one empty array: a stray
    // cell in row 1,048,576 costs one packed array of references, not a million row arrays.
    const none: CellValue[] = [];
    const noFormats: string[] = [];
    const values = new Array<CellValue[]>(maxRow).fill(none);
    const formats = new Array<string[]>(maxRow).fill(noFormats);
    for (const { r, vr, fr } of read) {
      values[r - 1] = vr;
      formats[r - 1] = fr;
    }
    // The rows with cells, so that loops over the grid go over them, not over every row up to the last.
    notePresentRows(values, presentOf(read));
    const merges = doc.merges();
    // A merged area's other cells read as blank, as Excel shows them (the reader fills them from the top-left).
    for (const ref of merges) {
      const [a, b] = ref.split(":");
      const from = colOf(a ?? "");
      const to = colOf(b ?? a ?? "");
      if (!from || !to) continue;
      for (let r = from.row; r <= Math.min(to.row, values.length); r++) {
        const row = values[r - 1];
        if (!row || row === none) continue;
        for (let c = from.col; c <= Math.min(to.col, row.length); c++) if (r !== from.row || c !== from.col) row[c - 1] = null;
      }
    }
    const objectsRight = this.objectsRight(s.part!);
    return { name: s.name, values, formats, merges, ...(uncached.length ? { uncached } : {}), ...(objectsRight ? { objectsRight } : {}) };
  }

  /**
   * The rightmost column (1-based; 0: none) a note or a drawing of the sheet is on: a note's cell (the
   * comments part, and the legacy VML shapes' `<x:Column>`), a chart's or picture's anchor (from its first to
   * its last column; a one-cell anchor by its first). An empty cell there is not free for new columns.
   */
  private objectsRight(part: string): number {
    const relsXml = this.zip.text(relsPathOf(part));
    if (!relsXml) return 0;
    let right = 0;
    const tag = (name: string) => `<(?:[\\w.-]+:)?${name}>`;
    const fromRe = new RegExp(`${tag("from")}\\s*${tag("col")}\\s*(\\d+)`);
    const toRe = new RegExp(`${tag("to")}\\s*${tag("col")}\\s*(\\d+)\\s*</(?:[\\w.-]+:)?col>\\s*${tag("colOff")}\\s*(-?\\d+)`);
    for (const rel of parseRels(relsXml, part)) {
      const kind = rel.type.slice(rel.type.lastIndexOf("/") + 1);
      const xml = rel.external || !["comments", "vmlDrawing", "drawing"].includes(kind) ? undefined : this.zip.text(rel.target);
      if (!xml) continue;
      if (kind === "comments") {
        for (const m of xml.matchAll(/<(?:[\w.-]+:)?comment\s[^>]*?\bref\s*=\s*"([^"]+)"/g)) right = Math.max(right, colOf(m[1]!.split(":").pop()!)?.col ?? 0);
      } else if (kind === "vmlDrawing") {
        for (const m of xml.matchAll(/<(?:[\w.-]+:)?Column>\s*(\d+)\s*</g)) right = Math.max(right, Number(m[1]) + 1);
      } else {
        for (const a of xml.matchAll(/<(?:[\w.-]+:)?(twoCellAnchor|oneCellAnchor)\b[\s\S]*?<\/(?:[\w.-]+:)?\1>/g)) {
          const from = fromRe.exec(a[0]);
          if (from) right = Math.max(right, Number(from[1]) + 1);
          // A chart ending at a column's left edge (offset 0) does not cover that column.
          const to = a[1] === "twoCellAnchor" ? toRe.exec(a[0]) : null;
          if (to) right = Math.max(right, Number(to[1]) + (Number(to[2]) > 0 ? 1 : 0));
        }
      }
    }
    return Math.min(right, MAX_COL);
  }

  /**
   * Throws, before anything is changed, when a write cannot be done: its sheet is missing, or a stray value
   * far right (column XFD) leaves no column for the results. The file port checks first so that a refused
   * write leaves the workbook (and its undo data) as it was.
   */
  checkWrites(writes: readonly SheetWrite[]): void {
    for (const w of writes) {
      if (!this.entry(w.sheet)) throw new WorkbookFormatError(`找不到工作表「${w.sheet}」`);
      const over = w.columns.find((col) => col.col > MAX_COL);
      if (over) throw new WorkbookFormatError(`工作表「${w.sheet}」右侧已没有空列（已用到最后一列 XFD），无法写入结果列“${over.header}”`);
    }
  }

  /** Writes owned columns: header, values (text always as text, never a formula) and status fills. */
  write(writes: readonly SheetWrite[]): void {
    this.checkWrites(writes);
    for (const w of writes) {
      const doc = this.doc(this.entry(w.sheet)!);
      for (const col of w.columns) {
        if (!col.mask || col.isNew) {
          const s = col.isNew && col.col > 1 ? doc.styleOf(w.headerRow, col.col - 1) : doc.styleOf(w.headerRow, col.col);
          doc.setCell(w.headerRow, col.col, valueCell(w.headerRow, col.col, col.header, s));
        }
        if (col.isNew) doc.setWidth(col.col, col.width ?? 12);
        const existing = doc.column(col.col, w.firstRow, w.firstRow + col.values.length - 1);
        col.values.forEach((v, i) => {
          if (col.mask && !col.mask[i]) return;
          const r = w.firstRow + i;
          const before = existing.get(r);
          const parts = before === undefined ? null : cellParts(before);
          const empty = !parts || (parts.v === null && parts.is === null && parts.f === null);
          if (v === null && empty) return;
          // Sentences wrap: a long reason in a column someone else sized (13 wide) stays readable.
          const wrap = typeof v === "string" && (v.includes("\n") || (col.width !== undefined && v.length > WRAP_FROM));
          let s = parts?.s ?? 0;
          if (wrap || col.fills || col.numberFormat) {
            const fill = col.fills ? col.fills[i] : undefined;
            s = this.styles.derive(s, {
              ...(col.numberFormat ? { numFmt: col.numberFormat } : {}),
              ...(wrap ? { wrap: true, top: true } : {}),
              ...(col.fills ? { fill: fill ? STATUS_FILLS[fill] : "none" } : {}),
            });
          }
          doc.setValue(r, col.col, v, s);
        });
      }
    }
  }

  /** Settings, mapping and the last write's undo data, from the hidden state sheet (absent → empty). */
  readState(): { stored: StoredState; undo: UndoMeta | null } {
    const entry = this.entry(STATE_SHEET);
    if (!entry) return { stored: {}, undo: null };
    const doc = this.doc(entry);
    const rows: CellValue[][] = [];
    for (let r = 1; r <= STATE_LAST_ROW; r++) {
      const a = doc.cell(r, 1);
      const b = doc.cell(r, 2);
      rows.push([a ? this.cellValue(a).v : null, b ? this.cellValue(b).v : null]);
    }
    return parseStateRows(rows);
  }

  writeState(stored: StoredState, undo: UndoMeta | null): void {
    const doc = this.stateDoc();
    stateRows(stored, undo).forEach((row, i) => {
      row.forEach((v, j) => {
        const value = v instanceof Date || typeof v === "boolean" ? String(v) : v;
        doc.setCell(i + 1, j + 1, value === null ? null : valueCell(i + 1, j + 1, value, 0));
      });
    });
  }

  private stateDoc(): SheetXml {
    const entry = this.entry(STATE_SHEET);
    if (entry) return this.doc(entry);
    const part = this.addSheetPart(STATE_SHEET, '<sheetPr><tabColor rgb="FF7F7F7F"/></sheetPr><dimension ref="A1"/><sheetData/>', "veryHidden");
    return this.docs.get(part)!;
  }

  /** Copies the owned columns' cells (value and format) into the undo slots, replacing the previous undo data. */
  snapshot(meta: UndoMeta): void {
    const state = this.stateDoc();
    for (const { r, cells } of [...state.eachRow()]) for (const c of cells.filter((x) => x.col >= UNDO_FIRST_COL)) state.setCell(r, c.col, null);
    for (const s of meta.sheets) {
      const entry = this.entry(s.sheet);
      if (!entry) throw new WorkbookFormatError(`找不到工作表「${s.sheet}」`);
      const doc = this.doc(entry);
      for (const c of s.columns) {
        for (const [r, xml] of doc.column(c.col, s.headerRow, s.lastRow)) {
          state.setCell(r - s.headerRow + 1, UNDO_FIRST_COL + c.slot, moveCell(xml, r - s.headerRow + 1, UNDO_FIRST_COL + c.slot));
        }
      }
    }
  }

  /** Puts the undo slots back into the owned columns: exactly the cells they held, absent ones removed. */
  restore(meta: UndoMeta): void {
    const state = this.stateDoc();
    for (const s of meta.sheets) {
      const entry = this.entry(s.sheet);
      if (!entry) throw new WorkbookFormatError(`找不到工作表「${s.sheet}」`);
      const doc = this.doc(entry);
      for (const c of s.columns) {
        const slot = UNDO_FIRST_COL + c.slot;
        const kept = state.column(slot, 1, s.lastRow - s.headerRow + 1);
        const live = doc.column(c.col, s.headerRow, s.lastRow);
        for (const r of live.keys()) if (!kept.has(r - s.headerRow + 1)) doc.setCell(r, c.col, null);
        for (const [k, xml] of kept) doc.setCell(k + s.headerRow - 1, c.col, moveCell(xml, k + s.headerRow - 1, c.col));
      }
    }
  }

  /** Adds the template's sheets to this workbook (a name already taken gets " (2)"…); returns their names. */
  addTemplate(spec: TemplateSpec): string[] {
    return spec.sheets.map((s) => {
      const name = uniqueName(s.name, this.allNames());
      this.addRendered(name, renderTemplateSheet({ ...s, name }, this.styles));
      return name;
    });
  }

  /** The 说明 sheet of a new template workbook. */
  addNotesSheet(notes: TemplateSpec["notes"]): void {
    const layout: ReportLayout = {
      name: "说明",
      values: [["列名", "填写内容", "对应规则"], ...notes.map((n) => [n.header, n.kind, n.rules])],
      widths: [28, 30, 30],
      merges: [],
      styles: [{ range: "A1:C1", bold: true }],
      formats: [],
      freezeRows: 0,
      printTitleRows: "",
      charts: [],
    };
    this.addRendered(uniqueName("说明", this.allNames()), renderReportSheet(layout, this.styles, false));
  }

  /**
   * Adds a generated sheet. A sheet of that name that we generated earlier is replaced in place (same
   * position, same sheet id); one the user made is left alone and the new sheet gets " (2)". Returns its name.
   */
  addReport(layout: ReportLayout): string {
    const existing = this.entry(layout.name);
    if (existing && isGeneratedReport(this.readGrid(existing))) {
      this.replaceRendered(existing, renderReportSheet(layout, this.styles, true));
      return existing.name;
    }
    const name = uniqueName(layout.name, this.allNames());
    this.addRendered(name, renderReportSheet({ ...layout, name }, this.styles, true));
    return name;
  }

  async toBytes(): Promise<Uint8Array> {
    await Promise.resolve();
    return this.toBytesSync();
  }

  toBytesSync(): Uint8Array {
    for (const [part, doc] of this.docs) if (doc.changed) this.zip.setChunks(part, doc.chunks());
    if (this.stylesCache?.changed) {
      if (!this.stylesPart) {
        this.stylesPart = resolvePart(this.wbPart, "styles.xml");
        this.addRel(REL.styles, this.stylesPart);
        this.addContentType(this.stylesPart, CT.styles);
      }
      this.zip.set(this.stylesPart, this.stylesCache.toString());
      this.stylesCache.changed = false;
    }
    if (this.wbChanged) this.zip.set(this.wbPart, this.wbXml);
    if (this.relsChanged) this.zip.set(relsPathOf(this.wbPart), this.relsXml);
    if (this.ctXml !== null) this.zip.set("[Content_Types].xml", this.ctXml);
    for (const d of this.docs.values()) d.changed = false;
    this.wbChanged = this.relsChanged = false;
    return this.zip.toBytes();
  }

  /** The solid fill colour ("#RRGGBB") the user sees on a cell, or null. */
  fillOf(sheet: string, row: number, col: number): string | null {
    const entry = this.entry(sheet);
    if (!entry) return null;
    const s = this.doc(entry).styleOf(row, col);
    return s ? this.styles.fillOf(s) : null;
  }

  /** The zip's part names (tests compare parts). */
  partNames(): string[] {
    return this.zip.names();
  }

  // ---- package plumbing: new parts, relationships, content types ----

  private contentTypes(): string {
    this.ctXml ??= this.xmlText("[Content_Types].xml") ?? '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>';
    return this.ctXml;
  }

  addContentType(part: string, type: string): void {
    const ct = this.contentTypes();
    if (ct.includes(`PartName="/${part}"`)) return;
    this.ctXml = ct.replace("</Types>", `<Override PartName="/${escapeAttr(part)}" ContentType="${type}"/></Types>`);
  }

  removeContentType(part: string): void {
    this.ctXml = this.contentTypes().replace(new RegExp(`<Override\\s+PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*/>`), "");
  }

  /** A free part name like xl/worksheets/sheet7.xml. */
  freePart(prefix: string, ext = ".xml"): string {
    const taken = new Set(this.zip.names().map((n) => n.toLowerCase()));
    for (let i = 1; ; i++) if (!taken.has(`${prefix}${i}${ext}`.toLowerCase())) return `${prefix}${i}${ext}`;
  }

  private addRel(type: string, part: string): string {
    const used = new Set(this.rels.map((r) => r.id));
    let n = this.rels.length + 1;
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    this.rels.push({ id, type, target: part, external: false });
    this.relsXml = this.relsXml.replace(/<\/Relationships>\s*$/, `<Relationship Id="${id}" Type="${type}" Target="${escapeAttr(relTarget(this.wbPart, part))}"/></Relationships>`);
    this.relsChanged = true;
    return id;
  }

  /**
   * The prefix workbook.xml's root binds to the relationships namespace, or "" when it binds none: a
   * declaration anywhere else (openpyxl puts `xmlns:r` on each `<sheet>`) is not in scope where we add ours.
   */
  private relPrefix(): string {
    return rootPrefixOf(this.wbXml, NS_REL) ?? "";
  }

  /** A new worksheet part listed last in the workbook; returns its part name. */
  private addSheetPart(name: string, body: string, state?: "veryHidden"): string {
    const part = this.freePart(`${dirOf(this.wbPart)}worksheets/sheet`);
    const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">${body}</worksheet>`;
    this.zip.set(part, xml);
    this.docs.set(part, new SheetXml(xml));
    this.addContentType(part, CT.worksheet);
    const rid = this.addRel(REL.worksheet, part);
    const sheetId = Math.max(0, ...this.sheets.map((s) => s.sheetId)) + 1;
    const prefix = this.relPrefix();
    const ridAttr = prefix ? `${prefix}:id="${rid}"` : `xmlns:r="${NS_REL}" r:id="${rid}"`;
    const el = `<sheet name="${escapeAttr(name)}" sheetId="${sheetId}"${state ? ` state="${state}"` : ""} ${ridAttr}/>`;
    if (/<sheets\s*\/>/.test(this.wbXml)) this.wbXml = this.wbXml.replace(/<sheets\s*\/>/, `<sheets>${el}</sheets>`);
    else this.wbXml = this.wbXml.replace("</sheets>", `${el}</sheets>`);
    this.wbChanged = true;
    this.sheets.push({ name, sheetId, rid, state: state ?? "visible", part, worksheet: true });
    return part;
  }

  private setDefinedName(name: string, sheetIndex: number, value: string | null): void {
    const re = new RegExp(`<definedName(?=\\s)[^>]*?name="${name.replace(/\./g, "\\.")}"[^>]*?localSheetId="${sheetIndex}"[^>]*>[\\s\\S]*?</definedName>|<definedName(?=\\s)[^>]*?localSheetId="${sheetIndex}"[^>]*?name="${name.replace(/\./g, "\\.")}"[^>]*>[\\s\\S]*?</definedName>`);
    this.wbXml = this.wbXml.replace(re, "");
    if (value !== null) {
      const el = `<definedName name="${name}" localSheetId="${sheetIndex}">${value}</definedName>`;
      // openpyxl writes an empty `<definedNames/>`: it becomes ours (a second definedNames is not valid).
      if (/<definedNames\s*\/>/.test(this.wbXml)) this.wbXml = this.wbXml.replace(/<definedNames\s*\/>/, `<definedNames>${el}</definedNames>`);
      else if (this.wbXml.includes("</definedNames>")) this.wbXml = this.wbXml.replace("</definedNames>", `${el}</definedNames>`);
      else {
        // definedNames follows sheets (and functionGroups/externalReferences) in the workbook's schema order.
        const at = this.wbXml.indexOf("</sheets>") + "</sheets>".length;
        const ext = /<\/externalReferences>/.exec(this.wbXml);
        const pos = ext ? ext.index + ext[0].length : at;
        this.wbXml = `${this.wbXml.slice(0, pos)}<definedNames>${el}</definedNames>${this.wbXml.slice(pos)}`;
      }
    }
    this.wbXml = this.wbXml.replace(/<definedNames>\s*<\/definedNames>/, "");
    this.wbChanged = true;
  }

  private quoted(name: string): string {
    return `'${name.replace(/'/g, "''")}'`;
  }

  private addRendered(name: string, r: RenderedSheet): void {
    const part = this.addSheetPart(name, "<sheetData/>");
    this.fillRendered(this.sheets[this.sheets.length - 1]!, part, r);
  }

  private replaceRendered(entry: SheetEntry, r: RenderedSheet): void {
    const part = entry.part!;
    // Our old sheet's own parts (drawings, charts) go with it.
    const relsPath = relsPathOf(part);
    const relsXml = this.zip.text(relsPath);
    if (relsXml) {
      for (const rel of parseRels(relsXml, part)) {
        if (rel.external) continue;
        const sub = this.zip.text(relsPathOf(rel.target));
        if (sub) for (const x of parseRels(sub, rel.target)) if (!x.external && (x.type === REL.chart || x.type.endsWith("/chart"))) this.dropPart(x.target);
        this.dropPart(rel.target);
      }
      this.zip.delete(relsPath);
    }
    this.fillRendered(entry, part, r);
  }

  private dropPart(part: string): void {
    const rels = relsPathOf(part);
    if (this.zip.has(rels)) {
      for (const x of parseRels(this.zip.text(rels)!, part)) if (!x.external && /\/(?:chartStyle|chartColorStyle|package|image)$/.test(x.type)) this.zip.delete(x.target);
      this.zip.delete(rels);
    }
    this.zip.delete(part);
    this.removeContentType(part);
  }

  private fillRendered(entry: SheetEntry, part: string, r: RenderedSheet): void {
    const index = this.sheets.indexOf(entry);
    if (r.charts.length) {
      const drawing = this.freePart(`${dirOf(this.wbPart)}drawings/drawing`);
      const chartParts = r.charts.map((c) => {
        const p = this.freePart(`${dirOf(this.wbPart)}charts/chart`);
        this.zip.set(p, c.xml(this.quoted(entry.name)));
        this.addContentType(p, CT.chart);
        return p;
      });
      this.zip.set(drawing, r.drawingXml(chartParts.map((_, i) => `rId${i + 1}`)));
      this.zip.set(
        relsPathOf(drawing),
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${chartParts.map((p, i) => `<Relationship Id="rId${i + 1}" Type="${REL.chart}" Target="${relTarget(drawing, p)}"/>`).join("")}</Relationships>`,
      );
      this.addContentType(drawing, CT.drawing);
      this.zip.set(
        relsPathOf(part),
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL.drawing}" Target="${relTarget(part, drawing)}"/></Relationships>`,
      );
    }
    const drawingRef = r.charts.length ? '<drawing r:id="rId1"/>' : "";
    // Made, encoded and (when large) deflated piece by piece; read back from the zip only if asked for.
    this.zip.setChunks(part, utf8Chunks(mapPieces(r.pieces(), (p) => (p === DRAWING ? drawingRef : p))));
    this.docs.delete(part);
    this.setDefinedName("_xlnm.Print_Titles", index, r.printTitleRows ? `${this.quoted(entry.name)}!$${r.printTitleRows.replace(":", ":$")}` : null);
  }
}

/** Each piece as `f` makes it, taken as they come. */
function* mapPieces(pieces: Iterable<string>, f: (piece: string) => string): Generator<string> {
  for (const p of pieces) yield f(p);
}

export function parseRels(xml: string, fromPart: string): Rel[] {
  return elements(unprefixRoot(xml), "Relationship").map((r) => {
    const external = attr(r.attrs, "TargetMode") === "External";
    const target = attr(r.attrs, "Target") ?? "";
    return { id: attr(r.attrs, "Id") ?? "", type: attr(r.attrs, "Type") ?? "", target: external ? target : resolvePart(fromPart, target), external };
  });
}

export function uniqueName(name: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(name.toLowerCase())) return name;
  for (let i = 2; ; i++) if (!lower.has(`${name} (${i})`.toLowerCase())) return `${name} (${i})`;
}

/** Renders a template spec as a new workbook: title row, header row, drop-downs, formats, a 说明 sheet. */
export function renderTemplate(spec: TemplateSpec): XlsxWorkbook {
  const book = XlsxWorkbook.create();
  book.addTemplate(spec);
  book.addNotesSheet(spec.notes);
  return book;
}

/** A new workbook holding only the given generated sheets (the workbook sent to the provincial station). */
export function renderReports(layouts: readonly ReportLayout[]): XlsxWorkbook {
  const book = XlsxWorkbook.create();
  for (const l of layouts) book.addReport(l);
  return book;
}
