import { validThrough } from "../../src/engine/scoreLedger";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { hunan } from "../../src/schemes/hunan";
import { gridOf, post, scoreOne, scoreRows } from "../helpers";

describe("two consecutive assessments below 80 (第十一条)", () => {
  test("an earlier year's row of the same post counts", () => {
    const rows = scoreRows([post({ year: 2024, review1: 25 }), post({ year: 2025, review1: 25 })]);
    expect(rows.map((r) => r.status)).toEqual(["rectify", "revoke"]);
    expect(rows[1]!.revocations[0]).toEqual(expect.objectContaining({ rule: "A11b" }));
  });
  test("rows are ordered by year then 初评 → 复评, not by sheet order", () => {
    const rows = scoreRows([
      post({ year: 2025, round: "复评", review1: 25 }),
      post({ year: 2025, round: "初评", review1: 25 }),
      post({ year: 2024, review1: 0 }),
    ]);
    expect(rows.map((r) => r.status)).toEqual(["revoke", "rectify", "retain"]);
  });
  test("other posts do not count: key is 市州 + 工作单位 + 示范岗名称", () => {
    const rows = scoreRows([post({ year: 2024, review1: 25 }), post({ year: 2025, review1: 25, unit: "株洲市质监站" })]);
    expect(rows.map((r) => r.status)).toEqual(["rectify", "rectify"]);
  });
  test("上次得分 is used when no earlier row is present", () => {
    expect(scoreOne({ review1: 25, lastScore: "75分" }).status).toBe("revoke");
  });
  test("an earlier row wins over 上次得分, with a warning when they differ", () => {
    const rows = scoreRows([post({ year: 2024, review1: 0 }), post({ year: 2025, review1: 25, lastScore: 75 })]);
    expect(rows[1]!.status).toBe("rectify");
    expect(rows[1]!.warnings.map((w) => w.code)).toContain("last-score-differs");
  });
  test("a previous row with an input error is reported, not guessed", () => {
    const rows = scoreRows([post({ year: 2024, q1: "高" }), post({ year: 2025, review1: 25 })]);
    expect(rows.map((r) => r.status)).toEqual(["error", "rectify"]);
    expect(rows[1]!.warnings.map((w) => w.code)).toContain("previous-unknown");
  });
});

describe("demonstration period (第十条)", () => {
  test.each([
    [2025, 2025, 2026],
    [2026, 2025, 2026],
    [2027, 2025, 2028],
    [2024, 2025, 2024],
    [2023, 2025, 2024],
  ])("elected %i, cycles start %i → valid through %i", (elected, start, through) => {
    expect(validThrough(elected, start)).toBe(through);
  });
  test("an assessment after the period is flagged 期满", () => {
    const r = scoreOne({ electedYear: 2024, year: 2025 });
    expect(r.validThrough).toBe(2024);
    expect(r.warnings.find((w) => w.code === "expired")?.message).toContain("期满");
  });
  test("cycleStartYear is a setting", () => {
    expect(scoreOne({ electedYear: 2024 }, { settings: { cycleStartYear: 2024 } }).validThrough).toBe(2025);
  });
  test("a post revoked in Y and elected again in Y+1 is warned", () => {
    const rows = scoreRows([post({ year: 2024, leaderAdvanced: "否" }), post({ year: 2025, electedYear: 2025 })]);
    expect(rows[1]!.warnings.map((w) => w.code)).toContain("reselected-after-revoke");
  });
});

describe("consequences of revocation", () => {
  test("a 省级 post loses the 省级 title too", () => {
    const r = scoreOne({ level: "省级", complaint: "是" });
    expect(r.consequences).toEqual(["收回荣誉证书", "不得参加下一次评选", "报省总站备案", "同时撤销省级党员示范岗称号"]);
  });
});

describe("input errors", () => {
  test("an unreadable cell makes only that row 数据有误, naming the cell and what was expected", () => {
    const rows = scoreRows([post({ q1: "良好" }), post({ name: "押证窗口", noIdentity: "是" })]);
    expect(rows[0]).toEqual(expect.objectContaining({ status: "error", score: null, deductionTotal: null }));
    expect(rows[0]!.errors).toEqual([{ cell: "F2", message: expect.stringMatching(/F2.*良好.*比率/) }]);
    expect(rows[1]).toEqual(expect.objectContaining({ status: "rectify", score: 70 }));
  });
  test("a missing post type is an error", () => {
    expect(scoreOne({ postType: null, noIdentity: "是" }).errors[0]!.message).toContain("服务岗 或 监督岗");
  });
});

describe("members (成员 sheet)", () => {
  const members = [
    { name: "报建窗口", memberName: "张三", role: "质量", paper: "否", annualGrade: "优秀", excellentProjects: 0, contactPoint: "是" },
    { name: "报建窗口", memberName: "李四", role: "安全", paper: "否", annualGrade: "合格", excellentProjects: 0, demoSites: 2, contactPoint: "否" },
    { name: "其他岗", memberName: "王五", paper: "否" },
  ];
  test("each member is one occurrence; role limits quality/safety rules", () => {
    const r = scoreRows([post({ postType: "监督岗" })], { members })[0]!;
    const byRule = Object.fromEntries(r.deductions.map((d) => [d.rule, d.points]));
    expect(byRule).toEqual({ H8: 10, H9h: 20, H10: 20 });
    expect(r.deductions.find((d) => d.rule === "H8")!.cells).toEqual(["成员!D2", "成员!D3"]);
    expect(r.score).toBe(50);
  });
  test("a member rated 基本合格 revokes", () => {
    const r = scoreRows([post()], { members: [{ name: "报建窗口", memberName: "张三", annualGrade: "基本合格" }] })[0]!;
    expect(r.revocations.map((v) => v.rule)).toEqual(["H9c"]);
  });
  test("the ledger's own column wins over members, with a warning when they differ", () => {
    const r = scoreRows([post({ noPaper: 1 })], { members })[0]!;
    expect(r.deductions.find((d) => d.rule === "H8")!.points).toBe(5);
    expect(r.warnings.map((w) => w.code)).toContain("member-differs");
  });
  test("an unreadable member cell makes the post's row 数据有误 with the member sheet's address", () => {
    const r = scoreRows([post()], { members: [{ name: "报建窗口", memberName: "张三", paper: "可能" }] })[0]!;
    expect(r.status).toBe("error");
    expect(r.errors[0]!.cell).toBe("成员!C2");
  });
});

describe("reviewers' own columns", () => {
  test("the reviewer's column counts; a difference from the facts is a warning", () => {
    const r = scoreOne({ noIdentity: "是", review2: "扣20分" });
    expect(r.deductions.map((d) => [d.rule, d.points])).toEqual([["R2", 20]]);
    expect(r.warnings.find((w) => w.code === "review-differs")?.message).toContain("第2项");
  });
  test("agreement gives no warning", () => {
    const r = scoreOne({ noIdentity: "是", review2: -30 });
    expect(r.score).toBe(70);
    expect(r.warnings.map((w) => w.code)).not.toContain("review-differs");
  });
  test("撤销 in a reviewer column revokes", () => {
    expect(scoreOne({ review9: "撤销" }).revocations.map((v) => v.rule)).toEqual(["R9"]);
  });
  test("any text in 撤销情形 revokes with that text as the reason", () => {
    const r = scoreOne({ revokeNote: "负责人受到党纪处分" });
    expect(r.revocations[0]!.reason).toContain("负责人受到党纪处分");
  });
  test("rules that could not be checked are listed", () => {
    const r = scoreOne({ noIdentity: "否" });
    const w = r.warnings.find((x) => x.code === "unchecked");
    expect(w?.rules).toContain("H2b");
    expect(w?.rules).not.toContain("H2a");
    expect(w?.rules).not.toContain("H1d");
  });
});

describe("a post's life across rows, sheets and years (第十一条)", () => {
  const codes = (r: { warnings: { code: string }[] }) => r.warnings.map((w) => w.code);
  test.each([
    ["spacing", "报建 窗口"],
    ["the 党员服务示范岗 suffix", "报建窗口党员服务示范岗"],
    ["full-width brackets", "报建窗口（党员示范岗）"],
    ["a full-width space", "报建\u3000窗口"],
    ["a 市 after the city", "报建窗口", "长沙市"],
  ])("the key tolerates %s", (_name, name, city = "长沙") => {
    const rows = scoreRows([post({ year: 2024, review1: 25 }), post({ year: 2025, review1: 25, name, city })]);
    expect(rows[1]!.revocations.map((r) => r.rule)).toContain("A11b");
  });
  test.each([
    ["a 复评 the same year", post({ year: 2024, leaderAdvanced: "否" }), post({ year: 2024, round: "复评" }), /2024年初评已撤销（考核台账 第2行），复评不恢复称号/],
    ["the next year's row, no 当选年度", post({ year: 2024, leaderAdvanced: "否" }), post({ year: 2025 }), /2024年初评已撤销（考核台账 第2行），2025年的考核不恢复称号/],
    ["the next year's row, same 当选年度", post({ year: 2024, electedYear: 2024, leaderAdvanced: "否" }), post({ year: 2025, electedYear: 2024 }), /2025年的考核不恢复称号/],
    ["a revocation at 复评", post({ year: 2024, review1: 25 }), post({ year: 2024, round: "复评", review1: 25 }), null],
  ])("after a revocation the title is gone: %s is 撤销, never 保持", (_name, first, later, reason) => {
    const rows = scoreRows([first, later, post({ year: 2026 })]);
    expect(rows.slice(-2).map((r) => r.status)).toEqual(["revoke", "revoke"]);
    const carried = rows[rows.length - 1]!.revocations[0]!;
    expect(carried.rule).toBe("A11c");
    if (reason) expect(rows[1]!.revocations[0]!.reason).toMatch(reason);
    expect(rows[rows.length - 1]!.consequences).toContain("报省总站备案");
  });
  test("a carried row is still scored, its arithmetic shown", () => {
    const rows = scoreRows([post({ year: 2024, leaderAdvanced: "否" }), post({ year: 2025, review1: 10 })]);
    expect(rows[1]).toMatchObject({ status: "revoke", score: 90, deductionTotal: 10 });
  });
  test("a row of a later sheet (a sheet per year) is carried too", () => {
    const grids = [gridOf([post({ year: 2024, leaderAdvanced: "否" })], "2024年"), gridOf([post({ year: 2025, name: "报建窗口党员服务示范岗" })], "2025年")];
    const res = scoreWorkbook(grids, hunan).result;
    expect(res.sheets[1]!.rows[0]!.status).toBe("revoke");
    expect(res.sheets[1]!.rows[0]!.revocations[0]!.reason).toContain("2024年初评已撤销（2024年 第2行）");
  });
  test.each([
    ["elected in the next selection: a new title, with a selection warning", 2025, "retain", ["reselected-after-revoke"]],
    ["elected two selections later: a new title, no warning", 2026, "retain", []],
  ])("%s", (_name, electedYear, status, warned) => {
    const rows = scoreRows([post({ year: 2024, electedYear: 2023, leaderAdvanced: "否" }), post({ year: electedYear, electedYear })]);
    expect(rows[1]!.status).toBe(status);
    expect(codes(rows[1]!).filter((c) => c === "reselected-after-revoke")).toEqual(warned);
  });
  test("a new title does not look back at the revoked title's scores", () => {
    const rows = scoreRows([post({ year: 2024, electedYear: 2023, review1: 25 }), post({ year: 2024, round: "复评", electedYear: 2023, review1: 25 }), post({ year: 2026, electedYear: 2026, review1: 25 })]);
    expect(rows.map((r) => r.status)).toEqual(["rectify", "revoke", "rectify"]);
  });
  test.each([
    ["a 整改 without a 复评 that year is 待复评", [post({ review1: 10 })], 0, "awaiting-review"],
    ["a 整改 followed by a 复评 is not", [post({ review1: 10 }), post({ round: "复评" })], 0, null],
    ["a 复评 after a 保持 has no 整改 before it", [post({}), post({ round: "复评" })], 1, "review-without-rectify"],
    ["a 复评 without any 初评 that year", [post({ year: 2024 }), post({ round: "复评" })], 1, "review-without-rectify"],
    ["a 复评 after a 整改 is expected", [post({ review1: 10 }), post({ round: "复评" })], 1, null],
  ] as const)("%s", (_name, rows, at, code) => {
    const got = codes(scoreRows([...rows])[at]!).filter((c) => c === "awaiting-review" || c === "review-without-rectify");
    expect(got).toEqual(code ? [code] : []);
  });
});

describe("成员 facts by round", () => {
  const ledger = [post({ postType: "监督岗" }), post({ postType: "监督岗", round: "复评" })];
  const noPaper = { name: "报建窗口", memberName: "张三", paper: "否" };
  const run = (members: Record<string, unknown>[]) => {
    const grids = [gridOf(ledger), gridOf(members as never, "成员", true)];
    return scoreWorkbook(grids, hunan).result;
  };
  test.each([
    ["no 考核轮次 column: the 初评 only", [noPaper], [5, 0]],
    ["考核轮次 初评", [{ ...noPaper, round: "初评" }], [5, 0]],
    ["考核轮次 复评", [{ ...noPaper, round: "复评" }], [0, 5]],
    ["one row per round", [{ ...noPaper, round: "初评" }, { ...noPaper, round: "复评" }], [5, 5]],
    ["blank 考核轮次 is 初评", [{ ...noPaper, round: null }], [5, 0]],
  ])("%s", (_name, members, totals) => {
    expect(run(members).sheets[0]!.rows.map((r) => r.deductionTotal)).toEqual(totals);
  });
  test("two rectified rounds no longer revoke by the members' facts alone", () => {
    const rows = run([{ ...noPaper, normRate: "95%" }, { ...noPaper, memberName: "李四" }]).sheets[0]!.rows;
    expect(rows.map((r) => [r.score, r.status])).toEqual([[70, "rectify"], [100, "retain"]]);
  });
  test("without the column, one sheet-level note says so — not one per row", () => {
    const res = run([noPaper, { ...noPaper, memberName: "李四" }]);
    expect(res.warnings.filter((w) => w.code === "member-round").map((w) => w.message)).toEqual([expect.stringMatching(/成员表「成员」没有“考核轮次”列：成员情况只用于初评，复评按台账本行评分/)]);
    expect(res.sheets[0]!.rows.flatMap((r) => r.warnings).filter((w) => w.code === "member-round")).toEqual([]);
  });
  test("with the column, no note", () => {
    expect(run([{ ...noPaper, round: "初评" }]).warnings.map((w) => w.code)).not.toContain("member-round");
  });
});
