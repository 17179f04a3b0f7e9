/**
 * Every part a command changes or adds parses with a namespace-aware XML parser (see xmlCheck.ts), for every
 * workbook written by another program: the lossless fixtures (openpyxl, LibreOffice, SheetJS, by hand) and
 * test/fixtures/foreign (openpyxl, LibreOffice and OpenXML SDK style `x:`-prefixed parts; see its README).
 * openpyxl declares `xmlns:r` on each `<sheet>`, not on `<workbook>`: a `<sheet … r:id>` we append must not
 * lean on a declaration that is not in scope where it sits.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { FilePort } from "../../src/adapters/xlsx/filePort";
import { scoreUnitWorkbook, scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { detectScheme } from "../../src/engine/schemes";
import { hunan } from "../../src/schemes/hunan";
import { shanghai } from "../../src/schemes/shanghai";
import type { ReportLayout } from "../../src/sheets/report";
import { schemePicker } from "../../src/sheets/port";
import { cli, tempDirEach } from "./cliHarness";
import { badParts, xmlProblem } from "./xmlCheck";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const LOSSLESS = ["openpyxl-rich.xlsx", "openpyxl-far.xlsx", "openpyxl-1904-table.xlsx", "lo-rich.xlsx", "lo-1904-table.xlsx", "sheetjs-1904-inline.xlsx", "handmade-absolute-rich.xlsx"].map((f) => `lossless/${f}`);
const FOREIGN = ["openpyxl-survey-chart.xlsx", "openpyxl-notes-right.xlsx", "openpyxl-shanghai.xlsx", "lo-survey.xlsx", "lo-shanghai.xlsx", "sdk-prefixed-x.xlsx"].map((f) => `foreign/${f}`);
const ALL = [...LOSSLESS, ...FOREIGN];
const SURVEYS = ["foreign/openpyxl-survey-chart.xlsx", "foreign/lo-survey.xlsx"];
const UNITS = ["foreign/openpyxl-shanghai.xlsx", "foreign/lo-shanghai.xlsx"];
const LEDGERS = ALL.filter((f) => !UNITS.includes(f));

const tmp = tempDirEach("pioneer-ns-");

async function copyIn(fixture: string): Promise<string> {
  const to = path.join(tmp.path, path.basename(fixture));
  await fs.copyFile(path.join(FIXTURES, fixture), to);
  return to;
}

const read = async (file: string) => new Uint8Array(await fs.readFile(file));

/** Runs a command writing `out` from `input`; returns what a strict parser says of each changed part. */
async function check(before: Uint8Array | null, out: string, r: { code: number; out: string; err: string }) {
  expect([0, 3]).toContain(r.code);
  expect(r.err).toBe("");
  const result = await badParts(before, await read(out));
  expect(result.checked.length).toBeGreaterThan(0);
  expect(result.bad).toEqual({});
  return result;
}

describe("the checker", () => {
  test.each([
    ["an unbound prefix (r:id with xmlns:r only on a sibling)", '<workbook xmlns="m"><sheets><sheet xmlns:r="R" r:id="a"/><sheet r:id="b"/></sheets></workbook>'],
    ["an unprefixed element under a prefixed root with no default namespace", '<x:workbook xmlns:x="m"><x:sheets><sheet name="a"/></x:sheets></x:workbook>'],
    ["a malformed tag", '<workbook xmlns="m"><sheets></workbook>'],
  ])("refuses %s", (_name, xml) => {
    expect(xmlProblem(xml)).not.toBeNull();
  });

  test("accepts xmlns:r declared on the element itself", () => {
    expect(xmlProblem('<workbook xmlns="m"><sheets><sheet xmlns:r="R" r:id="a"/></sheets></workbook>')).toBeNull();
  });
});

describe.each(ALL)("%s", (fixture) => {
  test("score -o: every changed part parses with namespaces", async () => {
    const input = await copyIn(fixture);
    const out = path.join(tmp.path, "out.xlsx");
    await check(await read(input), out, await cli("score", input, "-o", out));
  });

  test("score --in-place: every changed part parses with namespaces", async () => {
    const input = await copyIn(fixture);
    const before = await read(input);
    await check(before, input, await cli("score", input, "--in-place"));
  });

  test("the file port (the preview): write, undo, a generated sheet — every changed part parses", async () => {
    const bytes = await read(path.join(FIXTURES, fixture));
    const port = await FilePort.open(bytes, path.basename(fixture));
    const units = UNITS.includes(fixture);
    const got = await port.read(schemePicker(hunan));
    expect(detectScheme(got.grids)).toBe(units ? "shanghai" : "hunan");
    const writes = units ? scoreUnitWorkbook(got.grids, shanghai).writes : scoreWorkbook(got.grids, hunan).writes;
    await port.write(writes);
    const written = await port.toBytes();
    expect((await badParts(bytes, written)).bad).toEqual({});
    expect(await port.undo()).toBe(true);
    expect((await badParts(bytes, await port.toBytes())).bad).toEqual({});
    const layout: ReportLayout = {
      name: "满意度汇总",
      values: [["满意度汇总"], ["由示范岗考评助手生成"], ["示范岗名称", "满意度"], ["报建窗口", 0.95]],
      widths: [20, 10],
      merges: ["A1:B1"],
      styles: [{ range: "A3:B3", bold: true }],
      formats: [{ range: "B4", format: "0.0%" }],
      freezeRows: 3,
      printTitleRows: "3:3",
      charts: [],
    };
    await port.addReport(layout);
    const result = await badParts(bytes, await port.toBytes());
    expect(result.checked).toEqual(expect.arrayContaining(["[Content_Types].xml"]));
    expect(result.bad).toEqual({});
  });
});

describe.each(SURVEYS)("%s", (fixture) => {
  test.each([[[]], [["--fill-ledger"]]])("survey %j: every changed part parses with namespaces", async (extra: string[]) => {
    const input = await copyIn(fixture);
    const out = path.join(tmp.path, "out.xlsx");
    await check(await read(input), out, await cli("survey", input, "-o", out, ...extra));
  });
});

describe.each(UNITS)("%s", (fixture) => {
  test("plan: every changed part parses with namespaces", async () => {
    const input = await copyIn(fixture);
    const out = path.join(tmp.path, "out.xlsx");
    await check(await read(input), out, await cli("plan", input, "-o", out));
  });
});

describe.each(LEDGERS)("%s", (fixture) => {
  test("summary of the scored copy: every part of the new workbook parses with namespaces", async () => {
    const input = await copyIn(fixture);
    const scored = path.join(tmp.path, "scored.xlsx");
    expect([0, 3]).toContain((await cli("score", input, "-o", scored)).code);
    const out = path.join(tmp.path, "summary.xlsx");
    await check(null, out, await cli("summary", scored, "-o", out));
  });
});
