/**
 * The canonical empty workbook for a scheme, as data: sheets, headers, drop-down lists and formats.
 * Each adapter renders it (ExcelJS here; Office.js in the pane).
 */
import { gateFields } from "../schemes/schema";
import type { AdditiveScheme, FieldDef, Scheme, SheetDef } from "../schemes/types";
import { LEVELS, POST_TYPES, ROUNDS } from "./readSheet";

export type TemplateColumn = { header: string; width: number; list?: string[]; format?: "percent" | "integer"; note?: string };
export type TemplateSheet = { name: string; title: string; columns: TemplateColumn[]; dataRows: number };
export type TemplateSpec = { sheets: TemplateSheet[]; notes: { header: string; kind: string; rules: string }[] };

const YES_NO = ["是", "否"];

function column(f: FieldDef, rulesOf: (id: string) => string[]): TemplateColumn {
  const rules = rulesOf(f.id);
  const note = [f.hint, rules.length ? `对应规则：${rules.join("、")}` : ""].filter(Boolean).join("；");
  const base = { header: f.header, width: Math.max(10, Math.min(24, f.header.length * 2 + 2)), ...(note ? { note } : {}) };
  switch (f.kind) {
    case "yesNo":
      return { ...base, list: YES_NO };
    case "postType":
      return { ...base, list: POST_TYPES.map(([, s]) => s[0]) };
    case "level":
      return { ...base, list: LEVELS.map(([, s]) => s[0]) };
    case "round":
      return { ...base, list: ROUNDS.map(([, s]) => s[0]) };
    case "grade":
      return { ...base, list: (f.grades ?? []).map(([g, spellings]) => spellings[0] ?? g) };
    case "rate":
      return { ...base, format: "percent" };
    case "count":
    case "year":
      return { ...base, format: "integer" };
    default:
      return base;
  }
}

const KIND_LABEL: Record<FieldDef["kind"], string> = {
  text: "文字",
  postType: "服务岗/监督岗",
  level: "市州级/省级",
  year: "年份",
  round: "初评/复评",
  rate: "比率（92%、0.92 或 92）",
  count: "次数（非负整数）",
  yesNo: "是/否",
  yesNoOrText: "是/否，或填写情形",
  grade: "等次",
  score: "分数",
  review: "扣分数或“撤销”",
  memberRole: "质量/安全/质量安全/服务",
  points: "分数或等次（优/良/中/差、A/B/C/D）",
};

export function templateSpec(scheme: Scheme): TemplateSpec {
  const rulesOf = (sheet: SheetDef) => (id: string) =>
    scheme.rules
      .filter((r) => JSON.stringify(sheet.id === "member" ? r.member ?? null : r.post ?? null).includes(`"field":"${id}"`))
      .map((r) => r.id);
  const sheetOf = (def: SheetDef, title: string, skipReviews: boolean): TemplateSheet => ({
    name: def.name,
    title,
    dataRows: 500,
    columns: def.fields.filter((f) => !(skipReviews && f.kind === "review")).map((f) => column(f, rulesOf(def))),
  });
  const notes = scheme.ledger.fields.map((f) => ({ header: f.header, kind: KIND_LABEL[f.kind], rules: rulesOf(scheme.ledger)(f.id).join("、") }));
  return {
    sheets: [sheetOf(scheme.ledger, "党员示范岗考核台账", false), sheetOf(scheme.member, "党员示范岗成员情况", false)],
    notes,
  };
}

/** The canonical empty 示范点 sheet of an additive scheme (shanghai): identity, one column per criterion, the gate inputs. */
export function unitTemplateSpec(scheme: AdditiveScheme): TemplateSpec {
  const rulesOf = (id: string) => [
    ...scheme.criteria.filter((c) => c.field === id).map((c) => `${c.id}（${scheme.kinds[c.kind]}${c.part === "basic" ? "基本标准" : c.line === "association" ? "协会会员行业标准" : "行业标准"}）`),
    ...scheme.gates.filter((g) => gateFields(g.pass).includes(id)).map((g) => g.id),
  ];
  const sheet: TemplateSheet = {
    name: scheme.sheet.name,
    title: "“治水管海（水务工程建设）先锋”党建品牌示范点创建台账",
    dataRows: 500,
    columns: scheme.sheet.fields.map((f) => column(f, rulesOf)),
  };
  const notes = scheme.sheet.fields.map((f) => ({ header: f.header, kind: f.hint ?? KIND_LABEL[f.kind], rules: rulesOf(f.id).join("、") }));
  return { sheets: [sheet], notes };
}

/**
 * The register's two input sheets (issue 15): 推荐名单 (第五条 candidates, checked by `screen`) and 报送情况
 * (第六条 half-year reports, read by `register`). Headers are the readers' canonical ones (registerSheets.ts).
 */
export function registerTemplateSpec(): TemplateSpec {
  const candidates: TemplateSheet = {
    name: "推荐名单",
    title: "党员示范岗推荐名单（评选资格审查用）",
    dataRows: 200,
    columns: [
      { header: "市州", width: 10 },
      { header: "工作单位", width: 24 },
      { header: "示范岗名称", width: 24 },
      { header: "岗位类别", width: 10, list: POST_TYPES.map(([, s]) => s[0]) },
      { header: "推荐级别", width: 10, list: LEVELS.map(([, s]) => s[0]), note: "市州级：市州 4 月评选；省级：从现有市州级示范岗中推荐（第五条）" },
      { header: "负责人", width: 10 },
      { header: "负责人上年度先进个人", width: 14, list: YES_NO, note: "评分表第9项（H9a）" },
      { header: "负责人上年度模范党员监督工程师", width: 16, list: YES_NO, note: "监督岗必填，评分表第9项（H9b）" },
      { header: "评选年度", width: 10, format: "integer", note: "空白按审查日期所在年度" },
      { header: "推荐理由", width: 30 },
    ],
  };
  const reports: TemplateSheet = {
    name: "报送情况",
    title: "党员示范岗半年先进事迹报送情况（第六条）",
    dataRows: 200,
    columns: [
      { header: "市州", width: 10 },
      { header: "工作单位", width: 24 },
      { header: "示范岗名称", width: 24 },
      { header: "年度", width: 8, format: "integer" },
      { header: "上半年报送日期", width: 14, note: "7 月报送，如 2025-07-15；未报送留空或填“未报送”" },
      { header: "下半年报送日期", width: 14, note: "次年 1 月报送，如 2026-01-20" },
      { header: "备注", width: 24 },
    ],
  };
  const notes = [
    { header: "推荐名单", kind: "每个候选示范岗一行", rules: "评选资格审查：H9a、H9b、第十一条、第五条名额" },
    { header: "报送情况", kind: "每个示范岗每年一行", rules: "第六条半年报送" },
  ];
  return { sheets: [candidates, reports], notes };
}
