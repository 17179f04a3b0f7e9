/**
 * Findings whose words are built when read. Most findings of a ledger come from one cell of the row's own
 * (one count, one rate, one yes/no): such a finding keeps that cell's fact, and its cells and sentence are made
 * when something reads them — the written columns, the JSON, the pane's cards. Scoring 50,000 rows then builds
 * no sentence; writing them builds each once. To a reader a finding is the plain {@link Deduction} or
 * {@link Revocation} of types.ts: its fields are read as properties, JSON.stringify gives the plain shape (toJSON,
 * same keys in the same order), and jest's objectContaining sees them. What copies own data only (a structured
 * clone for postMessage, a spread, Object.keys) does not: send {@link plainLedger}.
 */
import type { RuleDef } from "../schemes/types";
import type { Fact } from "../sheets/records";
import { deductionBase, openParen } from "./explain";
import { shownHit } from "./operators";
import type { Deduction, LedgerResult, Revocation, RowResult, Warning } from "./types";

/** A rule's sentence pieces, built once per rule (per count) and shared by its findings. */
export type Sentences = {
  rule: RuleDef;
  /** "H1a（评分表第1项“…”）：…" with the thresholds filled in. */
  head: string;
  /** Per count: the deduction's sentence up to its cells, and with "（" after it. */
  bases: string[];
  opens: string[];
  /** The revocation's sentence up to its cells, with "（". */
  revokeOpen: string;
};

// Kept under symbols: not data of the finding (JSON, Object.keys and a structured clone skip them).
const SRC: unique symbol = Symbol("sentences");
const HIT: unique symbol = Symbol("hit");
const UNIT: unique symbol = Symbol("unit");

/** The deduction's sentence without its cells (see {@link deductionBase}), built once per rule and count. */
export function baseOf(s: Sentences, count: number, points: number): string {
  return (s.bases[count] ??= deductionBase(s.head, s.rule, count, points));
}

/** A finding's cells: one fact, or several with the same unit. */
type Hits = Fact | readonly Fact[];

const cellsOf = (hits: Hits): string[] => (Array.isArray(hits) ? (hits as readonly Fact[]).map((f) => f.cell) : [(hits as Fact).cell]);

/** "F4：85%，G4：80%" for the findings' sentences. */
function shownOf(hits: Hits, unit: string): string {
  if (!Array.isArray(hits)) return shownHit(hits as Fact, unit, null);
  const list = hits as readonly Fact[];
  let out = shownHit(list[0]!, unit, null);
  for (let i = 1; i < list.length; i++) out += `，${shownHit(list[i]!, unit, null)}`;
  return out;
}

/**
 * A deduction found in cells of the row's own (shown with one unit). It holds only what is the row's: the count
 * and the cells' facts; the rule, its item and the points follow from the rule.
 */
export class CellDeduction implements Deduction {
  declare readonly count: number;
  declare readonly [SRC]: Sentences;
  declare readonly [HIT]: Hits;
  declare readonly [UNIT]: string;

  constructor(src: Sentences, count: number, hit: Hits, unit: string) {
    this.count = count;
    this[SRC] = src;
    this[HIT] = hit;
    this[UNIT] = unit;
  }

  get rule(): string {
    return this[SRC].rule.id;
  }

  get item(): number {
    return this[SRC].rule.item;
  }

  get points(): number {
    const effect = this[SRC].rule.effect;
    return effect.kind === "deduct" ? effect.points * this.count : 0;
  }

  get cells(): string[] {
    return cellsOf(this[HIT]);
  }

  get text(): string {
    const s = this[SRC];
    return `${(s.opens[this.count] ??= openParen(baseOf(s, this.count, this.points)))}${shownOf(this[HIT], this[UNIT])}）`;
  }

  toJSON(): Deduction {
    return { rule: this.rule, points: this.points, count: this.count, cells: this.cells, item: this.item, text: this.text };
  }
}

/** A revocation found in cells of the row's own (shown with one unit). */
export class CellRevocation implements Revocation {
  declare readonly [SRC]: Sentences;
  declare readonly [HIT]: Hits;
  declare readonly [UNIT]: string;

  constructor(src: Sentences, hit: Hits, unit: string) {
    this[SRC] = src;
    this[HIT] = hit;
    this[UNIT] = unit;
  }

  get rule(): string {
    return this[SRC].rule.id;
  }

  get cells(): string[] {
    return cellsOf(this[HIT]);
  }

  get reason(): string {
    return `${this[SRC].revokeOpen}${shownOf(this[HIT], this[UNIT])}）`;
  }

  toJSON(): Revocation {
    return { rule: this.rule, cells: this.cells, reason: this.reason };
  }
}

const SCORE: unique symbol = Symbol("score");
const LIMIT: unique symbol = Symbol("limit");

/** 第十一条 A11a: a final score below the revocation line (the sentence built when read). */
export class ScoreRevocation implements Revocation {
  declare readonly [SCORE]: number;
  declare readonly [LIMIT]: number;

  constructor(score: number, limit: number) {
    this[SCORE] = score;
    this[LIMIT] = limit;
  }

  get rule(): string {
    return "A11a";
  }

  get cells(): string[] {
    return [];
  }

  get reason(): string {
    return `A11a（第十一条）：最终得分${this[SCORE]}分，低于${this[LIMIT]}分`;
  }

  toJSON(): Revocation {
    return { rule: this.rule, cells: this.cells, reason: this.reason };
  }
}

/** A warning about one cell of the row's own, with a message shared by many rows (期满). */
export class CellWarning implements Warning {
  declare readonly code: string;
  declare readonly message: string;
  declare readonly [HIT]: Fact;

  constructor(code: string, hit: Fact, message: string) {
    this.code = code;
    this.message = message;
    this[HIT] = hit;
  }

  get cells(): string[] {
    return [this[HIT].cell];
  }

  toJSON(): Warning {
    return { code: this.code, cells: this.cells, message: this.message };
  }
}

const isLazy = (x: object): boolean => x instanceof CellDeduction || x instanceof CellRevocation || x instanceof ScoreRevocation || x instanceof CellWarning;
const plain = <T extends object>(x: T): T => (isLazy(x) ? ((x as unknown as { toJSON(): T }).toJSON()) : x);

/** A row's result as plain data, its findings too (the same row when it is plain already). */
export function plainRow(r: RowResult): RowResult {
  // A view of the scoring's columns (scoreLedger's LedgerRow) gives its plain fields.
  const row = Object.getPrototypeOf(r) === Object.prototype ? r : (r as RowResult & { toJSON(): RowResult }).toJSON();
  if (!row.deductions.some(isLazy) && !row.revocations.some(isLazy) && !row.warnings.some(isLazy)) return row;
  return { ...row, deductions: row.deductions.map(plain), revocations: row.revocations.map(plain), warnings: row.warnings.map(plain) };
}

/** The result as plain data, for a structured clone (the preview's worker posts it to the page). */
export function plainLedger(result: LedgerResult): LedgerResult {
  return { ...result, sheets: result.sheets.map((s) => ({ ...s, rows: s.rows.map(plainRow) })) };
}
