/**
 * 评选资格审查 per rule: the leader titles (H9a/H9b), the revoked-last-selection bar (第十一条), 省级 only from
 * current 市州级 posts (第五条), and the quota boundaries (服务岗 1, 监督岗 1–2, by selection year).
 */
import type { Register, RegisterPost } from "../../src/engine/register";
import { screenCandidates, type Verdict } from "../../src/engine/screening";
import { postKey } from "../../src/engine/selection";
import type { Candidate } from "../../src/sheets/registerSheets";

let row = 2;
function cand(over: Partial<Candidate> = {}): Candidate {
  return {
    sheet: "推荐名单",
    row: row++,
    city: "长沙",
    unit: "长沙站",
    name: `岗${row}`,
    postType: "service",
    level: "municipal",
    leader: "甲",
    leaderAdvanced: true,
    leaderModel: true,
    selectionYear: 2026,
    problems: [],
    ...over,
  };
}
function post(over: Partial<RegisterPost> & { name: string }): RegisterPost {
  const p: RegisterPost = {
    key: "",
    city: "长沙",
    unit: "长沙站",
    aliases: [],
    postType: "service",
    level: "municipal",
    electedYear: 2025,
    validThrough: 2026,
    state: "active",
    revokedYear: null,
    revokeReason: null,
    history: [],
    next: null,
    due: [],
    reports: [],
    ...over,
  };
  return { ...p, key: postKey(p) };
}
const register = (posts: RegisterPost[], asOf = "2026-03-01"): Register => ({
  asOf,
  posts,
  nearDuplicates: [],
  counts: { active: 0, "rectify-pending": 0, revoked: 0, expired: 0 },
  reports: { recorded: false, submitted: 0, late: 0, due: 0, overdue: 0, unrecorded: 0 },
  unmatchedSubmissions: [],
});
const one = (c: Candidate, posts: RegisterPost[] = []) => screenCandidates([c], register(posts)).candidates[0]!;

describe("leader titles (评分表第9项, applied before selection)", () => {
  test.each<[string, Partial<Candidate>, Verdict, RegExp | null]>([
    ["服务岗, leader 先进个人 → 符合", { postType: "service", leaderModel: null }, "eligible", null],
    ["服务岗, leader not 先进个人 → 不符合 (H9a)", { postType: "service", leaderAdvanced: false }, "ineligible", /H9a/],
    ["服务岗, 先进个人 not given → 待确认", { postType: "service", leaderAdvanced: null }, "confirm", /H9a/],
    ["监督岗, both titles → 符合", { postType: "supervision" }, "eligible", null],
    ["监督岗, not 模范党员监督工程师 → 不符合 (H9b)", { postType: "supervision", leaderModel: false }, "ineligible", /H9b/],
    ["监督岗, 模范 not given → 待确认", { postType: "supervision", leaderModel: null }, "confirm", /H9b/],
    ["服务岗 needs no 模范 title", { postType: "service", leaderModel: false }, "eligible", null],
    ["no 岗位类别 → 待确认", { postType: null }, "confirm", /第二条/],
  ])("%s", (_name, over, verdict, clause) => {
    const s = one(cand(over));
    expect(s.verdict).toBe(verdict);
    if (clause) expect(s.findings.map((f) => f.clause).join()).toMatch(clause);
  });
});

describe("revoked in the previous selection year (第十一条: 不得参加下一次的评选)", () => {
  test.each<[string, number, Verdict]>([
    ["revoked 2025, selection 2026 → 不符合", 2025, "ineligible"],
    ["revoked 2024, selection 2026 → 符合 (the bar is the next selection only)", 2024, "eligible"],
    ["revoked 2026, selection 2026 → 待确认", 2026, "confirm"],
  ])("%s", (_name, revokedYear, verdict) => {
    const p = post({ name: "报建窗口", state: "revoked", revokedYear, validThrough: 2026 });
    expect(one(cand({ name: "报建窗口党员服务示范岗" }), [p]).verdict).toBe(verdict);
  });
});

describe("省级 only from current 市州级 posts (第五条)", () => {
  test.each<[string, RegisterPost[], Verdict]>([
    ["a current 市州级 post → 符合", [post({ name: "报建窗口" })], "eligible"],
    ["not in the register → 不符合", [], "ineligible"],
    ["revoked → 不符合", [post({ name: "报建窗口", state: "revoked", revokedYear: 2024 })], "ineligible"],
    ["expired → 不符合", [post({ name: "报建窗口", state: "expired", validThrough: 2024 })], "ineligible"],
    ["整改待复评 → 待确认", [post({ name: "报建窗口", state: "rectify-pending" })], "confirm"],
    ["already 省级 → 待确认", [post({ name: "报建窗口", level: "provincial" })], "confirm"],
  ])("%s", (_name, posts, verdict) => {
    expect(one(cand({ name: "报建窗口", level: "provincial" }), posts).verdict).toBe(verdict);
  });

  test("a 市州级 candidate still within its 示范期 needs confirming", () => {
    expect(one(cand({ name: "报建窗口" }), [post({ name: "报建窗口" })]).verdict).toBe("confirm");
  });
});

describe("quota per 市州 per selection year (第五条, 原则上)", () => {
  const many = (n: number, postType: "service" | "supervision", over: Partial<Candidate> = {}) => Array.from({ length: n }, () => cand({ postType, ...over }));
  test.each<[string, Candidate[], RegisterPost[], Verdict[], string | null]>([
    ["1 服务岗 + 1 监督岗: within", [...many(1, "service"), ...many(1, "supervision")], [], ["eligible", "eligible"], null],
    ["2 服务岗: both 待确认", many(2, "service"), [], ["confirm", "confirm"], "服务岗 2 个（原则上 1 个）"],
    ["2 监督岗: within", many(2, "supervision"), [], ["eligible", "eligible"], null],
    ["3 监督岗: all 待确认", many(3, "supervision"), [], ["confirm", "confirm", "confirm"], "监督岗 3 个（原则上 1–2 个）"],
    ["1 服务岗 candidate + 1 already elected this year: 待确认", many(1, "service"), [post({ name: "已当选", electedYear: 2026, validThrough: 2026 })], ["confirm"], "服务岗 2 个"],
    ["elected last year does not count", many(1, "service"), [post({ name: "去年当选", electedYear: 2025 })], ["eligible"], null],
    ["another selection year is another quota", [...many(1, "service"), ...many(1, "service", { selectionYear: 2027 })], [], ["eligible", "eligible"], null],
    ["another 市州 is another quota", [...many(1, "service"), ...many(1, "service", { city: "株洲" })], [], ["eligible", "eligible"], null],
    ["an ineligible candidate takes no place", [...many(1, "service"), ...many(1, "service", { leaderAdvanced: false })], [], ["eligible", "ineligible"], null],
    ["省级 recommendations are not in the 市州 quota", [...many(1, "service"), cand({ name: "报建窗口", level: "provincial" })], [post({ name: "报建窗口" })], ["eligible", "eligible"], null],
  ])("%s", (_name, cands, posts, verdicts, message) => {
    const s = screenCandidates(cands, register(posts));
    expect(s.candidates.map((c) => c.verdict)).toEqual(verdicts);
    const messages = s.quota.map((q) => q.message ?? "").join("；");
    if (message) expect(messages).toContain(message);
    else expect(messages).not.toMatch(/服务岗 \d+ 个（原则上 1 个）|监督岗 \d+ 个（原则上 1–2 个）/);
  });

  test("a 市州 with a 服务岗 and no 监督岗 gets a line, not a verdict", () => {
    const s = screenCandidates([cand()], register([]));
    expect(s.candidates[0]!.verdict).toBe("eligible");
    expect(s.quota[0]!.message).toContain("监督岗 0 个（原则上至少 1 个）");
  });
});

test("the selection year defaults to the date's year", () => {
  const s = screenCandidates([cand({ selectionYear: null })], register([], "2027-03-01"));
  expect(s.candidates[0]!.selectionYear).toBe(2027);
});
