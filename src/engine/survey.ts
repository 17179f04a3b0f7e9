/**
 * The quarterly satisfaction tally (每季度服务满意度调查与测评): survey rows in either shape → one entry per
 * post × quarter with its sample, counts, rate and band (H1a/H1b), matched against the ledger's posts.
 * Blank and unreadable answers are counted apart, never guessed. Pure: grids in, data out.
 */
import { COUNT_LABELS, surveyCountSheet, surveyResponseSheet } from "../schemes/survey";
import type { HunanSettings, Scheme, SheetDef } from "../schemes/types";
import { address } from "../sheets/a1";
import { cellAt, formatAt, presentRows, type CellValue, type OutputCell, type SheetGrid, type SheetWrite } from "../sheets/grid";
import type { ColumnMap } from "../sheets/headers";
import { normalizeText } from "../sheets/normalize";
import { locateSheet, readSheet, type SheetRead } from "../sheets/readSheet";
import { cellText, excelSerialToDate, isBlankValue, parseCount, parseYear, roundPercent } from "../sheets/values";
import { isGeneratedReport } from "../sheets/report";
import { lastOccupiedColumn } from "../sheets/writeback";
import { isBelow } from "./operators";
import { cityKey, postKey, postNameKey } from "./selection";
import { factNumber, factText, postKeyOf, type CellError, type RowRecord } from "../sheets/records";

export type Band = "ok" | "deduct" | "revoke";

export type TallyWarning = { code: string; cells: string[]; message: string };

export type TallyEntry = {
  post: string;
  city: string | null;
  unit: string | null;
  /** The ledger post this entry matched (市州|工作单位|示范岗名称 as written on its first ledger row), null when none. */
  key: string | null;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  valid: number;
  /** Weighted positive answers (the count of positive answers with the default 0/1 weights). */
  positive: number;
  blank: number;
  invalid: number;
  counts: Record<string, number>;
  /** positive / valid, a fraction rounded to 4 places; null without valid answers. */
  rate: number | null;
  band: Band | null;
  warnings: TallyWarning[];
};

export type Unmatched =
  | { kind: "not-in-ledger"; post: string; city: string | null; unit: string | null; reason: string; cells: string[] }
  | { kind: "no-survey"; post: string; city: string | null; unit: string | null; key: string; year: number; quarter: number; cells: string[]; reason: string };

export type SurveyTally = {
  /** The survey sheets read and their shape. */
  sheets: { sheet: string; shape: "responses" | "counts"; headerRow: number; rows: number }[];
  tally: TallyEntry[];
  unmatched: Unmatched[];
  /** Rows that could not be attributed to a post and quarter (cell and what was expected). */
  errors: CellError[];
  /** The ledger sheets matched against (empty when the workbook has none). */
  ledgerSheets: string[];
  /** Those sheets as read, for {@link planLedgerFill}. */
  ledgers: SheetRead[];
};

export class NoSurveyError extends Error {
  constructor(readonly sheets: string[]) {
    super(
      `工作簿中没有找到满意度调查表（需要“示范岗名称”列，以及“评价”列或“满意人数/基本满意人数/不满意人数”列）。已查看：${sheets.map((s) => `「${s}」`).join("、") || "（无工作表）"}`,
    );
    this.name = "NoSurveyError";
  }
}

const CN_Q: Record<string, 1 | 2 | 3 | 4> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

type Period = { year: number | null; quarter: 1 | 2 | 3 | 4 };

/** "2025Q1", "2025年第一季度", "2025年1季度", "一季度", "第1季度", "Q1", 1 → year (if given) and quarter. */
export function parseQuarter(v: CellValue): Period | "bad" | null {
  if (isBlankValue(v)) return null;
  if (typeof v === "number") return Number.isInteger(v) && v >= 1 && v <= 4 ? { year: null, quarter: v as 1 | 2 | 3 | 4 } : "bad";
  if (typeof v !== "string") return "bad";
  const t = normalizeText(v).replace(/度$/, "");
  const patterns: [RegExp, number, number][] = [
    [/^(\d{4})(?:年度?)?[-_/]?(?:第)?([1-4一二三四])季$/, 1, 2],
    [/^(\d{4})(?:年度?)?[-_/]?q([1-4])$/, 1, 2],
    [/^q([1-4])[-_/]?(\d{4})(?:年)?$/, 2, 1],
    [/^(?:第)?([1-4一二三四])季$/, 0, 1],
    [/^q([1-4])$/, 0, 1],
    [/^([1-4])$/, 0, 1],
  ];
  for (const [re, yi, qi] of patterns) {
    const m = re.exec(t);
    if (!m) continue;
    const quarter = CN_Q[m[qi]!]!;
    return { year: yi ? Number(m[yi]) : null, quarter };
  }
  return "bad";
}

/** A date cell (date value, serial with a date format, or "2025-03-15" / "2025年3月15日") → year and quarter. */
export function parseDateQuarter(v: CellValue, format: string): Period | "bad" | null {
  if (isBlankValue(v)) return null;
  let y: number;
  let month: number;
  if (v instanceof Date) {
    y = v.getUTCFullYear();
    month = v.getUTCMonth() + 1;
  } else if (typeof v === "number") {
    if (!(v > 0) || !/[ymd]|年|月/i.test(format.replace(/"[^"]*"|\[[^\]]*\]/g, ""))) return "bad";
    const d = excelSerialToDate(v);
    y = d.getUTCFullYear();
    month = d.getUTCMonth() + 1;
  } else if (typeof v === "string") {
    const m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?(?:\s.*)?$/.exec(v.normalize("NFKC").trim());
    if (!m) return "bad";
    y = Number(m[1]);
    month = Number(m[2]);
  } else return "bad";
  if (month < 1 || month > 12 || y < 1990 || y > 2100) return "bad";
  return { year: y, quarter: Math.ceil(month / 3) as 1 | 2 | 3 | 4 };
}

/** The label an answer counts under, or null when unreadable. Labels are the weight table's keys. */
export function answerLabel(v: CellValue, weights: Record<string, number>): string | null {
  let t = typeof v === "number" ? String(v) : normalizeText(cellText(v));
  t = t.replace(/分$/, "");
  for (const label of Object.keys(weights)) if (normalizeText(label) === t) return label;
  return null;
}

export function band(rate: number, settings: HunanSettings): Band {
  const pct = roundPercent(rate * 100);
  if (isBelow(pct, settings.thresholds["satisfactionMin"]!)) return "revoke";
  if (isBelow(pct, settings.thresholds["satisfactionGood"]!)) return "deduct";
  return "ok";
}

type Acc = {
  post: string;
  city: string | null;
  unit: string | null;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  counts: Map<string, number>;
  blank: number;
  invalid: number;
  invalidCells: string[];
  /** The name cell of the group's first row (where its warnings point). */
  cell: string;
};

const text = (v: CellValue): string | null => (isBlankValue(v) ? null : cellText(v).replace(/\s+/g, " ").trim() || null);
const norm = (s: string | null) => normalizeText(s ?? "");
/** One post as the engine identifies it ({@link postKey}): 市州, 工作单位 and 示范岗名称, each compared tolerantly. */
const queryKey = (q: PostQuery) => postKey({ city: q.city ?? "", unit: q.unit ?? "", name: q.post });

type ShapeFound = { def: SheetDef; map: ColumnMap; shape: "responses" | "counts" };

function findSurvey(grid: SheetGrid): ShapeFound | null {
  const counts = locateSheet(grid, surveyCountSheet);
  if (counts.ok) return { def: surveyCountSheet, map: counts.map, shape: "counts" };
  const responses = locateSheet(grid, surveyResponseSheet);
  if (responses.ok) return { def: surveyResponseSheet, map: responses.map, shape: "responses" };
  return null;
}

export type SurveyOptions = {
  /** Year for rows whose quarter names no year and whose sheet has no 年度 or 日期. */
  year?: number;
};

type LedgerPost = {
  /** 市州|工作单位|示范岗名称 as written on the post's first ledger row (what the results show). */
  key: string;
  /** The engine's {@link postKey}: rows written differently but taken as one post share it. */
  id: string;
  name: string;
  city: string;
  unit: string;
  service: boolean;
  rows: { sheet: string; row: number; year: number | null }[];
};

/** A ledger row's post as the engine identifies it. */
const ledgerId = (rec: RowRecord) => postKey({ city: factText(rec, "city"), unit: factText(rec, "unit"), name: factText(rec, "name") });

/** Tallies every survey sheet of the workbook and matches the posts against its ledger sheets. */
export function tallySurvey(grids: readonly SheetGrid[], scheme: Scheme, settings: HunanSettings, opts: SurveyOptions = {}): SurveyTally {
  const accs = new Map<string, Acc>();
  const errors: CellError[] = [];
  const sheets: SurveyTally["sheets"] = [];
  const ledgers: SheetRead[] = [];
  for (const grid of grids) {
    if (isGeneratedReport(grid)) continue;
    const found = findSurvey(grid);
    if (!found) {
      const asLedger = locateSheet(grid, scheme.ledger, { outputs: scheme.outputs });
      if (asLedger.ok) ledgers.push(readSheet(grid, scheme.ledger, asLedger.map));
      continue;
    }
    const rows = readSurveyRows(grid, found, settings, opts, accs, errors);
    sheets.push({ sheet: grid.name, shape: found.shape, headerRow: found.map.headerRow, rows });
  }
  if (!sheets.length) throw new NoSurveyError(grids.map((g) => g.name));

  const posts = ledgerPosts(ledgers);
  const matchPost = postMatcher(posts);
  const tally: TallyEntry[] = [];
  const unmatched: Unmatched[] = [];
  const seenUnmatched = new Set<string>();
  // One post, one entry a quarter: groups the survey writes differently (a blank 市州 beside a filled one) but that
  // match the same ledger post are pooled, counted under the first group's wording.
  const pooled = new Map<string, { a: Acc; match: Match<LedgerPost>; post: string }>();
  for (const a of accs.values()) {
    const match = matchPost(a);
    const post = match.kind === "ok" ? `ledger|${match.post.id}` : `survey|${queryKey(a)}`;
    const id = `${post}|${a.year}|${a.quarter}`;
    const into = pooled.get(id)?.a;
    if (!into) {
      pooled.set(id, { a, match, post });
      continue;
    }
    for (const [label, n] of a.counts) into.counts.set(label, (into.counts.get(label) ?? 0) + n);
    into.blank += a.blank;
    into.invalid += a.invalid;
    for (const c of a.invalidCells) into.invalidCells.push(c);
  }
  const postOf = new Map<TallyEntry, string>();
  for (const { a, match, post } of pooled.values()) {
    const valid = [...a.counts.values()].reduce((n, c) => n + c, 0);
    const positive = [...a.counts].reduce((n, [label, c]) => n + c * (settings.answerWeights[label] ?? 0), 0);
    const rate = valid ? positive / valid : null;
    const warnings: TallyWarning[] = [];
    if (valid < settings.minSample) {
      warnings.push({ code: "small-sample", cells: [], message: `有效样本 ${valid} 份，少于 ${settings.minSample} 份，结论仅供参考` });
    }
    if (a.blank) warnings.push({ code: "blank-answers", cells: [], message: `${a.blank} 份评价为空白，未计入有效样本` });
    if (a.invalid) {
      const shown = a.invalidCells.slice(0, 5).join("、") + (a.invalidCells.length > 5 ? " 等" : "");
      warnings.push({ code: "invalid-answers", cells: a.invalidCells, message: `${a.invalid} 份评价无法识别（${shown}），未计入有效样本` });
    }
    if (match.kind === "ambiguous") {
      warnings.push({ code: "ambiguous-post", cells: [a.cell], message: match.reason });
    }
    const entry: TallyEntry = {
      post: a.post,
      city: a.city,
      unit: a.unit,
      key: match.kind === "ok" ? match.post.key : null,
      year: a.year,
      quarter: a.quarter,
      valid,
      positive: Math.round(positive * 100) / 100,
      blank: a.blank,
      invalid: a.invalid,
      counts: Object.fromEntries(a.counts),
      rate: rate === null ? null : shownRate(rate),
      band: rate === null ? null : band(rate, settings),
      warnings,
    };
    tally.push(entry);
    postOf.set(entry, post);
    if (match.kind !== "ok" && posts.length) {
      const id = queryKey(a);
      if (!seenUnmatched.has(id)) {
        seenUnmatched.add(id);
        unmatched.push({ kind: "not-in-ledger", post: a.post, city: a.city, unit: a.unit, reason: match.reason, cells: [a.cell] });
      }
    }
  }
  // Grouped by post in the order the survey first names them, then by year and quarter.
  const firstOf = new Map<string, number>();
  const rank = new Map<TallyEntry, number>();
  for (const t of tally) {
    const k = postOf.get(t)!;
    let r = firstOf.get(k);
    if (r === undefined) firstOf.set(k, (r = firstOf.size));
    rank.set(t, r);
  }
  tally.sort((x, y) => rank.get(x)! - rank.get(y)! || x.year - y.year || x.quarter - y.quarter);

  // 服务岗 of the ledger with no survey in a quarter the survey covers for that year.
  const coveredSet = new Map<number, Set<number>>();
  for (const t of tally) (coveredSet.get(t.year) ?? coveredSet.set(t.year, new Set()).get(t.year)!).add(t.quarter);
  const covered = new Map([...coveredSet].map(([y, qs]) => [y, [...qs].sort()]));
  // Quarters surveyed per ledger post and year.
  const have = new Map<string, Set<number>>();
  for (const t of tally) {
    if (!t.key) continue;
    const id = `${t.key}|${t.year}`;
    (have.get(id) ?? have.set(id, new Set()).get(id)!).add(t.quarter);
  }
  for (const p of posts) {
    if (!p.service) continue;
    const years = [...new Set(p.rows.map((r) => r.year).filter((y): y is number => y !== null))].sort();
    for (const y of years) {
      const surveyed = have.get(`${p.key}|${y}`);
      for (const q of covered.get(y) ?? []) {
        if (surveyed?.has(q)) continue;
        const row = p.rows.find((r) => r.year === y)!;
        unmatched.push({
          kind: "no-survey",
          post: p.name,
          city: p.city || null,
          unit: p.unit || null,
          key: p.key,
          year: y,
          quarter: q,
          cells: [`${row.sheet}!A${row.row}`],
          reason: `服务岗在调查表中没有 ${y} 年第 ${q} 季度的测评`,
        });
      }
    }
  }
  return { sheets, tally, unmatched, errors, ledgerSheets: ledgers.map((l) => l.sheet), ledgers };
}

/** Places of a shown rate as a fraction: 4, i.e. 0.01% — the number format "0.00%" of the fill and 满意度汇总. */
export const RATE_PLACES = 4;
const RATE_SCALE = 10 ** RATE_PLACES;

/**
 * A rate as shown and as filled into the ledger: truncated, never rounded, to 0.01% — 17,999 of 20,000
 * (89.995%) is 89.99%, never 90.00%. Every band threshold is a whole hundredth of a percent, so the truncated
 * value falls in the same band as the exact one: the filled cell, read back by the engine, bands the same.
 */
export function shownRate(rate: number): number {
  // Float noise away first (0.9 × 10⁴ = 9000.000000000002), then truncate.
  const scaled = Math.round(rate * RATE_SCALE * 1e6) / 1e6;
  return Math.floor(scaled) / RATE_SCALE;
}

/** "89.99%": a rate as text, truncated like {@link shownRate}. */
export function formatRate(rate: number): string {
  return `${(shownRate(rate) * 100).toFixed(2)}%`;
}

/** The unrounded rate (the band uses this; the JSON, the 满意度汇总 and the ledger fill show {@link shownRate}). */
export function exactRate(t: TallyEntry): number | null {
  return t.valid ? t.positive / t.valid : null;
}

function readSurveyRows(grid: SheetGrid, found: ShapeFound, settings: HunanSettings, opts: SurveyOptions, accs: Map<string, Acc>, errors: CellError[]): number {
  const { map, shape } = found;
  const col = (id: string) => map.fields.get(id);
  const get = (r0: number, id: string): { v: CellValue; cell: string; fmt: string } | null => {
    const c = col(id);
    return c === undefined ? null : { v: cellAt(grid, r0, c - 1), cell: address(r0 + 1, c), fmt: formatAt(grid, r0, c - 1) };
  };
  const header = (id: string) => map.headers.get(col(id) ?? 0) ?? id;
  let rows = 0;
  // Rows with cells only: a stray cell far below does not make this visit (and filter) a million empty rows.
  for (const r0 of presentRows(grid.values, map.headerRow)) {
    const raw = (grid.values[r0] ?? []).filter((v) => !isBlankValue(v ?? null));
    if (!raw.length) continue;
    if (/^(注|说明|备注|合计|总计|小计|填表|制表)/.test(cellText(raw[0]!))) continue;
    const name = get(r0, "name")!;
    const post = text(name.v);
    // Period: the quarter cell (which may carry the year), else the date; the year column fills a missing year.
    let period: Period | null = null;
    let bad: CellError | null = null;
    const q = get(r0, "quarter");
    const d = get(r0, "date");
    const y = get(r0, "year");
    const pq = q ? parseQuarter(q.v) : null;
    if (pq === "bad") bad = { cell: q!.cell, message: `${header("quarter")}（${q!.cell}）无法识别“${cellText(q!.v)}”，应为季度（如 2025Q1、2025年第一季度、一季度）` };
    else if (pq) period = pq;
    if (!period && !bad && d) {
      const pd = parseDateQuarter(d.v, d.fmt);
      if (pd === "bad") bad = { cell: d.cell, message: `${header("date")}（${d.cell}）无法识别“${cellText(d.v)}”，应为日期（如 2025-03-15）` };
      else if (pd) period = pd;
    }
    if (period && period.year === null) {
      const py = y ? parseYear(y.v, y.fmt) : null;
      if (py?.kind === "bad") bad = { cell: y!.cell, message: `${header("year")}（${y!.cell}）无法识别“${cellText(y!.v)}”，应为年份（如 2025）` };
      else if (py?.kind === "ok") period = { ...period, year: py.value };
      else if (d) {
        const pd = parseDateQuarter(d.v, d.fmt);
        if (pd && pd !== "bad") period = { ...period, year: pd.year };
      }
      if (period.year === null && opts.year !== undefined) period = { ...period, year: opts.year };
    }
    rows++;
    if (!post) {
      errors.push({ cell: name.cell, message: `${header("name")}（${name.cell}）为空，这一行无法归属到示范岗` });
      continue;
    }
    if (bad) {
      errors.push(bad);
      continue;
    }
    if (!period || period.year === null) {
      const cell = q?.cell ?? d?.cell ?? name.cell;
      errors.push({ cell, message: `第 ${r0 + 1} 行无法确定${period ? "年度（请填写“年度”列或在季度中写明年份）" : "季度（需要“季度”或“日期”列）"}` });
      continue;
    }
    const city = text(get(r0, "city")?.v ?? null);
    const unit = text(get(r0, "unit")?.v ?? null);
    const id = `${queryKey({ post, city, unit })}|${period.year}|${period.quarter}`;
    const year = period.year;
    const quarter = period.quarter;
    const accFor = (): Acc => {
      let acc = accs.get(id);
      if (!acc) {
        acc = { post, city, unit, year, quarter, counts: new Map(), blank: 0, invalid: 0, invalidCells: [], cell: name.cell };
        accs.set(id, acc);
      }
      return acc;
    };
    if (shape === "responses") {
      const acc = accFor();
      const a = get(r0, "answer")!;
      if (isBlankValue(a.v)) acc.blank++;
      else {
        const label = answerLabel(a.v, settings.answerWeights);
        if (label === null) {
          acc.invalid++;
          acc.invalidCells.push(a.cell);
        } else acc.counts.set(label, (acc.counts.get(label) ?? 0) + 1);
      }
      continue;
    }
    // Counts shape: every count cell must read; a bad one leaves the whole row out (reported).
    const parsed: [string, number][] = [];
    let rowBad = false;
    for (const fid of [...Object.keys(COUNT_LABELS), "blank", "invalid"]) {
      const c = get(r0, fid);
      if (!c) continue;
      const p = parseCount(c.v);
      if (p.kind === "bad") {
        errors.push({ cell: c.cell, message: `${header(fid)}（${c.cell}）无法识别“${cellText(c.v)}”，应为非负整数人数` });
        rowBad = true;
      } else if (p.kind === "ok") parsed.push([fid, p.value]);
    }
    if (rowBad) continue;
    const acc = accFor();
    for (const [fid, n] of parsed) {
      if (fid === "blank") acc.blank += n;
      else if (fid === "invalid") acc.invalid += n;
      else if (n) {
        const label = COUNT_LABELS[fid]!;
        acc.counts.set(label, (acc.counts.get(label) ?? 0) + n);
      }
    }
  }
  return rows;
}

function ledgerPosts(ledgers: readonly SheetRead[]): LedgerPost[] {
  const posts = new Map<string, LedgerPost>();
  for (const read of ledgers) {
    for (const rec of read.records) {
      const name = factText(rec, "name");
      if (!name) continue;
      const id = ledgerId(rec);
      const p = posts.get(id) ?? { key: postKeyOf(rec), id, name, city: factText(rec, "city"), unit: factText(rec, "unit"), service: false, rows: [] };
      p.service ||= factText(rec, "postType") === "service";
      p.rows.push({ sheet: read.sheet, row: rec.row, year: factNumber(rec, "year") });
      posts.set(id, p);
    }
  }
  return [...posts.values()];
}

export type Match<P> = { kind: "ok"; post: P } | { kind: "none" | "ambiguous"; reason: string };

/** What a survey group says about its post: the name as written, and 市州 and 工作单位 when filled in. */
export type PostQuery = { post: string; city: string | null; unit: string | null };

type Bucket<P> = {
  /** The ledger posts of one name, in ledger order. */
  all: P[];
  /** The same posts by 市州 key, by 工作单位 and by both: filled on first use. */
  byCity?: Map<string, P[]>;
  byUnit?: Map<string, P[]>;
  byBoth?: Map<string, P[]>;
};

const push = <P>(m: Map<string, P[]>, k: string, p: P) => {
  const list = m.get(k);
  if (list) list.push(p);
  else m.set(k, [p]);
};

/**
 * A matcher over the ledger's posts, indexed once, with the engine's tolerance ({@link postKey}): a survey group
 * names a post (compared by {@link postNameKey}: "报建窗口" = "报建 窗口" = "报建窗口党员服务示范岗"), and
 * optionally its 市州 (compared by {@link cityKey}) and 工作单位 (normalised); a blank 市州 or 工作单位 matches
 * any. Ledger posts with one key are one post (the first stands for them). One hit is the match; several are
 * ambiguous; none says which part disagrees. Each query is a few map look-ups, however many posts the ledger has.
 */
export function postMatcher<P extends { name: string; city: string; unit: string }>(posts: readonly P[]): (q: PostQuery) => Match<P> {
  const byName = new Map<string, Bucket<P>>();
  const seen = new Set<string>();
  for (const p of posts) {
    const id = postKey(p);
    if (seen.has(id)) continue;
    seen.add(id);
    const k = postNameKey(p.name);
    const b = byName.get(k);
    if (b) b.all.push(p);
    else byName.set(k, { all: [p] });
  }
  const candidates = (b: Bucket<P>, city: string | null, unit: string | null): readonly P[] => {
    // A name most ledgers hold once or a few times: filtering is as cheap as a look-up.
    if (b.all.length <= 4) return b.all.filter((p) => (!city || cityKey(p.city) === cityKey(city)) && (!unit || norm(p.unit) === norm(unit)));
    if (city && unit) {
      if (!b.byBoth) {
        b.byBoth = new Map();
        for (const p of b.all) push(b.byBoth, `${cityKey(p.city)}|${norm(p.unit)}`, p);
      }
      return b.byBoth.get(`${cityKey(city)}|${norm(unit)}`) ?? [];
    }
    if (city) {
      if (!b.byCity) {
        b.byCity = new Map();
        for (const p of b.all) push(b.byCity, cityKey(p.city), p);
      }
      return b.byCity.get(cityKey(city)) ?? [];
    }
    if (unit) {
      if (!b.byUnit) {
        b.byUnit = new Map();
        for (const p of b.all) push(b.byUnit, norm(p.unit), p);
      }
      return b.byUnit.get(norm(unit)) ?? [];
    }
    return b.all;
  };
  return (q) => {
    const b = byName.get(postNameKey(q.post));
    if (!b) return { kind: "none", reason: `台账中没有名为“${q.post}”的示范岗` };
    const hits = candidates(b, q.city, q.unit);
    if (hits.length === 1) return { kind: "ok", post: hits[0]! };
    if (hits.length > 1) return { kind: "ambiguous", reason: `台账中有 ${hits.length} 个名为“${q.post}”的示范岗，请在调查表中填写市州和工作单位` };
    return { kind: "none", reason: `台账中的“${q.post}”与调查表的市州或工作单位不一致` };
  };
}

/** Where --fill-ledger writes: each matched rate into the quarter column of the ledger rows of that post and year. */
export type LedgerFill = { writes: SheetWrite[]; cells: { sheet: string; cell: string; rate: number }[] };

export function planLedgerFill(grids: readonly SheetGrid[], tally: SurveyTally): LedgerFill {
  // A post's rows as the engine groups them: a tally entry names its post as written on the first of them.
  const ledgerIds = tally.ledgers.map((read) => read.records.map(ledgerId));
  const idOf = new Map<string, string>();
  tally.ledgers.forEach((read, s) => read.records.forEach((rec, r) => idOf.set(postKeyOf(rec), ledgerIds[s]![r]!)));
  // Rates by ledger post and year, a slot a quarter.
  const rates = new Map<string, (number | undefined)[]>();
  for (const t of tally.tally) {
    const r = exactRate(t);
    if (t.key === null || r === null) continue;
    const id = `${idOf.get(t.key) ?? t.key}|${t.year}`;
    // Truncated to what "0.00%" shows, so the cell never reads 90.00% while banded below 90%; it bands the same.
    (rates.get(id) ?? rates.set(id, []).get(id)!)[t.quarter - 1] = shownRate(r);
  }
  const writes: SheetWrite[] = [];
  const cells: LedgerFill["cells"] = [];
  for (const [s, read] of tally.ledgers.entries()) {
    const sheet = read.sheet;
    const grid = grids.find((g) => g.name === sheet)!;
    const map = read.map;
    const ids = read.records.map((rec: RowRecord, r) => `${ledgerIds[s]![r]!}|${factNumber(rec, "year") ?? ""}`);
    const review = read.records.map((rec) => rec.facts["round"]?.value === "复评");
    const hasFirst = new Set(ids.filter((_, i) => !review[i]));
    const rowRates = ids.map((id) => rates.get(id));
    const firstRow = map.headerRow + 1;
    const count = Math.max(0, read.lastRow - map.headerRow);
    let next = Math.max(lastOccupiedColumn(grid), ...map.outputs.values()) + 1;
    const columns = [];
    for (const q of [1, 2, 3, 4]) {
      const values: OutputCell[] = Array.from({ length: count }, () => null);
      const mask = Array.from({ length: count }, () => false);
      let any = false;
      const existing = map.fields.get(`q${q}`);
      for (let i = 0; i < read.records.length; i++) {
        const rec = read.records[i]!;
        const rate = rowRates[i]?.[q - 1];
        // A 复评 row is the reviewers' own re-assessment: filled only when the post has no 初评 that year.
        if (rate === undefined || (review[i] && hasFirst.has(ids[i]!))) continue;
        values[rec.row - firstRow] = rate;
        mask[rec.row - firstRow] = true;
        any = true;
      }
      if (!any) continue;
      const col = existing ?? next++;
      const header = (existing && map.headers.get(existing)) || `${"一二三四"[q - 1]}季度满意度`;
      mask.forEach((m, i) => m && cells.push({ sheet, cell: address(firstRow + i, col), rate: values[i] as number }));
      columns.push({ col, header, isNew: existing === undefined, values, mask, numberFormat: "0.00%", width: 12 });
    }
    if (columns.length) writes.push({ sheet, headerRow: map.headerRow, firstRow, columns });
  }
  return { writes, cells };
}
