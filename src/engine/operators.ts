/**
 * The condition operators: a named table of pure predicates over a record's facts
 * (json-rules-engine style). Each returns how many occurrences it observed and where.
 */
import type { Condition, Threshold } from "../schemes/types";
import type { Fact } from "../sheets/records";

export type Observation = {
  /** Occurrences observed. */
  n: number;
  /** Cells that produced occurrences, with the value shown ("F4：85%"). */
  cells: string[];
  shown: string[];
  /** Some input of the condition was present and filled. */
  checked: boolean;
  /** Cells of present but blank inputs. */
  blanks: string[];
  /** Free texts naming the case (违纪违法 etc.). */
  texts: string[];
};

export type Facts = Readonly<Record<string, Fact>>;

export const none = (): Observation => ({ n: 0, cells: [], shown: [], checked: false, blanks: [], texts: [] });

export function isBelow(v: number, t: Threshold): boolean {
  return v < t.value || (v === t.value && t.equalIsBelow);
}

export function formatValue(v: unknown, unit = ""): string {
  if (typeof v === "boolean") return v ? "是" : "否";
  // A small integer (a count, a whole percent) shows as itself either way.
  if (typeof v === "number" && Number.isInteger(v) && v < 1e9 && v > -1e9) return `${v}${unit}`;
  // A percentage keeps every place the reader kept (1e-9), so 89.999999999% never shows as 90%.
  if (typeof v === "number" && unit === "%") return `${Number(v.toFixed(9))}${unit}`;
  if (typeof v === "number") return `${Number(v.toPrecision(10))}${unit}`;
  return String(v);
}

/** Shared empty lists of the observations that saw nothing to report; frozen, so never grown by mistake. */
const EMPTY = Object.freeze([]) as unknown as string[];
/** No input of the condition present. */
const UNSEEN: Observation = Object.freeze({ n: 0, cells: EMPTY, shown: EMPTY, checked: false, blanks: EMPTY, texts: EMPTY });
/** Checked, nothing observed: the common case, allocated once. */
const CLEAR: Observation = Object.freeze({ n: 0, cells: EMPTY, shown: EMPTY, checked: true, blanks: EMPTY, texts: EMPTY });

function leaf(facts: Facts, field: string, unit: string, hit: (v: NonNullable<Fact["value"]>) => number): Observation {
  const f = facts[field];
  if (!f) return UNSEEN;
  if (f.value === null) return { n: 0, cells: EMPTY, shown: EMPTY, checked: false, blanks: [f.cell], texts: EMPTY };
  const n = hit(f.value);
  if (n === 0) return CLEAR;
  if (!(n > 0)) return { n, cells: EMPTY, shown: EMPTY, checked: true, blanks: EMPTY, texts: EMPTY };
  return {
    n,
    cells: [f.cell],
    shown: [`${f.cell}：${f.text ?? formatValue(f.value, unit)}`],
    checked: true,
    blanks: EMPTY,
    texts: f.text ? [f.text] : EMPTY,
  };
}

type Ctx = { thresholds: Record<string, Threshold>; rateUnit: (field: string) => string };

const num = (v: Fact["value"]) => (typeof v === "number" ? v : NaN);

/** A condition bound to its thresholds and units: facts in, observation out. Observations returned are not to be mutated. */
export type CompiledCondition = (facts: Facts) => Observation;

const hitCount = (v: unknown) => (typeof v === "number" ? v : 0);
const hitYes = (v: unknown) => (v === true ? 1 : 0);
const hitNo = (v: unknown) => (v === false ? 1 : 0);

/** Binds a condition once (per scheme and settings) so that evaluating it per row looks nothing up. */
export function compile(c: Condition, ctx: Ctx): CompiledCondition {
  switch (c.op) {
    case "count": {
      const field = c.field;
      return (facts) => leaf(facts, field, "次", hitCount);
    }
    case "yes": {
      const field = c.field;
      return (facts) => leaf(facts, field, "", hitYes);
    }
    case "no": {
      const field = c.field;
      return (facts) => leaf(facts, field, "", hitNo);
    }
    case "below": {
      const { field } = c;
      const t = ctx.thresholds[c.threshold]!;
      const unit = ctx.rateUnit(field);
      const hit = (v: Fact["value"]) => (isBelow(num(v), t) ? 1 : 0);
      return (facts) => leaf(facts, field, unit, hit);
    }
    case "between": {
      const { field } = c;
      const from = ctx.thresholds[c.from]!;
      const to = ctx.thresholds[c.to]!;
      const unit = ctx.rateUnit(field);
      const hit = (v: Fact["value"]) => (!isBelow(num(v), from) && isBelow(num(v), to) ? 1 : 0);
      return (facts) => leaf(facts, field, unit, hit);
    }
    case "gradeIn": {
      const { field, grades } = c;
      const hit = (v: Fact["value"]) => (typeof v === "string" && grades.includes(v) ? 1 : 0);
      return (facts) => leaf(facts, field, "", hit);
    }
    case "anyOf": {
      const subs = c.of.map((sub) => compile(sub, ctx));
      return (facts) => {
        // Most rows observe nothing: combine only when some part has something to report.
        let plain = true;
        let checked = false;
        const seen = new Array<Observation>(subs.length);
        for (let i = 0; i < subs.length; i++) {
          const o = (seen[i] = subs[i]!(facts));
          if (o !== CLEAR && o !== UNSEEN) plain = false;
          else if (o === CLEAR) checked = true;
        }
        return plain ? (checked ? CLEAR : UNSEEN) : combine(seen);
      };
    }
  }
}

export const operators: {
  [K in Condition["op"]]: (c: Extract<Condition, { op: K }>, facts: Facts, ctx: Ctx) => Observation;
} = {
  count: (c, facts, ctx) => compile(c, ctx)(facts),
  yes: (c, facts, ctx) => compile(c, ctx)(facts),
  no: (c, facts, ctx) => compile(c, ctx)(facts),
  below: (c, facts, ctx) => compile(c, ctx)(facts),
  between: (c, facts, ctx) => compile(c, ctx)(facts),
  gradeIn: (c, facts, ctx) => compile(c, ctx)(facts),
  anyOf: (c, facts, ctx) => compile(c, ctx)(facts),
};

/** Several observations as one: occurrences add up, cells and texts are concatenated. */
export function combine(list: readonly Observation[]): Observation {
  const o = none();
  for (const s of list) {
    o.n += s.n;
    if (s.cells.length) o.cells.push(...s.cells);
    if (s.shown.length) o.shown.push(...s.shown);
    o.checked ||= s.checked;
    if (s.blanks.length) o.blanks.push(...s.blanks);
    if (s.texts.length) o.texts.push(...s.texts);
  }
  return o;
}

export function observe(c: Condition, facts: Facts, ctx: Ctx): Observation {
  return compile(c, ctx)(facts);
}

export function leafFields(c: Condition): string[] {
  return c.op === "anyOf" ? c.of.flatMap(leafFields) : [c.field];
}
