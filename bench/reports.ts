/**
 * Wall times of the report jobs (no assertions; figures only), in process, each beside the bare ExcelJS
 * floor measured in the same run and in the same process (no Node start-up on either side):
 *  - tallying 10,000 survey responses (read from .xlsx, tally, match against the example ledger, write),
 *    beside an ExcelJS read + write of the same survey workbook;
 *  - consolidating 14 市州 summaries of 100 posts each (read 14 .xlsx, consolidate, write 全省汇总),
 *    beside an ExcelJS read of the 14 files and a write of one of them.
 * bench/commands.ts runs `survey` as a child process beside `score` and `summary` on ledgers of 10,000 and
 * 50,000 rows.
 *   npx tsx bench/reports.ts
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { run, type Io } from "../src/cli/main";

const CITIES = ["长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "湘西州"];
const quiet: Io = { out: () => undefined, err: (s) => process.stderr.write(s) };

/** Runs `f` `runs` times, prints the figures and returns the median (ms). */
async function time(label: string, f: () => Promise<unknown>, runs = 5): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  process.stdout.write(`${label}: median ${ms[Math.floor(runs / 2)]!.toFixed(0)} ms (min ${ms[0]!.toFixed(0)}, max ${ms[runs - 1]!.toFixed(0)}, ${runs} runs)\n`);
  return ms[Math.floor(runs / 2)]!;
}

/** Reads every file with ExcelJS and writes the first back out: the floor of a job that reads them all. */
async function excelJsFloor(inputs: string[], output: string): Promise<void> {
  const books: ExcelJS.Workbook[] = [];
  for (const file of inputs) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    books.push(book);
  }
  await books[0]!.xlsx.writeFile(output);
}

const ratio = (ours: number, floor: number) => process.stdout.write(`  ratio to bare ExcelJS: ${(ours / floor).toFixed(2)}\n`);

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "pioneer-bench-"));
  // 10,000 responses over the example ledger's 14 service posts × 4 quarters.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(__dirname, "..", "examples", "hunan-ledger.xlsx"));
  const ws = wb.addWorksheet("满意度调查");
  ws.addRow(["市州", "示范岗名称", "季度", "评价"]);
  const answers = ["满意", "满意", "基本满意", "不满意", "非常满意"];
  for (let i = 0; i < 10_000; i++) ws.addRow([CITIES[i % 14], "报建窗口党员服务示范岗", `2025Q${(Math.floor(i / 14) % 4) + 1}`, answers[i % 5]]);
  const survey = path.join(dir, "survey.xlsx");
  await wb.xlsx.writeFile(survey);
  const tally = await time("survey: 10,000 responses → 满意度汇总 (+ --fill-ledger), CLI end to end", () => run(["survey", survey, "-o", path.join(dir, "out.xlsx"), "--fill-ledger", "--force"], quiet));
  ratio(tally, await time("  bare ExcelJS read + write of the same survey workbook", () => excelJsFloor([survey], path.join(dir, "exceljs.xlsx"))));

  // 14 summaries of 100 posts each.
  const files: string[] = [];
  for (const [ci, city] of CITIES.entries()) {
    const s = new ExcelJS.Workbook();
    const sh = s.addWorksheet("年度汇总");
    sh.addRow([`${city}2025年度党员示范岗考核汇总表`]);
    sh.addRow(["序号", "市州", "工作单位", "示范岗名称", "岗位类别", "级别", "考核年度", "最终得分", "考核结论"]);
    for (let i = 0; i < 100; i++) {
      const score = 60 + ((i * 7 + ci) % 41);
      sh.addRow([i + 1, city, `${city}市质监站`, `示范岗${i + 1}`, i % 3 ? "监督岗" : "服务岗", i % 10 ? "市州级" : "省级", 2025, score, score < 70 ? "撤销" : score < 100 ? "整改" : "保持"]);
    }
    const f = path.join(dir, `${city}.xlsx`);
    await s.xlsx.writeFile(f);
    files.push(f);
  }
  const consolidated = await time("consolidate: 14 summaries × 100 posts → 全省汇总, CLI end to end", () => run(["consolidate", ...files, "-o", path.join(dir, "全省汇总.xlsx"), "--force"], quiet));
  ratio(consolidated, await time("  bare ExcelJS read of the 14 files + write of one", () => excelJsFloor(files, path.join(dir, "exceljs.xlsx"))));
  await fs.rm(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
