/**
 * The pane's weight and the preview's speed. Needs `npm run build:web` first and /usr/bin/chromium.
 * Prints: initial bundle of taskpane.html and preview.html (raw and gzipped), the lazily loaded ExcelJS
 * chunk, the ECMAScript level of every emitted script, and the time from navigation start to the scored preview of the example (preview.html?example),
 * over 7 page loads in a fresh browser context each.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS, isLoopback, serve, WEB_ROOT } from "../test/e2e/server";
import { emittedScripts, esLevelOf } from "../test/e2e/webFiles";

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

async function sizes(files: string[]): Promise<{ raw: number; gz: number }> {
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const b = await fs.readFile(path.join(WEB_ROOT, f));
    raw += b.length;
    gz += gzipSync(b, { level: 9 }).length;
  }
  return { raw, gz };
}

async function scripts(html: string): Promise<string[]> {
  const text = await fs.readFile(path.join(WEB_ROOT, html), "utf8");
  return [...text.matchAll(/<script[^>]*src="?([^" >]+)"?/g)].map((m) => m[1]!).filter((s) => !s.startsWith("office-js/"));
}

async function main(): Promise<void> {
  for (const html of ["taskpane.html", "preview.html"]) {
    const files = await scripts(html);
    const s = await sizes(files);
    process.stdout.write(`${html} initial scripts (${files.join(", ")}): ${kb(s.raw)} raw, ${kb(s.gz)} gzipped\n`);
  }
  const lazy = (await fs.readdir(WEB_ROOT)).filter((f) => /^xlsx\.[0-9a-f]+\.js$/.test(f));
  const l = await sizes(lazy);
  process.stdout.write(`lazy .xlsx chunk (${lazy.join(", ")}): ${kb(l.raw)} raw, ${kb(l.gz)} gzipped\n`);
  const levels = new Map<string, string[]>();
  for (const f of emittedScripts()) {
    const level = `ES${esLevelOf(await fs.readFile(path.join(WEB_ROOT, f), "utf8"))}`;
    levels.set(level, [...(levels.get(level) ?? []), f]);
  }
  for (const [level, files] of levels) process.stdout.write(`${level}: ${files.join(", ")}\n`);

  const server = await serve();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const times: number[] = [];
  try {
    for (let i = 0; i < 7; i++) {
      const context = await browser.newContext({ viewport: { width: 320, height: 900 } });
      await context.route("**/*", (route) => (isLoopback(route.request().url()) ? route.continue() : route.abort()));
      const page = await context.newPage();
      await page.goto(`${server.url}preview.html?example`);
      await page.getByTestId("count-retain").waitFor({ timeout: 60_000 });
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const sorted = [...times].sort((a, b) => a - b);
  process.stdout.write(
    `preview load → scored preview of the example (7 loads): median ${sorted[3]!.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)} ms, max ${sorted[6]!.toFixed(0)} ms; all: ${times.map((t) => t.toFixed(0)).join(", ")}\n`,
  );
}

void main();
