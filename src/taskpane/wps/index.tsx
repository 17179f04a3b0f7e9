/**
 * The task pane entry in WPS 表格 (taskpane.html of dist/wps, opened by the ribbon button of the WPS add-in):
 * the same pane as in Excel, over the open workbook through the WPS adapter. Opened outside WPS (a plain
 * browser), it falls back to the file preview, as the Excel entry does outside Office.
 */
import { createRoot } from "react-dom/client";
import { wpsApplication } from "../../adapters/wps/wpsHost";
import { WpsPort } from "../../adapters/wps/wpsPort";
import { hunan } from "../../schemes/hunan";
import { shanghai } from "../../schemes/shanghai";
import { App } from "../App";
import type { PaneSource } from "../usePane";

const app = wpsApplication();
const source: PaneSource = app ? { kind: "wps", port: new WpsPort(app, { statusLabels: { ...hunan.labels, ...shanghai.labels } }) } : { kind: "file", exampleUrl: "examples/hunan-ledger.xlsx" };
const el = document.getElementById("root");
if (el) createRoot(el).render(<App source={source} />);
