/**
 * Wall time and peak memory of `pioneer-scorecard score` on the bundled example and on generated ledgers of
 * 10,000 and 50,000 rows × 40 columns, each beside a bare ExcelJS read + write of the same file measured in
 * the same run (the floor a whole-workbook rewrite cannot beat), plus the in-process phases (read, score,
 * write) for the 10,000-row one. Prints figures; asserts nothing.
 *   npm run bench            (after npm ci, which builds dist/)
 *   BENCH_RUNS=3 BENCH_ROWS=10000,50000 npm run bench
 */
import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
// The in-process phases use Node's zlib, as the CLI does.
import "../src/adapters/xlsx/nodeZlib";
import { XlsxWorkbook } from "../src/adapters/xlsx/xlsxWorkbook";
import { scoreWorkbook } from "../src/engine/scoreWorkbook";
import { hunan } from "../src/schemes/hunan";
import { ledgerRows } from "./hunanLedger";

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, "bench", "out");
const BIN = path.join(ROOT, "bin", "pioneer-scorecard.js");
const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);

const SIZES = (process.env["BENCH_ROWS"] ?? "10000,50000").split(",").map(Number).filter((n) => n > 0);

/** Runs a child Node process `runs` times: wall times, and the largest peak RSS (MB) it reported. */
function timed(args: string[], runs: number): { ms: number[]; code: number | null; rssMb: number } {
  const ms: number[] = [];
  let code: number | null = null;
  let rssMb = 0;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    // The child reports its own peak RSS (process.resourceUsage().maxRSS, kB) on exit, on fd 3.
    const r = spawnSync(process.execPath, ["-r", path.join(__dirname, "maxrss.js"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe", "pipe"] });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    code = r.status;
    const kb = Number(/maxrss (\d+)/.exec(String(r.output[3] ?? ""))?.[1] ?? 0);
    rssMb = Math.max(rssMb, kb / 1024);
    if (r.status !== 0 && r.status !== 3) process.stderr.write(r.stderr);
  }
  return { ms: ms.sort((a, b) => a - b), code, rssMb };
}

function cliWall(input: string, runs = RUNS) {
  return timed([BIN, "score", input, "-o", path.join(OUT, "out.xlsx")], runs);
}

function excelJsWall(input: string, runs = RUNS) {
  return timed([path.join(__dirname, "exceljsRoundTrip.js"), input, path.join(OUT, "exceljs-out.xlsx")], runs);
}

const median = (ms: number[]) => ms[Math.floor(ms.length / 2)]!;

const fmt = (ms: number[]) => `median ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} ms, min ${ms[0]!.toFixed(0)} ms, max ${ms[ms.length - 1]!.toFixed(0)} ms (${ms.length} runs)`;

async function makeLarge(rows: number, file: string, extraCols = 10): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("考核台账");
  for (const row of ledgerRows(rows, extraCols)) ws.addRow(row);
  await wb.xlsx.writeFile(file);
}

async function main(): Promise<void> {
  await fs.mkdir(OUT, { recursive: true });
  const example = path.join(ROOT, "examples", "hunan-ledger.xlsx");
  const ex = cliWall(example);
  process.stdout.write(`score examples/hunan-ledger.xlsx (49 rows), wall incl. Node start: ${fmt(ex.ms)}; exit ${ex.code}\n`);

  const rows: string[] = [];
  for (const n of SIZES) {
    const large = path.join(OUT, `ledger-${n}.xlsx`);
    const t0 = Date.now();
    await makeLarge(n, large);
    const size = (await fs.stat(large)).size;
    process.stdout.write(`generated ${n.toLocaleString("en")}-row ledger (40 columns, ${(size / 1024 / 1024).toFixed(2)} MB) in ${Date.now() - t0} ms\n`);
    const runs = n > 20_000 ? Math.min(RUNS, 3) : RUNS;
    const big = cliWall(large, runs);
    const bare = excelJsWall(large, runs);
    process.stdout.write(`score ${n.toLocaleString("en")} rows, wall incl. Node start: ${fmt(big.ms)}; peak RSS ${big.rssMb.toFixed(0)} MB; exit ${big.code}\n`);
    process.stdout.write(`bare ExcelJS read + write of the same file: ${fmt(bare.ms)}; peak RSS ${bare.rssMb.toFixed(0)} MB\n`);
    rows.push(`| ${n.toLocaleString("en")} | ${(median(big.ms) / 1000).toFixed(2)} s | ${big.rssMb.toFixed(0)} MB | ${(median(bare.ms) / 1000).toFixed(2)} s | ${bare.rssMb.toFixed(0)} MB | ${(median(big.ms) / median(bare.ms)).toFixed(2)} |`);
  }
  process.stdout.write(`\n| rows × 40 cols | score | peak RSS | bare ExcelJS read+write | its peak RSS | ratio score / ExcelJS |\n|---|---|---|---|---|---|\n${rows.join("\n")}\n\n`);

  const large = path.join(OUT, "ledger-10000.xlsx");
  if (!SIZES.includes(10_000)) await makeLarge(10_000, large);
  // In-process phases for the large ledger.
  const bytes = new Uint8Array(await fs.readFile(large));
  let t = performance.now();
  const book = await XlsxWorkbook.open(bytes);
  const grids = book.readSheets();
  const read = performance.now() - t;
  t = performance.now();
  const scored = scoreWorkbook(grids, hunan);
  const engine = performance.now() - t;
  t = performance.now();
  book.write(scored.writes);
  const out = await book.toBytes();
  const write = performance.now() - t;
  const counts = { retain: 0, rectify: 0, revoke: 0, error: 0 };
  for (const r of scored.result.sheets[0]!.rows) counts[r.status]++;
  process.stdout.write(
    `phases (10,000 rows): read ${read.toFixed(0)} ms, score+plan ${engine.toFixed(0)} ms, write ${write.toFixed(0)} ms; ` +
      `output ${(out.length / 1024 / 1024).toFixed(2)} MB; rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB; ` +
      `statuses ${JSON.stringify(counts)}\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
