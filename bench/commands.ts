/**
 * `score`, `summary` and `survey` side by side on the same generated ledgers (10,000 and 50,000 rows × 40
 * columns, bench/hunanLedger.ts), each through the real CLI as a child process: wall time (median of
 * BENCH_RUNS, Node start-up included) and peak RSS (the child's maxRSS, median of the runs), with its ratio to
 * `score` and to a bare ExcelJS read + write of the same input file, all measured in the same run.
 * `survey` reads a copy of the ledger with a 满意度调查 sheet of as many responses as the ledger has rows
 * (one response a row, the shape bench/reports.ts uses; 25 per post and quarter unless BENCH_SURVEY_PER_GROUP
 * says otherwise) and fills the ledger's quarter columns (--fill-ledger), so it reads and writes a workbook of
 * comparable size. Prints figures; asserts nothing.
 *   npm run bench:commands            (after npm ci, which builds dist/)
 *   BENCH_RUNS=5 BENCH_ROWS=10000 npm run bench:commands
 */
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { excelJsRoundTrip, median, runChild, type Runs } from "./childRuns";
import { ledgerRows } from "./hunanLedger";

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "bench", "out");
const BIN = path.join(ROOT, "bin", "pioneer-scorecard.js");
const RUNS = Number(process.env["BENCH_RUNS"] ?? 3);
const SIZES = (process.env["BENCH_ROWS"] ?? "10000,50000").split(",").map(Number).filter((n) => n > 0);

/** Responses per post and quarter. BENCH_SURVEY_PER_GROUP=1 makes every response its own post × quarter. */
const PER_GROUP = Math.max(1, Number(process.env["BENCH_SURVEY_PER_GROUP"] ?? 25));
const ANSWERS = ["满意", "满意", "基本满意", "不满意", "非常满意", "满意", "满意"];

/** The ledger alone (what `score` and `summary` read), and the ledger plus `rows` survey responses. */
async function makeBooks(rows: number, ledgerFile: string, surveyFile: string): Promise<void> {
  const ledger = ledgerRows(rows);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("考核台账");
  for (const row of ledger) ws.addRow(row);
  await wb.xlsx.writeFile(ledgerFile);
  // PER_GROUP responses per post and quarter (enough for a conclusion, minSample being 20): the ledger's service
  // posts (every third row) taken evenly, each over the four quarters of its row's year.
  const posts = ledger.slice(2).filter((r) => r[3] === "服务岗");
  const groups = Math.ceil(rows / PER_GROUP);
  const stride = Math.max(1, Math.floor(posts.length / Math.ceil(groups / 4)));
  const survey = wb.addWorksheet("满意度调查");
  survey.addRow(["市州", "工作单位", "示范岗名称", "季度", "评价"]);
  for (let i = 0; i < rows; i++) {
    const g = Math.floor(i / PER_GROUP);
    const p = posts[(Math.floor(g / 4) * stride) % posts.length]!;
    survey.addRow([p[0], p[1], p[2], `${String(p[6])}Q${(g % 4) + 1}`, ANSWERS[i % ANSWERS.length]]);
  }
  await wb.xlsx.writeFile(surveyFile);
}

type Line = { command: string; rows: number; run: Runs; bare: Runs; score: Runs };

const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (r: Runs) => `${median(r.rssMb).toFixed(0)} MB`;
const spread = (r: Runs) => `${sec(r.ms[0]!)}–${sec(r.ms[r.ms.length - 1]!)}, ${r.rssMb[0]!.toFixed(0)}–${r.rssMb[r.rssMb.length - 1]!.toFixed(0)} MB`;

async function main(): Promise<void> {
  await fs.mkdir(OUT, { recursive: true });
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");
  process.stdout.write(`load average at start ${load()}\n`);
  const lines: Line[] = [];
  for (const n of SIZES) {
    const ledger = path.join(OUT, `commands-ledger-${n}.xlsx`);
    const surveyBook = path.join(OUT, `commands-survey-${n}.xlsx`);
    const t0 = Date.now();
    await makeBooks(n, ledger, surveyBook);
    const size = async (f: string) => `${((await fs.stat(f)).size / 1024 / 1024).toFixed(2)} MB`;
    process.stdout.write(`generated ${n.toLocaleString("en")}-row ledger (40 columns, ${await size(ledger)}) and with ${n.toLocaleString("en")} responses (${await size(surveyBook)}) (${PER_GROUP} per post and quarter) in ${Date.now() - t0} ms\n`);
    const cli = (label: string, args: string[]) => {
      const r = runChild([BIN, ...args], RUNS);
      process.stdout.write(`  ${label.padEnd(8)} median ${sec(median(r.ms))}, ${mb(r)} (range ${spread(r)}; exit ${r.codes.join(",")})\n`);
      return r;
    };
    const bare = (label: string, file: string) => {
      const r = excelJsRoundTrip(file, path.join(OUT, "commands-exceljs-out.xlsx"), RUNS);
      process.stdout.write(`  ${label.padEnd(8)} median ${sec(median(r.ms))}, ${mb(r)} (range ${spread(r)})\n`);
      return r;
    };
    const score = cli("score", ["score", ledger, "-o", path.join(OUT, "commands-scored.xlsx"), "--force"]);
    const summary = cli("summary", ["summary", ledger, "-o", path.join(OUT, "commands-summary.xlsx"), "--force"]);
    const survey = cli("survey", ["survey", surveyBook, "-o", path.join(OUT, "commands-survey-out.xlsx"), "--fill-ledger", "--force"]);
    const bareLedger = bare("ExcelJS ledger", ledger);
    const bareSurvey = bare("ExcelJS survey book", surveyBook);
    lines.push({ command: "score", rows: n, run: score, bare: bareLedger, score });
    lines.push({ command: "summary", rows: n, run: summary, bare: bareLedger, score });
    lines.push({ command: "survey --fill-ledger", rows: n, run: survey, bare: bareSurvey, score });
  }
  const ratio = (a: Runs, b: Runs) => (median(a.ms) / median(b.ms)).toFixed(2);
  process.stdout.write(
    `\n| rows × 40 cols | command | time | peak RSS | ÷ score | ExcelJS read+write of its input | ÷ ExcelJS |\n|---|---|---|---|---|---|---|\n` +
      lines
        .map((l) => `| ${l.rows.toLocaleString("en")} | ${l.command} | ${sec(median(l.run.ms))} | ${mb(l.run)} | ${ratio(l.run, l.score)} | ${sec(median(l.bare.ms))} / ${mb(l.bare)} | ${ratio(l.run, l.bare)} |`)
        .join("\n") +
      `\n(median of ${RUNS} runs each; wall time includes Node start-up; load average at the end ${load()})\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
