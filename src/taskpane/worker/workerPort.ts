/**
 * The workbook port of the browser preview, run in a Web Worker: the page keeps only what it shows, the
 * worker holds the file, reads, scores and writes it (see fileWorker.ts). Ending the worker cancels.
 */
import type { SheetWrite } from "../../sheets/grid";
import { PortError, type PortCapabilities, type SheetPicker, type StoredState, type WorkbookPort, type WorkbookRead, type WriteProgress, type WriteReport } from "../../sheets/port";
import type { ReportLayout } from "../../sheets/report";
import type { TemplateSpec } from "../../sheets/template";
import { join } from "../chunks";
import { hunan } from "../../schemes/hunan";
import { schemePicker } from "../../sheets/port";
import { openFilePort } from "../filePortLoader";
import { initialState, scoredOf, type Action, type PaneState, type Progress } from "../paneState";
import { saveBytes } from "../saveBytes";
import type { ReadScored, Reply, Request, ScoreContext, WriteScored } from "./protocol";

/** The user cancelled: the worker was ended and nothing it did is kept. */
export class CancelledError extends Error {
  constructor() {
    super("已取消");
    this.name = "CancelledError";
  }
}

type Pending = { resolve(v: unknown): void; reject(e: Error): void; slices: { part: number; from: number; items: unknown[] }[]; onProgress?: (p: Progress) => void };

export class WorkerFilePort implements WorkbookPort {
  readonly capabilities: PortCapabilities = { kind: "file", select: false };
  private readonly worker: Worker;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor() {
    // webpack bundles the worker as its own chunk from this exact form (a classic worker: Chrome 69 has no module workers).
    // @ts-expect-error import.meta: webpack resolves it at build time; the type-check's CommonJS setting does not know it.
    this.worker = new Worker(/* webpackChunkName: "fileWorker" */ new URL("./fileWorker.ts", import.meta.url));
    this.worker.onmessage = (e: MessageEvent<Reply>) => this.receive(e.data);
    this.worker.onerror = (e) => this.failAll(new PortError(`后台处理出错：${e.message || "未知错误"}`));
  }

  private receive(r: Reply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    if (r.kind === "progress") p.onProgress?.({ done: r.done, total: r.total, label: r.label });
    else if (r.kind === "slice") p.slices.push({ part: r.part, from: r.from, items: r.items });
    else {
      this.pending.delete(r.id);
      if (r.kind === "failed") p.reject(r.chinese ? new PortError(r.message) : new Error(r.message));
      else p.resolve(r.slices ? join(r.skeleton, p.slices) : r.skeleton);
    }
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  private call<T>(req: Request, onProgress?: (p: Progress) => void, transfer: Transferable[] = []): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as T), reject, slices: [], ...(onProgress ? { onProgress } : {}) });
      this.worker.postMessage({ id, req }, transfer);
    });
  }

  /** Ends the worker; whatever was under way fails with {@link CancelledError}. */
  terminate(): void {
    this.worker.terminate();
    this.failAll(new CancelledError());
  }

  /** Hands the file to the worker (the bytes move there; the caller's copy is emptied). */
  open(bytes: Uint8Array, name: string, onProgress?: (p: Progress) => void): Promise<boolean> {
    return this.call<boolean>({ op: "open", bytes, name }, onProgress, [bytes.buffer]);
  }

  /** Reads and scores in the worker: what the page shows, the main thread doing no scoring. */
  readScored(ctx: ScoreContext, onProgress?: (p: Progress) => void): Promise<ReadScored> {
    return this.call<ReadScored>({ op: "readScored", ctx }, onProgress);
  }

  /** Scores with the page's choices, writes the results, and hands back the workbook as it now reads. */
  writeScored(ctx: ScoreContext, onProgress?: (p: Progress) => void): Promise<WriteScored> {
    return this.call<WriteScored>({ op: "writeScored", ctx }, onProgress);
  }

  async read(pick: SheetPicker): Promise<WorkbookRead> {
    void pick; // the worker picks the sheets itself, as the page would
    const { read } = await this.readScored({ schemeChoice: "auto", scheme: "hunan", ledger: null, filter: "all", stored: {} });
    return read;
  }

  async write(writes: readonly SheetWrite[], onProgress?: WriteProgress): Promise<WriteReport> {
    const report = await this.call<WriteReport>({ op: "write", writes });
    onProgress?.(report.cells, report.cells);
    return report;
  }

  undo(): Promise<boolean> {
    return this.call<boolean>({ op: "undo" });
  }

  async saveState(state: StoredState): Promise<void> {
    await this.call<boolean>({ op: "saveState", state });
  }

  insertTemplate(spec: TemplateSpec): Promise<string[]> {
    return this.call<string[]>({ op: "insertTemplate", spec });
  }

  async select(): Promise<void> {
    // A file in the browser has no window to select in.
  }

  addReport(layout: ReportLayout): Promise<string> {
    return this.call<string>({ op: "addReport", layout });
  }

  /** The workbook as it stands now, for 下载结果. */
  toBytes(): Promise<Uint8Array> {
    return this.call<Uint8Array>({ op: "toBytes" });
  }
}

/** Opens a file in a new worker and reads and scores it there; `onStart` gets the worker (to cancel it). */
export async function openInWorker(
  bytes: Uint8Array,
  name: string,
  ctx: ScoreContext,
  onProgress: (p: Progress) => void,
  onStart: (port: WorkerFilePort) => void,
): Promise<{ port: WorkbookPort; answer: ReadScored }> {
  if (typeof Worker === "undefined") {
    // No worker (not in any target browser; the e2e's comparison): the same work on the page's own thread.
    const file = await openFilePort(bytes, name);
    const read = await file.read(schemePicker(hunan, ctx.stored));
    return { port: file, answer: { read, scored: scoredOf({ ...initialState("file"), ...ctx, phase: "preview", read, stored: read.stored }) } };
  }
  const port = new WorkerFilePort();
  onStart(port);
  onProgress({ done: 0, total: 1, label: `正在打开“${name}”…` });
  try {
    await port.open(bytes, name, onProgress);
    return { port, answer: await port.readScored(ctx, onProgress) };
  } catch (e) {
    port.terminate();
    throw e;
  }
}

/**
 * 下载结果: the download holds what the pane shows, so results not yet written are written first (and the
 * message says so). Returns the message.
 */
export async function download(port: { toBytes(): Promise<Uint8Array> }, s: PaneState, write: () => Promise<void>): Promise<Action> {
  const writeFirst = !!s.score?.writes.some((w) => w.columns.length) && !s.written && !s.read?.notes.some((n) => n.blocking && n.sheet === s.ledger);
  if (writeFirst) await write();
  const name = (s.fileName ?? "workbook.xlsx").replace(/(\.xlsx)?$/i, ".scored.xlsx");
  saveBytes(await port.toBytes(), name);
  return { type: "notice", notice: { intent: "success", text: `${writeFirst ? "结果尚未写回，已先写回再下载" : "已下载"}：${name}` } };
}
