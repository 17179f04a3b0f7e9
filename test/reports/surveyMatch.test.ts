/**
 * The survey's post matcher (postMatcher) indexes the ledger's posts once; these tests hold it to a plain
 * scan with the engine's tolerance (postKey), kept here as the reference, over generated ledgers full of
 * near-duplicates.
 */
import fc from "fast-check";
import { postMatcher, tallySurvey, type Match, type PostQuery } from "../../src/engine/survey";
import { cityKey, postKey, postNameKey } from "../../src/engine/selection";
import { hunan } from "../../src/schemes/hunan";
import { resolveSettings } from "../../src/schemes/schema";
import type { SheetGrid } from "../../src/sheets/grid";
import { normalizeText } from "../../src/sheets/normalize";

type Post = { key: string; name: string; city: string; unit: string };

/** Every ledger post scanned for every survey group; posts with one engine key are one post (the first stands). */
function referenceMatch(q: PostQuery, posts: readonly Post[]): Match<Post> {
  const norm = (s: string | null) => normalizeText(s ?? "");
  const byName = posts.filter((p) => postNameKey(p.name) === postNameKey(q.post));
  const matching = byName.filter((p) => (!q.city || cityKey(p.city) === cityKey(q.city)) && (!q.unit || norm(p.unit) === norm(q.unit)));
  const hits = matching.filter((p, i) => matching.findIndex((o) => postKey(o) === postKey(p)) === i);
  if (hits.length === 1) return { kind: "ok", post: hits[0]! };
  if (hits.length > 1) return { kind: "ambiguous", reason: `台账中有 ${hits.length} 个名为“${q.post}”的示范岗，请在调查表中填写市州和工作单位` };
  if (byName.length) return { kind: "none", reason: `台账中的“${q.post}”与调查表的市州或工作单位不一致` };
  return { kind: "none", reason: `台账中没有名为“${q.post}”的示范岗` };
}

// Near-duplicates on purpose: spacing, full-width forms, case, brackets and the 党员…示范岗 suffix (all of which
// the engine, and so the matcher, ignores: "报建窗口党员示范岗" is "报建窗口"), and 市州 with and without 市 or
// the full 自治州 name.
const NAMES = ["报建窗口", "报建 窗口", "报建窗口党员示范岗", "报建窗口（党员示范岗）", "报建窗口(党员示范岗)", "押证窗口", "ＡＢＣ服务台", "abc服务台", "ABC服务台", "办证大厅"];
const CITIES = ["长沙", "长沙市", "长 沙", "株洲", "株洲市", "湘西州", "湘西土家族苗族自治州", ""];
const UNITS = ["市政务中心", "市 政务中心", "市政务中心（本部）", "区政务中心", "ＸＹ站", "xy站", ""];

const post = fc.record({ name: fc.constantFrom(...NAMES), city: fc.constantFrom(...CITIES), unit: fc.constantFrom(...UNITS) });
// Blank 市州 or 工作单位 in the survey is null (the reader trims blanks away), and matches any.
const query = fc.record({ post: fc.constantFrom(...NAMES, "不在台账"), city: fc.constantFrom<string | null>(null, ...CITIES.filter(Boolean)), unit: fc.constantFrom<string | null>(null, ...UNITS.filter(Boolean)) });

describe("postMatcher", () => {
  test("matches, ambiguities and reasons equal the plain scan's, over generated ledgers", () => {
    fc.assert(
      fc.property(fc.array(post, { maxLength: 80 }), fc.array(query, { minLength: 1, maxLength: 40 }), (raw, queries) => {
        const posts: Post[] = raw.map((p, i) => ({ ...p, key: `${p.city}|${p.unit}|${p.name}#${i}` }));
        const match = postMatcher(posts);
        for (const q of queries) expect(match(q)).toEqual(referenceMatch(q, posts));
      }),
      { numRuns: 300 },
    );
  });

  test("the same ledger post object is returned, also when one name has many posts", () => {
    const posts: Post[] = ["长沙市", "株洲", "湘潭", "衡阳", "邵阳", "岳阳"].map((city) => ({ key: city, name: "报建窗口", city, unit: "政务中心" }));
    const match = postMatcher(posts);
    expect(match({ post: "报建 窗口", city: "长沙", unit: null })).toEqual({ kind: "ok", post: posts[0] });
    expect(match({ post: "报建窗口", city: "株洲市", unit: "政务 中心" })).toMatchObject({ kind: "ok", post: { key: "株洲" } });
    expect(match({ post: "报建窗口", city: null, unit: "政务中心" })).toEqual(referenceMatch({ post: "报建窗口", city: null, unit: "政务中心" }, posts));
    expect(match({ post: "报建窗口", city: null, unit: null })).toMatchObject({ kind: "ambiguous", reason: expect.stringContaining("6 个") as string });
    expect(match({ post: "报建窗口", city: "常德", unit: null })).toMatchObject({ kind: "none", reason: expect.stringContaining("不一致") as string });
  });
});

test("tallySurvey: a name six 市州 share matches by 市州, and without one is ambiguous (warning and not-in-ledger)", () => {
  const cities = ["长沙", "株洲", "湘潭", "衡阳", "邵阳", "岳阳"];
  const g: SheetGrid[] = [
    { name: "考核台账", values: [["市州", "工作单位", "示范岗名称", "岗位类别", "考核年度"], ...cities.map((c) => [`${c}市`, "政务中心", "报建窗口", "服务岗", 2025])] },
    {
      name: "满意度统计",
      values: [
        ["示范岗名称", "市州", "工作单位", "季度", "满意人数", "基本满意人数", "不满意人数"],
        ["报建窗口", "株洲", "政务中心", "2025Q1", 20, 0, 0],
        ["报建窗口", null, null, "2025Q1", 20, 0, 0],
      ],
    },
  ];
  const t = tallySurvey(g, hunan, resolveSettings(hunan));
  expect(t.tally.map((e) => e.key)).toEqual(["株洲市|政务中心|报建窗口", null]);
  expect(t.tally[1]!.warnings).toEqual([{ code: "ambiguous-post", cells: ["A3"], message: "台账中有 6 个名为“报建窗口”的示范岗，请在调查表中填写市州和工作单位" }]);
  expect(t.unmatched.filter((u) => u.kind === "not-in-ledger")).toEqual([
    { kind: "not-in-ledger", post: "报建窗口", city: null, unit: null, reason: "台账中有 6 个名为“报建窗口”的示范岗，请在调查表中填写市州和工作单位", cells: ["A3"] },
  ]);
});

describe("tallySurvey matches a survey's post as the engine identifies it (市州 + 工作单位 + 示范岗名称, tolerantly)", () => {
  const LEDGER_HEAD = ["市州", "工作单位", "示范岗名称", "岗位类别", "考核年度", "考核轮次"];
  const SURVEY_HEAD = ["示范岗名称", "市州", "工作单位", "季度", "满意人数", "基本满意人数", "不满意人数"];
  const book = (ledger: unknown[][], survey: unknown[][]): SheetGrid[] => [
    { name: "考核台账", values: [LEDGER_HEAD, ...ledger] as never },
    { name: "满意度统计", values: [SURVEY_HEAD, ...survey] as never },
  ];
  const tally = (ledger: unknown[][], survey: unknown[][]) => tallySurvey(book(ledger, survey), hunan, resolveSettings(hunan));
  const CHANGSHA = ["长沙市", "长沙市政务中心", "报建窗口党员服务示范岗", "服务岗", 2025, "初评"];

  test.each<[string, string, string | null, string | null]>([
    ["the name without its 党员服务示范岗 suffix", "报建窗口", "长沙市", "长沙市政务中心"],
    ["the name with a space (and without its suffix)", "报建 窗口", "长沙市", "长沙市政务中心"],
    ["the suffix in full-width brackets", "报建窗口（党员服务示范岗）", "长沙市", "长沙市政务中心"],
    ["the suffix in half-width brackets, shortened", "报建窗口(党员示范岗)", "长沙市", "长沙市政务中心"],
    ["市州 written without 市, the name without its suffix", "报建窗口", "长沙", "长沙市政务中心"],
    ["all at once, 单位 spaced, full-width", "报建 窗口（党员示范岗）", "长沙", "长沙市 政务中心"],
    ["all at once, 市州 and 单位 left blank", "报建 窗口", null, null],
  ])("%s matches the ledger post (no not-in-ledger, no missing survey)", (_label, name, city, unit) => {
    const t = tally([CHANGSHA], [[name, city, unit, "2025Q1", 20, 0, 0]]);
    expect(t.tally.map((e) => [e.post, e.key, e.warnings])).toEqual([[name, "长沙市|长沙市政务中心|报建窗口党员服务示范岗", []]]);
    expect(t.unmatched).toEqual([]);
  });

  test("ledger rows the engine takes as one post are one post: not ambiguous, one entry a quarter, groups pooled", () => {
    const review = ["长沙", "长沙市政务中心", "报建 窗口", "服务岗", 2025, "复评"];
    const t = tally(
      [CHANGSHA, review],
      [
        ["报建窗口", null, null, "2025Q1", 10, 0, 0],
        ["报建窗口党员服务示范岗", "长沙", null, "2025Q1", 8, 1, 1],
      ],
    );
    expect(t.tally.map((e) => [e.post, e.key, e.quarter, e.valid, e.positive, e.warnings])).toEqual([["报建窗口", "长沙市|长沙市政务中心|报建窗口党员服务示范岗", 1, 20, 19, []]]);
    expect(t.unmatched).toEqual([]);
  });

  test("an unmatched post is still reported in the survey's own wording, saying which part disagrees", () => {
    const t = tally(
      [CHANGSHA],
      [
        ["报建窗口", "长沙", null, "2025Q1", 20, 0, 0],
        ["办证 大厅（党员示范岗）", "长沙", null, "2025Q1", 20, 0, 0],
        ["报建窗口党员示范岗", "株洲", null, "2025Q1", 20, 0, 0],
      ],
    );
    expect(t.unmatched).toEqual([
      { kind: "not-in-ledger", post: "办证 大厅（党员示范岗）", city: "长沙", unit: null, reason: "台账中没有名为“办证 大厅（党员示范岗）”的示范岗", cells: ["A3"] },
      { kind: "not-in-ledger", post: "报建窗口党员示范岗", city: "株洲", unit: null, reason: "台账中的“报建窗口党员示范岗”与调查表的市州或工作单位不一致", cells: ["A4"] },
    ]);
  });

  test("a name two 市州's posts share (written differently) is ambiguous without a 市州, and matches by it", () => {
    const zhuzhou = ["株洲市", "株洲市政务中心", "报建窗口", "服务岗", 2025, "初评"];
    const t = tally(
      [CHANGSHA, zhuzhou],
      [
        ["报建 窗口", null, null, "2025Q1", 20, 0, 0],
        ["报建窗口（党员服务示范岗）", "株洲", null, "2025Q1", 20, 0, 0],
      ],
    );
    const reason = "台账中有 2 个名为“报建 窗口”的示范岗，请在调查表中填写市州和工作单位";
    expect(t.tally.map((e) => [e.post, e.key, e.warnings])).toEqual([
      ["报建 窗口", null, [{ code: "ambiguous-post", cells: ["A2"], message: reason }]],
      ["报建窗口（党员服务示范岗）", "株洲市|株洲市政务中心|报建窗口", []],
    ]);
    expect(t.unmatched.filter((u) => u.kind === "not-in-ledger")).toEqual([{ kind: "not-in-ledger", post: "报建 窗口", city: null, unit: null, reason, cells: ["A2"] }]);
  });
});
