/**
 * A worksheet part as text: rows found by a scanner over `<sheetData>`, cells parsed only in rows we read or
 * change. Serialising keeps every untouched row, and everything outside `<sheetData>` except `<cols>` and
 * `<dimension>` when we must widen them, as the original characters.
 */
import { columnName } from "../../sheets/a1";
import { concatBytes } from "./zip";
import { attr, decodeText, escapeText, removeAttr, setAttr, stringItemText } from "./xml";

export type RawCell = { col: number; xml: string };

type Row = {
  r: number;
  /** Original text of the whole row element (undefined for a row we created). */
  raw?: string;
  /** The row's attribute text (without `r` when it had none). */
  attrs: string;
  /**
   * All cells as objects: only for rows we created, and for original rows whose cells are not in strictly
   * increasing column order (kept as before so that odd files serialise as they always did).
   */
  cells?: RawCell[];
  /** Where the original cells are in `raw`: (col, start, end) triples, parsed once a cell is looked up. */
  index?: Int32Array;
  /** Cells changed in an original row (in column order); `xml: null` removes the cell. */
  patch?: Patch[];
  /**
   * The original cells' largest column (0: none) and whether their columns strictly increase: found by one
   * scan and kept instead of the index, which a lookup right of the last cell (a new column) never needs.
   */
  last?: number;
  inOrder?: boolean;
  dirty: boolean;
};

/** A changed cell: its text (null: removed), or a value we write, made into text only when serialised. */
type Patch = { col: number; xml: string | null } | { col: number; v: string | number | null; s: number };

function patchXml(p: Patch, row: number): string | null {
  return "v" in p ? valueCell(row, p.col, p.v, p.s) : p.xml;
}

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

/**
 * Calls `fn(col, start, end)` for each cell of a row's inner text (`inner` from `from` to `to`); cells without
 * `r` follow the previous one. Nothing is allocated per cell but the attribute text.
 */
export function scanCells(inner: string, rowNumber: number, fn: (col: number, start: number, end: number) => void, from = 0, to = inner.length): void {
  // By hand, as /<c(?=[\s/>])([^>]*?)(\/?)>/g would match: this runs for every cell of every row.
  let i = from;
  let col = 0;
  for (;;) {
    i = inner.indexOf("<c", i);
    if (i < 0 || i >= to) return;
    const next = inner.charCodeAt(i + 2);
    // '>' 62, '/' 47, ' ' 32, tab/newline 9/10/13; other white space (rare) as the expression would see it.
    if (next !== 32 && next !== 62 && next !== 47 && next !== 9 && next !== 10 && next !== 13 && !/\s/.test(inner.charAt(i + 2))) {
      i += 2;
      continue;
    }
    const gt = inner.indexOf(">", i + 2);
    if (gt < 0) return;
    const selfClosing = inner.charCodeAt(gt - 1) === 47 && gt - 1 >= i + 2;
    let end: number;
    if (selfClosing) end = gt + 1;
    else {
      const close = inner.indexOf("</c>", gt + 1);
      end = close < 0 || close >= to ? to : close + 4;
    }
    const at = cellRef(inner, i + 2, selfClosing ? gt - 1 : gt);
    col = at && (at.row === rowNumber || !at.row) ? at.col : col + 1;
    fn(col, i, end);
    i = end;
  }
}

/** The `r` of a cell whose attribute text is inner[from, to): parsed in place when it is plain ("AB12"). */
function cellRef(inner: string, from: number, to: number): { row: number; col: number } | null {
  const ri = inner.indexOf(' r="', from);
  if (ri >= 0 && ri + 4 <= to) {
    let j = ri + 4;
    let col = 0;
    let ch = inner.charCodeAt(j);
    while (ch >= 65 && ch <= 90 && j - ri - 4 < 3) {
      col = col * 26 + (ch - 64);
      ch = inner.charCodeAt(++j);
    }
    if (col > 0 && ch >= 48 && ch <= 57) {
      let row = 0;
      while (ch >= 48 && ch <= 57) {
        row = row * 10 + (ch - 48);
        ch = inner.charCodeAt(++j);
      }
      if (ch === 34 && j < to) return { row, col };
    }
  }
  const ref = attr(inner.slice(from, to), "r");
  return ref ? colOf(ref) : null;
}

/** Parses the cells of a row's inner text; cells without `r` follow the previous one. */
export function parseCells(inner: string, rowNumber: number): RawCell[] {
  const out: RawCell[] = [];
  scanCells(inner, rowNumber, (col, start, end) => out.push({ col, xml: inner.slice(start, end) }));
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

/** Text pieces as UTF-8 bytes in chunks of about `size` bytes, each piece encoded as it comes (none kept). */
export function* utf8Chunks(pieces: Iterable<string>, size = 1 << 20): Generator<Uint8Array> {
  const enc = new TextEncoder();
  let buf = new Uint8Array(size);
  let n = 0;
  for (const piece of pieces) {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (n + piece.length * 3 > buf.length) {
      if (n) yield buf.subarray(0, n);
      buf = new Uint8Array(Math.max(size, piece.length * 3));
      n = 0;
    }
    n += enc.encodeInto(piece, buf.subarray(n)).written;
  }
  if (n) yield buf.subarray(0, n);
}

/** A sheet part that is not a whole document: cut short, or its rows / sheetData not closed. */
export class SheetXmlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SheetXmlError";
  }
}

/** The document's last tag closes its root (a worksheet, any prefix): a part cut short does not. */
const ROOT_CLOSED = /<\/(?:[\w.-]+:)?worksheet\s*>\s*$/;

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
    // Cut short (a damaged zip entry, a copy that stopped): refused, not read as the rows before the cut.
    if (bodyEnd < 0) throw new SheetXmlError("缺少 </sheetData>");
    if (!ROOT_CLOSED.test(xml)) throw new SheetXmlError("缺少结尾的 </worksheet>");
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
        if (close < 0) throw new SheetXmlError(`第 ${attr(m[1]!, "r") ?? last + 1} 行没有结束标记 </row>`);
        end = close + 6;
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
    for (const row of this.rows) if (row.r > n && this.hasCells(row)) n = row.r;
    return n;
  }

  private hasCells(row: Row): boolean {
    if (row.cells) return row.cells.length > 0;
    if (row.patch?.some((p) => "v" in p || p.xml !== null)) return true;
    if (!row.patch) return this.summary(row).last > 0;
    const index = this.triples(row);
    for (let i = 0; i < index.length; i += 3) if (!row.patch.some((p) => p.col === index[i])) return true;
    return false;
  }

  /** The original cells as (col, start, end) triples into `raw`: the kept index, or a scan made for the caller. */
  private triples(row: Row): ArrayLike<number> {
    if (row.index) return row.index;
    const raw = row.raw!;
    const gt = raw.indexOf(">");
    const found: number[] = [];
    if (raw.charCodeAt(gt - 1) !== 47) scanCells(raw, row.r, (col, start, end) => found.push(col, start, end), gt + 1, raw.length - 6);
    return found;
  }

  /** Where the original cells of a row are (see {@link Row.index}), kept once made. */
  private indexOf(row: Row): Int32Array {
    row.index ??= Int32Array.from(this.triples(row));
    return row.index;
  }

  private summary(row: Row): { last: number; inOrder: boolean } {
    if (row.last === undefined || row.inOrder === undefined) {
      let last = 0;
      let inOrder = true;
      if (row.index) {
        for (let i = 0; i < row.index.length; i += 3) {
          const col = row.index[i]!;
          if (i && col <= row.index[i - 3]!) inOrder = false;
          if (col > last) last = col;
        }
      } else {
        const raw = row.raw!;
        const gt = raw.indexOf(">");
        let prev = 0;
        if (raw.charCodeAt(gt - 1) !== 47) {
          scanCells(
            raw,
            row.r,
            (col) => {
              if (prev && col <= prev) inOrder = false;
              prev = col;
              if (col > last) last = col;
            },
            gt + 1,
            raw.length - 6,
          );
        }
      }
      row.last = last;
      row.inOrder = inOrder;
    }
    return { last: row.last, inOrder: row.inOrder };
  }

  /** Whether the original cells are in strictly increasing column order (what Excel always writes). */
  private ordered(row: Row): boolean {
    return this.summary(row).inOrder;
  }

  /** The row's cells now (original ones merged with changes), as new objects: nothing is kept. */
  private cellsOf(row: Row): RawCell[] {
    if (row.cells) return row.cells;
    const raw = row.raw!;
    const out: RawCell[] = [];
    const patch = row.patch ?? [];
    let p = 0;
    const take = (upTo: number) => {
      for (; p < patch.length && patch[p]!.col <= upTo; p++) {
        const xml = patchXml(patch[p]!, row.r);
        if (xml !== null) out.push({ col: patch[p]!.col, xml });
      }
    };
    if (row.index || row.patch) {
      const index = this.triples(row);
      for (let i = 0; i < index.length; i += 3) {
        const col = index[i]!;
        take(col - 1);
        if (p < patch.length && patch[p]!.col === col) take(col);
        else out.push({ col, xml: raw.slice(index[i + 1], index[i + 2]) });
      }
      take(Infinity);
      return out;
    }
    // A plain read: parse without building the index (reading every row must not keep anything per cell).
    const gt = raw.indexOf(">");
    if (raw.charCodeAt(gt - 1) !== 47) scanCells(raw, row.r, (col, start, end) => out.push({ col, xml: raw.slice(start, end) }), gt + 1, raw.length - 6);
    return out;
  }

  /** Every row with its cells, for reading (the cells are built for the caller and not kept). */
  *eachRow(): Generator<{ r: number; cells: RawCell[] }> {
    for (const row of this.rows) yield { r: row.r, cells: this.cellsOf(row) };
  }

  private cellIn(row: Row, c: number): string | undefined {
    if (row.cells) return row.cells.find((x) => x.col === c)?.xml;
    if (row.patch) {
      const p = row.patch.find((x) => x.col === c);
      if (p) return patchXml(p, row.r) ?? undefined;
    }
    // Past the last cell (a new column): nothing to look for.
    const { last, inOrder } = this.summary(row);
    if (inOrder && c > last) return undefined;
    const index = this.indexOf(row);
    for (let i = 0; i < index.length; i += 3) if (index[i] === c) return row.raw!.slice(index[i + 1], index[i + 2]);
    return undefined;
  }

  cell(r: number, c: number): string | undefined {
    const row = this.byNumber.get(r);
    return row ? this.cellIn(row, c) : undefined;
  }

  /** Cells of column `c` in rows from…to that exist, as row → xml. */
  column(c: number, from: number, to: number): Map<number, string> {
    const out = new Map<number, string>();
    for (const row of this.rows) {
      if (row.r < from || row.r > to) continue;
      const x = this.cellIn(row, c);
      if (x !== undefined) out.set(row.r, x);
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
    if (!row.cells && !this.ordered(row)) {
      // Odd order: all cells as objects, changed as they always were.
      row.cells = this.cellsOf(row);
      row.patch = undefined;
    }
    if (row.cells) {
      const cells = row.cells;
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
    } else {
      if (xml === null && this.cellIn(row, c) === undefined) return;
      this.patch(row, { col: c, xml });
    }
    row.dirty = true;
    this.changed = true;
  }

  /** Puts a value we write at r, c: the same cell as `setCell(r, c, valueCell(r, c, v, s))`, its text made when saved. */
  setValue(r: number, c: number, v: string | number | null, s: number): void {
    const row = this.byNumber.get(r);
    if (!row || row.cells || !this.ordered(row)) {
      this.setCell(r, c, valueCell(r, c, v, s));
      return;
    }
    this.patch(row, { col: c, v, s });
    row.dirty = true;
    this.changed = true;
  }

  private patch(row: Row, p: Patch): void {
    const patch = (row.patch ??= []);
    const c = p.col;
    let i = patch.length;
    while (i > 0 && patch[i - 1]!.col > c) i--;
    if (i > 0 && patch[i - 1]!.col === c) patch[i - 1] = p;
    else patch.splice(i, 0, p);
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
    return [...this.pieces()].join("");
  }

  /**
   * UTF-8 bytes in chunks of about 1 MB, encoded piece by piece: a large sheet never exists as one JavaScript
   * string nor as one byte array (the zip deflates chunk by chunk).
   */
  chunks(size = 1 << 20): Generator<Uint8Array> {
    return utf8Chunks(this.pieces(), size);
  }

  /** UTF-8 bytes of the whole part. */
  toBytes(): Uint8Array {
    return concatBytes([...this.chunks()]);
  }

  /** The last column of a changed row's cells as they are now (0 when none): what `<dimension>` must cover. */
  private lastColOf(row: Row): number {
    if (row.cells) return row.cells.length ? row.cells[row.cells.length - 1]!.col : 0;
    const patch = row.patch ?? [];
    let last = 0;
    for (let i = patch.length - 1; i >= 0; i--) {
      const p = patch[i]!;
      if ("v" in p || p.xml !== null) {
        last = p.col;
        break;
      }
    }
    // Nothing removed: the larger of the last original cell and the last changed one.
    if (!patch.some((p) => !("v" in p) && p.xml === null)) return Math.max(last, this.summary(row).last);
    const index = this.triples(row);
    for (let i = index.length - 3; i >= 0 && index[i]! > last; i -= 3) {
      if (!patch.some((x) => x.col === index[i])) return index[i]!;
    }
    return last;
  }

  /** The part's text in pieces, made one at a time (a changed row's text exists only until it is encoded). */
  private *pieces(): Generator<string> {
    if (!this.sorted) {
      this.rows.sort((a, b) => a.r - b.r);
      this.sorted = true;
    }
    let maxRow = 0;
    let maxCol = 0;
    for (const row of this.rows) {
      if (!row.dirty) continue;
      const last = this.lastColOf(row);
      if (last) {
        maxRow = Math.max(maxRow, row.r);
        maxCol = Math.max(maxCol, last);
      }
    }
    yield this.withDimension(this.headWithCols(), maxRow, maxCol);
    for (const row of this.rows) {
      if (!row.dirty) {
        yield row.raw!;
        continue;
      }
      const cells = this.cellsOf(row);
      let attrs = row.attrs.indexOf("spans") >= 0 ? removeAttr(row.attrs, "spans") : row.attrs;
      if (attr(attrs, "r") === undefined) attrs = ` r="${row.r}"${attrs}`;
      let body = "";
      for (const x of cells) {
        const r = x.xml.indexOf(' r="');
        body += r > 0 && r < x.xml.indexOf(">") ? x.xml : `<c r="${columnName(x.col)}${row.r}"${x.xml.slice(2)}`;
      }
      yield body || /\scustomFormat=|\sht=|\shidden=/.test(attrs) ? `<row${attrs}>${body}</row>` : "";
    }
    yield this.tail;
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
