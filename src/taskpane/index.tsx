/**
 * The task pane entry, loaded by Excel (and by a plain browser, where office.js finds no host): in Excel
 * the pane works on the open workbook through the Office adapter; elsewhere it works on an .xlsx file.
 */
import { createRoot } from "react-dom/client";
import { ExcelPort, excelSupport, officeHost } from "../adapters/office/excelPort";
import { hunan } from "../schemes/hunan";
import { shanghai } from "../schemes/shanghai";
import { App } from "./App";
import type { PaneSource } from "./usePane";

function mount(source: PaneSource): void {
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<App source={source} />);
}

void Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    mount({ kind: "file", exampleUrl: "examples/hunan-ledger.xlsx" });
    return;
  }
  const host = officeHost();
  const support = excelSupport(host);
  mount(support.ok ? { kind: "excel", port: new ExcelPort(host, { statusLabels: { ...hunan.labels, ...shanghai.labels } }) } : { kind: "unsupported", message: support.message });
});
