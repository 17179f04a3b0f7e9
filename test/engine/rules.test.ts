/**
 * Each rule id as a table of boundary rows: just inside, on, and just outside every threshold.
 * Each row names itself; a failing row says which.
 */
import { scoreOne, type Inputs } from "../helpers";

type Expect = { deduct: number } | { revoke: true } | "none";
type Case = [label: string, rule: string, inputs: Inputs, expect: Expect];

const S = "服务岗";
const J = "监督岗";

const cases: Case[] = [
  ["H1a 89.99% deducts 10", "H1a", { postType: S, q1: "89.99%" }, { deduct: 10 }],
  ["H1a 90% deducts nothing", "H1a", { postType: S, q1: 0.9 }, "none"],
  ["H1a 80% exactly falls in the −10 band (default)", "H1a", { postType: S, q1: "80%" }, { deduct: 10 }],
  ["H1a 79.99% is not in the band (H1b instead)", "H1a", { postType: S, q1: 79.99 }, "none"],
  ["H1a two quarters at 85% deduct 20", "H1a", { postType: S, q1: 85, q3: "85%" }, { deduct: 20 }],
  ["H1a does not apply to 监督岗", "H1a", { postType: J, q1: 85 }, "none"],
  ["H1b 79.9% revokes", "H1b", { postType: S, q2: "79.9%" }, { revoke: true }],
  ["H1b 80% does not revoke", "H1b", { postType: S, q2: 80 }, "none"],
  ["H1b 0.8 as a fraction does not revoke", "H1b", { postType: S, q2: 0.8 }, "none"],
  ["H1b full-width ７９％ revokes", "H1b", { postType: S, q4: "７９％" }, { revoke: true }],
  ["H1c 0 deducts nothing", "H1c", { postType: S, noOpinion: 0 }, "none"],
  ["H1c 1 deducts 10", "H1c", { postType: S, noOpinion: 1 }, { deduct: 10 }],
  ["H1c \"2次\" deducts 20", "H1c", { postType: S, noOpinion: "2次" }, { deduct: 20 }],
  ["H1c does not apply to 监督岗", "H1c", { postType: J, noOpinion: 1 }, "none"],
  ["H1d \"2人次\" deducts 20", "H1d", { postType: J, noSchool: "2人次" }, { deduct: 20 }],
  ["H1d does not apply to 服务岗", "H1d", { postType: S, noSchool: 1 }, "none"],
  ["H2a 是 deducts 30", "H2a", { noIdentity: "是" }, { deduct: 30 }],
  ["H2a √ deducts 30", "H2a", { noIdentity: "√" }, { deduct: 30 }],
  ["H2a 否 deducts nothing", "H2a", { noIdentity: "否" }, "none"],
  ["H2b TRUE deducts 30 once", "H2b", { noTenRules: true }, { deduct: 30 }],
  ["H2c 廉政考核优秀 否 revokes", "H2c", { incorruptExcellent: "否" }, { revoke: true }],
  ["H2c 廉政考核优秀 是 keeps", "H2c", { incorruptExcellent: "是" }, "none"],
  ["H2c 廉政考核等次 良好 revokes", "H2c", { incorruptGrade: "良好" }, { revoke: true }],
  ["H2c 廉政考核等次 优秀 keeps", "H2c", { incorruptGrade: "优秀" }, "none"],
  ["H3a 2 deducts 40", "H3a", { noPledge: 2 }, { deduct: 40 }],
  ["H3b 是 deducts 20 once", "H3b", { noPublicItems: "Y" }, { deduct: 20 }],
  ["H4 1 deducts 10", "H4", { noNonPublicParty: 1 }, { deduct: 10 }],
  ["H5 1 deducts 20", "H5", { noTargetMgmt: "1次" }, { deduct: 20 }],
  ["H6a 3 deduct 30", "H6a", { styleInactive: 3 }, { deduct: 30 }],
  ["H6b 查实投诉 revokes", "H6b", { complaint: "有" }, { revoke: true }],
  ["H7a 是 deducts 15", "H7a", { noStudy: "是" }, { deduct: 15 }],
  ["H7b 1 deducts 10", "H7b", { noWeakCounty: 1 }, { deduct: 10 }],
  ["H8 2 members without a paper deduct 10", "H8", { noPaper: "2人次" }, { deduct: 10 }],
  ["H9a 否 revokes", "H9a", { leaderAdvanced: "否" }, { revoke: true }],
  ["H9a 是 keeps", "H9a", { leaderAdvanced: "是" }, "none"],
  ["H9b 监督岗 否 revokes", "H9b", { postType: J, leaderModel: "×" }, { revoke: true }],
  ["H9b does not apply to 服务岗", "H9b", { postType: S, leaderModel: "否" }, "none"],
  ["H9c 是 revokes", "H9c", { memberPoorGrade: "是" }, { revoke: true }],
  ["H9d 99.9% deducts 20", "H9d", { normRate: "99.9%" }, { deduct: 20 }],
  ["H9d 100% deducts nothing", "H9d", { normRate: 1 }, "none"],
  ["H9d 90% deducts 20", "H9d", { normRate: 90 }, { deduct: 20 }],
  ["H9d 89.9% is not in the band (H9e instead)", "H9d", { normRate: 89.9 }, "none"],
  ["H9e 89.9% revokes", "H9e", { normRate: 89.9 }, { revoke: true }],
  ["H9e 90% keeps", "H9e", { normRate: "90%" }, "none"],
  ["H9f 95% deducts 20", "H9f", { qualityRate: 0.95 }, { deduct: 20 }],
  ["H9f 100% deducts nothing", "H9f", { qualityRate: "100%" }, "none"],
  ["H9f 94.9% is not in the band", "H9f", { qualityRate: 94.9 }, "none"],
  ["H9g 94.9% revokes", "H9g", { qualityRate: 94.9 }, { revoke: true }],
  ["H9g 95% keeps", "H9g", { qualityRate: 95 }, "none"],
  ["H9h 0 优质工程 deducts 20", "H9h", { excellentProjects: 0 }, { deduct: 20 }],
  ["H9h 1 优质工程 deducts nothing", "H9h", { excellentProjects: 1 }, "none"],
  ["H9i coverage 99% revokes", "H9i", { coverageRate: 99 }, { revoke: true }],
  ["H9i coverage 100% keeps", "H9i", { coverageRate: 100 }, "none"],
  ["H9i 一次性验收 59.9% revokes", "H9i", { safetyOnceRate: "59.9%" }, { revoke: true }],
  ["H9i 一次性验收 60% passes (default)", "H9i", { safetyOnceRate: 0.6 }, "none"],
  ["H9j 1 示范工地 deducts 20", "H9j", { demoSites: 1 }, { deduct: 20 }],
  ["H9j 2 示范工地 deducts nothing", "H9j", { demoSites: 2 }, "none"],
  ["H9k 是 revokes", "H9k", { overdue: "是" }, { revoke: true }],
  ["H10 2 deducts 40", "H10", { noContactPoint: 2 }, { deduct: 40 }],
  ["H11 承诺率 99% revokes", "H11", { pledgeRate: "99%" }, { revoke: true }],
  ["H11 承诺率 100% keeps", "H11", { pledgeRate: 1 }, "none"],
  ["H11 违纪违法 named case revokes", "H11", { violation: "受到党内警告处分" }, { revoke: true }],
  ["H11 违纪违法 否 keeps", "H11", { violation: "否" }, "none"],
  ["H12 是 revokes", "H12", { immoral: "是" }, { revoke: true }],
];

describe.each(cases)("%s", (_label, rule, inputs, expected) => {
  const r = scoreOne(inputs);
  const d = r.deductions.find((x) => x.rule === rule);
  const v = r.revocations.find((x) => x.rule === rule);
  test("has no input error", () => {
    expect(r.errors).toEqual([]);
  });
  if (expected === "none") {
    test(`${rule} neither deducts nor revokes`, () => {
      expect(d).toBeUndefined();
      expect(v).toBeUndefined();
    });
  } else if ("deduct" in expected) {
    test(`${rule} deducts ${expected.deduct}`, () => {
      expect(d?.points).toBe(expected.deduct);
      expect(d?.text).toContain(`评分表第${d?.item}项`);
      expect(v).toBeUndefined();
      expect(r.deductionTotal).toBe(expected.deduct);
      expect(r.status).toBe(100 - expected.deduct < 70 ? "revoke" : "rectify");
      expect(r.rectifyItems).toEqual(100 - expected.deduct < 70 ? [] : [rule]);
    });
  } else {
    test(`${rule} revokes`, () => {
      expect(v).toBeDefined();
      expect(v?.cells.length).toBeGreaterThan(0);
      expect(r.status).toBe("revoke");
      expect(r.consequences).toEqual(["收回荣誉证书", "不得参加下一次评选", "报省总站备案"]);
    });
  }
});

describe("score boundaries (第十一条)", () => {
  const rows: [string, Inputs, string, string | null][] = [
    ["score 70 is kept (rectify)", { review1: 30 }, "rectify", null],
    ["score 69 is revoked", { review1: 31 }, "revoke", "A11a"],
    ["score 80 after a previous 79 is kept", { review1: 20, lastScore: 79 }, "rectify", null],
    ["score 79 after a previous 79 is revoked", { review1: 21, lastScore: 79 }, "revoke", "A11b"],
    ["score 79 after a previous 80 is kept", { review1: 21, lastScore: 80 }, "rectify", null],
    ["score 100 is retained", { review1: 0 }, "retain", null],
  ];
  test.each(rows)("%s", (_l, inputs, status, rule) => {
    const r = scoreOne(inputs);
    expect(r.status).toBe(status);
    expect(r.revocations.map((x) => x.rule)).toEqual(rule ? [rule] : []);
  });
});

describe("boundary settings", () => {
  test("satisfactionMin.equalIsBelow makes 80% revoke", () => {
    const r = scoreOne({ q1: 80 }, { settings: { thresholds: { satisfactionMin: { equalIsBelow: true } } } });
    expect(r.revocations.map((x) => x.rule)).toEqual(["H1b"]);
    expect(r.deductions).toEqual([]);
  });
  test("safetyOnceMin.equalIsBelow makes 60% revoke", () => {
    const r = scoreOne({ safetyOnceRate: 60 }, { settings: { thresholds: { safetyOnceMin: { equalIsBelow: true } } } });
    expect(r.revocations.map((x) => x.rule)).toEqual(["H9i"]);
  });
  test("missing quarter warns by default", () => {
    const r = scoreOne({ q1: 95, q2: null });
    expect(r.deductions).toEqual([]);
    // columns: city, unit, name, postType, year, q1, q2 → q2 is G
    expect(r.warnings.find((w) => w.code === "missing-quarter")?.cells).toEqual(["G2"]);
  });
  test("missingQuarter=deduct deducts 10 per blank quarter", () => {
    const r = scoreOne({ q1: 95, q2: null, q3: null }, { settings: { missingQuarter: "deduct" } });
    expect(r.deductions).toEqual([expect.objectContaining({ rule: "H1a", points: 20, count: 2 })]);
  });
  test("revokeBelowScore is a setting", () => {
    const r = scoreOne({ review1: 25 }, { settings: { revokeBelowScore: 80 } });
    expect(r.status).toBe("revoke");
  });
});
