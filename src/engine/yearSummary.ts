/**
 * The end-of-year summary (报省总站的年度汇总) from a scored ledger: one row per post for the year, counts by
 * status and by post type, the average score, revoked posts with their consequences, titles that expire
 * this year, and the selection checks. Pure: the scoring result in, data out.
 */
import type { Scheme } from "../schemes/types";
import { columnName } from "../sheets/a1";
import { factNumber, factText, type CellError, type RowRecord } from "../sheets/records";
import { plainText, readerNotes, uncheckedOf } from "./plainText";
import { rectifyTexts } from "./scoreLedger";
import type { WorkbookScore } from "./scoreWorkbook";
import { postKey, quotaWarnings, type RosterPost, type SelectionWarning } from "./selection";
import type { Status } from "./types";

export const POST_TYPE_LABEL = { service: "服务岗", supervision: "监督岗" } as const;
export const LEVEL_LABEL = { municipal: "市州级", provincial: "省级" } as const;

/** What a year summary and the provincial consolidation both say of a post. */
export type PostLine = {
  city: string;
  unit: string;
  name: string;
  postType: "service" | "supervision" | null;
  level: "municipal" | "provincial" | null;
  leader: string;
  year: number | null;
  electedYear: number | null;
  score: number | null;
  status: Status;
  revokeReasons: string;
  notes: string;
};

export type SummaryRow = PostLine & {
  sheet: string;
  row: number;
  round: "初评" | "复评";
  deductionTotal: number | null;
  rectifyItems: string;
  validThrough: number | null;
  consequences: string[];
  /** Warning codes of the row (the messages are in notes). */
  codes: string[];
};

/** The identity facts of a ledger or summary row (same field ids in both sheet definitions). */
export function postFacts(rec: RowRecord | undefined): Pick<PostLine, "city" | "unit" | "name" | "postType" | "level" | "leader" | "year" | "electedYear"> {
  const text = (id: string) => (rec ? factText(rec, id) : "");
  const postType = text("postType");
  const level = text("level");
  return {
    city: text("city"),
    unit: text("unit"),
    name: text("name"),
    postType: postType === "service" || postType === "supervision" ? postType : null,
    level: level === "municipal" || level === "provincial" ? level : null,
    leader: text("leader"),
    year: rec ? factNumber(rec, "year") : null,
    electedYear: rec ? factNumber(rec, "electedYear") : null,
  };
}

/** Just the {@link PostLine} fields of a richer row. */
export function postLine(r: PostLine): PostLine {
  const { city, unit, name, postType, level, leader, year, electedYear, score, status, revokeReasons, notes } = r;
  return { city, unit, name, postType, level, leader, year, electedYear, score, status, revokeReasons, notes };
}

export type ScoreBand = { band: string; count: number };

export type YearSummary = {
  year: number;
  rows: SummaryRow[];
  byStatus: Record<Status, number>;
  byType: { postType: string; posts: number; retain: number; rectify: number; revoke: number; error: number; averageScore: number | null }[];
  averageScore: number | null;
  scoreBands: ScoreBand[];
  revoked: { name: string; city: string; unit: string; level: string; reasons: string; consequences: string[] }[];
  expiring: { name: string; city: string; unit: string; validThrough: number }[];
  /** 整改 posts without a 复评 in the year (第十一条: rectify, report, then be scored again). */
  awaitingReview: { name: string; city: string; unit: string; score: number | null; rectifyItems: string }[];
  selection: SelectionWarning[];
  /** Sheet-level notes: columns the ledger lacks, so some items were not checked on any row. */
  unchecked: string[];
  /** Rows left out: assessed in another year, or with the 考核年度 cell blank. */
  otherYears: number;
  noYear: number;
  /**
   * Rows whose 考核年度 is filled but unreadable (a formula without a result, a date serial out of range, an
   * error value…): in no year, so listed with the summary's rows as 数据有误 whatever the year summarised.
   */
  unreadableYear: number;
  /** Every 数据有误 row counted, with the messages as score gives them (naming the ledger's cells). */
  dataErrors: DataError[];
};

/** A 数据有误 row of the summary: where it is in the ledger and what is wrong, cell by cell. */
export type DataError = { sheet: string; row: number; city: string; unit: string; name: string; year: number | null; round: "初评" | "复评"; messages: string[]; unreadableYear: boolean };

export class NoYearError extends Error {
  constructor(unreadable: readonly string[] = []) {
    super(
      unreadable.length
        ? `台账中没有可识别的“考核年度”，无法确定汇总哪一年：${unreadable.slice(0, 3).join("；")}${unreadable.length > 3 ? ` 等 ${unreadable.length} 处` : ""}。请更正考核年度，或用 --year 指定`
        : "台账中没有“考核年度”，无法确定汇总哪一年；请填写考核年度，或用 --year 指定",
    );
    this.name = "NoYearError";
  }
}

const SCORE_BANDS: [string, number, number][] = [
  ["90–100 分", 90, Infinity],
  ["80–89 分", 80, 90],
  ["70–79 分", 70, 80],
  ["60–69 分", 60, 70],
  ["60 分以下", -Infinity, 60],
];

export const average = (xs: readonly number[]): number | null => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);

export function scoreBands(scores: readonly number[]): ScoreBand[] {
  return SCORE_BANDS.map(([band, lo, hi]) => ({ band, count: scores.filter((s) => s >= lo && s < hi).length }));
}

/** A sheet-level note for the province: without the ledger's row numbers. */
const plainNote = (note: string | null): string[] => (note ? [plainText(note)] : []);

export function summarizeYear(scored: WorkbookScore, scheme: Scheme, opts: { year?: number } = {}): YearSummary {
  const all: SummaryRow[] = [];
  /** The rows' input errors as score gives them (with cells), and whether the year cell is one of them. */
  const raw = new Map<SummaryRow, { errors: readonly CellError[]; yearErrors: readonly CellError[] }>();
  scored.result.sheets.forEach((sheet, i) => {
    const ledger = scored.ledgers[i]!;
    const records = new Map(ledger.records.map((r) => [r.row, r]));
    // The 考核年度 column's letters, from the sheet's map: in the pane the score arrives as a structured clone,
    // whose facts keep their data but not their `cell` (made when read).
    const yearCol = ledger.map.fields.get("year");
    const yearLetters = yearCol === undefined ? null : columnName(yearCol);
    for (const r of sheet.rows) {
      const rec = records.get(r.row);
      const yearCell = yearLetters === null ? undefined : `${yearLetters}${r.row}`;
      const line: SummaryRow = {
        sheet: sheet.sheet,
        row: r.row,
        ...postFacts(rec),
        year: r.year,
        round: r.round,
        deductionTotal: r.deductionTotal,
        score: r.score,
        status: r.status,
        // Reports go to the province: no rule codes, cell addresses or row positions (the ledger keeps them).
        revokeReasons: plainText(r.revocations.map((v) => v.reason).join("\n")),
        rectifyItems: plainText(rectifyTexts(scheme, scored.settings, r.rectifyItems).join("\n")),
        validThrough: r.validThrough,
        notes: readerNotes(r),
        consequences: r.consequences ?? [],
        codes: r.warnings.map((w) => w.code),
      };
      all.push(line);
      raw.set(line, { errors: r.errors, yearErrors: r.year === null && yearCell !== undefined ? r.errors.filter((e) => e.cell === yearCell) : [] });
    }
  });
  const unreadable = all.filter((r) => raw.get(r)!.yearErrors.length > 0);
  const years = all.map((r) => r.year).filter((y): y is number => y !== null);
  const year = opts.year ?? (years.length ? Math.max(...years) : null);
  if (year === null) throw new NoYearError(unreadable.flatMap((r) => raw.get(r)!.yearErrors.map((e) => `${r.sheet} 第${r.row}行 ${e.message}`)));

  // One row per post: the last assessment of the year (复评 after 初评, then sheet order).
  const latest = new Map<string, SummaryRow>();
  for (const r of all) {
    if (r.year !== year) continue;
    const k = postKey(r);
    const prev = latest.get(k);
    if (!prev || (prev.round === "初评" && r.round === "复评") || prev.round === r.round) latest.set(k, r);
  }
  // A filled but unreadable year belongs to no year: each such row is listed as 数据有误, never dropped.
  const rows = [...latest.values(), ...unreadable];
  const byStatus: Record<Status, number> = { retain: 0, rectify: 0, revoke: 0, error: 0 };
  for (const r of rows) byStatus[r.status]++;
  const scores = rows.filter((r) => r.status !== "error" && r.score !== null).map((r) => r.score!);
  const byType = (["service", "supervision", null] as const)
    .map((t) => {
      const of = rows.filter((r) => r.postType === t);
      const sc = of.filter((r) => r.status !== "error" && r.score !== null).map((r) => r.score!);
      return {
        postType: t ? POST_TYPE_LABEL[t] : "（未填类别）",
        posts: of.length,
        retain: of.filter((r) => r.status === "retain").length,
        rectify: of.filter((r) => r.status === "rectify").length,
        revoke: of.filter((r) => r.status === "revoke").length,
        error: of.filter((r) => r.status === "error").length,
        averageScore: average(sc),
      };
    })
    .filter((t) => t.posts > 0 || t.postType !== "（未填类别）");
  const roster: RosterPost[] = all.map((r) => ({ city: r.city, unit: r.unit, name: r.name, postType: r.postType, year: r.year, electedYear: r.electedYear, status: r.status }));
  const current = roster.filter((p) => p.year === year);
  // A post revoked and then elected again in the next selection: the engine's history says so per row.
  const reselected = new Map<string, SelectionWarning>();
  for (const r of all) {
    if (r.year !== year || r.electedYear === null || !r.codes.includes("reselected-after-revoke")) continue;
    const e = r.electedYear;
    reselected.set(postKey(r), {
      code: "reselected-after-revoke",
      city: r.city,
      year: e,
      posts: [r.name],
      message: `“${r.name}”（${r.city}${r.unit ? ` ${r.unit}` : ""}）${e - 1} 年已被撤销，不得参加下一次（${e} 年）评选，但又以 ${e} 年当选出现在名单中（第十一条）`,
    });
  }
  const order = new Map(all.map((r, i) => [r, i]));
  return {
    year,
    rows,
    byStatus,
    byType,
    averageScore: average(scores),
    scoreBands: scoreBands(scores),
    revoked: rows
      .filter((r) => r.status === "revoke")
      .map((r) => ({ name: r.name, city: r.city, unit: r.unit, level: r.level ? LEVEL_LABEL[r.level] : "", reasons: r.revokeReasons || "得分未达要求", consequences: r.consequences })),
    expiring: rows.filter((r) => r.validThrough === year && r.status !== "revoke").map((r) => ({ name: r.name, city: r.city, unit: r.unit, validThrough: r.validThrough! })),
    awaitingReview: rows
      .filter((r) => r.codes.includes("awaiting-review"))
      .map((r) => ({ name: r.name, city: r.city, unit: r.unit, score: r.score, rectifyItems: r.rectifyItems })),
    selection: [...quotaWarnings(current), ...reselected.values()],
    unchecked: scored.result.sheets.flatMap((sheet, i) => plainNote(uncheckedOf(scheme, sheet.rows, new Set(scored.ledgers[i]!.map.fields.keys())).note)),
    otherYears: all.filter((r) => r.year !== null && r.year !== year).length,
    noYear: all.filter((r) => r.year === null && !raw.get(r)!.yearErrors.length).length,
    unreadableYear: unreadable.length,
    dataErrors: rows
      .filter((r) => r.status === "error")
      .sort((a, b) => order.get(a)! - order.get(b)!)
      .map((r) => ({ sheet: r.sheet, row: r.row, city: r.city, unit: r.unit, name: r.name, year: r.year, round: r.round, messages: raw.get(r)!.errors.map((e) => e.message), unreadableYear: raw.get(r)!.yearErrors.length > 0 })),
  };
}
