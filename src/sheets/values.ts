/**
 * Cell value parsers for every form listed in workbooks.md. Each returns blank, a value, or what was
 * expected (a Chinese phrase used in the row's error message). Nothing is guessed.
 */
import type { Statement } from "../schemes/types";
import type { CellValue } from "./grid";
import { normalizeText } from "./normalize";
import { exactYesNo, readYesNoText } from "./yesNoText";

export type Parsed<T> =
  | { kind: "blank" }
  /** `read`: the value was read from a sentence (not one of the exact words); shown to the user. */
  | { kind: "ok"; value: T; text?: string; read?: boolean }
  /** `why`: what is wrong with the text, when more than "not recognised". */
  | { kind: "bad"; expected: string; why?: string };

const BLANK: Parsed<never> = { kind: "blank" };
const ok = <T>(value: T, text?: string): Parsed<T> => (text === undefined ? { kind: "ok", value } : { kind: "ok", value, text });
const bad = (expected: string): Parsed<never> => ({ kind: "bad", expected });

/** Placeholders offices write for "nothing given": treated exactly like an empty cell. */
const BLANK_MARKS = new Set(["", "/", "-", "—", "——", "--", "－", "\\", "n/a", "na", "#n/a"]);

export function isBlankValue(v: CellValue): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") {
    // A CJK ideograph stays one under NFKC, so such a text is never a placeholder: no normalising needed.
    const c = v.charCodeAt(0);
    if (c >= 0x4e00 && c <= 0x9fff) return false;
    return BLANK_MARKS.has(normalizeText(v));
  }
  return false;
}

/** The cell as trimmed display text (numbers without float noise). */
export function cellText(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return String(Number(v.toPrecision(12)));
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v.toISOString().slice(0, 10);
}

const YES_NO_EXPECTED = "是 或 否";
const YES_NO_TEXT_EXPECTED = "否（没有此情形），或 是／写明情形（如“受到党内警告处分”）";

/**
 * A yes/no cell as a person reads it (see {@link readYesNoText}): the exact words, sentences that deny
 * ("经查，全年无违纪违法问题"), sentences that state a case ("2025年3月被投诉查实"). Text that is neither
 * ("待查", "正在调查") is not an answer: bad, naming what to write. A sentence's reading keeps its text and
 * is marked `read` so that the explanation can show it.
 */
export function parseYesNo(v: CellValue, expected = YES_NO_EXPECTED, statement?: Statement): Parsed<boolean> {
  if (isBlankValue(v)) return BLANK;
  if (typeof v === "boolean") return ok(v);
  if (typeof v === "number") {
    if (v === 1) return ok(true);
    if (v === 0) return ok(false);
    return bad(expected);
  }
  const text = cellText(v);
  const exact = exactYesNo(normalizeText(text));
  if (exact !== null) return ok(exact);
  const r = readYesNoText(text, statement);
  if (r.verdict === "undecided") return { kind: "bad", expected, why: r.cue ? (r.cue === normalizeText(text) ? "尚无结论" : `尚无结论（“${r.cue}”）`) : "既不是“否”也没有写明情形" };
  return { kind: "ok", value: r.verdict === "yes", text, read: true };
}

/**
 * Yes/no, or text naming the case (which counts as yes, the text being the reason). With `anyText` (撤销情形:
 * "any text there revokes"), text that neither denies nor awaits a conclusion is the case, whatever it names.
 */
export function parseYesNoOrText(v: CellValue, anyText = false, statement?: Statement): Parsed<boolean> {
  const p = parseYesNo(v, YES_NO_TEXT_EXPECTED, statement);
  if (anyText && p.kind === "bad" && typeof v === "string") {
    const text = cellText(v);
    const r = readYesNoText(text);
    if (r.verdict === "undecided" && r.cue === null) return { kind: "ok", value: true, text, read: true };
  }
  return p;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function chineseSmallNumber(s: string): number | null {
  if (s === "十") return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? CN_DIGITS[m[1]]! : 1) * 10 + (m[2] ? CN_DIGITS[m[2]]! : 0);
  if (s.length === 1 && s in CN_DIGITS) return CN_DIGITS[s]!;
  return null;
}

/** A decimal number in text: full-width digits, thousands separators, a leading sign. */
function numberFromText(t: string): number | null {
  const s = t.replace(/,/g, "");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const COUNT_EXPECTED = "非负整数次数（如 0、2、2次）";

export function parseCount(v: CellValue): Parsed<number> {
  if (isBlankValue(v)) return BLANK;
  if (typeof v === "number") return Number.isInteger(v) && v >= 0 ? ok(v) : bad(COUNT_EXPECTED);
  if (typeof v === "boolean" || v instanceof Date) return bad(COUNT_EXPECTED);
  const t = normalizeText(cellText(v));
  if (t === "无" || t === "没有" || t === "否") return ok(0);
  const body = t.replace(/(人次|次|人|项|个|处|起|座)$/, "");
  const n = numberFromText(body) ?? chineseSmallNumber(body);
  if (n === null || !Number.isInteger(n) || n < 0) return bad(COUNT_EXPECTED);
  return ok(n);
}

const RATE_EXPECTED = "0–100% 之间的比率（如 92%、0.92、92）";

/** Rounds away binary noise so that 0.8 × 100 compares equal to 80. */
export function roundPercent(p: number): number {
  return Math.round(p * 1e9) / 1e9;
}

function isPercentFormat(fmt: string | undefined): boolean {
  return !!fmt && /%/.test(fmt.replace(/"[^"]*"/g, ""));
}

/** A rate, returned in percent (0–100). A number > 1 is percent; a cell formatted as percent holds a fraction. */
export function parseRate(v: CellValue, format?: string): Parsed<number> {
  if (isBlankValue(v)) return BLANK;
  let pct: number | null = null;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return bad(RATE_EXPECTED);
    pct = isPercentFormat(format) || v <= 1 ? v * 100 : v;
  } else if (typeof v === "string") {
    const t = normalizeText(v);
    const explicit = /%$/.test(t);
    const n = numberFromText(explicit ? t.slice(0, -1) : t);
    if (n === null) return bad(RATE_EXPECTED);
    pct = explicit || n > 1 ? n : n * 100;
  } else {
    return bad(RATE_EXPECTED);
  }
  pct = roundPercent(pct);
  if (pct < 0 || pct > 100) return bad(RATE_EXPECTED);
  return ok(pct);
}

const SCORE_EXPECTED = "0–100 之间的分数";

export function parseScore(v: CellValue): Parsed<number> {
  if (isBlankValue(v)) return BLANK;
  let n: number | null = null;
  if (typeof v === "number") n = v;
  else if (typeof v === "string") n = numberFromText(normalizeText(v).replace(/分$/, ""));
  if (n === null || !Number.isFinite(n) || n < 0 || n > 100) return bad(SCORE_EXPECTED);
  return ok(n);
}

const YEAR_EXPECTED = "年份（如 2025、2025年）";
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/"[^"]*"|\[[^\]]*\]/g, "").toLowerCase();
  return /[yd]/.test(f) || /年|月|日/.test(fmt);
}

/** Excel's 1900 date system: serial 1 = 1900-01-01 (with the 1900 leap-year bug), 25569 = 1970-01-01. */
export function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86400000));
}

export function parseYear(v: CellValue, format?: string): Parsed<number> {
  if (isBlankValue(v)) return BLANK;
  let y: number | null = null;
  if (v instanceof Date) y = v.getUTCFullYear();
  else if (typeof v === "number") {
    if (Number.isInteger(v) && v >= MIN_YEAR && v <= MAX_YEAR) y = v;
    else if (isDateFormat(format) && v > 0) y = excelSerialToDate(v).getUTCFullYear();
  } else if (typeof v === "string") {
    const t = normalizeText(v);
    const m = /^(\d{4})(年度?|年)?$/.exec(t) ?? /^(\d{4})[-/.年](\d{1,2})([-/.月](\d{1,2})日?)?月?$/.exec(t);
    if (m) y = Number(m[1]);
  }
  if (y === null || y < MIN_YEAR || y > MAX_YEAR) return bad(YEAR_EXPECTED);
  return ok(y);
}

/** Free text: trimmed; numbers rendered without float noise. */
export function parseText(v: CellValue): Parsed<string> {
  if (isBlankValue(v)) return BLANK;
  const t = cellText(v).replace(/\s+/g, " ").trim();
  return t ? ok(t) : BLANK;
}

/**
 * A value from a closed vocabulary. `options` maps a canonical value to its accepted spellings
 * (compared after normalisation); the first entry whose spelling equals or, when `contains`, is
 * contained in the text wins.
 */
export function parseChoice<T extends string>(
  v: CellValue,
  options: ReadonlyArray<readonly [T, readonly string[]]>,
  expected: string,
  contains = false,
): Parsed<T> {
  if (isBlankValue(v)) return BLANK;
  const t = normalizeText(cellText(v));
  const vocab = vocabulary(options);
  const exact = vocab.exact.get(t);
  if (exact !== undefined) return exact as Parsed<T>;
  if (contains) {
    for (const [value, spellings] of vocab.normalized) {
      if (spellings.some((s) => t.includes(s))) return ok(value as T);
    }
  }
  return bad(expected);
}

type Vocabulary = { exact: Map<string, Parsed<string>>; normalized: [string, string[]][] };
const vocabularies = new WeakMap<object, Vocabulary>();

/** A closed vocabulary's spellings normalised once: normalised spelling → the first value it names. */
function vocabulary(options: ReadonlyArray<readonly [string, readonly string[]]>): Vocabulary {
  let v = vocabularies.get(options);
  if (!v) {
    const normalized = options.map(([value, spellings]): [string, string[]] => [value, spellings.map(normalizeText)]);
    const exact = new Map<string, Parsed<string>>();
    for (const [value, spellings] of normalized) for (const s of spellings) if (!exact.has(s)) exact.set(s, { kind: "ok", value });
    vocabularies.set(options, (v = { exact, normalized }));
  }
  return v;
}

export type ReviewMark = { points: number } | { revoke: true };

const REVIEW_EXPECTED = "扣分数（如 10、-10、扣10分）或“撤销”";

/** A reviewer's own deduction for one 评分表 item: points (sign ignored), or 撤销. */
export function parseReview(v: CellValue): Parsed<ReviewMark> {
  if (isBlankValue(v)) return BLANK;
  if (typeof v === "number") return Number.isFinite(v) ? ok({ points: Math.abs(v) }) : bad(REVIEW_EXPECTED);
  if (typeof v !== "string") return bad(REVIEW_EXPECTED);
  const t = normalizeText(v);
  if (/撤销|取消称号/.test(t)) return ok({ revoke: true });
  if (t === "无" || t === "不扣分" || t === "未扣分" || t === "否") return ok({ points: 0 });
  const m = /^扣?([+-−]?\d+(\.\d+)?)分?$/.exec(t.replace("−", "-"));
  if (!m) return bad(REVIEW_EXPECTED);
  return ok({ points: Math.abs(Number(m[1])) });
}

/** A criterion given as a grade (优/良/中/差, A/B/C/D …) rather than points; the scheme's table prices it. */
export type GradeMark = { grade: string };

const POINTS_EXPECTED = "分数（不小于 0）或等次（优/良/中/差、A/B/C/D）";

/** A criterion cell: points (≥ 0; the engine checks the criterion's maximum) or a grade word. */
export function parsePoints(v: CellValue): Parsed<number | GradeMark> {
  if (isBlankValue(v)) return BLANK;
  if (typeof v === "number") return Number.isFinite(v) && v >= 0 ? ok(v) : bad(POINTS_EXPECTED);
  if (typeof v !== "string") return bad(POINTS_EXPECTED);
  const t = normalizeText(v).replace(/分$/, "");
  if (/\d/.test(t)) {
    const n = numberFromText(t);
    return n !== null && Number.isFinite(n) && n >= 0 ? ok(n) : bad(POINTS_EXPECTED);
  }
  return ok({ grade: v.trim() });
}
