/**
 * `--help` and `--version` start fast because the CLI entry loads nothing heavy up front: the engine, the
 * schemes and the .xlsx adapter (ExcelJS) are imported inside the commands. (bench/cliStartup.ts measures it.)
 */
import { hunan } from "../../src/schemes/hunan";
import { shanghai } from "../../src/schemes/shanghai";

test("loading the CLI entry and printing --help loads neither ExcelJS nor the engine", async () => {
  const loaded: string[] = [];
  jest.doMock("exceljs", () => {
    loaded.push("exceljs");
    return {};
  });
  jest.doMock("../../src/engine/scoreWorkbook", () => {
    loaded.push("engine");
    return {};
  });
  let out = "";
  await jest.isolateModulesAsync(async () => {
    const { run } = await import("../../src/cli/main");
    expect(await run(["--help"], { out: (s) => (out += s), err: () => undefined })).toBe(0);
    expect(await run(["--version"], { out: (s) => (out += s), err: () => undefined })).toBe(0);
  });
  expect(out).toContain("--force");
  expect(loaded).toEqual([]);
  jest.dontMock("exceljs");
  jest.dontMock("../../src/engine/scoreWorkbook");
});

test("the defaults quoted in --help are the schemes' defaults", async () => {
  const { HELP, HELP_DEFAULTS } = await import("../../src/cli/main");
  expect(HELP_DEFAULTS).toEqual({ cycleStartYear: hunan.defaults.cycleStartYear, passMark: shanghai.defaults.passMark });
  expect(HELP).toContain(`否则 ${hunan.defaults.cycleStartYear}`);
});
