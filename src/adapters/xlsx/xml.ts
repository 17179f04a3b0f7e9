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

/** The root element's start tag: where it is, its qualified name and its attribute text (null when there is none). */
export function rootTag(xml: string): { start: number; end: number; name: string; attrs: string } | null {
  let i = 0;
  for (;;) {
    i = xml.indexOf("<", i);
    if (i < 0) return null;
    const next = xml.charAt(i + 1);
    if (next === "?") i = xml.indexOf("?>", i);
    else if (xml.startsWith("<!--", i)) i = xml.indexOf("-->", i);
    else if (next === "!") i = xml.indexOf(">", i);
    else break;
    if (i < 0) return null;
    i++;
  }
  const re = /<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>/y;
  re.lastIndex = i;
  const m = re.exec(xml);
  return m ? { start: i, end: re.lastIndex, name: m[1]!, attrs: m[2]! } : null;
}

/** The namespaces an element's attribute text declares: prefix ("" for the default namespace) → namespace. */
export function declaredNamespaces(attrs: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of attrs.matchAll(/(?:^|\s)xmlns(?::([A-Za-z_][\w.-]*))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1] ?? "", m[2] ?? m[3] ?? "");
  return out;
}

/**
 * The prefix the root element binds to `ns` ("" when it is the root's default namespace), or null when the root
 * does not declare it. Only the root's declarations are in scope everywhere in the part: a declaration on some
 * other element (openpyxl declares `xmlns:r` on each `<sheet>`) binds the prefix inside that element only.
 */
export function rootPrefixOf(xml: string, ns: string): string | null {
  const root = rootTag(xml);
  if (!root) return null;
  for (const [prefix, uri] of declaredNamespaces(root.attrs)) if (uri === ns) return prefix;
  return null;
}

/**
 * A part whose root element carries a prefix (`<x:worksheet xmlns:x="…/spreadsheetml/2006/main">`, as the
 * OpenXML SDK writes) with that prefix taken off every element and its namespace declared as the root's
 * default: the scanners here look for `<row`, `<c`, `</sheets>`…, and the elements we insert are unprefixed.
 * The same document to a namespace-aware reader (the prefix's declaration stays: attributes or
 * `mc:Ignorable` may name it). Returned as it is when the root has no prefix, or when the change could move
 * an element into another namespace: a default namespace declared anywhere, or the prefix declared twice.
 */
export function unprefixRoot(xml: string): string {
  const root = rootTag(xml);
  if (!root) return xml;
  const colon = root.name.indexOf(":");
  if (colon < 0) return xml;
  const prefix = root.name.slice(0, colon);
  const ns = declaredNamespaces(root.attrs).get(prefix);
  if (!ns) return xml;
  const p = prefix.replace(/[.-]/g, "\\$&");
  if (/\sxmlns\s*=/.test(xml) || (xml.match(new RegExp(`\\sxmlns:${p}\\s*=`, "g")) ?? []).length !== 1) return xml;
  const local = root.name.slice(colon + 1);
  const head = `${xml.slice(0, root.start)}<${local} xmlns="${escapeAttr(ns)}"${xml.slice(root.start + root.name.length + 1, root.end)}`;
  return head + xml.slice(root.end).replace(new RegExp(`<(/?)${p}:(?=[A-Za-z_])`, "g"), "<$1");
}
