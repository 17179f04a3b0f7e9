/**
 * The workbook port's contract, run over both adapters: what the pane relies on, whichever host it is in.
 */
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import type { CellValue, SheetGrid, SheetWrite } from "../../src/sheets/grid";
import { schemePicker, type WorkbookPort } from "../../src/sheets/port";
import { templateSpec } from "../../src/sheets/template";
import { exampleGrids, harnesses, type Opened } from "./portHarness";

async function scoreAndWrite(port: WorkbookPort, settings = {}) {
  const read = await port.read(schemePicker(hunan));
  const scored = scoreWorkbook(read.grids, hunan, { settings });
  const report = await port.write(scored.writes);
  return { read, scored, report };
}

/** The cells of columns 1…lastCol (the inputs). */
function inputs(values: CellValue[][], lastCol: number): CellValue[][] {
  return values.map((r) => {
    const x = r.slice(0, lastCol);
    while (x.length && x[x.length - 1] === null) x.pop();
    return x;
  });
}

describe.each(harnesses)("$name", (h) => {
  let grids: SheetGrid[];
  let book: Opened;
  beforeEach(async () => {
    grids = await exampleGrids();
    book = await h.open(grids);
  });
  const ledger = "考核台账";

  test("reads the ledger, writes owned columns only, and input cells stay as they were", async () => {
    const before = book.values(ledger);
    const width = Math.max(...before.map((r) => r.length));
    const { read, scored } = await scoreAndWrite(book.port);
    expect(read.grids.map((g) => g.name)).toEqual(expect.arrayContaining([ledger, "成员"]));
    const after = book.values(ledger);
    expect(inputs(after, width)).toEqual(before);
    const w = scored.writes[0]!;
    for (const c of w.columns) {
      expect(after[w.headerRow - 1]![c.col - 1]).toBe(c.header);
      c.values.forEach((v, i) => expect([w.firstRow + i, c.col, after[w.firstRow - 1 + i]?.[c.col - 1] ?? null]).toEqual([w.firstRow + i, c.col, v]));
    }
  });

  test("status cells are coloured: retain green, rectify amber, revoke red, error grey", async () => {
    const { scored } = await scoreAndWrite(book.port);
    const w = scored.writes[0]!;
    const status = w.columns.find((c) => c.fills)!;
    const expected: Record<string, string> = { retain: "#C6EFCE", rectify: "#FFEB9C", revoke: "#FFC7CE", error: "#D9D9D9" };
    const seen = new Set<string>();
    status.fills!.forEach((f, i) => {
      if (!f) return;
      seen.add(f);
      expect([w.firstRow + i, book.fill(ledger, w.firstRow + i, status.col)]).toEqual([w.firstRow + i, expected[f]]);
    });
    expect([...seen].sort()).toEqual(["error", "rectify", "retain", "revoke"]);
  });

  test("a rerun finds its own columns again: same places, same values, no second set", async () => {
    const first = await scoreAndWrite(book.port);
    const afterFirst = book.values(ledger);
    const again = await book.reopen();
    const second = await scoreAndWrite(again.port);
    expect(second.scored.writes[0]!.columns.map((c) => [c.col, c.isNew])).toEqual(first.scored.writes[0]!.columns.map((c) => [c.col, false]));
    expect(again.values(ledger)).toEqual(afterFirst);
  });

  test("the columns it wrote are recorded in the workbook: a user's 考核结论 column stays hers, a reopened port finds ours", async () => {
    const withHers = grids.map((g) => {
      if (g.name !== ledger) return g;
      const width = Math.max(...g.values.map((r) => r.length));
      // Her own 考核结论 column right of the inputs (row 3 is the header row), a value in every post row.
      const values = g.values.map((r, i) => {
        const row = Array.from({ length: width }, (_, c) => r[c] ?? null);
        return i < 2 ? row : [...row, i === 2 ? "考核结论" : `她的结论${i}`];
      });
      return { ...g, values, formats: undefined };
    });
    const opened = await h.open(withHers);
    const before = opened.values(ledger);
    const width = Math.max(...before.map((r) => r.length));
    const first = await scoreAndWrite(opened.port);
    expect(inputs(opened.values(ledger), width)).toEqual(before);
    expect(Math.min(...first.scored.writes[0]!.columns.map((c) => c.col))).toBe(width + 1);
    const again = await opened.reopen();
    const read = await again.port.read(schemePicker(hunan));
    expect(read.stored.owned?.[ledger]?.columns.map((c) => c.col)).toEqual(first.scored.writes[0]!.columns.map((c) => c.col));
    const second = scoreWorkbook(read.grids, hunan, {});
    expect(second.writes[0]!.columns.map((c) => [c.col, c.isNew])).toEqual(first.scored.writes[0]!.columns.map((c) => [c.col, false]));
  });

  test("undo restores exactly what the owned columns held before the last write", async () => {
    const pristine = book.values(ledger);
    await scoreAndWrite(book.port);
    const firstWrite = book.values(ledger);
    // A second write with another boundary changes some outputs; undo brings back the first write's cells.
    await scoreAndWrite(book.port, { revokeBelowScore: 90 });
    expect(book.values(ledger)).not.toEqual(firstWrite);
    expect(await book.port.undo()).toBe(true);
    expect(book.values(ledger)).toEqual(firstWrite);
    // The undo data is in the workbook: a new port (a reopened pane) can undo the first write too.
    await scoreAndWrite(book.port);
    const reopened = await book.reopen();
    expect(await reopened.port.undo()).toBe(true);
    expect(reopened.values(ledger)).toEqual(firstWrite);
    expect(await reopened.port.undo()).toBe(false);
    expect(inputs(reopened.values(ledger), Math.max(...pristine.map((r) => r.length)))).toEqual(pristine);
  });

  test("undo on a fresh write leaves the sheet as it was, colours included", async () => {
    const pristine = book.values(ledger);
    const { scored } = await scoreAndWrite(book.port);
    expect(await book.port.undo()).toBe(true);
    expect(book.values(ledger)).toEqual(pristine);
    const w = scored.writes[0]!;
    const status = w.columns.find((c) => c.fills)!;
    expect(book.fill(ledger, w.firstRow, status.col)).toBeNull();
    expect(await book.port.undo()).toBe(false);
  });

  test.each([["=1+2"], ["+86 731"], ["-违纪"], ["@某人"], ["'引号"], ["12"]])("text %j is written as that text, never a formula or number", async (text) => {
    await book.port.read(schemePicker(hunan));
    const write: SheetWrite = { sheet: ledger, headerRow: 3, firstRow: 4, columns: [{ col: 60, header: "提示", isNew: true, values: [text, "普通文字", 5] }] };
    await book.port.write([write]);
    const v = book.values(ledger);
    expect([v[3]![59], v[4]![59], v[5]![59]]).toEqual([text, "普通文字", 5]);
  });

  test("settings and the confirmed mapping are kept in the workbook", async () => {
    const stored = { settings: { cycleStartYear: 2023 }, mapping: { [ledger]: { remark: 0, city: 2 } } };
    await book.port.read(schemePicker(hunan));
    await book.port.saveState(stored);
    const again = await book.reopen();
    const read = await again.port.read(schemePicker(hunan));
    expect(read.stored).toEqual(stored);
    expect(read.grids.map((g) => g.name)).not.toContain("示范岗考评_数据");
  });

  test("insert template adds the canonical sheets under free names, and they read as a ledger", async () => {
    const spec = templateSpec(hunan);
    const names = await book.port.insertTemplate(spec);
    expect(names).toEqual(["考核台账 (2)", "成员 (2)"]);
    expect(book.sheetNames()).toEqual(expect.arrayContaining(names));
    const again = await book.reopen();
    const read = await again.port.read(schemePicker(hunan));
    const tmpl = read.grids.find((g) => g.name === "考核台账 (2)")!;
    expect(tmpl.values[1]!.slice(0, 3)).toEqual(spec.sheets[0]!.columns.slice(0, 3).map((c) => c.header));
  });
});
