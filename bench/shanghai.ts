/**
 * The shanghai scheme: wall time of `pioneer-scorecard score` and `plan` on the bundled 示范点 example and on
 * a generated 10,000-row 示范点 sheet (peak RSS too), each `score` beside a bare ExcelJS read + write of the
 * same file measured in the same run (the floor a whole-workbook rewrite cannot beat), plus the in-process
 * phases (read, score, write) for the large one. Prints figures; asserts nothing.
 *   npm run bench:shanghai     (after npm ci, which builds dist/)
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { XlsxWorkbook } from "../src/adapters/xlsx/xlsxWorkbook";
import { planProgress } from "../src/engine/plan";
import { scoreUnitWorkbook } from "../src/engine/scoreWorkbook";
import { shanghai } from "../src/schemes/shanghai";
import { excelJsRoundTrip, fmtMs, median, runChild, type Runs } from "./childRuns";

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "bench", "out");
const BIN = path.join(ROOT, "bin", "pioneer-scorecard.js");
const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);

const wall = (args: string[]): Runs => runChild([BIN, ...args], RUNS);

const show = (label: string, r: Runs) => `${label} ${fmtMs(r.ms)}; peak RSS ${median(r.rssMb).toFixed(0)} MB`;

/** `score` of `file` and a bare ExcelJS read + write of it, then their ratio. */
function scoreBeside(label: string, file: string, out: string): void {
  const ours = wall(["score", file, "-o", out, "--force"]);
  const bare = excelJsRoundTrip(file, path.join(OUT, "sh-exceljs-out.xlsx"), RUNS);
  process.stdout.write(`${show(`score ${label}`, ours)}\n`);
  process.stdout.write(`${show(`  bare ExcelJS read + write of the same file:`, bare)}; ratio score / ExcelJS ${(median(ours.ms) / median(bare.ms)).toFixed(2)}\n`);
}

const GATES = ["文明单位", "班子考核等次", "较大及以上责任事故", "固定人员数", "党员人数", "负责人为党员", "安全质量事故", "安全质量投诉", "正式党员", "民主评议等次", "年终考核等次", "质量安全责任事故", "违法案件或行政处罚", "不良信用记录"];

async function makeLarge(rows: number, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("示范点");
  ws.addRow(["大型示范点表（基准测试）"]);
  ws.addRow(["名称", "类型", "所属单位", "条线", "年度", "层级", "步骤", ...shanghai.criteria.map((c) => c.name), ...GATES]);
  let seed = 11;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const kinds = ["示范党组织", "示范服务点", "党员示范岗"] as const;
  for (let i = 0; i < rows; i++) {
    const k = i % 3;
    const assoc = i % 5 === 0;
    const marks = shanghai.criteria.map((c) => {
      if (c.kind !== (["org", "point", "post"] as const)[k] || (c.line !== "all" && (c.line === "association") !== assoc)) return null;
      const max = c.part === "basic" ? 12.5 : 25;
      return rnd() < 0.4 ? ["优", "良", "中", "A", "B"][Math.floor(rnd() * 5)]! : Math.round(max * (0.7 + rnd() * 0.3) * 2) / 2;
    });
    const yn = () => (rnd() < 0.05 ? "是" : rnd() < 0.03 ? null : "否");
    ws.addRow([`示范点${i}`, kinds[k], `单位${i % 300}`, assoc ? "协会会员" : "安质监", 2019 + (i % 3), i % 10 ? "水务工程建设先锋" : "治水管海先锋", i % 4 ? "认定" : "复评", ...marks,
      rnd() < 0.9 ? "区级" : "街镇级", "称职", yn(), 3 + (i % 5), i % 4, "是", yn(), yn(), rnd() < 0.97 ? "是" : "预备党员", "优秀", rnd() < 0.9 ? "优秀" : "合格", yn(), yn(), yn()]);
  }
  await wb.xlsx.writeFile(file);
}

async function main(): Promise<void> {
  await fs.mkdir(OUT, { recursive: true });
  const example = path.join(ROOT, "examples", "shanghai-units.xlsx");
  const large = path.join(OUT, "shanghai-10000.xlsx");
  await makeLarge(10_000, large);
  const out = path.join(OUT, "sh-out.xlsx");
  scoreBeside("example (26 rows):", example, out);
  scoreBeside("10,000 rows:      ", large, out);
  process.stdout.write(`${show("plan 10,000 rows --json (no workbook written):", wall(["plan", large, "--json"]))}\n`);

  const t0 = process.hrtime.bigint();
  const book = await XlsxWorkbook.open(new Uint8Array(await fs.readFile(large)));
  const grids = book.readSheets();
  const t1 = process.hrtime.bigint();
  const scored = scoreUnitWorkbook(grids, shanghai);
  const t2 = process.hrtime.bigint();
  planProgress(scored.result, scored.settings);
  const t3 = process.hrtime.bigint();
  book.write(scored.writes);
  await book.toBytes();
  const t4 = process.hrtime.bigint();
  const ms = (a: bigint, b: bigint) => (Number(b - a) / 1e6).toFixed(0);
  const counts: Record<string, number> = {};
  for (const r of scored.result.sheets[0]!.rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  process.stdout.write(`in process, 10,000 rows: read ${ms(t0, t1)} ms, score ${ms(t1, t2)} ms, plan ${ms(t2, t3)} ms, write ${ms(t3, t4)} ms; ${JSON.stringify(counts)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
