/**
 * The register's sheets over both adapters (the Office.js double and the .xlsx file port): 示范岗名册 and
 * 评选资格审查 are added, replaced on a rerun, never read back as a ledger, 推荐名单 or 报送情况, and the 推荐名单 is
 * never scored as a ledger. Office.js: 2 syncs, A4 landscape, the header frozen and printed on every page.
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { ExcelPort } from "../../src/adapters/office/excelPort";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { buildRegister } from "../../src/engine/register";
import { REGISTER_SHEET, registerLayout, SCREENING_SHEET, screeningLayout } from "../../src/engine/registerLayouts";
import { screenCandidates } from "../../src/engine/screening";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import type { SheetGrid } from "../../src/sheets/grid";
import { schemePicker } from "../../src/sheets/port";
import { readCandidates, readSubmissions } from "../../src/sheets/registerSheets";
import { REPORT_MARK } from "../../src/sheets/report";
import { fakeFromGrids, harnesses, statusLabels } from "./portHarness";

const EXAMPLE = path.join(__dirname, "..", "..", "examples", "hunan-register.xlsx");
const AS_OF = "2026-01-20";
const exampleGrids = async (): Promise<SheetGrid[]> => (await XlsxWorkbook.open(new Uint8Array(await fs.readFile(EXAMPLE)))).readSheets();

function layouts(grids: readonly SheetGrid[]) {
  const scored = scoreWorkbook(grids, hunan);
  const subs = readSubmissions(grids);
  const reg = buildRegister(scored, { asOf: AS_OF, submissions: subs.submissions });
  const screening = screenCandidates(readCandidates(grids).candidates, reg);
  return { scored, reg, screening, register: registerLayout(reg, "x.xlsx"), screen: screeningLayout(screening, "x.xlsx") };
}

describe.each(harnesses)("$name", (h) => {
  test("the port reads the 推荐名单 and 报送情况 in full; the 推荐名单 is not scored as a ledger", async () => {
    const book = await h.open(await exampleGrids());
    const read = await book.port.read(schemePicker(hunan));
    const { scored, reg, screening } = layouts(read.grids);
    expect(scored.ledgers.map((l) => l.sheet)).toEqual(["考核台账"]);
    expect(reg.posts).toHaveLength(42);
    expect(reg.counts).toEqual({ active: 19, "rectify-pending": 8, revoked: 14, expired: 1 });
    expect(reg.reports).toMatchObject({ recorded: true, submitted: 54, late: 1, due: 14, overdue: 2 });
    expect(screening.counts).toEqual({ eligible: 5, ineligible: 6, confirm: 7 });
  });

  test("示范岗名册 and 评选资格审查 are added, replaced on a rerun, and never read back as input", async () => {
    const book = await h.open(await exampleGrids());
    const read = await book.port.read(schemePicker(hunan));
    const { register, screen } = layouts(read.grids);
    expect(await book.port.addReport(register)).toBe(REGISTER_SHEET);
    expect(await book.port.addReport(screen)).toBe(SCREENING_SHEET);
    const sheet = book.values(REGISTER_SHEET);
    expect(sheet[0]![0]).toBe("党员示范岗名册");
    expect(String(sheet[1]![0])).toMatch(new RegExp(`^${REPORT_MARK}`));
    expect(sheet[2]!.slice(0, 4)).toEqual(["序号", "市州", "工作单位", "示范岗名称"]);
    expect(sheet[2]).toContain("当前状态");
    expect(sheet).toHaveLength(register.values.length);
    const scr = book.values(SCREENING_SHEET);
    expect(scr[2]).toEqual(expect.arrayContaining(["审查结论", "依据条款", "说明"]));
    expect(scr.slice(3, 21).map((r) => r[8])).toEqual(screen.values.slice(3, 21).map((r) => r[8]));
    const names = book.sheetNames();
    // Read again: the generated sheets are output — the register and the screening come out the same.
    const again = layouts((await book.port.read(schemePicker(hunan))).grids);
    expect([again.reg.posts.length, again.reg.reports.submitted, again.screening.candidates.length]).toEqual([42, 54, 18]);
    expect(await book.port.addReport(again.register)).toBe(REGISTER_SHEET);
    expect([...book.sheetNames()].sort()).toEqual([...names].sort()); // replaced, not added (Excel re-adds it at the end)
  });
});

test("Office.js: the 名册 is 2 syncs, A4 landscape, its header frozen and printed on every page", async () => {
  const fake = fakeFromGrids(await exampleGrids());
  const port = new ExcelPort(fake.host(), { statusLabels });
  const { register, screen } = layouts((await port.read(schemePicker(hunan))).grids);
  fake.resetCounts();
  await port.addReport(register);
  expect(fake.syncs).toBe(2);
  const ws = fake.sheet(REGISTER_SHEET);
  expect(ws.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4", printTitleRows: "$3:$3" });
  expect(ws.frozenRows).toBe(3);
  fake.resetCounts();
  await port.addReport(screen);
  expect(fake.syncs).toBe(2);
  expect(fake.sheet(SCREENING_SHEET).pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4" });
});
