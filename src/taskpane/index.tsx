/**
 * The task pane entry, loaded by Excel (and by a plain browser, where office.js finds no host): in Excel
 * the pane works on the open workbook through the Office adapter; elsewhere it works on an .xlsx file.
 */
import { createRoot } from "react-dom/client";
import { ExcelPort, excelSupport, officeHost } from "../adapters/office/excelPort";
import { hunan } from "../schemes/hunan";
import { shanghai } from "../schemes/shanghai";
import { App, type ThemeChoice } from "./App";
import type { PaneSource } from "./usePane";

function mount(source: PaneSource, theme: ThemeChoice = "system"): void {
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<App source={source} theme={theme} />);
}

/** Office's own theme (File › Account › Office Theme): dark when its task-pane background is dark. */
function officeTheme(): ThemeChoice {
  const background = (Office.context as { officeTheme?: { bodyBackgroundColor?: string } } | undefined)?.officeTheme?.bodyBackgroundColor;
  const m = background ? /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background) : null;
  if (!m) return "system";
  const [r, g, b] = [m[1]!, m[2]!, m[3]!].map((h) => parseInt(h, 16));
  return 0.299 * r! + 0.587 * g! + 0.114 * b! < 128 ? "dark" : "light";
}

/**
 * Outside Office, office.js takes the Office 2013 path: o15apptofilemappingtable.js creates a logger that,
 * 3 s later, loads a hidden iframe from telemetryservice.firstpartyapps.oaspapps.com. In a plain browser there
 * is no Office to report to, so that frame is stopped: the logger is handed a frame that is never attached
 * (its loadProxyFrame only creates one when it has none; its messages then stay in its buffer). Inside Office
 * nothing here runs. If a future office.js renames these internals, this does nothing and the frame is
 * attempted again (the e2e test, which blocks every non-loopback request, would then fail).
 */
function stopOutsideOfficeTelemetry(): void {
  const osf = (window as { OSF?: { Logger?: { ulsEndpoint?: { proxyFrame?: unknown } | null } } }).OSF;
  const uls = osf?.Logger?.ulsEndpoint;
  if (uls && (uls.proxyFrame === null || uls.proxyFrame === undefined)) uls.proxyFrame = document.createElement("iframe");
}

void Office.onReady((info) => {
  if (info.host !== Office.HostType.Excel) {
    stopOutsideOfficeTelemetry();
    mount({ kind: "file", exampleUrl: "examples/hunan-ledger.xlsx" });
    return;
  }
  const host = officeHost();
  const support = excelSupport(host);
  mount(support.ok ? { kind: "excel", port: new ExcelPort(host, { statusLabels: { ...hunan.labels, ...shanghai.labels } }) } : { kind: "unsupported", message: support.message }, officeTheme());
});
