/**
 * The pane's one effects hook: every call to the workbook port happens here, and every failure becomes
 * a Chinese notice (never a swallowed promise). The flow state itself is the pure reducer in paneState.
 */
import { useCallback, useEffect, useReducer, useRef } from "react";
import type { AdditiveSettingsInput, SettingsInput } from "../schemes/schema";
import { hunan } from "../schemes/hunan";
import { shanghai } from "../schemes/shanghai";
import { PortError, recordOwnership, schemePicker, type WorkbookPort } from "../sheets/port";
import type { Consolidation, InputFile } from "../engine/consolidate";
import { hunanSettingsInput, withUsed } from "../engine/schemes";
import { resolveSettings } from "../schemes/schema";
import type { ReportLayout } from "../sheets/report";
import { readWorkbook, reportBytes } from "./filePortLoader";
import { saveBytes } from "./saveBytes";
import { initialState, paneReducer, type Action, type PaneState, type Progress } from "./paneState";
import type { ReadScored, ScoreContext, WriteScored } from "./worker/protocol";
import type { WorkerFilePort } from "./worker/workerPort";

/** The preview's worker client, loaded when a file is opened (outside the pane's first download). */
function loadWorkerPort(): Promise<typeof import("./worker/workerPort")> {
  return import(/* webpackChunkName: "file-ui" */ "./worker/workerPort");
}

/** A port whose reads and writes score in a worker (the preview's). */
type ScoringPort = WorkbookPort & {
  toBytes(): Promise<Uint8Array>; readScored(ctx: ScoreContext, onProgress?: (p: Progress) => void): Promise<ReadScored>; writeScored(ctx: ScoreContext, onProgress?: (p: Progress) => void): Promise<WriteScored> };
const scoresItself = (p: WorkbookPort): p is ScoringPort => "readScored" in p;
import type * as ReportEngine from "./reportEngine";

/** The report engine, fetched on first use (its own chunk, shared with the 汇总 tab). */
function loadReportEngine(): Promise<typeof ReportEngine> {
  return import(/* webpackChunkName: "reports" */ "./reportEngine");
}

/** A bundled example workbook the preview can open. */
export type Example = { label: string; url: string };
export const EXAMPLES: Record<"hunan" | "shanghai", Example> = {
  hunan: { label: "打开示例", url: "examples/hunan-ledger.xlsx" },
  shanghai: { label: "打开上海示例", url: "examples/shanghai-units.xlsx" },
};

export type PaneSource =
  | { kind: "excel"; port: WorkbookPort }
  /** WPS 表格 (加载项): the open workbook through the WPS adapter. */
  | { kind: "wps"; port: WorkbookPort }
  | { kind: "unsupported"; message: string }
  | { kind: "file"; exampleUrl: string; autoOpen?: boolean };

/** A failure as the pane shows it: a Chinese sentence and, for Excel's own errors, the diagnostics to copy. */
function failure(e: unknown, prefix = ""): Action {
  const details = e instanceof PortError && "details" in e && typeof e.details === "string" ? e.details : undefined;
  return { type: "failed", message: `${prefix}${messageOf(e)}`, ...(details ? { details } : {}) };
}

function messageOf(e: unknown): string {
  if (e instanceof PortError) return e.message;
  if (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)) return e.message;
  return `操作失败：${e instanceof Error ? e.message : String(e)}`;
}

export type PaneCommands = {
  reread(): Promise<void>;
  /** Stops the file being opened (the worker is ended; the workbook open before stays). */
  cancel(): void;
  openFile(file: File): Promise<void>;
  /** Opens a bundled example (default: the source's). */
  openExample(url?: string): Promise<void>;
  write(): Promise<void>;
  undo(): Promise<void>;
  insertTemplate(): Promise<void>;
  select(sheet: string, range: string): Promise<void>;
  /** `sheet`: name a column on a sheet that is not yet the ledger (its required header was not recognised). */
  mapColumn(field: string, col: number, sheet?: string): Promise<void>;
  clearMapping(): Promise<void>;
  setSettings(settings: SettingsInput): Promise<void>;
  setUnitSettings(settings: AdditiveSettingsInput): Promise<void>;
  /** 创建计划 (shanghai): plan vs 认定 as a sheet of this workbook. */
  planReport(): Promise<void>;
  download(): Promise<void>;
  /** 满意度汇总: the tally sheet, and on request the ledger's quarter columns (undoable). */
  tallyReport(fillLedger: boolean): Promise<void>;
  /** 年度汇总 as a sheet of this workbook, or as a separate workbook (download / new Excel window). */
  summaryReport(separate: boolean): Promise<void>;
  /** Adds a generated sheet laid out by the caller (示范岗名册, 评选资格审查). */
  addLayout(layout: ReportLayout): Promise<void>;
  /** Reads the picked 市州 files in the browser and consolidates them (nothing is uploaded). */
  consolidateFiles(files: readonly File[]): Promise<Consolidation | null>;
  /** 全省汇总 into this workbook, or downloaded when no workbook is open. */
  provinceReport(c: Consolidation): Promise<void>;
  dispatch(a: Action): void;
};

/** What the worker needs to score as the page would. */
function contextOf(s: PaneState): ScoreContext {
  return { schemeChoice: s.schemeChoice, scheme: s.scheme, ledger: s.ledger, filter: s.filter, stored: s.stored };
}

/** Where the next step is, after a sheet was generated: in the downloaded file, or already shown in Excel. */
function seeSheet(s: PaneState): string {
  return s.host === "file" ? "点“下载结果”后在文件中查看。" : "已切换到该工作表。";
}


/** Progress from the worker as the pane shows it. */
function progressTo(label: string, cancellable = false): (p: Progress) => void {
  return (p) => dispatchProgress.current?.({ type: "progress", progress: { ...p, label: p.label || label, cancellable } });
}
const dispatchProgress: { current: ((a: Action) => void) | null } = { current: null };

export function usePane(source: PaneSource): [PaneState, PaneCommands] {
  const [state, dispatch] = useReducer(paneReducer, source.kind === "unsupported" ? "excel" : source.kind, initialState);
  dispatchProgress.current = dispatch;
  const port = useRef<WorkbookPort | null>(source.kind === "excel" || source.kind === "wps" ? source.port : null);
  const latest = useRef(state);
  latest.current = state;
  /** The worker of a file being opened, until it is read (then it becomes `port`). */
  const opening = useRef<WorkerFilePort | null>(null);

  const readNow = useCallback(async (fileName?: string) => {
    const p = port.current;
    if (!p) return;
    dispatch({ type: "read-start" });
    try {
      if (scoresItself(p)) {
        const { read, scored } = await p.readScored(contextOf(latest.current), progressTo("正在读取…"));
        dispatch({ type: "read-done", read, scored, canSelect: false, ...(fileName ? { fileName } : {}) });
        return;
      }
      const read = await p.read(schemePicker(hunan, latest.current.stored));
      dispatch({ type: "read-done", read, canSelect: p.capabilities.select, ...(fileName ? { fileName } : {}) });
    } catch (e) {
      dispatch(failure(e));
    }
  }, []);

  useEffect(() => {
    if (source.kind === "unsupported") dispatch({ type: "unsupported", message: source.message });
    else if (source.kind === "excel" || source.kind === "wps") void readNow();
  }, [source, readNow]);

  const autoOpened = useRef(false);

  const guarded = useCallback(async (work: () => Promise<void>) => {
    try {
      await work();
    } catch (e) {
      dispatch(failure(e));
    }
    // What the host left out (WPS without charts, say) is said with the result, never silently.
    const notes = port.current?.takeNotes?.() ?? [];
    if (notes.length) dispatch({ type: "host-notes", notes });
  }, []);

  const openBytes = useCallback(
    async (bytes: Uint8Array, name: string) => {
      dispatch({ type: "read-start" });
      // A new worker per file: cancelling ends it, and the workbook open before stays as it was.
      opening.current?.terminate();
      let mine: WorkerFilePort | null = null;
      try {
        const { openInWorker } = await loadWorkerPort();
        const opened = await openInWorker(bytes, name, contextOf(latest.current), progressTo("正在打开…", true), (wp) => (opening.current = mine = wp));
        (port.current as Partial<WorkerFilePort> | null)?.terminate?.();
        port.current = opened.port;
        opening.current = null;
        dispatch({ type: "read-done", ...opened.answer, canSelect: false, fileName: name, fresh: true });
      } catch (e) {
        if (opening.current === mine) opening.current = null;
        dispatch(e instanceof Error && e.name === "CancelledError" ? { type: "cancelled" } : failure(e, `无法打开“${name}”：`));
      }
    },
    [readNow],
  );

  /** Applies a change the workbook must remember (mapping, settings) and saves it there. */
  const remember = useCallback(
    (a: Action) => {
      const next = paneReducer(latest.current, a);
      latest.current = next;
      dispatch(a);
      return guarded(async () => {
        await port.current?.saveState(next.stored);
      });
    },
    [guarded],
  );

  /** Writes the scored results; in the preview the worker scores and writes (the page only shows). */
  const writeResults = useCallback(async () => {
    const p = port.current;
    const s = latest.current;
    const score = s.score;
    if (!p || !score) return;
    dispatch({ type: "write-start" });
    if (scoresItself(p)) {
      const done = await p.writeScored(contextOf(s), progressTo("正在写回…"));
      dispatch({ type: "written", writes: done.writes, cells: done.cells, stored: done.stored, after: done.after });
      return;
    }
    const report = await p.write(score.writes, (d, total) => dispatch({ type: "write-progress", done: d, total }));
    // What this write used (for summary, consolidate and the command line on the same workbook) and where
    // its columns are, saved with the rest of the state.
    const stored = withUsed(recordOwnership(s.stored, score.writes), score, "pane", new Date());
    await p.saveState(stored);
    // What was written is known: the pane takes it over instead of reading the whole workbook again
    // (a re-read of a large ledger with its long result columns is what outgrew Excel on the web's 5 MB).
    dispatch({ type: "written", writes: score.writes, cells: report.cells, stored });
  }, []);

  const commands: PaneCommands = {
    reread: () => readNow(),
    cancel: () => opening.current?.terminate(),
    openFile: (file) =>
      guarded(async () => {
        if (!/\.xlsx$/i.test(file.name)) {
          dispatch({ type: "failed", message: /\.xls$/i.test(file.name) ? "这是旧版 .xls 文件，请在 Excel 或 WPS 中另存为 .xlsx 后再打开" : `“${file.name}”不是 .xlsx 工作簿` });
          return;
        }
        await openBytes(new Uint8Array(await file.arrayBuffer()), file.name);
      }),
    openExample: (url) =>
      guarded(async () => {
        if (source.kind !== "file") return;
        const at = url ?? source.exampleUrl;
        const res = await fetch(at);
        if (!res.ok) throw new PortError(`示例工作簿无法加载（HTTP ${res.status}）`);
        await openBytes(new Uint8Array(await res.arrayBuffer()), at.split("/").pop() ?? "example.xlsx");
      }),
    write: () => guarded(writeResults),
    undo: () =>
      guarded(async () => {
        const p = port.current;
        if (!p) return;
        const undone = await p.undo();
        await readNow();
        dispatch({ type: "undo-done", undone });
      }),
    insertTemplate: () =>
      guarded(async () => {
        const p = port.current;
        if (!p) return;
        // Templates are made on request only: their code stays out of the pane's first download.
        const { templateSpec, unitTemplateSpec } = await import(/* webpackChunkName: "panels" */ "../sheets/template");
        const names = await p.insertTemplate(latest.current.scheme === "shanghai" ? unitTemplateSpec(shanghai) : templateSpec(hunan));
        await readNow();
        dispatch({ type: "template-done", names });
      }),
    select: (sheet, range) =>
      guarded(async () => {
        await port.current?.select(sheet, range);
      }),
    mapColumn: (field, col, sheet) => remember({ type: "map-column", field, col, ...(sheet ? { sheet } : {}) }),
    clearMapping: () => remember({ type: "clear-mapping" }),
    setSettings: (settings) => remember({ type: "set-settings", settings }),
    setUnitSettings: (settings) => remember({ type: "set-unit-settings", settings }),
    planReport: () =>
      guarded(async () => {
        const p = port.current;
        const s = latest.current;
        const { planLayout, planShortTotal, workbookPlan } = await loadReportEngine();
        const report = s.read ? workbookPlan(s.read.grids, s.stored) : null;
        if (!p || !report) return;
        dispatch({ type: "write-start" });
        const name = await p.addReport(planLayout(report, shanghai, new Date(), latest.current.fileName ?? "当前工作簿"));
        await readNow();
        const short = planShortTotal(report);
        dispatch({ type: "report-done", text: `已生成工作表「${name}」：计入认定 ${report.recognised.length} 个（按层级计），${short > 0 ? `截至 ${report.latestYear ?? "目前"} 年累计尚差 ${short} 个` : "累计认定数已达到计划"}。${seeSheet(s)}` });
      }),
    download: () =>
      guarded(async () => {
        const p = port.current;
        if (!p || !scoresItself(p)) return;
        const { download } = await loadWorkerPort();
        dispatch(await download(p, latest.current, writeResults));
      }),
    tallyReport: (fillLedger) =>
      guarded(async () => {
        const p = port.current;
        const s = latest.current;
        if (!p || !s.read) return;
        const { planLedgerFill, tallyLayout, tallySurvey } = await loadReportEngine();
        const settings = resolveSettings(hunan, hunanSettingsInput(s.stored));
        const tally = tallySurvey(s.read.grids, hunan, settings);
        dispatch({ type: "write-start" });
        const fill = fillLedger ? planLedgerFill(s.read.grids, tally) : null;
        if (fill?.writes.length) await p.write(fill.writes);
        const name = await p.addReport(tallyLayout(tally, hunan, settings, new Date()));
        await readNow();
        const filled = fill ? `；已填入台账季度满意度 ${fill.cells.length} 个单元格（可点“撤销上次写回”恢复）` : "";
        dispatch({ type: "report-done", text: `已生成工作表「${name}」：${tally.tally.length} 个“示范岗 × 季度”${filled}。${seeSheet(s)}`, ...(fill?.writes.length ? { lastWrite: "survey" as const } : {}) });
      }),
    addLayout: (layout) =>
      guarded(async () => {
        const p = port.current;
        if (!p) return;
        dispatch({ type: "write-start" });
        const name = await p.addReport(layout);
        await readNow();
        dispatch({ type: "report-done", text: `已生成工作表「${name}」。${seeSheet(latest.current)}` });
      }),
    summaryReport: (separate) =>
      guarded(async () => {
        const p = port.current;
        const s = latest.current;
        if (!p || s.score?.scheme !== "hunan") return;
        const { summarizeYear, summaryLayout } = await loadReportEngine();
        const summary = summarizeYear(s.score, hunan);
        const layout: ReportLayout = summaryLayout(summary, hunan, new Date(), s.fileName ?? "当前工作簿");
        if (separate) {
          const bytes = await reportBytes([layout]);
          const opened = p.openWorkbook ? await p.openWorkbook(bytes) : false;
          if (!opened) saveBytes(bytes, `${summary.year}年度汇总.xlsx`);
          dispatch({ type: "report-done", text: opened ? "已在新窗口中打开年度汇总工作簿，请另存后报送" : `已下载 ${summary.year}年度汇总.xlsx` });
          return;
        }
        dispatch({ type: "write-start" });
        const name = await p.addReport(layout);
        await readNow();
        dispatch({ type: "report-done", text: `已生成工作表「${name}」：${summary.rows.length} 个示范岗（A4 横向，可直接打印）。${seeSheet(s)}` });
      }),
    consolidateFiles: async (files) => {
      try {
        const { consolidate } = await loadReportEngine();
        const inputs: InputFile[] = [];
        for (const f of files) {
          try {
            inputs.push({ file: f.name, ...(await readWorkbook(new Uint8Array(await f.arrayBuffer()))) });
          } catch (e) {
            inputs.push({ file: f.name, error: messageOf(e).replace(/^操作失败：/, "") });
          }
        }
        const settings = resolveSettings(hunan, hunanSettingsInput(latest.current.stored));
        return consolidate(inputs, hunan, settings.provinceCities);
      } catch (e) {
        dispatch(failure(e));
        return null;
      }
    },
    provinceReport: (c) =>
      guarded(async () => {
        const p = port.current;
        const { provinceLayout } = await loadReportEngine();
        const layout = provinceLayout(c, hunan, new Date());
        if (!p) {
          saveBytes(await reportBytes([layout]), "全省汇总.xlsx");
          dispatch({ type: "report-done", text: "已下载 全省汇总.xlsx" });
          return;
        }
        dispatch({ type: "write-start" });
        const name = await p.addReport(layout);
        await readNow();
        dispatch({ type: "report-done", text: `已生成工作表「${name}」：${c.posts.length} 个示范岗，来自 ${c.files.length} 个文件。${seeSheet(latest.current)}` });
      }),
    dispatch,
  };
  // A workbook with a 满意度调查 and no ledger belongs on 汇总 (checked with the report engine, loaded on demand).
  useEffect(() => {
    const s = latest.current;
    const read = s.read;
    if (!read || s.landed || s.score || s.candidates.length || s.scheme !== "hunan") return;
    loadReportEngine().then(
      ({ hasSurvey, SURVEY_ONLY }) => {
        if (latest.current.read === read && hasSurvey(read.grids)) dispatch({ type: "survey-only", text: SURVEY_ONLY });
      },
      () => undefined, // without the check the pane stays on 结果, which says what is missing
    );
  }, [state.read]);
  useEffect(() => {
    if (source.kind === "file" && source.autoOpen && !autoOpened.current) {
      autoOpened.current = true;
      void commands.openExample();
    }
  });
  return [state, commands];
}
