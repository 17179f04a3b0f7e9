// Preloaded into a benchmarked child (node -r): reports the process's peak RSS (kB) on fd 3 at exit.
"use strict";
const fs = require("node:fs");
process.on("exit", () => {
  try {
    fs.writeSync(3, `maxrss ${process.resourceUsage().maxRSS}\n`);
  } catch {
    // fd 3 is not open: run outside the bench.
  }
});
