/**
 * A worksheet part as text: rows found by a scanner over `<sheetData>`, cells parsed only in rows we read or
 * change. Serialising keeps every untouched row, and everything outside `<sheetData>` except `<cols>` and
 * `<dimension>` when we must widen them, as the original characters.
 */
import { columnName } from "../../sheets/a1";
import { attr, decodeText, escapeText, removeAttr, setAttr, stringItemText } from "./xml";

export type RawCell = { col: number; xml: string };

type Row = {
  r: number;
  /** Original text of the whole row element (undefined for a row we created). */
  raw?: string;
  /** The row's attribute text (without `r` when it had none). */
  attrs: string;
  /** Cells, parsed on demand. */
  cells?: RawCell[];
  dirty: boolean;
};

const COL_RE = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

export function colOf(ref: string): { row: number; col: number } | null {
  // Fast path for plain "AB12" (every cell reference in a sheet); the regex for "$A$1" and odd spellings.
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (ch >= 65 && ch <= 90) col = col * 26 + (ch - 64);
    else break;
  }
  if (i > 0 && i <= 3 && i < ref.length) {
    let row = 0;
    let j = i;
    for (; j < ref.length; j++) {
      const d = ref.charCodeAt(j) - 48;
      if (d < 0 || d > 9) break;
      row = row * 10 + d;
    }
    if (j === ref.length) return { row, col };
  }
  const m = COL_RE.exec(ref);
  if (!m) return null;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col: n };
}

/** Parses the cells of a row's inner text; cells without `r` follow the previous one. */
export function parseCells(inner: string, rowNumber: number): RawCell[] {
  const out: RawCell[] = [];
  const re = /<c(?=[\s/>])([^>]*?)(\/?)>/g;
  let m: RegExpExecArray | null;
  let col = 0;
  while ((m = re.exec(inner))) {
    let end: number;
    if (m[2] === "/") end = re.lastIndex;
    else {
      const close = inner.indexOf("</c>", re.lastIndex);
      end = close < 0 ? inner.length : close + 4;
      re.lastIndex = end;
    }
    const ref = attr(m[1]!, "r");
    const at = ref ? colOf(ref) : null;
    col = at && (at.row === rowNumber || !at.row) ? at.col : col + 1;
    out.push({ col, xml: inner.slice(m.index, end) });
  }
  return out;
}

/** The inner text of the first `<name>` or `<name …>` element in `xml` after `from` (null when absent; "" for `<name/>`). */
function childText(xml: string, name: string, from: number): string | null {
  let i = from;
  for (;;) {
    i = xml.indexOf(`<${name}`, i);
    if (i < 0) return null;
    const next = xml.charCodeAt(i + name.length + 1);
    // '>' 62, '/' 47, ' ' 32, tab/newline 9/10/13
    if (next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13) break;
    i += name.length + 1;
  }
  const gt = xml.indexOf(">", i);
  if (xml.charCodeAt(gt - 1) === 47) return "";
  const close = xml.indexOf(`</${name}>`, gt);
  return close < 0 ? "" : xml.slice(gt + 1, close);
}

/** A cell's pieces: attributes, formula text, value text, inline string (indexOf only: this runs for every cell). */
export function cellParts(xml: string): { attrs: string; t: string; s: number; f: string | null; v: string | null; is: string | null } {
  const gt = xml.indexOf(">");
  const selfClosing = xml.charCodeAt(gt - 1) === 47;
  const attrs = xml.slice(2, selfClosing ? gt - 1 : gt);
  const t = attr(attrs, "t") ?? "n";
  const sa = attr(attrs, "s");
  const s = sa === undefined ? 0 : Number(sa) || 0;
  if (selfClosing) return { attrs, t, s, f: null, v: null, is: null };
  const f = xml.indexOf("<f", gt) >= 0 ? childText(xml, "f", gt) : null;
  const v = childText(xml, "v", gt);
  const is = t === "inlineStr" ? childText(xml, "is", gt) : null;
  return { attrs, t, s, f, v, is };
}

/** A cell moved to another address: same content, formula dropped (a copy keeps the value it showed). */
export function moveCell(xml: string, row: number, col: number): string {
  const open = /^<c([^>]*?)(\/?)>/.exec(xml)!;
  const attrs = setAttr(open[1]!, "r", `${columnName(col)}${row}`);
  if (open[2] === "/") return `<c${attrs}/>`;
  let inner = xml.slice(open[0].length, xml.length - 4);
  inner = inner.replace(/<f(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/f>)/, "");
  return `<c${attrs}>${inner}</c>`;
}

/** A cell holding a value we write: text always as an inline string (never a formula), numbers as numbers. */
export function valueCell(row: number, col: number, v: string | number | null, s: number): string {
  const r = `${columnName(col)}${row}`;
  const sa = s ? ` s="${s}"` : "";
  if (v === null) return `<c r="${r}"${sa}/>`;
  if (typeof v === "number") return Number.isFinite(v) ? `<c r="${r}"${sa}><v>${v}</v></c>` : `<c r="${r}"${sa} t="e"><v>#NUM!</v></c>`;
  const space = /^\s|\s$|\n/.test(v) ? ' xml:space="preserve"' : "";
  return `<c r="${r}"${sa} t="inlineStr"><is><t${space}>${escapeText(v)}</t></is></c>`;
}

export class SheetXml {
  private head: string;
  private tail: string;
  private rows: Row[] = [];
  private byNumber = new Map<number, Row>();
  private sorted = true;
  changed = false;
  /** Columns to give a width (1-based col → characters), written into `<cols>` on serialising. */
  private widths = new Map<number, number>();

  constructor(xml: string) {
    const open = /<sheetData(?=[\s/>])[^>]*?(\/?)>/.exec(xml);
    if (!open) {
      // A worksheet without sheetData is not valid, but be kind: treat it as empty.
      const at = xml.lastIndexOf("</worksheet>");
      this.head = `${xml.slice(0, at)}<sheetData>`;
      this.tail = `</sheetData>${xml.slice(at)}`;
      return;
    }
    if (open[1] === "/") {
      this.head = `${xml.slice(0, open.index)}<sheetData>`;
      this.tail = `</sheetData>${xml.slice(open.index + open[0].length)}`;
      return;
    }
    const bodyStart = open.index + open[0].length;
    const bodyEnd = xml.indexOf("</sheetData>", bodyStart);
    this.head = xml.slice(0, bodyStart);
    this.tail = xml.slice(bodyEnd);
    const body = xml.slice(bodyStart, bodyEnd);
    const re = /<row(?=[\s/>])([^>]*?)(\/?)>/g;
    let m: RegExpExecArray | null;
    let last = 0;
    while ((m = re.exec(body))) {
      let end: number;
      if (m[2] === "/") end = re.lastIndex;
      else {
        const close = body.indexOf("</row>", re.lastIndex);
        end = close < 0 ? body.length : close + 6;
        re.lastIndex = end;
      }
      const rAttr = attr(m[1]!, "r");
      const r = rAttr ? Number(rAttr) : last + 1;
      if (r <= last) this.sorted = false;
      last = r;
      const row: Row = { r, raw: body.slice(m.index, end), attrs: m[1]!, dirty: false };
      this.rows.push(row);
      this.byNumber.set(r, row);
    }
  }

  /** Rows present, in file order. */
  rowNumbers(): number[] {
    return this.rows.map((r) => r.r);
  }

  lastRow(): number {
    let n = 0;
    for (const r of this.rows) if (r.r > n && this.cellsOf(r).length) n = r.r;
    return n;
  }

  private cellsOf(row: Row): RawCell[] {
    if (!row.cells) {
      const raw = row.raw!;
      const gt = raw.indexOf(">");
      row.cells = raw[gt - 1] === "/" ? [] : parseCells(raw.slice(gt + 1, raw.length - 6), row.r);
    }
    return row.cells;
  }

  /** Every row with its cells, for reading. */
  *eachRow(): Generator<{ r: number; cells: RawCell[] }> {
    for (const row of this.rows) yield { r: row.r, cells: this.cellsOf(row) };
  }

  cell(r: number, c: number): string | undefined {
    const row = this.byNumber.get(r);
    if (!row) return undefined;
    return this.cellsOf(row).find((x) => x.col === c)?.xml;
  }

  /** Cells of column `c` in rows from…to that exist, as row → xml. */
  column(c: number, from: number, to: number): Map<number, string> {
    const out = new Map<number, string>();
    for (const row of this.rows) {
      if (row.r < from || row.r > to) continue;
      const x = this.cellsOf(row).find((cell) => cell.col === c);
      if (x) out.set(row.r, x.xml);
    }
    return out;
  }

  /** Puts a cell (its full `<c>` text) at r, c, or removes it (null). */
  setCell(r: number, c: number, xml: string | null): void {
    let row = this.byNumber.get(r);
    if (!row) {
      if (xml === null) return;
      row = { r, attrs: ` r="${r}"`, cells: [], dirty: true };
      if (this.rows.length && this.rows[this.rows.length - 1]!.r > r) this.sorted = false;
      this.rows.push(row);
      this.byNumber.set(r, row);
    }
    const cells = this.cellsOf(row);
    const i = cells.findIndex((x) => x.col === c);
    if (xml === null) {
      if (i < 0) return;
      cells.splice(i, 1);
    } else if (i >= 0) cells[i] = { col: c, xml };
    else if (!cells.length || cells[cells.length - 1]!.col < c) cells.push({ col: c, xml });
    else {
      cells.push({ col: c, xml });
      cells.sort((a, b) => a.col - b.col);
    }
    row.dirty = true;
    this.changed = true;
  }

  /** Style index of a cell (0 when absent). */
  styleOf(r: number, c: number): number {
    const x = this.cell(r, c);
    return x ? cellParts(x).s : 0;
  }

  setWidth(col: number, width: number): void {
    this.widths.set(col, width);
    this.changed = true;
  }

  /** Whether any `<col>` entry covers this column. */
  private colsCover(head: string, col: number): boolean {
    const re = /<col(?=[\s/>])([^>]*?)\/?>/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(head))) {
      const min = Number(attr(m[1]!, "min"));
      const max = Number(attr(m[1]!, "max"));
      if (col >= min && col <= max) return true;
    }
    return false;
  }

  private headWithCols(): string {
    let head = this.head;
    const add = [...this.widths].filter(([c]) => !this.colsCover(head, c)).sort((a, b) => a[0] - b[0]);
    if (add.length) {
      const text = add.map(([c, w]) => `<col min="${c}" max="${c}" width="${w}" customWidth="1"/>`).join("");
      const cols = /<cols(?=[\s/>])[^>]*?(\/?)>/.exec(head);
      if (cols && cols[1] !== "/") {
        // Insert in order of min among existing entries.
        const close = head.indexOf("</cols>", cols.index);
        const body = head.slice(cols.index + cols[0].length, close);
        const entries = body.match(/<col(?=[\s/>])[^>]*?\/>|<col(?=[\s/>])[^>]*?>[\s\S]*?<\/col>/g) ?? [];
        const all = [...entries, ...add.map(([c, w]) => `<col min="${c}" max="${c}" width="${w}" customWidth="1"/>`)];
        all.sort((a, b) => Number(/min="(\d+)"/.exec(a)?.[1] ?? 0) - Number(/min="(\d+)"/.exec(b)?.[1] ?? 0));
        head = head.slice(0, cols.index + cols[0].length) + all.join("") + head.slice(close);
      } else if (cols) {
        head = head.slice(0, cols.index) + `<cols>${text}</cols>` + head.slice(cols.index + cols[0].length);
      } else {
        const at = head.lastIndexOf("<sheetData");
        head = `${head.slice(0, at)}<cols>${text}</cols>${head.slice(at)}`;
      }
    }
    return head;
  }

  /** Extends `<dimension>` to cover the cells now present (only when it no longer does). */
  private withDimension(head: string, maxRow: number, maxCol: number): string {
    const m = /<dimension(?=[\s/>])([^>]*?)\/>/.exec(head);
    if (!m) return head;
    const ref = attr(m[1]!, "ref") ?? "A1";
    const [a, b] = ref.split(":");
    const from = colOf(a ?? "A1") ?? { row: 1, col: 1 };
    const to = colOf(b ?? a ?? "A1") ?? from;
    if (to.row >= maxRow && to.col >= maxCol) return head;
    const next = `${columnName(from.col)}${from.row}:${columnName(Math.max(to.col, maxCol))}${Math.max(to.row, maxRow)}`;
    return head.replace(m[0], `<dimension${setAttr(m[1]!, "ref", next)}/>`);
  }

  toString(): string {
    return this.pieces().join("");
  }

  /** UTF-8 bytes, encoded piece by piece (a large sheet never exists as one JavaScript string). */
  toBytes(): Uint8Array {
    const enc = new TextEncoder();
    let buf = new Uint8Array(1 << 20);
    let n = 0;
    for (const piece of this.pieces()) {
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (n + piece.length * 3 > buf.length) {
        const next = new Uint8Array(Math.max(buf.length * 2, n + piece.length * 3));
        next.set(buf.subarray(0, n));
        buf = next;
      }
      n += enc.encodeInto(piece, buf.subarray(n)).written;
    }
    return buf.subarray(0, n);
  }

  private pieces(): string[] {
    if (!this.sorted) {
      this.rows.sort((a, b) => a.r - b.r);
      this.sorted = true;
    }
    const parts: string[] = [];
    let maxRow = 0;
    let maxCol = 0;
    for (const row of this.rows) {
      if (!row.dirty) {
        parts.push(row.raw!);
        continue;
      }
      const cells = row.cells ?? [];
      if (cells.length) {
        maxRow = Math.max(maxRow, row.r);
        maxCol = Math.max(maxCol, cells[cells.length - 1]!.col);
      }
      let attrs = row.attrs.indexOf("spans") >= 0 ? removeAttr(row.attrs, "spans") : row.attrs;
      if (attr(attrs, "r") === undefined) attrs = ` r="${row.r}"${attrs}`;
      let body = "";
      for (const x of cells) {
        const r = x.xml.indexOf(' r="');
        body += r > 0 && r < x.xml.indexOf(">") ? x.xml : `<c r="${columnName(x.col)}${row.r}"${x.xml.slice(2)}`;
      }
      parts.push(body || /\scustomFormat=|\sht=|\shidden=/.test(attrs) ? `<row${attrs}>${body}</row>` : "");
    }
    const head = this.withDimension(this.headWithCols(), maxRow, maxCol);
    return [head, ...parts, this.tail];
  }

  /** Merged areas (`<mergeCell ref>`). */
  merges(): string[] {
    const out: string[] = [];
    const re = /<mergeCell(?=[\s/>])([^>]*?)\/?>/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(this.tail))) {
      const ref = attr(m[1]!, "ref");
      if (ref) out.push(ref);
    }
    return out;
  }
}

export { decodeText, stringItemText };
