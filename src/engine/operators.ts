/**
 * The condition operators: a named table of pure predicates over a record's facts
 * (json-rules-engine style). Each returns how many occurrences it observed and where.
 */
import type { Condition, Threshold } from "../schemes/types";
import type { Fact, FactValue } from "../sheets/records";

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
};

export type Facts = Readonly<Record<string, Fact>>;

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

/**
 * What conditions saw on one row, accumulated in place: a compiled condition adds to a tally rather than
 * returning an observation, so a rule that sees nothing allocates nothing (most rules on most rows). The
 * evaluator keeps one tally per role and clears it per rule. Its lists are scratch, kept and overwritten (never
 * reallocated): the first `nHits` of `facts`, `units` and `sheets`, the first `nBlanks` of `blanks`. A hit is
 * kept as its fact (with the unit its value is shown in, and the sheet of a member record): its cell address and
 * shown value are text built only when asked for ({@link hitCells}, {@link hitShown}, or a finding's sentence).
 */
export type Tally = {
  n: number;
  checked: boolean;
  /** Hits: the fact, the unit its value shows with ("次", "%", ""), the sheet to qualify its cell with (null: the row's own). */
  facts: Fact[];
  units: string[];
  sheets: (string | null)[];
  nHits: number;
  /** Blank inputs: the first `nBlanks` (few rules ask for their cells — only those that count a blank quarter). */
  blanks: Fact[];
  nBlanks: number;
};

export const newTally = (): Tally => ({ n: 0, checked: false, facts: [], units: [], sheets: [], nHits: 0, blanks: [], nBlanks: 0 });

export function clearTally(t: Tally): void {
  t.n = 0;
  t.checked = false;
  t.nHits = 0;
  t.nBlanks = 0;
}

/** "'成员表'!F4" for a member record's cell, "F4" for the row's own. */
const cellOf = (f: Fact, sheet: string | null): string => (sheet === null ? f.cell : qualify(sheet, f.cell));

/** "F4：85%": a hit's cell and the value shown for it. */
export function shownHit(f: Fact, unit: string, sheet: string | null): string {
  return `${cellOf(f, sheet)}：${f.text ?? formatValue(f.value, unit)}`;
}

/** The hits' cells, as a list of their own. */
export function hitCells(t: Tally): string[] {
  const out = new Array<string>(t.nHits);
  for (let i = 0; i < t.nHits; i++) out[i] = cellOf(t.facts[i]!, t.sheets[i]!);
  return out;
}

/** The hits' shown values, as a list of their own. */
export function hitShown(t: Tally): string[] {
  const out = new Array<string>(t.nHits);
  for (let i = 0; i < t.nHits; i++) out[i] = shownHit(t.facts[i]!, t.units[i]!, t.sheets[i]!);
  return out;
}

/** The blank inputs' cells, as a list of their own. */
export function blankCells(t: Tally): string[] {
  const out = new Array<string>(t.nBlanks);
  for (let i = 0; i < t.nBlanks; i++) out[i] = t.blanks[i]!.cell;
  return out;
}

/** Adds a hit: its fact, the unit its value shows with, the sheet of a member record (null: the row's own). */
export function addHit(t: Tally, f: Fact, unit: string, sheet: string | null): void {
  t.facts[t.nHits] = f;
  t.units[t.nHits] = unit;
  t.sheets[t.nHits++] = sheet;
}

/** A1 address qualified with its sheet, quoted when the name needs it. */
export function qualify(sheet: string, cell: string): string {
  const quoted = /^[\p{L}\p{N}_]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${quoted}!${cell}`;
}

/** The filled fact of `field`, or null: absent, or blank (a blank one is noted in the tally). */
function filled(facts: Facts, field: string, t: Tally): Fact | null {
  const f = facts[field];
  if (!f) return null;
  if (f.value === null) {
    t.blanks[t.nBlanks++] = f;
    return null;
  }
  t.checked = true;
  return f;
}

/** Adds `n` occurrences seen in `f`. A negative or non-numeric count adds to n but names no cell. */
function tallyHit(t: Tally, f: Fact, n: number, unit: string): void {
  if (n === 0) return;
  t.n += n;
  if (!(n > 0)) return;
  addHit(t, f, unit, null);
}

type Ctx = { thresholds: Record<string, Threshold>; rateUnit: (field: string) => string };

const num = (v: FactValue | null) => (typeof v === "number" ? v : NaN);

/** A condition bound to its thresholds and units: adds what it sees in `facts` to the tally. */
export type CompiledCondition = (facts: Facts, t: Tally) => void;

/**
 * Binds a condition once (per scheme and settings) so that evaluating it per row looks nothing up. Each
 * operator's test is written into its own function (not passed to a shared one): every call it makes then
 * has one target, and the whole test is compiled as one piece.
 */
export function compile(c: Condition, ctx: Ctx): CompiledCondition {
  switch (c.op) {
    case "count": {
      const field = c.field;
      return (facts, t) => {
        const f = filled(facts, field, t);
        if (f) tallyHit(t, f, typeof f.value === "number" ? f.value : 0, "次");
      };
    }
    case "yes": {
      const field = c.field;
      return (facts, t) => {
        const f = filled(facts, field, t);
        if (f && f.value === true) tallyHit(t, f, 1, "");
      };
    }
    case "no": {
      const field = c.field;
      return (facts, t) => {
        const f = filled(facts, field, t);
        if (f && f.value === false) tallyHit(t, f, 1, "");
      };
    }
    case "below": {
      const { field } = c;
      const t0 = ctx.thresholds[c.threshold]!;
      const unit = ctx.rateUnit(field);
      return (facts, t) => {
        const f = filled(facts, field, t);
        if (f && isBelow(num(f.value), t0)) tallyHit(t, f, 1, unit);
      };
    }
    case "between": {
      const { field } = c;
      const from = ctx.thresholds[c.from]!;
      const to = ctx.thresholds[c.to]!;
      const unit = ctx.rateUnit(field);
      return (facts, t) => {
        const f = filled(facts, field, t);
        if (f && !isBelow(num(f.value), from) && isBelow(num(f.value), to)) tallyHit(t, f, 1, unit);
      };
    }
    case "gradeIn": {
      const { field, grades } = c;
      return (facts, t) => {
        const f = filled(facts, field, t);
        if (f && typeof f.value === "string" && grades.includes(f.value)) tallyHit(t, f, 1, "");
      };
    }
    case "anyOf": {
      // Occurrences add up, cells and blanks are concatenated: each part adds to the same tally.
      const subs = c.of.map((sub) => compile(sub, ctx));
      return (facts, t) => {
        for (let i = 0; i < subs.length; i++) subs[i]!(facts, t);
      };
    }
  }
}

/**
 * A condition bound to the columns of one sheet: it reads the row's values by position (RowRecord.values, in
 * the order of its fieldIds) and looks a fact up only for a cell it reports (a hit or a blank). Most cells show
 * nothing: their facts are not visited. Same tally as {@link compile} gives over the facts.
 */
export type SlotCondition = (values: readonly (FactValue | null)[], facts: Facts, t: Tally) => void;

/** Nothing to see: the sheet has none of the condition's columns. */
const seesNothing: SlotCondition = () => {};

/** The value at `slot` is filled: notes a blank one in the tally (its fact) and says false; else marks checked. */
function filledAt(v: FactValue | null, facts: Facts, field: string, t: Tally): boolean {
  if (v === null) {
    t.blanks[t.nBlanks++] = facts[field]!;
    return false;
  }
  t.checked = true;
  return true;
}

/** {@link compile} for a sheet whose columns are at `slotOf(field)` in each row's values (-1: not on the sheet). */
export function compileSlots(c: Condition, ctx: Ctx, slotOf: (field: string) => number): SlotCondition {
  if (c.op === "anyOf") {
    const subs = c.of.map((sub) => compileSlots(sub, ctx, slotOf));
    return (values, facts, t) => {
      for (let i = 0; i < subs.length; i++) subs[i]!(values, facts, t);
    };
  }
  const field = c.field;
  const k = slotOf(field);
  if (k < 0) return seesNothing;
  switch (c.op) {
    case "count":
      return (values, facts, t) => {
        const v = values[k]!;
        if (filledAt(v, facts, field, t) && v !== 0) tallyHit(t, facts[field]!, typeof v === "number" ? v : 0, "次");
      };
    case "yes":
      return (values, facts, t) => {
        const v = values[k]!;
        if (filledAt(v, facts, field, t) && v === true) tallyHit(t, facts[field]!, 1, "");
      };
    case "no":
      return (values, facts, t) => {
        const v = values[k]!;
        if (filledAt(v, facts, field, t) && v === false) tallyHit(t, facts[field]!, 1, "");
      };
    case "below": {
      const t0 = ctx.thresholds[c.threshold]!;
      const unit = ctx.rateUnit(field);
      return (values, facts, t) => {
        const v = values[k]!;
        if (filledAt(v, facts, field, t) && isBelow(num(v), t0)) tallyHit(t, facts[field]!, 1, unit);
      };
    }
    case "between": {
      const from = ctx.thresholds[c.from]!;
      const to = ctx.thresholds[c.to]!;
      const unit = ctx.rateUnit(field);
      return (values, facts, t) => {
        const v = values[k]!;
        if (filledAt(v, facts, field, t) && !isBelow(num(v), from) && isBelow(num(v), to)) tallyHit(t, facts[field]!, 1, unit);
      };
    }
    case "gradeIn": {
      const grades = c.grades;
      return (values, facts, t) => {
        const v = values[k]!;
        if (filledAt(v, facts, field, t) && typeof v === "string" && grades.includes(v)) tallyHit(t, facts[field]!, 1, "");
      };
    }
  }
}

/** A tally as an observation of its own (lists copied: the tally is cleared and reused). */
export function observation(t: Tally): Observation {
  return { n: t.n, cells: hitCells(t), shown: hitShown(t), checked: t.checked, blanks: blankCells(t) };
}

export function observe(c: Condition, facts: Facts, ctx: Ctx): Observation {
  const t = newTally();
  compile(c, ctx)(facts, t);
  return observation(t);
}

export const operators: {
  [K in Condition["op"]]: (c: Extract<Condition, { op: K }>, facts: Facts, ctx: Ctx) => Observation;
} = {
  count: (c, facts, ctx) => observe(c, facts, ctx),
  yes: (c, facts, ctx) => observe(c, facts, ctx),
  no: (c, facts, ctx) => observe(c, facts, ctx),
  below: (c, facts, ctx) => observe(c, facts, ctx),
  between: (c, facts, ctx) => observe(c, facts, ctx),
  gradeIn: (c, facts, ctx) => observe(c, facts, ctx),
  anyOf: (c, facts, ctx) => observe(c, facts, ctx),
};

export function leafFields(c: Condition): string[] {
  return c.op === "anyOf" ? c.of.flatMap(leafFields) : [c.field];
}
