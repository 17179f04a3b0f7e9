/**
 * Draws the add-in's icons (assets/icon-16/32/80.png) from one SVG, rasterised by headless Chromium so the
 * Chinese glyph uses the installed CJK font. Run: npx tsx scripts/makeIcons.ts (needs /usr/bin/chromium).
 */
import path from "node:path";
import { chromium } from "playwright-core";

function svg(size: number): string {
  // A red badge with a gold star (the Party-member post) over a white tick-sheet (the scorecard).
  const glyph = size >= 32;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 80 80">
  <rect x="2" y="2" width="76" height="76" rx="14" fill="#C8102E"/>
  <rect x="14" y="${glyph ? 34 : 40}" width="52" height="${glyph ? 36 : 30}" rx="5" fill="#FFFFFF"/>
  <polygon fill="#FFD200" points="40,6 46.5,22 63,22 49.5,32 54.5,48 40,38.5 25.5,48 30.5,32 17,22 33.5,22" transform="${glyph ? "translate(0,-2) scale(1)" : "translate(8,0) scale(0.8)"}"/>
  ${glyph ? `<text x="40" y="64" font-family="WenQuanYi Micro Hei, Microsoft YaHei, sans-serif" font-size="28" font-weight="700" text-anchor="middle" fill="#C8102E">评</text>` : `<rect x="22" y="50" width="36" height="5" fill="#C8102E"/><rect x="22" y="60" width="24" height="5" fill="#C8102E"/>`}
</svg>`;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage();
    for (const size of [16, 32, 80]) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg(size)}</body></html>`);
      const out = path.join(__dirname, "..", "assets", `icon-${size}.png`);
      await page.screenshot({ path: out, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      process.stdout.write(`${out}\n`);
    }
  } finally {
    await browser.close();
  }
}

void main();
