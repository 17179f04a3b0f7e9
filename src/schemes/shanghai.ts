/**
 * Scheme `shanghai`: 综合条线安质监类 "治水管海（水务工程建设）先锋" 党建品牌示范点创建实施方案, with 附件 1
 * (各年度创建计划) and 附件 2 (水利工程协会相关会员单位行业标准). See ../shared/spec/shanghai.md.
 * Everything here is data: criteria, gates, vocabularies, outputs and every open boundary in `defaults`.
 * Criterion and gate ids are stable; outputs and explanations cite them.
 */
import type { AdditiveScheme, CriterionDef, FieldDef, GateCondition, GateDef, Line, Statement, UnitKind } from "./types";

const YES_SPELLINGS = ["是", "有", "y", "yes", "true", "1", "√", "✓", "✔"];
const NO_SPELLINGS = ["否", "无", "n", "no", "false", "0", "×", "✗", "没有", "不是"];

/** 优秀 … 不合格 with the failing spellings first, so that "不称职" is not read as 称职 by containment. */
const ASSESSMENT_GRADES = [
  ["基本称职", ["基本称职"]],
  ["不称职", ["不称职"]],
  ["基本合格", ["基本合格"]],
  ["不合格", ["不合格", "差"]],
  ["优秀", ["优秀", "优"]],
  ["良好", ["良好", "良"]],
  ["称职", ["称职"]],
  ["合格", ["合格"]],
] as const;

/** 文明单位: yes/no or a level; levels below 区局级 and "no" first (containment order). */
const CIVILIZED_LEVELS = [
  ["街镇级", ["街镇级", "街道级", "镇级", "乡镇级", "街镇"]],
  ["否", [...NO_SPELLINGS, "非文明单位", "未评上"]],
  ["全国", ["全国", "国家级"]],
  ["省部级", ["省部级", "省级", "部级"]],
  ["市级", ["市级", "市文明单位", "上海市"]],
  ["区局级", ["区局级", "局级"]],
  ["区级", ["区级", "区县级", "区文明单位"]],
  ["是", [...YES_SPELLINGS, "文明单位"]],
] as const;

/** 正式党员: yes/no, or 政治面貌 (中共党员 passes, 预备党员 does not). */
const MEMBERSHIP = [
  ["否", [...NO_SPELLINGS, "预备党员", "中共预备党员", "预备", "群众", "非党员"]],
  ["是", [...YES_SPELLINGS, "正式党员", "中共正式党员", "中共党员", "党员"]],
] as const;

/** 类型: canonical value = UnitKind. Longer, more specific spellings first (containment order). */
export const UNIT_KINDS = [
  ["post", ["党员示范岗", "示范岗", "党员岗", "示范党员岗"]],
  ["point", ["示范服务点", "服务点", "报监窗口", "窗口", "党建活动中心", "活动中心", "监督组", "班组", "项目管理部", "项目部", "内设部门"]],
  ["org", ["示范党组织", "党组织", "党委", "党总支", "党支部", "党小组", "支部"]],
] as const;
export const LINES = [
  ["association", ["协会会员", "协会会员单位", "会员单位", "水利工程协会", "协会"]],
  ["supervision", ["安质监", "安质监站", "安质监条线", "监督条线", "监督机构", "质监站", "监督"]],
] as const;
export const TIERS = [
  ["first", ["水务工程建设先锋", "治水管海（水务工程建设）先锋", "第一层级", "水务工程建设"]],
  ["top", ["治水管海先锋", "第二层级", "治水管海"]],
] as const;
/** 六、方法步骤, in order. */
export const STEPS = [
  ["复评", ["复评", "复评确认", "复核", "复查", "定期复评"]],
  ["认定", ["认定", "已认定", "颁发铭牌", "授牌", "命名", "确定"]],
  ["初审", ["初审", "初审合格"]],
  ["评审", ["评审", "评审中", "集中评审", "评定"]],
  ["自荐申请", ["自荐申请", "自荐", "申请", "自荐验收"]],
  ["指导推进", ["指导推进"]],
  ["自主创建", ["自主创建", "创建", "创建中"]],
] as const;
export const STEP_ORDER = ["自主创建", "指导推进", "自荐申请", "初审", "评审", "认定", "复评"] as const;

const yes = "是/否";
const flag = (id: string, header: string, synonyms: string[] = [], statement?: Statement): FieldDef =>
  statement ? { id, header, synonyms, kind: "yesNo", hint: yes, statement } : { id, header, synonyms, kind: "yesNo", hint: yes };
const count = (id: string, header: string, synonyms: string[] = []): FieldDef => ({ id, header, synonyms, kind: "count", hint: "人数" });
/** A gate fact offices answer 是/否 or in a sentence ("经查，申报年度无质量安全责任事故", "2020年5月受到行政处罚"). */
const fact = (id: string, header: string, synonyms: string[] = [], statement?: Statement): FieldDef =>
  statement ? { id, header, synonyms, kind: "yesNoOrText", hint: "是/否 或情形", statement } : { id, header, synonyms, kind: "yesNoOrText", hint: "是/否 或情形" };
const grade = (id: string, header: string, synonyms: string[], grades: FieldDef["grades"], hint: string): FieldDef => ({
  id,
  header,
  synonyms,
  kind: "grade",
  grades,
  contains: true,
  hint,
  expected: hint,
});

const KIND_NAMES: Record<UnitKind, string> = { org: "示范党组织", point: "示范服务点", post: "党员示范岗" };

/** [kind, part, line, names]: the criteria of shanghai.md, numbered b1…b4, i1…i2, a1…a2 in this order. */
const CRITERIA_TABLE: ReadonlyArray<readonly [UnitKind, "basic" | "industry", Line | "all", readonly string[]]> = [
  ["org", "basic", "all", ["管党治党有力", "党的领导有力", "推动发展有力", "组织创建有力"]],
  ["org", "industry", "supervision", ["搭建服务平台有力", "保障重大工程有力"]],
  ["org", "industry", "association", ["项目管控有力", "社会责任到位"]],
  ["point", "basic", "all", ["执行力强", "战斗力强", "创造力强", "贡献力强"]],
  ["point", "industry", "supervision", ["业务能力强", "工作业绩强"]],
  ["point", "industry", "association", ["工程安全优质", "共建效果优质"]],
  ["post", "basic", "all", ["信念坚定的标杆", "岗位建功的标杆", "业务精湛的标杆", "弘扬正气的标杆"]],
  ["post", "industry", "supervision", ["爱岗敬业标杆", "担当尽责标杆"]],
  ["post", "industry", "association", ["履职业绩突出", "社会奉献突出"]],
];

const criteria: CriterionDef[] = CRITERIA_TABLE.flatMap(([kind, part, line, names]) =>
  names.map((name, i) => {
    const letter = part === "basic" ? "b" : line === "association" ? "a" : "i";
    const id = `S-${kind}-${letter}${i + 1}`;
    return { id, kind, part, line, name, field: id };
  }),
);

const criterionFields: FieldDef[] = criteria.map((c) => ({
  id: c.field,
  header: c.name,
  // "信念坚定的标杆" is also written "信念坚定标杆"; a trailing 得分/评分/等次 is common.
  synonyms: [c.name.replace("的", ""), ...["得分", "评分", "等次", "分值"].map((s) => `${c.name}${s}`)],
  kind: "points",
  hint: "分数或等次（优/良/中/差、A/B/C/D）",
}));

const fields: FieldDef[] = [
  {
    id: "name",
    header: "名称",
    synonyms: ["示范点名称", "示范点", "创建对象", "创建对象名称", "党组织名称", "服务点名称", "示范岗名称", "党员姓名", "姓名"],
    kind: "text",
  },
  grade("kind", "类型", ["示范点类型", "类别", "创建类型", "示范点类别"], UNIT_KINDS, "示范党组织/示范服务点/党员示范岗"),
  { id: "unit", header: "所属单位", synonyms: ["单位", "所在单位", "工作单位", "申报单位", "单位名称"], kind: "text" },
  grade("line", "条线", ["所属条线", "单位类别", "创建范围"], LINES, "安质监/协会会员"),
  { id: "year", header: "年度", synonyms: ["创建年度", "认定年度", "申报年度", "评审年度", "年份"], kind: "year" },
  grade("tier", "层级", ["先锋层级", "品牌层级", "级别"], TIERS, "水务工程建设先锋/治水管海先锋"),
  grade("step", "步骤", ["创建步骤", "阶段", "创建阶段", "进度", "当前步骤"], STEPS, STEP_ORDER.join("/")),
  ...criterionFields,
  grade("civilized", "文明单位", ["文明单位级别", "文明单位等级", "是否文明单位"], CIVILIZED_LEVELS, "是/否 或级别（区局级、区级、市级、省部级、全国）"),
  grade("leadershipGrade", "班子考核等次", ["领导班子考核等次", "领导班子上年度考核等次", "班子上年度考核等次", "班子考核"], ASSESSMENT_GRADES, "优秀/称职/合格/基本称职/不称职"),
  // Read by the grade of the accident: "发生一般事故1起，无较大及以上事故" is 否 here.
  fact("majorAccident", "较大及以上责任事故", ["较大以上责任事故", "较大及以上事故"], { verbs: ["较大", "重大"], negated: false }),
  fact("qsAccident", "质量安全责任事故", ["质量安全事故责任", "申报年度质量安全责任事故"]),
  fact("illegal", "违法案件或行政处罚", ["违法案件", "行政处罚", "违法案件/行政处罚", "违法案件及行政处罚"]),
  fact("badCredit", "不良信用记录", ["诚信不良记录", "不良信用"]),
  count("staff", "固定人员数", ["固定工作人员数", "固定人员", "固定工作人员"]),
  count("partyMembers", "党员人数", ["党员数", "其中党员人数", "其中党员"]),
  flag("leaderMember", "负责人为党员", ["负责人是否党员", "负责人中有党员", "负责人为中共党员"], { verbs: ["党员"], negated: false }),
  fact("accident", "安全质量事故", ["质量安全事故", "受监项目安全质量事故"]),
  fact("complaint", "安全质量投诉", ["质量安全投诉", "安全质量投诉举报", "质量安全投诉举报"]),
  grade("fullMember", "正式党员", ["是否正式党员", "中共正式党员", "政治面貌"], MEMBERSHIP, "是/否（预备党员为否）"),
  grade("democraticGrade", "民主评议等次", ["上年度民主评议等次", "民主评议", "民主评议结果"], ASSESSMENT_GRADES, "优秀/合格/基本合格/不合格"),
  grade("yearEndGrade", "年终考核等次", ["年终单位考核等次", "年终考核", "年度考核等次"], ASSESSMENT_GRADES, "优秀/合格/基本合格/不合格"),
];

/** Supervised projects: no safety/quality accident and no complaint (G-point-2, G-post-4). */
const NO_ACCIDENT_OR_COMPLAINT: GateCondition = { op: "allOf", of: [{ op: "no", field: "accident" }, { op: "no", field: "complaint" }] };
/** Association members: no responsibility accident, no illegal case or penalty, no bad credit (G-point-a1, G-post-a1). */
const CLEAN_RECORD: GateCondition = { op: "allOf", of: [{ op: "no", field: "qsAccident" }, { op: "no", field: "illegal" }, { op: "no", field: "badCredit" }] };

const gates: GateDef[] = [
  {
    id: "G-org-1",
    kinds: ["org"],
    line: "all",
    text: "所在单位是区局级以上文明单位",
    pass: { op: "gradeIn", field: "civilized", grades: ["是", "全国", "省部级", "市级", "区局级", "区级"] },
  },
  {
    id: "G-org-2",
    kinds: ["org"],
    line: "all",
    text: "领导班子上年度考核等次在称职（合格）及以上",
    pass: { op: "gradeIn", field: "leadershipGrade", grades: ["优秀", "良好", "称职", "合格"] },
  },
  { id: "G-org-3", kinds: ["org"], line: "supervision", text: "年度在建在监项目不发生较大及以上责任事故", pass: { op: "no", field: "majorAccident" } },
  {
    id: "G-org-a1",
    kinds: ["org"],
    line: "association",
    text: "申报年度未发生质量安全责任事故，未发生违法案件、未接受行政处罚",
    pass: { op: "allOf", of: [{ op: "no", field: "qsAccident" }, { op: "no", field: "illegal" }] },
  },
  {
    id: "G-point-1",
    kinds: ["point"],
    line: "all",
    text: "固定工作人员不少于3人，且有党员或负责人中有1名中共党员",
    pass: {
      op: "allOf",
      of: [
        { op: "atLeast", field: "staff", value: 3 },
        { op: "anyOf", of: [{ op: "atLeast", field: "partyMembers", value: 1 }, { op: "yes", field: "leaderMember" }] },
      ],
    },
  },
  {
    id: "G-point-2",
    kinds: ["point"],
    line: "supervision",
    text: "受监项目安全质量无事故、无安全质量投诉举报",
    pass: NO_ACCIDENT_OR_COMPLAINT,
  },
  {
    id: "G-point-a1",
    kinds: ["point"],
    line: "association",
    text: "申报年度未发生质量安全责任事故，未发生违法案件、未接受行政处罚，无不良信用记录",
    pass: CLEAN_RECORD,
  },
  { id: "G-post-1", kinds: ["post"], line: "all", text: "中共正式党员（预备党员不可）", pass: { op: "gradeIn", field: "fullMember", grades: ["是"] } },
  { id: "G-post-2", kinds: ["post"], line: "all", text: "上年度民主评议等次为“优秀”", pass: { op: "gradeIn", field: "democraticGrade", grades: ["优秀"] } },
  { id: "G-post-3", kinds: ["post"], line: "supervision", text: "年终单位考核优秀", pass: { op: "gradeIn", field: "yearEndGrade", grades: ["优秀"] } },
  {
    id: "G-post-4",
    kinds: ["post"],
    line: "supervision",
    text: "负责监督的项目安全质量无事故、无安全质量投诉举报",
    pass: NO_ACCIDENT_OR_COMPLAINT,
  },
  {
    id: "G-post-a1",
    kinds: ["post"],
    line: "association",
    text: "未发生质量安全责任事故，未发生违法案件、未接受行政处罚，无不良信用记录",
    pass: CLEAN_RECORD,
  },
];

export const shanghai: AdditiveScheme = {
  id: "shanghai",
  title: "上海“治水管海（水务工程建设）先锋”党建品牌示范点创建",
  sheet: { id: "units", name: "示范点", fields, required: ["name"], anyOf: criteria.map((c) => c.field) },
  outputs: [
    { id: "basic", header: "基本标准得分", synonyms: ["基本标准分"] },
    { id: "industry", header: "行业标准得分", synonyms: ["行业标准分"] },
    { id: "score", header: "总分", synonyms: ["总得分", "合计得分"] },
    { id: "status", header: "结论", synonyms: ["评定结论", "评审结论"] },
    { id: "reasons", header: "不符合条件原因", synonyms: ["未达标原因"], width: 48 },
    { id: "unverified", header: "待核实项", width: 40 },
    { id: "notes", header: "提示", width: 48 },
  ],
  criteria,
  gates,
  kinds: KIND_NAMES,
  tiers: { first: "水务工程建设先锋", top: "治水管海先锋" },
  defaults: {
    passMark: 85,
    points: { basic: 12.5, industry: 25 },
    criterionPoints: {},
    gradeShares: { 优: 1, 优秀: 1, A: 1, 良: 0.8, 良好: 0.8, B: 0.8, 中: 0.6, 中等: 0.6, 一般: 0.6, C: 0.6, 差: 0, 较差: 0, D: 0 },
    blankCriterion: "unverified",
    plan: {
      first: { "2019": 5, "2020": 5, "2021": 5 },
      top: { "2019": 2, "2020": 2, "2021": 1 },
    },
    topCountsAsFirst: true,
  },
  labels: { qualified: "达标", below: "未达标", ineligible: "不符合条件", unverified: "待核实", revoke: "撤销", error: "数据有误" },
};
