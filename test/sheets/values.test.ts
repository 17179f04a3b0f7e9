import { parseCount, parseRate, parseReview, parseYear, parseYesNo, parseYesNoOrText } from "../../src/sheets/values";
import type { CellValue } from "../../src/sheets/grid";

const value = <T>(p: { kind: string; value?: T }) => (p.kind === "ok" ? p.value : p.kind);

describe("yes/no family", () => {
  test.each<[CellValue, boolean | string]>([
    ["是", true], ["否", false], ["有", true], ["无", false], ["Y", true], ["n", false], ["yes", true], ["No", false],
    [true, true], [false, false], ["TRUE", true], ["false", false], [1, true], [0, false], ["1", true], ["0", false],
    ["√", true], ["×", false], ["✓", true], ["✗", false], [" 是 ", true], ["", "blank"], [null, "blank"], ["/", "blank"],
    ["也许", "bad"], [2, "bad"],
  ])("%p → %p", (input, expected) => {
    expect(value(parseYesNo(input))).toBe(expected);
  });
  test("a named case counts as yes and keeps its text", () => {
    expect(parseYesNoOrText("受到警告处分")).toEqual({ kind: "ok", value: true, text: "受到警告处分", read: true });
  });
});

describe("rates (percent 0–100)", () => {
  test.each<[CellValue, string | undefined, number | string]>([
    [0.92, undefined, 92], ["92%", undefined, 92], ["92", undefined, 92], [92, undefined, 92], ["92.0%", undefined, 92],
    ["９２％", undefined, 92], ["０．９２", undefined, 92], [0.92, "0%", 92], [1, "0.0%", 100], [1, undefined, 100],
    [0.8, undefined, 80], [0.57, undefined, 57], [100, undefined, 100], [0, undefined, 0], ["0%", undefined, 0],
    [1.5, "0%", "bad"], [101, undefined, "bad"], [-0.1, undefined, "bad"], ["高", undefined, "bad"], [true, undefined, "bad"],
    ["", undefined, "blank"], ["—", undefined, "blank"],
  ])("%p (format %p) → %p", (input, fmt, expected) => {
    expect(value(parseRate(input, fmt))).toBe(expected);
  });
});

describe("counts", () => {
  test.each<[CellValue, number | string]>([
    [0, 0], [2, 2], ["2", 2], ["2次", 2], ["2人次", 2], ["２次", 2], ["两次", 2], ["无", 0], [" 3 次", 3],
    [1.5, "bad"], [-1, "bad"], ["1.5", "bad"], ["-2", "bad"], ["多次", "bad"], [null, "blank"],
  ])("%p → %p", (input, expected) => {
    expect(value(parseCount(input))).toBe(expected);
  });
});

describe("years", () => {
  test.each<[CellValue, string | undefined, number | string]>([
    [2025, undefined, 2025], ["2025年", undefined, 2025], ["2025年度", undefined, 2025], ["2025", undefined, 2025],
    [new Date(Date.UTC(2025, 5, 30)), undefined, 2025], ["2025-06-30", undefined, 2025], [45838, "yyyy-mm-dd", 2025],
    [45838, undefined, "bad"], ["今年", undefined, "bad"], [25, undefined, "bad"], [null, undefined, "blank"],
  ])("%p (format %p) → %p", (input, fmt, expected) => {
    expect(value(parseYear(input, fmt))).toBe(expected);
  });
});

describe("reviewer deductions", () => {
  test.each<[CellValue, unknown]>([
    [10, { points: 10 }], [-10, { points: 10 }], ["扣10分", { points: 10 }], ["-10", { points: 10 }], ["10分", { points: 10 }],
    ["撤销", { revoke: true }], ["不扣分", { points: 0 }], [0, { points: 0 }], ["很多", "bad"],
  ])("%p → %p", (input, expected) => {
    const p = parseReview(input);
    expect(p.kind === "ok" ? p.value : p.kind).toEqual(expected);
  });
});
