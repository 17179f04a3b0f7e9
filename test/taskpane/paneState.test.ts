/** The pane's flow reducer: what the secretary sees after each step, without a browser. */
import { countsOf, initialState, paneReducer, scoredOf, type Action, type PaneState } from "../../src/taskpane/paneState";
import { promises as fs } from "node:fs";
import path from "node:path";
import { FilePort } from "../../src/adapters/xlsx/filePort";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { hunan } from "../../src/schemes/hunan";
import { parseStateRows, recordOwnership, schemePicker, stateRows, type WorkbookRead } from "../../src/sheets/port";
import { withUsed } from "../../src/engine/schemes";
import { exampleGrids } from "../adapters/portHarness";

async function readOf(): Promise<WorkbookRead> {
  return { grids: await exampleGrids(), stored: {}, undo: null, notes: [] };
}

const run = (s: PaneState, ...actions: Action[]) => actions.reduce(paneReducer, s);

test("a read scores the ledger it found and proposes it", async () => {
  const s = run(initialState("file"), { type: "read-start" }, { type: "read-done", read: await readOf(), canSelect: false, fileName: "台账.xlsx" });
  expect(s).toMatchObject({ phase: "preview", ledger: "考核台账", fileName: "台账.xlsx", canUndo: false, scoreError: null });
  expect(countsOf(s.score)).toEqual({ retain: 17, rectify: 11, revoke: 17, error: 4 });
});

test("a workbook without anything like a ledger says so in one line", () => {
  const read: WorkbookRead = { grids: [{ name: "杂项", values: [["姓名", "电话"]] }], stored: {}, undo: null, notes: [] };
  const s = run(initialState("excel"), { type: "read-done", read, canSelect: true });
  expect(s.score).toBeNull();
  // Issue 14: one short sentence, not every header found.
  expect(s.scoreError).toMatch(/^工作簿中没有找到考核台账：/);
});

test("a sheet lacking a required header names that column and 列映射, and naming it there makes the sheet the ledger", () => {
  const read: WorkbookRead = {
    grids: [{ name: "台账", values: [["市州", "工作单位", "岗位名", "岗位类别", "考核年度", "一季度满意度"], ["长沙", "长沙站", "报建窗口", "服务岗", 2025, 0.95]] }],
    stored: {},
    undo: null,
    notes: [],
  };
  const s = run(initialState("file"), { type: "read-done", read, canSelect: false });
  expect(s.scoreError).toMatch(/工作表「台账」第 1 行像考核台账的表头（识别出 \d+ 列），但缺少必需的列：示范岗名称。请到“列映射”/);
  expect(s.scoreError).not.toMatch(/找到：/);
  const fixed = paneReducer(s, { type: "map-column", field: "name", col: 3, sheet: "台账" });
  expect(fixed.stored.mapping).toEqual({ 台账: { name: 3 } });
  expect(fixed.ledger).toBe("台账");
  expect(fixed.scoreError).toBeNull();
  expect(fixed.score!.result.sheets[0]!.rows[0]!.key).toBe("长沙|长沙站|报建窗口");
});

test("a setting rescored at once; an invalid one is an error message, not a crash", async () => {
  const base = run(initialState("file"), { type: "read-done", read: await readOf(), canSelect: false });
  const strict = paneReducer(base, { type: "set-settings", settings: { revokeBelowScore: 90 } });
  expect(countsOf(strict.score).revoke).toBeGreaterThan(17);
  expect(strict.stored.settings).toEqual({ revokeBelowScore: 90 });
  const bad = paneReducer(base, { type: "set-settings", settings: { revokeBelowScore: 150 } });
  expect(bad.score).toBeNull();
  expect(bad.scoreError).toMatch(/0–100/);
});

test("unmapping a required column is remembered per sheet, and every row then says what is missing", async () => {
  const base = run(initialState("file"), { type: "read-done", read: await readOf(), canSelect: false });
  const s = paneReducer(base, { type: "map-column", field: "name", col: 0 });
  expect(s.stored.mapping).toEqual({ 考核台账: { name: 0 } });
  const rows = s.score!.result.sheets[0]!.rows;
  expect(rows.every((r) => r.status === "error")).toBe(true);
  expect(rows[0]!.errors.map((e) => e.message).join()).toMatch(/示范岗名称/);
  const back = paneReducer(s, { type: "clear-mapping" });
  expect(back.stored.mapping).toEqual({});
  expect(countsOf(back.score)).toEqual(countsOf(base.score));
});

test("write → progress → done offers undo; a failure keeps the preview and says why", async () => {
  const base = run(initialState("excel"), { type: "read-done", read: await readOf(), canSelect: false });
  const writing = run(base, { type: "write-start" }, { type: "write-progress", done: 50, total: 400 });
  expect(writing).toMatchObject({ phase: "writing", progress: { done: 50, total: 400 } });
  const done = paneReducer(writing, { type: "write-done", cells: 400 });
  expect(done).toMatchObject({ phase: "preview", canUndo: true, progress: null, notice: { intent: "success" } });
  const failed = paneReducer(writing, { type: "failed", message: "工作表受保护" });
  expect(failed).toMatchObject({ phase: "preview", progress: null, notice: { intent: "error", text: "工作表受保护" } });
  expect(paneReducer(done, { type: "undo-done", undone: true })).toMatchObject({ canUndo: false, notice: { intent: "success" } });
});

test("an old Excel is told so and nothing else happens", () => {
  const s = paneReducer(initialState("excel"), { type: "unsupported", message: "此版本的 Excel 不支持本加载项" });
  expect(s).toMatchObject({ phase: "unsupported", notice: { intent: "error", text: "此版本的 Excel 不支持本加载项" } });
});

describe("both schemes side by side", () => {
  const shanghaiGrids = async () => (await XlsxWorkbook.open(new Uint8Array(await fs.readFile(path.join(__dirname, "..", "..", "examples", "shanghai-units.xlsx"))))).readSheets();

  test("a 示范点 workbook is scored with the shanghai scheme, found from its headers", async () => {
    const read: WorkbookRead = { grids: await shanghaiGrids(), stored: {}, undo: null, notes: [] };
    const s = run(initialState("file"), { type: "read-done", read, canSelect: false });
    expect(s).toMatchObject({ scheme: "shanghai", schemeChoice: "auto", ledger: "示范点", scoreError: null });
    expect(countsOf(s.score, s.scheme)).toEqual({ qualified: 11, below: 2, unverified: 3, ineligible: 6, revoke: 2, error: 2 });
  });

  test("a workbook holding both: auto picks one, the user can switch, each scheme keeps its own settings", async () => {
    const read: WorkbookRead = { grids: [...(await exampleGrids()), ...(await shanghaiGrids())], stored: {}, undo: null, notes: [] };
    const s = run(initialState("file"), { type: "read-done", read, canSelect: false }, { type: "filter", filter: "revoke" });
    const other = s.scheme === "hunan" ? "shanghai" : "hunan";
    const switched = paneReducer(s, { type: "choose-scheme", choice: other });
    expect(switched).toMatchObject({ scheme: other, filter: "all", ledger: other === "hunan" ? "考核台账" : "示范点" });
    const sh = paneReducer(paneReducer(s, { type: "choose-scheme", choice: "shanghai" }), { type: "set-unit-settings", settings: { passMark: 95 } });
    expect(countsOf(sh.score, "shanghai").qualified).toBeLessThan(11);
    expect(sh.stored).toEqual({ shanghai: { passMark: 95 } });
    const hu = paneReducer(sh, { type: "choose-scheme", choice: "hunan" });
    expect(countsOf(hu.score, "hunan")).toEqual({ retain: 17, rectify: 11, revoke: 17, error: 4 });
  });

  test("the workbook's state block keeps both schemes' settings", () => {
    const stored = { settings: { revokeBelowScore: 75 }, shanghai: { passMark: 90, plan: { first: { "2025": 3 } } }, mapping: { 示范点: { name: 2 } } };
    expect(parseStateRows(stateRows(stored, null)).stored).toEqual(stored);
  });
});

test("the pane scores with what the last write used, until the secretary chooses settings herself", async () => {
  const read = await readOf();
  const used = { hunan: { by: "score" as const, at: "2025-12-01T00:00:00.000Z", settings: { ...hunan.defaults, cycleStartYear: 2024 } } };
  const s = run(initialState("file"), { type: "read-done", read: { ...read, stored: { settings: { cycleStartYear: 2021 }, used } }, canSelect: false });
  expect(s.score?.scheme === "hunan" && s.score.settings.cycleStartYear).toBe(2024);
  const chosen = paneReducer(s, { type: "set-settings", settings: { cycleStartYear: 2023 } });
  expect(chosen.score?.scheme === "hunan" && chosen.score.settings.cycleStartYear).toBe(2023);
  expect(chosen.stored.used?.hunan).toBeUndefined();
});

test("after a write the pane takes over what was written: the results a re-read would give, the columns no longer new", async () => {
  const bytes = new Uint8Array(await fs.readFile(path.join(__dirname, "..", "..", "examples", "hunan-ledger.xlsx")));
  const port = await FilePort.open(bytes, "台账.xlsx");
  const s0 = run(initialState("file"), { type: "read-done", read: await port.read(schemePicker(hunan)), canSelect: false });
  await port.write(s0.score!.writes);
  // As usePane does: the ownership record and the settings used are saved with the state.
  const stored = withUsed(recordOwnership(s0.stored, s0.score!.writes), s0.score!, "pane", new Date());
  await port.saveState(stored);
  const s1 = run(s0, { type: "write-start" }, { type: "written", writes: s0.score!.writes, cells: 368, stored });
  expect(s1).toMatchObject({ phase: "preview", canUndo: true, progress: null, notice: { intent: "success" } });
  expect(s1.score!.writes[0]!.columns.every((c) => !c.isNew)).toBe(true);
  // The same as reading the written workbook again.
  const reread = run(initialState("file"), { type: "read-done", read: await port.read(schemePicker(hunan)), canSelect: false });
  expect(countsOf(s1.score)).toEqual(countsOf(reread.score));
  expect(s1.score!.writes).toEqual(reread.score!.writes);
  const ledger = (s: typeof s1) => s.read!.grids.find((g) => g.name === "考核台账")!.values;
  expect(ledger(s1)).toEqual(ledger(reread));
});

test("an Excel failure keeps its diagnostics for 复制诊断信息", () => {
  const s = paneReducer(initialState("excel"), { type: "failed", message: "Excel 拒绝了操作（AccessDenied）", details: "错误代码：AccessDenied" });
  expect(s.notice).toEqual({ intent: "error", text: "Excel 拒绝了操作（AccessDenied）", details: "错误代码：AccessDenied" });
});

describe("one clear path (issue 14)", () => {
  test("a write names the sheet and columns it changed and, in the preview, that the next step is to download", async () => {
    const base = run(initialState("file"), { type: "read-done", read: await readOf(), canSelect: false, fileName: "台账.xlsx" });
    expect(base.written).toBe(false);
    const done = paneReducer(base, { type: "written", writes: base.score!.writes, cells: 400 });
    expect(done).toMatchObject({ written: true, lastWrite: "results", canUndo: true });
    expect(done.notice?.text).toBe("已写回「考核台账」AK–AR 列（新增 8 列），共 400 个单元格。下一步：点“下载结果”保存文件。");
    // In Excel the same write says how to get back.
    const excel = run(initialState("excel"), { type: "read-done", read: await readOf(), canSelect: true });
    expect(paneReducer(excel, { type: "written", writes: excel.score!.writes, cells: 400 }).notice?.text).toMatch(/AK–AR 列.*可点“撤销上次写回”恢复。$/);
    // A changed setting means the file no longer holds what is shown.
    expect(paneReducer(done, { type: "set-settings", settings: { revokeBelowScore: 90 } }).written).toBe(false);
  });

  test("undo names what it restores: the result columns, or the quarter columns a survey filled", async () => {
    const base = run(initialState("file"), { type: "read-done", read: await readOf(), canSelect: false });
    const afterWrite = paneReducer(base, { type: "written", writes: base.score!.writes, cells: 400 });
    expect(paneReducer(afterWrite, { type: "undo-done", undone: true }).notice?.text).toBe("已撤销上次写回，结果列恢复为写回前的内容。");
    const afterFill = paneReducer(base, { type: "report-done", text: "已生成工作表「满意度汇总」", lastWrite: "survey" });
    expect(afterFill.canUndo).toBe(true);
    expect(paneReducer(afterFill, { type: "undo-done", undone: true }).notice?.text).toBe("已撤销上次写回，台账的季度满意度列恢复为填入前的内容。");
  });

  test("a message belongs to its tab: switching tabs clears it, except an error", async () => {
    const base = run(initialState("file"), { type: "read-done", read: await readOf(), canSelect: false });
    const done = paneReducer(base, { type: "written", writes: base.score!.writes, cells: 400 });
    expect(paneReducer(done, { type: "tab", tab: "mapping" }).notice).toBeNull();
    const failed = paneReducer(base, { type: "failed", message: "工作表受保护" });
    expect(paneReducer(failed, { type: "tab", tab: "mapping" }).notice?.text).toBe("工作表受保护");
  });

  test("a workbook with two ledgers says so once and scores the one picked; a re-read does not say it again", async () => {
    const read = await readOf();
    const ledger = read.grids.find((g) => g.name === "考核台账")!;
    const two: WorkbookRead = { ...read, grids: [...read.grids, { ...ledger, name: "考核台账（二）" }] };
    const s = run(initialState("file"), { type: "read-done", read: two, canSelect: false });
    expect(s.candidates.map((c) => c.sheet)).toEqual(["考核台账", "考核台账（二）"]);
    expect(s.notice?.text).toBe("有 2 张考核台账「考核台账」「考核台账（二）」，当前计分「考核台账」，可在下方切换。");
    const picked = paneReducer(s, { type: "choose-ledger", sheet: "考核台账（二）" });
    expect(picked.score!.result.sheets[0]!.sheet).toBe("考核台账（二）");
    expect(picked.notice).toBeNull();
    const again = paneReducer({ ...picked, notice: null }, { type: "read-done", read: two, canSelect: false });
    expect(again.notice).toBeNull();
    expect(again.ledger).toBe("考核台账（二）");
  });

  test("a survey-only workbook lands on 汇总 once; opening is cancellable and a cancel keeps what was open", async () => {
    const base = run(initialState("file"), { type: "read-done", read: await readOf(), canSelect: false });
    const landed = paneReducer({ ...base, tab: "results" }, { type: "survey-only", text: "只有满意度调查表" });
    expect(landed).toMatchObject({ tab: "reports", landed: true, notice: { intent: "info", text: "只有满意度调查表" } });
    const opening = run(base, { type: "read-start" }, { type: "progress", progress: { done: 0.4, total: 1, label: "正在计分…", cancellable: true } });
    expect(opening.progress).toEqual({ done: 0.4, total: 1, label: "正在计分…", cancellable: true });
    const cancelled = paneReducer(opening, { type: "cancelled" });
    expect(cancelled).toMatchObject({ phase: "preview", progress: null, notice: { intent: "info", text: "已取消打开。" } });
    expect(cancelled.score).toBe(base.score);
    expect(paneReducer(run(initialState("file"), { type: "read-start" }), { type: "cancelled" }).phase).toBe("empty");
  });

  test("scoring done elsewhere (the preview's worker) is taken as it is", async () => {
    const read = await readOf();
    const elsewhere = run(initialState("file"), { type: "read-done", read, canSelect: false });
    const scored = scoredOf(elsewhere);
    const s = paneReducer(initialState("file"), { type: "read-done", read, canSelect: false, scored, fresh: true });
    expect(s.score).toBe(scored.score);
    expect(countsOf(s.score)).toEqual({ retain: 17, rectify: 11, revoke: 17, error: 4 });
  });
});

test("what the host left out (WPS without charts) is added to the command's message as a warning, never dropped", () => {
  const s0: PaneState = { ...initialState("wps"), phase: "preview", notice: { intent: "success", text: "已生成工作表「年度汇总」。" } };
  const s1 = paneReducer(s0, { type: "host-notes", notes: ["「年度汇总」的“考核结论分布”图未能插入：不支持"] });
  expect(s1.notice).toEqual({ intent: "warning", text: "已生成工作表「年度汇总」。\n未能完成：「年度汇总」的“考核结论分布”图未能插入：不支持" });
  const failed = paneReducer({ ...s0, notice: { intent: "error", text: "写入失败" } }, { type: "host-notes", notes: ["x"] });
  expect(failed.notice).toEqual({ intent: "error", text: "写入失败\n未能完成：x" });
});
