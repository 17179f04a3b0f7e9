/**
 * Start-up time of the command line: the median wall time of 10 spawned `node bin/pioneer-scorecard.js --help`
 * (and `--version`), beside a bare `node -e ""` (the floor: Node's own start-up). Figures only.
 *   npm run build && npx tsx bench/cliStartup.ts [path/to/launcher.js]
 * The optional launcher measures another build (e.g. an older checkout's bin) the same way.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const RUNS = 10;
const launcher = process.argv[2] ?? path.join(__dirname, "..", "bin", "pioneer-scorecard.js");

function median(args: string[]): { median: number; min: number; max: number } {
  spawnSync(process.execPath, args, { stdio: "ignore" }); // warm the file cache
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { stdio: "ignore" });
    ms.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`${args.join(" ")} exited with ${r.status}`);
  }
  ms.sort((a, b) => a - b);
  return { median: (ms[RUNS / 2 - 1]! + ms[RUNS / 2]!) / 2, min: ms[0]!, max: ms[RUNS - 1]! };
}

const show = (label: string, m: { median: number; min: number; max: number }) =>
  process.stdout.write(`${label.padEnd(34)} median ${m.median.toFixed(0).padStart(4)} ms  (min ${m.min.toFixed(0)}, max ${m.max.toFixed(0)}, ${RUNS} runs)\n`);

show("node -e \"\" (Node start-up)", median(["-e", ""]));
show("pioneer-scorecard --help", median([launcher, "--help"]));
show("pioneer-scorecard --version", median([launcher, "--version"]));
