#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is compiled to dist/ by `npm ci` (the `prepare` script). run() turns every error
// into a Chinese message and an exit code; this catch is only a last resort, and shows no stack trace
// unless PIONEER_DEBUG=1.
const { run } = require("../dist/cli/main.js");
run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    const debug = process.env.PIONEER_DEBUG === "1";
    const detail = err && err.stack && debug ? err.stack : String((err && err.message) || err).split("\n")[0];
    process.stderr.write(`内部错误：${detail}。这是本工具的缺陷，请把命令和文件发给维护者（设置 PIONEER_DEBUG=1 可看到详细信息）。\n`);
    process.exitCode = 1;
  }
);
