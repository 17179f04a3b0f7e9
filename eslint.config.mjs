// ESLint flat config: typed TypeScript rules, Office.js rules as errors, and the core kept host-free.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import officeAddins from "eslint-plugin-office-addins";
import globals from "globals";

const hostModules = ["exceljs", "node:*", "fs", "path", "os", "child_process", "react", "react-dom", "@fluentui/*", "../adapters/*", "../../adapters/*", "../cli/*", "../taskpane/*"];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "test-output/", "bench/out/", ".tmp/", "eslint.config.mjs", "jest.config.js", "jest.e2e.config.js"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ["**/*.ts", "**/*.tsx"] })),
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    plugins: { "office-addins": officeAddins },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/consistent-type-definitions": ["error", "type"],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-console": "error",
      "no-irregular-whitespace": ["error", { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    // Office.js rules where Office.js is spoken (their heuristics misfire on ExcelJS code).
    files: ["src/adapters/office/**/*.ts", "src/taskpane/**/*.{ts,tsx}"],
    rules: {
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/call-sync-before-read": "error",
      "office-addins/call-sync-after-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  {
    // WPS's globals (window.Application, window.wps) only in the WPS adapter, as `Excel.` only in the Office one.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/adapters/wps/**"],
    rules: {
      "no-restricted-globals": ["error", "Application", "wps"],
      "no-restricted-properties": [
        "error",
        { object: "window", property: "Application", message: "WPS is reached through src/adapters/wps only." },
        { object: "window", property: "wps", message: "WPS is reached through src/adapters/wps only." },
        { object: "globalThis", property: "Application", message: "WPS is reached through src/adapters/wps only." },
      ],
    },
  },
  {
    // The pure core: no hosts, no I/O, no globals of Node or the browser.
    files: ["src/engine/**", "src/schemes/**", "src/sheets/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: hostModules }],
      "no-restricted-globals": ["error", "process", "Buffer", "require", "window", "document", "Office", "Excel", "Application", "wps", "fetch", "setTimeout"],
    },
  },
  {
    files: ["test/**", "bench/**", "scripts/**"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // The pane: browser globals; Excel only through the adapter; ExcelJS only through the lazy chunk.
    files: ["src/taskpane/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      "no-restricted-globals": ["error", "Excel", "Application", "wps", "process", "Buffer"],
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: ["exceljs", "**/adapters/xlsx/*"], allowTypeImports: true, message: "ExcelJS is loaded lazily: use filePortLoader." }] },
      ],
    },
  },
  {
    files: ["src/taskpane/filePortLoader.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": "off" },
  },
  {
    files: ["bin/*.js", "scripts/*.js", "bench/*.js", "webpack.config.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
  {
    // The WPS add-in's root script (ribbon callbacks), run by WPS's webview as it is: ES5, a script.
    files: ["deploy/wps/main.js"],
    languageOptions: { ecmaVersion: 5, sourceType: "script", globals: { ...globals.browser } },
    rules: { "no-unused-vars": ["error", { varsIgnorePattern: "^ribbon$", caughtErrors: "none" }] },
  },
  {
    files: ["deploy/wps/pack.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
  {
    // Runs in Internet Explorer 11 to say it cannot run the pane: ES5 only.
    files: ["src/taskpane/oldwebview.js"],
    languageOptions: { ecmaVersion: 5, sourceType: "script", globals: { ...globals.browser } },
  },
);
