/**
 * Builds examples/shanghai-units.xlsx: a 区 station's 示范点 sheet as it might be kept (title row, a grouping
 * row over the criteria, points and grades mixed, yes/no in several spellings), covering every status of the
 * shanghai scheme and both lines (安质监, 协会会员). Deterministic; rerun to regenerate.
 *   npx tsx scripts/makeShanghaiExample.ts
 */
import ExcelJS from "exceljs";
import path from "node:path";
import { shanghai } from "../src/schemes/shanghai";
import type { UnitKind } from "../src/schemes/types";

type Cell = string | number | null;
type Gates = Partial<Record<GateHeader, Cell>>;
const GATE_HEADERS = [
  "文明单位", "班子考核等次", "较大及以上责任事故", "质量安全责任事故", "违法案件或行政处罚", "不良信用记录",
  "固定人员数", "党员人数", "负责人为党员", "安全质量事故", "安全质量投诉", "正式党员", "民主评议等次", "年终考核等次",
] as const;
type GateHeader = (typeof GATE_HEADERS)[number];

const KIND_CN: Record<UnitKind, string> = shanghai.kinds;
const criteria = shanghai.criteria;

type Unit = {
  name: string;
  kind: UnitKind;
  unit: string;
  line?: "协会会员" | "安质监" | null;
  year: number | string;
  tier?: string;
  step: string;
  /** Points or grades in the order b1…b4 then the two industry criteria of the row's line. */
  scores: Cell[];
  gates: Gates;
  note?: string;
};

const ORG_OK: Gates = { 文明单位: "市级", 班子考核等次: "称职", 较大及以上责任事故: "否" };
const POINT_OK: Gates = { 固定人员数: 5, 党员人数: 3, 负责人为党员: "是", 安全质量事故: "无", 安全质量投诉: "无" };
const POST_OK: Gates = { 正式党员: "是", 民主评议等次: "优秀", 年终考核等次: "优秀", 安全质量事故: "否", 安全质量投诉: "否" };
const ASSOC_OK: Gates = { 质量安全责任事故: "否", 违法案件或行政处罚: "否", 不良信用记录: "无" };

const units: Unit[] = [
  // 示范党组织, 安质监
  { name: "浦东新区水务建设工程安质监站党支部", kind: "org", unit: "浦东新区水务建设工程安质监站", line: "安质监", year: 2019, step: "认定", scores: [12, 12, 11.5, 12, "优", "良"], gates: ORG_OK },
  { name: "闵行区水务建设工程安质监站党支部", kind: "org", unit: "闵行区水务建设工程安质监站", line: "安质监", year: 2019, step: "认定", scores: ["优", "优", "良", "优", "A", "B"], gates: { ...ORG_OK, 文明单位: "区级" } },
  { name: "奉贤区水务建设工程安质监站党支部", kind: "org", unit: "奉贤区水务建设工程安质监站", line: "安质监", year: 2020, step: "评审", scores: [11, 11, 11, 11, 22, 22], gates: ORG_OK, note: "评审中，尚未认定" },
  { name: "金山区水务建设工程安质监站党支部", kind: "org", unit: "金山区水务建设工程安质监站", line: "安质监", year: 2020, step: "认定", scores: [12, 12, 12, 12, 23, 23], gates: { ...ORG_OK, 文明单位: "街镇级文明单位" } },
  { name: "松江区水务建设工程安质监站党支部", kind: "org", unit: "松江区水务建设工程安质监站", line: "安质监", year: 2020, step: "认定", scores: [12, 11, 12, 11, 22, 22], gates: { ...ORG_OK, 班子考核等次: null }, note: "班子考核结果待组织部门反馈" },
  { name: "浦东新区水务建设工程安质监站党支部", kind: "org", unit: "浦东新区水务建设工程安质监站", line: "安质监", year: 2021, step: "复评", scores: [10, 10, 10, 10, 20, 20], gates: ORG_OK, note: "定期复评" },
  { name: "闵行区水务建设工程安质监站党支部", kind: "org", unit: "闵行区水务建设工程安质监站", line: "安质监", year: 2021, step: "复评", scores: ["优", "优", "优", "良", "A", "A"], gates: { ...ORG_OK, 文明单位: "区级" } },
  // 示范服务点, 安质监
  { name: "浦东新区安质监站报监窗口", kind: "point", unit: "浦东新区水务建设工程安质监站", line: "安质监", year: 2019, step: "认定", scores: [12.5, 12, 12, 12, "优", "优"], gates: POINT_OK },
  { name: "青浦区安质监站监督一组", kind: "point", unit: "青浦区水务建设工程安质监站", line: null, year: 2020, step: "认定", scores: [12, 12, 12, 12, 24, 24], gates: { ...POINT_OK, 固定人员数: "2人", 党员人数: 1 } },
  { name: "嘉定区安质监站监督二组", kind: "point", unit: "嘉定区水务建设工程安质监站", line: "安质监", year: 2020, step: "认定", scores: [11, 10.5, 11, 11, "良", 21], gates: POINT_OK },
  { name: "宝山区安质监站报监窗口", kind: "point", unit: "宝山区水务建设工程安质监站", line: "安质监", year: 2021, step: "认定", scores: [10, 10, 10, 10, 22.5, 22.5], gates: POINT_OK, note: "恰好 85 分" },
  { name: "崇明区安质监站监督组", kind: "point", unit: "崇明区水务建设工程安质监站", line: "安质监", year: 2021, step: "初审", scores: [12, 12, null, null, null, null], gates: POINT_OK, note: "初审阶段，评审打分未完成" },
  // 党员示范岗, 安质监
  { name: "张建国", kind: "post", unit: "浦东新区水务建设工程安质监站", line: "安质监", year: 2019, step: "认定", scores: ["优", "优", "良", "优", "优", "良"], gates: POST_OK },
  { name: "李海燕", kind: "post", unit: "闵行区水务建设工程安质监站", line: "安质监", year: 2019, tier: "治水管海先锋", step: "认定", scores: [12.5, 12.5, 12, 12.5, 25, 24], gates: POST_OK, note: "择优推荐市水务海洋系统" },
  { name: "王卫东", kind: "post", unit: "奉贤区水务建设工程安质监站", line: "安质监", year: 2020, step: "认定", scores: [12, 12, 12, 12, 24, 24], gates: { ...POST_OK, 正式党员: "预备党员" } },
  { name: "刘丽华", kind: "post", unit: "金山区水务建设工程安质监站", line: "安质监", year: 2020, step: "认定", scores: [12, 12, 12, 12, 24, 24], gates: { ...POST_OK, 民主评议等次: "合格" } },
  { name: "陈志强", kind: "post", unit: "松江区水务建设工程安质监站", line: "安质监", year: 2020, step: "认定", scores: [12, 12, 12, 12, 24, 24], gates: { ...POST_OK, 安全质量投诉: "有" }, note: "受监项目有一起投诉查实" },
  { name: "李海燕", kind: "post", unit: "闵行区水务建设工程安质监站", line: "安质监", year: 2021, tier: "治水管海先锋", step: "复评", scores: [12, 12, 12, 12, 23, 23], gates: { ...POST_OK, 年终考核等次: "合格" }, note: "定期复评" },
  { name: "赵红梅", kind: "post", unit: "嘉定区水务建设工程安质监站", line: "安质监", year: 2021, step: "认定", scores: [15, 12, 12, 12, 24, 24], gates: POST_OK },
  { name: "孙立新", kind: "post", unit: "宝山区水务建设工程安质监站", line: "安质监", year: 2021, step: "认定", scores: ["优良", 12, 12, 12, 24, 24], gates: POST_OK },
  { name: "周晓明", kind: "post", unit: "青浦区水务建设工程安质监站", line: "安质监", year: "2021年", step: "认定", scores: [12, 12, 12, 12, 25, 23], gates: POST_OK },
  // 协会会员 (附件 2)
  { name: "上海某水利建设集团有限公司党委", kind: "org", unit: "上海某水利建设集团有限公司", line: "协会会员", year: 2020, step: "认定", scores: ["优", "良", "优", "优", "优", "良"], gates: { 文明单位: "区局级", 班子考核等次: "优秀", ...ASSOC_OK } },
  { name: "上海某工程咨询有限公司党支部", kind: "org", unit: "上海某工程咨询有限公司", line: "协会会员", year: 2021, step: "认定", scores: [12, 12, 12, 12, 24, 24], gates: { 文明单位: "是", 班子考核等次: "称职", ...ASSOC_OK, 违法案件或行政处罚: "是" }, note: "申报年度受到一次行政处罚" },
  { name: "上海某水务工程公司项目管理部", kind: "point", unit: "上海某水务工程有限公司", line: "协会会员", year: 2021, step: "认定", scores: [12, 12, 12, 12, "A", "B"], gates: { 固定人员数: 8, 党员人数: 2, 负责人为党员: "是", ...ASSOC_OK, 不良信用记录: null } },
  { name: "吴敏", kind: "post", unit: "上海某水利建设集团有限公司", line: "协会会员", year: 2021, step: "认定", scores: ["A", "A", "B", "A", "A", "B"], gates: { 正式党员: "中共党员", 民主评议等次: "优秀", ...ASSOC_OK } },
  { name: "郑磊", kind: "post", unit: "上海某工程咨询有限公司", line: "协会会员", year: 2021, step: "自荐申请", scores: ["良", "良", "中", "良", "良", "中"], gates: { 正式党员: "是", 民主评议等次: "优秀", ...ASSOC_OK } },
];

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("示范点");
  const ident = ["序号", "名称", "类型", "所属单位", "条线", "年度", "层级", "步骤"];
  const headers = [...ident, ...criteria.map((c) => c.name), ...GATE_HEADERS, "备注"];
  ws.addRow(["XX区“治水管海（水务工程建设）先锋”党建品牌示范点创建台账（2019—2021）"]);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  // Row 2 groups the criteria: 示范党组织·基本标准 …, merged over their columns.
  const groups: Cell[] = headers.map(() => null);
  const groupAt = new Map<string, number[]>();
  criteria.forEach((c, i) => {
    const label = `${KIND_CN[c.kind]}·${c.part === "basic" ? "基本标准" : c.line === "association" ? "行业标准（协会会员）" : "行业标准"}`;
    groupAt.set(label, [...(groupAt.get(label) ?? []), ident.length + 1 + i]);
  });
  for (const [label, cols] of groupAt) groups[cols[0]! - 1] = label;
  groups[ident.length + criteria.length] = "条件核查";
  ws.addRow(groups);
  for (const cols of groupAt.values()) ws.mergeCells(2, cols[0]!, 2, cols[cols.length - 1]!);
  ws.mergeCells(2, ident.length + criteria.length + 1, 2, ident.length + criteria.length + GATE_HEADERS.length);
  ws.addRow(headers);
  units.forEach((u, i) => {
    const row: Cell[] = headers.map(() => null);
    row[0] = i + 1;
    row[1] = u.name;
    row[2] = KIND_CN[u.kind];
    row[3] = u.unit;
    row[4] = u.line ?? null;
    row[5] = u.year;
    row[6] = u.tier ?? "水务工程建设先锋";
    row[7] = u.step;
    const line = u.line === "协会会员" ? "association" : "supervision";
    const mine = criteria.filter((c) => c.kind === u.kind && (c.line === "all" || c.line === line));
    mine.forEach((c, k) => (row[ident.length + criteria.indexOf(c)] = u.scores[k] ?? null));
    for (const [h, v] of Object.entries(u.gates)) row[ident.length + criteria.length + GATE_HEADERS.indexOf(h as GateHeader)] = v ?? null;
    row[headers.length - 1] = u.note ?? null;
    ws.addRow(row);
  });
  ws.getRow(3).font = { bold: true };
  ws.getRow(3).alignment = { wrapText: true, vertical: "middle" };
  ws.views = [{ state: "frozen", xSplit: 2, ySplit: 3 }];
  ws.columns.forEach((col, i) => (col.width = i === 1 || i === 3 ? 30 : i < ident.length ? 10 : 9));
  const out = path.join(__dirname, "..", "examples", "shanghai-units.xlsx");
  await wb.xlsx.writeFile(out);
  process.stdout.write(`wrote ${out}: ${units.length} units\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
