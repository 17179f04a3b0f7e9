/**
 * The .xlsx file port, loaded on demand: ExcelJS is large, so it lives in its own chunk that the
 * browser fetches only when a file is opened (never in the pane's initial bundle).
 */
import type { FilePort } from "../adapters/xlsx/filePort";

export async function openFilePort(bytes: Uint8Array, fileName: string): Promise<FilePort> {
  const { FilePort: Port } = await import(/* webpackChunkName: "xlsx" */ "../adapters/xlsx/filePort");
  return Port.open(bytes, fileName);
}
