/**
 * A large value sent between the preview's worker and the page in slices. One postMessage of a 20,000-row
 * workbook's grids and scores is tens of megabytes, and the page decodes a message in one task (seconds);
 * sent as a small skeleton plus slices of its long arrays, each message decodes in a short task and the page
 * stays responsive while they arrive. Pure: no worker or DOM here.
 */

/** Where a long array was cut out of the skeleton: its part number and length. */
type Hole = { __part: number; length: number };

export type Split = { skeleton: unknown; parts: number; slices: { part: number; from: number; items: unknown[] }[] };

/** Arrays longer than this are sent in slices of this many items. */
export const SLICE = 1000;

const isHole = (v: unknown): v is Hole => typeof v === "object" && v !== null && "__part" in v && typeof (v as Hole).__part === "number";

/** Plain objects and arrays are walked; anything else (Map, Date, typed arrays, primitives) is sent as it is. */
function isPlain(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Cuts every array longer than `slice` out of `value` (its items are not walked further). */
export function split(value: unknown, slice = SLICE): Split {
  const slices: Split["slices"] = [];
  let parts = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      if (v.length > slice) {
        const part = parts++;
        for (let from = 0; from < v.length; from += slice) slices.push({ part, from, items: v.slice(from, from + slice) });
        return { __part: part, length: v.length } satisfies Hole;
      }
      return v.map(walk);
    }
    if (isPlain(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  const skeleton = walk(value);
  return { skeleton, parts, slices };
}

/** Puts the slices back: the value `split` was given (structurally). */
export function join<T>(skeleton: unknown, slices: readonly { part: number; from: number; items: unknown[] }[]): T {
  const arrays = new Map<number, unknown[]>();
  for (const s of slices) {
    let a = arrays.get(s.part);
    if (!a) arrays.set(s.part, (a = []));
    for (let i = 0; i < s.items.length; i++) a[s.from + i] = s.items[i];
  }
  const walk = (v: unknown): unknown => {
    if (isHole(v)) return arrays.get(v.__part) ?? new Array<unknown>(v.length);
    if (Array.isArray(v)) return v.map(walk);
    if (isPlain(v)) {
      for (const [k, x] of Object.entries(v)) v[k] = walk(x);
      return v;
    }
    return v;
  };
  return walk(skeleton) as T;
}
