/**
 * Validation of a scheme table and of settings, run on load. A scheme that references an unknown field
 * or threshold, or settings out of range, is refused with every problem listed (in Chinese, naming the key).
 */
import type { Condition, HunanSettings, Scheme, SheetDef, Threshold } from "./types";

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`设置有误：${problems.join("；")}`);
    this.name = "SettingsError";
  }
}

function conditionRefs(c: Condition, fields: string[], thresholds: string[]): void {
  switch (c.op) {
    case "anyOf":
      c.of.forEach((x) => conditionRefs(x, fields, thresholds));
      return;
    case "below":
      fields.push(c.field);
      thresholds.push(c.threshold);
      return;
    case "between":
      fields.push(c.field);
      thresholds.push(c.from, c.to);
      return;
    default:
      fields.push(c.field);
  }
}

function sheetProblems(sheet: SheetDef): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const f of sheet.fields) {
    if (ids.has(f.id)) problems.push(`${sheet.id}: duplicate field id ${f.id}`);
    ids.add(f.id);
    if (f.kind === "grade" && !f.grades?.length) problems.push(`${sheet.id}.${f.id}: grade field without grades`);
    if (f.kind === "review" && !f.item) problems.push(`${sheet.id}.${f.id}: review field without item`);
  }
  for (const r of sheet.required) if (!ids.has(r)) problems.push(`${sheet.id}: required field ${r} not defined`);
  return problems;
}

/** Structural problems of a scheme table (developer errors: English). Empty when valid. */
export function schemeProblems(scheme: Scheme): string[] {
  const problems = [...sheetProblems(scheme.ledger), ...sheetProblems(scheme.member)];
  const ledgerIds = new Set(scheme.ledger.fields.map((f) => f.id));
  const memberIds = new Set(scheme.member.fields.map((f) => f.id));
  const itemIds = new Set(scheme.items.map((i) => i.item));
  const ruleIds = new Set<string>();
  for (const rule of scheme.rules) {
    if (ruleIds.has(rule.id)) problems.push(`duplicate rule id ${rule.id}`);
    ruleIds.add(rule.id);
    if (!itemIds.has(rule.item)) problems.push(`${rule.id}: unknown 评分表 item ${rule.item}`);
    if (!rule.post && !rule.member) problems.push(`${rule.id}: no condition`);
    if (rule.effect.kind === "deduct" && !(rule.effect.points > 0)) problems.push(`${rule.id}: deduction must be > 0`);
    if (rule.effect.kind === "deduct" && !rule.rectify) problems.push(`${rule.id}: deduction rule without rectify text`);
    for (const [cond, ids, where] of [
      [rule.post, ledgerIds, "ledger"],
      [rule.member, memberIds, "member"],
    ] as const) {
      if (!cond) continue;
      const fields: string[] = [];
      const thresholds: string[] = [];
      conditionRefs(cond, fields, thresholds);
      for (const f of fields) if (!ids.has(f)) problems.push(`${rule.id}: unknown ${where} field ${f}`);
      for (const t of thresholds) if (!(t in scheme.defaults.thresholds)) problems.push(`${rule.id}: unknown threshold ${t}`);
    }
    const placeholders = `${rule.text} ${rule.rectify ?? ""}`.match(/\{(\w+)\}/g) ?? [];
    for (const p of placeholders) {
      if (!(p.slice(1, -1) in scheme.defaults.thresholds)) problems.push(`${rule.id}: unknown placeholder ${p}`);
    }
  }
  problems.push(...settingsProblems(scheme.defaults, scheme.defaults));
  return problems;
}

function thresholdProblems(key: string, t: unknown, base: Threshold | undefined): string[] {
  if (!base) return [`未知的阈值 ${key}`];
  if (typeof t !== "object" || t === null) return [`阈值 ${key} 应为对象`];
  const v = (t as Threshold).value;
  const e = (t as Threshold).equalIsBelow;
  const out: string[] = [];
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (base.unit === "%" && v > 100)) {
    out.push(`阈值 ${key}.value 应为${base.unit === "%" ? " 0–100 之间的" : "非负"}数（现为 ${String(v)}）`);
  }
  if (typeof e !== "boolean") out.push(`阈值 ${key}.equalIsBelow 应为 true 或 false`);
  return out;
}

function settingsProblems(s: HunanSettings, defaults: HunanSettings): string[] {
  const out: string[] = [];
  if (!Number.isInteger(s.cycleStartYear) || s.cycleStartYear < 1990 || s.cycleStartYear > 2100) {
    out.push(`cycleStartYear（周期起始年）应为 1990–2100 之间的整数年份（现为 ${String(s.cycleStartYear)}）`);
  }
  if (s.missingQuarter !== "warn" && s.missingQuarter !== "deduct") out.push(`missingQuarter 应为 "warn" 或 "deduct"`);
  for (const k of ["revokeBelowScore", "twiceBelowScore"] as const) {
    const v = s[k];
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 100) out.push(`${k} 应为 0–100 之间的分数（现为 ${String(v)}）`);
  }
  for (const [k, t] of Object.entries(s.thresholds)) out.push(...thresholdProblems(k, t, defaults.thresholds[k]));
  if (!Number.isInteger(s.minSample) || s.minSample < 1) out.push(`minSample 应为正整数（现为 ${String(s.minSample)}）`);
  if (typeof s.answerWeights !== "object" || s.answerWeights === null || Array.isArray(s.answerWeights)) out.push("answerWeights 应为 {评价: 权重} 对象");
  else {
    for (const [label, w] of Object.entries(s.answerWeights)) {
      if (typeof w !== "number" || !(w >= 0 && w <= 1)) out.push(`answerWeights 中“${label}”的权重应为 0–1 之间的数（现为 ${String(w)}）`);
    }
  }
  if (!Array.isArray(s.provinceCities) || s.provinceCities.some((c) => typeof c !== "string" || !c.trim())) out.push("provinceCities 应为市州名称的列表");
  return out;
}

export type SettingsInput = Partial<Omit<HunanSettings, "thresholds">> & {
  thresholds?: Record<string, Partial<Threshold>>;
};

/** Defaults overlaid with the given settings; throws SettingsError listing every problem. */
export function resolveSettings(scheme: Scheme, input: SettingsInput = {}): HunanSettings {
  const unknown = Object.keys(input).filter((k) => !(k in scheme.defaults));
  const thresholds: Record<string, Threshold> = { ...scheme.defaults.thresholds };
  const problems = unknown.map((k) => `未知的设置项 ${k}`);
  for (const [k, t] of Object.entries(input.thresholds ?? {})) {
    const base = scheme.defaults.thresholds[k];
    if (!base) {
      problems.push(`未知的阈值 ${k}`);
      continue;
    }
    thresholds[k] = { ...base, ...t, unit: base.unit };
  }
  const answerWeights = { ...scheme.defaults.answerWeights, ...(input.answerWeights ?? {}) };
  const merged: HunanSettings = { ...scheme.defaults, ...input, thresholds, answerWeights };
  problems.push(...settingsProblems(merged, scheme.defaults));
  if (problems.length) throw new SettingsError(problems);
  return merged;
}
