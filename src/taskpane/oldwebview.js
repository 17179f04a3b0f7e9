/* ES5 on purpose: runs before the pane's bundle, in whatever engine opened the page (Internet Explorer 11 or
   legacy Edge webviews of Office 2016/2019 on Windows, an old Safari in older Mac Excel, a domestic browser on
   an old Chromium kernel), and puts a Chinese explanation where the pane would be.
   Detection is by feature, never by user agent: the bundle is compiled for package.json's browserslist
   (Chrome 69, Edge 79, Safari 12, Firefox 78), and each check below is something those engines have and the
   engines before them lack. Array.prototype.flat arrived in exactly Chrome 69 / Safari 12 / Firefox 62 /
   Edge 79; RegExp named groups and the s flag (compiled from a string: no eval, so the preview's CSP allows it)
   in Chrome 64 / Safari 11.1 / Firefox 78; Promise.prototype.finally and Symbol.asyncIterator with ES2018. */
/* global Promise, Symbol -- tested for before use: absent in the engines this script exists for */
(function () {
  var modern = false;
  try {
    modern =
      typeof Promise === "function" &&
      typeof Promise.prototype.finally === "function" &&
      typeof Symbol === "function" &&
      typeof Symbol.asyncIterator === "symbol" &&
      typeof Array.prototype.flat === "function" &&
      typeof Object.entries === "function" &&
      new RegExp("(?<y>a).", "s").exec("a\n").groups.y === "a";
  } catch (e) { // eslint-disable-line no-unused-vars -- ES5 needs the binding
    modern = false;
  }
  if (modern) return;
  var root = document.getElementById("root");
  if (!root) return;
  // An engine that parses the bundle after all (a polyfilled one) then finds no root to mount over this notice.
  root.id = "unsupported";
  var preview = document.body.getAttribute("data-page") === "preview";
  var need = "Chrome 69、Edge 79、Safari 12、Firefox 78 或更高版本的网页内核";
  var body = preview
    ? "<p>本网页需要 " + need + "。请用新版 Chrome 或 Edge 打开；360、QQ、搜狗等浏览器请切换到“极速模式”并升级到最新版本。</p>" +
      "<p>也可以使用命令行工具 pioneer-scorecard 处理 .xlsx 文件。</p>"
    : "<p>此 Office（或浏览器）用来显示加载项的网页内核过旧（例如 Internet Explorer、旧版 Edge 或旧版 Safari），示范岗考评助手需要 " + need +
      "：Microsoft 365、Excel 2021 及以上（Windows 10/11）、较新的 Mac 版 Excel 或网页版 Excel 满足要求。</p>" +
      "<p>也可以：在新版 Chrome 或 Edge 中打开本加载项的网页预览（preview.html）处理 .xlsx 文件，或使用命令行工具 pioneer-scorecard。</p>";
  root.innerHTML =
    '<div role="alert" style="padding:12px;line-height:1.6">' +
    '<h1 style="font-size:16px">' + (preview ? "此浏览器版本过旧，无法运行示范岗考评助手" : "无法在此版本的 Office 中运行") + "</h1>" +
    body +
    "</div>";
})();
