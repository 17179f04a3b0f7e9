/** Messages between the page and the preview's file worker (parse, score and write off the main thread). */
import type { SheetWrite } from "../../sheets/grid";
import type { StoredState, WorkbookRead } from "../../sheets/port";
import type { ReportLayout } from "../../sheets/report";
import type { TemplateSpec } from "../../sheets/template";
import type { PaneState, Scored } from "../paneState";

/** What scoring depends on besides the workbook: the page's choices (the worker rescores exactly as the page would). */
export type ScoreContext = Pick<PaneState, "schemeChoice" | "scheme" | "ledger" | "filter" | "stored">;

export type Request =
  | { op: "open"; bytes: Uint8Array; name: string }
  | { op: "readScored"; ctx: ScoreContext }
  | { op: "writeScored"; ctx: ScoreContext }
  | { op: "write"; writes: readonly SheetWrite[] }
  | { op: "undo" }
  | { op: "saveState"; state: StoredState }
  | { op: "insertTemplate"; spec: TemplateSpec }
  | { op: "addReport"; layout: ReportLayout }
  | { op: "toBytes" };

export type ReadScored = { read: WorkbookRead; scored: Scored };
export type WriteScored = { cells: number; stored: StoredState; writes: SheetWrite[]; after: ReadScored };

/** From the worker: progress, a slice of a large answer, then the answer (its skeleton) or a failure. */
export type Reply =
  | { id: number; kind: "progress"; label: string; done: number; total: number }
  | { id: number; kind: "slice"; part: number; from: number; items: unknown[] }
  | { id: number; kind: "done"; skeleton: unknown; slices: number }
  | { id: number; kind: "failed"; message: string; chinese: boolean };
