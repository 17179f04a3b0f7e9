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

module.exports = async (env, argv) => {
  const production = argv.mode === "production";
  const addinUrl = process.env.ADDIN_URL;
  const copies = [
    { from: "assets/*.png", to: "assets/[name][ext]" },
    { from: "examples/hunan-ledger.xlsx", to: "examples/hunan-ledger.xlsx" },
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
    devtool: production ? false : "eval-cheap-module-source-map",
    performance: { hints: false },
    optimization: { splitChunks: { chunks: "initial", cacheGroups: { vendor: { test: /node_modules[\\/](?!exceljs)/, name: "vendor", chunks: "initial" } } } },
    plugins: [
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "src/taskpane/taskpane.html", chunks: ["taskpane"], inject: false, scriptLoading: "defer" }),
      new HtmlWebpackPlugin({ filename: "preview.html", template: "src/taskpane/preview.html", chunks: ["preview"], inject: false, scriptLoading: "defer" }),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
  };

  if (!production) {
    // Dev certificates in ~/.office-addin-dev-certs; on Linux they are generated without sudo
    // (OFFICE_ADDIN_DEV_CERTS_NO_INSTALL=1, set by scripts/start.js).
    const devCerts = require("office-addin-dev-certs");
    config.devServer = {
      host: "localhost",
      port: 3000,
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await devCerts.getHttpsServerOptions() },
      static: false,
      open: false,
    };
  }
  return config;
};
