/**
 * The hunan engine: ledger records (and optional member records) in, per-row results out.
 * Pure and synchronous: no I/O, no host. Order of input rows does not matter.
 */
import type { HunanSettings, RuleDef, Scheme } from "../schemes/types";
import { normalizeText } from "../sheets/normalize";
import type { CellError, Fact, FactValue, RowRecord } from "../sheets/records";
import type { ReviewMark } from "../sheets/values";
import { citation, itemName, openParen, qualify, readingWarnings, rectifySentence, ruleHead, shownTail } from "./explain";
import { baseOf, CellDeduction, CellRevocation, CellWarning, ScoreRevocation, type Sentences } from "./findings";
import { addHit, blankCells, clearTally, compile, compileSlots, formatValue, hitCells, hitShown, leafFields, newTally, type CompiledCondition, type SlotCondition, type Tally } from "./operators";
import { cityKey, nameKeyOf, postNameKey } from "./selection";
import type { Deduction, LedgerResult, Revocation, RowResult, SheetResult, Status, Warning } from "./types";

export type LedgerSheetInput = { sheet: string; headerRow: number; records: RowRecord[]; warnings?: Warning[] };
export type LedgerInput = { sheets: LedgerSheetInput[]; members?: RowRecord[] };

type PostType = "service" | "supervision";
type Round = "初评" | "复评";

/** Statuses and rounds by their codes in {@link Rows}' byte columns. */
const STATUSES: readonly Status[] = ["error", "retain", "rectify", "revoke"];
const STATUS_CODE: Readonly<Record<Status, number>> = { error: 0, retain: 1, rectify: 2, revoke: 3 };
const POST_TYPES: readonly (PostType | null)[] = [null, "service", "supervision"];

/**
 * The ledger rows of one scoring (every sheet's, in order) and what scoring works out for each: one array per
 * property, indexed by row. A ledger has tens of thousands of rows; an object per row held from the first pass
 * to the last was copied by every collection meanwhile. Numbers and codes are kept in typed arrays (nothing for
 * a collection to visit; null is NaN); what a row's record holds (its name, place, 上次得分) is read from it when
 * needed, not copied. The results are the only objects made per row.
 */
class Rows {
  readonly length: number;
  readonly recs: RowRecord[];
  readonly sheetIndex: Int32Array;
  /** 示范岗名称, 市州, 工作单位 as written (null: blank or not text). */
  private readonly names: (string | null)[];
  private readonly cities: (string | null)[];
  private readonly units: (string | null)[];
  /** 1: 上次得分 filled. */
  private readonly hasLastScore: Uint8Array;
  /** 0: not a known 岗位类别, 1: 服务岗, 2: 监督岗 ({@link POST_TYPES}). */
  private readonly postTypes: Uint8Array;
  /** 考核年度, 当选年度 (NaN: blank or not a number). */
  private readonly years: Float64Array;
  private readonly electedYears: Float64Array;
  /** 1: 复评, 0: 初评. */
  private readonly rounds: Uint8Array;
  readonly errors: CellError[][];
  /**
   * Every row's findings, one after another (a row's are `from` … `from + count`): no list is made per row
   * while scoring. A row whose revocations change after its rules were applied (第十一条) keeps its own list.
   */
  private readonly deductionList: Deduction[];
  private nDeductions = 0;
  private readonly deductionFrom: Int32Array;
  private readonly deductionCount: Int32Array;
  private readonly revocationList: Revocation[];
  private nRevocations = 0;
  private readonly revocationFrom: Int32Array;
  private readonly revocationCount: Int32Array;
  private readonly revocationsChanged = new Map<number, Revocation[]>();
  /** Rows revoked for a final score below the line (A11a, after their other revocations): the score says why. */
  private readonly belowLine: Uint8Array;
  readonly warnings: Warning[][];
  /** The total deduction (NaN: the row's rules were not applied). */
  private readonly totals: Float64Array;
  /** {@link STATUS_CODE}s (0: 数据有误 until scored). */
  private readonly statuses: Uint8Array;
  /** Member records, by row (most rows have none). */
  readonly members = new Map<number, RowRecord[]>();
  /** Where the identity fields are in the values of records with these fieldIds (the last met). */
  private slots: IdentitySlots = NO_SLOTS;

  constructor(
    sheets: readonly LedgerSheetInput[],
    readonly scheme: Scheme,
    readonly settings: HunanSettings,
  ) {
    let n = 0;
    for (const s of sheets) n += s.records.length;
    this.length = n;
    // Made at their size: grown row by row, each would be copied as it doubled.
    const column = <T,>(fill: T): T[] => new Array<T>(n).fill(fill);
    // One sheet (most ledgers): its records as they are.
    this.recs = sheets.length === 1 ? sheets[0]!.records : column<RowRecord>(EMPTY_RECORD);
    this.sheetIndex = new Int32Array(n);
    this.names = column<string | null>(null);
    this.cities = column<string | null>(null);
    this.units = column<string | null>(null);
    this.hasLastScore = new Uint8Array(n);
    this.postTypes = new Uint8Array(n);
    this.years = new Float64Array(n);
    this.electedYears = new Float64Array(n);
    this.rounds = new Uint8Array(n);
    this.errors = column<CellError[]>(NONE);
    // Room for a finding a row (about what a ledger has): grown by push, the list was copied as it doubled.
    this.deductionList = new Array<Deduction>(n);
    this.revocationList = new Array<Revocation>(n >> 2);
    this.deductionFrom = new Int32Array(n);
    this.deductionCount = new Int32Array(n);
    this.revocationFrom = new Int32Array(n);
    this.revocationCount = new Int32Array(n);
    this.belowLine = new Uint8Array(n);
    this.warnings = column<Warning[]>(NONE);
    this.totals = new Float64Array(n).fill(NaN);
    this.statuses = new Uint8Array(n);
    let i = 0;
    for (let s = 0; s < sheets.length; s++) {
      const records = sheets[s]!.records;
      for (let r = 0; r < records.length; r++) this.read(i++, records[r]!, s);
    }
  }

  private read(i: number, rec: RowRecord, sheetIndex: number): void {
    let values = rec.values;
    let at: IdentitySlots;
    if (values && rec.fieldIds) {
      // By position (the reader's records): the row's facts are not visited.
      at = rec.fieldIds === this.slots.ids ? this.slots : (this.slots = identitySlots(rec.fieldIds));
    } else {
      // A record made without values (by hand): its identity facts' values, in IDENTITY's order.
      values = IDENTITY.map((f) => rec.facts[f]?.value ?? null);
      at = BY_IDENTITY;
    }
    const postType = valueAt(values, at.postType);
    const name = valueAt(values, at.name);
    const city = valueAt(values, at.city);
    const unit = valueAt(values, at.unit);
    const year = valueAt(values, at.year);
    const round = valueAt(values, at.round);
    const elected = valueAt(values, at.electedYear);
    const last = valueAt(values, at.lastScore);
    // Kept as written (the pointers only): read again by later passes, whose visits of the facts missed the cache.
    if (typeof name === "string") this.names[i] = name;
    if (typeof city === "string") this.cities[i] = city;
    if (typeof unit === "string") this.units[i] = unit;
    if (last !== null) this.hasLastScore[i] = 1;
    const type = postType === "service" ? 1 : postType === "supervision" ? 2 : 0;
    if (this.recs[i] !== rec) this.recs[i] = rec;
    this.sheetIndex[i] = sheetIndex;
    this.postTypes[i] = type;
    this.years[i] = typeof year === "number" ? year : NaN;
    if (round === "复评") this.rounds[i] = 1;
    this.electedYears[i] = typeof elected === "number" ? elected : NaN;
    if (type === 0 || typeof name !== "string" || !name || rec.errors.length) {
      const idErrors = type !== 0 && typeof name === "string" && name ? NONE : identityErrors(rec, typeof name === "string" ? name : null, POST_TYPES[type]!);
      if (rec.errors.length || idErrors.length) this.errors[i] = rec.errors.length ? [...rec.errors, ...idErrors] : idErrors;
    }
  }

  /** 示范岗名称, 市州, 工作单位 as written (null: blank or not text). */
  nameOf(i: number): string | null {
    return this.names[i]!;
  }

  cityOf(i: number): string | null {
    return this.cities[i]!;
  }

  unitOf(i: number): string | null {
    return this.units[i]!;
  }

  postTypeOf(i: number): PostType | null {
    return POST_TYPES[this.postTypes[i]!]!;
  }

  yearOf(i: number): number | null {
    const y = this.years[i]!;
    return y === y ? y : null;
  }

  roundOf(i: number): Round {
    return this.rounds[i] === 1 ? "复评" : "初评";
  }

  electedOf(i: number): number | null {
    const y = this.electedYears[i]!;
    return y === y ? y : null;
  }

  /** The total deduction; null before the row's rules are applied (or when they were not: 数据有误). */
  totalOf(i: number): number | null {
    const t = this.totals[i]!;
    return t === t ? t : null;
  }

  setTotal(i: number, total: number): void {
    this.totals[i] = total;
  }

  statusOf(i: number): Status {
    return STATUSES[this.statuses[i]!]!;
  }

  setStatus(i: number, status: Status): void {
    this.statuses[i] = STATUS_CODE[status];
  }

  /** Records row `i`'s findings (its first `nd` deductions and `nr` revocations); returns its total deduction. */
  found(i: number, deductions: ArrayLike<Deduction>, nd: number, revocations: ArrayLike<Revocation>, nr: number): number {
    let total = 0;
    this.deductionFrom[i] = this.nDeductions;
    this.deductionCount[i] = nd;
    for (let k = 0; k < nd; k++) {
      const d = deductions[k]!;
      total += d.points;
      this.deductionList[this.nDeductions++] = d;
    }
    this.revocationFrom[i] = this.nRevocations;
    this.revocationCount[i] = nr;
    for (let k = 0; k < nr; k++) this.revocationList[this.nRevocations++] = revocations[k]!;
    return total;
  }

  /** The rules of the row's deductions, each once in order (整改项). */
  rectifyItems(i: number): string[] {
    const from = this.deductionFrom[i]!;
    return rectifyList(this.deductionList, from, from + this.deductionCount[i]!);
  }

  deductionsOf(i: number): Deduction[] {
    const n = this.deductionCount[i]!;
    if (n === 0) return NONE;
    const from = this.deductionFrom[i]!;
    return this.deductionList.slice(from, from + n);
  }

  revocationsOf(i: number): Revocation[] {
    const changed = this.revocationsChanged.get(i);
    if (changed) return changed;
    const n = this.revocationCount[i]!;
    const from = this.revocationFrom[i]!;
    if (this.belowLine[i]) {
      const list = this.revocationList.slice(from, from + n);
      list.push(new ScoreRevocation(this.score(i)!, this.settings.revokeBelowScore));
      return list;
    }
    return n === 0 ? NONE : this.revocationList.slice(from, from + n);
  }

  revoked(i: number): boolean {
    return this.revocationCount[i]! > 0 || this.belowLine[i] === 1 || this.revocationsChanged.has(i);
  }

  /** Revoked for a final score below the line (A11a). */
  markBelowLine(i: number): void {
    this.belowLine[i] = 1;
  }

  setRevocations(i: number, list: Revocation[]): void {
    this.revocationsChanged.set(i, list);
  }

  /** The final score (100 less the deductions, at least 0); null before the row's rules are applied. */
  score(i: number): number | null {
    const total = this.totals[i]!;
    return total === total ? Math.max(0, 100 - total) : null;
  }

  /** The last year of the row's 示范期 (第十条), when its 当选年度 is known. */
  validThrough(i: number): number | null {
    const elected = this.electedOf(i);
    return elected === null ? null : validThrough(elected, this.settings.cycleStartYear);
  }

  /** The row's 上次得分, when filled. */
  lastScore(i: number): Fact | null {
    if (this.hasLastScore[i] === 0) return null;
    const last = this.recs[i]!.facts["lastScore"];
    return last && last.value !== null ? last : null;
  }

  provincial(i: number): boolean {
    return str(this.recs[i]!.facts["level"]) === "provincial";
  }

  warn(i: number, w: Warning): void {
    this.warnings[i] = add(this.warnings[i]!, w);
  }

  /** "2025年初评（考核台账 第4行）". */
  where(i: number): string {
    const rec = this.recs[i]!;
    return `${this.yearOf(i) ?? "?"}年${this.roundOf(i)}（${rec.sheet} 第${rec.row}行）`;
  }
}

/** One row as the evaluator sees it (one object, reused row after row): its inputs, and what it finds. */
type Finding = {
  rec: RowRecord;
  postType: PostType | null;
  members: readonly RowRecord[];
  deductions: Deduction[];
  revocations: Revocation[];
  warnings: Warning[];
};

/** The positions of the fields {@link Rows} reads per row, in records' values (-1: not on the sheet). */
const IDENTITY = ["postType", "name", "city", "unit", "year", "round", "electedYear", "lastScore"] as const;
type IdentitySlots = { ids: readonly string[] | undefined } & Record<(typeof IDENTITY)[number], number>;
const NO_SLOTS = identitySlots(undefined);
/** The slots of values listed in IDENTITY's own order. */
const BY_IDENTITY = identitySlots(IDENTITY);

function identitySlots(ids: readonly string[] | undefined): IdentitySlots {
  const at = { ids } as IdentitySlots;
  for (const f of IDENTITY) at[f] = ids ? ids.indexOf(f) : -1;
  return at;
}

const valueAt = (values: readonly (FactValue | null)[], k: number): FactValue | null => (k < 0 ? null : values[k]!);

/** A condition for a rule without one (never run: such a rule has no input). */
const NOTHING: SlotCondition = () => {};

/** What {@link Rows} holds before its rows are read. */
const EMPTY_RECORD: RowRecord = Object.freeze({ sheet: "", row: 0, facts: {}, errors: [] });

const str = (f: Fact | undefined): string | null => (f && typeof f.value === "string" ? f.value : null);
const numOf = (f: Fact | undefined): number | null => (f && typeof f.value === "number" ? f.value : null);
const norm = (s: string | null) => normalizeText(s ?? "");

/** Small ids for texts that compare equal by a tolerant key: a text's id is its key's. */
class KeyIds {
  private readonly byText = new Map<string, number>();
  private readonly byKey = new Map<string, number>();

  constructor(private readonly keyOf: (s: string) => string) {}

  id(s: string): number {
    let id = this.byText.get(s);
    if (id === undefined) {
      const k = this.keyOf(s);
      id = this.byKey.get(k);
      if (id === undefined) this.byKey.set(k, (id = this.byKey.size));
      this.byText.set(s, id);
    }
    return id;
  }
}

/**
 * The tolerant keys of one scoring as small ids (no string per row): a name's id by its key ({@link nameKeyOf}),
 * a place's (市州 + 单位) by its parts' ids, those memoised per distinct text for the length of the scoring.
 */
class PostKeys {
  private readonly cityIds = new KeyIds(cityKey);
  private readonly unitIds = new KeyIds(normalizeText);
  /** Per name key: its id (a name's key is cheap to make; no memo by text). */
  private readonly nameIds = new Map<string, number>();
  /** Per 市州 id, per 单位 id: the pair's id. */
  private readonly pairs = new Map<number, Map<number, number>>();
  private nPairs = 0;

  /** Equal for names {@link postNameKey} takes as one. */
  nameId(name: string): number {
    const k = nameKeyOf(name);
    let id = this.nameIds.get(k);
    if (id === undefined) this.nameIds.set(k, (id = this.nameIds.size));
    return id;
  }

  /** {@link nameId} of a name some row has, else undefined. */
  knownNameId(name: string): number | undefined {
    return this.nameIds.get(nameKeyOf(name));
  }

  /** Equal for the 市州 and 单位 of one post ({@link postKey}'s tolerance). */
  place(city: string, unit: string): number {
    const c = this.cityIds.id(city);
    let units = this.pairs.get(c);
    if (units === undefined) this.pairs.set(c, (units = new Map<number, number>()));
    const u = this.unitIds.id(unit);
    let id = units.get(u);
    if (id === undefined) units.set(u, (id = this.nPairs++));
    return id;
  }
}

/** validThrough per 第十条: elected in the first year of a cycle → two years, in the second → one. */
export function validThrough(electedYear: number, cycleStartYear: number): number {
  const first = (((electedYear - cycleStartYear) % 2) + 2) % 2 === 0;
  return first ? electedYear + 1 : electedYear;
}

function memberMatches(m: RowRecord, rows: Rows, i: number): boolean {
  const f = m.facts;
  if (postNameKey(str(f["name"])) !== postNameKey(rows.nameOf(i))) return false;
  const city = str(f["city"]);
  const unit = str(f["unit"]);
  if (city && cityKey(city) !== cityKey(rows.cityOf(i) ?? "")) return false;
  if (unit && norm(unit) !== norm(rows.unitOf(i))) return false;
  return true;
}

function roleMatches(m: RowRecord, role: RuleDef["memberRole"]): boolean {
  if (!role) return true;
  const r = m.facts["role"]?.value ?? null;
  return r === null || r === role || r === "both";
}

/** Rows without member records share this (never grown: a member's row gets its own list). */
const NO_MEMBERS: RowRecord[] = Object.freeze([]) as unknown as RowRecord[];

/** Empty lists shared by the rows that have nothing in them (frozen: never grown; a row that needs one gets its own). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

/**
 * `list` with `item` added, as a new array of exactly that length (until its first item a row shares
 * {@link NONE}). A row's lists are short and held until written: grown by push, each would keep room for 17.
 */
function add<T>(list: T[], item: T): T[] {
  // A shared list with a shared item added: the one shared list of both (most rows' warnings are such lists).
  if (Object.isFrozen(list) && Object.isFrozen(item)) {
    let next = sharedLists.get(list);
    if (next === undefined) sharedLists.set(list, (next = new Map<unknown, unknown[]>()));
    let out = next.get(item);
    if (out === undefined) next.set(item, (out = Object.freeze(append(list, item)) as unknown[]));
    return out as T[];
  }
  return append(list, item);
}

/** Per shared list, per shared item: the shared list with that item added (bounded: few such items exist). */
const sharedLists = new WeakMap<readonly unknown[], Map<unknown, unknown[]>>();

function append<T>(list: T[], item: T): T[] {
  switch (list.length) {
    case 0:
      return [item];
    case 1:
      return [list[0]!, item];
    case 2:
      return [list[0]!, list[1]!, item];
    default:
      return list.concat([item]);
  }
}

/** The "缺少数据，未检查：…" warning for these rules (in the order checked). Its wording is here alone. */
function uncheckedWarning(ids: readonly string[]): Warning {
  return Object.freeze({ code: "unchecked", cells: NONE, rules: Object.freeze([...ids]) as string[], message: `缺少数据，未检查：${ids.join("、")}` });
}

/**
 * The unchecked warnings met so far, by the rules' positions in the scheme: the same few lists recur on most
 * rows of a ledger, so each warning is built once and the one frozen object is shared by the rows that have it
 * (walking this trie by rule position costs no string per row).
 */
type UncheckedNode = { next: (UncheckedNode | undefined)[]; warning?: Warning };

/** A rule bound once per scheme and settings: its conditions compiled, its sentence head built. */
type CompiledRule = Sentences & {
  /** Its position in the scheme. */
  at: number;
  post: CompiledCondition | null;
  member: CompiledCondition | null;
};

/**
 * A list reused row after row, cleared by its count: `length = 0` would give up its storage, and every row grow
 * it again.
 */
class Scratch<T> {
  /** The first `n` are the list's (the rest are left over, to be overwritten). */
  readonly items: T[] = [];
  n = 0;

  clear(): void {
    this.n = 0;
  }

  push(x: T): void {
    this.items[this.n++] = x;
  }

  at(i: number): T {
    return this.items[i]!;
  }

  has(x: T): boolean {
    for (let i = 0; i < this.n; i++) if (this.items[i] === x) return true;
    return false;
  }

  /** Takes `x` out, keeping the others' order. */
  remove(x: T): void {
    let j = 0;
    for (let i = 0; i < this.n; i++) if (this.items[i] !== x) this.items[j++] = this.items[i]!;
    this.n = j;
  }

  /** The items, as a list of their own. */
  copy(): T[] {
    const out = new Array<T>(this.n);
    for (let i = 0; i < this.n; i++) out[i] = this.items[i]!;
    return out;
  }
}

/** Whether the tally's hits all show with one unit (a finding keeps one). */
function oneUnit(t: Tally): boolean {
  for (let i = 1; i < t.nHits; i++) if (t.units[i] !== t.units[0]) return false;
  return true;
}

/** A member record's hits, added to the members' tally with its sheet (their cells are qualified with it). */
function addQualified(to: Tally, from: Tally, sheet: string): void {
  to.n += from.n;
  to.checked ||= from.checked;
  for (let i = 0; i < from.nHits; i++) addHit(to, from.facts[i]!, from.units[i]!, sheet);
}

/** A 评分表 item's review column (评审意见) and the item's rules. */
type Review = { it: Scheme["items"][number]; fact: string; rules: CompiledRule[] };

/**
 * What a sheet's records can show, worked out once per sheet (RowRecord.fieldIds): the rules with any input
 * there (by position; the others see nothing on every row and are not run), the review columns present, and
 * whether 撤销情形 is. A fact looked up that a row does not have costs as much as one it has.
 */
type SheetPlan = {
  live: readonly boolean[];
  reviews: readonly Review[];
  revokeNote: boolean;
  /**
   * Per rule position, its post condition over the sheet's values by position (for records with `values`, in
   * the order of the fieldIds the plan is for); null for a plan of records without fieldIds.
   */
  slots: readonly SlotCondition[] | null;
  /** Per post type, for rows without members: the rules to run, and the unchecked warnings by what they leave. */
  programs: Map<PostType | null, Program>;
};

/**
 * A post type's rules on one sheet, for a row without members: those with input there (run), and those without
 * (unchecked on every row, not run). The unchecked warning of a row is reached from `root` by the live rules the
 * row left unchecked (none on most rows): built once per such set, as {@link Evaluator.uncheckedWarning} would.
 */
type Program = { live: readonly CompiledRule[]; dead: readonly CompiledRule[]; root: ProgramNode };
type ProgramNode = { next: (ProgramNode | undefined)[]; warning?: Warning | null };

class Evaluator {
  private readonly rateFields: Set<string>;
  private readonly ctx: { thresholds: HunanSettings["thresholds"]; rateUnit: (field: string) => string };
  private readonly itemOf: Map<string, number>;
  private readonly compiled: { all: CompiledRule[]; service: CompiledRule[]; supervision: CompiledRule[]; none: CompiledRule[] };
  /** Per 评分表 item: the review column's fact id and the item's rules. */
  private readonly reviews: Review[];
  /** For records that do not say which facts they have: everything is looked up. */
  private readonly everything: SheetPlan;
  private planIds: readonly string[] | undefined;
  private plan: SheetPlan;
  private readonly rectifyCache = new Map<string, string>();
  /** The thresholds as compiled: [name, value, equalIsBelow, unit] (changed in place → compiled again). */
  private readonly compiledWith: [string, number, boolean, string][];
  /** Scratch, cleared per rule or per row: what the post's row and its members showed, the rules left unchecked. */
  private readonly postTally = newTally();
  private readonly memberTally = newTally();
  private readonly oneMember = newTally();
  private readonly unchecked = new Scratch<CompiledRule>();
  /** The rules' findings on this row, copied once at their size. */
  private readonly found = new Scratch<Deduction>();
  private readonly revoked = new Scratch<Revocation>();
  private readonly uncheckedRoot: UncheckedNode = { next: [] };

  constructor(
    private readonly scheme: Scheme,
    private readonly settings: HunanSettings,
  ) {
    this.compiledWith = Object.entries(settings.thresholds).map(([k, t]) => [k, t.value, t.equalIsBelow, t.unit]);
    this.itemOf = new Map(scheme.rules.map((r) => [r.id, r.item]));
    this.rateFields = new Set([...scheme.ledger.fields, ...scheme.member.fields].filter((f) => f.kind === "rate").map((f) => f.id));
    const ctx = {
      thresholds: settings.thresholds,
      rateUnit: (field: string) => (this.rateFields.has(field) ? "%" : ""),
    };
    const all = scheme.rules.map((rule, at) => ({
      rule,
      at,
      post: rule.post ? compile(rule.post, ctx) : null,
      member: rule.member ? compile(rule.member, ctx) : null,
      head: ruleHead(scheme, settings, rule),
      bases: [],
      opens: [],
      revokeOpen: "",
    }));
    for (const c of all) c.revokeOpen = openParen(c.head);
    this.compiled = {
      all,
      service: all.filter((c) => c.rule.applies === "all" || c.rule.applies === "service"),
      supervision: all.filter((c) => c.rule.applies === "all" || c.rule.applies === "supervision"),
      none: all.filter((c) => c.rule.applies === "all"),
    };
    this.reviews = scheme.items.map((it) => ({ it, fact: `review${it.item}`, rules: all.filter((c) => c.rule.item === it.item) }));
    this.everything = this.plan = { live: all.map(() => true), reviews: this.reviews, revokeNote: true, slots: null, programs: new Map() };
    this.ctx = ctx;
  }

  private planFor(rec: RowRecord): SheetPlan {
    const ids = rec.fieldIds;
    if (ids === undefined) return this.everything;
    if (ids === this.planIds) return this.plan;
    const has = new Set(ids);
    const slot = new Map(ids.map((id, k) => [id, k]));
    const slotOf = (field: string) => slot.get(field) ?? -1;
    this.planIds = ids;
    return (this.plan = {
      live: this.compiled.all.map((c) => (c.rule.post ? leafFields(c.rule.post).some((f) => has.has(f)) : false)),
      reviews: this.reviews.filter((r) => has.has(r.fact)),
      revokeNote: has.has("revokeNote"),
      slots: this.compiled.all.map((c) => (c.rule.post ? compileSlots(c.rule.post, this.ctx, slotOf) : NOTHING)),
      programs: new Map(),
    });
  }

  /** Whether these are still the scheme and thresholds it was compiled with. */
  fits(scheme: Scheme, settings: HunanSettings): boolean {
    if (scheme !== this.scheme || settings !== this.settings) return false;
    const th = settings.thresholds;
    let n = 0;
    for (const k in th) {
      const t = th[k]!;
      const c = this.compiledWith[n++];
      if (!c || c[0] !== k || c[1] !== t.value || c[2] !== t.equalIsBelow || c[3] !== t.unit) return false;
    }
    return n === this.compiledWith.length;
  }

  /**
   * Applies every rule, the reviewer's columns and 撤销情形 to one row without input errors. True: the findings
   * are the finding's own lists; false (most rows): they are left in the scratch lists, for {@link foundOn}.
   */
  evaluate(p: Finding): boolean {
    const { settings, postTally: post, memberTally, unchecked } = this;
    const facts = p.rec.facts;
    unchecked.clear();
    if (p.rec.readings || (p.members.length && p.members.some((m) => m.readings))) {
      const out: Warning[] = [...p.warnings];
      readingWarnings(p.rec, out, null);
      for (const m of p.members) readingWarnings(m, out, m.sheet);
      p.warnings = out;
    }
    const plan = this.planFor(p.rec);
    // The row's values by position, when the plan's conditions read them so.
    const slots = plan.slots;
    const values = slots ? p.rec.values : undefined;
    const rules = p.postType === null ? this.compiled.none : this.compiled[p.postType];
    // Most rows: no members and no reviewer's columns. Only the rules with input on the sheet are run.
    const program = p.members.length || plan.reviews.length ? null : this.programOf(plan, p.postType, rules);
    const list = program ? program.live : rules;
    const { found, revoked } = this;
    found.clear();
    revoked.clear();
    for (let r = 0; r < list.length; r++) {
      const c = list[r]!;
      const rule = c.rule;
      // No input for this rule on the sheet, nor members to go by: unchecked, as on every such row.
      if (!plan.live[c.at] && !(c.member && p.members.length)) {
        unchecked.push(c);
        continue;
      }
      clearTally(post);
      if (c.post && plan.live[c.at]) {
        if (values) slots![c.at]!(values, facts, post);
        else c.post(facts, post);
      }
      // What the rule goes by: the row's own cells, else (nothing filled there) its members'.
      let obs = post;
      if (c.member && p.members.length) {
        this.observeMembers(c.member, rule, p.members);
        if (!post.checked) obs = memberTally;
        else if (memberTally.checked && memberTally.n !== post.n) {
          p.warnings = add(p.warnings, {
            code: "member-differs",
            cells: [...hitCells(post), ...hitCells(memberTally)],
            rules: [rule.id],
            message: `${rule.id}：台账记为${post.n}人次，成员表为${memberTally.n}人次，以台账为准`,
          });
        }
      }
      let n = obs.n;
      let checked = obs.checked;
      // Blank quarters counted as occurrences (by setting): their cells follow the observed ones.
      let blanks: string[] = NONE;
      if (rule.missing && post.nBlanks) {
        if (settings[rule.missing] === "deduct") {
          blanks = blankCells(post);
          n += blanks.length;
          checked = true;
        } else {
          const cells = blankCells(post);
          p.warnings = add(p.warnings, {
            code: "missing-quarter",
            cells,
            rules: [rule.id],
            message: `未开展季度测评：${cells.join("、")} 满意度为空`,
          });
        }
      }
      if (!checked) {
        unchecked.push(c);
        continue;
      }
      if (n === 0) continue;
      // Cells of the row's own (most findings): their words are built when read (findings.ts).
      if (!blanks.length && obs === post && obs.nHits > 0 && oneUnit(obs)) {
        const hits = obs.nHits === 1 ? obs.facts[0]! : obs.facts.slice(0, obs.nHits);
        if (rule.effect.kind === "deduct") {
          const count = rule.effect.per === "once" ? 1 : n;
          found.push(new CellDeduction(c, count, hits, obs.units[0]!));
        } else {
          revoked.push(new CellRevocation(c, hits, obs.units[0]!));
        }
        continue;
      }
      // The finding's lists are its own, at their exact size (the tally's are scratch).
      const cells = blanks.length ? [...hitCells(obs), ...blanks] : hitCells(obs);
      const shown = blanks.length ? [...hitShown(obs), ...blanks.map((b) => `${b}：空白`)] : obs.nHits ? hitShown(obs) : NONE;
      if (rule.effect.kind === "deduct") {
        const count = rule.effect.per === "once" ? 1 : n;
        const points = rule.effect.points * count;
        const base = baseOf(c, count, points);
        const text = shown.length ? (c.opens[count] ??= openParen(base)) + shownTail(shown) : base;
        found.push({ rule: rule.id, points, count, cells, item: rule.item, text });
      } else {
        revoked.push({ rule: rule.id, cells, reason: shown.length ? c.revokeOpen + shownTail(shown) : c.head });
      }
    }
    // With the reviewer's columns the findings become the finding's own lists (reviews change them).
    const own = plan.reviews.length > 0;
    if (own) {
      if (found.n) p.deductions = found.copy();
      if (revoked.n) p.revocations = revoked.copy();
      this.applyReviews(p, plan.reviews);
    }
    const note = plan.revokeNote ? facts["revokeNote"] : undefined;
    if (note && note.value === true) {
      const r0: Revocation = { rule: "R0", cells: [note.cell], reason: `R0（撤销情形）：${note.text ?? "已填写撤销情形"}（${note.cell}）` };
      if (own) p.revocations = add(p.revocations, r0);
      else revoked.push(r0);
    }
    if (program) {
      const w = this.programWarning(program);
      if (w) p.warnings = add(p.warnings, w);
    } else if (unchecked.n) p.warnings = add(p.warnings, this.uncheckedWarning());
    return own;
  }

  /** Records row `i`'s findings from the scratch lists (see {@link evaluate}); returns its total deduction. */
  foundOn(rows: Rows, i: number): number {
    return rows.found(i, this.found.items, this.found.n, this.revoked.items, this.revoked.n);
  }

  private programOf(plan: SheetPlan, postType: PostType | null, rules: readonly CompiledRule[]): Program {
    let program = plan.programs.get(postType);
    if (program === undefined) {
      const live = rules.filter((c) => plan.live[c.at]);
      const dead = rules.filter((c) => !plan.live[c.at]);
      plan.programs.set(postType, (program = { live, dead, root: { next: [] } }));
    }
    return program;
  }

  /** The unchecked warning of a row run by `program`: its dead rules and the live ones it left unchecked. */
  private programWarning(program: Program): Warning | null {
    const unchecked = this.unchecked;
    let node = program.root;
    for (let i = 0; i < unchecked.n; i++) node = node.next[unchecked.at(i).at] ??= { next: [] };
    if (node.warning === undefined) {
      // In the scheme's order, as the full run would have listed them.
      const rules = [...program.dead, ...unchecked.copy()].sort((a, b) => a.at - b.at);
      unchecked.clear();
      for (const c of rules) unchecked.push(c);
      node.warning = rules.length ? this.uncheckedWarning() : null;
    }
    return node.warning;
  }

  /** The members' tally for one rule: every member of the matching role, its cells qualified with its sheet. */
  private observeMembers(member: CompiledCondition, rule: RuleDef, members: readonly RowRecord[]): void {
    const { memberTally, oneMember } = this;
    clearTally(memberTally);
    for (const m of members) {
      if (!roleMatches(m, rule.memberRole)) continue;
      clearTally(oneMember);
      member(m.facts, oneMember);
      addQualified(memberTally, oneMember, m.sheet);
    }
  }

  /** The shared warning for the rules left unchecked on this row (see {@link UncheckedNode}). */
  private uncheckedWarning(): Warning {
    let node = this.uncheckedRoot;
    const unchecked = this.unchecked;
    for (let i = 0; i < unchecked.n; i++) node = node.next[unchecked.at(i).at] ??= { next: [] };
    return (node.warning ??= uncheckedWarning(unchecked.copy().map((c) => c.rule.id)));
  }

  /** The reviewers' own per-item columns count over the facts; a difference is a warning. */
  private applyReviews(p: Finding, reviews: readonly Review[]): void {
    const { scheme, itemOf, unchecked } = this;
    for (let i = 0; i < reviews.length; i++) {
      const { it, fact, rules } = reviews[i]!;
      const f = p.rec.facts[fact];
      if (!f || f.value === null) continue;
      const mark = f.value as ReviewMark;
      const checked = rules.some((c) => !unchecked.has(c));
      const factPoints = p.deductions.filter((d) => d.item === it.item).reduce((s, d) => s + d.points, 0);
      const factRevoke = p.revocations.some((r) => itemOf.get(r.rule) === it.item);
      p.deductions = p.deductions.filter((d) => d.item !== it.item);
      p.revocations = p.revocations.filter((r) => itemOf.get(r.rule) !== it.item);
      for (const c of rules) unchecked.remove(c);
      const rule = { id: `R${it.item}`, item: it.item };
      const reviewRevoke = "revoke" in mark;
      const reviewPoints = "points" in mark ? mark.points : 0;
      if (reviewRevoke) {
        p.revocations = add(p.revocations, { rule: rule.id, cells: [f.cell], reason: `${citation(scheme, rule)}：评审意见为撤销（${f.cell}）` });
      } else if (reviewPoints > 0) {
        p.deductions = add(p.deductions, {
          rule: rule.id,
          points: reviewPoints,
          count: 1,
          cells: [f.cell],
          item: it.item,
          text: `${citation(scheme, rule)}：评审扣${formatValue(reviewPoints)}分（${f.cell}）`,
        });
      }
      if (checked && (factRevoke !== reviewRevoke || (!reviewRevoke && factPoints !== reviewPoints))) {
        const facts = factRevoke ? "撤销" : `扣${factPoints}分`;
        const review = reviewRevoke ? "撤销" : `扣${formatValue(reviewPoints)}分`;
        p.warnings = add(p.warnings, {
          code: "review-differs",
          cells: [f.cell],
          rules: [rule.id],
          message: `评分表第${it.item}项“${it.name}”：评审意见为${review}，按所填事实应${facts}，以评审意见为准`,
        });
      }
    }
  }

  rectifyText(ruleId: string): string {
    let text = this.rectifyCache.get(ruleId);
    if (text === undefined) this.rectifyCache.set(ruleId, (text = this.makeRectifyText(ruleId)));
    return text;
  }

  private makeRectifyText(ruleId: string): string {
    const rule = this.scheme.rules.find((r) => r.id === ruleId);
    if (rule) return rectifySentence(this.settings, rule);
    const item = Number(ruleId.slice(1));
    return `${ruleId} 整改评分表第${item}项“${itemName(this.scheme, item)}”的扣分事项`;
  }
}

function identityErrors(rec: RowRecord, name: string | null, postType: PostType | null): CellError[] {
  const errs: CellError[] = [];
  const has = (field: string) => rec.errors.some((e) => e.cell === rec.facts[field]?.cell);
  if (!name && !has("name")) {
    const cell = rec.facts["name"]?.cell ?? `第${rec.row}行`;
    errs.push({ cell, message: `示范岗名称（${cell}）为空，应填写示范岗名称` });
  }
  if (!postType && !has("postType")) {
    const cell = rec.facts["postType"]?.cell ?? `第${rec.row}行`;
    errs.push({ cell, message: `岗位类别（${cell}）为空，应为 服务岗 或 监督岗` });
  }
  return errs.length ? errs : NONE;
}
/**
 * Sentences and lists that many rows of a ledger share, each built once and then shared (frozen: the results
 * are read, never changed). Keyed by what they say, within one process: a handful of years and rule lists.
 */
const awaitingReviews = new Map<number, Warning>();
function awaitingReview(year: number): Warning {
  let w = awaitingReviews.get(year);
  if (w === undefined) {
    w = Object.freeze({ code: "awaiting-review", cells: NONE, message: `待复评：须针对扣分项整改、提交整改报告后再评分（第十一条），台账中没有${year}年的复评记录` });
    awaitingReviews.set(year, w);
  }
  return w;
}

const expiredMessages = new Map<number | string, string>();
const smallYear = (y: number) => Number.isInteger(y) && y >= 0 && y < 10000;
function expiredMessage(electedYear: number, validThrough: number, year: number): string {
  // A number for the years of real ledgers (no string per row); anything else by its text.
  const span = validThrough - electedYear;
  const key = smallYear(electedYear) && smallYear(year) && (span === 0 || span === 1) ? (electedYear * 10000 + year) * 2 + span : `${electedYear}|${validThrough}|${year}`;
  let m = expiredMessages.get(key);
  if (m === undefined) {
    if (expiredMessages.size >= 4096) expiredMessages.clear();
    expiredMessages.set(key, (m = [`期满：`, electedYear, `年当选，示范期至`, validThrough, `年，`, year, `年已不在示范期内`].join("")));
  }
  return m;
}

/** The rules of a row's deductions, each once in order (整改项): one frozen list per distinct sequence. */
type RuleListNode = { next: Map<string, RuleListNode>; list?: string[] };
const ruleLists: RuleListNode = { next: new Map() };
function rectifyList(deductions: ArrayLike<Deduction>, from = 0, to = deductions.length): string[] {
  let node = ruleLists;
  for (let i = from; i < to; i++) {
    const id = deductions[i]!.rule;
    if (firstOf(deductions, from, id) < i) continue;
    let next = node.next.get(id);
    if (next === undefined) node.next.set(id, (next = { next: new Map() }));
    node = next;
  }
  if (node.list === undefined) {
    const ids: string[] = [];
    for (let i = from; i < to; i++) if (firstOf(deductions, from, deductions[i]!.rule) === i) ids.push(deductions[i]!.rule);
    node.list = Object.freeze(ids) as string[];
  }
  return node.list;
}

/** Where `rule` is first met from `from` (it is met: the caller asks for a rule of the range). */
function firstOf(deductions: ArrayLike<Deduction>, from: number, rule: string): number {
  for (let i = from; i < deductions.length; i++) if (deductions[i]!.rule === rule) return i;
  return -1;
}

const ROUND_ORDER = { 初评: 0, 复评: 1 } as const;

function compareAssessments(rows: Rows, a: number, b: number): number {
  const ya = rows.yearOf(a) ?? Number.MAX_SAFE_INTEGER;
  const yb = rows.yearOf(b) ?? Number.MAX_SAFE_INTEGER;
  return ya - yb || ROUND_ORDER[rows.roundOf(a)] - ROUND_ORDER[rows.roundOf(b)] || rows.sheetIndex[a]! - rows.sheetIndex[b]! || rows.recs[a]!.row - rows.recs[b]!.row;
}

/** A title elected after the year of a revocation is a new title; any other later row is the revoked one. */
function isNewTitle(rows: Rows, i: number, revoked: number): boolean {
  const e = rows.electedOf(i);
  const y = rows.yearOf(revoked);
  return e !== null && y !== null && e > y;
}

/** What follows a revocation (第十一条), per scheme: two lists, shared (frozen) by the revoked rows. */
const consequenceLists = new WeakMap<Scheme, { municipal: string[]; provincial: string[] }>();
function consequencesOf(scheme: Scheme, provincial: boolean): string[] {
  let c = consequenceLists.get(scheme);
  if (c === undefined) {
    const always = scheme.consequences.always;
    c = { municipal: Object.freeze([...always]) as string[], provincial: Object.freeze([...always, scheme.consequences.provincial]) as string[] };
    consequenceLists.set(scheme, c);
  }
  return provincial ? c.provincial : c.municipal;
}

function carriedReason(rows: Rows, i: number, revoked: number): string {
  const year = rows.yearOf(i);
  const ry = rows.yearOf(revoked);
  const when = year !== null && year === ry ? (rows.roundOf(i) === "复评" ? "复评" : "本次考核") : `${year ?? "以后"}年的考核`;
  const rec = rows.recs[revoked]!;
  // The row position follows the sentence (not nested inside it), so reports can drop it and keep the sentence.
  return `A11c（第十一条）：${ry ?? "?"}年${rows.roundOf(revoked)}已撤销（${rec.sheet} 第${rec.row}行），${when}不恢复称号`;
}

/**
 * A scored row's status by its own score and the previous one (第十一条: below 60, or twice below 80), with the
 * revocation that says why.
 */
/** "上次得分70分（2024年初评（考核台账 第4行））": the previous score and where it is from (its row, else the cell). */
function previousLabel(rows: Rows, prevScore: number, previous: number, ls: Fact | null): string {
  return `上次得分${prevScore}分（${previous >= 0 ? rows.where(previous) : (ls?.cell ?? "")}）`;
}

/**
 * A scored row's status by its own score and the previous one (`previous`: that row, or -1 when the score is the
 * row's 上次得分 `ls`) under 第十一条 (below 60, or twice below 80), with the revocation that says why.
 */
function verdict(rows: Rows, i: number, score: number, total: number, prevScore: number | null, previous: number, ls: Fact | null, settings: HunanSettings): Status {
  if (score < settings.revokeBelowScore) {
    rows.markBelowLine(i);
  } else if (score < settings.twiceBelowScore && prevScore !== null && prevScore < settings.twiceBelowScore) {
    const prevLabel = previousLabel(rows, prevScore, previous, ls);
    rows.setRevocations(i, append(rows.revocationsOf(i), {
      rule: "A11b",
      cells: ls && prevLabel.includes(ls.cell) ? [ls.cell] : [],
      reason: `A11b（第十一条）：连续两次得分低于${settings.twiceBelowScore}分，本次${score}分，${prevLabel}`,
    }));
  }
  let status: Status;
  if (rows.revoked(i)) status = "revoke";
  else if (total > 0) {
    status = "rectify";
  } else status = "retain";
  rows.setStatus(i, status);
  return status;
}

/**
 * A post assessed once (most of a ledger): {@link history} for one row, where nothing comes before or after it.
 */
function historyOfOne(rows: Rows, i: number, settings: HunanSettings): void {
  const score = rows.score(i);
  const total = rows.totalOf(i);
  let status: Status = "error";
  if (rows.errors[i]!.length || score === null || total === null) rows.setStatus(i, status);
  else {
    const ls = rows.lastScore(i);
    const prevScore = ls ? (ls.value as number) : null;
    status = verdict(rows, i, score, total, prevScore, -1, ls, settings);
  }
  const y = rows.yearOf(i);
  if (y === null) return;
  if (rows.roundOf(i) === "复评") rows.warn(i, { code: "review-without-rectify", cells: [], message: `复评之前没有${y}年的初评（整改）记录` });
  else if (status === "rectify") rows.warn(i, awaitingReview(y));
}

/**
 * One post's assessments in order (year, then 初评 → 复评): the status of each, and what its history says.
 * After a revocation the title is gone: later rows of the same title are 撤销 (carried) until a title elected
 * after the revocation year starts a new term. "Two consecutive below 80" looks back within a term only.
 */
function history(rows: Rows, g: readonly number[], settings: HunanSettings): void {
  let revoked = -1;
  let lastRevocation = -1;
  let prev = -1;
  for (let k = 0; k < g.length; k++) {
    const i = g[k]!;
    const facts = rows.recs[i]!.facts;
    const year = rows.yearOf(i);
    const before = k > 0 ? g[k - 1]! : -1;
    if (g.length > 1 && year === null) {
      rows.warn(i, { code: "no-year", cells: [facts["year"]?.cell ?? ""].filter(Boolean), message: "考核年度为空，无法确定与同一示范岗其他考核的先后" });
    }
    if (before >= 0 && rows.yearOf(before) === year && rows.roundOf(before) === rows.roundOf(i)) {
      rows.warn(i, { code: "duplicate-assessment", cells: [], message: `与 ${rows.where(before)} 为同一示范岗的同一次考核` });
    }
    if (revoked >= 0 && isNewTitle(rows, i, revoked)) {
      revoked = -1;
      prev = -1;
    }
    const e = rows.electedOf(i);
    const lastYear = lastRevocation >= 0 ? rows.yearOf(lastRevocation) : null;
    if (revoked < 0 && lastYear !== null && e !== null && e === lastYear + 1) {
      rows.warn(i, {
        code: "reselected-after-revoke",
        cells: [facts["electedYear"]?.cell ?? ""].filter(Boolean),
        message: `评选提示：${rows.where(lastRevocation)}已被撤销，不得参加下一次（${e}年）评选（第十一条），本行当选年度为${e}年`,
      });
    }
    const previous = prev;
    prev = i;
    const score = rows.score(i);
    const total = rows.totalOf(i);
    if (rows.errors[i]!.length || score === null || total === null) {
      rows.setStatus(i, "error");
      if (revoked >= 0) rows.warn(i, { code: "carried-revocation", cells: [], message: `已于${rows.where(revoked)}撤销，称号不再恢复` });
      continue;
    }
    if (revoked >= 0) {
      rows.setRevocations(i, [{ rule: "A11c", cells: [], reason: carriedReason(rows, i, revoked) }, ...rows.revocationsOf(i)]);
      rows.setStatus(i, "revoke");
      continue;
    }
    let prevScore: number | null = null;
    // Where the previous score is from: that row, or (-1) this row's 上次得分.
    let prevFrom = -1;
    const ls = rows.lastScore(i);
    const previousScore = previous >= 0 ? rows.score(previous) : null;
    if (previousScore !== null) {
      prevScore = previousScore;
      prevFrom = previous;
      if (ls && ls.value !== prevScore) {
        rows.warn(i, { code: "last-score-differs", cells: [ls.cell], message: `上次得分（${ls.cell}）填${formatValue(ls.value)}分，与 ${rows.where(previous)} 的${prevScore}分不同，以后者为准` });
      }
    } else if (ls) {
      prevScore = ls.value as number;
      if (previous >= 0) rows.warn(i, { code: "previous-unknown", cells: [], message: `上一次考核 ${rows.where(previous)} 数据有误，改用上次得分列` });
    } else if (previous >= 0) {
      rows.warn(i, { code: "previous-unknown", cells: [], message: `上一次考核 ${rows.where(previous)} 数据有误，无法判断是否连续两次低于${settings.twiceBelowScore}分` });
    }
    if (verdict(rows, i, score, total, prevScore, prevFrom, ls, settings) === "revoke") {
      revoked = i;
      lastRevocation = i;
    }
  }
  // 整改 → 复评 within a year: a 整改 without a 复评 is 待复评; a 复评 without a 整改 before it is a warning.
  // Linear in the post's rows: a backward pass knows whether a 复评 follows, a forward one what came before.
  // (A post assessed once, most of a ledger, has nothing after it: no pass, nothing allocated.)
  const reviewAfter = new Array<boolean>(g.length);
  const reviewedYears = new Set<number>();
  for (let k = g.length - 1; k >= 0; k--) {
    const y = rows.yearOf(g[k]!);
    reviewAfter[k] = y !== null && reviewedYears.has(y);
    if (y !== null && rows.roundOf(g[k]!) === "复评") reviewedYears.add(y);
  }
  let last = -1;
  for (let k = 0; k < g.length; k++) {
    const i = g[k]!;
    const y = rows.yearOf(i);
    const before = last >= 0 && y !== null && rows.yearOf(last) === y ? last : -1;
    last = i;
    if (y === null) continue;
    if (rows.statusOf(i) === "rectify" && rows.roundOf(i) === "初评" && !reviewAfter[k]) rows.warn(i, awaitingReview(y));
    if (rows.roundOf(i) !== "复评") continue;
    if (before < 0) {
      rows.warn(i, { code: "review-without-rectify", cells: [], message: `复评之前没有${y}年的初评（整改）记录` });
    } else if (rows.statusOf(before) === "retain") {
      rows.warn(i, { code: "review-without-rectify", cells: [], message: `${rows.where(before)}为保持、没有扣分项，本次复评没有对应的整改` });
    }
  }
}

/**
 * Members: a member row with a year applies to that year's rows of its post, else to the latest year's; within
 * the year, to the rows of its 考核轮次 — without one, to the 初评 (the 复评 is scored on its own row).
 */
function attachMembers(rows: Rows, members: readonly RowRecord[], keys: PostKeys, chains: NameChains, topWarnings: Warning[]): void {
  const noRoundSheets = new Set<string>();
  for (const m of members) {
    // The rows of the member's name (its chain), then those of its place.
    const id = keys.knownNameId(str(m.facts["name"]) ?? "");
    const candidates: number[] = [];
    for (let i = id === undefined ? -1 : chains.first[id]!; i !== -1; i = chains.next[i]!) if (memberMatches(m, rows, i)) candidates.push(i);
    const mYear = numOf(m.facts["year"]);
    let targets = candidates;
    if (mYear !== null) targets = candidates.filter((i) => rows.yearOf(i) === mYear);
    else if (candidates.length) {
      const latest = Math.max(...candidates.map((i) => rows.yearOf(i) ?? -Infinity));
      targets = candidates.filter((i) => (rows.yearOf(i) ?? -Infinity) === latest);
    }
    const hasRound = "round" in m.facts;
    const round = str(m.facts["round"]) === "复评" ? "复评" : "初评";
    const ofRound = targets.filter((i) => rows.roundOf(i) === round);
    if (!hasRound && targets.some((i) => rows.roundOf(i) === "复评")) noRoundSheets.add(m.sheet);
    // A post assessed only at 复评 that year takes its members there when the sheet names no round.
    targets = ofRound.length || hasRound ? ofRound : targets;
    if (!targets.length) {
      const nameCell = m.facts["name"]?.cell ?? `第${m.row}行`;
      topWarnings.push({
        code: "member-unmatched",
        cells: [qualify(m.sheet, nameCell)],
        message: `成员表 ${qualify(m.sheet, nameCell)}“${str(m.facts["name"]) ?? ""}”${str(m.facts["memberName"]) ?? ""}：台账中没有对应的示范岗${hasRound ? `（${mYear ?? ""}${mYear ? "年" : ""}${round}）` : ""}`,
      });
      continue;
    }
    for (const i of targets) {
      const list = rows.members.get(i);
      if (list) list.push(m);
      else rows.members.set(i, [m]);
      if (m.errors.length) rows.errors[i] = [...rows.errors[i]!, ...m.errors.map((e) => ({ cell: qualify(m.sheet, e.cell), message: `成员表：${e.message}` }))];
    }
  }
  for (const sheet of noRoundSheets) {
    topWarnings.push({
      code: "member-round",
      cells: [],
      message: `成员表「${sheet}」没有“考核轮次”列：成员情况只用于初评，复评按台账本行评分（成员情况要用于复评时，加“考核轮次”列并填写“复评”）`,
    });
  }
}

const KEY_PARTS = ["", "", ""];
/** 市州|工作单位|示范岗名称 as one flat string (a template literal would hold a tree of its pieces). */
function joinKey(city: string, unit: string, name: string): string {
  KEY_PARTS[0] = city;
  KEY_PARTS[1] = unit;
  KEY_PARTS[2] = name;
  return KEY_PARTS.join("|");
}

export function scoreLedger(input: LedgerInput, scheme: Scheme, settings: HunanSettings): LedgerResult {
  // Each pass over the rows is a function of its own: optimised on its own, and not thrown away (deoptimised)
  // with the others when a later pass meets a case the earlier ones had not seen.
  const keys = new PostKeys();
  const rows = new Rows(input.sheets, scheme, settings);
  const chains = nameChains(rows, keys);
  const topWarnings: Warning[] = [];
  if (input.members?.length) attachMembers(rows, input.members, keys, chains, topWarnings);
  evaluateRows(rows, evaluatorFor(scheme, settings));
  histories(rows, chains, keys, settings);
  let from = 0;
  const sheets: SheetResult[] = input.sheets.map((s) => {
    const out = resultsOf(rows, from, s.records.length);
    from += out.length;
    return { sheet: s.sheet, headerRow: s.headerRow, warnings: s.warnings ?? [], rows: out };
  });
  return { scheme: scheme.id, sheets, warnings: topWarnings };
}

/**
 * The rows of each name ({@link postNameKey}'s tolerance) as a chain: the first row of each name id, and per row
 * the next row of its name (-1: none). No list is made per name: most names are on one row.
 */
type NameChains = { names: number; first: Int32Array; next: Int32Array };

function nameChains(rows: Rows, keys: PostKeys): NameChains {
  const n = rows.length;
  const first = new Int32Array(n).fill(-1);
  const last = new Int32Array(n);
  const next = new Int32Array(n).fill(-1);
  let names = 0;
  // Indexed loops over the rows here and below: a for…of over tens of thousands of rows allocates an iterator
  // result per row until the function is optimised, and these run once per scoring.
  for (let i = 0; i < n; i++) {
    const name = rows.nameOf(i);
    if (!name) continue;
    const id = keys.nameId(name);
    if (id >= names) names = id + 1;
    if (first[id] === -1) first[id] = i;
    else next[last[id]!] = i;
    last[id] = i;
  }
  return { names, first, next };
}

/** Above this many rows of one name, places are told apart by their ids (linear), not pair by pair. */
const PAIRWISE = 8;

/** The rows of one name, as the groups of their places (in the order first met). */
function splitByPlace(rows: Rows, keys: PostKeys, named: number[], out: (number | number[])[]): void {
  // A few rows (a post over the years, or one name in a few 市州): compared pair by pair, as written first.
  const places = named.length > PAIRWISE ? named.map((i) => keys.place(rows.cityOf(i) ?? "", rows.unitOf(i) ?? "")) : null;
  const taken = new Array<boolean>(named.length).fill(false);
  for (let a = 0; a < named.length; a++) {
    if (taken[a]) continue;
    const ia = named[a]!;
    let group: number | number[] = ia;
    for (let b = a + 1; b < named.length; b++) {
      if (taken[b]) continue;
      const ib = named[b]!;
      if (places ? places[a] !== places[b] : !samePlace(rows, ia, ib)) continue;
      taken[b] = true;
      if (typeof group === "number") group = [group, ib];
      else group.push(ib);
    }
    out.push(group);
  }
}

/** 市州 and 工作单位 equal as {@link postKey} compares them. */
function samePlace(rows: Rows, a: number, b: number): boolean {
  const ca = rows.cityOf(a) ?? "";
  const cb = rows.cityOf(b) ?? "";
  if (ca !== cb && cityKey(ca) !== cityKey(cb)) return false;
  const ua = rows.unitOf(a) ?? "";
  const ub = rows.unitOf(b) ?? "";
  return ua === ub || normalizeText(ua) === normalizeText(ub);
}

/** Every rule on every row without input errors: findings, total and score. */
function evaluateRows(rows: Rows, ev: Evaluator): void {
  const finding: Finding = { rec: EMPTY_RECORD, postType: null, members: NO_MEMBERS, deductions: NONE, revocations: NONE, warnings: NONE };
  const withMembers = rows.members.size > 0;
  for (let i = 0; i < rows.length; i++) {
    if (rows.errors[i]!.length) continue;
    finding.rec = rows.recs[i]!;
    finding.postType = rows.postTypeOf(i);
    finding.members = withMembers ? (rows.members.get(i) ?? NO_MEMBERS) : NO_MEMBERS;
    finding.deductions = NONE;
    finding.revocations = NONE;
    finding.warnings = rows.warnings[i]!;
    // The findings are in the evaluator's scratch lists, or (after the reviewer's columns) in the finding's.
    const total = ev.evaluate(finding)
      ? rows.found(i, finding.deductions, finding.deductions.length, finding.revocations, finding.revocations.length)
      : ev.foundOn(rows, i);
    rows.warnings[i] = finding.warnings;
    rows.setTotal(i, total);
  }
}

/**
 * Each post's history, its rows in order. The posts are the rows of each name, then of each place
 * ({@link postKey}'s tolerance): a name on one row is a post on one row.
 */
function histories(rows: Rows, chains: NameChains, keys: PostKeys, settings: HunanSettings): void {
  const { names, first, next } = chains;
  for (let id = 0; id < names; id++) {
    const i = first[id]!;
    if (i === -1) continue;
    const j = next[i]!;
    if (j === -1) {
      historyOfOne(rows, i, settings);
      continue;
    }
    if (next[j] === -1 && !samePlace(rows, i, j)) {
      // One name in two places: a post each.
      historyOfOne(rows, i, settings);
      historyOfOne(rows, j, settings);
      continue;
    }
    const named = [i];
    for (let k = j; k !== -1; k = next[k]!) named.push(k);
    const posts: (number | number[])[] = [];
    splitByPlace(rows, keys, named, posts);
    for (const g of posts) {
      if (typeof g === "number") historyOfOne(rows, g, settings);
      else {
        g.sort((a, b) => compareAssessments(rows, a, b));
        history(rows, g, settings);
      }
    }
  }
}

/** The results of `count` rows from `from`: each a view of its row, its warnings made final. */
function resultsOf(rows: Rows, from: number, count: number): RowResult[] {
  const out = new Array<RowResult>(count);
  for (let j = 0; j < count; j++) {
    finish(rows, from + j);
    out[j] = new LedgerRow(rows, from + j);
  }
  return out;
}

/** A 数据有误 row says nothing "未检查" beside its errors. Its 期满 warning is made when read. */
function finish(rows: Rows, i: number): void {
  if (rows.statusOf(i) === "error" && rows.warnings[i]!.length) rows.warnings[i] = rows.warnings[i]!.filter((w) => w.code !== "unchecked");
}

/** The row's warnings, with 期满 last when the year assessed is after its 示范期 (第十条). */
function warningsOf(rows: Rows, i: number): Warning[] {
  const warnings = rows.warnings[i]!;
  const vt = rows.validThrough(i);
  const year = rows.yearOf(i);
  if (vt === null || year === null || year <= vt) return warnings;
  const f = rows.recs[i]!.facts["electedYear"];
  const message = expiredMessage(rows.electedOf(i)!, vt, year);
  return append(warnings, f ? new CellWarning("expired", f, message) : { code: "expired", cells: [], message });
}

const ROWS: unique symbol = Symbol("rows");
const AT: unique symbol = Symbol("at");

/**
 * A row's result: a view of its place in the scoring's columns ({@link Rows}), one small object a row (50,000
 * results of their own were 20 MB, copied by every collection while the rest was scored). To a reader it is the
 * plain {@link RowResult}: fields read as properties, JSON.stringify gives the same keys in the same order
 * (toJSON), and its key ("市州|单位|名称") is made when read. What copies own data only (a structured clone,
 * a spread) does not see the fields: see plainRow (findings.ts).
 */
export class LedgerRow implements RowResult {
  declare readonly [ROWS]: Rows;
  declare readonly [AT]: number;

  constructor(rows: Rows, at: number) {
    this[ROWS] = rows;
    this[AT] = at;
  }

  get row(): number {
    return this[ROWS].recs[this[AT]]!.row;
  }

  get key(): string {
    const rows = this[ROWS];
    const i = this[AT];
    return joinKey(rows.cityOf(i) ?? "", rows.unitOf(i) ?? "", rows.nameOf(i) ?? "");
  }

  get year(): number | null {
    return this[ROWS].yearOf(this[AT]);
  }

  get round(): Round {
    return this[ROWS].roundOf(this[AT]);
  }

  get status(): Status {
    return this[ROWS].statusOf(this[AT]);
  }

  get deductionTotal(): number | null {
    return this.status === "error" ? null : this[ROWS].totalOf(this[AT]);
  }

  get score(): number | null {
    return this.status === "error" ? null : this[ROWS].score(this[AT]);
  }

  get deductions(): Deduction[] {
    return this.status === "error" ? NONE : this[ROWS].deductionsOf(this[AT]);
  }

  get revocations(): Revocation[] {
    return this.status === "error" ? NONE : this[ROWS].revocationsOf(this[AT]);
  }

  get rectifyItems(): string[] {
    return this.status === "rectify" ? this[ROWS].rectifyItems(this[AT]) : NONE;
  }

  get validThrough(): number | null {
    return this[ROWS].validThrough(this[AT]);
  }

  /** Each read of a 期满 row gives a new list (the same warnings). */
  get warnings(): Warning[] {
    return warningsOf(this[ROWS], this[AT]);
  }

  get errors(): CellError[] {
    return this[ROWS].errors[this[AT]]!;
  }

  /** What follows a revocation (第十一条); undefined unless revoked. */
  get consequences(): string[] | undefined {
    return this.status === "revoke" ? consequencesOf(this[ROWS].scheme, this[ROWS].provincial(this[AT])) : undefined;
  }

  toJSON(): RowResult {
    const { row, key, year, round, deductionTotal, score, status, deductions, revocations, rectifyItems, validThrough, warnings, errors } = this;
    const plain: RowResult = { row, key, year, round, deductionTotal, score, status, deductions, revocations, rectifyItems, validThrough, warnings, errors };
    const consequences = this.consequences;
    if (consequences) plain.consequences = consequences;
    return plain;
  }
}

/** Rectification sentences for rule ids (one evaluator per scheme and settings, reused across rows). */
export function rectifyTexts(scheme: Scheme, settings: HunanSettings, ids: string[]): string[] {
  if (!ids.length) return [];
  const ev = evaluatorFor(scheme, settings);
  return ids.map((id) => ev.rectifyText(id));
}

/** Rules are compiled once per scheme and settings object (again if its thresholds were changed in place). */
const evaluators = new WeakMap<HunanSettings, Evaluator>();
function evaluatorFor(scheme: Scheme, settings: HunanSettings): Evaluator {
  const hit = evaluators.get(settings);
  if (hit && hit.fits(scheme, settings)) return hit;
  const ev = new Evaluator(scheme, settings);
  evaluators.set(settings, ev);
  return ev;
}
