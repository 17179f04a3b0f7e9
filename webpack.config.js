/**
 * Builds the task pane (taskpane.html, loaded by Excel) and the browser preview (preview.html, no Excel)
 * into dist/web. ExcelJS is only reachable through a dynamic import, so it lands in its own lazily loaded
 * chunk. Production: `ADDIN_URL=https://intranet-host/path/ npm run build:web` also writes manifest.xml
 * with every URL pointing there. Development: `npm start` serves https://localhost:3000.
 */
const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { rewriteManifest } = require("./scripts/manifestUrls");

const OFFICE_JS = path.dirname(require.resolve("@microsoft/office-js/dist/office.js"));

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

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const addinUrl = process.env.ADDIN_URL;
  const copies = [
    { from: "assets/*.png", to: "assets/[name][ext]" },
    { from: "examples/hunan-ledger.xlsx", to: "examples/hunan-ledger.xlsx" },
    { from: "examples/shanghai-units.xlsx", to: "examples/shanghai-units.xlsx" },
    { from: "src/taskpane/oldwebview.js", to: "oldwebview.js" },
    { from: "src/taskpane/help.html", to: "help.html" },
    // office.js and what it loads for Excel, from our own server (an intranet may not reach Microsoft's CDN).
    {
      from: OFFICE_JS,
      to: "office-js",
      globOptions: { ignore: ["**/*.debug.js", "**/*.d.ts", "**/office-vsdoc.js"] },
      filter: (file) => {
        const rel = path.relative(OFFICE_JS, file).replace(/\\/g, "/");
        return /^(office|o15apptofilemappingtable|es6-promise)\.js$|^excel-[^/]*\.js$|^(zh-cn|en-us)\//.test(rel);
      },
    },
  ];
  if (!production) {
    copies.push({ from: "manifest.xml", to: "manifest.xml" });
  } else if (addinUrl) {
    copies.push({ from: "manifest.xml", to: "manifest.xml", transform: (content) => rewriteManifest(content.toString(), addinUrl) });
  }

  const config = {
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
          use: {
            loader: "ts-loader",
            options: { transpileOnly: true, compilerOptions: { module: "esnext", moduleResolution: "bundler", sourceMap: !production } },
          },
        },
      ],
    },
    devtool: production ? false : "cheap-module-source-map", // no eval: preview.html forbids it (CSP)
    performance: { hints: false },
    optimization: { splitChunks: { chunks: "initial", cacheGroups: { vendor: { test: /node_modules[\\/](?!exceljs)/, name: "vendor", chunks: "initial" } } } },
    plugins: [
      // One page template: the task pane loads office.js; the preview instead forbids everything off this server.
      ...[
        { name: "taskpane", title: "示范岗考评助手", officeJs: true },
        { name: "preview", title: "示范岗考评助手（网页预览）", officeJs: false },
      ].map(
        (p) => new HtmlWebpackPlugin({ filename: `${p.name}.html`, template: "src/taskpane/pane.html", chunks: [p.name], inject: false, scriptLoading: "defer", title: p.title, officeJs: p.officeJs }),
      ),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
  };

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
