/**
 * The workbook port over an .xlsx file held in memory (browser preview, WPS offices, tests): the same
 * contract as the Office adapter, over the surgical .xlsx writer (only the owned parts change). The result
 * leaves as bytes to download.
 */
import type { SheetWrite } from "../../sheets/grid";
import { planUndo, recordOwnership, withOwnership, type PortCapabilities, type SheetNote, type SheetPicker, type StoredState, type UndoMeta, type WorkbookPort, type WorkbookRead, type WriteProgress, type WriteReport } from "../../sheets/port";
import type { ReportLayout } from "../../sheets/report";
import type { TemplateSpec } from "../../sheets/template";
import { XlsxWorkbook } from "./xlsxWorkbook";

export class FilePort implements WorkbookPort {
  readonly capabilities: PortCapabilities = { kind: "file", select: false };
  private stored: StoredState;
  private undoMeta: UndoMeta | null;

  constructor(readonly book: XlsxWorkbook, readonly fileName: string) {
    const state = book.readState();
    this.stored = state.stored;
    this.undoMeta = state.undo;
  }

  static async open(bytes: Uint8Array, fileName: string): Promise<FilePort> {
    return new FilePort(await XlsxWorkbook.open(bytes), fileName);
  }

  read(pick: SheetPicker): Promise<WorkbookRead> {
    const grids = withOwnership(this.book.readSheets(), this.stored);
    pick(grids);
    const notes: SheetNote[] = [];
    return Promise.resolve({ grids, stored: this.stored, undo: this.undoMeta, notes });
  }

  write(writes: readonly SheetWrite[], onProgress?: WriteProgress): Promise<WriteReport> {
    // A refused write (no column left right of a value in XFD) changes nothing, not even the undo data, and
    // reaches the pane as a rejection like any other failure of the port.
    try {
      this.book.checkWrites(writes);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const meta = planUndo(writes, this.book.rowCounts(), new Date().toISOString());
    this.book.snapshot(meta);
    this.book.write(writes);
    this.undoMeta = meta;
    this.stored = recordOwnership(this.stored, writes);
    this.book.writeState(this.stored, meta);
    const cells = writes.reduce((n, w) => n + w.columns.reduce((m, c) => m + c.values.length + 1, 0), 0);
    onProgress?.(cells, cells);
    return Promise.resolve({ cells, requests: 1, tableColumns: 0 });
  }

  undo(): Promise<boolean> {
    const meta = this.undoMeta;
    if (!meta) return Promise.resolve(false);
    this.book.restore(meta);
    this.undoMeta = null;
    this.book.writeState(this.stored, null);
    return Promise.resolve(true);
  }

  saveState(state: StoredState): Promise<void> {
    this.stored = state;
    this.book.writeState(state, this.undoMeta);
    return Promise.resolve();
  }

  insertTemplate(spec: TemplateSpec): Promise<string[]> {
    return Promise.resolve(this.book.addTemplate(spec));
  }

  select(): Promise<void> {
    return Promise.resolve();
  }

  addReport(layout: ReportLayout): Promise<string> {
    return Promise.resolve(this.book.addReport(layout));
  }

  /** The workbook as it stands now, for 下载结果. */
  toBytes(): Promise<Uint8Array> {
    return this.book.toBytes();
  }
}
