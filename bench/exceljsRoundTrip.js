// The floor a whole-workbook rewrite cannot beat: a bare ExcelJS read + write of the same file.
"use strict";
const ExcelJS = require("exceljs");
const [input, output] = process.argv.slice(2);
const wb = new ExcelJS.Workbook();
wb.xlsx
  .readFile(input)
  .then(() => wb.xlsx.writeFile(output))
  .catch((e) => {
    process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
    process.exitCode = 1;
  });
