/**
 * The .xlsx file port, loaded on demand: the .xlsx reader/writer (and fflate) live in their own chunk that
 * the browser fetches only when a file is opened (never in the pane's initial bundle).
 */
import type { FilePort } from "../adapters/xlsx/filePort";
import type { SheetGrid } from "../sheets/grid";
import type { StoredState } from "../sheets/port";
import type { ReportLayout } from "../sheets/report";

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

/** A blank template as its own new .xlsx (the empty page's 下载空白模板), with the name to save it as. */
export async function templateBytes(scheme: "hunan" | "shanghai"): Promise<{ bytes: Uint8Array; name: string }> {
  const [{ XlsxWorkbook }, { templateSpec, unitTemplateSpec }, { hunan }, { shanghai }] = await Promise.all([
    import(/* webpackChunkName: "xlsx" */ "../adapters/xlsx/xlsxWorkbook"),
    import(/* webpackChunkName: "panels" */ "../sheets/template"),
    import("../schemes/hunan"),
    import("../schemes/shanghai"),
  ]);
  const book = XlsxWorkbook.create();
  book.addTemplate(scheme === "shanghai" ? unitTemplateSpec(shanghai) : templateSpec(hunan));
  return { bytes: await book.toBytes(), name: scheme === "shanghai" ? "示范点创建台账（空白）.xlsx" : "考核台账（空白）.xlsx" };
}
