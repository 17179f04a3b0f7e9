/**
 * The 名册 tab end to end in Chromium against the built preview: open examples/hunan-register.xlsx, set the date
 * to 2026-01-20 (never the real clock), check the 本年度工作 view and the register, open an item (the preview
 * scrolls to and highlights its card), add the 示范岗名册 sheet; screenshots at 350 and 1280 px.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, loopbackPage, serve } from "./server";

const OUT = path.join(__dirname, "..", "..", "test-output", "e2e");
const EXAMPLE = path.join(__dirname, "..", "..", "examples", "hunan-register.xlsx");

let browser: Browser;
let server: { url: string; close(): Promise<void> };
let context: BrowserContext;
let page: Page;
const blocked: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  await fs.mkdir(OUT, { recursive: true });
  await fs.access(CHROMIUM).catch(() => {
    throw new Error(`没有找到 Chromium（${CHROMIUM}）：apt-get install -y chromium fonts-wqy-microhei`);
  });
  server = await serve();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openAt(width: number): Promise<void> {
  blocked.length = 0;
  pageErrors.length = 0;
  ({ context, page } = await loopbackPage(browser, { viewport: { width, height: 900 }, locale: "zh-CN" }, { blocked, pageErrors }));
  await page.goto(`${server.url}preview.html`);
  await page.getByTestId("file-input").setInputFiles({ name: "hunan-register.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await fs.readFile(EXAMPLE) });
  await page.getByTestId("count-retain").waitFor({ timeout: 30_000 });
  // The 推荐名单 is not a ledger: the results are the example's 49 rows.
  await expect(page.getByText(/「考核台账」表头第 \d+ 行，共 49 条考核记录/).count()).resolves.toBe(1);
  await page.getByRole("tab", { name: "名册" }).click();
  await page.getByTestId("as-of").waitFor({ timeout: 30_000 });
  await page.getByTestId("as-of").fill("2026-01-20");
  await page.getByTestId("month-work").getByText("2026 年 1 月待办").waitFor();
}

afterEach(async () => {
  await context?.close();
});

const shot = (name: string) => page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: false, animations: "disabled" });

test.each([350, 1280])("the 本年度工作 view and the register at %i px", async (width) => {
  await openAt(width);
  const counts = page.getByTestId("register-counts");
  await expect(counts.textContent()).resolves.toBe("有效 19整改待复评 8已撤销 14期满 1");
  const items = page.locator('[data-testid="month-work"] li');
  await expect(items.count()).resolves.toBe(24);
  await expect(page.locator('[data-testid="month-work"] li[data-overdue="true"]').count()).resolves.toBe(10);
  await expect(page.locator('[data-testid="month-work"] li[data-kind="report"]').count()).resolves.toBe(16);
  await expect(page.locator('[data-testid="register-list"] > li').count()).resolves.toBe(42);
  await expect(page.locator('[data-testid="register-list"] > li[data-state="revoked"]').count()).resolves.toBe(14);
  await expect(page.getByTestId("screening").textContent()).resolves.toContain("符合条件 5，不符合条件 6，待确认 7");
  await shot(`register-${width}-01-month`);

  // An item opens its post: in the preview its card is scrolled to and highlighted.
  const item = items.filter({ hasText: "常德 安全监督科党员监督示范岗" }).first();
  await item.getByRole("button").click();
  const card = page.locator('[data-testid="register-list"] > li[data-highlighted="true"]');
  await expect(card.count()).resolves.toBe(1);
  await expect(card.textContent()).resolves.toContain("安全监督科党员监督示范岗");
  await expect(card.textContent()).resolves.toContain("常德");
  await expect(card.isVisible()).resolves.toBe(true);
  await shot(`register-${width}-02-card`);

  // Another month, another list: July has the 上半年 reports.
  await page.getByTestId("as-of").fill("2026-07-10");
  await page.getByTestId("month-work").getByText("2026 年 7 月待办").waitFor();
  await expect(page.locator('[data-testid="month-work"] li[data-kind="report"]').count()).resolves.toBeGreaterThan(0);
  await page.getByTestId("as-of").fill("2026-01-20");
  await page.getByTestId("month-work").getByText("2026 年 1 月待办").waitFor();

  await page.getByRole("button", { name: "生成名册工作表" }).click();
  await page.getByTestId("notice").filter({ hasText: "已生成工作表「示范岗名册」" }).waitFor({ timeout: 30_000 });
  await page.getByTestId("register-list").scrollIntoViewIfNeeded();
  await shot(`register-${width}-03-list`);

  expect(pageErrors).toEqual([]);
  expect(blocked).toEqual([]);
});
