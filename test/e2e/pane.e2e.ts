/**
 * End to end in a real browser: Debian's Chromium driven by playwright-core against the built preview
 * (dist/web) served on loopback. Every non-loopback request is blocked and recorded; the preview must
 * attempt none. Screenshots of each step go to test-output/e2e/.
 */
import ExcelJS from "exceljs";
import { promises as fs, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, loopbackPage, serve } from "./server";

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
  ({ context, page } = await loopbackPage(browser, { viewport: { width: 320, height: 900 }, acceptDownloads: true, locale: "zh-CN" }, { blocked, pageErrors, requested }));
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
  expect(requested.some((u) => /(xlsx|fileWorker)\.[0-9a-f]+\.js$/.test(u))).toBe(false); // the .xlsx reader is not loaded before a file is
  await shot("01-empty");

  await page.getByRole("button", { name: "打开示例" }).click();
  await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });
  expect(requested.some((u) => /fileWorker\.[0-9a-f]+\.js$/.test(u))).toBe(true); // the file is read in the worker
  expect(await counts()).toEqual({ retain: "17", rectify: "11", revoke: "17", error: "4" });
  await expect(page.getByText(/写回将改动「考核台账」的 AK–AR 列（新增 8 列）/).count()).resolves.toBe(1);
  await shot("02-preview");

  await page.getByTestId("count-revoke").click();
  await expect(page.locator('[data-testid="post-list"] > li').count()).resolves.toBe(17);
  await expect(page.locator('[data-testid="post-list"] > li[data-status="revoke"]').count()).resolves.toBe(17);
  await shot("03-filter-revoke");
  await page.getByTestId("count-revoke").click();

  await page.getByRole("button", { name: "写回工作簿" }).click();
  await expectNotice(/已写回「[^」]+」.*共 \d+ 个单元格/);
  await expect(page.getByText(/写回将改动「考核台账」的 AK–AR 列、/).count()).resolves.toBe(1); // found again, nothing new
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
  const headers = (ws.getRow(3).values as unknown[]).slice(37, 45);
  expect(headers).toEqual(["扣分总计", "最终得分", "考核结论", "撤销原因", "整改项", "扣分明细", "示范期至", "提示"]);
  const tally: Record<string, number> = {};
  for (let r = 4; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, 39).value;
    if (typeof v === "string") tally[v] = (tally[v] ?? 0) + 1;
  }
  expect(tally).toEqual({ 保持: 17, 整改: 11, 撤销: 17, 数据有误: 4 });
  const revoked = [...Array(ws.rowCount).keys()].map((i) => ws.getCell(i + 1, 39)).find((c) => c.value === "撤销")!;
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
  expect(Number(after["revoke"])).toBeGreaterThan(17);
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
  // office.js's logger would load its telemetry iframe 3 s after start; the pane stops it outside Office.
  await page.waitForTimeout(4_000);
  expect(blocked).toEqual([]);
  await shot("11-taskpane-outside-excel");
  expect(pageErrors).toEqual([]);
});

test.each([
  ["preview.html", "此浏览器版本过旧，无法运行示范岗考评助手", /360、QQ、搜狗/],
  ["taskpane.html", "无法在此版本的 Office 中运行", /Excel 2021/],
])("%s on an engine older than the targets (no Array.prototype.flat) explains itself in Chinese", async (html, title, detail) => {
  // An engine without Chrome 69's features: the check is by feature, so removing one is enough to trip it.
  await page.addInitScript(() => {
    delete (Array.prototype as { flat?: unknown }).flat;
  });
  await page.goto(`${server.url}${html}`);
  const alert = page.getByRole("alert");
  await alert.getByRole("heading", { name: title }).waitFor({ timeout: 30_000 });
  expect(await alert.textContent()).toMatch(detail);
  // The bundle found no root to mount over the notice.
  expect(await page.getByRole("button", { name: "打开示例" }).count()).toBe(0);
  await shot(`12-old-engine-${html.replace(".html", "")}`);
});

const EXAMPLES = path.join(__dirname, "..", "..", "examples");

async function loadDownload(trigger: () => Promise<void>, name: string): Promise<ExcelJS.Workbook> {
  const [download] = await Promise.all([page.waitForEvent("download"), trigger()]);
  const file = path.join(OUT, name);
  await download.saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fs.readFile(file)) as never);
  return wb;
}

test("the 汇总 tab: quarterly tally with the ledger filled, the year summary as a sheet and as its own workbook", async () => {
  await page.goto(`${server.url}preview.html`);
  await page.getByTestId("file-input").setInputFiles(path.join(EXAMPLES, "hunan-survey.xlsx"));
  await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });
  await page.getByRole("tab", { name: "汇总" }).click();
  await expect(page.getByTestId("tally-summary").textContent()).resolves.toContain("56 个“示范岗 × 季度”，达标 53 · 扣10分 2 · 撤销 1");
  await shot("12-reports");
  await page.getByLabel("同时把满意度填入台账的季度满意度列（可撤销）").check();
  await page.getByRole("button", { name: "生成满意度汇总表" }).click();
  await expectNotice(/已生成工作表「满意度汇总」：56 个“示范岗 × 季度”；已填入台账季度满意度 55 个单元格/);
  await page.getByRole("button", { name: "生成年度汇总表" }).click();
  await expectNotice(/已生成工作表「年度汇总」：\d+ 个示范岗/);
  // The generated sheets are not read back as a survey or a ledger.
  await expect(page.getByTestId("tally-summary").textContent()).resolves.toContain("调查表「满意度调查」：56 个");
  await shot("13-reports-made");

  const wb = await loadDownload(() => page.getByRole("button", { name: "下载结果" }).click(), "survey-with-reports.xlsx");
  expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["考核台账", "满意度调查", "满意度汇总", "年度汇总"]));
  expect(wb.getWorksheet("满意度汇总")!.getCell("A1").value).toBe("党员示范岗季度服务满意度汇总表");
  const ledger = wb.getWorksheet("考核台账")!;
  let xiangtanQ4: unknown = null;
  ledger.eachRow((row, r) => {
    if (r > 3 && row.getCell(2).value === "湘潭" && row.getCell(4).value === "报建窗口党员服务示范岗") xiangtanQ4 = row.getCell(14).value;
  });
  expect(xiangtanQ4).toBe(0.78);

  const separate = await loadDownload(() => page.getByRole("button", { name: "下载年度汇总.xlsx" }).click(), "2025年度汇总.xlsx");
  expect(separate.worksheets.map((w) => w.name)).toEqual(["年度汇总"]);
  expect(separate.getWorksheet("年度汇总")!.pageSetup.orientation).toBe("landscape");
  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
});

test("全省汇总 with no workbook open: pick the 市州 files (one is not a workbook), preview, download", async () => {
  await page.goto(`${server.url}preview.html`);
  const summaries = ["长沙市-2025年度汇总.xlsx", "株洲市-2025年度汇总.xlsx", "湘潭市-2025年度考核台账（已评分）.xlsx", "郴州市-2025年度考核情况.xlsx"].map((f) => path.join(EXAMPLES, "summaries", f));
  const junk = { name: "备忘.xlsx", mimeType: "application/octet-stream", buffer: Buffer.from("备忘") };
  const input = page.getByTestId("consolidate-input");
  await input.setInputFiles([...summaries.map((f) => ({ name: path.basename(f), mimeType: "application/octet-stream", buffer: readFileSync(f) })), junk]);
  await page.getByTestId("consolidation").waitFor({ timeout: 30_000 });
  const text = (await page.getByTestId("consolidation").textContent()) ?? "";
  expect(text).toContain("已读取 4 个文件，13 个示范岗");
  expect(text).toContain("待核实结论 1 个；与得分不符 1 个；应撤销省级称号 3 个");
  expect(text).toContain("跳过：备忘.xlsx");
  expect(text).toMatch(/未报送：衡阳、邵阳/);
  await shot("14-consolidation");
  const wb = await loadDownload(() => page.getByRole("button", { name: "下载全省汇总.xlsx" }).click(), "全省汇总.xlsx");
  expect(wb.worksheets.map((w) => w.name)).toEqual(["全省汇总"]);
  expect(wb.getWorksheet("全省汇总")!.getCell("A1").value).toBe("2025 年度全省党员示范岗考核汇总表");
  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
});

async function unitCounts(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const s of ["qualified", "below", "unverified", "ineligible", "revoke", "error"]) {
    out[s] = ((await page.getByTestId(`count-${s}`).locator("span").first().textContent()) ?? "").trim();
  }
  return out;
}

test("both schemes side by side: the 上海 example is recognised, scored and written; 创建计划; the pass mark; back to 湖南", async () => {
  await page.goto(`${server.url}preview.html`);
  await page.getByRole("button", { name: "打开上海示例" }).click();
  await page.getByTestId("count-qualified").waitFor({ timeout: 30_000 });
  expect(await unitCounts()).toEqual({ qualified: "11", below: "2", unverified: "3", ineligible: "6", revoke: "2", error: "2" });
  await expect(page.getByTestId("scheme").textContent()).resolves.toContain("自动判断（上海 治水管海先锋）");
  await expect(page.getByText(/表头第 3 行，共 26 条考核记录（\d+ 个示范点），达标分 85/).count()).resolves.toBe(1);
  await shot("15-shanghai-preview");

  await page.getByTestId("count-ineligible").click();
  await expect(page.locator('[data-testid="post-list"] > li[data-status="ineligible"]').count()).resolves.toBe(6);
  await expect(page.getByText(/G-post-1 中共正式党员（预备党员不可）：正式党员（AR18）为“预备党员”/).count()).resolves.toBe(1);
  await shot("16-shanghai-ineligible");
  await page.getByTestId("count-ineligible").click();

  await page.getByRole("button", { name: "写回工作簿" }).click();
  await expectNotice(/已写回「[^」]+」.*共 \d+ 个单元格/);
  const wb = await loadDownload(() => page.getByRole("button", { name: "下载结果" }).click(), "shanghai-units.scored.xlsx");
  const ws = wb.getWorksheet("示范点")!;
  const header = (ws.getRow(3).values as unknown[]).map((v) => (typeof v === "string" ? v : null));
  const col = (h: string) => header.indexOf(h);
  expect(["基本标准得分", "行业标准得分", "总分", "结论", "不符合条件原因", "待核实项", "提示"].map(col).every((c) => c > 0)).toBe(true);
  const tally: Record<string, number> = {};
  for (let r = 4; r <= ws.rowCount; r++) {
    const v = ws.getCell(r, col("结论")).value;
    if (typeof v === "string") tally[v] = (tally[v] ?? 0) + 1;
  }
  expect(tally).toEqual({ 达标: 11, 未达标: 2, 待核实: 3, 不符合条件: 6, 撤销: 2, 数据有误: 2 });
  expect(ws.getCell(4, col("总分")).value).toBe(92.5);
  expect(ws.getCell(22, col("信念坚定的标杆")).value).toBe(15); // the input that made row 22 数据有误 is as it was

  await page.getByRole("tab", { name: "汇总" }).click();
  await page.getByTestId("plan-panel").waitFor();
  // Years as rows, kinds as columns; the running total says what is short (issue 14: no "2/5（2/5）").
  await expect(page.getByTestId("plan-panel").textContent()).resolves.toContain("20192 / 51 / 52 / 5");
  await expect(page.getByTestId("plan-panel").textContent()).resolves.toContain("累计至 20213 / 15差 122 / 15差 134 / 15差 11");
  await page.getByRole("button", { name: "生成创建计划表" }).click();
  await expectNotice(/已生成工作表「创建计划」/);
  await shot("17-shanghai-plan");

  await page.getByRole("tab", { name: "设置" }).click();
  await page.getByLabel("达标分（总分不低于此分为达标）").fill("95");
  await page.getByRole("button", { name: "保存设置并重新计分" }).click();
  await page.getByRole("tab", { name: "结果" }).click();
  const raised = await unitCounts();
  expect(Number(raised["qualified"])).toBeLessThan(11);
  expect(Number(raised["below"])).toBeGreaterThan(2);
  await shot("18-shanghai-pass-mark");

  await page.getByRole("button", { name: "打开示例" }).click();
  await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });
  expect(await counts()).toEqual({ retain: "17", rectify: "11", revoke: "17", error: "4" });
  await expect(page.getByTestId("scheme").textContent()).resolves.toContain("自动判断（湖南 党员示范岗）");

  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
});
