/** The browser preview entry: the same pane over an .xlsx file, without office.js (nothing leaves the page). */
import { createRoot } from "react-dom/client";
import { App } from "./App";

const el = document.getElementById("root");
// preview.html?example opens the bundled example at once (demos, and the load-to-preview benchmark).
const autoOpen = new URLSearchParams(window.location.search).has("example");
// The page follows the browser's colour scheme.
const dark = window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
if (el) createRoot(el).render(<App source={{ kind: "file", exampleUrl: "examples/hunan-ledger.xlsx", autoOpen }} dark={dark} />);
