/**
 * The creation plan (附件 1) against the units 认定: per year × kind × tier, planned, recognised and the
 * running totals against the targets (15 / 5 by default), with the years behind plan marked; and the
 * 创建计划 sheet laid out. Pure.
 */
import { SettingsError } from "../schemes/schema";
import { shanghai } from "../schemes/shanghai";
import type { AdditiveScheme, ShanghaiSettings, Tier, UnitKind } from "../schemes/types";
import type { SheetGrid } from "../sheets/grid";
import { mappingOverrides, type StoredState } from "../sheets/port";
import { ReportBuilder, stamp, type ReportCell, type ReportLayout } from "../sheets/report";
import { NoLedgerError, scoreUnitWorkbook } from "./scoreWorkbook";
import { unitId } from "./scoreUnits";
import type { UnitsResult } from "./types";

export const PLAN_SHEET = "创建计划";

const KINDS: readonly UnitKind[] = ["org", "point", "post"];
const TIERS: readonly Tier[] = ["first", "top"];

export type PlanRow = {
  year: number;
  kind: UnitKind;
  tier: Tier;
  planned: number;
  recognised: number;
  cumulativePlanned: number;
  cumulativeRecognised: number;
  /** The running total of 认定 is below the running plan, in a year the sheet already has data for. */
  behind: boolean;
};

export type RecognisedUnit = { year: number; kind: UnitKind; tier: Tier; key: string; sheet: string; row: number };

export type PlanReport = {
  plan: PlanRow[];
  /** Per tier, the plan's total for each kind (附件 1's 合计: 15 and 5). */
  targets: Record<Tier, number>;
  recognised: RecognisedUnit[];
  /** 达标 rows not counted: no 步骤 of 认定/复评, or no 年度. */
  notCounted: { sheet: string; row: number; key: string; why: string }[];
  /** Units revoked on 复评 (still counted in the year they were 认定). */
  revoked: { sheet: string; row: number; key: string; year: number | null }[];
  /** The latest year with any row: later plan years are not yet due. */
  latestYear: number | null;
};

export function planProgress(result: UnitsResult, settings: ShanghaiSettings): PlanReport {
  const rows = result.sheets.flatMap((s) => s.rows.map((r) => ({ sheet: s.sheet, r })));
  const years = rows.map((x) => x.r.year).filter((y): y is number => y !== null);
  const latestYear = years.length ? Math.max(...years) : null;
  const first = new Map<string, RecognisedUnit>();
  const notCounted: PlanReport["notCounted"] = [];
  const revoked: PlanReport["revoked"] = [];
  // Earliest year first, so that each unit counts once per tier, in the year it was first 认定.
  const ordered = [...rows].sort((a, b) => (a.r.year ?? 9999) - (b.r.year ?? 9999));
  for (const { sheet, r } of ordered) {
    if (r.status === "revoke") revoked.push({ sheet, row: r.row, key: r.key, year: r.year });
    if (r.status !== "qualified" || !r.kind) continue;
    if (r.step !== "认定" && r.step !== "复评") {
      notCounted.push({ sheet, row: r.row, key: r.key, why: r.step ? `步骤为“${r.step}”，尚未认定` : "步骤为空" });
      continue;
    }
    if (r.year === null) {
      notCounted.push({ sheet, row: r.row, key: r.key, why: "年度为空" });
      continue;
    }
    const tiers: Tier[] = r.tier === "top" ? (settings.topCountsAsFirst ? ["top", "first"] : ["top"]) : ["first"];
    for (const tier of tiers) {
      const id = `${tier}|${unitId(r)}`;
      if (!first.has(id)) first.set(id, { year: r.year, kind: r.kind, tier, key: r.key, sheet, row: r.row });
    }
  }
  const recognised = [...first.values()];
  const planYears = TIERS.flatMap((t) => Object.keys(settings.plan[t]).map(Number));
  const allYears = [...new Set([...planYears, ...recognised.map((u) => u.year)])].sort((a, b) => a - b);
  const plan: PlanRow[] = [];
  for (const tier of TIERS) {
    for (const kind of KINDS) {
      let cumP = 0;
      let cumR = 0;
      for (const year of allYears) {
        const planned = settings.plan[tier][String(year)] ?? 0;
        const got = recognised.filter((u) => u.tier === tier && u.kind === kind && u.year === year).length;
        cumP += planned;
        cumR += got;
        const due = latestYear !== null && year <= latestYear;
        plan.push({ year, kind, tier, planned, recognised: got, cumulativePlanned: cumP, cumulativeRecognised: cumR, behind: due && cumR < cumP });
      }
    }
  }
  const targets = { first: sum(settings.plan.first), top: sum(settings.plan.top) };
  return { plan, targets, recognised, notCounted, revoked, latestYear };
}

/**
 * The plan over every 示范点 sheet of a workbook (one may keep a sheet per kind), with the settings and
 * mapping saved in it; null when it has no 示范点 sheet or its settings are invalid (the pane says why elsewhere).
 */
export function workbookPlan(grids: readonly SheetGrid[], stored: StoredState): PlanReport | null {
  try {
    const scored = scoreUnitWorkbook(grids, shanghai, { ...(stored.shanghai ? { settings: stored.shanghai } : {}), overrides: mappingOverrides(stored) });
    return planProgress(scored.result, scored.settings);
  } catch (e) {
    if (e instanceof NoLedgerError || e instanceof SettingsError) return null;
    throw e;
  }
}

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, n) => a + n, 0);


/** The 创建计划 sheet: one table per tier (year × kind), the units counted, and what was not counted. */
export function planLayout(p: PlanReport, scheme: AdditiveScheme, now: Date, source: string): ReportLayout {
  const b = new ReportBuilder(
    PLAN_SHEET,
    "“治水管海（水务工程建设）先锋”党建品牌示范点创建计划完成情况",
    `${stamp(now)}；来源：${source}；认定数 = 步骤为“认定”或“复评”且结论为“达标”的示范点，每个示范点按首次认定的年度计一次${p.latestYear !== null ? `；数据截至 ${p.latestYear} 年` : ""}`,
    [8, 12, 8, 8, 10, 10, 12, 30],
  );
  for (const [i, tier] of TIERS.entries()) {
    if (i) b.blank();
    b.section(`${i === 0 ? "一" : "二"}、${scheme.tiers[tier]}（目标：每类 ${p.targets[tier]} 个）`);
    const rows = p.plan.filter((r) => r.tier === tier);
    const cells: ReportCell[][] = rows.map((r) => [
      r.year,
      scheme.kinds[r.kind],
      r.planned,
      r.recognised,
      r.cumulativePlanned,
      r.cumulativeRecognised,
      `${r.cumulativeRecognised}/${p.targets[tier]}`,
      r.behind ? `落后于计划 ${r.cumulativePlanned - r.cumulativeRecognised} 个` : null,
    ]);
    b.table(
      {
        header: ["年度", "类别", "计划数", "认定数", "累计计划", "累计认定", "累计/目标", "进度"],
        rows: cells,
        fills: rows.map((r) => (r.behind ? "below" : null)),
        statusCol: 8,
      },
      i === 0,
    );
  }
  b.blank();
  b.section("三、计入的认定示范点");
  b.table({
    header: ["序号", "年度", "类别", "层级", "所属单位|名称", "位置"],
    rows: p.recognised
      .slice()
      .sort((a, b) => a.year - b.year || a.tier.localeCompare(b.tier) || a.kind.localeCompare(b.kind))
      .map((u, i) => [i + 1, u.year, scheme.kinds[u.kind], scheme.tiers[u.tier], u.key.replace("|", " · "), `${u.sheet} 第${u.row}行`]),
    empty: "无",
    stretchTo: 8,
  });
  b.blank();
  b.section("四、达标但未计入的记录");
  b.table({ header: ["序号", "所属单位|名称", "位置", "原因"], rows: p.notCounted.map((n, i) => [i + 1, n.key.replace("|", " · "), `${n.sheet} 第${n.row}行`, n.why]), empty: "无", stretchTo: 8 });
  b.blank();
  b.section("五、复评撤销的示范点");
  b.table({ header: ["序号", "所属单位|名称", "年度", "位置"], rows: p.revoked.map((n, i) => [i + 1, n.key.replace("|", " · "), n.year, `${n.sheet} 第${n.row}行`]), empty: "无", stretchTo: 8 });
  return b.build();
}

export const PLAN_KINDS: readonly UnitKind[] = ["org", "point", "post"];

/** One tier's table: a row per year, a column per kind, "认定 / 计划"; then the running total up to the latest data. */
export function planTable(report: PlanReport, tier: Tier): { years: number[]; cell: (year: number, kind: UnitKind) => PlanRow | null; total: Record<UnitKind, { got: number; planned: number; short: number }> } {
  const rows = report.plan.filter((r) => r.tier === tier);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  if (report.latestYear !== null && !years.includes(report.latestYear)) years.push(report.latestYear);
  const cell = (year: number, kind: UnitKind) => rows.find((r) => r.year === year && r.kind === kind) ?? null;
  const upTo = report.latestYear;
  const total = Object.fromEntries(
    PLAN_KINDS.map((k) => {
      const due = rows.filter((r) => r.kind === k && (upTo === null || r.year <= upTo));
      const got = due.reduce((n, r) => n + r.recognised, 0);
      const planned = due.reduce((n, r) => n + r.planned, 0);
      return [k, { got, planned, short: Math.max(0, planned - got) }];
    }),
  ) as Record<UnitKind, { got: number; planned: number; short: number }>;
  return { years, cell, total };
}

/** What is still short of the plan over both tiers, as the pane's 创建计划 shows it (and its message says). */
export function planShortTotal(report: PlanReport): number {
  return (["first", "top"] as const).reduce((n, t) => n + PLAN_KINDS.reduce((m, k) => m + planTable(report, t).total[k].short, 0), 0);
}
