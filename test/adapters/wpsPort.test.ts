/**
 * What is particular to the WPS adapter (the contract suites cover what it shares with the others): whole-range
 * reads and writes whatever the ledger's size, WPS's value shapes and BGR colours, the very hidden state sheet,
 * protection, charts where the model has them and the degraded report where it has not, errors in Chinese.
 */
import { summaryLayout } from "../../src/engine/reportLayouts";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { summarizeYear } from "../../src/engine/yearSummary";
import { hunan } from "../../src/schemes/hunan";
import type { CellValue } from "../../src/sheets/grid";
import { hostWouldConvert, PortError, schemePicker, STATE_SHEET } from "../../src/sheets/port";
import { bgr, type WpsApplication } from "../../src/adapters/wps/wpsModel";
import { value2Grid, WpsPort } from "../../src/adapters/wps/wpsPort";
import { FakeWpsBook, rectOf, WpsError, type FakeWpsOptions } from "../doubles/fakeWps";
import { exampleGrids, fakeWpsFromGrids, repeatedLedger, statusLabels } from "./portHarness";

const LEDGER = "考核台账";

async function opened(options?: FakeWpsOptions) {
  const book = fakeWpsFromGrids(await exampleGrids(), options);
  return { book, port: new WpsPort(book.application() as WpsApplication, { statusLabels }) };
}

async function scoreAndWrite(port: WpsPort) {
  const read = await port.read(schemePicker(hunan));
  const scored = scoreWorkbook(read.grids, hunan);
  await port.write(scored.writes);
  return { read, scored };
}

function cells(book: FakeWpsBook, sheet: string): Record<string, unknown> {
  return Object.fromEntries([...book.sheet(sheet).cells].map(([k, c]) => [k, { ...c }]));
}

describe("the strict WPS double", () => {
  test("collections are 1-based: Item(0), Item(Count + 1) and unknown names throw; unknown members throw", () => {
    const book = new FakeWpsBook();
    book.addSheet("甲");
    const app = book.application() as WpsApplication;
    const sheets = app.ActiveWorkbook!.Worksheets;
    expect(sheets.Item(1).Name).toBe("甲");
    expect(() => sheets.Item(0)).toThrow(WpsError);
    expect(() => sheets.Item(2)).toThrow(/下标越界/);
    expect(() => sheets.Item("乙")).toThrow(/下标越界/);
    expect(() => (sheets.Item(1) as unknown as { Cells: unknown }).Cells).toThrow(/不支持/);
    expect(() => ((sheets.Item(1).Range("A1") as unknown as { Value: unknown }).Value = 1)).toThrow(/不支持/);
  });

  test("Value2 is a scalar for one cell and a 2-D array for several; typed text converts; colours are BGR numbers", () => {
    const book = new FakeWpsBook();
    book.addSheet("甲");
    const ws = (book.application() as WpsApplication).ActiveWorkbook!.Worksheets.Item(1);
    ws.Range("A1:B2").Value2 = [["=1+2", "'=1+2"], ["12", "2025-1-2"]];
    expect(ws.Range("B1").Value2).toBe("=1+2");
    expect(ws.Range("A2:B2").Value2).toEqual([[12, 45659]]);
    expect(ws.Range("C9").Value2).toBeUndefined();
    expect(() => (ws.Range("A1:B2").Value2 = [[1, 2]])).toThrow(/二维数组/);
    expect(() => (ws.Range("A1").Interior.Color = "#C6EFCE" as never)).toThrow(/BGR/);
    ws.Range("A1").NumberFormat = "0.00%";
    expect(ws.Range("A1:A2").NumberFormat).toBeNull();
    expect(rectOf("E:XFD")).toEqual({ r1: 1, c1: 5, r2: 1048576, c2: 16384 });
  });
});

describe("WPS port", () => {
  test("reads and writes in whole ranges: the calls into WPS do not grow with the ledger's rows", async () => {
    const calls = async (rows: number) => {
      const book = fakeWpsFromGrids(await repeatedLedger(rows));
      const port = new WpsPort(book.application() as WpsApplication, { statusLabels });
      const read = await port.read(schemePicker(hunan));
      const reads = book.calls["Range.Value2"];
      book.resetCalls();
      await port.write(scoreWorkbook(read.grids, hunan).writes);
      return { reads, writes: book.calls["Range.Value2="], all: Object.values(book.calls).reduce((a, b) => a + b, 0) };
    };
    const small = await calls(40);
    const large = await calls(400);
    expect(large).toEqual(small);
    expect(small.writes).toBeLessThan(15);
  });

  test("value shapes: a scalar, a row, a grid; dates stay serial numbers and their formats are read", async () => {
    expect(value2Grid(5, 1, 1)).toEqual([[5]]);
    expect(value2Grid(undefined, 1, 1)).toEqual([[null]]);
    expect(value2Grid([[1, undefined], ["", "x"]], 2, 2)).toEqual([
      [1, null],
      [null, "x"],
    ]);
    const { port, book } = await opened();
    // The example's quarter columns are 0% in some cells and General in others: NumberFormat of such a column is
    // Null, and the adapter halves it until each part agrees — far fewer reads than cells, every format right.
    const ledger = book.sheet(LEDGER);
    book.resetCalls();
    const read = await port.read(schemePicker(hunan));
    const grid = read.grids.find((g) => g.name === LEDGER)!;
    let checked = 0;
    for (const c of [8, 10, 11, 12, 13, 14]) {
      grid.values.forEach((_, i) => {
        if (i + 1 > 3 && typeof grid.values[i]![c - 1] === "number") {
          expect([i + 1, c, grid.formats![i]![c - 1]]).toEqual([i + 1, c, ledger.get(i + 1, c)?.format ?? "General"]);
          checked++;
        }
      });
    }
    expect(grid.formats!.flat()).toContain("0%");
    expect(checked).toBeGreaterThan(100);
    expect(book.calls["Range.NumberFormat"]).toBeLessThan(checked);
    expect(grid.values.flat().some((v: CellValue) => v instanceof Date)).toBe(false);
  });

  test("the state sheet is very hidden, added after the user's sheets, and the user's sheet stays in front", async () => {
    const { port, book } = await opened();
    const before = book.active!.name;
    await scoreAndWrite(port);
    const state = book.sheet(STATE_SHEET);
    expect(state.visible).toBe(2);
    expect(book.sheets[book.sheets.length - 1]).toBe(state);
    expect(book.active!.name).toBe(before);
    expect([book.screenUpdating, book.displayAlerts]).toEqual([true, true]);
  });

  test("status colours are conditional formats in BGR: 保持 green #C6EFCE = 0xCEEFC6", async () => {
    expect(bgr("#C6EFCE")).toBe(0xceefc6);
    const { port, book } = await opened();
    const { scored } = await scoreAndWrite(port);
    const status = scored.writes[0]!.columns.find((c) => c.fills)!;
    const cfs = book.sheet(LEDGER).cfs.filter((cf) => cf.c1 === status.col);
    expect(cfs.find((cf) => cf.label === "保持")?.color).toBe(0xceefc6);
  });

  test("a protected sheet: a blocking note on reading, a Chinese refusal on writing, and no cell changed", async () => {
    const { port, book } = await opened();
    book.sheet(LEDGER).protected = true;
    const read = await port.read(schemePicker(hunan));
    expect(read.notes).toEqual([expect.objectContaining({ sheet: LEDGER, kind: "protected", blocking: true })]);
    const before = cells(book, LEDGER);
    await expect(port.write(scoreWorkbook(read.grids, hunan).writes)).rejects.toThrow(/工作表「考核台账」受保护/);
    expect(cells(book, LEDGER)).toEqual(before);
    expect(book.sheets.map((s) => s.name)).not.toContain(STATE_SHEET);
  });

  test("a filtered sheet and a protected workbook structure are refused before anything changes", async () => {
    const a = await opened();
    a.book.sheet(LEDGER).filtered = true;
    const read = await a.port.read(schemePicker(hunan));
    expect(read.notes.map((n) => [n.kind, n.blocking])).toEqual([["filtered", true]]);
    await expect(a.port.write(scoreWorkbook(read.grids, hunan).writes)).rejects.toThrow(/已筛选/);
    const b = await opened();
    b.book.structureProtected = true;
    const readB = await b.port.read(schemePicker(hunan));
    await expect(b.port.write(scoreWorkbook(readB.grids, hunan).writes)).rejects.toThrow(/工作簿结构受保护/);
    await expect(b.port.saveState({ settings: { cycleStartYear: 2023 } })).rejects.toThrow(PortError);
  });

  test("writing into a merged area is refused, naming the cells", async () => {
    const { port, book } = await opened();
    const read = await port.read(schemePicker(hunan));
    const writes = scoreWorkbook(read.grids, hunan).writes;
    const col = writes[0]!.columns[0]!.col;
    book.sheet(LEDGER).merges.push({ r1: 5, c1: col, r2: 6, c2: col });
    await expect(port.write(writes)).rejects.toThrow(/合并单元格/);
  });

  test("errors reach the user in Chinese: no workbook, a switched workbook, a deleted sheet, WPS's own failure", async () => {
    const { port, book } = await opened();
    const read = await port.read(schemePicker(hunan));
    const writes = scoreWorkbook(read.grids, hunan).writes;
    book.name = "别的工作簿.xlsx";
    await expect(port.write(writes)).rejects.toThrow(/已换成「别的工作簿\.xlsx」/);
    book.closed = true;
    await expect(port.read(schemePicker(hunan))).rejects.toThrow(/没有打开的工作簿/);
    book.closed = false;
    await port.read(schemePicker(hunan));
    book.sheets.splice(book.sheets.indexOf(book.sheet(LEDGER)), 1);
    await expect(port.write(writes)).rejects.toThrow(/找不到工作表「考核台账」/);
    const broken = { get ActiveWorkbook(): never { throw new Error("RPC_E_CALL_REJECTED"); }, Version: "12.1.0.1" } as unknown as WpsApplication;
    const failure = await new WpsPort(broken, { statusLabels }).read(schemePicker(hunan)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PortError);
    expect((failure as PortError).message).toMatch(/^WPS 表格在读取工作簿时出错：RPC_E_CALL_REJECTED/);
    expect((failure as PortError & { details: string }).details).toMatch(/12\.1\.0\.1/);
  });

  test("select activates the sheet, then selects (WPS refuses Select on a sheet that is not active)", async () => {
    const { port, book } = await opened();
    book.active = book.sheet("成员");
    await port.select(LEDGER, "A12:AP12");
    expect([book.active.name, book.selection]).toEqual([LEDGER, { sheet: LEDGER, address: "A12:AP12" }]);
  });

  test.each([
    ["AddChart2", "AddChart2"],
    ["ChartObjects", "ChartObjects"],
  ] as const)("a report gets real charts through %s, A4 landscape, a printed and frozen header", async (charts, via) => {
    const { port, book } = await opened({ charts });
    const read = await port.read(schemePicker(hunan));
    const layout = summaryLayout(summarizeYear(scoreWorkbook(read.grids, hunan), hunan), hunan, new Date(2025, 11, 1), "x.xlsx");
    expect(await port.addReport(layout)).toBe("年度汇总");
    const ws = book.sheet("年度汇总");
    expect(ws.charts.map((c) => [c.via, c.type, c.title, c.source, c.legend])).toEqual(
      layout.charts.map((ch) => [via, 51, ch.title, `${ch.categories.split(":")[0]}:${ch.values.split(":")[1]}`, false]),
    );
    expect(ws.page).toMatchObject({ Orientation: 2, PaperSize: 9, PrintTitleRows: "$3:$3", FitToPagesWide: 1 });
    expect([ws.frozenRows, book.active!.name, port.degraded]).toEqual([layout.freezeRows, "年度汇总", []]);
    // A rerun replaces our sheet (its deletion needs DisplayAlerts off, and it is restored after).
    await port.addReport(layout);
    expect(book.sheets.filter((s) => s.name.startsWith("年度汇总"))).toHaveLength(1);
    expect(book.displayAlerts).toBe(true);
  });

  test("a WPS without charts for add-ins: the report is complete, the chart's place says how to insert it by hand", async () => {
    const { port, book } = await opened({ charts: "none" });
    const read = await port.read(schemePicker(hunan));
    const layout = summaryLayout(summarizeYear(scoreWorkbook(read.grids, hunan), hunan), hunan, new Date(2025, 11, 1), "x.xlsx");
    await port.addReport(layout);
    const ws = book.sheet("年度汇总");
    expect(ws.charts).toEqual([]);
    const anchor = rectOf(layout.charts[0]!.anchor);
    expect(String(ws.get(anchor.r1, anchor.c1)?.value)).toMatch(/^（此版本的 WPS 表格不支持由加载项插入图表。需要“考核结论分布”图时/);
    expect(port.degraded).toHaveLength(layout.charts.length);
    // The pane is told once (takeNotes empties the list), so the next command does not repeat it.
    const notes = port.takeNotes();
    expect(notes).toHaveLength(layout.charts.length);
    for (const n of notes) expect(n).toMatch(/图未能插入/);
    expect(port.takeNotes()).toEqual([]);
  });

  test("a WPS without conditional formats or very hidden sheets: values written uncoloured, the state sheet hidden, both noted", async () => {
    const { port, book } = await opened({ refuse: ["FormatConditions", "VeryHidden"] });
    const { scored } = await scoreAndWrite(port);
    const w = scored.writes[0]!;
    const status = w.columns.find((c) => c.fills)!;
    expect(book.sheet(LEDGER).get(w.firstRow, status.col)?.value).toBe(status.values[0]);
    expect(book.sheet(LEDGER).cfs).toEqual([]);
    expect(book.sheet(STATE_SHEET).visible).toBe(0);
    expect(port.degraded).toEqual([expect.stringMatching(/只能设为“隐藏”/), expect.stringMatching(/「考核台账」AM 列的结论底色未能设置/)]);
    expect(await port.undo()).toBe(true);
  });

  test("the text guard: what WPS would turn into a formula, number, date or boolean gets an apostrophe", () => {
    expect(["=1", "+8", "-x", "@a", "'a", "12", "1,234", "12%", "TRUE", "2025-1-2", "2025年5月", "9:30"].every(hostWouldConvert)).toBe(true);
    expect(["保持", "H1a（评分表第1项）", "", "第1季度"].some(hostWouldConvert)).toBe(false);
  });
});
