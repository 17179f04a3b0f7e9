/**
 * Office.js adapter specifics, over the strict Excel double: syncs per command, request sizes, and the
 * workbook situations a secretary meets (protected sheet, cell-edit mode, a ledger in a table, hidden
 * rows, merged header cells, an old Excel).
 */
import { ExcelPort, excelSupport, payloadBytes, valueChunks } from "../../src/adapters/office/excelPort";
import { describeExcelError, diagnosticsText, EXCEL_ERROR_MESSAGES, ExcelError } from "../../src/adapters/office/excelErrors";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { columnName } from "../../src/sheets/a1";
import { hunan } from "../../src/schemes/hunan";
import { PortError, schemePicker } from "../../src/sheets/port";
import { EXCEL_HOSTS, FakeExcelError, FakeWorkbook, PAYLOAD_LIMIT, payloadBytes as fakePayloadBytes } from "../doubles/fakeExcel";
import { gridOf, post } from "../helpers";
import { fakeFromGrids, repeatedLedger, statusLabels } from "./portHarness";

async function scoreAndWrite(fake: FakeWorkbook) {
  const port = new ExcelPort(fake.host(), { statusLabels });
  fake.resetCounts();
  const read = await port.read(schemePicker(hunan));
  const readSyncs = fake.syncs;
  const scored = scoreWorkbook(read.grids, hunan);
  const report = await port.write(scored.writes);
  return { port, read, scored, report, readSyncs, syncs: fake.syncs, runs: fake.runs };
}

describe("syncs and request sizes", () => {
  test("a score-and-write is two Excel.run calls; a small ledger is one read request, a large one as many as its bytes need", async () => {
    const small = await scoreAndWrite(fakeFromGrids(await repeatedLedger(10)));
    expect(small).toMatchObject({ readSyncs: 3, syncs: 4, runs: 2 });
    const fake = fakeFromGrids(await repeatedLedger(10_000));
    const large = await scoreAndWrite(fake);
    expect(large.scored.result.sheets[0]!.rows).toHaveLength(10_000);
    expect(large.runs).toBe(2);
    // Reads: names, probes, then the rows in requests of at most the budget (4 MB) each.
    const responses = fake.batches.slice(2, large.readSyncs).map((b) => b.responseBytes);
    const total = responses.reduce((a, b) => a + b, 0);
    expect(responses.length).toBeLessThanOrEqual(Math.ceil(total / (2 * 1024 * 1024)));
    for (const r of responses) expect(r).toBeLessThan(PAYLOAD_LIMIT);
  });

  test("the adapter weighs payloads as the double does: JSON with non-ASCII escaped, 6 bytes a Chinese character", () => {
    for (const v of [["撤销", "H1a：满意度低于 80%\n第二行", 12, null, true]]) expect(payloadBytes(v)).toBe(fakePayloadBytes(v));
    expect(payloadBytes("保持")).toBe(2 + 12);
  });

  test("a 50,000-row write is split into requests that each stay under 5 MB", async () => {
    const fake = fakeFromGrids(await repeatedLedger(50_000));
    const { report } = await scoreAndWrite(fake);
    const writes = fake.batches.slice(-report.requests);
    expect(report.requests).toBeGreaterThan(1);
    for (const b of fake.batches) {
      expect(b.requestBytes).toBeLessThan(PAYLOAD_LIMIT);
      expect(b.responseBytes).toBeLessThan(PAYLOAD_LIMIT);
    }
    expect(Math.max(...writes.map((b) => b.requestBytes))).toBeGreaterThan(1024 * 1024);
  });

  test("valueChunks keeps each chunk under the budget and covers every row once", async () => {
    const fake = fakeFromGrids(await repeatedLedger(2_000));
    const port = new ExcelPort(fake.host(), { statusLabels });
    const read = await port.read(schemePicker(hunan));
    const writes = scoreWorkbook(read.grids, hunan).writes;
    const budget = 64 * 1024;
    const chunks = valueChunks(writes, budget);
    expect(chunks.length).toBeGreaterThan(5);
    for (const ch of chunks) expect(Buffer.byteLength(JSON.stringify(ch.parts.map((p) => p.values)))).toBeLessThan(budget + 2048);
    const rows = chunks.flatMap((ch) => ch.parts.flatMap((p) => p.values));
    const runs = new Set(chunks.flatMap((ch) => ch.parts.map((p) => p.address.replace(/\d+/g, "")))).size;
    expect(rows.length).toBe(writes[0]!.columns[0]!.values.length * runs);
  });
});

describe("the double is strict", () => {
  test("reading a property that was not loaded throws, as Excel does", async () => {
    const fake = new FakeWorkbook();
    fake.addSheet("表", [["a"]]);
    await expect(
      fake.host().run(async (context) => {
        const r = context.workbook.worksheets.getItem("表").getRange("A1");
        r.load("address");
        await context.sync();
        return r.values;
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  });

  test("a loaded property is not there before the sync", async () => {
    const fake = new FakeWorkbook();
    fake.addSheet("表", [["a"]]);
    await expect(
      fake.host().run((context) => {
        const r = context.workbook.worksheets.getItem("表").getRange("A1");
        r.load("values");
        return Promise.resolve(r.values);
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  });

  test("writes apply only at sync; a sync in a loop shows in the count", async () => {
    const fake = new FakeWorkbook();
    const s = fake.addSheet("表", [["a"]]);
    await fake.host().run(async (context) => {
      const ws = context.workbook.worksheets.getItem("表");
      ws.getRange("A1").values = [["b"]];
      expect(s.value(1, 1)).toBe("a");
      for (let i = 0; i < 3; i++) {
        ws.getRange(`B${i + 1}`).values = [[i]];
        await context.sync();
      }
    });
    expect(s.value(1, 1)).toBe("b");
    expect(fake.syncs).toBe(3);
  });

  test("a request over 5 MB is refused", async () => {
    const fake = new FakeWorkbook();
    fake.addSheet("表");
    const big = Array.from({ length: 60_000 }, () => ["很长的文字".repeat(10)]);
    await expect(
      fake.host().run(async (context) => {
        context.workbook.worksheets.getItem("表").getRange("A1:A60000").values = big;
        await context.sync();
      }),
    ).rejects.toBeInstanceOf(FakeExcelError);
  });
});

describe("workbook situations", () => {
  test("a protected ledger: the read says so and a write is refused in Chinese, nothing written", async () => {
    const fake = fakeFromGrids(await repeatedLedger(10));
    fake.sheet("考核台账").protected = true;
    const port = new ExcelPort(fake.host(), { statusLabels });
    const read = await port.read(schemePicker(hunan));
    expect(read.notes).toContainEqual(expect.objectContaining({ sheet: "考核台账", kind: "protected", blocking: true }));
    const before = JSON.stringify([...fake.sheet("考核台账").cells]);
    await expect(port.write(scoreWorkbook(read.grids, hunan).writes)).rejects.toThrow(/受保护/);
    expect(JSON.stringify([...fake.sheet("考核台账").cells])).toBe(before);
  });

  test("Excel in cell-edit mode gives a message saying what to do", async () => {
    const fake = fakeFromGrids(await repeatedLedger(10));
    const port = new ExcelPort(fake.host(), { statusLabels });
    fake.failNextRun = "InvalidOperationInCellEditMode";
    const err = await port.read(schemePicker(hunan)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PortError);
    expect((err as PortError).message).toMatch(/正在编辑单元格.*Enter 或 Esc/);
  });

  test("an unknown Excel error still reaches the user as a sentence with its code", () => {
    expect(describeExcelError(new FakeExcelError("SomethingNew", "boom")).message).toBe("Excel 执行失败：boom（SomethingNew）");
  });

  test.each([
    "InvalidArgument",
    "AccessDenied",
    "ItemNotFound",
    "ApiNotFound",
    "GeneralException",
    "InvalidOperation",
    "InvalidOperationInCellEditMode",
    "ResponsePayloadSizeLimitExceeded",
    "RequestPayloadSizeLimitExceeded",
    "Conflict",
    "InsertDeleteConflict",
    "RangeExceedsLimit",
    "ActivityLimitReached",
    "Unauthenticated",
    "ItemAlreadyExists",
    "NotImplemented",
    "UnsupportedOperation",
    "ServiceNotAvailable",
    "RequestAborted",
    "InvalidSelection",
  ])("Excel error %s has a Chinese message and diagnostics to copy", (code) => {
    const fake = new FakeWorkbook().useHost("office-2021");
    const raw = Object.assign(new FakeExcelError(code, "raw message"), { debugInfo: { code, errorLocation: "Range.values" } });
    const err = describeExcelError(raw, fake.host());
    expect(EXCEL_ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fff]/);
    expect(err.message).toBe(`${EXCEL_ERROR_MESSAGES[code]}（${code}）`);
    expect(err).toBeInstanceOf(ExcelError);
    const text = diagnosticsText((err as ExcelError).diagnostics);
    expect(text).toContain(`错误代码：${code}`);
    expect(text).toContain("Range.values");
    expect(text).toContain("ExcelApi 1.14");
    expect(text).toMatch(/宿主：Excel；平台：PC；版本：16\./);
  });

  test("a ledger formatted as a table gets its output columns added to the table; undo takes them out", async () => {
    const grid = gridOf([post(), post({ name: "投诉窗口", q1: 0.7 })]);
    const fake = fakeFromGrids([grid]);
    const width = grid.values[0]!.length;
    fake.sheet("考核台账").tables.push({ name: "台账表", r1: 1, c1: 1, r2: 3, c2: width, headers: grid.values[0]!.map(String) });
    const { port, scored, report } = await scoreAndWrite(fake);
    const table = fake.sheet("考核台账").tables[0]!;
    expect(report.tableColumns).toBe(hunan.outputs.length);
    expect(table.c2).toBe(width + hunan.outputs.length);
    expect(table.headers.slice(width)).toEqual(hunan.outputs.map((o) => o.header));
    expect(fake.sheet("考核台账").value(3, scored.writes[0]!.columns[2]!.col)).toBe("撤销");
    expect(await port.undo()).toBe(true);
    expect(table.c2).toBe(width);
    expect(fake.sheet("考核台账").used(true)).toEqual({ r1: 1, c1: 1, r2: 3, c2: width });
  });

  test("hidden rows (no filter) are scored and written, and the user is told", async () => {
    const fake = fakeFromGrids(await repeatedLedger(10));
    fake.sheet("考核台账").hiddenRows.add(6);
    const { read, scored } = await scoreAndWrite(fake);
    expect(read.notes).toContainEqual(expect.objectContaining({ kind: "hidden-rows", blocking: false }));
    const status = scored.writes[0]!.columns.find((c) => c.fills)!;
    expect(fake.sheet("考核台账").value(6, status.col)).not.toBe("");
  });

  test("merged header cells over a two-row header are read as the Excel user sees them", async () => {
    const fake = new FakeWorkbook();
    const s = fake.addSheet("考核台账", [
      ["市州", "工作单位", "示范岗名称", "岗位类型", "考核年度", "季度满意度", null, null, null],
      [null, null, null, null, null, "一季度满意度", "二季度满意度", "三季度满意度", "四季度满意度"],
      ["长沙", "长沙市质监站", "报建窗口", "服务岗", 2025, 0.95, 0.95, 0.75, 0.95],
    ]);
    s.merges = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:I1"];
    const { scored } = await scoreAndWrite(fake);
    const row = scored.result.sheets[0]!.rows[0]!;
    expect(row).toMatchObject({ row: 3, status: "revoke" });
    expect(row.revocations.map((r) => r.rule)).toEqual(["H1b"]);
  });

  test("an Excel older than ExcelApi 1.9 is told so in Chinese instead of failing later", () => {
    const fake = new FakeWorkbook();
    fake.supported = { ExcelApi: "1.8" };
    const s = excelSupport(fake.host());
    expect(s.ok).toBe(false);
    expect(s.ok ? "" : s.message).toMatch(/不支持本加载项.*2016.*2019/);
    fake.supported = { ExcelApi: "1.9" };
    expect(excelSupport(fake.host()).ok).toBe(true);
  });
});

describe("Excel versions, protection, merged and filtered ranges (the double refuses what Excel refuses)", () => {
  test.each([
    ["office-2016", false],
    ["office-2019", false],
    ["office-2021", true],
    ["ltsc-2024", true],
    ["microsoft-365", true],
    ["web", true],
  ] as const)("%s: the pane runs: %s", (host, ok) => {
    expect(excelSupport(new FakeWorkbook().useHost(host).host()).ok).toBe(ok);
  });

  test("an API above the host's requirement set fails with ApiNotFound, in Chinese through the adapter", async () => {
    const fake = fakeFromGrids(await repeatedLedger(10)).useHost("office-2019");
    expect(EXCEL_HOSTS["office-2019"].ExcelApi).toBe("1.7");
    const err = await new ExcelPort(fake.host(), { statusLabels }).read(schemePicker(hunan)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "ApiNotFound" });
    expect((err as Error).message).toMatch(/不支持本加载项要用的功能/);
    await expect(
      fake.host().run(async (context) => {
        context.workbook.worksheets.getItem("考核台账").getRange("A1").copyFrom("'考核台账'!B1", "All");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  test("every write request is sent with screen updating suspended", async () => {
    const fake = fakeFromGrids(await repeatedLedger(10));
    const { readSyncs, syncs } = await scoreAndWrite(fake);
    expect(fake.screenSuspendedSyncs).toBe(syncs - readSyncs);
  });

  test("a sheet protected after the read: Excel says AccessDenied, the user reads it in Chinese, nothing written", async () => {
    const fake = fakeFromGrids(await repeatedLedger(10));
    const port = new ExcelPort(fake.host(), { statusLabels });
    const read = await port.read(schemePicker(hunan));
    fake.sheet("考核台账").protected = true;
    const before = JSON.stringify([...fake.sheet("考核台账").cells]);
    const err = await port.write(scoreWorkbook(read.grids, hunan).writes).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "AccessDenied" });
    expect((err as Error).message).toMatch(/受保护.*撤销保护/);
    expect(JSON.stringify([...fake.sheet("考核台账").cells])).toBe(before);
  });

  test("workbook structure protected: the double refuses a new sheet; the adapter says so before adding its state sheet", async () => {
    const fake = fakeFromGrids(await repeatedLedger(10));
    fake.structureProtected = true;
    await expect(
      fake.host().run(async (context) => {
        context.workbook.worksheets.add("新表");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "AccessDenied" });
    const port = new ExcelPort(fake.host(), { statusLabels });
    const read = await port.read(schemePicker(hunan));
    fake.resetCounts();
    await expect(port.write(scoreWorkbook(read.grids, hunan).writes)).rejects.toThrow(/工作簿结构受保护/);
    await expect(port.saveState({ settings: { cycleStartYear: 2023 } })).rejects.toThrow(/工作簿结构受保护/);
    expect(fake.syncs).toBe(0);
    expect(fake.sheets.map((s) => s.name)).toEqual(["考核台账", "成员"]);
  });

  test("merged cells where the results go: the double refuses part of a merge; the adapter names the merge first", async () => {
    const fake = fakeFromGrids(await repeatedLedger(10));
    const port = new ExcelPort(fake.host(), { statusLabels });
    const first = await port.read(schemePicker(hunan));
    const writes = scoreWorkbook(first.grids, hunan).writes;
    await port.write(writes);
    const col = writes[0]!.columns[3]!.col;
    const letter = columnName(col);
    fake.sheet("考核台账").merges.push(`${letter}6:${letter}7`);
    await expect(
      fake.host().run(async (context) => {
        context.workbook.worksheets.getItem("考核台账").getRange(`${letter}5:${letter}6`).values = [["a"], ["b"]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    const again = await port.read(schemePicker(hunan));
    const err = await port.write(scoreWorkbook(again.grids, hunan).writes).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "MergedRangeConflict" });
    expect((err as Error).message).toContain(`${letter}6:${letter}7 是合并单元格`);
  });

  test("a filtered ledger: the double misplaces values as Excel does; the adapter refuses to write and says why", async () => {
    const fake = fakeFromGrids(await repeatedLedger(10));
    const sheet = fake.sheet("考核台账");
    sheet.autoFilter = { r1: 3, c1: 1, r2: 13, c2: 20 };
    sheet.hiddenRows.add(5);
    await fake.host().run(async (context) => {
      context.workbook.worksheets.getItem("考核台账").getRange("BZ4:BZ6").values = [["一"], ["二"], ["三"]];
      await context.sync();
    });
    expect([sheet.value(4, 78), sheet.value(5, 78), sheet.value(6, 78)]).toEqual(["一", "", "二"]);
    sheet.cells.delete(sheet.key(4, 78));
    sheet.cells.delete(sheet.key(6, 78));
    const port = new ExcelPort(fake.host(), { statusLabels });
    const read = await port.read(schemePicker(hunan));
    expect(read.notes).toContainEqual(expect.objectContaining({ kind: "filtered", blocking: true }));
    await expect(port.write(scoreWorkbook(read.grids, hunan).writes)).rejects.toThrow(/已筛选.*清除筛选/);
  });

  test("a response Excel refuses as too large is read again in halves (byte budget from what was read)", async () => {
    const fake = fakeFromGrids(await repeatedLedger(300));
    const expected = await new ExcelPort(fake.host(), { statusLabels }).read(schemePicker(hunan));
    fake.payloadLimit = 64 * 1024;
    fake.resetCounts();
    const read = await new ExcelPort(fake.host(), { statusLabels }).read(schemePicker(hunan));
    expect(read.grids).toEqual(expected.grids);
    expect(fake.batches.filter((b) => b.refused).length).toBeGreaterThan(0);
    for (const b of fake.batches.filter((x) => !x.refused)) expect(b.responseBytes).toBeLessThanOrEqual(64 * 1024);
  });

  test("a write request Excel refuses as too large is sent again in halves", async () => {
    const fake = fakeFromGrids(await repeatedLedger(300));
    const port = new ExcelPort(fake.host(), { statusLabels });
    const read = await port.read(schemePicker(hunan));
    const writes = scoreWorkbook(read.grids, hunan).writes;
    fake.payloadLimit = 96 * 1024;
    const report = await port.write(writes);
    expect(report.requests).toBeGreaterThan(1);
    const status = writes[0]!.columns.find((c) => c.fills)!;
    expect(fake.sheet("考核台账").value(4 + 299, status.col)).toBe(status.values[299]);
  });
});
