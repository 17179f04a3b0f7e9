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

function mount(source: PaneSource, dark = systemDark()): void {
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<App source={source} dark={dark} />);
}

/** The browser's colour scheme (outside Office). */
function systemDark(): boolean {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
}

/** Office's own theme (File › Account › Office Theme): its flag, or else whether its task-pane background is dark. */
function officeDark(): boolean {
  const theme = (Office.context as { officeTheme?: { isDarkTheme?: boolean; bodyBackgroundColor?: string } } | undefined)?.officeTheme;
  if (typeof theme?.isDarkTheme === "boolean") return theme.isDarkTheme;
  const n = parseInt((theme?.bodyBackgroundColor ?? "").replace("#", ""), 16);
  return Number.isNaN(n) ? systemDark() : 0.299 * (n >> 16) + 0.587 * ((n >> 8) & 255) + 0.114 * (n & 255) < 128;
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
  mount(support.ok ? { kind: "excel", port: new ExcelPort(host, { statusLabels: { ...hunan.labels, ...shanghai.labels } }) } : { kind: "unsupported", message: support.message }, officeDark());
});
