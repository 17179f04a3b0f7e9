/**
 * The score phase in memory, without the .xlsx reader and writer: on generated hunan ledgers of 10,000 and
 * 50,000 rows × 40 columns, median of BENCH_RUNS (default 5) of (each stage in its own loop)
 *   (a) grid → records (header finding and cell parsing),
 *   (b) the engine on parsed records (scoreLedger only), also as rows/s,
 *   (c) output planning (results → the owned columns' SheetWrite; the findings' sentences are built here),
 *   (d) the whole scoreWorkbook.
 * The heap is collected before each stage (not between its runs). Prints figures; asserts nothing.
 *   npm run bench:engine
 *   BENCH_RUNS=9 BENCH_ROWS=10000 npm run bench:engine
 */
import { rowOutput, scoreWorkbook } from "../src/engine/scoreWorkbook";
import { scoreLedger } from "../src/engine/scoreLedger";
import { hunan } from "../src/schemes/hunan";
import { resolveSettings } from "../src/schemes/schema";
import { locateSheet, readSheet } from "../src/sheets/readSheet";
import { planWrite } from "../src/sheets/writeback";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ledgerGrid } from "./hunanLedger";

/** A full collection between stages: a stage is not measured among the garbage of the stage run before it. */
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;

const RUNS = Number(process.env["BENCH_RUNS"] ?? 5);
const SIZES = (process.env["BENCH_ROWS"] ?? "10000,50000").split(",").map(Number).filter((n) => n > 0);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

const settings = resolveSettings(hunan);

/** Median time of `runs` calls of `f`, each measured alone (the previous call's result let go first). */
function stage<T>(f: () => T): [T, number] {
  collect();
  const times: number[] = [];
  let last: T | null = null;
  for (let i = 0; i < RUNS; i++) {
    last = null;
    const [r, t] = time(f);
    last = r;
    times.push(t);
  }
  return [last!, median(times)];
}

for (const n of SIZES) {
  const grid = ledgerGrid(n);
  // Each stage in its own loop: a stage's median is not paid for by another stage's garbage.
  const [sheet, tRead] = stage(() => {
    const found = locateSheet(grid, hunan.ledger, { outputs: hunan.outputs });
    if (!found.ok) throw new Error("bench ledger not recognised");
    return readSheet(grid, hunan.ledger, found.map);
  });
  const input = { sheets: [{ sheet: sheet.sheet, headerRow: sheet.map.headerRow, records: sheet.records }] };
  const [result, tEngine] = stage(() => scoreLedger(input, hunan, settings));
  const [, tPlan] = stage(() =>
    planWrite(grid, sheet.map.headerRow, sheet.lastRow, sheet.map.outputs, hunan.outputs, result.sheets[0]!.rows.map((r) => rowOutput(r, hunan, settings))),
  );
  const [whole, tTotal] = stage(() => scoreWorkbook([grid], hunan));
  const counts: Record<string, number> = {};
  for (const r of whole.result.sheets[0]!.rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
  process.stdout.write(
    `${n.toLocaleString("en")} rows × 40 cols (median of ${RUNS}): ` +
      `(a) grid → records ${tRead.toFixed(0)} ms; ` +
      `(b) engine ${tEngine.toFixed(0)} ms = ${Math.round((n / tEngine) * 1000).toLocaleString("en")} rows/s; ` +
      `(c) output planning ${tPlan.toFixed(0)} ms; ` +
      `(d) scoreWorkbook ${tTotal.toFixed(0)} ms; statuses ${JSON.stringify(counts)}\n`,
  );
}
