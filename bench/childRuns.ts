/**
 * Child-process measurements shared by the benches: wall time and peak RSS of a spawned Node process (the
 * child reports its own maxRSS through bench/maxrss.js), and the floor every whole-workbook rewrite is held
 * to: a bare ExcelJS read + write of the same file (bench/exceljsRoundTrip.js), measured the same way.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

/** Wall times (ms) and peak RSS (MB) of each run, each list sorted ascending; exit codes in run order. */
export type Runs = { ms: number[]; rssMb: number[]; codes: (number | null)[] };

/** Runs `node -r maxrss.js <args>` `runs` times, one after another. Exit codes 0 and 3 are successes. */
export function runChild(args: string[], runs: number): Runs {
  const ms: number[] = [];
  const rssMb: number[] = [];
  const codes: (number | null)[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ["-r", path.join(__dirname, "maxrss.js"), ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    codes.push(r.status);
    rssMb.push(Number(/maxrss (\d+)/.exec(String(r.output[3] ?? ""))?.[1] ?? 0) / 1024);
    if (r.status !== 0 && r.status !== 3) process.stderr.write(`${args.join(" ")} exited with ${r.status}\n${r.stderr}`);
  }
  return { ms: ms.sort((a, b) => a - b), rssMb: rssMb.sort((a, b) => a - b), codes };
}

/** A bare ExcelJS read of `input` and write to `output`, `runs` times. */
export function excelJsRoundTrip(input: string, output: string, runs: number): Runs {
  return runChild([path.join(__dirname, "exceljsRoundTrip.js"), input, output], runs);
}

/** The middle of a sorted list (the upper middle for an even count). */
export const median = (sorted: number[]): number => sorted[Math.floor(sorted.length / 2)]!;

/** "median 812 ms, min 790 ms, max 901 ms (5 runs)" for a sorted list of wall times. */
export const fmtMs = (ms: number[]): string => `median ${median(ms).toFixed(0)} ms, min ${ms[0]!.toFixed(0)} ms, max ${ms[ms.length - 1]!.toFixed(0)} ms (${ms.length} runs)`;
