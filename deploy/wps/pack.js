/**
 * The offline package of the WPS 表格 add-in, after `webpack --env wps`: every file of dist/wps/ (the add-in's
 * folder as WPS keeps it in jsaddons\pioneer-scorecard_<version>\) zipped at the archive's root, as
 * dist/wps/pioneer-scorecard.zip. Prints the package's size.
 */
const fs = require("node:fs");
const path = require("node:path");
const { zipSync } = require("fflate");

const root = path.join(__dirname, "..", "..", "dist", "wps");
const NAME = "pioneer-scorecard.zip";
// Not part of the add-in's folder: the server's list of add-ins and the package itself.
const LEFT_OUT = new Set(["jsplugins.xml", NAME]);

function walk(dir, rel = "") {
  const files = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (LEFT_OUT.has(r)) continue;
    if (entry.isDirectory()) Object.assign(files, walk(path.join(dir, entry.name), r));
    else files[r] = new Uint8Array(fs.readFileSync(path.join(dir, entry.name)));
  }
  return files;
}

if (!fs.existsSync(path.join(root, "ribbon.xml"))) {
  console.error("dist/wps/ribbon.xml 不存在：先运行 webpack --mode production --env wps");
  process.exit(1);
}
const files = walk(root);
// A fixed timestamp: the same build gives the same bytes.
const zip = zipSync(files, { level: 9, mtime: new Date("2026-01-01T00:00:00Z") });
fs.writeFileSync(path.join(root, NAME), zip);
console.log(`dist/wps/${NAME}: ${Object.keys(files).length} files, ${(zip.length / 1024).toFixed(0)} KiB`);
