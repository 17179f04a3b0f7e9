/**
 * A result as the JSON file of --json, in pieces: the same bytes as `JSON.stringify(value, null, 2) + "\n"`,
 * made and written a piece at a time. A 50,000-row result is about 90 MB of JSON: as one string (two bytes a
 * character for Chinese text), then its encoding, it was what set the peak memory of `score --json`.
 */

/** Text gathered into a piece before it is encoded and handed on. */
const PIECE = 1 << 16;

/** The plain containers are walked; anything else (a result row with toJSON, a Date, a string) is one stringify. */
function walked(v: unknown): v is object {
  if (Array.isArray(v)) return true;
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== "function";
}

/** What JSON.stringify(v, null, 2) gives at `indent`, in order (undefined: a value JSON leaves out). */
function* pieces(v: unknown, indent: string): Generator<string | undefined> {
  if (!walked(v)) {
    const s = JSON.stringify(v, null, 2);
    // A string holds no raw line break (JSON escapes it): every line break is the layout's, indented one level deeper.
    yield s === undefined ? undefined : indent ? s.replace(/\n/g, `\n${indent}`) : s;
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) {
      yield "[]";
      return;
    }
    yield "[";
    for (let i = 0; i < v.length; i++) {
      yield `${i ? "," : ""}\n${inner}`;
      // An item JSON leaves out is null in an array.
      let any = false;
      for (const p of pieces(v[i], inner)) {
        if (p === undefined) break;
        any = true;
        yield p;
      }
      if (!any) yield "null";
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(v)) {
    const value = (v as Record<string, unknown>)[key];
    const it = pieces(value, inner);
    const head = it.next();
    // A key whose value JSON leaves out (undefined, a function) is not written.
    if (head.done || head.value === undefined) continue;
    yield `${first ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield head.value;
    for (const p of it) yield p;
  }
  yield first ? "{}" : `\n${indent}}`;
}

/** The JSON file's bytes, a piece (about 64 K characters) at a time. */
export function* jsonBytes(value: unknown): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  let text = "";
  for (const p of pieces(value, "")) {
    if (p === undefined) continue;
    text += p;
    if (text.length >= PIECE) {
      yield encoder.encode(text);
      text = "";
    }
  }
  yield encoder.encode(`${text}\n`);
}
