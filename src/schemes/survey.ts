/**
 * The quarterly satisfaction survey sheets (workbooks.md, sheet C) as data: one row per response, or one
 * row per post per quarter with counts. The label → weight table is a setting (HunanSettings.answerWeights).
 */
import type { FieldDef, SheetDef } from "./types";

const identity: FieldDef[] = [
  {
    id: "name",
    header: "示范岗名称",
    synonyms: ["岗位名称", "党员示范岗名称", "党员示范岗（科室）名称", "示范岗", "被评价岗位", "被测评岗位", "测评对象", "评价对象", "党员示范岗"],
    kind: "text",
  },
  { id: "city", header: "市州", synonyms: ["市（州）", "所属市州", "地区"], kind: "text" },
  { id: "unit", header: "工作单位", synonyms: ["单位", "单位名称", "所在单位", "所属单位"], kind: "text" },
  { id: "quarter", header: "季度", synonyms: ["测评季度", "调查季度", "考核季度", "所属季度", "季度名称"], kind: "text" },
  { id: "year", header: "年度", synonyms: ["调查年度", "测评年度", "考核年度", "年份"], kind: "year" },
  { id: "date", header: "日期", synonyms: ["调查日期", "测评日期", "评价日期", "填表日期", "提交时间", "填写时间", "时间"], kind: "text" },
];

export const surveyResponseSheet: SheetDef = {
  id: "surveyResponses",
  name: "满意度调查",
  fields: [
    ...identity,
    {
      id: "answer",
      header: "评价",
      synonyms: ["满意度评价", "评价结果", "满意程度", "您的评价", "服务评价", "满意度", "测评结果", "评分", "打分", "得分"],
      kind: "text",
    },
  ],
  required: ["name", "answer"],
};

/** Count columns of the per-quarter shape: field id → the answer label it counts. */
export const COUNT_LABELS: Record<string, string> = {
  verySatisfied: "非常满意",
  satisfied: "满意",
  basic: "基本满意",
  neutral: "一般",
  dissatisfied: "不满意",
  veryDissatisfied: "非常不满意",
};

const countField = (id: string, header: string, synonyms: string[]): FieldDef => ({ id, header, synonyms, kind: "count" });

export const surveyCountSheet: SheetDef = {
  id: "surveyCounts",
  name: "满意度调查",
  fields: [
    ...identity,
    countField("verySatisfied", "非常满意人数", ["非常满意", "非常满意数", "非常满意票数"]),
    countField("satisfied", "满意人数", ["满意", "满意数", "满意票数", "满意（人）"]),
    countField("basic", "基本满意人数", ["基本满意", "基本满意数", "基本满意票数"]),
    countField("neutral", "一般人数", ["一般", "一般数", "一般票数"]),
    countField("dissatisfied", "不满意人数", ["不满意", "不满意数", "不满意票数"]),
    countField("veryDissatisfied", "非常不满意人数", ["非常不满意", "非常不满意数", "非常不满意票数"]),
    countField("blank", "空白人数", ["未作答人数", "空白", "未填写人数", "空白票数"]),
    countField("invalid", "无效人数", ["无效", "无效票数", "无法识别人数"]),
  ],
  required: ["name", "dissatisfied"],
};
