/**
 * The 示范岗名册 and 评选资格审查 sheets laid out. Pure: data in, a {@link ReportLayout} out, rendered by either
 * adapter (A4 landscape, header frozen and printed on every page, like every generated sheet).
 */
import type { StatusFill } from "../sheets/grid";
import { ReportBuilder, SCORE, type ReportLayout } from "../sheets/report";
import { historyLine, monthWork, STATE_LABEL, STATUS_LABEL, type HalfYear, type Register, type RegisterState } from "./register";
import { VERDICT_LABEL, type Screening, type Verdict } from "./screening";
import { LEVEL_LABEL, POST_TYPE_LABEL } from "./yearSummary";

export const REGISTER_SHEET = "示范岗名册";
export const SCREENING_SHEET = "评选资格审查";

const STATE_FILL: Record<RegisterState, StatusFill> = { active: "retain", "rectify-pending": "rectify", revoked: "revoke", expired: "error" };
const VERDICT_FILL: Record<Verdict, StatusFill> = { eligible: "retain", confirm: "rectify", ineligible: "revoke" };
const REPORT_LABEL: Record<HalfYear["state"], string> = { submitted: "已报送", late: "逾期后报送", due: "本月应报", overdue: "逾期未报", unrecorded: "未登记" };

function reportsCell(rs: readonly HalfYear[]): string | null {
  if (!rs.length) return null;
  return rs.map((h) => `${h.year}${h.half === 1 ? "上" : "下"}半年 ${REPORT_LABEL[h.state]}${h.date ? ` ${h.date}` : ""}`).join("\n");
}

export function registerLayout(reg: Register, source: string): ReportLayout {
  const widths = [6, 8, 18, 20, 8, 8, 8, 8, 12, 7, 8, 34, 14, 30, 11, 22];
  const b = new ReportBuilder(REGISTER_SHEET, "党员示范岗名册", `截至 ${reg.asOf}；来源：${source}；每个示范岗一行（跨所有年度），考核经过按年度、初评 → 复评排列`, widths);
  const last = (p: Register["posts"][number]) => p.history[p.history.length - 1]!;
  b.table(
    {
      header: ["序号", "市州", "工作单位", "示范岗名称", "岗位类别", "级别", "当选年度", "示范期至", "最近考核", "得分", "结论", "考核经过", "当前状态", "下一步", "截止日期", "半年报送"],
      rows: reg.posts.map((p, i) => [
        i + 1,
        p.city,
        p.unit,
        p.aliases.length ? `${p.name}\n（又写作：${p.aliases.join("、")}）` : p.name,
        p.postType ? POST_TYPE_LABEL[p.postType] : null,
        p.level ? LEVEL_LABEL[p.level] : null,
        p.electedYear,
        p.validThrough,
        `${last(p).year ?? "?"} ${last(p).round}`,
        last(p).score,
        STATUS_LABEL[last(p).status],
        historyLine(p.history),
        p.state === "revoked" && p.revokedYear !== null ? `已撤销（${p.revokedYear}）` : STATE_LABEL[p.state],
        [p.next?.what ?? "", p.state === "revoked" && p.revokeReason ? `撤销原因：${p.revokeReason}` : ""].filter(Boolean).join("\n") || null,
        p.next?.due ?? null,
        reportsCell(p.reports),
      ]),
      formats: [null, null, null, null, null, null, null, null, null, SCORE],
      fills: reg.posts.map((p) => STATE_FILL[p.state]),
      statusCol: 13,
      wrapCols: [4, 12, 14, 16],
    },
    true,
  );
  b.blank();
  b.section("一、按当前状态统计");
  b.table({ header: ["当前状态", "数量"], rows: (Object.keys(STATE_LABEL) as RegisterState[]).map((s) => [STATE_LABEL[s], reg.counts[s]]), startCol: 3 });
  b.line(`合计 ${reg.posts.length} 个示范岗。`);
  b.blank();
  b.section("二、半年先进事迹报送（第六条：7 月报上半年，次年 1 月报下半年）");
  const r = reg.reports;
  b.table({
    header: ["已报送", "逾期后报送", "本月应报", "逾期未报", "未登记"],
    rows: [[r.submitted, r.late, r.due, r.overdue, r.unrecorded]],
    startCol: 3,
  });
  b.line(r.recorded ? "按工作簿中的“报送情况”表核对：表中有某年度的记录时，该年度没有报送日期的半年视为未报送；表中没有该年度的记为“未登记”。" : "工作簿中没有“报送情况”表：无法判断是否已报送，均列为“未登记”。");
  b.blank();
  const work = monthWork(reg);
  b.section(`三、${reg.asOf.slice(0, 4)} 年 ${Number(reg.asOf.slice(5, 7))} 月待办（含已逾期）`);
  b.table({
    header: ["序号", "市州", "示范岗名称", "事项", "截止日期", "是否逾期"],
    rows: work.map((w, i) => [i + 1, w.city, w.post, w.what, w.due, w.overdue ? "已逾期" : null]),
    empty: "无",
  });
  b.blank();
  b.section("四、疑似同一示范岗（名称或单位写法相近，未合并，请核实）");
  b.table({
    header: ["序号", "市州", "工作单位", "示范岗名称", "台账行", "说明"],
    rows: reg.nearDuplicates.flatMap((d, i) => d.posts.map((p, j) => [j === 0 ? i + 1 : null, p.city, p.unit, p.name, p.rows.join("、"), j === 0 ? d.reason : null])),
    empty: "无",
  });
  if (reg.unmatchedSubmissions.length) {
    b.blank();
    b.section("五、报送情况中在名册里找不到的示范岗");
    b.table({ header: ["序号", "工作表", "行", "示范岗名称"], rows: reg.unmatchedSubmissions.map((u, i) => [i + 1, u.sheet, u.row, u.name]) });
  }
  return b.build();
}

export function screeningLayout(s: Screening, source: string): ReportLayout {
  const widths = [6, 8, 18, 22, 8, 8, 8, 8, 10, 22, 44];
  const years = [...new Set(s.candidates.map((c) => c.selectionYear))].sort();
  const b = new ReportBuilder(
    SCREENING_SHEET,
    `${years.join("、")} 年度党员示范岗评选资格审查表`,
    `截至 ${s.asOf}；来源：${source}；依据第四、五、十、十一条及评分表第9项；名额为“原则上”，超出的列为待确认`,
    widths,
  );
  b.table(
    {
      header: ["序号", "市州", "工作单位", "示范岗名称", "岗位类别", "推荐级别", "负责人", "评选年度", "审查结论", "依据条款", "说明"],
      rows: s.candidates.map((c, i) => [
        i + 1,
        c.city,
        c.unit,
        c.name,
        c.postType ? POST_TYPE_LABEL[c.postType] : null,
        c.level ? LEVEL_LABEL[c.level] : null,
        c.leader || null,
        c.selectionYear,
        VERDICT_LABEL[c.verdict],
        [...new Set(c.findings.map((f) => f.clause))].join("\n") || null,
        c.findings.map((f) => `${f.verdict === "ineligible" ? "✗" : "？"} ${f.text}`).join("\n") || "符合各项条件",
      ]),
      fills: s.candidates.map((c) => VERDICT_FILL[c.verdict]),
      statusCol: 9,
      wrapCols: [10, 11],
    },
    true,
  );
  b.blank();
  b.section("一、审查结论统计");
  b.table({ header: ["审查结论", "数量"], rows: (["eligible", "ineligible", "confirm"] as Verdict[]).map((v) => [VERDICT_LABEL[v], s.counts[v]]), startCol: 3 });
  b.blank();
  b.section("二、各市州名额（第五条：每年服务岗 1 个、监督岗 1–2 个，按评选年度计，含名册中已当选的）");
  b.table({
    header: ["市州", "评选年度", "服务岗", "监督岗", "名册中已当选", "提示"],
    rows: s.quota.map((q) => [q.city, q.year, q.service, q.supervision, q.elected.join("、") || null, q.message ?? "符合"]),
    empty: "无",
    startCol: 2,
    stretchTo: 11,
  });
  b.blank();
  b.line("审查人：　　　　　　　　　　党组织书记签章：　　　　　　　　　　日期：");
  return b.build();
}
