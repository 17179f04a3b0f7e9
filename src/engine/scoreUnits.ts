/**
 * The additive engine (scheme `shanghai`): 示范点 records in, per-row results out. Pure and synchronous.
 * Points per criterion (or a grade priced by the scheme's table) add up to 基本标准 + 行业标准; gates are
 * evaluated three-valued (pass, fail, unknown when an input is blank); the status follows shanghai.md's
 * precedence: error → ineligible (revoke on 复评) → below (revoke on 复评) → unverified → qualified.
 */
import { criteriaFor, criterionMax } from "../schemes/schema";
import type { AdditiveScheme, CriterionDef, GateCondition, Line, ShanghaiSettings, Tier, UnitKind } from "../schemes/types";
import { normalizeText } from "../sheets/normalize";
import type { CellError, Fact, RowRecord } from "../sheets/records";
import { qualify, readingWarnings } from "./explain";
import type { CriterionScore, UnitResult, UnitSheetResult, UnitsResult, UnitStatus, Warning } from "./types";

export type UnitSheetInput = {
  sheet: string;
  headerRow: number;
  records: RowRecord[];
  /** Field ids the sheet has a column for. */
  columns: ReadonlySet<string>;
  warnings?: Warning[];
};

/** Points rounded to hundredths (12.5 × 80% is exactly 10; sums of shares stay readable). */
const round2 = (n: number) => Math.round(n * 100) / 100;
const text = (f: Fact | undefined): string | null => (f && typeof f.value === "string" ? f.value : null);

/** The one kind whose criteria columns a sheet has, or the kind its name says (a sheet per kind). */
export function sheetKind(scheme: AdditiveScheme, sheet: string, columns: ReadonlySet<string>): UnitKind | null {
  const kinds = new Set(scheme.criteria.filter((c) => columns.has(c.field)).map((c) => c.kind));
  if (kinds.size === 1) return [...kinds][0]!;
  const name = normalizeText(sheet);
  // "党员示范岗" → 示范岗, "示范服务点" → 服务点, "示范党组织" → 党组织: the last three characters name the kind.
  const byName = (["post", "point", "org"] as const).filter((k) => name.includes(normalizeText(scheme.kinds[k]).slice(2)));
  return byName.length === 1 ? byName[0]! : null;
}

type Gate = { v: "pass" | "fail" | "unknown"; failed: Fact[]; blank: { field: string; fact: Fact | undefined }[] };

function show(f: Fact): string {
  if (typeof f.value === "boolean") return f.text ?? (f.value ? "是" : "否");
  if (typeof f.value === "string") return f.text ?? f.value;
  if (typeof f.value === "number") return String(f.value);
  return f.text ?? "";
}

function evalGate(c: GateCondition, facts: Readonly<Record<string, Fact>>): Gate {
  if (c.op === "allOf" || c.op === "anyOf") {
    const parts = c.of.map((x) => evalGate(x, facts));
    const failed = parts.flatMap((p) => p.failed);
    const blank = parts.flatMap((p) => p.blank);
    if (c.op === "allOf") {
      if (parts.some((p) => p.v === "fail")) return { v: "fail", failed, blank: [] };
      if (parts.some((p) => p.v === "unknown")) return { v: "unknown", failed: [], blank };
      return { v: "pass", failed: [], blank: [] };
    }
    if (parts.some((p) => p.v === "pass")) return { v: "pass", failed: [], blank: [] };
    if (parts.some((p) => p.v === "unknown")) return { v: "unknown", failed: [], blank };
    return { v: "fail", failed, blank: [] };
  }
  const fact = facts[c.field];
  if (!fact || fact.value === null) return { v: "unknown", failed: [], blank: [{ field: c.field, fact }] };
  const v = fact.value;
  const ok =
    c.op === "yes" ? v === true : c.op === "no" ? v === false : c.op === "gradeIn" ? typeof v === "string" && c.grades.includes(v) : typeof v === "number" && v >= c.value;
  return ok ? { v: "pass", failed: [], blank: [] } : { v: "fail", failed: [fact], blank: [] };
}

const gradeTables = new WeakMap<ShanghaiSettings, Map<string, number>>();
/** The grade table with normalised keys, built once per settings object. */
function gradeTable(settings: ShanghaiSettings): Map<string, number> {
  let t = gradeTables.get(settings);
  if (!t) gradeTables.set(settings, (t = new Map(Object.entries(settings.gradeShares).map(([g, share]) => [normalizeText(g), share]))));
  return t;
}

type Priced = { score: CriterionScore | null; error?: CellError };

function price(c: CriterionDef, fact: Fact | undefined, settings: ShanghaiSettings): Priced {
  const max = criterionMax(settings, c);
  if (!fact) return { score: null };
  const cell = fact.cell;
  const v = fact.value;
  if (v === null) return { score: { id: c.id, cell, points: null, max } };
  if (typeof v === "number") {
    if (v > max + 1e-9) return { score: null, error: { cell, message: `${fact.header}（${cell}）为 ${v} 分，超过该项满分 ${max} 分` } };
    return { score: { id: c.id, cell, points: round2(v), max } };
  }
  if (typeof v === "object" && "grade" in v) {
    const share = gradeTable(settings).get(normalizeText(v.grade));
    if (share === undefined) {
      const grades = Object.keys(settings.gradeShares).join("、");
      return { score: null, error: { cell, message: `${fact.header}（${cell}）无法识别“${v.grade}”，应为 0–${max} 之间的分数或等次（${grades}）` } };
    }
    return { score: { id: c.id, cell, points: round2(share * max), max, grade: v.grade } };
  }
  return { score: null, error: { cell, message: `${fact.header}（${cell}）应为分数或等次` } };
}

type Identity = { kind: UnitKind | null; line: Line; year: number | null; step: string | null; tier: Tier; key: string };

/** A unit's identity across rows, years and sheets: 所属单位|名称 normalised, and its kind. */
export const unitId = (r: Pick<UnitResult, "key" | "kind">): string => `${normalizeText(r.key)}|${r.kind ?? ""}`;

function identify(rec: RowRecord, fallbackKind: UnitKind | null): Identity {
  const f = rec.facts;
  const kind = (text(f["kind"]) as UnitKind | null) ?? fallbackKind;
  const unit = text(f["unit"]) ?? "";
  const name = text(f["name"]) ?? "";
  return {
    kind,
    line: text(f["line"]) === "association" ? "association" : "supervision",
    year: typeof f["year"]?.value === "number" ? f["year"].value : null,
    step: text(f["step"]),
    tier: text(f["tier"]) === "top" ? "top" : "first",
    key: `${unit}|${name}`,
  };
}

/** Scores one row; `columns` are the field ids its sheet has. */
export function scoreUnit(rec: RowRecord, scheme: AdditiveScheme, settings: ShanghaiSettings, columns: ReadonlySet<string>, fallbackKind: UnitKind | null): UnitResult {
  const id = identify(rec, fallbackKind);
  const errors: CellError[] = [...rec.errors];
  const warnings: Warning[] = [];
  readingWarnings(rec, warnings, null);
  const result: UnitResult = {
    row: rec.row,
    key: id.key,
    kind: id.kind,
    line: id.line,
    year: id.year,
    step: id.step,
    tier: id.tier,
    status: "error",
    basic: null,
    industry: null,
    score: null,
    gatesFailed: [],
    gatesUnverified: [],
    criteria: [],
    reasons: [],
    unverified: [],
    warnings,
    errors,
  };
  const headerOf = (field: string) => rec.facts[field]?.header ?? scheme.sheet.fields.find((f) => f.id === field)?.header ?? field;
  if (!id.kind) {
    const cell = rec.facts["kind"]?.cell;
    errors.push(
      cell
        ? { cell, message: `类型（${cell}）为空，应为示范党组织、示范服务点或党员示范岗` }
        : { cell: `A${rec.row}`, message: "工作表没有“类型”列，无法判断本行是示范党组织、示范服务点还是党员示范岗" },
    );
    return result;
  }
  const kindName = scheme.kinds[id.kind];

  // Criteria: those of the row's kind and line count; others filled in are named and left out.
  const mine = criteriaFor(scheme, id.kind, id.line);
  const missingColumns = mine.filter((c) => !columns.has(c.field));
  if (missingColumns.length) {
    errors.push({
      cell: `A${rec.row}`,
      message: `工作表缺少${kindName}（${id.line === "association" ? "协会会员" : "安质监"}）的评分列：${missingColumns.map((c) => `“${c.name}”`).join("、")}`,
    });
  }
  for (const c of mine) {
    const p = price(c, rec.facts[c.field], settings);
    if (p.error) errors.push(p.error);
    if (p.score) result.criteria.push(p.score);
  }
  const stray = scheme.criteria.filter((c) => !mine.includes(c) && rec.facts[c.field]?.value != null);
  if (stray.length) {
    warnings.push({
      code: "criterion-not-applicable",
      cells: stray.map((c) => rec.facts[c.field]!.cell),
      message: `${stray.map((c) => `${headerOf(c.field)}（${rec.facts[c.field]!.cell}）`).join("、")}不适用于${kindName}（${id.line === "association" ? "协会会员，用附件2行业标准" : "安质监条线"}），未计入`,
    });
  }
  if (errors.length) return result;

  // Gates of the row's kind and line.
  const isReview = id.step === "复评";
  const failed: string[] = [];
  for (const g of scheme.gates) {
    if (!g.kinds.includes(id.kind) || (g.line !== "all" && g.line !== id.line)) continue;
    const out = evalGate(g.pass, rec.facts);
    if (out.v === "fail") {
      result.gatesFailed.push(g.id);
      failed.push(`${g.id} ${g.text}：${out.failed.map((f) => `${f.header}（${f.cell}）为“${show(f)}”`).join("，")}`);
    } else if (out.v === "unknown") {
      result.gatesUnverified.push(g.id);
      const blanks = out.blank.map((b) => (b.fact ? `${b.fact.header}（${b.fact.cell}）未填写` : `工作表没有“${headerOf(b.field)}”列`));
      result.unverified.push(`${g.id} ${g.text}：${[...new Set(blanks)].join("，")}`);
    }
  }

  // Points.
  const blanks = result.criteria.filter((c) => c.points === null);
  const zeroBlanks = settings.blankCriterion === "zero";
  const partOf = new Map(mine.map((c) => [c.id, c.part]));
  const sumOf = (part: "basic" | "industry"): number | null => {
    const cs = result.criteria.filter((c) => partOf.get(c.id) === part);
    if (!zeroBlanks && cs.some((c) => c.points === null)) return null;
    return round2(cs.reduce((a, c) => a + (c.points ?? 0), 0));
  };
  result.basic = sumOf("basic");
  result.industry = sumOf("industry");
  result.score = result.basic !== null && result.industry !== null ? round2(result.basic + result.industry) : null;
  if (blanks.length) {
    const names = blanks.map((b) => `${headerOf(b.id)}（${b.cell}）`).join("、");
    if (zeroBlanks) warnings.push({ code: "blank-criterion-zero", cells: blanks.map((b) => b.cell), message: `未评分按 0 分计：${names}` });
    else result.unverified.push(`未评分：${names}`);
  }
  const known = round2(result.criteria.reduce((a, c) => a + (c.points ?? 0), 0));
  const best = round2(known + (zeroBlanks ? 0 : blanks.reduce((a, c) => a + c.max, 0)));

  const pass = settings.passMark;
  let status: UnitStatus;
  if (failed.length) {
    status = isReview ? "revoke" : "ineligible";
    result.reasons.push(...failed);
  } else if (best < pass) {
    // Below the pass mark — certainly, even when some criteria are not scored yet.
    status = isReview ? "revoke" : "below";
    result.reasons.push(
      result.score !== null ? `总分 ${result.score} 分，低于达标分 ${pass} 分` : `已评分项合计 ${known} 分，未评分的 ${blanks.length} 项即使满分，总分也低于达标分 ${pass} 分`,
    );
  } else if (result.unverified.length) {
    status = "unverified";
  } else {
    status = "qualified";
  }
  if (status === "revoke") {
    result.reasons.unshift(`复评不符合标准，撤销“${scheme.tiers[id.tier]}”${kindName}（不搞终身制，定期复评）`);
  }
  result.status = status;
  return result;
}

/** Scores every 示范点 sheet; duplicate rows of a unit in a year and step are warned about. */
export function scoreUnits(sheets: readonly UnitSheetInput[], scheme: AdditiveScheme, settings: ShanghaiSettings): UnitsResult {
  const out: UnitSheetResult[] = sheets.map((s) => {
    const fallback = sheetKind(scheme, s.sheet, s.columns);
    const rows = s.records.map((rec) => scoreUnit(rec, scheme, settings, s.columns, fallback));
    return { sheet: s.sheet, headerRow: s.headerRow, rows, warnings: s.warnings ?? [] };
  });
  const seen = new Map<string, { sheet: string; row: number }>();
  for (const s of out) {
    for (const r of s.rows) {
      if (!r.kind || r.key === "|") continue;
      const k = `${unitId(r)}|${r.year ?? ""}|${r.step ?? ""}`;
      const first = seen.get(k);
      if (!first) {
        seen.set(k, { sheet: s.sheet, row: r.row });
        continue;
      }
      const where = first.sheet === s.sheet ? `第 ${first.row} 行` : qualify(first.sheet, `A${first.row}`);
      r.warnings.push({ code: "duplicate-unit", cells: [`A${r.row}`], message: `与${where}是同一示范点、同一年度、同一步骤，请核对是否重复` });
    }
  }
  return { scheme: "shanghai", sheets: out, warnings: [] };
}
