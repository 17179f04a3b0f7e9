/**
 * Issue 14, items 2, 3, 4 and 6 in Chromium at the pane's width (350 px) and a desktop one (1280 px): plain notes,
 * cards that name the record, a missing header fixed on 列映射, settings checked field by field, 汇总's band lists.
 * Screenshots go to test-output/e2e/trust-*.png.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, loopbackPage, serve } from "./server";

const OUT = path.join(__dirname, "..", "..", "test-output", "e2e");
const EXAMPLES = path.join(__dirname, "..", "..", "examples");

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let context: BrowserContext;
let page: Page;
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

async function open(width: number): Promise<void> {
  blocked.length = 0;
  pageErrors.length = 0;
  ({ context, page } = await loopbackPage(browser, { viewport: { width, height: 900 }, locale: "zh-CN" }, { blocked, pageErrors }));
}

afterEach(async () => {
  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
  await context?.close();
});

async function shot(name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: path.join(OUT, `trust-${name}.png`), fullPage, animations: "disabled" });
}

/** The page never scrolls sideways. */
async function expectNoSidewaysScroll(): Promise<void> {
  const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);
}

async function workbook(build: (wb: ExcelJS.Workbook) => void | Promise<void>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const WIDTHS = [350, 1280] as const;

describe.each(WIDTHS)("at %i px", (width) => {
  test("results: one sheet-level note, cards that name the record, search and filters, records vs posts", async () => {
    await open(width);
    await page.goto(`${server.url}preview.html?example`);
    await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });

    // Item 2: the absent columns are said once, above the list; no card repeats them.
    const notes = page.getByTestId("sheet-note");
    await expect(notes.count()).resolves.toBe(1);
    await expect(notes.textContent()).resolves.toMatch(/本表没有“.+”等 \d+ 列，评分表第8、9、10、12项的这些内容未检查/);
    const list = page.getByTestId("post-list");
    await expect(list.textContent()).resolves.not.toMatch(/未检查|缺少数据/);

    // Item 3: records and posts named apart, the same way as on 汇总.
    await expect(page.getByText(/表头第 3 行，共 49 条考核记录（\d+ 个示范岗）/).count()).resolves.toBe(1);
    const metas = await page.getByTestId("post-meta").allTextContents();
    expect(metas.length).toBe(49);
    for (const m of metas) expect(m).toMatch(/^(\d{4}年|年度未填) · (初评|复评)/);
    await expect(list.textContent()).resolves.not.toMatch(/— 分|撤销：A\d/);
    // A revocation by trigger shows the trigger, never the "100 分" the deductions alone would give.
    for (const m of await list.locator('li[data-status="revoke"]').getByTestId("post-meta").allTextContents()) expect(m).not.toMatch(/100 分/);
    await expect(list.locator('li[data-status="error"]').first().getByTestId("post-meta").textContent()).resolves.not.toMatch(/分/);
    await expect(list.getByText(/^因负责人受到党内警告处分$/).count()).resolves.toBe(1);
    await expect(list.getByText(/^提示：期满：/).count()).resolves.toBeGreaterThan(0);
    await expect(list.getByText(/^提示：未开展季度测评/).count()).resolves.toBe(1);
    await expectNoSidewaysScroll();
    await shot(`${width}-results`);

    await page.getByRole("searchbox", { name: "按示范岗名称或单位查找" }).fill("报建窗口");
    await page.getByTestId("shown-count").waitFor();
    const titles = await list.locator("li > div:first-child").allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(t).toContain("报建窗口");
    await page.getByTestId("city-filter").selectOption({ label: "岳阳" });
    await expect(page.getByTestId("shown-count").textContent()).resolves.toMatch(/显示 \d+ \/ 49 条考核记录/);
    const cards = await list.locator("li > div:first-child").allTextContents();
    expect(cards.length).toBeGreaterThan(0);
    for (const t of cards) expect(t).toMatch(/报建窗口.*岳阳/);
    await shot(`${width}-results-filtered`);

    // 汇总 counts posts of the year, named as posts; each band's posts listed.
    await page.getByRole("tab", { name: "汇总" }).click();
    await expect(page.getByTestId("summary-line").textContent()).resolves.toMatch(/^2025 年 \d+ 个示范岗（每个示范岗取本年度最后一次考核记录）/);
    await page.getByTestId("status-revoke").waitFor();
    await expect(page.getByTestId("status-revoke").textContent()).resolves.not.toMatch(/[A-Z]\d{1,2}[a-z]?（|第\d+行|（[A-Z]{1,3}\d+|100 分/);
    await expectNoSidewaysScroll();
    await shot(`${width}-reports`, true);
  });

  test("a missing required header is fixed on 列映射, where it comes first; fields grouped and collapsed", async () => {
    await open(width);
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet("台账");
      ws.addRow(["市州", "工作单位", "岗位", "岗位类别", "考核年度", "考核轮次", "一季度满意度(%)", "二季度满意度(%)", "三季度满意度(%)", "四季度满意度(%)"]);
      ws.addRow(["长沙", "长沙市质监站", "报建窗口党员服务示范岗", "服务岗", 2025, "初评", 95, 96, 97, 98]);
      ws.addRow(["岳阳", "岳阳市质监站", "安全监督科党员监督示范岗", "监督岗", 2025, "初评", null, null, null, null]);
    });
    await page.goto(`${server.url}preview.html`);
    await page.getByTestId("file-input").setInputFiles({ name: "外单位台账.xlsx", mimeType: "application/octet-stream", buffer: bytes });
    const error = page.getByText(/工作表「台账」第 1 行像考核台账的表头（识别出 \d+ 列），但缺少必需的列：示范岗名称。请到“列映射”/);
    await error.waitFor({ timeout: 30_000 });
    await expect(page.getByText(/找到：/).count()).resolves.toBe(0);
    await shot(`${width}-missing-header`);

    await page.getByRole("button", { name: "去列映射" }).click();
    const fix = page.getByTestId("mapping-missing");
    await fix.waitFor();
    await expect(fix.locator('[data-testid^="map-field-"]').first().getAttribute("data-testid")).resolves.toBe("map-field-name");
    await expect(fix.getByText("必需，未找到").count()).resolves.toBe(1);
    await shot(`${width}-mapping-missing`);
    await fix.getByRole("combobox").first().selectOption({ label: "C 列 · 岗位" });

    // The sheet is the ledger now: scored, and the mapping shows groups, collapsed, nothing flagged.
    const groups = page.getByTestId("mapping-groups");
    await groups.waitFor({ timeout: 30_000 });
    await expect(page.getByText("必需，未找到").count()).resolves.toBe(0);
    await expect(page.getByText("未映射").count()).resolves.toBe(0);
    const headers = await groups.locator("button[aria-expanded]").allTextContents();
    expect(headers[0]).toMatch(/^基本信息（已识别 \d+\/\d+ 列）/);
    expect(headers.some((h) => h.startsWith("第1项 为民优质服务"))).toBe(true);
    await expect(groups.locator('button[aria-expanded="true"]').count()).resolves.toBe(0);
    await expectNoSidewaysScroll();
    await shot(`${width}-mapping-groups`);

    await page.getByRole("tab", { name: "结果" }).click();
    await expect(page.getByText(/共 2 条考核记录（2 个示范岗）/).count()).resolves.toBe(1);
    await shot(`${width}-mapped-results`);
  });

  test("settings: field messages, cross-field refusal, no 'undefined', unsaved guard, saved confirmation", async () => {
    await open(width);
    await page.goto(`${server.url}preview.html?example`);
    await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });
    await page.getByRole("tab", { name: "设置" }).click();
    const panel = page.getByTestId("settings-panel");
    await panel.waitFor();
    await expect(panel.textContent()).resolves.not.toMatch(/README|criterionPoints|H1a|undefined/);

    // A revoke boundary above its deduct boundary: marked on the field itself, and saving is refused.
    await page.getByLabel("季度满意度：低于此值撤销").fill("95");
    await panel.getByText(/撤销线 95% 不能高于扣分线“季度满意度：低于此值扣分” 90%/).waitFor();
    await page.getByRole("button", { name: "保存设置并重新计分" }).click();
    await page.getByTestId("settings-problem").filter({ hasText: /有 1 处需要修改（见标红的项），未保存/ }).waitFor();
    await page.getByLabel("季度满意度：低于此值撤销").scrollIntoViewIfNeeded();
    await shot(`${width}-settings-refused`);

    // An emptied year is the default, never "undefined".
    await page.getByLabel("季度满意度：低于此值撤销").fill("");
    await page.getByLabel("两年周期的起始年").fill("");
    await page.getByLabel("最终得分低于此分撤销").fill("75");
    await expect(panel.textContent()).resolves.not.toMatch(/undefined|NaN/);

    // Leaving with unsaved edits asks first; staying keeps them.
    await page.getByRole("tab", { name: "结果" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText("设置还没有保存").waitFor();
    await shot(`${width}-settings-unsaved`);
    await dialog.getByRole("button", { name: "返回保存" }).click();
    await expect(page.getByLabel("最终得分低于此分撤销").inputValue()).resolves.toBe("75");

    await page.getByRole("button", { name: "保存设置并重新计分" }).click();
    await page.getByTestId("settings-saved").filter({ hasText: "已保存到本工作簿，结果已按新设置重新计分" }).waitFor();
    await shot(`${width}-settings-saved`);
    await page.getByRole("tab", { name: "结果" }).click();
    await page.getByTestId("count-retain").waitFor();
    await expect(page.getByRole("alertdialog").count()).resolves.toBe(0);

    // Discarding: the edit is gone, the tab switches.
    await page.getByRole("tab", { name: "设置" }).click();
    await page.getByLabel("连续两次低于此分撤销").fill("85");
    await page.getByRole("tab", { name: "汇总" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "放弃修改" }).click();
    await page.getByTestId("summary-line").waitFor();
    await page.getByRole("tab", { name: "设置" }).click();
    await expect(page.getByLabel("连续两次低于此分撤销").inputValue()).resolves.toBe("");
    await expect(page.getByLabel("最终得分低于此分撤销").inputValue()).resolves.toBe("75");
    await expectNoSidewaysScroll();
  });

  test("汇总 of a survey-only workbook lists the posts in each band", async () => {
    await open(width);
    const source = new ExcelJS.Workbook();
    await source.xlsx.readFile(path.join(EXAMPLES, "hunan-survey.xlsx"));
    const bytes = await workbook((wb) => {
      const from = source.getWorksheet("满意度调查")!;
      const ws = wb.addWorksheet("满意度调查");
      from.eachRow({ includeEmpty: true }, (row, n) => {
        ws.getRow(n).values = row.values;
      });
    });
    await page.goto(`${server.url}preview.html`);
    await page.getByTestId("file-input").setInputFiles({ name: "满意度调查.xlsx", mimeType: "application/octet-stream", buffer: bytes });
    await page.getByRole("tab", { name: "汇总" }).waitFor({ timeout: 30_000 });
    await page.getByRole("tab", { name: "汇总" }).click();
    await page.getByTestId("tally-summary").waitFor();
    const bands = page.locator('[data-testid^="band-"]');
    await expect(bands.count()).resolves.toBeGreaterThan(0);
    const text = (await bands.allTextContents()).join("\n");
    expect(text).toMatch(/(扣\d+分|撤销)（\d+）/);
    expect(text).toMatch(/\d{4}年第[一二三四]季度，满意度 \d+\.\d{2}%/);
    await expectNoSidewaysScroll();
    await shot(`${width}-survey-bands`, true);
  });
});
