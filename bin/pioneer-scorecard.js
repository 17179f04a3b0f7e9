#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script).
const { run } = require("../dist/cli/main.js");
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`内部错误：${err && err.stack ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  }
);
