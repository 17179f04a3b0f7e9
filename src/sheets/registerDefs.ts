/**
 * The sheet definitions of the register's two input sheets (报送情况, 推荐名单) and the test that keeps a 推荐名单 from
 * being read as a ledger. Small on purpose: the port's sheet picker and the pane's ledger list load it up front,
 * the readers (registerSheets.ts) load with the 名册 tab.
 */
import { hunan } from "../schemes/hunan";
import type { FieldDef, SheetDef } from "../schemes/types";
import type { SheetGrid } from "./grid";
import { normalizeText } from "./normalize";
import { cellText } from "./values";

export const SUBMISSION_SHEET = "报送情况";
export const CANDIDATE_SHEET = "推荐名单";

const ledgerField = (id: string): FieldDef => hunan.ledger.fields.find((f) => f.id === id)!;
const text = (id: string, header: string, synonyms: string[] = []): FieldDef => ({ id, header, synonyms, kind: "text" });

const identity = [ledgerField("city"), ledgerField("unit"), ledgerField("name")];

export const SUBMISSION_DEF: SheetDef = {
  id: "submission",
  name: SUBMISSION_SHEET,
  fields: [
    ...identity,
    text("year", "年度", ["报送年度", "考核年度", "年份"]),
    text("h1", "上半年报送日期", ["上半年报送", "上半年", "7月报送日期", "上半年事迹报送日期", "上半年报送时间"]),
    text("h2", "下半年报送日期", ["下半年报送", "下半年", "1月报送日期", "次年1月报送日期", "下半年事迹报送日期", "下半年报送时间"]),
    text("note", "备注", ["说明"]),
  ],
  required: ["name", "year"],
  anyOf: ["h1", "h2"],
};

export const CANDIDATE_DEF: SheetDef = {
  id: "candidate",
  name: CANDIDATE_SHEET,
  fields: [
    ...identity,
    ledgerField("postType"),
    text("level", "推荐级别", ["级别", "拟推荐级别", "推荐层级", "申报级别"]),
    ledgerField("leader"),
    text("leaderAdvanced", "负责人上年度先进个人", ["负责人为上年度先进个人", "负责人上一年度先进个人", "负责人为先进个人"]),
    text("leaderModel", "负责人上年度模范党员监督工程师", ["负责人为上年度模范党员监督工程师", "负责人上一年度模范党员监督工程师", "负责人为模范党员监督工程师"]),
    text("selectionYear", "评选年度", ["推荐年度", "年度"]),
    text("note", "推荐理由", ["备注", "说明"]),
  ],
  required: ["name"],
};

/** Whether a sheet is a candidate list (by its name, or a 推荐级别 header): never read as a ledger. */
export function isCandidateSheet(grid: SheetGrid): boolean {
  if (/推荐名单|候选名单|推荐表/.test(normalizeText(grid.name))) return true;
  const rows = Math.min(10, grid.values.length);
  for (let r = 0; r < rows; r++) if ((grid.values[r] ?? []).some((v) => normalizeText(cellText(v ?? null)).replace(/\s/g, "") === "推荐级别")) return true;
  return false;
}
