/**
 * Golden fixtures written by SheetJS — a different producer from the ExcelJS the product uses — so the
 * reader is tested on another library's encoding (inline number formats, booleans, its own XML).
 *   npx tsx scripts/makeFixtures.ts
 * The expected results (test/fixtures/*.expected.json) are written by hand, not by this script.
 */
import path from "node:path";
import * as XLSX from "xlsx";

const dir = path.join(__dirname, "..", "test", "fixtures");

function pct(v: number): XLSX.CellObject {
  return { t: "n", v, z: "0%" };
}

function basic(): void {
  const rows: unknown[][] = [
    ["湖南省XX党员示范岗考核台账（2025年度）"],
    ["市州", "工作单位", "示范岗名称", "岗位类别", "级别", "考核年度", "考核轮次", "当选年度", "一季度满意度", "二季度满意度", "三季度满意度", "四季度满意度", "未亮明身份", "负责人为先进个人", "未公开承诺次数", "上次得分"],
    ["长沙", "长沙市质监站", "报建窗口", "服务岗", "市州级", 2025, "初评", 2025, pct(0.95), "92%", 0.9, "91%", "否", "是", 0, null],
    ["长沙", "长沙市质监站", "质量监督科", "监督岗", "省级", "2025年", "初评", 2024, null, null, null, null, "是", "是", "1次", null],
    ["株洲", "株洲市质监站", "押证窗口", "服务岗", "市州级", 2025, "初评", 2025, "85%", pct(0.8), 95, 95, "否", "是", 0, null],
    ["株洲", "株洲市质监站", "押证窗口", "服务岗", "市州级", 2025, "复评", 2025, 95, 95, "79%", 95, "否", "是", 0, null],
    ["湘潭", "湘潭市质监站", "安全监督科", "监督岗", "市州级", 2025, "初评", null, null, null, null, null, "否", "否", 0, 75],
    ["湘潭", "湘潭市质监站", "备案窗口", "服务岗", "市州级", 2025, "初评", null, "优", 95, 95, 95, "否", "是", 0, null],
    ["衡阳", "衡阳市质监站", "安全监督二科", "监督岗", "市州级", 2025, "初评", null, null, null, null, null, "否", true, 1, 78],
    ["衡阳", "衡阳市质监站", "安全监督三科", "监督岗", "市州级", 2025, "初评", null, null, null, null, null, "是", "是", "0", 79],
  ];
  const ws = XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((c) => (c && typeof c === "object" ? null : c))));
  rows.forEach((r, ri) =>
    r.forEach((c, ci) => {
      if (c && typeof c === "object") ws[XLSX.utils.encode_cell({ r: ri, c: ci })] = c as XLSX.CellObject;
    }),
  );
  ws["!merges"] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 15 } }];
  const other = XLSX.utils.aoa_to_sheet([["说明"], ["本表由其他软件生成"]]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, other, "封面");
  XLSX.utils.book_append_sheet(wb, ws, "2025年考核");
  XLSX.writeFile(wb, path.join(dir, "golden-basic.xlsx"));
}

function noLedger(): void {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["市州", "工作单位", "示范岗名称", "考核年度"], ["长沙", "长沙市质监站", "报建窗口", 2025]]), "Sheet1");
  XLSX.writeFile(wb, path.join(dir, "no-ledger.xlsx"));
}

/** Survey, per-quarter counts: a ledger sheet and a 满意度统计 sheet, 80% exactly, a bad count, an unknown post. */
function surveyCounts(): void {
  const ledger = XLSX.utils.aoa_to_sheet([
    ["市州", "工作单位", "示范岗名称", "岗位类别", "考核年度", "一季度满意度", "二季度满意度"],
    ["长沙", "长沙市质监站", "报建窗口", "服务岗", 2025, "旧值", null],
    ["株洲", "株洲市质监站", "押证窗口", "服务岗", 2025, null, null],
    ["株洲", "株洲市质监站", "质量监督科", "监督岗", 2025, null, null],
  ]);
  const counts = XLSX.utils.aoa_to_sheet([
    ["2025年服务满意度测评统计"],
    ["市州", "示范岗名称", "季度", "满意人数", "基本满意人数", "不满意人数"],
    ["长沙", "报建窗口", "2025年第一季度", 15, 5, 5],
    ["长沙", "报建窗口", "2025年第二季度", 20, 7, 3],
    ["株洲", "押证窗口", "2025Q1", 10, 5, 0],
    ["株洲", "押证窗口", "2025Q2", "十", 5, "约3人"],
    ["株洲", "办证大厅", "2025Q1", 30, 0, 0],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ledger, "考核台账");
  XLSX.utils.book_append_sheet(wb, counts, "满意度统计");
  XLSX.writeFile(wb, path.join(dir, "survey-counts.xlsx"));
}

/** Survey, one row per response with a date and a 1–5 score (some blank, some unreadable). */
function surveyDates(): void {
  const rows: unknown[][] = [["岗位名称", "调查日期", "评分"]];
  const add = (name: string, serial: number, score: unknown, n: number) => {
    for (let i = 0; i < n; i++) rows.push([name, { t: "n", v: serial, z: "yyyy-mm-dd" }, score]);
  };
  add("押证窗口", 45672, 5, 18); // 2025-01-14
  add("押证窗口", 45672, 4, 1);
  add("押证窗口", 45672, 2, 1);
  add("押证窗口", 45672, null, 2);
  add("押证窗口", 45672, "五星", 1);
  add("押证窗口", 45778, 3, 2); // 2025-04-30
  add("押证窗口", 45778, "4分", 8);
  const ws = XLSX.utils.aoa_to_sheet(rows.map((r) => r.map((c) => (c && typeof c === "object" ? null : c))));
  rows.forEach((r, ri) =>
    r.forEach((c, ci) => {
      if (c && typeof c === "object") ws[XLSX.utils.encode_cell({ r: ri, c: ci })] = c as XLSX.CellObject;
    }),
  );
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "问卷");
  XLSX.writeFile(wb, path.join(dir, "survey-dates.xlsx"));
}

/** A 市州 summary as another office's software writes it: title, no 市州 column, 考核结果 wording. */
function otherSummary(): void {
  const ws = XLSX.utils.aoa_to_sheet([
    ["衡阳市2025年度党员示范岗考核情况汇总"],
    ["序号", "党员示范岗名称", "所在单位", "岗位类型", "级别", "考核年度", "考核得分", "考核结果"],
    [1, "报建窗口", "衡阳市质监站", "服务岗", "省级", 2025, 65, "撤销"],
    [2, "质量监督科", "衡阳市质监站", "监督岗", "市州级", 2025, 100, "继续保持"],
    [3, "安全监督科", "衡阳市质监站", "监督岗", "市州级", 2025, 100, "保持"],
    [4, "质监二科", "衡阳市质监站", "监督岗", "市州级", 2025, 90, "限期整改"],
    [],
    ["合计", "4个"],
  ]);
  ws["!merges"] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 7 } }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "汇总");
  XLSX.writeFile(wb, path.join(dir, "summary-other.xlsx"));
}

/** 上海 示范点 workbook as another office's software writes it: a sheet per kind, no 类型 column, header variants. */
function shanghaiOther(): void {
  const posts = XLSX.utils.aoa_to_sheet([
    ["XX区党员示范岗创建评分表"],
    ["序号", "姓名", "所在单位", "所属条线", "创建年度", "创建阶段", "信念坚定标杆", "岗位建功的标杆", "业务精湛的标杆", "弘扬正气的标杆", "爱岗敬业标杆", "担当尽责标杆", "履职业绩突出", "社会奉献突出", "政治面貌", "上年度民主评议等次", "年终考核等次", "质量安全事故", "质量安全投诉", "质量安全责任事故", "行政处罚", "不良信用记录"],
    [1, "王明", "XX区安质监站", "安质监", 2022, "认定", 12.5, 12.5, 12.5, 12.5, 25, 25, null, null, "中共党员", "优秀", "优秀", "否", "否", null, null, null],
    [2, "李强", "XX区安质监站", null, 2022, "认定", "A", "B", "C", "D", "A", "A", null, null, "中共预备党员", "优秀", "优秀", false, false, null, null, null],
    [3, "陈静", "某水利建设公司", "协会会员", 2022, "认定", 12, 12, 12, 12, null, null, 24, 24, "党员", "优秀", null, null, null, "否", "否", "无"],
    [4, "黄伟", "XX区安质监站", "安质监", "2022年", "复评", 10, 10, 10, 10, 20, 20, null, null, "中共党员", "优秀", "优秀", "否", "否", null, null, null],
    [5, "林芳", "XX区安质监站", "安质监", 2022, "评审", 12, 12, 12, "12分", 25, -3, null, null, "中共党员", "优秀", "优秀", "否", "否", null, null, null],
    [6, "赵敏", "XX区安质监站", "安质监", 2022, "认定", 12, 12, 12, 12, 24, 24, null, null, "中共党员", null, "优秀", "否", "否", null, null, null],
  ]);
  posts["!merges"] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 21 } }];
  const points = XLSX.utils.aoa_to_sheet([
    ["序号", "服务点名称", "单位名称", "年度", "步骤", "执行力强", "战斗力强", "创造力强", "贡献力强", "业务能力强", "工作业绩强", "固定工作人员数", "其中党员", "负责人是否党员", "安全质量事故", "安全质量投诉举报"],
    [1, "报监窗口", "XX区安质监站", 2022, "认定", 12, 12, 12, 12, 24, 24, "4人", 2, "是", "无", "无"],
    [2, "监督三组", "XX区安质监站", 2022, "认定", 11, 11, 11, 11, 22, 22, 3, 0, "否", "无", "无"],
    [3, "监督四组", "XX区安质监站", 2022, "认定", 10, 10, 10, 10, 22, 22.5, 5, 2, "是", "无", "无"],
  ]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([["说明"], ["本表由其他软件生成，按类别分表"]]), "说明");
  XLSX.utils.book_append_sheet(wb, posts, "党员示范岗");
  XLSX.utils.book_append_sheet(wb, points, "示范服务点");
  XLSX.writeFile(wb, path.join(dir, "shanghai-other.xlsx"));
}

basic();
shanghaiOther();
noLedger();
surveyCounts();
surveyDates();
otherSummary();
process.stdout.write(`fixtures written to ${dir}\n`);
