/**
 * The generated hunan ledger used by the benches: 30 scheme columns plus spare columns, deterministic
 * (seeded), as plain rows. bench/scoreLedger.ts writes it to .xlsx; bench/engine.ts scores it in memory.
 */
import type { CellValue, SheetGrid } from "../src/sheets/grid";

export const LEDGER_HEADERS = ["市州", "工作单位", "示范岗名称", "岗位类别", "级别", "负责人", "考核年度", "考核轮次", "当选年度",
  "一季度满意度", "二季度满意度", "三季度满意度", "四季度满意度", "未征求意见次数", "未联系农民工学校次数", "未亮明身份",
  "未执行十不准制度", "廉政考核等次", "未公开承诺次数", "未公开服务事项", "未完成非公党建次数", "未实行目标管理次数",
  "作风建设不积极次数", "查实群众投诉", "未落实学习制度", "未联系薄弱县市区次数", "负责人为先进个人", "负责人为模范党员监督工程师",
  "超期押证或拒办", "上次得分"];

/** Title row, header row, then `rows` ledger rows (30 scheme columns + `extraCols` spare ones). */
export function ledgerRows(rows: number, extraCols = 10): CellValue[][] {
  const extra = Array.from({ length: extraCols }, (_, i) => `备用列${i + 1}`);
  const out: CellValue[][] = [["大型台账（基准测试）"], [...LEDGER_HEADERS, ...extra]];
  let seed = 7;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let i = 0; i < rows; i++) {
    const service = i % 3 === 0;
    const q = () => (service ? 0.78 + Math.round(rnd() * 22) / 100 : null);
    const c = () => (rnd() < 0.1 ? 1 : 0);
    const yn = (p: number) => (rnd() < p ? "是" : "否");
    out.push([`市${i % 14}`, `单位${i % 200}`, `岗位${Math.floor(i / 2)}`, service ? "服务岗" : "监督岗", i % 7 ? "市州级" : "省级",
      `负责人${i}`, 2024 + (i % 2), "初评", 2024, q(), q(), q(), q(), service ? c() : null, service ? null : c(), yn(0.05), yn(0.05),
      rnd() < 0.03 ? "良好" : "优秀", c(), yn(0.05), c(), c(), c(), yn(0.01), yn(0.05), c(), yn(0.97) === "是" ? "是" : "否",
      service ? null : "是", "否", rnd() < 0.2 ? 75 : null, ...extra.map((_, j) => (j % 2 ? `备注${i % 97}` : i * j))]);
  }
  return out;
}

/** The same ledger as an in-memory grid (what the .xlsx reader hands the engine). */
export function ledgerGrid(rows: number, extraCols = 10): SheetGrid {
  return { name: "考核台账", values: ledgerRows(rows, extraCols) };
}
