/**
 * The .xlsx file port, loaded on demand: the .xlsx reader/writer (and fflate) live in their own chunk that
 * the browser fetches only when a file is opened (never in the pane's initial bundle).
 */
import type { FilePort } from "../adapters/xlsx/filePort";
import type { SheetGrid } from "../sheets/grid";
import type { StoredState } from "../sheets/port";
import type { ReportLayout } from "../sheets/report";
import type { TemplateSpec } from "../sheets/template";

export async function openFilePort(bytes: Uint8Array, fileName: string): Promise<FilePort> {
  const { FilePort: Port } = await import(/* webpackChunkName: "xlsx" */ "../adapters/xlsx/filePort");
  return Port.open(bytes, fileName);
}

/** Generated sheets as a new .xlsx (the workbook sent on), rendered in the same lazily loaded chunk. */
export async function reportBytes(layouts: readonly ReportLayout[]): Promise<Uint8Array> {
  const { renderReports } = await import(/* webpackChunkName: "xlsx" */ "../adapters/xlsx/xlsxWorkbook");
  return renderReports(layouts).toBytes();
}

/** A workbook picked for consolidation, read in the browser (nothing is uploaded), with its saved state. */
export async function readWorkbook(bytes: Uint8Array): Promise<{ grids: SheetGrid[]; stored: StoredState }> {
  const { XlsxWorkbook } = await import(/* webpackChunkName: "xlsx" */ "../adapters/xlsx/xlsxWorkbook");
  const book = await XlsxWorkbook.open(bytes);
  return { grids: book.readSheets(), stored: book.readState().stored };
}

/** A blank template as its own new .xlsx (the empty page's 下载空白模板). */
export async function templateBytes(spec: TemplateSpec): Promise<Uint8Array> {
  const { XlsxWorkbook } = await import(/* webpackChunkName: "xlsx" */ "../adapters/xlsx/xlsxWorkbook");
  const book = XlsxWorkbook.create();
  book.addTemplate(spec);
  return book.toBytes();
}
