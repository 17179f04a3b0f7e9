/**
 * Whether the page runs in WPS 表格's add-in webview, and its `Application` when it does. The task pane's WPS
 * entry asks this instead of touching WPS's globals itself (lint keeps them to this folder).
 */
import type { WpsApplication } from "./wpsModel";

/**
 * WPS 表格: a global `Application` whose `ActiveWorkbook` can be read (null when no workbook is open), and no
 * Office.js host. WPS 文字 and 演示 also define `Application`, but with no ActiveWorkbook: they are not ours.
 */
export function wpsApplication(scope: object = globalThis): WpsApplication | null {
  const g = scope as { Application?: unknown; Office?: { context?: { host?: unknown } } };
  if (g.Office?.context?.host) return null;
  const app = g.Application;
  if (!app || typeof app !== "object") return null;
  try {
    const book: unknown = (app as { ActiveWorkbook?: unknown }).ActiveWorkbook;
    if (book === undefined) return null;
  } catch {
    return null;
  }
  return app as WpsApplication;
}
