/**
 * The score phase in memory, without the .xlsx reader and writer: on generated hunan ledgers of 10,000 and
 * 50,000 rows × 40 columns, median of BENCH_RUNS (default 5) of
 *   (a) grid → records (header finding and cell parsing),
 *   (b) the engine on parsed records (scoreLedger only), also as rows/s,
 *   (c) output planning (results → the owned columns' SheetWrite),
 *   (d) the whole scoreWorkbook.
 * Prints figures; asserts nothing.
 *   npm run bench:engine
 *   BENCH_RUNS=9 BENCH_ROWS=10000 npm run bench:engine
 */
import { rowOutput, scoreWorkbook } from "../src/engine/scoreWorkbook";
import { scoreLedger } from "../src/engine/scoreLedger";
import { hunan } from "../src/schemes/hunan";
import { resolveSettings } from "../src/schemes/schema";
import { locateSheet, readSheet } from "../src/sheets/readSheet";
import { planWrite } from "../src/sheets/writeback";
import { ledgerGrid } from "./hunanLedger";

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

for (const n of SIZES) {
  const grid = ledgerGrid(n);
  const read: number[] = [];
  const engine: number[] = [];
  const plan: number[] = [];
  const total: number[] = [];
  let statuses = "";
  for (let i = 0; i < RUNS; i++) {
    const [sheet, tRead] = time(() => {
      const found = locateSheet(grid, hunan.ledger, { outputs: hunan.outputs });
      if (!found.ok) throw new Error("bench ledger not recognised");
      return readSheet(grid, hunan.ledger, found.map);
    });
    const [result, tEngine] = time(() =>
      scoreLedger({ sheets: [{ sheet: sheet.sheet, headerRow: sheet.map.headerRow, records: sheet.records }] }, hunan, settings),
    );
    const [, tPlan] = time(() =>
      planWrite(grid, sheet.map.headerRow, sheet.lastRow, sheet.map.outputs, hunan.outputs, result.sheets[0]!.rows.map((r) => rowOutput(r, hunan, settings))),
    );
    const [whole, tTotal] = time(() => scoreWorkbook([grid], hunan));
    read.push(tRead);
    engine.push(tEngine);
    plan.push(tPlan);
    total.push(tTotal);
    const counts: Record<string, number> = {};
    for (const r of whole.result.sheets[0]!.rows) counts[r.status] = (counts[r.status] ?? 0) + 1;
    statuses = JSON.stringify(counts);
  }
  const e = median(engine);
  process.stdout.write(
    `${n.toLocaleString("en")} rows × 40 cols (median of ${RUNS}): ` +
      `(a) grid → records ${median(read).toFixed(0)} ms; ` +
      `(b) engine ${e.toFixed(0)} ms = ${Math.round((n / e) * 1000).toLocaleString("en")} rows/s; ` +
      `(c) output planning ${median(plan).toFixed(0)} ms; ` +
      `(d) scoreWorkbook ${median(total).toFixed(0)} ms; statuses ${statuses}\n`,
  );
}
