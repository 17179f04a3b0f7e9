/**
 * The tool's output columns are the ones it recorded writing, not any column with a matching name.
 * Each row names itself; the grids are tiny ledgers (header row 1).
 */
import { hunan } from "../../src/schemes/hunan";
import { shanghai } from "../../src/schemes/shanghai";
import type { CellValue, OwnedSheet, SheetGrid } from "../../src/sheets/grid";
import { findOwnedColumns } from "../../src/sheets/ownership";
import { parseStateRows, recordOwnership, STATE_ROWS, stateRows, withOwnership } from "../../src/sheets/port";
import { locateSheet } from "../../src/sheets/readSheet";
import { planWrite } from "../../src/sheets/writeback";

const OURS = hunan.outputs.map((o) => o.header);
const INPUTS = ["示范岗名称", "岗位类别", "未亮明身份"];

/** A ledger: header row, then two posts; `extra` cells per row after the inputs (same length as `header`). */
function ledger(header: string[], owned?: OwnedSheet): SheetGrid {
  const row = (name: string): CellValue[] => [name, "服务岗", "否", ...header.slice(INPUTS.length).map((h) => `${h}·${name}`)];
  return { name: "台账", values: [header, row("甲"), row("乙")], ...(owned ? { owned } : {}) };
}

const record = (firstCol: number): OwnedSheet => ({ headerRow: 1, columns: hunan.outputs.map((o, i) => ({ id: o.id, col: firstCol + i, header: o.header })) });

type Case = [name: string, grid: SheetGrid, kind: string, firstOwned: number | null, warns: RegExp | null];

const cases: Case[] = [
  ["a user column 得分 at the right end is hers", ledger([...INPUTS, "得分"]), "new", null, null],
  ["a user column 结论 at the right end is hers", ledger([...INPUTS, "结论"]), "new", null, null],
  ["a user column 考核结论 (our exact header) at the right end is hers, and she is told", ledger([...INPUTS, "考核结论"]), "new", null, /考核结论.*D 列.*不会改动/],
  ["three of our headers in our order at the right end are not enough to adopt", ledger([...INPUTS, "扣分总计", "最终得分", "考核结论"]), "new", null, /不会改动/],
  ["our 8 headers in the middle, inputs to their right: not adopted", ledger([...INPUTS.slice(0, 2), ...OURS, "未亮明身份"]), "new", null, /不会改动/],
  ["our 8 headers out of order: not adopted", ledger([...INPUTS, ...OURS.slice().reverse()]), "new", null, /不会改动/],
  ["legacy: our 8 headers at the right end, no record → adopted in place", ledger([...INPUTS, ...OURS]), "legacy", 4, null],
  ["legacy with a user 得分 column before the block: the block is adopted, 得分 is not", ledger([...INPUTS, "得分", ...OURS]), "legacy", 5, null],
  ["legacy with one of ours deleted (7 left): adopted", ledger([...INPUTS, ...OURS.filter((h) => h !== "扣分明细")]), "legacy", 4, null],
  ["recorded and intact → in place", ledger([...INPUTS, "考核结论", ...OURS], record(5)), "recorded", 5, null],
  ["recorded, a column inserted to the left → the whole set shifted", ledger([...INPUTS, "备注", "考核结论", ...OURS], record(5)), "shifted", 6, null],
  [
    "recorded, one header renamed → a fresh set, and a warning naming it",
    ledger([...INPUTS, "考核结论", ...OURS.map((h) => (h === "考核结论" ? "考核结论（初审）" : h))], record(5)),
    "replaced",
    null,
    /「考核结论」（G 列，现为「考核结论（初审）」）/,
  ],
  ["recorded, one column deleted (the rest shifted) → a fresh set and a warning", ledger([...INPUTS, "考核结论", ...OURS.filter((h) => h !== "整改项")], record(5)), "replaced", null, /已被改名、移动或删除/],
  ["recorded, every recorded header blank (the write was undone) → a fresh set, no warning", ledger([...INPUTS], record(4)), "new", null, null],
];

describe("which columns are ours", () => {
  test.each(cases)("%s", (_name, grid, kind, firstOwned, warns) => {
    const found = locateSheet(grid, hunan.ledger, { outputs: hunan.outputs });
    if (!found.ok) throw new Error("not a ledger");
    const own = found.map.ownership!;
    expect(own.kind).toBe(kind);
    expect(own.warnings.length ? own.warnings.join("\n") : null).toEqual(warns ? expect.stringMatching(warns) : null);
    if (firstOwned === null) {
      expect(found.map.outputs.size).toBe(0);
    } else {
      expect(found.map.outputs.get("deductionTotal")).toBe(firstOwned);
      expect(found.map.outputs.get("status")).toBe(firstOwned + 2);
    }
    // Whatever was found, the write never touches a column that is not ours.
    const w = planWrite(grid, 1, 3, found.map.outputs, hunan.outputs, []);
    const width = Math.max(...grid.values.map((r) => r.length));
    for (const c of w.columns) {
      if (c.isNew) expect([c.header, c.col > width]).toEqual([c.header, true]);
      else expect([c.col, grid.values[0]![c.col - 1]]).toEqual([c.col, c.header]);
    }
  });
});

test("the record: written columns (not requested input fills) per sheet, read back onto the grids", () => {
  const grid = ledger([...INPUTS]);
  const found = locateSheet(grid, hunan.ledger, { outputs: hunan.outputs });
  if (!found.ok) throw new Error("not a ledger");
  const w = planWrite(grid, 1, 3, found.map.outputs, hunan.outputs, []);
  const fill = { sheet: "台账", headerRow: 1, firstRow: 2, columns: [{ col: 20, header: "一季度满意度", isNew: true, values: [0.9], mask: [true] }] };
  const stored = recordOwnership({ settings: { cycleStartYear: 2023 } }, [w, fill]);
  expect(stored.settings).toEqual({ cycleStartYear: 2023 });
  expect(stored.owned).toEqual({ 台账: record(4) });
  expect(recordOwnership(stored, [fill])).toBe(stored);
  const [again] = withOwnership([grid], stored);
  expect(again!.owned).toEqual(record(4));
});

test("a record of the other scheme's columns is not ours for this one", () => {
  const grid: SheetGrid = {
    name: "示范点",
    values: [["名称", "类型", "管党治党有力", ...OURS]],
    owned: { headerRow: 1, columns: shanghai.outputs.map((o, i) => ({ id: `x-${o.id}`, col: 4 + i, header: o.header })) },
  };
  const own = findOwnedColumns(grid, 1, hunan.outputs, [1, 2, 3]);
  // No record for hunan's outputs: the legacy rule applies (our block at the right end).
  expect(own.kind).toBe("legacy");
});

test("the record and the output mark survive the state rows; a damaged record reads as none", () => {
  const stored = { owned: { 台账: record(4) }, output: { command: "score", at: "2026-01-01T00:00:00.000Z" } };
  expect(parseStateRows(stateRows(stored, null)).stored).toEqual(stored);
  const rows = stateRows(stored, null);
  rows[STATE_ROWS.owned - 1]![1] = JSON.stringify({ 台账: { headerRow: 1, columns: [{ id: "status", col: "G", header: "考核结论" }] }, 乙: record(2) });
  rows[STATE_ROWS.output - 1]![1] = "{not json";
  expect(parseStateRows(rows).stored).toEqual({ owned: { 乙: record(2) } });
});
