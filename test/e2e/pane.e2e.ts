/**
 * End to end in a real browser: Debian's Chromium driven by playwright-core against the built preview
 * (dist/web) served on loopback. Every non-loopback request is blocked and recorded; the preview must
 * attempt none. Screenshots of each step go to test-output/e2e/.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, isLoopback, serve } from "./server";

const OUT = path.join(__dirname, "..", "..", "test-output", "e2e");

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let context: BrowserContext;
let page: Page;
const blocked: string[] = [];
const pageErrors: string[] = [];
const requested: string[] = [];

beforeAll(async () => {
  await fs.mkdir(OUT, { recursive: true });
  await fs.access(CHROMIUM).catch(() => {
    throw new Error(`没有找到 Chromium（${CHROMIUM}）：apt-get install -y chromium fonts-wqy-microhei`);
  });
  server = await serve();
  // playwright gives every launch a new, empty profile (the fresh --user-data-dir the flags call for).
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  blocked.length = 0;
  pageErrors.length = 0;
  requested.length = 0;
  // The task pane's width in Excel: 320 px.
  context = await browser.newContext({ viewport: { width: 320, height: 900 }, acceptDownloads: true, locale: "zh-CN" });
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    requested.push(url);
    if (isLoopback(url)) await route.continue();
    else {
      blocked.push(url);
      await route.abort("blockedbyclient");
    }
  });
  page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(e.message));
});

afterEach(async () => {
  await context?.close();
});

async function shot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false, animations: "disabled" });
}

async function counts(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of ["retain", "rectify", "revoke", "error"]) {
    out[s] = ((await page.getByTestId(`count-${s}`).locator("span").first().textContent()) ?? "").trim();
  }
  return out;
}

async function expectNotice(pattern: RegExp): Promise<void> {
  const notice = page.getByTestId("notice");
  await notice.filter({ hasText: pattern }).waitFor({ timeout: 30_000 });
}

test("the preview: open the example, preview, write, undo, write, download — the file holds the results", async () => {
  await page.goto(`${server.url}preview.html`);
  await page.getByRole("button", { name: "打开示例" }).waitFor();
  expect(requested.some((u) => /xlsx\.[0-9a-f]+\.js$/.test(u))).toBe(false); // ExcelJS is not loaded before a file is
  await shot("01-empty");

  await page.getByRole("button", { name: "打开示例" }).click();
  await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });
  expect(requested.some((u) => /xlsx\.[0-9a-f]+\.js$/.test(u))).toBe(true);
  expect(await counts()).toEqual({ retain: "19", rectify: "11", revoke: "13", error: "3" });
  await expect(page.getByText(/写回将改动「考核台账」的 AJ–AQ 列（新增 8 列）/).count()).resolves.toBe(1);
  await shot("02-preview");

  await page.getByTestId("count-revoke").click();
  await expect(page.locator('[data-testid="post-list"] > li').count()).resolves.toBe(13);
  await expect(page.locator('[data-testid="post-list"] > li[data-status="revoke"]').count()).resolves.toBe(13);
  await shot("03-filter-revoke");
  await page.getByTestId("count-revoke").click();

  await page.getByRole("button", { name: "写回工作簿" }).click();
  await expectNotice(/已写回 \d+ 个单元格/);
  await expect(page.getByText(/写回将改动「考核台账」的 AJ–AQ 列、/).count()).resolves.toBe(1); // found again, nothing new
  await shot("04-written");

  await page.getByRole("button", { name: "撤销上次写回" }).click();
  await expectNotice(/已撤销上次写回/);
  await expect(page.getByRole("button", { name: "撤销上次写回" }).isDisabled()).resolves.toBe(true);
  await shot("05-undone");

  await page.getByRole("button", { name: "写回工作簿" }).click();
  await expectNotice(/已写回/);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载结果" }).click()]);
  expect(download.suggestedFilename()).toBe("hunan-ledger.scored.xlsx");
  const file = path.join(OUT, "hunan-ledger.scored.xlsx");
  await download.saveAs(file);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fs.readFile(file)) as never);
  const ws = wb.getWorksheet("考核台账")!;
  const headers = (ws.getRow(3).values as unknown[]).slice(36, 44);
  expect(headers).toEqual(["扣分总计", "最终得分", "考核结论", "撤销原因", "整改项", "扣分明细", "示范期至", "提示"]);
  const tally: Record<string, number> = {};
  for (let r = 4; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 38).value;
    if (typeof v === "string") tally[v] = (tally[v] ?? 0) + 1;
  }
  expect(tally).toEqual({ 保持: 19, 整改: 11, 撤销: 13, 数据有误: 3 });
  const revoked = [...Array(ws.rowCount).keys()].map((i) => ws.getCell(i + 1, 38)).find((c) => c.value === "撤销")!;
  expect((revoked.fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe("FFFFC7CE");
  // The undo data and nothing else was added: the state sheet is there, very hidden.
  expect(wb.getWorksheet("示范岗考评_数据")?.state).toBe("veryHidden");
  await shot("06-downloaded");

  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
});

test("mapping is shown; a boundary changed in settings rescores at once; an invalid value is refused with its reason", async () => {
  await page.goto(`${server.url}preview.html?example`);
  await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });

  await page.getByRole("tab", { name: "列映射" }).click();
  await page.getByText(/表头在第 3 行/).waitFor();
  await shot("07-mapping");

  await page.getByRole("tab", { name: "设置" }).click();
  const field = page.getByLabel("最终得分低于此分撤销");
  await field.fill("90");
  await page.getByRole("button", { name: "保存设置并重新计分" }).click();
  await page.getByRole("tab", { name: "结果" }).click();
  const after = await counts();
  expect(Number(after["revoke"])).toBeGreaterThan(13);
  await shot("08-settings-applied");

  await page.getByRole("tab", { name: "设置" }).click();
  await page.getByLabel("最终得分低于此分撤销").fill("150");
  await page.getByRole("button", { name: "保存设置并重新计分" }).click();
  await page.getByRole("alert").filter({ hasText: /0–100/ }).waitFor();
  await shot("09-settings-invalid");

  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
});

test("a file that is not a workbook gets a Chinese reason, and the pane keeps working", async () => {
  await page.goto(`${server.url}preview.html`);
  await page.getByTestId("file-input").setInputFiles({ name: "台账.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("这不是工作簿") });
  await expectNotice(/无法打开“台账\.xlsx”：不是 Excel 工作簿/);
  await page.getByTestId("file-input").setInputFiles({ name: "旧台账.xls", mimeType: "application/vnd.ms-excel", buffer: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]) });
  await expectNotice(/旧版 \.xls 文件/);
  await shot("10-bad-file");
  await page.getByRole("button", { name: "打开示例" }).click();
  await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });
  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
});

test("taskpane.html outside Excel: office.js from our own server finds no host and the pane falls back to files", async () => {
  await page.goto(`${server.url}taskpane.html`);
  await page.getByRole("button", { name: "打开示例" }).waitFor({ timeout: 30_000 });
  expect(requested.filter((u) => u.includes("/office-js/office.js"))).toHaveLength(1);
  // Whatever office.js itself tries (its telemetry frame) is blocked; our code asks for nothing off this server.
  expect(blocked.filter((u) => !/microsoft|office|msocdn|aria/i.test(new URL(u).hostname))).toEqual([]);
  await shot("11-taskpane-outside-excel");
  expect(pageErrors).toEqual([]);
});
