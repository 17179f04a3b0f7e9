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
  // A percentage keeps every place the reader kept (1e-9), so 89.999999999% never shows as 90%.
  if (typeof v === "number" && unit === "%") return `${Number(v.toFixed(9))}${unit}`;
  if (typeof v === "number") return `${Number(v.toPrecision(10))}${unit}`;
  return String(v);
}

function leaf(facts: Facts, field: string, unit: string, hit: (v: Fact["value"]) => number): Observation {
  const f = facts[field];
  const o = none();
  if (!f) return o;
  if (f.value === null) {
    o.blanks.push(f.cell);
    return o;
  }
  o.checked = true;
  o.n = hit(f.value);
  if (o.n > 0) {
    o.cells.push(f.cell);
    o.shown.push(`${f.cell}：${f.text ?? formatValue(f.value, unit)}`);
    if (f.text) o.texts.push(f.text);
  }
  return o;
}

type Ctx = { thresholds: Record<string, Threshold>; rateUnit: (field: string) => string };

const num = (v: Fact["value"]) => (typeof v === "number" ? v : NaN);

export const operators: {
  [K in Condition["op"]]: (c: Extract<Condition, { op: K }>, facts: Facts, ctx: Ctx) => Observation;
} = {
  count: (c, facts) => leaf(facts, c.field, "次", (v) => (typeof v === "number" ? v : 0)),
  yes: (c, facts) => leaf(facts, c.field, "", (v) => (v === true ? 1 : 0)),
  no: (c, facts) => leaf(facts, c.field, "", (v) => (v === false ? 1 : 0)),
  below: (c, facts, ctx) => {
    const t = ctx.thresholds[c.threshold]!;
    return leaf(facts, c.field, ctx.rateUnit(c.field), (v) => (isBelow(num(v), t) ? 1 : 0));
  },
  between: (c, facts, ctx) => {
    const from = ctx.thresholds[c.from]!;
    const to = ctx.thresholds[c.to]!;
    return leaf(facts, c.field, ctx.rateUnit(c.field), (v) => (!isBelow(num(v), from) && isBelow(num(v), to) ? 1 : 0));
  },
  gradeIn: (c, facts) => leaf(facts, c.field, "", (v) => (typeof v === "string" && c.grades.includes(v) ? 1 : 0)),
  anyOf: (c, facts, ctx) => combine(c.of.map((sub) => observe(sub, facts, ctx))),
};

/** Several observations as one: occurrences add up, cells and texts are concatenated. */
export function combine(list: readonly Observation[]): Observation {
  const o = none();
  for (const s of list) {
    o.n += s.n;
    o.cells.push(...s.cells);
    o.shown.push(...s.shown);
    o.checked ||= s.checked;
    o.blanks.push(...s.blanks);
    o.texts.push(...s.texts);
  }
  return o;
}

export function observe(c: Condition, facts: Facts, ctx: Ctx): Observation {
  return (operators[c.op] as (c: Condition, f: Facts, x: Ctx) => Observation)(c, facts, ctx);
}

export function leafFields(c: Condition): string[] {
  return c.op === "anyOf" ? c.of.flatMap(leafFields) : [c.field];
}
