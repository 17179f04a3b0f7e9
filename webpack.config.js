/**
 * Builds the task pane (taskpane.html, loaded by Excel) and the browser preview (preview.html, no Excel)
 * into dist/web. ExcelJS is only reachable through a dynamic import, so it lands in its own lazily loaded
 * chunk. Production: `ADDIN_URL=https://intranet-host/path/ npm run build:web` also writes manifest.xml
 * with every URL pointing there. Development: `npm start` serves https://localhost:3000.
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { DefinePlugin } = require("webpack");
const { rewriteManifest, withVersion } = require("./scripts/manifestUrls");

const OFFICE_JS = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));
const pkg = require("./package.json");
/** What office.js loads for Excel (see the copy below); everything else of @microsoft/office-js stays behind. */
const OFFICE_JS_FILES = /^(office|o15apptofilemappingtable|es6-promise)\.js$|^excel-(win32-16\.0[01]|mac-16\.00|web-16\.00|ios-16\.00)\.js$|^(zh-cn|en-us)\/office_strings\.js$/;

/**
 * Every emitted chunk runs on package.json's "browserslist" (Chrome/Edge 69/79, Safari 12 and up: old
 * Chromium kernels of domestic browsers and older Mac Excel). Babel runs after ts-loader and over
 * node_modules too (Fluent's tabster ships ES2022 class static blocks), and adds the core-js polyfills that
 * the code actually uses and the targets lack. Not transpiled: core-js itself (polyfills must not polyfill
 * themselves), webpack's runtime helpers, and ExcelJS's browser build (already compiled by its publisher
 * to ES2018; test/webBuild.e2e.ts checks every emitted file either way).
 */
/**
 * Polyfills usage detection would add but that nothing here needs, each for its reason:
 * - iterator helpers (ES2025), Set methods, Map/WeakMap getOrInsert, Uint8Array base64/hex, ArrayBuffer
 *   transfer: detection cannot tell an array's .map or .find from an iterator's; TypeScript's lib (ES2022)
 *   keeps our code from calling them, and our libraries do not either;
 * - typed arrays: only Uint8Array's constructor, subarray and set are used (file bytes), all native in the targets;
 * - URL and URLSearchParams: native in every target; core-js would swap them for a 40 KB spec-exact copy;
 * - JSON.parse source text access, well-formed JSON.stringify, Error cause, setImmediate, DOMException
 *   stacks, Array push/unshift length corner cases: never relied upon;
 * - RegExp exec/flags, String.prototype.replace, trim, Array reduce/reduceRight, Promise.prototype.finally,
 *   Reflect[Symbol.toStringTag]: native in every target, replaced by core-js only for spec corner cases
 *   (sticky-flag quirks, a Chrome 80–83 reduce bug, unhandled-rejection tracking) we never meet — and together
 *   about 15 KB gzipped of the pane's first load.
 * - the iterators of arrays, strings and DOM collections, Array.prototype.includes and its unscopables:
 *   native since Chrome 38–47 / Safari 9–10; core-js swaps them in only for conformance details
 *   (Symbol.unscopables entries, iterator-prototype quirks) nothing here touches.
 * Stable Array.prototype.sort (Chrome < 70), Object.fromEntries (< 73), Promise.allSettled (< 76), findLast,
 * Symbol.prototype.description and queueMicrotask stay.
 */
const POLYFILLS_NOT_NEEDED = [
  /^(es|esnext)\.iterator\./,
  /^(es|esnext)\.set\./,
  /^(es|esnext)\.(weak-)?map\.get-or-insert/,
  /^(es|esnext)\.uint8-array\./,
  /^(es|esnext)\.array-buffer\./,
  /^(es|esnext)\.typed-array\./,
  /^web\.url/,
  /^(es|esnext)\.json\.(parse|stringify)$/,
  /^(es|esnext)\.error\.cause$/,
  /^web\.(immediate|set-immediate|clear-immediate|dom-exception\.stack)$/,
  /^es\.array\.(push|unshift|reduce|reduce-right)$/,
  /^es\.(regexp\.exec|regexp\.flags|string\.replace|string\.trim|promise\.finally|reflect\.to-string-tag)$/,
  /^(es\.array\.iterator|es\.string\.iterator|web\.dom-collections\.iterator|es\.array\.includes|es\.array\.unscopables\.flat-map)$/,
];

const babelOptions = {
  babelrc: false,
  configFile: false,
  browserslistConfigFile: false,
  cacheDirectory: true,
  // The cache key must change with the excludes (regular expressions serialise to {} in JSON).
  cacheIdentifier: `preset-env ${require("@babel/preset-env/package.json").version} ${pkg.browserslist.join()} ${POLYFILLS_NOT_NEEDED.join()}`,
  sourceType: "unambiguous",
  // Safe here and smaller: no code of ours or our libraries relies on document.all or on defineProperty
  // semantics of public class fields.
  assumptions: { noDocumentAll: true, setPublicClassFields: true },
  presets: [
    [
      "@babel/preset-env",
      {
        targets: pkg.browserslist,
        bugfixes: true,
        modules: false,
        useBuiltIns: "usage",
        corejs: pkg.dependencies["core-js"].replace(/^\^/, ""),
        // ES2019 optional catch binding runs on every target, but is compiled too so that each chunk parses as ES2018.
        include: ["transform-optional-catch-binding"],
        exclude: POLYFILLS_NOT_NEEDED,
      },
    ],
  ],
};
// Also skipped: the icon data of @fluentui/react-icons (150 MB of ES2015 modules, of which a handful is used;
// Babel over all of it would double the build time). Its utils/ is transpiled.
const NOT_TRANSPILED = /node_modules[\\/](core-js|webpack|@babel[\\/]runtime|regenerator-runtime|exceljs|@fluentui[\\/]react-icons[\\/]lib[\\/](?!utils)[^\\/]+[\\/])/;

/**
 * Dev certificates in ~/.office-addin-dev-certs. Windows/macOS: office-addin-dev-certs also installs its CA, as
 * usual. Linux: it would call sudo to install the CA (and fail); only generate them there, valid 30 days.
 */
async function httpsOptions() {
  const fs = require("node:fs");
  const devCerts = require("office-addin-dev-certs");
  if (process.platform !== "linux") return devCerts.getHttpsServerOptions();
  const defaults = require("office-addin-dev-certs/lib/defaults");
  const fresh = (file) => fs.existsSync(file) && Date.now() - fs.statSync(file).mtimeMs < 25 * 24 * 3600 * 1000;
  if (![defaults.caCertificatePath, defaults.localhostCertificatePath, defaults.localhostKeyPath].every(fresh)) {
    await devCerts.generateCertificates(defaults.caCertificatePath, defaults.localhostCertificatePath, defaults.localhostKeyPath, 30, ["localhost"]);
  }
  return {
    ca: fs.readFileSync(defaults.caCertificatePath),
    cert: fs.readFileSync(defaults.localhostCertificatePath),
    key: fs.readFileSync(defaults.localhostKeyPath),
  };
}

/** What every pane build serves beside its scripts: icons, the example ledgers, the old-webview notice, the help page. */
const PANE_FILES = [
    { from: "assets/*.png", to: "assets/[name][ext]" },
    { from: "examples/hunan-ledger.xlsx", to: "examples/hunan-ledger.xlsx" },
    { from: "examples/shanghai-units.xlsx", to: "examples/shanghai-units.xlsx" },
    { from: "src/taskpane/oldwebview.js", to: "oldwebview.js" },
    { from: "src/taskpane/help.html", to: "help.html" },
];

/**
 * The WPS 表格 add-in (`npm run build:wps` = `webpack --env wps`, then deploy/wps/pack.js): the same pane and
 * loaders, with the WPS entry (src/taskpane/wps/index.tsx: host detected at start), into dist/wps/ beside the
 * add-in's root files (index.html → main.js, ribbon.xml) and a jsplugins.xml whose URL is ADDIN_URL + "wps/"
 * (the same intranet server as the Excel add-in). No office.js: WPS does not use it.
 */
function wpsConfig(base, production, addinUrl) {
  const wpsUrl = addinUrl ? `${addinUrl.replace(/\/?$/, "/")}wps/` : null;
  const copies = [
    ...PANE_FILES,
    { from: "deploy/wps/index.html", to: "index.html" },
    { from: "deploy/wps/main.js", to: "main.js" },
    { from: "deploy/wps/ribbon.xml", to: "ribbon.xml" },
    {
      from: "deploy/wps/jsplugins.xml",
      to: "jsplugins.xml",
      transform: (content) => {
        let xml = content.toString().replace(/VERSION/g, pkg.version);
        if (wpsUrl) xml = xml.replace(/https:\/\/ADDIN-HOST\/scorecard\/wps\//g, wpsUrl);
        return xml;
      },
    },
  ];
  return {
    ...base,
    entry: { taskpane: "./src/taskpane/wps/index.tsx" },
    output: { ...base.output, path: path.resolve(__dirname, "dist/wps") },
    plugins: [
      new DefinePlugin({ __APP_VERSION__: JSON.stringify(pkg.version) }),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "src/taskpane/pane.html", chunks: ["taskpane"], inject: false, scriptLoading: "defer", title: "示范岗考评助手", officeJs: false, page: "wps" }),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
    ...(production ? {} : { devtool: "cheap-module-source-map" }),
  };
}

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const addinUrl = process.env.ADDIN_URL;
  const copies = [
    ...PANE_FILES,
    // office.js and what it loads for Excel, from our own server (an intranet may not reach Microsoft's CDN):
    // the host files of Excel on Windows (16.01, and 16.00 for older builds), Mac, the web and iPad, the
    // Chinese and English strings, and the table office.js reads outside Office. Not shipped: *.debug.js,
    // other Office apps, Excel 2013 (15.x), Android/WinRT, the custom-functions "-core" files, telemetry/.
    // Already minified by Microsoft: copied as they are (minimized), not through Terser again.
    {
      from: OFFICE_JS,
      to: "office-js",
      info: { minimized: true },
      filter: (file) => OFFICE_JS_FILES.test(path.relative(OFFICE_JS, file).replace(/\\/g, "/")),
    },
  ];
  // The manifest's <Version> always comes from package.json.
  if (!production) {
    copies.push({ from: "manifest.xml", to: "manifest.xml", transform: (content) => withVersion(content.toString(), pkg.version) });
  } else if (addinUrl) {
    copies.push({ from: "manifest.xml", to: "manifest.xml", transform: (content) => withVersion(rewriteManifest(content.toString(), addinUrl), pkg.version) });
  }

  const config = {
    // webpack's own runtime code follows the same targets.
    target: "browserslist",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      preview: "./src/taskpane/preview.tsx",
    },
    output: {
      path: path.resolve(__dirname, "dist/web"),
      filename: "[name].[contenthash:8].js",
      chunkFilename: "[name].[contenthash:8].js",
      publicPath: "auto",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Loaders run last to first: TypeScript to ES2022 modules, then Babel down to the targets.
          use: [
            { loader: "babel-loader", options: babelOptions },
            { loader: "ts-loader", options: { transpileOnly: true, compilerOptions: { module: "esnext", moduleResolution: "bundler", sourceMap: !production } } },
          ],
        },
        {
          test: /\.[cm]?js$/,
          include: /node_modules/,
          exclude: NOT_TRANSPILED,
          use: { loader: "babel-loader", options: babelOptions },
        },
      ],
    },
    devtool: production ? false : "cheap-module-source-map", // no eval: preview.html forbids it (CSP)
    performance: { hints: false },
    // Terser would otherwise print the syntax webpack infers from the targets (ES2020's ?? and ?.): held to ES2017
    // output syntax, it never writes anything newer than what Babel left in.
    optimization: { minimizeOptions: { javascript: { ecma: 2017, compress: { passes: 2 } } }, splitChunks: { chunks: "initial", cacheGroups: { default: false, vendor: { test: /node_modules[\\/](?!exceljs)/, name: "vendor", chunks: (chunk) => chunk.name !== "fileWorker" && chunk.canBeInitial() } } } },
    plugins: [
      // The pane's header shows the version it was built from.
      new DefinePlugin({ __APP_VERSION__: JSON.stringify(pkg.version) }),
      // One page template: the task pane loads office.js; the preview instead forbids everything off this server.
      ...[
        { name: "taskpane", title: "示范岗考评助手", officeJs: true },
        { name: "preview", title: "示范岗考评助手（网页预览）", officeJs: false },
      ].map(
        (p) => new HtmlWebpackPlugin({ filename: `${p.name}.html`, template: "src/taskpane/pane.html", chunks: [p.name], inject: false, scriptLoading: "defer", title: p.title, officeJs: p.officeJs, page: p.name }),
      ),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
  };

  if (env && env.wps) return wpsConfig(config, production, addinUrl);

  if (!production) {
    config.devServer = {
      host: "localhost",
      port: 3000,
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await httpsOptions() },
      static: false,
      open: false,
    };
  }
  return config;
};
