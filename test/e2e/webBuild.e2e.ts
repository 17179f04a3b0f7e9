/**
 * The production web build (npm run build:web, which test:e2e runs first): every emitted script parses at
 * the ECMAScript level all browserslist targets run, and the pane's initial scripts stay within budget.
 *
 * ES2018, not higher: Chrome 69 / Edge 79 / Safari 12 / Firefox 78 all run ES2018 syntax (object rest/spread,
 * async iteration, the regular-expression s flag, named groups, \p{…}) except regular-expression lookbehind,
 * which Safari gained only in 16.4 — so lookbehind is refused on top. Not ES2019 or later: optional catch
 * binding would run, but ?? and ?. (Chrome 80, Safari 13.1), class fields (Chrome 72, Safari 14) and
 * static blocks (Chrome 94, Safari 16.4) would not, and Babel compiles all of them.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { WEB_ROOT } from "./server";
import { emittedScripts, esProblem, ES_LEVEL, INITIAL_GZ_BUDGET, initialScripts, sizes } from "./webFiles";

const scripts = emittedScripts();

test("the build emitted the pane, the preview, the lazily loaded chunks and office.js", () => {
  expect(scripts.some((f) => /^taskpane\.[0-9a-f]+\.js$/.test(f))).toBe(true);
  expect(scripts.some((f) => /^preview\.[0-9a-f]+\.js$/.test(f))).toBe(true);
  expect(scripts.some((f) => /^xlsx\.[0-9a-f]+\.js$/.test(f))).toBe(true);
  expect(scripts).toContain("office-js/office.js");
});

test.each(scripts)(`%s parses as ES${ES_LEVEL} and has no regular-expression lookbehind`, (file) => {
  expect(esProblem(readFileSync(path.join(WEB_ROOT, file), "utf8"), ES_LEVEL)).toBeNull();
});

test("the check would catch what the targets cannot run", () => {
  expect(esProblem("class A { static { this.x = 1; } }", ES_LEVEL)).toMatch(/Unexpected/);
  expect(esProblem("a?.b ?? c", ES_LEVEL)).toMatch(/Unexpected/);
  expect(esProblem('var r = /(?<=a)b/; var s = new RegExp("(?<!a)b");', ES_LEVEL)).toMatch(/lookbehind.*\(\?<=a\)b.*\(\?<!a\)b/);
  expect(esProblem("var { a, ...rest } = o; var r = /(?<y>a)./s;", ES_LEVEL)).toBeNull();
});

test.each(["taskpane.html", "preview.html"])(`%s: initial scripts within ${INITIAL_GZ_BUDGET / 1024} KiB gzipped`, (html) => {
  const files = initialScripts(html);
  expect(files).toContain("oldwebview.js");
  expect(sizes(files).gz).toBeLessThanOrEqual(INITIAL_GZ_BUDGET);
});

test("office.js ships only what it loads for Excel: no debug builds, no other Office apps", () => {
  const office = scripts.filter((f) => f.startsWith("office-js/"));
  expect(office.filter((f) => /\.debug\.js$|word-|powerpoint-|outlook|onenote|access-|visio-|project-|-core\.js$/.test(f))).toEqual([]);
  expect(office).toEqual(
    expect.arrayContaining(["office-js/office.js", "office-js/excel-win32-16.01.js", "office-js/excel-mac-16.00.js", "office-js/excel-web-16.00.js", "office-js/zh-cn/office_strings.js"]),
  );
  expect(sizes(office).raw).toBeLessThan(6 * 1024 * 1024);
});

const prodManifest = path.join(WEB_ROOT, "manifest.xml");
(existsSync(prodManifest) ? test : test.skip)("the built manifest carries package.json's version", () => {
  const pkg = JSON.parse(readFileSync(path.join(WEB_ROOT, "..", "..", "package.json"), "utf8")) as { version: string };
  expect(readFileSync(prodManifest, "utf8")).toContain(`<Version>${pkg.version}.0</Version>`);
});
