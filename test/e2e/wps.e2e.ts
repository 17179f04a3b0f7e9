/**
 * The WPS 表格 add-in end to end, as far as it can go without WPS: the built dist/wps/ served on loopback,
 * its task pane in Debian's Chromium (WPS's webview is Chromium too) with the strict WPS double injected as
 * `window.Application` before the page loads, holding the example ledger's cells. The pane must detect WPS,
 * read the double, and score → write → undo, with every change checked in the double's own cells. Every
 * non-loopback request is blocked and recorded. Screenshots at 350 and 1280 px go to test-output/e2e/.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import ts from "typescript";
import { STATE_SHEET } from "../../src/sheets/port";
import { exampleGrids, wpsSeed } from "../adapters/portHarness";
import { CHROMIUM, CHROMIUM_ARGS, loopbackPage, serve } from "./server";
import { emittedScripts, esProblem, ES_LEVEL, INITIAL_GZ_BUDGET, initialScripts, sizes } from "./webFiles";

const ROOT = path.join(__dirname, "..", "..");
const WPS_ROOT = path.join(ROOT, "dist", "wps");
const OUT = path.join(ROOT, "test-output", "e2e");
const LEDGER = "考核台账";
const HEADERS = ["扣分总计", "最终得分", "考核结论", "撤销原因", "整改项", "扣分明细", "示范期至", "提示"];

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let context: BrowserContext;
let page: Page;
const blocked: string[] = [];
const pageErrors: string[] = [];

/**
 * The double as a page script: test/doubles/fakeWps.ts and the one module it imports, compiled by TypeScript
 * to CommonJS and joined under a minimal require, then started on the seed.
 */
async function doubleScript(seed: unknown): Promise<string> {
  const modules: Record<string, string> = {};
  const files: [string, string][] = [
    ["a1", "src/sheets/a1.ts"],
    ["fakeWps", "test/doubles/fakeWps.ts"],
  ];
  for (const [name, file] of files) {
    const out = ts.transpileModule(await fs.readFile(path.join(ROOT, file), "utf8"), { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2018 } });
    modules[name] = `function (module, exports, require) {\n${out.outputText}\n}`;
  }
  return `(function () {
  var defs = { ${Object.entries(modules)
    .map(([k, v]) => `${JSON.stringify(k)}: ${v}`)
    .join(",\n")} };
  var cache = {};
  function req(spec) {
    var name = spec.replace(/^.*\\//, "");
    if (cache[name]) return cache[name].exports;
    var module = (cache[name] = { exports: {} });
    defs[name](module, module.exports, req);
    return module.exports;
  }
  var book = req("fakeWps").fakeWpsFromSeed(${JSON.stringify(seed)}, {}, "hunan-ledger.xlsx");
  window.__wps = book;
  window.Application = book.application();
})();`;
}

type CellDump = { value: unknown; format: string } | null;

/** Cells of the double, read in the page. */
function cellsOf(sheet: string, row: number, cols: number[]): Promise<CellDump[]> {
  return page.evaluate(
    ({ sheet, row, cols }) => {
      const book = (window as unknown as { __wps: { sheet(n: string): { get(r: number, c: number): { value: unknown; format: string } | undefined } } }).__wps;
      return cols.map((c) => {
        const cell = book.sheet(sheet).get(row, c);
        return cell ? { value: cell.value, format: cell.format } : null;
      });
    },
    { sheet, row, cols },
  );
}

function columnValues(sheet: string, col: number, from: number, to: number): Promise<unknown[]> {
  return page.evaluate(
    ({ sheet, col, from, to }) => {
      const book = (window as unknown as { __wps: { sheet(n: string): { get(r: number, c: number): { value: unknown } | undefined } } }).__wps;
      const out: unknown[] = [];
      for (let r = from; r <= to; r++) out.push(book.sheet(sheet).get(r, col)?.value ?? null);
      return out;
    },
    { sheet, col, from, to },
  );
}

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false, animations: "disabled" });
}

async function expectNotice(pattern: RegExp): Promise<void> {
  await page.getByTestId("notice").filter({ hasText: pattern }).waitFor({ timeout: 30_000 });
}

async function counts(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of ["retain", "rectify", "revoke", "error"]) out[s] = ((await page.getByTestId(`count-${s}`).locator("span").first().textContent()) ?? "").trim();
  return out;
}

beforeAll(async () => {
  await fs.mkdir(OUT, { recursive: true });
  await fs.access(CHROMIUM).catch(() => {
    throw new Error(`没有找到 Chromium（${CHROMIUM}）：apt-get install -y chromium fonts-wqy-microhei`);
  });
  server = await serve(WPS_ROOT, "taskpane.html");
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  blocked.length = 0;
  pageErrors.length = 0;
  // WPS's task pane is docked at about 350 px.
  ({ context, page } = await loopbackPage(browser, { viewport: { width: 350, height: 900 }, locale: "zh-CN" }, { blocked, pageErrors }));
});

afterEach(async () => {
  await context?.close();
});

test(`every script of dist/wps parses as ES${ES_LEVEL} (main.js as ES5), and the pane's first download stays within budget`, async () => {
  const scripts = emittedScripts(WPS_ROOT);
  expect(scripts).toEqual(expect.arrayContaining(["main.js", "oldwebview.js"]));
  for (const file of scripts) {
    const source = await fs.readFile(path.join(WPS_ROOT, file), "utf8");
    expect([file, esProblem(source, file === "main.js" || file === "oldwebview.js" ? 5 : ES_LEVEL)]).toEqual([file, null]);
  }
  const initial = initialScripts("taskpane.html", WPS_ROOT);
  expect(sizes(initial, WPS_ROOT).gz).toBeLessThanOrEqual(INITIAL_GZ_BUDGET);
});

test("the add-in's files are where WPS looks for them: index.html → main.js, ribbon.xml, taskpane.html, jsplugins.xml", async () => {
  const ribbon = await fs.readFile(path.join(WPS_ROOT, "ribbon.xml"), "utf8");
  expect(ribbon).toMatch(/onLoad="ribbon\.OnAddinLoad"/);
  expect(ribbon).toMatch(/<button id="btnPioneerScorecard"[^>]*onAction="ribbon\.OnAction"/);
  expect(await fs.readFile(path.join(WPS_ROOT, "index.html"), "utf8")).toMatch(/<script src=("?)main\.js\1>/);
  expect(await fs.readFile(path.join(WPS_ROOT, "jsplugins.xml"), "utf8")).toMatch(/<jspluginonline name="pioneer-scorecard" type="et" url="[^"]+\/wps\/"/);
  await fs.access(path.join(WPS_ROOT, "pioneer-scorecard.zip"));

  // The ribbon button, run against a stand-in of WPS's task-pane API: it creates the pane once, then toggles it.
  await page.goto(`${server.url}index.html`);
  const made = await page.evaluate(() => {
    const panes: { url: string; Visible: boolean; ID: number }[] = [];
    const store = new Map<string, string>();
    const w = window as unknown as { Application: unknown; ribbon: { OnAction(c: { Id: string }): boolean } };
    w.Application = {
      CreateTaskPane: (url: string) => {
        const p = { url, Visible: false, ID: panes.length + 1 };
        panes.push(p);
        return p;
      },
      GetTaskPane: (id: string) => panes.find((p) => String(p.ID) === String(id)),
      PluginStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: unknown) => store.set(k, String(v)) },
    };
    w.ribbon.OnAction({ Id: "btnPioneerScorecard" });
    const afterFirst = panes.map((p) => ({ ...p }));
    w.ribbon.OnAction({ Id: "btnPioneerScorecard" });
    return { afterFirst, afterSecond: panes.map((p) => ({ ...p })) };
  });
  expect(made.afterFirst).toEqual([{ url: `${server.url}taskpane.html`, Visible: true, ID: 1 }]);
  expect(made.afterSecond).toEqual([{ url: `${server.url}taskpane.html`, Visible: false, ID: 1 }]);
  expect(pageErrors).toEqual([]);
});

test("in WPS: the pane reads the open workbook, scores, writes the owned columns into it, and undoes the write", async () => {
  const grids = await exampleGrids();
  await page.addInitScript({ content: await doubleScript(wpsSeed(grids)) });
  await page.goto(`${server.url}taskpane.html`);
  await page.getByTestId("count-retain").waitFor({ timeout: 60_000 });
  // The WPS pane has no file buttons: it works on the open workbook.
  await expect(page.getByRole("button", { name: "打开文件…" }).count()).resolves.toBe(0);
  // The WPS build carries the package's version, as the Excel pane does.
  const { version } = JSON.parse(await fs.readFile(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
  await expect(page.getByTestId("version").textContent()).resolves.toBe(`v${version}`);
  expect(await counts()).toEqual({ retain: "17", rectify: "11", revoke: "17", error: "4" });
  await expect(page.getByText(/写回将改动「考核台账」的 AK–AR 列（新增 8 列）/).count()).resolves.toBe(1);
  await shot("wps-01-preview-350");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot("wps-02-preview-1280");
  await page.setViewportSize({ width: 350, height: 900 });

  const ledger = grids.find((g) => g.name === LEDGER)!;
  const lastRow = ledger.values.length;
  const cols = Array.from({ length: 8 }, (_, i) => 37 + i); // AK…AR
  expect(await cellsOf(LEDGER, 3, cols)).toEqual(cols.map(() => null));

  await page.getByRole("button", { name: "写回工作簿" }).click();
  await expectNotice(/已写回「考核台账」.*共 \d+ 个单元格/);
  expect((await cellsOf(LEDGER, 3, cols)).map((c) => c?.value)).toEqual(HEADERS);
  const verdicts = (await columnValues(LEDGER, 39, 4, lastRow)).filter((v): v is string => typeof v === "string");
  const tally: Record<string, number> = {};
  for (const v of verdicts) tally[v] = (tally[v] ?? 0) + 1;
  expect(tally).toEqual({ 保持: 17, 整改: 11, 撤销: 17, 数据有误: 4 });
  // Input cells untouched; the state sheet exists and is very hidden; the status column is coloured (BGR).
  const inputsAfter = await page.evaluate(
    ({ sheet, width, rows }) => {
      const book = (window as unknown as { __wps: { sheet(n: string): { get(r: number, c: number): { value: unknown } | undefined } } }).__wps;
      const out: unknown[][] = [];
      for (let r = 1; r <= rows; r++) {
        const row: unknown[] = [];
        for (let c = 1; c <= width; c++) row.push(book.sheet(sheet).get(r, c)?.value ?? null);
        out.push(row);
      }
      return out;
    },
    { sheet: LEDGER, width: 36, rows: lastRow },
  );
  const serialOf = (v: unknown) => (v instanceof Date ? (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000 : v);
  expect(inputsAfter).toEqual(ledger.values.map((r) => Array.from({ length: 36 }, (_, c) => serialOf(r[c] ?? null))));
  const state = await page.evaluate((name) => {
    const book = (window as unknown as { __wps: { sheets: { name: string; visible: number; cfs: { c1: number; label: string; color: number }[] }[] } }).__wps;
    const s = book.sheets.find((x) => x.name === name);
    const ledger = book.sheets.find((x) => x.name === "考核台账")!;
    return { visible: s?.visible, green: ledger.cfs.find((cf) => cf.c1 === 39 && cf.label === "保持")?.color };
  }, STATE_SHEET);
  expect(state).toEqual({ visible: 2, green: 0xceefc6 });
  await shot("wps-03-written-350");

  await page.getByRole("button", { name: "撤销上次写回" }).click();
  await expectNotice(/已撤销上次写回/);
  expect(await cellsOf(LEDGER, 3, cols)).toEqual(cols.map(() => null));
  expect((await columnValues(LEDGER, 39, 4, lastRow)).every((v) => v === null)).toBe(true);
  await expect(page.getByRole("button", { name: "撤销上次写回" }).isDisabled()).resolves.toBe(true);
  await shot("wps-04-undone-350");
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot("wps-05-undone-1280");

  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
});
