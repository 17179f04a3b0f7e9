/** Either scheme's scored rows as the result list shows them: a title, a status, a score and the reasons. */
import { plainText, rowWarnings, uncheckedOf } from "../engine/plainText";
import { SCHEME_INFO } from "../engine/schemes";
import type { AnyScore } from "../engine/scoreWorkbook";
import { hunan } from "../schemes/hunan";
import { shanghai } from "../schemes/shanghai";
import type { CellError } from "../sheets/records";

export type DisplayRow = {
  row: number;
  status: string;
  label: string;
  score: number | null;
  /** Who: 示范岗名称 · 工作单位 · 市州 (or 名称 · 类别 · 所属单位). */
  title: string;
  /** Which record: 考核年度 · 初评/复评 (or 年度 · 步骤). */
  meta: string;
  /** What the status rests on: "75 分", or the trigger of a revocation; null for a row with input errors. */
  scoreText: string | null;
  city: string;
  year: number | null;
  /** Name and unit, lower-cased, for the search box. */
  search: string;
  /** The record's post (the same post is assessed in several rows). */
  post: string;
  errors: CellError[];
  lines: string[];
};

/** The four colours of a status, shared by the tiles and the badges. */
export type Tone = "good" | "warn" | "bad" | "error";
export const TONE: Record<string, Tone> = {
  retain: "good",
  qualified: "good",
  rectify: "warn",
  below: "warn",
  unverified: "warn",
  revoke: "bad",
  ineligible: "bad",
  error: "error",
};

/** Revocation rules that rest on the score itself (A11a below 70, A11b twice below 80): the score explains them. */
const SCORE_RULES = new Set(["A11a", "A11b"]);

/** A reason without its rule code ("A11b（第十一条）：…" → "第十一条：…"); cell addresses stay, the pane can show them. */
const withoutCode = (text: string) => text.replace(/^[A-Z]\d{1,2}[a-z]?（([^（）]*(?:（[^（）]*）[^（）]*)*)）：/, "$1：").replace(/^[A-Z]\d{1,2}[a-z]? (?=\S)/, "");

/** What a hunan sheet lacks, worked out once per scoring: the list and the sheet note both need it (20,000 rows: ~20 ms). */
const uncheckedCache = new WeakMap<object, ReturnType<typeof uncheckedOf>>();
function uncheckedFor(score: Extract<AnyScore, { scheme: "hunan" }>, index: number): ReturnType<typeof uncheckedOf> {
  const rows = score.result.sheets[index]?.rows ?? [];
  let u = uncheckedCache.get(rows);
  if (!u) uncheckedCache.set(rows, (u = uncheckedOf(hunan, rows, new Set(score.ledgers[index]?.map.fields.keys() ?? []))));
  return u;
}

/** The rows of the sheet at `index` of a scored workbook. */
export function displayRows(score: AnyScore, index = 0): DisplayRow[] {
  const labels = SCHEME_INFO[score.scheme].labels;
  if (score.scheme === "shanghai") {
    return (score.result.sheets[index]?.rows ?? []).map((r) => {
      const [unit = "", name = ""] = r.key.split("|");
      const kind = r.kind ? shanghai.kinds[r.kind] : null;
      return {
        row: r.row,
        status: r.status,
        label: labels[r.status] ?? r.status,
        score: r.score,
        title: [name, kind && `${kind}${r.line === "association" ? "（协会会员）" : ""}`, unit].filter(Boolean).join(" · ") || `第 ${r.row} 行`,
        meta: [r.year !== null ? `${r.year}年` : "年度未填", r.step].filter(Boolean).join(" · "),
        scoreText: r.status === "error" || r.score === null ? null : `${r.score} 分`,
        city: "",
        year: r.year,
        search: `${name} ${unit}`.toLowerCase(),
        post: r.key,
        errors: r.errors,
        lines: [...r.reasons, ...r.unverified.map((u) => `待核实：${u}`), ...r.warnings.map((w) => `提示：${w.message}`)],
      };
    });
  }
  const sheet = score.result.sheets[index];
  const unchecked = uncheckedFor(score, index);
  return (sheet?.rows ?? []).map((r) => {
    const [city = "", unit = "", name = ""] = r.key.split("|");
    const triggers = r.revocations.filter((v) => !SCORE_RULES.has(v.rule));
    const byTrigger = r.status === "revoke" && triggers.length > 0 && !r.revocations.some((v) => SCORE_RULES.has(v.rule));
    return {
      row: r.row,
      status: r.status,
      label: labels[r.status] ?? r.status,
      score: r.score,
      title: [name, unit, city].filter(Boolean).join(" · ") || `第 ${r.row} 行`,
      meta: `${r.year !== null ? `${r.year}年` : "年度未填"} · ${r.round}`,
      scoreText: r.status === "error" || r.score === null ? null : byTrigger ? `因${plainText(triggers[0]!.reason).replace(/^[^：]*：/, "")}` : `${r.score} 分`,
      city,
      year: r.year,
      search: `${name} ${unit}`.toLowerCase(),
      post: r.key,
      errors: r.errors,
      lines: [
        ...r.revocations.map((v) => `撤销：${withoutCode(v.reason)}`),
        ...r.deductions.map((d) => withoutCode(d.text)),
        ...rowWarnings(hunan, r.warnings, unchecked).map((w) => `提示：${w.message}`),
      ],
    };
  });
}

/** Notes for the whole sheet (columns it lacks, cells blank on many rows), said once above the list. */
export function sheetNotes(score: AnyScore, index = 0): string[] {
  const sheet = score.result.sheets[index];
  const out: string[] = [];
  if (score.scheme === "hunan" && sheet) {
    const note = uncheckedFor(score, index).note;
    if (note) out.push(note);
  }
  return out;
}

/** "49 条考核记录（42 个示范岗）": records and the posts they assess, named the same way on every tab. */
export function recordCount(rows: readonly Pick<DisplayRow, "post">[], unit: string): string {
  const posts = new Set(rows.map((r) => r.post)).size;
  return `${rows.length} 条考核记录（${posts} 个${unit}）`;
}
