/* ES5 on purpose: runs in Internet Explorer 11 / legacy Edge webviews (Office 2016/2019 on Windows), where
   the pane's bundle cannot run, and puts a Chinese explanation in its place. */
(function () {
  var modern = false;
  try {
    modern =
      typeof Promise !== "undefined" &&
      typeof Symbol !== "undefined" &&
      typeof window.fetch === "function" &&
      typeof Object.fromEntries === "function" &&
      !document.documentMode &&
      !/Edge\/\d/.test(navigator.userAgent);
  } catch (e) { // eslint-disable-line no-unused-vars -- ES5 needs the binding
    modern = false;
  }
  if (modern) return;
  var root = document.getElementById("root");
  if (!root) return;
  root.innerHTML =
    '<div role="alert" style="padding:12px;line-height:1.6">' +
    "<h1 style=\"font-size:16px\">无法在此版本的 Office 中运行</h1>" +
    "<p>此 Office 使用的网页内核过旧（Internet Explorer 或旧版 Edge），示范岗考评助手需要 Microsoft 365、Excel 2021 或更高版本、Mac 版或网页版 Excel。</p>" +
    "<p>也可以：在 Chrome 或新版 Edge 浏览器中打开本加载项的网页预览（preview.html）处理 .xlsx 文件，或使用命令行工具 pioneer-scorecard。</p>" +
    "</div>";
})();
