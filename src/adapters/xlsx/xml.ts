/**
 * The little XML this adapter needs, by hand: attribute reading, entity decoding and escaping. Parts are
 * scanned as strings with indexOf and small regular expressions — fast on 50 MB sheets, no DOM, and the
 * same code in Node and the browser. Anything we do not understand is carried through as the original text.
 */

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML entities and Excel's `_xHHHH_` escapes decoded. */
export function decodeText(s: string): string {
  let out = s.indexOf("&") < 0 ? s : s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITY[e] ?? m;
  });
  if (out.indexOf("_x") >= 0) out = out.replace(/_x([0-9a-fA-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return out;
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Text for an element's content: escaped, with characters XML cannot hold written as Excel's `_xHHHH_`. */
export function escapeText(s: string): string {
  return s
    .replace(/_x([0-9a-fA-F]{4})_/g, "_x005F_x$1_")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** One attribute's value from an element's attribute text (prefix-insensitive: `r:id` matches "id" with prefix). */
const ATTR_RE = new Map<string, RegExp>();

export function attr(attrs: string, name: string): string | undefined {
  // The common case (name="value", double quotes) without a regular expression.
  const i = attrs.indexOf(` ${name}="`);
  if (i >= 0) {
    const from = i + name.length + 3;
    const v = attrs.slice(from, attrs.indexOf('"', from));
    return v.indexOf("&") < 0 ? v : decodeText(v);
  }
  let re = ATTR_RE.get(name);
  if (!re) {
    re = new RegExp(`(?:^|\\s)${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    ATTR_RE.set(name, re);
  }
  const m = re.exec(attrs);
  if (!m) return undefined;
  return decodeText(m[1] ?? m[2] ?? "");
}

/** Sets (or adds) an attribute in an element's attribute text. */
export function setAttr(attrs: string, name: string, value: string): string {
  const re = new RegExp(`(\\s)${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`);
  const v = `${name}="${escapeAttr(value)}"`;
  return re.test(attrs) ? attrs.replace(re, `$1${v}`) : `${attrs} ${v}`;
}

export function removeAttr(attrs: string, name: string): string {
  return attrs.replace(new RegExp(`\\s${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`), "");
}

/** Every element `<name …/>` or `<name …>…</name>` (no nesting of the same name), with attributes and inner text. */
export function elements(xml: string, name: string): { attrs: string; inner: string | null; start: number; end: number }[] {
  const out: { attrs: string; inner: string | null; start: number; end: number }[] = [];
  const re = new RegExp(`<${name}(?=[\\s/>])([^>]*?)(/?)>`, "g");
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[2] === "/") {
      out.push({ attrs: m[1]!, inner: null, start: m.index, end: re.lastIndex });
      continue;
    }
    const close = xml.indexOf(`</${name}>`, re.lastIndex);
    if (close < 0) break;
    out.push({ attrs: m[1]!, inner: xml.slice(re.lastIndex, close), start: m.index, end: close + name.length + 3 });
    re.lastIndex = close + name.length + 3;
  }
  return out;
}

/** The text of a string item (`<si>` or `<is>`): its `<t>` runs joined, phonetic runs (`<rPh>`) left out. */
export function stringItemText(inner: string): string {
  let s = inner;
  if (s.indexOf("<rPh") >= 0) s = s.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  const re = /<t(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/t>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) if (m[1]) out += m[1];
  return decodeText(out);
}

/** Inserts `text` just before the closing tag of the first `name` element; creates nothing when absent. */
export function insertBeforeClose(xml: string, name: string, text: string): string | null {
  const close = xml.indexOf(`</${name}>`);
  if (close < 0) return null;
  return xml.slice(0, close) + text + xml.slice(close);
}
