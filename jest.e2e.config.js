/** End-to-end tests: the built preview (npm run build:web) in Debian's Chromium. Otherwise as jest.config.js. */
const base = require("./jest.config");

/** @type {import('jest').Config} */
module.exports = { ...base, roots: ["<rootDir>/test/e2e"], testMatch: ["**/*.e2e.ts"], testTimeout: 120000 };
