/**
 * The preview's file worker: the .xlsx file port and the scoring engine run here, so that opening, scoring
 * and writing a 20,000-row ledger never blocks the page. Large answers go back in slices (see chunks.ts).
 */
// The worker is its own chunk, loaded only when a file is opened: the .xlsx reader/writer belongs here.
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { FilePort } from "../../adapters/xlsx/filePort";
import { plainLedger } from "../../engine/findings";
import { withUsed } from "../../engine/schemes";
import { hunan } from "../../schemes/hunan";
import { recordOwnership, schemePicker, type WorkbookRead } from "../../sheets/port";
import { split } from "../chunks";
import { initialState, paneReducer, scoredOf, type PaneState, type Scored } from "../paneState";
import type { ReadScored, Reply, Request, ScoreContext, WriteScored } from "./protocol";

type Scope = { postMessage(message: Reply, transfer?: Transferable[]): void; onmessage: ((e: MessageEvent<{ id: number; req: Request }>) => void) | null };
const scope = self as unknown as Scope;

let port: FilePort | null = null;
let lastRead: WorkbookRead | null = null;

function stateOf(ctx: ScoreContext, read: WorkbookRead): PaneState {
  return { ...initialState("file"), ...ctx, phase: "preview", read, stored: read.stored };
}

function pick(s: PaneState): Scored {
  return sendable({ scheme: s.scheme, candidates: s.candidates, ledger: s.ledger, score: s.score, scoreError: s.scoreError, filter: s.filter });
}

/**
 * A scoring as the page receives it: a structured clone copies own data only, so findings whose words are built
 * when read (engine/findings.ts) go as plain data.
 */
function sendable(scored: Scored): Scored {
  const score = scored.score;
  if (!score || score.scheme !== "hunan") return scored;
  return { ...scored, score: { ...score, result: plainLedger(score.result) } };
}

async function handle(id: number, req: Request): Promise<unknown> {
  const progress = (label: string, done: number, total = 1) => scope.postMessage({ id, kind: "progress", label, done, total });
  if (req.op === "open") {
    progress("正在解压工作簿…", 0.05);
    port = await FilePort.open(req.bytes, req.name);
    lastRead = null;
    return true;
  }
  if (!port) throw new Error("没有打开的工作簿");
  switch (req.op) {
    case "readScored": {
      progress("正在读取工作表…", 0.15);
      const read = await port.read(schemePicker(hunan, req.ctx.stored));
      lastRead = read;
      progress("正在计分…", 0.4);
      return { read, scored: sendable(scoredOf(stateOf(req.ctx, read))) } satisfies ReadScored;
    }
    case "writeScored": {
      const read = lastRead ?? (await port.read(schemePicker(hunan, req.ctx.stored)));
      // The page's settings and mapping (they may have changed since the read) over the workbook as read.
      const state = { ...stateOf(req.ctx, { ...read, stored: req.ctx.stored }) };
      const before = { ...state, ...scoredOf(state) };
      const score = before.score;
      if (!score) throw new Error("没有可写回的结果");
      progress("正在写回…", 0.2);
      const report = await port.write(score.writes);
      const stored = withUsed(recordOwnership(req.ctx.stored, score.writes), score, "pane", new Date());
      await port.saveState(stored);
      progress("正在重新计分…", 0.5);
      const after = paneReducer(before, { type: "written", writes: score.writes, cells: report.cells, stored });
      lastRead = after.read;
      return { cells: report.cells, stored, writes: score.writes, after: { read: after.read!, scored: pick(after) } } satisfies WriteScored;
    }
    case "write":
      lastRead = null;
      return port.write(req.writes);
    case "undo":
      lastRead = null;
      return port.undo();
    case "saveState":
      await port.saveState(req.state);
      return true;
    case "insertTemplate":
      lastRead = null;
      return port.insertTemplate(req.spec);
    case "addReport":
      lastRead = null;
      return port.addReport(req.layout);
    case "toBytes":
      return port.toBytes();
  }
}

scope.onmessage = (e) => {
  const { id, req } = e.data;
  handle(id, req).then(
    (answer) => {
      if (answer instanceof Uint8Array) {
        scope.postMessage({ id, kind: "done", skeleton: answer, slices: 0 }, [answer.buffer]);
        return;
      }
      const { skeleton, slices } = split(answer);
      slices.forEach((s, i) => {
        scope.postMessage({ id, kind: "slice", ...s });
        if (i % 10 === 9) scope.postMessage({ id, kind: "progress", label: "正在显示结果…", done: 0.6 + (0.4 * i) / slices.length, total: 1 });
      });
      scope.postMessage({ id, kind: "done", skeleton, slices: slices.length });
    },
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      scope.postMessage({ id, kind: "failed", message, chinese: /[\u4e00-\u9fff]/.test(message) });
    },
  );
};
