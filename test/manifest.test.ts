/**
 * The add-in manifest: structure a sideload or a catalog would reject, the production URL rewrite, and
 * (where xmllint is on the machine) validation against Microsoft's XSDs in schemas/office/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rewriteManifest, manifestVersion, withVersion } = require("../scripts/manifestUrls") as {
  rewriteManifest: (xml: string, base: string) => string;
  manifestVersion: (version: string) => string;
  withVersion: (xml: string, version: string) => string;
};

const ROOT = path.join(__dirname, "..");
const XSD = path.join(ROOT, "schemas", "office", "OfficeAppManifestV1_1.xsd");
const PROD_URL = "https://dangjian.zjt.example.gov.cn/pioneer-scorecard/";

let xml: string;
beforeAll(async () => {
  xml = await fs.readFile(path.join(ROOT, "manifest.xml"), "utf8");
});

const urls = (text: string) => [...text.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"|<AppDomain>([^<]+)</g)].map((m) => m[1] ?? m[2]!);

function pngSize(buf: Buffer): [number, number] {
  expect(buf.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

test("a task pane add-in for Excel that reads and writes the document, with a GUID id and a 4-part version", () => {
  expect(xml).toMatch(/xsi:type="TaskPaneApp"/);
  expect(xml).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/Id>/);
  expect(xml).toMatch(/<Version>\d+\.\d+\.\d+\.\d+<\/Version>/);
  expect(xml).toMatch(/<Host Name="Workbook"\/>/);
  expect(xml).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
  expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.1"\/>/);
});

test("a Home-tab button 示范岗考评 opens the pane; Chinese by default (zh-CN), English as an override", () => {
  expect(xml).toMatch(/<OfficeTab id="TabHome">/);
  expect(xml).toMatch(/<Action xsi:type="ShowTaskpane">/);
  expect(xml).toMatch(/<DefaultLocale>zh-CN<\/DefaultLocale>/);
  expect(xml).toMatch(/<bt:String id="Button.Label" DefaultValue="示范岗考评">\s*<bt:Override Locale="en-US" Value="[^"]+"\/>/);
  expect(xml).toMatch(/<DisplayName DefaultValue="示范岗考评助手">\s*<Override Locale="en-US" Value="Pioneer Scorecard"\/>/);
  expect(xml).toMatch(/<Description DefaultValue="[^"]*[\u4e00-\u9fff][^"]*">/);
  // Every default string is Chinese.
  for (const m of xml.matchAll(/<bt:String id="[^"]+" DefaultValue="([^"]+)">/g)) expect(m[1]).toMatch(/[\u4e00-\u9fff]/);
  // Every resid used is defined once, and every defined resource is used.
  const used = new Set([...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]!));
  const defined = [...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]!);
  expect(new Set(defined).size).toBe(defined.length);
  expect([...used].sort()).toEqual([...new Set(defined)].sort());
  for (const id of defined) expect(id.length).toBeLessThanOrEqual(32);
});

test("the manifest's version is package.json's (0.2.0 ↔ 0.2.0.0), and the build sets it from there", async () => {
  const pkg = JSON.parse(await fs.readFile(path.join(ROOT, "package.json"), "utf8")) as { version: string };
  expect(xml).toContain(`<Version>${manifestVersion(pkg.version)}</Version>`);
  expect(withVersion(xml, "1.4.2")).toContain("<Version>1.4.2.0</Version>");
  expect(() => manifestVersion("1.0.0-beta.1")).toThrow(/major\.minor\.patch/);
});

test("every URL is https; the icons it names exist at 16, 32 and 80 px", async () => {
  for (const u of urls(xml)) expect(u).toMatch(/^https:\/\//);
  for (const size of [16, 32, 80]) {
    expect(xml).toContain(`assets/icon-${size}.png`);
    expect(pngSize(await fs.readFile(path.join(ROOT, "assets", `icon-${size}.png`)))).toEqual([size, size]);
  }
});

test("the production manifest points everything at the deployment URL and nothing at localhost", () => {
  const prod = rewriteManifest(xml, PROD_URL);
  expect(prod).not.toMatch(/localhost/);
  for (const u of urls(prod)) expect(u.startsWith(PROD_URL) || u === "https://dangjian.zjt.example.gov.cn").toBe(true);
  expect(prod).toContain(`<SourceLocation DefaultValue="${PROD_URL}taskpane.html"/>`);
  expect(prod).toContain("<AppDomain>https://dangjian.zjt.example.gov.cn</AppDomain>");
});

test.each([["http://intranet/pioneer/"], ["https://localhost:8443/"], ["不是网址"]])("ADDIN_URL %j is refused with a reason", (bad) => {
  expect(() => rewriteManifest(xml, bad)).toThrow(/ADDIN_URL/);
});

const xmllint = (() => {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

// The schemas are in the project (schemas/office/); .ci/run installs xmllint.
(existsSync(XSD) && xmllint ? test : test.skip)("the dev and the production manifest validate against the Office add-in XSDs", async () => {
  const tmp = path.join(ROOT, "test-output", "manifest.prod.xml");
  await fs.mkdir(path.dirname(tmp), { recursive: true });
  await fs.writeFile(tmp, rewriteManifest(xml, PROD_URL));
  for (const file of [path.join(ROOT, "manifest.xml"), tmp]) {
    const out = execFileSync("xmllint", ["--noout", "--nonet", "--schema", XSD, file], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(out).toBe("");
  }
});
