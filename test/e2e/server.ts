/** A static server for dist/web on loopback only, for the end-to-end tests and the preview benchmark. */
import { promises as fs } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8",
};

export const WEB_ROOT = path.join(__dirname, "..", "..", "dist", "web");

export async function serve(root = WEB_ROOT, index = "preview.html"): Promise<{ url: string; close(): Promise<void> }> {
  await fs.access(path.join(root, index)).catch(() => {
    throw new Error(`没有找到 ${root}/${index}：先运行 ${index === "preview.html" ? "npm run build:web" : "npm run build:wps"}`);
  });
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname).replace(/^\/+/, "");
    const file = path.resolve(root, rel || index);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file).then(
      (body) => res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(body),
      () => res.writeHead(404).end("not found"),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Loopback addresses are the only ones a test page may reach. */
export function isLoopback(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === "data:" || u.protocol === "blob:") return true;
    return ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname);
  } catch {
    return false;
  }
}

/**
 * A new context and page that reach only this machine (tests block non-loopback traffic): every other request is
 * aborted and its address pushed to `blocked`; every address asked for goes to `requested` when given; uncaught page
 * errors go to `pageErrors`. The arrays are the caller's, so a test asserts on them after the page has done its work.
 */
export async function loopbackPage(browser: Browser, options: BrowserContextOptions, log: { blocked: string[]; pageErrors: string[]; requested?: string[] }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    log.requested?.push(url);
    if (isLoopback(url)) await route.continue();
    else {
      log.blocked.push(url);
      await route.abort("blockedbyclient");
    }
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => log.pageErrors.push(e.message));
  return { context, page };
}
