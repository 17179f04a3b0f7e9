/**
 * The register's golden workbook, written by SheetJS (another producer than the product's writer): a ledger over
 * three years (2023–2025) with names spelt differently across years, a 报送情况 and a 推荐名单 sheet.
 *   npx tsx scripts/makeRegisterFixture.ts
 * test/fixtures/register-3years.expected.json was checked by hand against the rules (see the comments below).
 */
import path from "node:path";
import * as XLSX from "xlsx";

const dir = path.join(__dirname, "..", "test", "fixtures");
const CS = "长沙市质监站";
const ZZ = "株洲市质监站";
const XT = "湘潭市质监站";

// 市州 · 工作单位 · 示范岗名称 · 岗位类别 · 级别 · 考核年度 · 考核轮次 · 当选年度 · 为民优质服务扣分 · 撤销情形
const ledger: unknown[][] = [
  ["党员示范岗考核台账（2023—2025年）"],
  ["市州", "工作单位", "示范岗名称", "岗位类别", "级别", "考核年度", "考核轮次", "当选年度", "为民优质服务扣分", "撤销情形"],
  // A: one post, three spellings → one register row; 2024 整改 then 复评 保持; re-elected 2025 → 有效 (至 2026).
  ["长沙", CS, "报建窗口", "服务岗", "市州级", 2023, "初评", 2023, 0, null],
  ["长沙", CS, "报建窗口　党员服务示范岗", "服务岗", "市州级", 2024, "初评", 2023, 25, null],
  ["长沙", CS, "报建窗口党员服务示范岗", "服务岗", "市州级", 2024, "复评", 2023, 0, null],
  ["长沙", "长沙市质监站 ", "报建窗口党员服务示范岗", "服务岗", "市州级", 2025, "初评", 2025, 0, null],
  // B: 省级, revoked 2024 (40 分 → 60); the 2025 row of the same title is carried (A11c) → 已撤销 (2024).
  ["长沙", CS, "质量监督科", "监督岗", "省级", 2024, "初评", 2024, 40, null],
  ["长沙", CS, "质量监督科党员监督示范岗", "监督岗", "省级", 2025, "初评", 2024, 0, null],
  // C: 2025 初评 90 整改, no 复评 → 整改待复评, due 2025-12-31 (overdue on 2026-01-20).
  ["株洲", ZZ, "押证窗口", "服务岗", "市州级", 2025, "初评", 2025, 10, null],
  // D: elected 2023 (first year of the 2023–24 cycle) → 示范期至 2024 → 期满.
  ["株洲", ZZ, "安全监督科", "监督岗", "市州级", 2023, "初评", 2023, 0, null],
  ["株洲", ZZ, "安全监督科", "监督岗", "市州级", 2024, "初评", 2023, 0, null],
  // E: 75 then 复评 75 → two below 80 → 撤销 (A11b) 2025.
  ["湘潭", XT, "安全监督一科", "监督岗", "市州级", 2025, "初评", 2025, 25, null],
  ["湘潭", XT, "安全监督一科", "监督岗", "市州级", 2025, "复评", 2025, 25, null],
  // F: 安全监督1科 in 2023 only: not merged with E (一/1), listed as a near-duplicate.
  ["湘潭", XT, "安全监督1科", "监督岗", "市州级", 2023, "初评", 2023, 0, null],
  // G: the same name under two spellings of the 单位 → two posts, listed as a near-duplicate.
  ["衡阳", "衡阳市质监站", "备案窗口", "服务岗", "市州级", 2024, "初评", 2024, 0, null],
  ["衡阳", "衡阳市建设工程质量安全监督站", "备案窗口", "服务岗", "市州级", 2025, "初评", 2025, 0, "经查属实，撤销称号"],
  // H: active 市州级, recommended for 省级 below.
  ["衡阳", "衡阳市质监站", "质量监督科", "监督岗", "市州级", 2025, "初评", 2025, 0, null],
];

const reports: unknown[][] = [
  ["市州", "工作单位", "示范岗名称", "年度", "上半年报送日期", "下半年报送日期"],
  ["长沙", CS, "报建窗口", 2025, "2025-07-10", "2026-01-12"],
  ["株洲", ZZ, "押证窗口党员服务示范岗", 2025, "2025/8/3", null],
  ["衡阳", "衡阳市质监站", "质量监督科", 2025, null, null],
  ["长沙", CS, "报建窗口", 2024, "2024年7月9日", "2025-01-20"],
];

const candidates: unknown[][] = [
  ["2026年推荐名单"],
  ["市州", "工作单位", "示范岗名称", "岗位类别", "推荐级别", "负责人", "负责人上年度先进个人", "负责人上年度模范党员监督工程师", "评选年度"],
  ["株洲", ZZ, "押证窗口", "服务岗", "市州级", "甲", "是", null, 2026], // still within its 示范期 (至 2026) → 待确认; and quota
  ["株洲", ZZ, "办公室", "服务岗", "市州级", "乙", "是", null, 2026], // second 服务岗 of 株洲 → 待确认
  ["长沙", CS, "质量监督科", "监督岗", "市州级", "丙", "是", "是", 2026], // revoked 2024, not the previous year → 符合
  ["湘潭", XT, "安全监督一科", "监督岗", "市州级", "丁", "是", "是", 2026], // revoked 2025 → 不符合 (第十一条)
  ["衡阳", "衡阳市质监站", "质量监督科", "监督岗", "省级", "戊", "是", "是", 2026], // current 市州级 → 符合
  ["长沙", CS, "新岗", "服务岗", "市州级", "己", "否", null, 2026], // leader not 先进个人 → 不符合 (H9a)
  ["长沙", CS, "巡查组", "监督岗", "市州级", "庚", "是", "否", 2026], // 监督岗 leader not 模范 → 不符合 (H9b)
];

const wb = XLSX.utils.book_new();
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(ledger), "台账");
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(reports), "报送情况");
XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(candidates), "推荐名单");
XLSX.writeFile(wb, path.join(dir, "register-3years.xlsx"));
process.stdout.write("wrote test/fixtures/register-3years.xlsx\n");
