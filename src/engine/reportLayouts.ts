/**
 * The three generated sheets laid out: 满意度汇总 (quarterly tally), 年度汇总 (end-of-year summary) and
 * 全省汇总 (provincial consolidation). Pure: data in, a {@link ReportLayout} out, rendered by either adapter.
 */
import type { HunanSettings, Scheme } from "../schemes/types";
import type { StatusFill } from "../sheets/grid";
import { ReportBuilder, SCORE, stamp, type ReportCell, type ReportLayout, type TableSpec } from "../sheets/report";
import type { Consolidation } from "./consolidate";
import type { Band, SurveyTally } from "./survey";
import type { SelectionWarning } from "./selection";
import type { Status } from "./types";
import { LEVEL_LABEL, POST_TYPE_LABEL, type YearSummary } from "./yearSummary";

export const TALLY_SHEET = "满意度汇总";
export const SUMMARY_SHEET = "年度汇总";
export const PROVINCE_SHEET = "全省汇总";

const BAND_FILL: Record<Band, StatusFill> = { ok: "retain", deduct: "rectify", revoke: "revoke" };

export function bandLabel(b: Band | null, scheme: Scheme): string {
  if (b === null) return "无有效样本";
  const h1a = scheme.rules.find((r) => r.id === "H1a")?.effect;
  return b === "ok" ? "达标" : b === "revoke" ? "撤销" : `扣${h1a?.kind === "deduct" ? h1a.points : 10}分`;
}

const pct = (t: { value: number }) => `${t.value}%`;

export function tallyLayout(t: SurveyTally, scheme: Scheme, settings: HunanSettings, now: Date): ReportLayout {
  const labels = [...new Set([...Object.keys(settings.answerWeights), ...t.tally.flatMap((e) => Object.keys(e.counts))])].filter((l) => t.tally.some((e) => (e.counts[l] ?? 0) > 0));
  const header = ["序号", "市州", "工作单位", "示范岗名称", "年度", "季度", "有效样本", ...labels.map((l) => (/^\d$/.test(l) ? `${l}分` : l)), "空白", "无法识别", "满意度", "结论", "提示"];
  const widths = [6, 8, 16, 20, 7, 6, 8, ...labels.map(() => 8), 6, 8, 9, 9, 40];
  const min = settings.thresholds["satisfactionMin"]!;
  const good = settings.thresholds["satisfactionGood"]!;
  const b = new ReportBuilder(
    TALLY_SHEET,
    "党员示范岗季度服务满意度汇总表",
    `${stamp(now)}；满意度 = 正面评价 ÷ 有效样本（空白和无法识别的评价不计入）；不低于 ${pct(good)} 达标，${pct(min)}–${pct(good)} 扣分（H1a），低于 ${pct(min)} 撤销（H1b）${min.equalIsBelow ? `，恰好 ${pct(min)} 按撤销` : `，恰好 ${pct(min)} 按扣分`}`,
    widths,
  );
  const rows: ReportCell[][] = t.tally.map((e, i) => [
    i + 1,
    e.city,
    e.unit,
    e.post,
    e.year,
    `第${"一二三四"[e.quarter - 1]}季度`,
    e.valid,
    ...labels.map((l) => e.counts[l] ?? 0),
    e.blank,
    e.invalid,
    e.rate,
    bandLabel(e.band, scheme),
    e.warnings.map((w) => w.message).join("\n") || null,
  ]);
  const n = header.length;
  b.table(
    {
      header,
      rows,
      formats: header.map((_, i) => (i === n - 3 ? "0.00%" : null)),
      fills: t.tally.map((e) => (e.band ? BAND_FILL[e.band] : "error")),
      statusCol: n - 1,
      wrapCols: [n],
    },
    true,
  );
  if (t.unmatched.length) {
    b.blank();
    b.section("未能对应的示范岗");
    b.table({
      header: ["序号", "市州", "工作单位", "示范岗名称", "年度", "季度", "说明"],
      rows: t.unmatched.map((u, i) => [i + 1, u.city, u.unit, u.post, u.kind === "no-survey" ? u.year : null, u.kind === "no-survey" ? `第${"一二三四"[u.quarter - 1]}季度` : null, u.reason]),
      stretchTo: n,
    });
  }
  if (t.errors.length) {
    b.blank();
    b.section("无法归属的调查记录（未计入）");
    b.table({ header: ["序号", "单元格", "问题"], rows: t.errors.map((e, i) => [i + 1, e.cell, e.message]), stretchTo: n });
  }
  return b.build();
}

const STATUS_ORDER: Status[] = ["retain", "rectify", "revoke", "error"];
/** A consolidated conclusion that could not be placed. */
const UNVERIFIED = "待核实";

/** Selection and quota warnings, one per row, the message across the sheet. */
function warningTable(warnings: readonly SelectionWarning[], stretchTo: number): TableSpec {
  return { header: ["序号", "市州", "年度", "问题"], rows: warnings.map((w, i) => [i + 1, w.city, w.year, w.message]), empty: "未发现问题", stretchTo };
}

export function summaryLayout(s: YearSummary, scheme: Scheme, now: Date, source: string): ReportLayout {
  const L = scheme.labels;
  const b = new ReportBuilder(
    SUMMARY_SHEET,
    `${s.year} 年度党员示范岗考核汇总表`,
    `${stamp(now)}；来源：${source}；每个示范岗取本年度最后一次考核（复评优先）`,
    [6, 8, 18, 20, 8, 8, 8, 8, 8, 8, 9, 36, 36, 8, 30],
  );
  b.table(
    {
      header: ["序号", "市州", "工作单位", "示范岗名称", "岗位类别", "级别", "负责人", "考核年度", "扣分总计", "最终得分", "考核结论", "撤销原因", "整改项", "示范期至", "备注"],
      rows: s.rows.map((r, i) => [
        i + 1,
        r.city,
        r.unit,
        r.name,
        r.postType ? POST_TYPE_LABEL[r.postType] : null,
        r.level ? LEVEL_LABEL[r.level] : null,
        r.leader,
        r.year,
        r.deductionTotal,
        r.score,
        L[r.status],
        r.revokeReasons || null,
        r.rectifyItems || null,
        r.validThrough,
        [r.round === "复评" ? "复评结果" : "", r.notes].filter(Boolean).join("\n") || null,
      ]),
      fills: s.rows.map((r) => r.status),
      statusCol: 11,
      wrapCols: [12, 13, 15],
    },
    true,
  );
  for (const note of s.unchecked) b.line(`说明：${note}`);
  // The ledger's cell is named here (unlike the plain 备注): the row cannot be placed in a year until it is corrected.
  for (const e of s.dataErrors.filter((x) => x.unreadableYear)) {
    b.line(`说明：${e.sheet} 第${e.row}行${e.name ? `“${e.name}”` : ""}的考核年度无法识别，不能归入任何年度，按数据有误列入本表：${e.messages.join("；")}`);
  }
  b.blank();
  b.section("一、按考核结论统计");
  const byStatus = b.table({ header: ["考核结论", "数量"], rows: STATUS_ORDER.map((st) => [L[st], s.byStatus[st]]), startCol: 4 });
  b.chart("考核结论分布", byStatus, 2, 7);
  b.line(`合计 ${s.rows.length} 个示范岗；平均得分 ${s.averageScore ?? "—"} 分（不含数据有误）${s.otherYears ? `；另有 ${s.otherYears} 行为其他年度的考核，未列入` : ""}${s.noYear ? `；${s.noYear} 行未填考核年度，未列入` : ""}`);
  b.blank();
  b.section("二、按岗位类别统计");
  b.table({
    header: ["岗位类别", "岗位数", L.retain, L.rectify, L.revoke, L.error, "平均得分"],
    rows: s.byType.map((t) => [t.postType, t.posts, t.retain, t.rectify, t.revoke, t.error, t.averageScore]),
    startCol: 4,
    formats: [null, null, null, null, null, null, SCORE],
  });
  b.blank();
  b.section("三、得分分布");
  const bands = b.table({ header: ["分数段", "数量"], rows: s.scoreBands.map((x) => [x.band, x.count]), startCol: 4 });
  b.chart("得分分布", bands, 2, 7);
  b.blank();
  b.section("四、撤销的示范岗及后续处理（报省总站备案）");
  b.table({
    header: ["序号", "市州", "工作单位", "示范岗名称", "级别", "撤销原因及后续处理"],
    rows: s.revoked.map((r, i) => [i + 1, r.city, r.unit, r.name, r.level, `${r.reasons}\n后续处理：${r.consequences.join("；")}`]),
    empty: "无",
    stretchTo: 15,
  });
  b.blank();
  b.section(`五、示范期于 ${s.year} 年届满的示范岗`);
  b.table({ header: ["序号", "市州", "工作单位", "示范岗名称", "示范期至"], rows: s.expiring.length ? s.expiring.map((r, i) => [i + 1, r.city, r.unit, r.name, r.validThrough]) : [[null, null, null, "无", null]] });
  b.blank();
  b.section("六、待复评的示范岗（整改后须再评分，本年度台账中没有复评记录）");
  b.table({
    header: ["序号", "市州", "工作单位", "示范岗名称", "初评得分", "整改项"],
    rows: s.awaitingReview.map((r, i) => [i + 1, r.city, r.unit, r.name, r.score, r.rectifyItems || null]),
    empty: "无",
    stretchTo: 15,
  });
  b.blank();
  b.section("七、评选检查（每个市州每年服务岗不超过 1 个、监督岗 1–2 个；被撤销的不得参加下一次评选）");
  b.table(warningTable(s.selection, 15));
  return b.build();
}

export function provinceLayout(c: Consolidation, scheme: Scheme, now: Date): ReportLayout {
  const L = scheme.labels;
  const b = new ReportBuilder(
    PROVINCE_SHEET,
    `${c.year ?? ""}${c.year ? " 年度" : ""}全省党员示范岗考核汇总表`,
    `${stamp(now)}；汇总 ${c.files.length} 个文件${c.skippedFiles.length ? `，跳过 ${c.skippedFiles.length} 个` : ""}`,
    [6, 10, 18, 20, 8, 8, 8, 8, 8, 9, 36, 22, 24],
  );
  b.table(
    {
      header: ["序号", "市州", "工作单位", "示范岗名称", "岗位类别", "级别", "负责人", "考核年度", "最终得分", "考核结论", "撤销原因", "来源文件", "备注"],
      rows: c.posts.map((p, i) => [
        i + 1,
        p.city,
        p.unit,
        p.name,
        p.postType ? POST_TYPE_LABEL[p.postType] : null,
        p.level ? LEVEL_LABEL[p.level] : null,
        p.leader,
        p.year,
        p.score,
        p.status === "unverified" ? UNVERIFIED : L[p.status],
        p.revokeReasons || null,
        `${p.source} 第${p.sourceRow}行`,
        p.notes || null,
      ]),
      fills: c.posts.map((p) => p.status),
      statusCol: 10,
      wrapCols: [11, 13],
    },
    true,
  );
  b.blank();
  b.section("一、各市州情况");
  const cities = b.table({
    header: ["市州", "岗位数", L.retain, L.rectify, L.revoke, L.error, UNVERIFIED, "平均得分"],
    rows: c.cities.map((x) => [x.city, x.posts, x.retain, x.rectify, x.revoke, x.error, x.unverified, x.averageScore]),
    startCol: 2,
    formats: [null, null, null, null, null, null, null, SCORE],
  });
  b.chart("各市州示范岗数", cities, 2, 10);
  const total = c.cities.reduce((n, x) => n + x.posts, 0);
  b.line(`全省合计 ${total} 个示范岗：${[...STATUS_ORDER.map((s) => `${L[s]} ${c.cities.reduce((n, x) => n + x[s], 0)}`), `${UNVERIFIED} ${c.cities.reduce((n, x) => n + x.unverified, 0)}`].join("，")}`);
  b.blank();
  b.section("二、未报送的市州");
  b.line(c.missingCities.length ? c.missingCities.join("、") : "无");
  b.blank();
  b.section("三、名额提示（每个市州每年服务岗不超过 1 个、监督岗 1–2 个）");
  b.table(warningTable(c.quotaWarnings, 13));
  b.blank();
  b.section("四、重复上报的示范岗（保留第一次上报的记录）");
  b.table({ header: ["序号", "市州", "工作单位", "示范岗名称", "上报位置"], rows: c.duplicates.map((d, i) => [i + 1, d.city, d.unit, d.post, d.sources.join("；")]), empty: "无", stretchTo: 13 });
  b.blank();
  b.section("五、应撤销的省级党员示范岗称号");
  b.table({ header: ["序号", "市州", "工作单位", "示范岗名称", "撤销原因"], rows: c.provincialRevocations.map((r, i) => [i + 1, r.city, r.unit, r.post, r.reasons || "得分未达要求"]), empty: "无", stretchTo: 13 });
  b.blank();
  b.section("六、待核实的考核结论（无法归为保持、整改或撤销，未计入保持）");
  b.table({
    header: ["序号", "市州", "工作单位", "示范岗名称", "上报结论", "得分", "上报位置"],
    rows: c.unplaced.map((u, i) => [i + 1, u.city, u.unit, u.post, u.stated || "（空白）", u.score, u.source]),
    empty: "无",
    stretchTo: 13,
  });
  b.blank();
  b.section("七、与得分不符的考核结论（按办法的结论计）");
  b.table({
    header: ["序号", "市州", "工作单位", "示范岗名称", "上报结论", "得分", "按办法", "说明", "上报位置"],
    rows: c.contradictions.map((x, i) => [i + 1, x.city, x.unit, x.post, x.stated, x.score, L[x.verdict], x.why, x.source]),
    empty: "无",
    stretchTo: 13,
  });
  if (c.skippedFiles.length) {
    b.blank();
    b.section("六、未能汇总的文件");
    b.table({ header: ["序号", "文件", "原因"], rows: c.skippedFiles.map((f, i) => [i + 1, f.file, f.reason]), stretchTo: 13 });
  }
  return b.build();
}

