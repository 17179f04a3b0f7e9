import { promises as fs } from "node:fs";
import path from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import fc from "fast-check";
import { tallyLayout } from "../../src/engine/reportLayouts";
import { answerLabel, band, formatRate, NoSurveyError, parseDateQuarter, parseQuarter, planLedgerFill, shownRate, tallySurvey } from "../../src/engine/survey";
import { parseRate } from "../../src/sheets/values";
import { formatValue } from "../../src/engine/operators";
import { hunan } from "../../src/schemes/hunan";
import { resolveSettings } from "../../src/schemes/schema";
import type { SheetGrid } from "../../src/sheets/grid";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const settings = resolveSettings(hunan);
const grids = async (file: string) => (await XlsxWorkbook.open(new Uint8Array(await fs.readFile(path.join(FIXTURES, file))))).readSheets();

describe("quarter forms (workbooks.md sheet C)", () => {
  test.each<[string, unknown, unknown]>([
    ["2025Q1", "2025Q1", { year: 2025, quarter: 1 }],
    ["2025-Q3", "2025-Q3", { year: 2025, quarter: 3 }],
    ["2025年第一季度", "2025年第一季度", { year: 2025, quarter: 1 }],
    ["2025年1季度", "2025年1季度", { year: 2025, quarter: 1 }],
    ["2025年度第四季度", "2025年度第四季度", { year: 2025, quarter: 4 }],
    ["一季度 (year elsewhere)", "一季度", { year: null, quarter: 1 }],
    ["第2季度", "第2季度", { year: null, quarter: 2 }],
    ["Q4", "q4", { year: null, quarter: 4 }],
    ["the number 3", 3, { year: null, quarter: 3 }],
    ["full-width", "２０２５Ｑ２", { year: 2025, quarter: 2 }],
    ["blank", null, null],
    ["下半年 is not a quarter", "下半年", "bad"],
    ["quarter 5", "2025Q5", "bad"],
    ["the number 5", 5, "bad"],
  ])("%s", (_l, v, expected) => {
    expect(parseQuarter(v as never)).toEqual(expected);
  });

  test.each<[string, unknown, string, unknown]>([
    ["a date value", new Date(Date.UTC(2025, 4, 3)), "", { year: 2025, quarter: 2 }],
    ["a serial with a date format", 45672, "yyyy-mm-dd", { year: 2025, quarter: 1 }],
    ["a serial without a date format", 45672, "General", "bad"],
    ["text 2025-09-30", "2025-09-30", "", { year: 2025, quarter: 3 }],
    ["text 2025年12月1日", "2025年12月1日", "", { year: 2025, quarter: 4 }],
    ["text with a time", "2025/7/1 10:30", "", { year: 2025, quarter: 3 }],
    ["month 13", "2025-13-01", "", "bad"],
  ])("date: %s", (_l, v, fmt, expected) => {
    expect(parseDateQuarter(v as never, fmt)).toEqual(expected);
  });
});

describe("answers on every scale", () => {
  test.each<[unknown, string | null]>([
    ["满意", "满意"],
    ["基本满意", "基本满意"],
    [" 不满意 ", "不满意"],
    ["非常满意", "非常满意"],
    ["一般", "一般"],
    [5, "5"],
    ["4分", "4"],
    ["５", "5"],
    [4.5, null],
    ["还行", null],
  ])("%p → %p", (v, label) => {
    expect(answerLabel(v as never, settings.answerWeights)).toBe(label);
  });
});

describe("bands of H1a/H1b and the 80% boundary", () => {
  test.each<[number, string]>([
    [0.95, "ok"],
    [0.9, "ok"],
    [0.8999, "deduct"],
    [0.8, "deduct"],
    [0.7999, "revoke"],
    [0, "revoke"],
  ])("%p → %s", (rate, expected) => {
    expect(band(rate, settings)).toBe(expected);
  });
  test("the boundary is the scheme's setting: 80% revokes when equalIsBelow", () => {
    const strict = resolveSettings(hunan, { thresholds: { satisfactionMin: { equalIsBelow: true } } });
    expect(band(0.8, strict)).toBe("revoke");
    expect(band(20 / 25, settings)).toBe("deduct");
  });
});

describe("tallying a counts sheet (written by SheetJS)", () => {
  test("per post × quarter: sample, counts, rate, band, warnings, unmatched", async () => {
    const t = tallySurvey(await grids("survey-counts.xlsx"), hunan, settings);
    expect(t.sheets).toEqual([{ sheet: "满意度统计", shape: "counts", headerRow: 2, rows: 5 }]);
    const pick = (post: string, q: number) => t.tally.find((e) => e.post === post && e.quarter === q);
    expect(pick("报建窗口", 1)).toMatchObject({ city: "长沙", year: 2025, valid: 25, positive: 20, rate: 0.8, band: "deduct", counts: { 满意: 15, 基本满意: 5, 不满意: 5 }, key: "长沙|长沙市质监站|报建窗口" });
    expect(pick("报建窗口", 2)).toMatchObject({ valid: 30, positive: 27, rate: 0.9, band: "ok", warnings: [] });
    expect(pick("押证窗口", 1)).toMatchObject({ valid: 15, rate: 1, band: "ok" });
    expect(pick("押证窗口", 1)!.warnings.map((w) => w.code)).toEqual(["small-sample"]);
    // The row with "约3人" is left out and reported with its cell.
    expect(pick("押证窗口", 2)).toBeUndefined();
    expect(t.errors).toEqual([{ cell: "F6", message: expect.stringContaining("约3人") as string }]);
    expect(t.unmatched).toEqual([
      expect.objectContaining({ kind: "not-in-ledger", post: "办证大厅", city: "株洲" }),
      expect.objectContaining({ kind: "no-survey", post: "押证窗口", year: 2025, quarter: 2 }),
    ]);
  });

  test("--fill-ledger plans only the quarter cells of matched posts, with the rate as shown (truncated to 0.01%)", async () => {
    const g = await grids("survey-counts.xlsx");
    const fill = planLedgerFill(g, tallySurvey(g, hunan, settings));
    expect(fill.cells).toEqual([
      { sheet: "考核台账", cell: "F2", rate: 0.8 },
      { sheet: "考核台账", cell: "F3", rate: 1 },
      { sheet: "考核台账", cell: "G2", rate: 0.9 },
    ]);
    const q1 = fill.writes[0]!.columns[0]!;
    expect(q1).toMatchObject({ col: 6, isNew: false, mask: [true, true, false] });
  });
});

test("responses with dates and 1–5 scores (blank and unreadable counted apart)", async () => {
  const t = tallySurvey(await grids("survey-dates.xlsx"), hunan, settings);
  expect(t.ledgerSheets).toEqual([]);
  expect(t.unmatched).toEqual([]);
  expect(t.tally.map((e) => [e.quarter, e.valid, e.positive, e.blank, e.invalid, e.rate, e.band])).toEqual([
    [1, 20, 19, 2, 1, 0.95, "ok"],
    [2, 10, 8, 0, 0, 0.8, "deduct"],
  ]);
  expect(t.tally[0]!.counts).toEqual({ "5": 18, "4": 1, "2": 1 });
  expect(t.tally[0]!.warnings.map((w) => w.code)).toEqual(["blank-answers", "invalid-answers"]);
});

test("the label → weight table is a setting", async () => {
  const g = await grids("survey-counts.xlsx");
  const halfBasic = resolveSettings(hunan, { answerWeights: { 基本满意: 0.5 } });
  const e = tallySurvey(g, hunan, halfBasic).tally.find((x) => x.post === "报建窗口" && x.quarter === 1)!;
  expect([e.positive, e.rate, e.band]).toEqual([17.5, 0.7, "revoke"]);
  expect(() => resolveSettings(hunan, { answerWeights: { 满意: 2 } })).toThrow(/answerWeights/);
  expect(() => resolveSettings(hunan, { minSample: 0 })).toThrow(/minSample/);
});

test("a workbook without a survey sheet says what it looked for", () => {
  const g: SheetGrid[] = [{ name: "考核台账", values: [["示范岗名称", "岗位类别"], ["报建窗口", "服务岗"]] }];
  expect(() => tallySurvey(g, hunan, settings)).toThrow(NoSurveyError);
  expect(() => tallySurvey(g, hunan, settings)).toThrow(/「考核台账」/);
});

test("a quarter without a year takes the 年度 column, else --year, else is an error", () => {
  const g = (rows: unknown[][]): SheetGrid[] => [{ name: "问卷", values: rows as never }];
  const withYearCol = tallySurvey(g([["示范岗名称", "年度", "季度", "评价"], ["A", "2024年", "二季度", "满意"]]), hunan, settings);
  expect(withYearCol.tally.map((e) => [e.year, e.quarter])).toEqual([[2024, 2]]);
  const bare = [["示范岗名称", "季度", "评价"], ["A", "二季度", "满意"]];
  expect(tallySurvey(g(bare), hunan, settings, { year: 2025 }).tally.map((e) => e.year)).toEqual([2025]);
  const none = tallySurvey(g(bare), hunan, settings);
  expect(none.tally).toEqual([]);
  expect(none.errors[0]!.message).toMatch(/无法确定年度/);
});

describe("a shown rate never contradicts its band", () => {
  test.each([
    ["17,999 of 20,000 (89.995%)", 17999, 20000, "89.99%", "deduct"],
    ["8,999,999 of 10,000,000 (89.99999%)", 8999999, 10000000, "89.99%", "deduct"],
    ["9 of 10 (exactly 90%)", 9, 10, "90.00%", "ok"],
    ["7,999 of 10,000 (79.99%)", 7999, 10000, "79.99%", "revoke"],
    ["15,999 of 20,000 (79.995%)", 15999, 20000, "79.99%", "revoke"],
    ["4 of 5 (exactly 80%)", 4, 5, "80.00%", "deduct"],
    ["2 of 3 (66.666…%)", 2, 3, "66.66%", "revoke"],
    ["29 of 30 (96.666…%)", 29, 30, "96.66%", "ok"],
  ])("%s is shown %s and banded %s", (_name, positive, valid, text, b) => {
    expect(formatRate(positive / valid)).toBe(text);
    expect(band(positive / valid, settings)).toBe(b);
  });

  test("the filled cell, read back by the engine, bands as the exact rate (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200000 }), fc.double({ min: 0, max: 1, noNaN: true }), (valid, share) => {
        const positive = Math.floor(valid * share);
        const exact = positive / valid;
        const shown = shownRate(exact);
        const read = parseRate(shown, "0.00%");
        expect(read.kind).toBe("ok");
        expect(band((read.kind === "ok" ? read.value : NaN) / 100, settings)).toBe(band(exact, settings));
        // What "0.00%" displays is the shown value itself: two places of a percent, no rounding.
        expect(Math.round(shown * 10000)).toBeCloseTo(shown * 10000, 6);
        expect(formatRate(exact) === "90.00%").toBe(band(exact, settings) === "ok" && shown === 0.9);
      }),
    );
  });

  test("17,999 of 20,000: the 满意度汇总 and the fill show 89.99%, banded 扣10分", () => {
    const counts: SheetGrid[] = [
      { name: "考核台账", values: [["市州", "工作单位", "示范岗名称", "岗位类别", "考核年度", "一季度满意度"], ["长沙", "站", "报建窗口", "服务岗", 2025, null]] },
      { name: "满意度统计", values: [["示范岗名称", "市州", "工作单位", "季度", "满意人数", "基本满意人数", "不满意人数"], ["报建窗口", "长沙", "站", "2025Q1", 15000, 2999, 2001]] },
    ];
    const t = tallySurvey(counts, hunan, settings);
    expect(t.tally[0]).toMatchObject({ valid: 20000, positive: 17999, rate: 0.8999, band: "deduct" });
    const fill = planLedgerFill(counts, t);
    expect(fill.cells.map((c) => c.rate)).toEqual([0.8999]);
    expect(fill.writes[0]!.columns[0]!.numberFormat).toBe("0.00%");
    const l = tallyLayout(t, hunan, settings, new Date(2025, 11, 31));
    const row = l.values.find((r) => r.includes("报建窗口"))!;
    expect(row).toContain(0.8999);
  });
});

test.each([
  [89.999999999, "89.999999999%"],
  [89.995, "89.995%"],
  [90, "90%"],
  [85, "85%"],
])("the explanation (ledger 扣分明细 and the pane) shows %p as %s, every place the reader kept", (v, text) => {
  expect(formatValue(v, "%")).toBe(text);
});
