import type { NoLedgerError } from "../engine/scoreWorkbook";

/**
 * Why no ledger was found, short: the sheet closest to one and the required columns it lacks (not every header
 * found), and where to fix it.
 */
export function noLedgerText(e: NoLedgerError, what: string): string {
  const near = e.problems.filter((p) => p.bestRow !== null && p.found.length > 0).sort((a, b) => b.found.length - a.found.length)[0];
  if (!near) return `工作簿中没有找到${what}：没有一张表的前 10 行里有可识别的${what}表头。可以插入模板，或打开其他文件。`;
  return `工作表「${near.sheet}」第 ${near.bestRow} 行像${what}的表头（识别出 ${near.found.length} 列），但缺少必需的列：${near.missing.join("、")}。请到“列映射”指定哪一列是${near.missing.map((m) => `“${m}”`).join("、")}。`;
}

/** Chinese names of the settings the pane lets the user change (the scheme holds the values). */
export const THRESHOLD_LABELS: Record<string, string> = {
  satisfactionMin: "季度满意度：低于此值撤销",
  satisfactionGood: "季度满意度：低于此值扣分",
  supervisionMin: "监督规范化考核合格率：低于此值撤销",
  supervisionFull: "监督规范化考核合格率：低于此值扣分",
  qualityMin: "工程质量一次验收合格率：低于此值撤销",
  qualityFull: "工程质量一次验收合格率：低于此值扣分",
  coverageFull: "标准化达标验收覆盖率：低于此值扣分",
  safetyOnceMin: "安全一次性验收合格率：低于此值撤销",
  pledgeFull: "廉洁自律承诺签订率：低于此值扣分",
  excellentProjectsMin: "省市级优质工程：少于此数扣分",
  demoSitesMin: "安全标准化示范工地：少于此数扣分",
};

export const SETTING_LABELS: Record<string, string> = {
  cycleStartYear: "两年周期的起始年",
  revokeBelowScore: "最终得分低于此分撤销",
  twiceBelowScore: "连续两次低于此分撤销",
  missingQuarter: "季度满意度空白时",
  minSample: "满意度调查最少有效样本",
  answerWeights: "满意度评价的计分表",
  provinceCities: "应报送的市州",
  passMark: "达标分",
  points: "评分项分值",
  criterionPoints: "各评分项分值",
  gradeShares: "等次折算",
  blankCriterion: "评分项空白时",
  plan: "各年度创建计划",
  topCountsAsFirst: "治水管海先锋计入第一层级",
};

/** A settings problem with the setting's Chinese name in place of its id. */
export function settingsMessage(text: string): string {
  const names: Record<string, string> = { ...SETTING_LABELS, ...Object.fromEntries(Object.entries(THRESHOLD_LABELS).map(([k, v]) => [k, `“${v}”`])) };
  return text.replace(/\b(?:thresholds\.)?([A-Za-z]+)\b/g, (m: string, id: string) => (names[id] ? `“${names[id].replace(/“|”/g, "")}”` : m));
}

/** Revoke boundary → the deduct boundary of the same measure (a value below the first is revoked, below the second deducted). */
export const THRESHOLD_PAIRS: Record<string, string> = { satisfactionMin: "satisfactionGood", supervisionMin: "supervisionFull", qualityMin: "qualityFull" };

type Num = number | undefined;
type HunanDraft = {
  cycleStartYear?: Num;
  revokeBelowScore?: Num;
  twiceBelowScore?: Num;
  thresholds?: Record<string, { value?: Num; unit?: string }>;
};
type HunanDefaults = { cycleStartYear: number; revokeBelowScore: number; twiceBelowScore: number; thresholds: Record<string, { value: number; unit: string }> };

/**
 * The problems of a settings draft, per field ("cycleStartYear", "thresholds.qualityMin"), in Chinese, checked as
 * the user types: each value in range, and across fields (a revoke boundary above its deduct boundary is refused).
 * A blank field means the default.
 */
export function hunanFieldErrors(draft: HunanDraft, d: HunanDefaults): Record<string, string> {
  const out: Record<string, string> = {};
  const year = draft.cycleStartYear;
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) out["cycleStartYear"] = "请填写 2000–2100 之间的年份，如 2025";
  for (const k of ["revokeBelowScore", "twiceBelowScore"] as const) {
    const x = draft[k];
    if (x !== undefined && (!Number.isFinite(x) || x < 0 || x > 100)) out[k] = "请填写 0–100 之间的分数";
  }
  const value = (id: string) => draft.thresholds?.[id]?.value ?? d.thresholds[id]?.value;
  for (const [id, t] of Object.entries(d.thresholds)) {
    const x = draft.thresholds?.[id]?.value;
    if (x === undefined) continue;
    if (t.unit === "%" && (!Number.isFinite(x) || x < 0 || x > 100)) out[`thresholds.${id}`] = "请填写 0–100 之间的百分数";
    if (t.unit === "项" && (!Number.isInteger(x) || x < 0)) out[`thresholds.${id}`] = "请填写 0 或正整数";
  }
  for (const [revoke, deduct] of Object.entries(THRESHOLD_PAIRS)) {
    const r = value(revoke);
    const g = value(deduct);
    if (r === undefined || g === undefined || out[`thresholds.${revoke}`] || out[`thresholds.${deduct}`]) continue;
    if (r > g) out[`thresholds.${revoke}`] = `撤销线 ${r}% 不能高于扣分线“${THRESHOLD_LABELS[deduct]}” ${g}%`;
  }
  return out;
}

/** The same for the shanghai settings: 达标分, 等次折算 and the plan's numbers. */
export function unitFieldErrors(draft: { passMark?: Num; gradeShares?: Record<string, Num>; plan?: Record<string, Record<string, Num>> }): Record<string, string> {
  const out: Record<string, string> = {};
  const p = draft.passMark;
  if (p !== undefined && (!Number.isFinite(p) || p < 0 || p > 100)) out["passMark"] = "请填写 0–100 之间的分数";
  for (const [g, s] of Object.entries(draft.gradeShares ?? {})) {
    if (s !== undefined && (!Number.isFinite(s) || s < 0 || s > 1)) out[`gradeShares.${g}`] = "请填写 0–100 之间的百分比";
  }
  const shares = draft.gradeShares ?? {};
  const order = ["优", "良", "中", "差"].map((g) => shares[g]);
  if (!Object.keys(out).length && order.every((x) => x !== undefined) && order.some((x, i) => i > 0 && x > order[i - 1]!)) out["gradeShares"] = "等次越低，折算比例不能越高（优 ≥ 良 ≥ 中 ≥ 差）";
  for (const [tier, years] of Object.entries(draft.plan ?? {})) {
    for (const [y, n] of Object.entries(years)) if (n !== undefined && (!Number.isInteger(n) || n < 0)) out[`plan.${tier}.${y}`] = "请填写 0 或正整数";
  }
  return out;
}
