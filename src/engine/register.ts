/**
 * The 示范岗名册 (register): one entry per post across every year of the workbook, built on the engine's own post
 * history — rows are grouped by the same {@link postKey} scoreLedger matches a post's rows by, and each row's
 * status (with the carried revocation A11c and the 待复评 mark) is the engine's. Adds what the secretary keeps by
 * hand: the post's current state for a date, its next step and due date, and the half-year reports (第六条).
 * Pure: the scoring result (and the 报送情况 records) in, data out; the date is always given.
 */
import type { Submission } from "../sheets/registerSheets";
import { cityKey, postKey, postNameKey } from "./selection";
import type { WorkbookScore } from "./scoreWorkbook";
import type { Status } from "./types";
import { postFacts } from "./yearSummary";

export type RegisterState = "active" | "rectify-pending" | "revoked" | "expired";
export const STATE_LABEL: Record<RegisterState, string> = { active: "有效", "rectify-pending": "整改待复评", revoked: "已撤销", expired: "期满" };
export const STATUS_LABEL: Record<Status, string> = { retain: "保持", rectify: "整改", revoke: "撤销", error: "数据有误" };

export type HistoryEntry = { year: number | null; round: "初评" | "复评"; score: number | null; status: Status; sheet: string; row: number };

/** What is due: a 复评 after 整改, a half-year report, the yearly 复查考核, a title's expiry, the April selection. */
export type DueKind = "review" | "report" | "assessment" | "expiry" | "selection";
export type DueItem = {
  kind: DueKind;
  what: string;
  /** YYYY-MM-DD. */
  due: string;
  overdue: boolean;
  /** The ledger (or 报送情况) rows it concerns. */
  rows: { sheet: string; row: number }[];
};

export type HalfYear = {
  year: number;
  half: 1 | 2;
  due: string;
  state: "submitted" | "late" | "due" | "overdue" | "unrecorded";
  date: string | null;
  /** Where the submission was recorded, if it was. */
  at: { sheet: string; row: number } | null;
};

export type RegisterPost = {
  key: string;
  city: string;
  unit: string;
  name: string;
  /** Other spellings of the name in the workbook (the key found them to be the same post). */
  aliases: string[];
  postType: "service" | "supervision" | null;
  level: "municipal" | "provincial" | null;
  electedYear: number | null;
  validThrough: number | null;
  state: RegisterState;
  revokedYear: number | null;
  revokeReason: string | null;
  history: HistoryEntry[];
  next: { what: string; due: string | null } | null;
  due: DueItem[];
  reports: HalfYear[];
};

export type NearDuplicate = { posts: { city: string; unit: string; name: string; rows: string[] }[]; reason: string };

export type Register = {
  asOf: string;
  posts: RegisterPost[];
  nearDuplicates: NearDuplicate[];
  counts: Record<RegisterState, number>;
  reports: { recorded: boolean; submitted: number; late: number; due: number; overdue: number; unrecorded: number };
  /** 报送情况 rows naming no post of the register. */
  unmatchedSubmissions: { sheet: string; row: number; name: string }[];
};

export type RegisterOptions = {
  /** The date the register is for (YYYY-MM-DD): what is due and overdue is judged against it. */
  asOf: string;
  /** The 报送情况 records; undefined when the workbook keeps none (reports are then "unrecorded"). */
  submissions?: readonly Submission[];
};

const ROUND_ORDER = { 初评: 0, 复评: 1 } as const;

export function parseIsoDate(s: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return { y, m: mo, d };
}

/** The month a date falls in, "2025-07". */
export const monthOf = (iso: string) => iso.slice(0, 7);

/** Due dates as the register sets them (the seed names months, not days: the month's last day). */
export const DUE = {
  /** 第六条: the 上半年 report in July, the 下半年 one in the next January. */
  report: (year: number, half: 1 | 2) => (half === 1 ? `${year}-07-31` : `${year + 1}-01-31`),
  /** 第十一条 复查考核 yearly; a 复评 after 整改 within the same 考核年度 (the engine pairs them by year). */
  yearEnd: (year: number) => `${year}-12-31`,
  /** 第五条: the 市州 selection each April. */
  selection: (year: number) => `${year}-04-30`,
};

type Row = {
  sheet: string;
  sheetIndex: number;
  row: number;
  city: string;
  unit: string;
  name: string;
  postType: "service" | "supervision" | null;
  level: "municipal" | "provincial" | null;
  year: number | null;
  electedYear: number | null;
  round: "初评" | "复评";
  score: number | null;
  status: Status;
  validThrough: number | null;
  codes: string[];
  reasons: string[];
};

function rowsOf(scored: WorkbookScore): Row[] {
  const out: Row[] = [];
  scored.result.sheets.forEach((sheet, i) => {
    const records = new Map(scored.ledgers[i]!.records.map((r) => [r.row, r]));
    for (const r of sheet.rows) {
      const f = postFacts(records.get(r.row));
      if (!f.name) continue;
      out.push({
        sheet: sheet.sheet,
        sheetIndex: i,
        row: r.row,
        city: f.city,
        unit: f.unit,
        name: f.name,
        postType: f.postType,
        level: f.level,
        year: r.year,
        electedYear: f.electedYear,
        round: r.round,
        score: r.score,
        status: r.status,
        validThrough: r.validThrough,
        codes: r.warnings.map((w) => w.code),
        reasons: r.revocations.filter((v) => v.rule !== "A11c").map((v) => v.reason),
      });
    }
  });
  return out;
}

const compareRows = (a: Row, b: Row) =>
  (a.year ?? Number.MAX_SAFE_INTEGER) - (b.year ?? Number.MAX_SAFE_INTEGER) || ROUND_ORDER[a.round] - ROUND_ORDER[b.round] || a.sheetIndex - b.sheetIndex || a.row - b.row;

/** "2024 初评 75 整改 → 2024 复评 85 保持 → 2025 初评 100 保持". */
export function historyLine(h: readonly HistoryEntry[]): string {
  return h.map((e) => `${e.year ?? "?"} ${e.round} ${e.score ?? "—"} ${STATUS_LABEL[e.status]}`).join(" → ");
}

function halfYears(p: { electedYear: number | null; validThrough: number | null; state: RegisterState; revokedYear: number | null; firstYear: number | null }, asOf: string): { year: number; half: 1 | 2; due: string }[] {
  const from = p.electedYear ?? p.firstYear;
  if (from === null) return [];
  // Reports are owed for the halves the title was held: from the election year to the end of the 示范期; a revoked
  // title owes none after its revocation year's 上半年 (the yearly 复查考核 that revokes it comes at the year's end).
  let until = p.validThrough ?? from;
  if (p.state === "revoked" && p.revokedYear !== null) until = Math.min(until, p.revokedYear);
  const out: { year: number; half: 1 | 2; due: string }[] = [];
  for (let y = from; y <= until; y++) {
    for (const half of [1, 2] as const) {
      if (p.state === "revoked" && p.revokedYear !== null && y === p.revokedYear && half === 2) continue;
      // A report is owed from the first day of its reporting month.
      const due = DUE.report(y, half);
      if (`${monthOf(due)}-01` <= asOf) out.push({ year: y, half, due });
    }
  }
  return out;
}

export function buildRegister(scored: WorkbookScore, opts: RegisterOptions): Register {
  const asOf = opts.asOf;
  const today = parseIsoDate(asOf);
  if (!today) throw new Error(`日期“${asOf}”应为 YYYY-MM-DD`);
  const groups = new Map<string, Row[]>();
  for (const r of rowsOf(scored)) {
    const k = postKey(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  const subs = new Map<string, Submission[]>();
  for (const s of opts.submissions ?? []) {
    const k = postKey(s);
    subs.set(k, [...(subs.get(k) ?? []), s]);
  }
  const usedSubs = new Set<string>();
  // A year the 报送情况 sheet has no row for at all is not recorded there: its reports are "unrecorded", not overdue.
  const recordedYears = new Set((opts.submissions ?? []).map((s) => s.year));
  const posts: RegisterPost[] = [];
  for (const [key, g] of groups) {
    g.sort(compareRows);
    const last = g[g.length - 1]!;
    const valid = g.filter((r) => r.status !== "error");
    const latest = valid[valid.length - 1] ?? null;
    const names = [...new Set(g.map((r) => r.name))];
    // The post's identity as last written (the newest spelling), its type and level from the newest row giving them.
    const newest = <T>(f: (r: Row) => T | null): T | null => {
      for (let i = g.length - 1; i >= 0; i--) {
        const v = f(g[i]!);
        if (v !== null && v !== "") return v;
      }
      return null;
    };
    // Revoked: the latest scored assessment is 撤销 (the engine carries a revocation to every later row of that title).
    let revokedYear: number | null = null;
    let revokeReason: string | null = null;
    if (latest?.status === "revoke") {
      let i = valid.length - 1;
      while (i > 0 && valid[i - 1]!.status === "revoke") i--;
      revokedYear = valid[i]!.year;
      revokeReason = valid[i]!.reasons.join("；") || null;
    }
    const electedYear = (latest ?? last).electedYear ?? newest((r) => r.electedYear);
    const validThrough = (latest ?? last).validThrough ?? newest((r) => r.validThrough);
    const pendingReview = !!latest && latest.status === "rectify" && latest.codes.includes("awaiting-review");
    let state: RegisterState;
    if (revokedYear !== null || latest?.status === "revoke") state = "revoked";
    else if (validThrough !== null && (today.y > validThrough || (latest?.year ?? 0) > validThrough)) state = "expired";
    else if (pendingReview) state = "rectify-pending";
    else state = "active";

    const firstYear = g.find((r) => r.year !== null)?.year ?? null;
    const rowsRef = g.map((r) => ({ sheet: r.sheet, row: r.row }));
    const due: DueItem[] = [];
    const overdue = (d: string) => d < asOf;
    if (state === "rectify-pending") {
      const d = DUE.yearEnd(latest!.year ?? today.y);
      due.push({ kind: "review", what: `整改并提交整改报告后复评（${latest!.year ?? ""}年初评 ${latest!.score ?? "—"} 分，第十一条）`, due: d, overdue: overdue(d), rows: [{ sheet: latest!.sheet, row: latest!.row }] });
    }
    if (state === "active" || state === "rectify-pending") {
      const assessedThisYear = valid.some((r) => r.year === today.y);
      if (!assessedThisYear && validThrough !== null && validThrough >= today.y && state === "active") {
        const d = DUE.yearEnd(today.y);
        due.push({ kind: "assessment", what: `${today.y} 年度复查考核（第十一条）`, due: d, overdue: false, rows: rowsRef });
      }
      if (validThrough !== null && validThrough >= today.y) {
        const d = DUE.yearEnd(validThrough);
        due.push({ kind: "expiry", what: `示范期于 ${validThrough} 年届满（第十条）`, due: d, overdue: false, rows: rowsRef });
      }
    }
    if (state === "expired") {
      const y = asOf <= DUE.selection(today.y) ? today.y : today.y + 1;
      due.push({ kind: "selection", what: `示范期已满（至 ${validThrough} 年），可参加 ${y} 年 4 月评选（第五条、第十条）`, due: DUE.selection(y), overdue: false, rows: rowsRef });
    }
    // Half-year reports (第六条).
    const mine = subs.get(key) ?? [];
    for (const s of mine) usedSubs.add(`${s.sheet}|${s.row}`);
    const reports: HalfYear[] = halfYears({ electedYear, validThrough, state, revokedYear, firstYear }, asOf).map((h) => {
      const rec = mine.filter((s) => s.year === h.year).map((s) => ({ s, mark: h.half === 1 ? s.h1 : s.h2 })).find((x) => x.mark !== null);
      const at = rec ? { sheet: rec.s.sheet, row: rec.s.row } : null;
      if (rec?.mark?.submitted) {
        const date = rec.mark.date;
        return { ...h, state: date !== null && date > h.due ? "late" : "submitted", date, at };
      }
      if (opts.submissions === undefined || !recordedYears.has(h.year)) return { ...h, state: "unrecorded", date: null, at };
      return { ...h, state: asOf > h.due ? "overdue" : "due", date: null, at };
    });
    for (const h of reports) {
      if (h.state !== "due" && h.state !== "overdue" && !(h.state === "unrecorded" && monthOf(h.due) === monthOf(asOf))) continue;
      due.push({
        kind: "report",
        what: `${h.year} 年${h.half === 1 ? "上" : "下"}半年先进事迹报送（第六条，${h.half === 1 ? "7 月" : "次年 1 月"}）${h.state === "unrecorded" ? "（未登记报送情况）" : ""}`,
        due: h.due,
        overdue: h.state === "overdue",
        rows: h.at ? [h.at] : rowsRef.slice(-1),
      });
    }
    due.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due));
    const first = due[0];
    const next =
      state === "revoked"
        ? { what: `收回荣誉证书、报省总站备案${revokedYear !== null ? `；不得参加 ${revokedYear + 1} 年评选` : ""}（第十一条）`, due: null }
        : first
          ? { what: first.what, due: first.due }
          : null;
    posts.push({
      key,
      city: newest((r) => r.city) ?? "",
      unit: newest((r) => r.unit) ?? "",
      name: last.name,
      aliases: names.filter((n) => n !== last.name),
      postType: newest((r) => r.postType),
      level: newest((r) => r.level),
      electedYear,
      validThrough,
      state,
      revokedYear,
      revokeReason,
      history: g.map((r) => ({ year: r.year, round: r.round, score: r.score, status: r.status, sheet: r.sheet, row: r.row })),
      next,
      due,
      reports,
    });
  }
  posts.sort((a, b) => a.city.localeCompare(b.city, "zh") || a.unit.localeCompare(b.unit, "zh") || a.name.localeCompare(b.name, "zh"));
  const counts: Record<RegisterState, number> = { active: 0, "rectify-pending": 0, revoked: 0, expired: 0 };
  for (const p of posts) counts[p.state]++;
  const all = posts.flatMap((p) => p.reports);
  const n = (s: HalfYear["state"]) => all.filter((h) => h.state === s).length;
  return {
    asOf,
    posts,
    nearDuplicates: nearDuplicates(groups),
    counts,
    reports: { recorded: opts.submissions !== undefined, submitted: n("submitted"), late: n("late"), due: n("due"), overdue: n("overdue"), unrecorded: n("unrecorded") },
    unmatchedSubmissions: (opts.submissions ?? []).filter((s) => !usedSubs.has(`${s.sheet}|${s.row}`)).map((s) => ({ sheet: s.sheet, row: s.row, name: s.name })),
  };
}

/** Levenshtein distance, capped: only "is it at most 2" matters. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

const DIGITS: Record<string, string> = { 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

/**
 * Posts the key keeps apart that may be one post written two ways: same 市州 and name but another 单位 written
 * differently, or the same 市州 and 单位 with names one edit apart, one inside the other, or differing only in
 * 一/1. Listed for the secretary to confirm; never merged.
 */
function nearDuplicates(groups: ReadonlyMap<string, Row[]>): NearDuplicate[] {
  const posts = [...groups.values()].map((g) => ({ city: g[0]!.city, unit: g[0]!.unit, name: g[g.length - 1]!.name, rows: g.map((r) => `${r.sheet}!${r.row}`), g }));
  const out: NearDuplicate[] = [];
  for (let i = 0; i < posts.length; i++) {
    for (let j = i + 1; j < posts.length; j++) {
      const a = posts[i]!;
      const b = posts[j]!;
      if (cityKey(a.city) !== cityKey(b.city)) continue;
      const na = postNameKey(a.name);
      const nb = postNameKey(b.name);
      const sameUnit = postKey({ city: "", unit: a.unit, name: "" }) === postKey({ city: "", unit: b.unit, name: "" });
      // Two posts of one unit in the same year are two posts, however alike their names.
      const sameYear = a.g.some((r) => r.year !== null && b.g.some((s) => s.year === r.year && s.round === r.round));
      let reason: string | null = null;
      if (!sameUnit && na === nb) reason = "名称相同、工作单位写法不同";
      else if (sameUnit && !sameYear) {
        const da = na.replace(/[一二三四五六七八九]/g, (c) => DIGITS[c]!);
        const db = nb.replace(/[一二三四五六七八九]/g, (c) => DIGITS[c]!);
        if (da === db) reason = "名称只差数字写法（一/1）";
        else if (Math.min(na.length, nb.length) >= 2 && (na.includes(nb) || nb.includes(na))) reason = "一个名称包含另一个";
        else if (Math.min(na.length, nb.length) >= 4 && distance(na, nb) <= 1) reason = "名称只差一个字";
      }
      if (reason) out.push({ posts: [a, b].map(({ city, unit, name, rows }) => ({ city, unit, name, rows })), reason });
    }
  }
  return out;
}

/** The 本年度工作 view: what falls due in the month of `asOf`, and what is overdue, across the register. */
export type WorkItem = DueItem & { post: string; city: string; key: string };

export function monthWork(reg: Register, month = monthOf(reg.asOf)): WorkItem[] {
  const items: WorkItem[] = [];
  for (const p of reg.posts) {
    for (const d of p.due) {
      if (d.overdue || monthOf(d.due) === month) items.push({ ...d, post: p.name, city: p.city, key: p.key });
    }
  }
  return items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.due.localeCompare(b.due) || a.city.localeCompare(b.city, "zh"));
}

/** The register as the CLI's --json writes it (the shape the issue fixes). */
export function registerJson(reg: Register): unknown {
  return {
    asOf: reg.asOf,
    posts: reg.posts.map((p) => ({
      city: p.city,
      unit: p.unit,
      name: p.name,
      postType: p.postType,
      level: p.level,
      electedYear: p.electedYear,
      validThrough: p.validThrough,
      state: p.state,
      revokedYear: p.revokedYear,
      history: p.history.map((h) => ({ year: h.year, round: h.round, score: h.score, status: h.status, sheet: h.sheet, row: h.row })),
      next: p.next,
      aliases: p.aliases,
      reports: p.reports.map((h) => ({ year: h.year, half: h.half, due: h.due, state: h.state, date: h.date })),
    })),
    nearDuplicates: reg.nearDuplicates,
    counts: reg.counts,
    reports: reg.reports,
  };
}
