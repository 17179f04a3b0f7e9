/**
 * The register per rule: every 当前状态, every due date, the half-year reports, the post key's tolerance and the
 * near-duplicates. Ledgers are plain grids scored by the engine (cycle start 2025); the date is always given.
 */
import { buildRegister, DUE, historyLine, monthWork, type RegisterState } from "../../src/engine/register";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import type { CellValue, SheetGrid } from "../../src/sheets/grid";
import type { Submission } from "../../src/sheets/registerSheets";

type L = [name: string, type: string, year: number, round: string, elected: number | null, deduct: number, revokeNote?: string, city?: string, unit?: string];

const HEAD = ["市州", "工作单位", "示范岗名称", "岗位类别", "级别", "考核年度", "考核轮次", "当选年度", "为民优质服务扣分", "撤销情形"];
function ledger(rows: L[]): SheetGrid[] {
  const values: CellValue[][] = [HEAD, ...rows.map(([name, type, year, round, elected, deduct, note, city, unit]) => [city ?? "长沙", unit ?? "长沙市质监站", name, type, "市州级", year, round, elected, deduct, note ?? null])];
  return [{ name: "台账", values }];
}
const reg = (rows: L[], asOf: string, submissions?: Submission[]) => buildRegister(scoreWorkbook(ledger(rows), hunan, { settings: { cycleStartYear: 2025 } }), { asOf, ...(submissions ? { submissions } : {}) });
const only = (rows: L[], asOf: string, submissions?: Submission[]) => {
  const r = reg(rows, asOf, submissions);
  expect(r.posts).toHaveLength(1);
  return r.posts[0]!;
};

describe("当前状态", () => {
  test.each<[string, L[], string, RegisterState, number | null]>([
    ["retained this year → 有效", [["报建窗口", "服务岗", 2025, "初评", 2025, 0]], "2025-08-01", "active", null],
    ["整改 without a 复评 → 整改待复评", [["报建窗口", "服务岗", 2025, "初评", 2025, 10]], "2025-08-01", "rectify-pending", null],
    ["整改 then 复评 保持 → 有效", [["报建窗口", "服务岗", 2025, "初评", 2025, 10], ["报建窗口", "服务岗", 2025, "复评", 2025, 0]], "2025-12-01", "active", null],
    ["score exactly 70 is kept (整改待复评)", [["报建窗口", "服务岗", 2025, "初评", 2025, 30]], "2025-08-01", "rectify-pending", null],
    ["score 69 → 已撤销 (A11a)", [["报建窗口", "服务岗", 2025, "初评", 2025, 31]], "2025-08-01", "revoked", 2025],
    ["two below 80 → 已撤销 (A11b)", [["报建窗口", "服务岗", 2025, "初评", 2025, 25], ["报建窗口", "服务岗", 2025, "复评", 2025, 25]], "2025-12-01", "revoked", 2025],
    ["撤销情形 → 已撤销", [["报建窗口", "服务岗", 2025, "初评", 2025, 0, "查实投诉"]], "2025-08-01", "revoked", 2025],
    ["revoked 2024, the title's 2025 row carried (A11c) → 已撤销 (2024)", [["报建窗口", "服务岗", 2024, "初评", 2024, 50], ["报建窗口", "服务岗", 2025, "初评", 2024, 0]], "2025-08-01", "revoked", 2024],
    ["revoked 2024, elected anew 2025 → 有效", [["报建窗口", "服务岗", 2024, "初评", 2024, 50], ["报建窗口", "服务岗", 2025, "初评", 2025, 0]], "2025-08-01", "active", null],
    ["elected 2023 (first of its cycle) → 至 2024 → 期满 in 2025", [["报建窗口", "服务岗", 2024, "初评", 2023, 0]], "2025-03-01", "expired", null],
    ["elected 2024 (second of its cycle) → 至 2024 → 期满 in 2025", [["报建窗口", "服务岗", 2024, "初评", 2024, 0]], "2025-03-01", "expired", null],
    ["elected 2024, on 2024-12-31 still 有效", [["报建窗口", "服务岗", 2024, "初评", 2024, 0]], "2024-12-31", "active", null],
    ["assessed after the 示范期 → 期满", [["报建窗口", "服务岗", 2025, "初评", 2023, 0]], "2025-03-01", "expired", null],
  ])("%s", (_name, rows, asOf, state, revokedYear) => {
    const p = only(rows, asOf);
    expect(p.state).toBe(state);
    expect(p.revokedYear).toBe(revokedYear);
  });

  test("the history line reads year, round, score and status in order", () => {
    const p = only([["报建窗口", "服务岗", 2025, "初评", 2025, 0], ["报建窗口", "服务岗", 2024, "复评", 2023, 15], ["报建窗口", "服务岗", 2024, "初评", 2023, 25]], "2025-08-01");
    expect(historyLine(p.history)).toBe("2024 初评 75 整改 → 2024 复评 85 整改 → 2025 初评 100 保持");
  });
});

describe("next step and due date", () => {
  test.each<[string, L[], string, { what: RegExp; due: string | null }, boolean]>([
    ["整改待复评: 复评 by the 考核年度's end", [["报建窗口", "服务岗", 2025, "初评", 2025, 10]], "2025-08-01", { what: /整改并提交整改报告后复评/, due: "2025-12-31" }, false],
    ["整改待复评: overdue the next year", [["报建窗口", "服务岗", 2025, "初评", 2025, 10]], "2026-01-02", { what: /复评/, due: "2025-12-31" }, true],
    ["已撤销: no due date", [["报建窗口", "服务岗", 2025, "初评", 2025, 40]], "2025-08-01", { what: /不得参加 2026 年评选/, due: null }, false],
    ["期满 before April: this year's selection", [["报建窗口", "服务岗", 2024, "初评", 2024, 0]], "2025-04-30", { what: /可参加 2025 年 4 月评选/, due: "2025-04-30" }, false],
    ["期满 after April: next year's selection", [["报建窗口", "服务岗", 2024, "初评", 2024, 0]], "2025-05-01", { what: /可参加 2026 年 4 月评选/, due: "2026-04-30" }, false],
    ["有效, not yet assessed this year: 复查考核 by the year's end", [["报建窗口", "服务岗", 2025, "初评", 2025, 0]], "2026-02-01", { what: /2026 年度复查考核/, due: "2026-12-31" }, false],
    ["有效, assessed, title to 2026: expiry", [["报建窗口", "服务岗", 2025, "初评", 2025, 0]], "2025-08-01", { what: /示范期于 2026 年届满/, due: "2026-12-31" }, false],
  ])("%s", (_name, rows, asOf, next, overdue) => {
    const p = only(rows, asOf);
    expect(p.next?.what).toMatch(next.what);
    expect(p.next?.due ?? null).toBe(next.due);
    expect(p.due[0]?.overdue ?? false).toBe(overdue);
  });

  test("the seed's months as dates", () => {
    expect([DUE.report(2025, 1), DUE.report(2025, 2), DUE.yearEnd(2025), DUE.selection(2026)]).toEqual(["2025-07-31", "2026-01-31", "2025-12-31", "2026-04-30"]);
  });
});

describe("half-year reports (第六条)", () => {
  const post: L[] = [["报建窗口", "服务岗", 2025, "初评", 2025, 0]];
  const sub = (h1: string | null, h2: string | null, year = 2025): Submission => ({
    sheet: "报送情况",
    row: 2,
    city: "长沙",
    unit: "长沙市质监站",
    name: "报建窗口党员服务示范岗",
    year,
    h1: h1 === null ? null : { submitted: h1 !== "no", date: h1 === "no" || h1 === "yes" ? null : h1, cell: "E2" },
    h2: h2 === null ? null : { submitted: true, date: h2, cell: "F2" },
  });
  test.each<[string, string, Submission[] | undefined, string[]]>([
    ["before July nothing is owed yet", "2025-06-30", [sub(null, null)], []],
    ["in July, unsubmitted: due", "2025-07-01", [sub(null, null)], ["2025-1:due"]],
    ["on the due date, unsubmitted: still due", "2025-07-31", [sub(null, null)], ["2025-1:due"]],
    ["the day after: overdue", "2025-08-01", [sub(null, null)], ["2025-1:overdue"]],
    ["submitted on time", "2025-08-01", [sub("2025-07-31", null)], ["2025-1:submitted"]],
    ["submitted late", "2025-08-01", [sub("2025-08-01", null)], ["2025-1:late"]],
    ["marked 未报送", "2025-08-01", [sub("no", null)], ["2025-1:overdue"]],
    ["the 下半年 report is owed in the next January", "2026-01-15", [sub("2025-07-10", null)], ["2025-1:submitted", "2025-2:due"]],
    ["no 报送情况 sheet: unrecorded", "2025-08-01", undefined, ["2025-1:unrecorded"]],
    ["a year the sheet has no row for: unrecorded", "2025-08-01", [sub("2024-07-01", null, 2024)], ["2025-1:unrecorded"]],
  ])("%s", (_name, asOf, subs, want) => {
    const p = only(post, asOf, subs);
    expect(p.reports.map((h) => `${h.year}-${h.half}:${h.state}`)).toEqual(want);
  });

  test("a revoked title owes its revocation year's 上半年 report, not the 下半年", () => {
    const p = only([["报建窗口", "服务岗", 2025, "初评", 2025, 40]], "2026-02-01", [sub(null, null)]);
    expect(p.reports.map((h) => `${h.year}-${h.half}:${h.state}`)).toEqual(["2025-1:overdue"]);
  });

  test("the summary counts them, and the month's work lists what is due and overdue", () => {
    const r = reg([...post, ["质量监督科", "监督岗", 2025, "初评", 2025, 10]], "2025-08-10", [sub("2025-07-10", null)]);
    expect(r.reports).toMatchObject({ recorded: true, submitted: 1, overdue: 1, due: 0 });
    expect(monthWork(r).map((w) => [w.post, w.kind, w.overdue])).toEqual([["质量监督科", "report", true]]);
  });
});

describe("one row per post; near-duplicates listed, never merged", () => {
  test("spacing, full-width characters, brackets and the 党员…示范岗 suffix are one post", () => {
    const r = reg(
      [
        ["报建窗口", "服务岗", 2023, "初评", 2023, 0],
        ["报建窗口　党员服务示范岗", "服务岗", 2024, "初评", 2023, 0, undefined, "长沙市", "长沙市质监站 "],
        ["报建窗口（党员服务示范岗）", "服务岗", 2025, "初评", 2025, 0],
        ["ＡＢ窗口", "服务岗", 2025, "初评", 2025, 0],
        ["AB窗口党员示范岗", "服务岗", 2024, "初评", 2024, 0],
      ],
      "2025-08-01",
    );
    expect(r.posts.map((p) => [p.name, p.history.length])).toEqual([
      ["报建窗口（党员服务示范岗）", 3],
      ["ＡＢ窗口", 2],
    ]);
    expect(r.posts[0]!.aliases).toEqual(["报建窗口", "报建窗口 党员服务示范岗"]); // text facts are read with spaces collapsed
    expect(r.nearDuplicates).toEqual([]);
  });

  test.each<[string, L[], string | null]>([
    ["一 / 1 in different years", [["质量监督一科", "监督岗", 2024, "初评", 2024, 0], ["质量监督1科", "监督岗", 2025, "初评", 2025, 0]], "名称只差数字写法（一/1）"],
    ["one name inside the other", [["质量监督科", "监督岗", 2024, "初评", 2024, 0], ["质量监督科室", "监督岗", 2025, "初评", 2025, 0]], "一个名称包含另一个"],
    ["one character apart", [["安全监督一组", "监督岗", 2024, "初评", 2024, 0], ["安全监察一组", "监督岗", 2025, "初评", 2025, 0]], "名称只差一个字"],
    ["the same name under two spellings of the unit", [["备案窗口", "服务岗", 2024, "初评", 2024, 0, undefined, "衡阳", "衡阳市质监站"], ["备案窗口", "服务岗", 2025, "初评", 2025, 0, undefined, "衡阳", "衡阳市建设工程质量安全监督站"]], "名称相同、工作单位写法不同"],
    ["two posts of one unit assessed the same year are two posts", [["质量监督一科", "监督岗", 2025, "初评", 2025, 0], ["质量监督二科", "监督岗", 2025, "初评", 2025, 0]], null],
    ["other 市州 are never near-duplicates", [["备案窗口", "服务岗", 2024, "初评", 2024, 0, undefined, "衡阳", "A站"], ["备案窗口", "服务岗", 2025, "初评", 2025, 0, undefined, "株洲", "B站"]], null],
  ])("%s", (_name, rows, reason) => {
    const r = reg(rows, "2025-08-01");
    expect(r.posts).toHaveLength(2);
    expect(r.nearDuplicates.map((d) => d.reason)).toEqual(reason ? [reason] : []);
  });
});

test("a date that is not YYYY-MM-DD is refused", () => {
  expect(() => reg([["报建窗口", "服务岗", 2025, "初评", 2025, 0]], "2025/8/1")).toThrow(/YYYY-MM-DD/);
});
