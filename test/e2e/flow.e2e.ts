/**
 * The pane as a new user meets it (issue 14, items 1, 5 and 7), in Debian's Chromium against the built preview:
 * one visible path open → review → 写回 → 下载 at 350 and 1280 px, the 200 % zoom case (175 px), the dark
 * theme, a survey-only and a two-ledger workbook, and a 20,000-row ledger opened in the worker with progress,
 * cancel and a long-task probe whose figure is printed (never asserted). Screenshots go to test-output/e2e/.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { ledgerRows } from "../../bench/hunanLedger";
import { CHROMIUM, CHROMIUM_ARGS, loopbackPage, serve } from "./server";

const OUT = path.join(__dirname, "..", "..", "test-output", "e2e");
const EXAMPLES = path.join(__dirname, "..", "..", "examples");

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let context: BrowserContext | null = null;
const blocked: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  await fs.mkdir(OUT, { recursive: true });
  server = await serve();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  await context?.close();
  context = null;
});

async function open(width: number, opts: { dark?: boolean; noWorker?: boolean; height?: number } = {}): Promise<Page> {
  blocked.length = 0;
  pageErrors.length = 0;
  const opened = await loopbackPage(browser, { viewport: { width, height: opts.height ?? 900 }, acceptDownloads: true, locale: "zh-CN", colorScheme: opts.dark ? "dark" : "light" }, { blocked, pageErrors });
  context = opened.context;
  const page = opened.page;
  // The long-task probe: every main-thread task over 50 ms, from the first script on.
  await page.addInitScript((noWorker: boolean) => {
    const w = window as unknown as { __longTasks: number[]; Worker?: unknown };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ entryTypes: ["longtask"] });
    if (noWorker) delete w.Worker;
  }, opts.noWorker ?? false);
  await page.goto(`${server.url}preview.html`);
  await page.getByRole("button", { name: "打开示例" }).waitFor({ timeout: 30_000 });
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false, animations: "disabled" });
}

async function noSidewaysScroll(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

const steps = (page: Page) => page.getByTestId("steps").locator("li").evaluateAll((els) => els.map((e) => `${e.textContent ?? ""}:${e.getAttribute("data-state") ?? ""}`));

async function workbookBytes(edit: (wb: ExcelJS.Workbook) => void, from = "hunan-ledger.xlsx"): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(EXAMPLES, from));
  edit(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const xlsx = (name: string, buffer: Buffer) => ({ name, mimeType: "application/octet-stream", buffer });

describe.each([350, 1280])("at %i px", (width) => {
  test("open by keyboard → review → 下载 before 写回 writes first and says so → the download holds the results", async () => {
    const page = await open(width);
    await expect(page.getByTestId("version").textContent()).resolves.toMatch(/^v\d+\.\d+\.\d+/);
    await expect(page.getByRole("link", { name: "帮助" }).getAttribute("href")).resolves.toBe("help.html");
    await expect(steps(page)).resolves.toEqual(["1打开文件:current", "2查看结果:todo", "3写回:todo", "4下载:todo"]);
    await expect(page.getByRole("button", { name: "下载空白考核台账" }).count()).resolves.toBe(1);
    await shot(page, `flow-${width}-01-empty`);

    // Opened by keyboard: focus stays on the button that opened it.
    await page.getByRole("button", { name: "打开示例" }).focus();
    await page.keyboard.press("Enter");
    await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });
    await expect(page.evaluate(() => document.activeElement?.textContent ?? "")).resolves.toBe("打开示例");
    await expect(steps(page)).resolves.toEqual(["✓打开文件:done", "✓查看结果:done", "3写回:current", "4下载:todo"]);
    await noSidewaysScroll(page);
    await shot(page, `flow-${width}-02-review`);

    // 下载结果 before 写回: the results are written first, and the user is told.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载结果" }).click()]);
    const file = path.join(OUT, `flow-${width}-scored.xlsx`);
    await download.saveAs(file);
    await page.getByTestId("notice").filter({ hasText: /结果尚未写回，已先写回再下载：hunan-ledger\.scored\.xlsx/ }).waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await fs.readFile(file)) as never);
    expect(wb.getWorksheet("考核台账")!.getCell(3, 39).value).toBe("考核结论");
    await expect(steps(page)).resolves.toEqual(["✓打开文件:done", "✓查看结果:done", "✓写回:done", "4下载:current"]);
    await shot(page, `flow-${width}-03-downloaded`);

    // After a write the message names where the results went and what comes next.
    await page.getByRole("button", { name: "撤销上次写回" }).click();
    await page.getByTestId("notice").filter({ hasText: "结果列恢复为写回前的内容" }).waitFor();
    await page.getByRole("button", { name: "写回工作簿" }).click();
    await page.getByTestId("notice").filter({ hasText: /已写回「考核台账」AK–AR 列（新增 8 列），共 \d+ 个单元格。下一步：点“下载结果”/ }).waitFor({ timeout: 30_000 });
    await shot(page, `flow-${width}-04-written`);

    // A notice belongs to its tab.
    await page.getByRole("tab", { name: "列映射" }).click();
    await expect(page.getByTestId("notice").count()).resolves.toBe(0);

    // An inserted blank template is not then read as a 成员 sheet (nor announced as a second ledger).
    await page.getByRole("tab", { name: "结果" }).click();
    await page.getByRole("button", { name: "插入模板" }).click();
    await page.getByTestId("notice").filter({ hasText: "已插入模板工作表：考核台账 (2)、成员 (2)" }).waitFor();
    await expect(page.getByText(/「考核台账」表头第 \d+ 行，共 \d+ 条考核记录/).textContent()).resolves.not.toContain("成员 (2)");
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });

  test("a survey-only workbook lands on 汇总 with one line; a two-ledger workbook says so and lets the user pick", async () => {
    const page = await open(width);
    const surveyOnly = await workbookBytes((wb) => wb.removeWorksheet(wb.getWorksheet("考核台账")!.id), "hunan-survey.xlsx");
    await page.getByTestId("file-input").setInputFiles(xlsx("满意度调查.xlsx", surveyOnly));
    await page.getByTestId("notice").filter({ hasText: "这个工作簿只有满意度调查表，没有考核台账：已转到“汇总”页" }).waitFor({ timeout: 30_000 });
    await expect(page.getByRole("tab", { name: "汇总" }).getAttribute("aria-selected")).resolves.toBe("true");
    await page.getByTestId("tally-summary").waitFor();
    await noSidewaysScroll(page);
    await shot(page, `flow-${width}-05-survey-only`);

    const two = await workbookBytes((wb) => {
      const src = wb.getWorksheet("考核台账")!;
      const copy = wb.addWorksheet("考核台账（二）");
      src.eachRow((row, r) => {
        copy.getRow(r).values = row.values;
      });
    });
    await page.getByTestId("file-input").setInputFiles(xlsx("两张台账.xlsx", two));
    await page.getByTestId("notice").filter({ hasText: "有 2 张考核台账「考核台账」「考核台账（二）」，当前计分「考核台账」" }).waitFor({ timeout: 30_000 });
    await page.getByTestId("ledger").getByRole("button", { name: "考核台账（二）" }).click();
    await page.getByText(/「考核台账（二）」表头第 \d+ 行，共 \d+ 条考核记录/).waitFor();
    await noSidewaysScroll(page);
    await shot(page, `flow-${width}-06-two-ledgers`);
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  });
});

test("200 % zoom (a 350 px pane is 175 px wide): nothing scrolls sideways, body text is at least 14 px", async () => {
  const page = await open(175);
  await noSidewaysScroll(page);
  await shot(page, "flow-175-01-empty");
  await page.getByRole("button", { name: "打开示例" }).click();
  await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });
  await noSidewaysScroll(page);
  const small = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll("main li, main p, main span"))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? "").trim().length > 8);
      if (own && parseFloat(getComputedStyle(el).fontSize) < 14) out.push((el.textContent ?? "").slice(0, 20));
    }
    return out;
  });
  process.stdout.write(`text under 14 px at 175 px: ${small.length} element(s)${small.length ? `, e.g. ${small.slice(0, 3).join(" | ")}` : ""}\n`);
  expect(small).toEqual([]);
  await shot(page, "flow-175-02-review");
  await page.getByRole("tab", { name: "设置" }).click();
  await noSidewaysScroll(page);
  await shot(page, "flow-175-03-settings");
  expect(pageErrors).toEqual([]);
});

test("the dark theme follows the system (prefers-color-scheme), in light and dark", async () => {
  for (const dark of [false, true]) {
    const page = await open(350, { dark });
    await page.getByRole("button", { name: "打开示例" }).click();
    await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });
    // The dark tokens load on demand; wait until the provider has switched.
    const luminance = async () =>
      page.evaluate(() => {
        const bg = getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor;
        const [r, g, b] = (bg.match(/\d+/g) ?? ["255", "255", "255"]).map(Number);
        return 0.299 * r! + 0.587 * g! + 0.114 * b!;
      });
    await page.waitForFunction((want) => {
      const bg = getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor;
      const [r, g, b] = (bg.match(/\d+/g) ?? ["255", "255", "255"]).map(Number);
      return (0.299 * r! + 0.587 * g! + 0.114 * b! < 128) === want;
    }, dark);
    expect((await luminance()) < 128).toBe(dark);
    // The count tiles stay readable: their text and background far apart in brightness, in both themes.
    const tile = await page.getByTestId("count-retain").evaluate((el) => {
      const lum = (c: string) => {
        const [r, g, b] = (c.match(/\d+/g) ?? ["0", "0", "0"]).map(Number);
        return 0.299 * r! + 0.587 * g! + 0.114 * b!;
      };
      const style = getComputedStyle(el);
      return Math.abs(lum(style.color) - lum(style.backgroundColor));
    });
    expect(tile).toBeGreaterThan(100);
    await shot(page, `flow-350-07-${dark ? "dark" : "light"}`);
    await context?.close();
    context = null;
  }
});

describe("a 20,000-row ledger", () => {
  let big: Buffer;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("考核台账");
    for (const r of ledgerRows(20_000)) ws.addRow(r);
    big = Buffer.from(await wb.xlsx.writeBuffer());
  });

  const longest = (page: Page) => page.evaluate(() => Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks));
  const count = (page: Page) => page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks.length);

  /**
   * Picks the file as a user does: the bytes reach the page without the page's own thread. (playwright's
   * setInputFiles would decode 10 MB of base64 on the page's main thread, a long task that is the harness's.)
   */
  async function pick(page: Page): Promise<void> {
    await page.route("**/__picked/ledger-20000.xlsx", (route) => route.fulfill({ body: big, contentType: "application/octet-stream" }));
    await page.evaluate(async () => {
      const blob = await (await fetch("__picked/ledger-20000.xlsx")).blob();
      const files = new DataTransfer();
      files.items.add(new File([blob], "ledger-20000.xlsx"));
      const input = document.querySelector<HTMLInputElement>('[data-testid="file-input"]')!;
      input.files = files.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  async function openBig(page: Page): Promise<{ longestMs: number; tasks: number }> {
    await page.evaluate(() => {
      (window as unknown as { __longTasks: number[] }).__longTasks = [];
    });
    await pick(page);
    await page.getByText(/「考核台账」表头第 \d+ 行，共 20,?000 条考核记录/).waitFor({ timeout: 110_000 });
    // Let the first paint of the results finish before reading the probe.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 200))));
    return { longestMs: await longest(page), tasks: await count(page) };
  }

  test("opens in the worker with progress; cancel keeps the workbook open before; the long-task probe is printed", async () => {
    const page = await open(350);
    await page.getByRole("button", { name: "打开示例" }).click();
    await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });

    // Cancelled while it opens: the example stays.
    await pick(page);
    await page.getByTestId("progress").waitFor();
    await shot(page, "flow-350-08-large-progress");
    await page.getByRole("button", { name: "取消" }).click();
    await page.getByTestId("notice").filter({ hasText: "已取消打开" }).waitFor();
    await expect(page.getByText(/当前文件：hunan-ledger\.xlsx/).count()).resolves.toBe(1);

    const probe = await openBig(page);
    await shot(page, "flow-350-09-large-open");
    await expect(page.getByText(/「考核台账」表头第 \d+ 行，共 20,?000 条考核记录/).count()).resolves.toBe(1);
    process.stdout.write(`20,000-row open in the worker: longest main-thread task ${probe.longestMs.toFixed(0)} ms (${probe.tasks} tasks over 50 ms)\n`);

    await page.getByRole("button", { name: "写回工作簿" }).click();
    await page.getByTestId("notice").filter({ hasText: /已写回「考核台账」/ }).waitFor({ timeout: 110_000 });
    process.stdout.write(`… and after 写回: longest main-thread task so far ${(await longest(page)).toFixed(0)} ms\n`);
    await shot(page, "flow-350-10-large-written");
    expect(pageErrors).toEqual([]);
    expect(blocked).toEqual([]);
  }, 240_000);

  test("for comparison, the same open on the main thread (no Worker): the figure before the worker", async () => {
    const page = await open(350, { noWorker: true });
    const probe = await openBig(page);
    process.stdout.write(`20,000-row open on the main thread: longest main-thread task ${probe.longestMs.toFixed(0)} ms (${probe.tasks} tasks over 50 ms)\n`);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
