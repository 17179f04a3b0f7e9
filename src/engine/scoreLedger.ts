/**
 * The hunan engine: ledger records (and optional member records) in, per-row results out.
 * Pure and synchronous: no I/O, no host. Order of input rows does not matter.
 */
import type { HunanSettings, RuleDef, Scheme } from "../schemes/types";
import { normalizeText } from "../sheets/normalize";
import type { CellError, Fact, RowRecord } from "../sheets/records";
import type { ReviewMark } from "../sheets/values";
import { citation, deductionBase, itemName, openParen, qualify, readingWarnings, rectifySentence, ruleHead, shownTail } from "./explain";
import { addHit, blankCells, clearTally, compile, formatValue, hitCells, hitShown, leafFields, newTally, type CompiledCondition, type Tally } from "./operators";
import { cityKey, nameKeyOf, postNameKey } from "./selection";
import type { Deduction, LedgerResult, Revocation, RowResult, SheetResult, Status, Warning } from "./types";

export type LedgerSheetInput = { sheet: string; headerRow: number; records: RowRecord[]; warnings?: Warning[] };
export type LedgerInput = { sheets: LedgerSheetInput[]; members?: RowRecord[] };

type Identity = {
  name: string | null;
  city: string;
  unit: string;
  /** The name as compared across rows (postNameKey). */
  nameKey: string;
  postType: "service" | "supervision" | null;
  provincial: boolean;
  year: number | null;
  round: "初评" | "复评";
  electedYear: number | null;
  lastScore: Fact | null;
};

/** A row being scored: who it is and what was found (one object a row: a ledger has tens of thousands). */
type Pending = Identity & {
  sheetIndex: number;
  rec: RowRecord;
  errors: CellError[];
  deductions: Deduction[];
  revocations: Revocation[];
  warnings: Warning[];
  rectify: string[];
  members: RowRecord[];
  score: number | null;
  total: number | null;
  status: Status;
  consequences?: string[];
};

const str = (f: Fact | undefined): string | null => (f && typeof f.value === "string" ? f.value : null);
const numOf = (f: Fact | undefined): number | null => (f && typeof f.value === "number" ? f.value : null);
const norm = (s: string | null) => normalizeText(s ?? "");

/**
 * The tolerant keys of one scoring, per distinct text. selection.ts memoises them too, but within a bounded
 * memo: a ledger naming more posts than it holds would normalise every name again, twice per row.
 */
class PostKeys {
  private readonly cities = new Map<string, string>();
  private readonly units = new Map<string, string>();
  private readonly names = new Map<string, string>();

  name(s: string): string {
    let k = this.names.get(s);
    if (k === undefined) this.names.set(s, (k = nameKeyOf(s)));
    return k;
  }

  /** {@link postKey}, from the keys of its parts. */
  post(city: string, unit: string, nameKey: string): string {
    let c = this.cities.get(city);
    if (c === undefined) this.cities.set(city, (c = cityKey(city)));
    let u = this.units.get(unit);
    if (u === undefined) this.units.set(unit, (u = normalizeText(unit)));
    return `${c}|${u}|${nameKey}`;
  }
}

function pendingOf(rec: RowRecord, sheetIndex: number, keys: PostKeys): Pending {
  const f = rec.facts;
  const name = str(f["name"]);
  const city = str(f["city"]) ?? "";
  const unit = str(f["unit"]) ?? "";
  const postType = str(f["postType"]);
  const lastScore = f["lastScore"] && f["lastScore"].value !== null ? f["lastScore"] : null;
  const nameKey = keys.name(name ?? "");
  return {
    name,
    city,
    unit,
    nameKey,
    postType: postType === "service" || postType === "supervision" ? postType : null,
    provincial: str(f["level"]) === "provincial",
    year: numOf(f["year"]),
    round: str(f["round"]) === "复评" ? "复评" : "初评",
    electedYear: numOf(f["electedYear"]),
    lastScore,
    sheetIndex,
    rec,
    errors: NONE,
    deductions: NONE,
    revocations: NONE,
    warnings: NONE,
    rectify: NONE,
    members: NO_MEMBERS,
    score: null,
    total: null,
    status: "error",
    // Set on every row (undefined until revoked), so that all rows keep one shape.
    consequences: undefined,
  };
}

/** validThrough per 第十条: elected in the first year of a cycle → two years, in the second → one. */
export function validThrough(electedYear: number, cycleStartYear: number): number {
  const first = (((electedYear - cycleStartYear) % 2) + 2) % 2 === 0;
  return first ? electedYear + 1 : electedYear;
}

function memberMatches(m: RowRecord, id: Identity): boolean {
  const f = m.facts;
  if (postNameKey(str(f["name"])) !== postNameKey(id.name)) return false;
  const city = str(f["city"]);
  const unit = str(f["unit"]);
  if (city && cityKey(city) !== cityKey(id.city)) return false;
  if (unit && norm(unit) !== norm(id.unit)) return false;
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
type CompiledRule = {
  rule: RuleDef;
  /** Its position in the scheme. */
  at: number;
  post: CompiledCondition | null;
  member: CompiledCondition | null;
  head: string;
  /** Per count: the deduction's sentence up to its cells (see {@link deductionBase}), and with "（" after it. */
  bases: string[];
  opens: string[];
  /** The revocation's sentence up to its cells, with "（". */
  revokeOpen: string;
};

/** The sheet-qualified cells and shown values of a member record's hits, added to the members' tally. */
function addQualified(to: Tally, from: Tally, sheet: string): void {
  to.n += from.n;
  to.checked ||= from.checked;
  // "F4：85%" → "'成员表'!F4：85%" (the cell never contains "：").
  for (let i = 0; i < from.nHits; i++) {
    const sh = from.shown[i]!;
    const at = sh.indexOf("：");
    addHit(to, qualify(sheet, from.cells[i]!), `${qualify(sheet, sh.slice(0, at))}${sh.slice(at)}`);
  }
}

/** A 评分表 item's review column (评审意见) and the item's rules. */
type Review = { it: Scheme["items"][number]; fact: string; rules: CompiledRule[] };

/**
 * What a sheet's records can show, worked out once per sheet (RowRecord.fieldIds): the rules with any input
 * there (by position; the others see nothing on every row and are not run), the review columns present, and
 * whether 撤销情形 is. A fact looked up that a row does not have costs as much as one it has.
 */
type SheetPlan = { live: readonly boolean[]; reviews: readonly Review[]; revokeNote: boolean };

class Evaluator {
  private readonly rateFields: Set<string>;
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
  private readonly unchecked: CompiledRule[] = [];
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
    this.everything = this.plan = { live: all.map(() => true), reviews: this.reviews, revokeNote: true };
  }

  private planFor(rec: RowRecord): SheetPlan {
    const ids = rec.fieldIds;
    if (ids === undefined) return this.everything;
    if (ids === this.planIds) return this.plan;
    const has = new Set(ids);
    this.planIds = ids;
    return (this.plan = {
      live: this.compiled.all.map((c) => (c.rule.post ? leafFields(c.rule.post).some((f) => has.has(f)) : false)),
      reviews: this.reviews.filter((r) => has.has(r.fact)),
      revokeNote: has.has("revokeNote"),
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

  /** Applies every rule, the reviewer's columns and 撤销情形 to one row without input errors. */
  evaluate(p: Pending): void {
    const { settings, postTally: post, memberTally, unchecked } = this;
    const facts = p.rec.facts;
    unchecked.length = 0;
    if (p.rec.readings || (p.members.length && p.members.some((m) => m.readings))) {
      const out: Warning[] = [...p.warnings];
      readingWarnings(p.rec, out, null);
      for (const m of p.members) readingWarnings(m, out, m.sheet);
      p.warnings = out;
    }
    const plan = this.planFor(p.rec);
    const rules = p.postType === null ? this.compiled.none : this.compiled[p.postType];
    for (let r = 0; r < rules.length; r++) {
      const c = rules[r]!;
      const rule = c.rule;
      clearTally(post);
      if (c.post && plan.live[c.at]) c.post(facts, post);
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
      // The finding's lists are its own, at their exact size (the tally's are scratch).
      const cells = blanks.length ? [...hitCells(obs), ...blanks] : hitCells(obs);
      const shown = blanks.length ? [...hitShown(obs), ...blanks.map((b) => `${b}：空白`)] : obs.nHits ? hitShown(obs) : NONE;
      if (rule.effect.kind === "deduct") {
        const count = rule.effect.per === "once" ? 1 : n;
        const points = rule.effect.points * count;
        const base = (c.bases[count] ??= deductionBase(c.head, rule, count, points));
        const text = shown.length ? (c.opens[count] ??= openParen(base)) + shownTail(shown) : base;
        p.deductions = add(p.deductions, { rule: rule.id, points, count, cells, item: rule.item, text });
      } else {
        p.revocations = add(p.revocations, { rule: rule.id, cells, reason: shown.length ? c.revokeOpen + shownTail(shown) : c.head });
      }
    }
    if (plan.reviews.length) this.applyReviews(p, plan.reviews);
    const note = plan.revokeNote ? facts["revokeNote"] : undefined;
    if (note && note.value === true) {
      p.revocations = add(p.revocations, { rule: "R0", cells: [note.cell], reason: `R0（撤销情形）：${note.text ?? "已填写撤销情形"}（${note.cell}）` });
    }
    if (unchecked.length) p.warnings = add(p.warnings, this.uncheckedWarning());
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
    for (let i = 0; i < unchecked.length; i++) node = node.next[unchecked[i]!.at] ??= { next: [] };
    return (node.warning ??= uncheckedWarning(this.unchecked.map((c) => c.rule.id)));
  }

  /** The reviewers' own per-item columns count over the facts; a difference is a warning. */
  private applyReviews(p: Pending, reviews: readonly Review[]): void {
    const { scheme, itemOf, unchecked } = this;
    for (let i = 0; i < reviews.length; i++) {
      const { it, fact, rules } = reviews[i]!;
      const f = p.rec.facts[fact];
      if (!f || f.value === null) continue;
      const mark = f.value as ReviewMark;
      const checked = rules.some((c) => !unchecked.includes(c));
      const factPoints = p.deductions.filter((d) => d.item === it.item).reduce((s, d) => s + d.points, 0);
      const factRevoke = p.revocations.some((r) => itemOf.get(r.rule) === it.item);
      p.deductions = p.deductions.filter((d) => d.item !== it.item);
      p.revocations = p.revocations.filter((r) => itemOf.get(r.rule) !== it.item);
      for (const c of rules) {
        const i = unchecked.indexOf(c);
        if (i >= 0) unchecked.splice(i, 1);
      }
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

function identityErrors(rec: RowRecord, id: Identity): CellError[] {
  if (id.name && id.postType) return NONE;
  const errs: CellError[] = [];
  const has = (field: string) => rec.errors.some((e) => e.cell === rec.facts[field]?.cell);
  if (!id.name && !has("name")) {
    const cell = rec.facts["name"]?.cell ?? `第${rec.row}行`;
    errs.push({ cell, message: `示范岗名称（${cell}）为空，应填写示范岗名称` });
  }
  if (!id.postType && !has("postType")) {
    const cell = rec.facts["postType"]?.cell ?? `第${rec.row}行`;
    errs.push({ cell, message: `岗位类别（${cell}）为空，应为 服务岗 或 监督岗` });
  }
  return errs;
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

const expiredMessages = new Map<string, string>();
function expiredMessage(electedYear: number, validThrough: number, year: number): string {
  const key = `${electedYear}|${validThrough}|${year}`;
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
function rectifyList(deductions: readonly Deduction[]): string[] {
  let node = ruleLists;
  const seen: string[] = [];
  for (let i = 0; i < deductions.length; i++) {
    const id = deductions[i]!.rule;
    if (seen.includes(id)) continue;
    seen.push(id);
    let next = node.next.get(id);
    if (next === undefined) node.next.set(id, (next = { next: new Map() }));
    node = next;
  }
  return (node.list ??= Object.freeze(seen) as string[]);
}

const ROUND_ORDER = { 初评: 0, 复评: 1 } as const;

function compareAssessments(a: Pending, b: Pending): number {
  const ya = a.year ?? Number.MAX_SAFE_INTEGER;
  const yb = b.year ?? Number.MAX_SAFE_INTEGER;
  return ya - yb || ROUND_ORDER[a.round] - ROUND_ORDER[b.round] || a.sheetIndex - b.sheetIndex || a.rec.row - b.rec.row;
}

function where(p: Pending): string {
  return `${p.year ?? "?"}年${p.round}（${p.rec.sheet} 第${p.rec.row}行）`;
}

/** A title elected after the year of a revocation is a new title; any other later row is the revoked one. */
function isNewTitle(p: Pending, revoked: Pending): boolean {
  return p.electedYear !== null && revoked.year !== null && p.electedYear > revoked.year;
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

function carriedReason(p: Pending, revoked: Pending): string {
  const when = p.year !== null && p.year === revoked.year ? (p.round === "复评" ? "复评" : "本次考核") : `${p.year ?? "以后"}年的考核`;
  // The row position follows the sentence (not nested inside it), so reports can drop it and keep the sentence.
  return `A11c（第十一条）：${revoked.year ?? "?"}年${revoked.round}已撤销（${revoked.rec.sheet} 第${revoked.rec.row}行），${when}不恢复称号`;
}

/**
 * One post's assessments in order (year, then 初评 → 复评): the status of each, and what its history says.
 * After a revocation the title is gone: later rows of the same title are 撤销 (carried) until a title elected
 * after the revocation year starts a new term. "Two consecutive below 80" looks back within a term only.
 */
function history(g: Pending[], scheme: Scheme, settings: HunanSettings): void {
  let revoked: Pending | null = null;
  let lastRevocation: Pending | null = null;
  let prev: Pending | null = null;
  g.forEach((p, i) => {
    const before = i > 0 ? g[i - 1]! : null;
    if (g.length > 1 && p.year === null) {
      p.warnings = add(p.warnings, { code: "no-year", cells: [p.rec.facts["year"]?.cell ?? ""].filter(Boolean), message: "考核年度为空，无法确定与同一示范岗其他考核的先后" });
    }
    if (before && before.year === p.year && before.round === p.round) {
      p.warnings = add(p.warnings, { code: "duplicate-assessment", cells: [], message: `与 ${where(before)} 为同一示范岗的同一次考核` });
    }
    if (revoked && isNewTitle(p, revoked)) {
      revoked = null;
      prev = null;
    }
    const e = p.electedYear;
    if (!revoked && lastRevocation?.year != null && e !== null && e === lastRevocation.year + 1) {
      p.warnings = add(p.warnings, {
        code: "reselected-after-revoke",
        cells: [p.rec.facts["electedYear"]?.cell ?? ""].filter(Boolean),
        message: `评选提示：${where(lastRevocation)}已被撤销，不得参加下一次（${e}年）评选（第十一条），本行当选年度为${e}年`,
      });
    }
    const previous = prev;
    prev = p;
    if (p.errors.length || p.score === null || p.total === null) {
      p.status = "error";
      if (revoked) p.warnings = add(p.warnings, { code: "carried-revocation", cells: [], message: `已于${where(revoked)}撤销，称号不再恢复` });
      return;
    }
    if (revoked) {
      p.revocations = [{ rule: "A11c", cells: [], reason: carriedReason(p, revoked) }, ...p.revocations];
      p.status = "revoke";
      p.consequences = consequencesOf(scheme, p.provincial);
      return;
    }
    let prevScore: number | null = null;
    let prevLabel = "";
    if (previous && previous.score !== null) {
      prevScore = previous.score;
      prevLabel = `上次得分${prevScore}分（${where(previous)}）`;
      const ls = p.lastScore;
      if (ls && ls.value !== prevScore) {
        p.warnings = add(p.warnings, { code: "last-score-differs", cells: [ls.cell], message: `上次得分（${ls.cell}）填${formatValue(ls.value)}分，与 ${where(previous)} 的${prevScore}分不同，以后者为准` });
      }
    } else if (p.lastScore) {
      prevScore = p.lastScore.value as number;
      prevLabel = `上次得分${prevScore}分（${p.lastScore.cell}）`;
      if (previous) p.warnings = add(p.warnings, { code: "previous-unknown", cells: [], message: `上一次考核 ${where(previous)} 数据有误，改用上次得分列` });
    } else if (previous) {
      p.warnings = add(p.warnings, { code: "previous-unknown", cells: [], message: `上一次考核 ${where(previous)} 数据有误，无法判断是否连续两次低于${settings.twiceBelowScore}分` });
    }
    if (p.score < settings.revokeBelowScore) {
      p.revocations = add(p.revocations, { rule: "A11a", cells: [], reason: `A11a（第十一条）：最终得分${p.score}分，低于${settings.revokeBelowScore}分` });
    } else if (p.score < settings.twiceBelowScore && prevScore !== null && prevScore < settings.twiceBelowScore) {
      p.revocations = add(p.revocations, {
        rule: "A11b",
        cells: p.lastScore && prevLabel.includes(p.lastScore.cell) ? [p.lastScore.cell] : [],
        reason: `A11b（第十一条）：连续两次得分低于${settings.twiceBelowScore}分，本次${p.score}分，${prevLabel}`,
      });
    }
    if (p.revocations.length) {
      p.status = "revoke";
      p.consequences = consequencesOf(scheme, p.provincial);
      revoked = p;
      lastRevocation = p;
    } else if (p.total > 0) {
      p.status = "rectify";
      p.rectify = rectifyList(p.deductions);
    } else {
      p.status = "retain";
    }
  });
  // 整改 → 复评 within a year: a 整改 without a 复评 is 待复评; a 复评 without a 整改 before it is a warning.
  // Linear in the post's rows: a backward pass knows whether a 复评 follows, a forward one what came before.
  // (A post assessed once, most of a ledger, has nothing after it: no pass, nothing allocated.)
  const reviewAfter: boolean[] = g.length > 1 ? new Array<boolean>(g.length) : NONE;
  if (g.length > 1) {
    const reviewedYears = new Set<number>();
    for (let i = g.length - 1; i >= 0; i--) {
      const y = g[i]!.year;
      reviewAfter[i] = y !== null && reviewedYears.has(y);
      if (y !== null && g[i]!.round === "复评") reviewedYears.add(y);
    }
  }
  let last: Pending | null = null;
  g.forEach((p, i) => {
    const y = p.year;
    const before = last && y !== null && last.year === y ? last : null;
    last = p;
    if (y === null) return;
    if (p.status === "rectify" && p.round === "初评" && !reviewAfter[i]) {
      p.warnings = add(p.warnings, awaitingReview(y));
    }
    if (p.round !== "复评") return;
    if (!before) {
      p.warnings = add(p.warnings, { code: "review-without-rectify", cells: [], message: `复评之前没有${y}年的初评（整改）记录` });
    } else if (before.status === "retain") {
      p.warnings = add(p.warnings, { code: "review-without-rectify", cells: [], message: `${where(before)}为保持、没有扣分项，本次复评没有对应的整改` });
    }
  });
}

export function scoreLedger(input: LedgerInput, scheme: Scheme, settings: HunanSettings): LedgerResult {
  const ev = evaluatorFor(scheme, settings);
  const pendings: Pending[] = [];
  const keys = new PostKeys();
  input.sheets.forEach((s, sheetIndex) => {
    // Indexed loops over the rows here and below: a for…of over tens of thousands of rows allocates an iterator
    // result per row until the function is optimised, and this one runs once per scoring.
    const records = s.records;
    for (let i = 0; i < records.length; i++) {
      const rec = records[i]!;
      const p = pendingOf(rec, sheetIndex, keys);
      p.errors = rec.errors.length ? [...rec.errors, ...identityErrors(rec, p)] : identityErrors(rec, p);
      pendings.push(p);
    }
  });

  const topWarnings: Warning[] = [];
  // A post's rows: most posts have one, held as itself (an array a post would be held to the end).
  const groups = new Map<string, Pending | Pending[]>();
  for (let i = 0; i < pendings.length; i++) {
    const p = pendings[i]!;
    if (!p.name) continue;
    const matchKey = keys.post(p.city, p.unit, p.nameKey);
    const g = groups.get(matchKey);
    if (g === undefined) groups.set(matchKey, p);
    else if (Array.isArray(g)) g.push(p);
    else groups.set(matchKey, [g, p]);
  }
  for (const g of groups.values()) if (Array.isArray(g)) g.sort(compareAssessments);

  // Members: a member row with a year applies to that year's rows of its post, else to the latest year's;
  // within the year, to the rows of its 考核轮次 — without one, to the 初评 (the 复评 is scored on its own row).
  const byName = new Map<string, Pending[]>();
  for (const p of input.members?.length ? pendings : NONE) {
    if (!p.name) continue;
    const k = p.nameKey;
    const list = byName.get(k);
    if (list) list.push(p);
    else byName.set(k, [p]);
  }
  const noRoundSheets = new Set<string>();
  for (const m of input.members ?? []) {
    const candidates = (byName.get(keys.name(str(m.facts["name"]) ?? "")) ?? []).filter((p) => memberMatches(m, p));
    const mYear = numOf(m.facts["year"]);
    let targets = candidates;
    if (mYear !== null) targets = candidates.filter((p) => p.year === mYear);
    else if (candidates.length) {
      const latest = Math.max(...candidates.map((p) => p.year ?? -Infinity));
      targets = candidates.filter((p) => (p.year ?? -Infinity) === latest);
    }
    const hasRound = "round" in m.facts;
    const round = str(m.facts["round"]) === "复评" ? "复评" : "初评";
    const ofRound = targets.filter((p) => p.round === round);
    if (!hasRound && targets.some((p) => p.round === "复评")) noRoundSheets.add(m.sheet);
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
    for (const p of targets) {
      if (p.members === NO_MEMBERS) p.members = [m];
      else p.members.push(m);
      if (m.errors.length) p.errors = [...p.errors, ...m.errors.map((e) => ({ cell: qualify(m.sheet, e.cell), message: `成员表：${e.message}` }))];
    }
  }
  for (const sheet of noRoundSheets) {
    topWarnings.push({
      code: "member-round",
      cells: [],
      message: `成员表「${sheet}」没有“考核轮次”列：成员情况只用于初评，复评按台账本行评分（成员情况要用于复评时，加“考核轮次”列并填写“复评”）`,
    });
  }

  for (let i = 0; i < pendings.length; i++) {
    const p = pendings[i]!;
    if (p.errors.length) continue;
    ev.evaluate(p);
    let total = 0;
    for (let d = 0; d < p.deductions.length; d++) total += p.deductions[d]!.points;
    p.total = total;
    p.score = Math.max(0, 100 - p.total);
  }

  for (const g of groups.values()) history(Array.isArray(g) ? g : [g], scheme, settings);

  const bySheet: Pending[][] = input.sheets.map(() => []);
  for (let i = 0; i < pendings.length; i++) bySheet[pendings[i]!.sheetIndex]!.push(pendings[i]!);
  const sheets: SheetResult[] = input.sheets.map((s, sheetIndex) => ({
    sheet: s.sheet,
    headerRow: s.headerRow,
    warnings: s.warnings ?? [],
    rows: bySheet[sheetIndex]!.map((p) => toResult(p, settings)),
  }));
  return { scheme: scheme.id, sheets, warnings: topWarnings };

  function toResult(p: Pending, s: HunanSettings): RowResult {
    const vt = p.electedYear !== null ? validThrough(p.electedYear, s.cycleStartYear) : null;
    // The pending row is done with: its list becomes the result's.
    let warnings = p.warnings;
    if (vt !== null && p.year !== null && p.year > vt) {
      const cell = p.rec.facts["electedYear"]?.cell ?? "";
      warnings = add(warnings, { code: "expired", cells: cell ? [cell] : [], message: expiredMessage(p.electedYear!, vt, p.year) });
    }
    const error = p.status === "error";
    // Built here, not when the row is read: a string held from the start is copied by every collection meanwhile.
    const key = `${p.city}|${p.unit}|${p.name ?? ""}`;
    const deductionTotal = error ? null : p.total;
    const score = error ? null : p.score;
    const deductions = error ? NONE : p.deductions;
    const revocations = error ? NONE : p.revocations;
    if (error) warnings = warnings.filter((w) => w.code !== "unchecked");
    const { year, round, status, rectify: rectifyItems, errors, consequences } = p;
    const row = p.rec.row;
    // Made whole, with or without 后果: a property added afterwards would give a revoked row's result a second block.
    return consequences
      ? { row, key, year, round, deductionTotal, score, status, deductions, revocations, rectifyItems, validThrough: vt, warnings, errors, consequences }
      : { row, key, year, round, deductionTotal, score, status, deductions, revocations, rectifyItems, validThrough: vt, warnings, errors };
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
