/**
 * Validation of a scheme table and of settings, run on load. A scheme that references an unknown field
 * or threshold, or settings out of range, is refused with every problem listed (in Chinese, naming the key).
 */
import type { AdditiveScheme, Condition, CriterionDef, GateCondition, HunanSettings, Line, Scheme, SheetDef, ShanghaiSettings, Threshold, UnitKind } from "./types";

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

/* ------------------------------------------------------------------------------------------------ */
/* Additive schemes (shanghai).                                                                       */
/* ------------------------------------------------------------------------------------------------ */

export type AdditiveSettingsInput = Partial<Omit<ShanghaiSettings, "points" | "plan">> & {
  points?: Partial<ShanghaiSettings["points"]>;
  plan?: Partial<ShanghaiSettings["plan"]>;
};

/** The points a criterion is worth under these settings. */
export function criterionMax(settings: ShanghaiSettings, c: CriterionDef): number {
  return settings.criterionPoints[c.id] ?? settings.points[c.part];
}

/** The criteria a row of this kind and line is scored on. */
export function criteriaFor(scheme: AdditiveScheme, kind: UnitKind, line: Line): CriterionDef[] {
  return scheme.criteria.filter((c) => c.kind === kind && (c.line === "all" || c.line === line));
}

/** The fields a gate condition reads. */
export function gateFields(c: GateCondition): string[] {
  return c.op === "allOf" || c.op === "anyOf" ? c.of.flatMap(gateFields) : [c.field];
}

/** Structural problems of an additive scheme table (developer errors: English). Empty when valid. */
export function additiveSchemeProblems(scheme: AdditiveScheme): string[] {
  const problems = sheetProblems(scheme.sheet);
  const fields = new Map(scheme.sheet.fields.map((f) => [f.id, f]));
  const ids = new Set<string>();
  for (const c of scheme.criteria) {
    if (ids.has(c.id)) problems.push(`duplicate criterion id ${c.id}`);
    ids.add(c.id);
    if (fields.get(c.field)?.kind !== "points") problems.push(`${c.id}: field ${c.field} is not a points field`);
  }
  for (const g of scheme.gates) {
    if (ids.has(g.id)) problems.push(`duplicate gate id ${g.id}`);
    ids.add(g.id);
    if (!g.kinds.length) problems.push(`${g.id}: applies to no kind`);
    for (const f of gateFields(g.pass)) if (!fields.has(f)) problems.push(`${g.id}: unknown field ${f}`);
    const check = (c: GateCondition): void => {
      if (c.op === "allOf" || c.op === "anyOf") return c.of.forEach(check);
      if (c.op !== "gradeIn") return;
      const known = new Set((fields.get(c.field)?.grades ?? []).map(([v]) => v));
      for (const v of c.grades) if (!known.has(v)) problems.push(`${g.id}: ${c.field} has no grade ${v}`);
    };
    check(g.pass);
  }
  problems.push(...additiveSettingsProblems(scheme, scheme.defaults));
  return problems;
}

const LINE_CN: Record<Line, string> = { supervision: "安质监", association: "协会会员" };
const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function additiveSettingsProblems(scheme: AdditiveScheme, s: ShanghaiSettings): string[] {
  const out: string[] = [];
  if (!isNumber(s.passMark) || s.passMark < 0 || s.passMark > 100) out.push(`passMark 应为 0–100 之间的分数（现为 ${String(s.passMark)}）`);
  for (const part of ["basic", "industry"] as const) {
    if (!isNumber(s.points?.[part]) || s.points[part] <= 0) out.push(`points.${part} 应为正数（现为 ${String(s.points?.[part])}）`);
  }
  const criteria = new Set(scheme.criteria.map((c) => c.id));
  if (typeof s.criterionPoints !== "object" || s.criterionPoints === null) out.push("criterionPoints 应为 {评分项编号: 分值} 对象");
  else {
    for (const [id, v] of Object.entries(s.criterionPoints)) {
      if (!criteria.has(id)) out.push(`criterionPoints 中没有评分项 ${id}`);
      else if (!isNumber(v) || v <= 0) out.push(`criterionPoints.${id} 应为正数（现为 ${String(v)}）`);
    }
  }
  if (!out.length) {
    // 基本标准占50分、行业标准占50分: every kind and line keeps the 50 + 50 split.
    for (const kind of ["org", "point", "post"] as const) {
      for (const line of ["supervision", "association"] as const) {
        for (const [part, cn] of [["basic", "基本标准"], ["industry", "行业标准"]] as const) {
          const sum = criteriaFor(scheme, kind, line).filter((c) => c.part === part).reduce((a, c) => a + criterionMax(s, c), 0);
          if (Math.abs(sum - 50) > 1e-6) out.push(`${scheme.kinds[kind]}（${LINE_CN[line]}）${cn}各项满分之和应为 50（现为 ${Number(sum.toFixed(4))}）`);
        }
      }
    }
  }
  if (typeof s.gradeShares !== "object" || s.gradeShares === null || Array.isArray(s.gradeShares)) out.push("gradeShares 应为 {等次: 得分比例} 对象");
  else {
    for (const [g, v] of Object.entries(s.gradeShares)) if (!isNumber(v) || v < 0 || v > 1) out.push(`gradeShares 中“${g}”的比例应为 0–1 之间的数（现为 ${String(v)}）`);
  }
  if (s.blankCriterion !== "unverified" && s.blankCriterion !== "zero") out.push(`blankCriterion 应为 "unverified" 或 "zero"`);
  for (const tier of ["first", "top"] as const) {
    const p = s.plan?.[tier];
    if (typeof p !== "object" || p === null || Array.isArray(p)) {
      out.push(`plan.${tier} 应为 {年份: 计划数} 对象`);
      continue;
    }
    for (const [y, n] of Object.entries(p)) {
      if (!/^\d{4}$/.test(y) || Number(y) < 1990 || Number(y) > 2100) out.push(`plan.${tier} 的年份“${y}”应为 1990–2100 之间的四位年份`);
      if (!Number.isInteger(n) || n < 0) out.push(`plan.${tier}.${y} 应为非负整数（现为 ${String(n)}）`);
    }
  }
  if (typeof s.topCountsAsFirst !== "boolean") out.push("topCountsAsFirst 应为 true 或 false");
  return out;
}

/** Defaults overlaid with the given settings; throws SettingsError listing every problem. */
export function resolveAdditiveSettings(scheme: AdditiveScheme, input: AdditiveSettingsInput = {}): ShanghaiSettings {
  const problems = Object.keys(input)
    .filter((k) => !(k in scheme.defaults))
    .map((k) => `未知的设置项 ${k}`);
  const d = scheme.defaults;
  const merged: ShanghaiSettings = {
    ...d,
    ...input,
    points: { ...d.points, ...(input.points ?? {}) },
    criterionPoints: { ...d.criterionPoints, ...(input.criterionPoints ?? {}) },
    gradeShares: { ...d.gradeShares, ...(input.gradeShares ?? {}) },
    // A plan given for a tier replaces that tier's whole plan (other years, other districts).
    plan: { ...d.plan, ...(input.plan ?? {}) },
  };
  problems.push(...additiveSettingsProblems(scheme, merged));
  if (problems.length) throw new SettingsError(problems);
  return merged;
}
