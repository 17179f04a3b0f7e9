/**
 * `npm start`. On Windows and macOS: sideload into Excel as Office add-in projects do (office-addin-debugging
 * starts the dev server and opens Excel with manifest.xml). On Linux (no desktop Excel): serve the pane on
 * https://localhost:3000 — open https://localhost:3000/preview.html in a browser, or sideload manifest.xml
 * into Excel on the web. Certificates are generated without sudo on Linux (webpack.config.js).
 */
const { spawn } = require("node:child_process");

function run(cmd, args, env = {}) {
  const child = spawn(cmd, args, { stdio: "inherit", shell: process.platform === "win32", env: { ...process.env, ...env } });
  child.on("exit", (code) => process.exit(code ?? 1));
}

if (process.platform === "win32" || process.platform === "darwin") {
  run("npx", ["office-addin-debugging", "start", "manifest.xml", "desktop", "--app", "excel"]);
} else {
  process.stdout.write(
    "Linux 上没有桌面版 Excel：任务窗格服务于 https://localhost:3000\n" +
      "  · 浏览器预览：https://localhost:3000/preview.html\n" +
      "  · Excel 网页版：插入 → 加载项 → 上传我的加载项 → 选择 manifest.xml\n",
  );
  run("npx", ["webpack", "serve", "--mode", "development"]);
}
