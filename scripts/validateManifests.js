#!/usr/bin/env node
/**
 * `npm run validate`: the add-in manifests against the Office XSDs in schemas/office/, offline (xmllint
 * --nonet). Checks manifest.xml and, when a build wrote one, dist/web/manifest.xml. Exit 0 when valid.
 */
const { execFileSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const XSD = path.join(ROOT, "schemas", "office", "OfficeAppManifestV1_1.xsd");

function main() {
  try {
    execFileSync("xmllint", ["--version"], { stdio: "ignore" });
  } catch {
    process.stderr.write("没有找到 xmllint：请安装 libxml2-utils（apt-get install -y libxml2-utils；.ci/run 会自动安装）\n");
    return 1;
  }
  const files = ["manifest.xml", path.join("dist", "web", "manifest.xml")].filter((f) => existsSync(path.join(ROOT, f)));
  let failed = 0;
  for (const f of files) {
    try {
      execFileSync("xmllint", ["--noout", "--nonet", "--schema", XSD, path.join(ROOT, f)], { stdio: ["ignore", "pipe", "pipe"] });
      process.stdout.write(`${f}: 有效（Office 加载项清单 XSD）\n`);
    } catch (e) {
      failed++;
      process.stderr.write(`${f}: 无效\n${String(e.stderr || e.message)}\n`);
    }
  }
  if (!files.includes(path.join("dist", "web", "manifest.xml"))) {
    process.stdout.write("dist/web/manifest.xml 不存在（ADDIN_URL=… npm run build:web 才会生成），只检查了 manifest.xml\n");
  }
  return failed ? 1 : 0;
}

process.exitCode = main();
