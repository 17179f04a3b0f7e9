/**
 * styles.xml: read each cell format's number format, and append the formats we need (status fills, wrapped
 * text, number formats, report styles) without changing any existing xf, font, fill, border or the default font.
 */
import { attr, elements, escapeAttr, setAttr } from "./xml";

/** Built-in number formats (ECMA-376 18.8.30), including the Chinese (zh-CN) date and time ids 27–36 and 50–58. */
const BUILTIN: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "yyyy/m/d",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: "yyyy/m/d h:mm",
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

/** Whether a format code shows a date or time (the cell's number is a date serial). */
export function isDateCode(code: string): boolean {
  if (!code || code === "General" || code === "@") return false;
  const f = code.replace(/"[^"]*"|\\.|_.|\*.|\[(?!h\]|hh\]|m\]|mm\]|s\]|ss\])[^\]]*\]/gi, "");
  return /[ymdhs]|年|月|日|时|秒/i.test(f.replace(/E[+-]/gi, ""));
}

export type CellStyleWant = {
  numFmt?: string;
  /** "#RRGGBB", or "none" for no fill. */
  fill?: string;
  wrap?: boolean;
  top?: boolean;
  bold?: boolean;
  size?: number;
  center?: boolean;
  border?: boolean;
};

export class Styles {
  /** numFmtId of each cellXfs entry. */
  private xfFmt: number[] = [];
  private codes = new Map<number, string>();
  private added = new Map<string, number>();
  changed = false;

  constructor(private xml: string) {
    for (const n of elements(this.section("numFmts") ?? "", "numFmt")) {
      const id = Number(attr(n.attrs, "numFmtId"));
      const code = attr(n.attrs, "formatCode");
      if (Number.isFinite(id) && code !== undefined) this.codes.set(id, code);
    }
    for (const x of elements(this.section("cellXfs") ?? "", "xf")) this.xfFmt.push(Number(attr(x.attrs, "numFmtId") ?? 0) || 0);
  }

  /** A minimal styles part for a new workbook: 等线 11 as the default font, as Excel in Chinese makes it. */
  static empty(): Styles {
    return new Styles(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
        '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>' +
        '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>',
    );
  }

  toString(): string {
    return this.xml;
  }

  private section(name: string): string | null {
    const m = new RegExp(`<${name}(?=[\\s/>])[^>]*?(?:/>|>([\\s\\S]*?)</${name}>)`).exec(this.xml);
    return m ? (m[1] ?? "") : null;
  }

  /** The number format code of a cell format index ("" for General). */
  formatOf(s: number): string {
    const id = this.xfFmt[s] ?? 0;
    if (id === 0) return "";
    return this.codes.get(id) ?? BUILTIN[id] ?? "";
  }

  /** The solid fill colour ("#RRGGBB") a cell format shows, or null. */
  fillOf(s: number): string | null {
    const xf = elements(this.section("cellXfs") ?? "", "xf")[s];
    const fillId = Number(attr(xf?.attrs ?? "", "fillId") ?? 0);
    const fill = elements(this.section("fills") ?? "", "fill")[fillId];
    const p = fill?.inner ? /<patternFill([^>]*)>([\s\S]*?)<\/patternFill>/.exec(fill.inner) : null;
    if (!p || attr(p[1]!, "patternType") !== "solid") return null;
    const rgb = /<fgColor[^>]*\srgb="([0-9A-Fa-f]{6,8})"/.exec(p[2]!)?.[1];
    return rgb ? `#${rgb.slice(-6).toUpperCase()}` : null;
  }

  isDate(s: number): boolean {
    const id = this.xfFmt[s] ?? 0;
    if ((id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)) return true;
    const code = this.codes.get(id);
    return code !== undefined && isDateCode(code);
  }

  /** Appends `item` to the collection element `name` (creating it before `before` when missing); returns its index. */
  private append(name: string, item: string, itemName: string, before: string[]): number {
    this.changed = true;
    const open = new RegExp(`<${name}(?=[\\s/>])([^>]*?)(/?)>`).exec(this.xml);
    if (!open) {
      const at = before.map((b) => this.xml.search(new RegExp(`<${b}(?=[\\s/>])`))).find((i) => i >= 0) ?? this.xml.lastIndexOf("</styleSheet>");
      this.xml = `${this.xml.slice(0, at)}<${name} count="1">${item}</${name}>${this.xml.slice(at)}`;
      return 0;
    }
    let body: string;
    let start: number;
    let end: number;
    if (open[2] === "/") {
      body = "";
      start = open.index;
      end = open.index + open[0].length;
    } else {
      const close = this.xml.indexOf(`</${name}>`, open.index);
      body = this.xml.slice(open.index + open[0].length, close);
      start = open.index;
      end = close + name.length + 3;
    }
    const index = elements(body, itemName).length;
    const attrs = setAttr(open[1]!, "count", String(index + 1));
    this.xml = `${this.xml.slice(0, start)}<${name}${attrs}>${body}${item}</${name}>${this.xml.slice(end)}`;
    return index;
  }

  private fmtId(code: string): number {
    for (const [id, c] of this.codes) if (c === code) return id;
    for (const [id, c] of Object.entries(BUILTIN)) if (c === code && Number(id) < 14) return Number(id);
    const id = Math.max(163, ...this.codes.keys()) + 1;
    this.append("numFmts", `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`, "numFmt", ["fonts"]);
    this.codes.set(id, code);
    return id;
  }

  private fillId(rgb: string): number {
    const key = `fill:${rgb}`;
    const known = this.added.get(key);
    if (known !== undefined) return known;
    const argb = `FF${rgb.replace("#", "").toUpperCase()}`;
    const id = this.append("fills", `<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`, "fill", ["borders", "cellStyleXfs", "cellXfs"]);
    this.added.set(key, id);
    return id;
  }

  private fontId(baseFont: number, bold: boolean, size: number | undefined): number {
    const key = `font:${baseFont}:${bold}:${size ?? ""}`;
    const known = this.added.get(key);
    if (known !== undefined) return known;
    const fonts = elements(this.section("fonts") ?? "", "font");
    const base = fonts[baseFont] ?? fonts[0];
    let inner = base?.inner ?? '<sz val="11"/><name val="等线"/>';
    // Children in schema order: b, i, strike, …, sz, color, name, family, charset, scheme.
    if (bold && !/<b(?:\s|\/|>)/.test(inner)) inner = `<b/>${inner}`;
    if (size) inner = /<sz\b/.test(inner) ? inner.replace(/<sz\b[^>]*\/>/, `<sz val="${size}"/>`) : `${inner.replace(/(<(?:color|name|family|charset|scheme)\b)/, `<sz val="${size}"/>$1`)}`;
    const id = this.append("fonts", `<font>${inner}</font>`, "font", ["fills"]);
    this.added.set(key, id);
    return id;
  }

  private borderId(): number {
    const known = this.added.get("border");
    if (known !== undefined) return known;
    const side = (n: string) => `<${n} style="thin"><color rgb="FFBFBFBF"/></${n}>`;
    const id = this.append("borders", `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border>`, "border", ["cellStyleXfs", "cellXfs"]);
    this.added.set("border", id);
    return id;
  }

  /** A cell format: `base` (a cell's current format) with `want` applied; appended once per combination. */
  derive(base: number, want: CellStyleWant): number {
    const key = `xf:${base}:${JSON.stringify(want)}`;
    const known = this.added.get(key);
    if (known !== undefined) return known;
    const xfs = elements(this.section("cellXfs") ?? "", "xf");
    const src = xfs[base] ?? xfs[0];
    let attrs = src?.attrs ?? ' numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"';
    let inner = src?.inner ?? "";
    if (want.numFmt !== undefined) {
      attrs = setAttr(attrs, "numFmtId", String(this.fmtId(want.numFmt)));
      attrs = setAttr(attrs, "applyNumberFormat", "1");
    }
    if (want.fill !== undefined) {
      attrs = setAttr(attrs, "fillId", String(want.fill === "none" ? 0 : this.fillId(want.fill)));
      attrs = setAttr(attrs, "applyFill", "1");
    }
    if (want.bold || want.size) {
      attrs = setAttr(attrs, "fontId", String(this.fontId(Number(attr(attrs, "fontId") ?? 0), !!want.bold, want.size)));
      attrs = setAttr(attrs, "applyFont", "1");
    }
    if (want.border) {
      attrs = setAttr(attrs, "borderId", String(this.borderId()));
      attrs = setAttr(attrs, "applyBorder", "1");
    }
    if (want.wrap || want.top || want.center) {
      const al = /<alignment\b([^>]*?)\/>/.exec(inner);
      let a = al ? al[1]! : "";
      if (want.center) a = setAttr(a, "horizontal", "center");
      if (want.top) a = setAttr(a, "vertical", "top");
      if (want.wrap) a = setAttr(a, "wrapText", "1");
      inner = al ? inner.replace(al[0], `<alignment${a}/>`) : `<alignment${a}/>${inner}`;
      attrs = setAttr(attrs, "applyAlignment", "1");
    }
    const id = this.append("cellXfs", inner ? `<xf${attrs}>${inner}</xf>` : `<xf${attrs}/>`, "xf", ["cellStyles", "dxfs"]);
    this.xfFmt[id] = Number(attr(attrs, "numFmtId") ?? 0) || 0;
    this.added.set(key, id);
    return id;
  }
}
