import { promises as fs } from "node:fs";
import path from "node:path";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { consolidate, parseStatus, type InputFile } from "../../src/engine/consolidate";
import { provinceLayout, summaryLayout } from "../../src/engine/reportLayouts";
import { scoreWorkbook } from "../../src/engine/scoreWorkbook";
import { cityKey, quotaWarnings, reselectedAfterRevoke } from "../../src/engine/selection";
import { summarizeYear } from "../../src/engine/yearSummary";
import { plainLedger } from "../../src/engine/findings";
import { hunan } from "../../src/schemes/hunan";
import { isGeneratedReport, layoutText } from "../../src/sheets/report";
import { gridOf, post } from "../helpers";

const ROOT = path.join(__dirname, "..", "..");
const open = async (file: string) => (await XlsxWorkbook.open(new Uint8Array(await fs.readFile(path.join(ROOT, file))))).readSheets();
const CITIES = hunan.defaults.provinceCities;

describe("year summary of the bundled example", () => {
  test("one row per post (复评 stands for 初评), counts, consequences, selection checks", async () => {
    const scored = scoreWorkbook(await open("examples/hunan-ledger.xlsx"), hunan);
    const s = summarizeYear(scored, hunan);
    expect(s.year).toBe(2025);
    expect(s.rows).toHaveLength(42);
    expect(s.byStatus).toEqual({ retain: 16, rectify: 8, revoke: 14, error: 4 });
    expect(s.otherYears).toBe(3);
    expect(s.awaitingReview).toHaveLength(8);
    // 株洲 质量监督科: revoked at 初评, its 复评 carried; 怀化 质量监督科: revoked in 2024, its 2025 row carried.
    // Carried revocations, in plain words for the province (no rule code, no row position).
    expect(s.revoked.filter((r) => /已撤销，.*不恢复称号/.test(r.reasons)).map((r) => r.city)).toEqual(["株洲", "怀化"]);
    for (const r of s.revoked) expect(r.reasons).not.toMatch(/[A-Z]\d{1,2}[a-z]?（|第\d+行|（[A-Z]{1,3}\d+/);
    const changsha = s.rows.find((r) => r.city === "长沙" && r.name === "报建窗口党员服务示范岗")!;
    expect([changsha.round, changsha.status]).toEqual(["复评", "retain"]);
    const provincial = s.revoked.find((r) => r.level === "省级")!;
    expect(provincial.consequences).toEqual(["收回荣誉证书", "不得参加下一次评选", "报省总站备案", "同时撤销省级党员示范岗称号"]);
    expect(s.selection.map((w) => w.code)).toContain("reselected-after-revoke");
    expect(s.scoreBands.reduce((n, b) => n + b.count, 0)).toBe(42 - 4);
    expect(s.byType.map((t) => t.postType)).toEqual(["服务岗", "监督岗", "（未填类别）"]);
  });

  test("the layout: title, mark, frozen printed header, sections, two charts", async () => {
    const s = summarizeYear(scoreWorkbook(await open("examples/hunan-ledger.xlsx"), hunan), hunan);
    const l = summaryLayout(s, hunan, new Date(2025, 11, 31), "台账.xlsx");
    const text = layoutText(l);
    expect(text[0]).toBe("2025 年度党员示范岗考核汇总表");
    expect(isGeneratedReport({ name: "年度汇总", values: l.values })).toBe(true);
    expect(text[2]!.split("\t")).toEqual(["序号", "市州", "工作单位", "示范岗名称", "岗位类别", "级别", "负责人", "考核年度", "扣分总计", "最终得分", "考核结论", "撤销原因", "整改项", "示范期至", "备注"]);
    expect([l.freezeRows, l.printTitleRows]).toEqual([3, "3:3"]);
    expect(l.charts.map((c) => c.title)).toEqual(["考核结论分布", "得分分布"]);
    const statusChart = l.charts[0]!;
    const first = Number(/\d+/.exec(statusChart.values)![0]);
    expect(l.values.slice(first - 1, first + 3).map((r) => [r[3], r[4]])).toEqual([["保持", 16], ["整改", 8], ["撤销", 14], ["数据有误", 4]]);
    for (const h of ["一、按考核结论统计", "二、按岗位类别统计", "三、得分分布", "四、撤销的示范岗及后续处理（报省总站备案）", "六、待复评的示范岗", "七、评选检查"]) expect(text.some((t) => t.startsWith(h))).toBe(true);
  });

  test("selection checks: quota per 市州 per year and re-selection after a revoke", () => {
    const p = (name: string, postType: "service" | "supervision", extra: object = {}) => ({ city: "长沙市", unit: "站", name, postType, year: 2025, electedYear: null, status: "retain", ...extra });
    expect(quotaWarnings([p("A", "service"), p("B", "service"), p("C", "supervision")]).map((w) => w.code)).toEqual(["quota-service"]);
    expect(quotaWarnings([p("A", "service"), p("C", "supervision"), p("D", "supervision"), p("E", "supervision")]).map((w) => w.code)).toEqual(["quota-supervision"]);
    expect(quotaWarnings([p("A", "service"), p("C", "supervision")])).toEqual([]);
    expect(reselectedAfterRevoke([p("A", "service", { year: 2024, status: "revoke" }), p("A", "service", { electedYear: 2025 })])).toHaveLength(1);
    expect(reselectedAfterRevoke([p("A", "service", { year: 2023, status: "revoke" }), p("A", "service")])).toHaveLength(0);
    expect([cityKey("长沙市"), cityKey("湘西土家族苗族自治州"), cityKey("湘西州"), cityKey("张家界")]).toEqual(["长沙", "湘西", "湘西", "张家界"]);
    // 郴州 and 永州 end in 州 as part of the name: "郴州市" = "郴州", not "郴".
    expect([cityKey("郴州市"), cityKey("郴州"), cityKey("永州市")]).toEqual(["郴州", "郴州", "永州"]);
  });
});

describe("provincial consolidation", () => {
  const file = async (f: string): Promise<InputFile> => ({ file: path.basename(f), grids: await open(f) });

  test("the three bundled 市州 files plus one made by other software and one that is not a summary", async () => {
    const files = [
      ...(await Promise.all(["长沙市-2025年度汇总.xlsx", "株洲市-2025年度汇总.xlsx", "湘潭市-2025年度考核台账（已评分）.xlsx"].map((f) => file(`examples/summaries/${f}`)))),
      await file("test/fixtures/summary-other.xlsx"),
      await file("test/fixtures/no-ledger.xlsx"),
      { file: "坏文件.xlsx", error: "不是 Excel 工作簿（.xlsx）文件" },
    ];
    const c = consolidate(files, hunan, CITIES);
    expect(c.year).toBe(2025);
    expect(c.files.map((f) => [f.file, f.kind, f.posts])).toEqual([
      ["长沙市-2025年度汇总.xlsx", "summary", 3],
      ["株洲市-2025年度汇总.xlsx", "summary", 5],
      ["湘潭市-2025年度考核台账（已评分）.xlsx", "summary", 3],
      ["summary-other.xlsx", "summary", 4],
    ]);
    expect(c.skippedFiles.map((f) => f.file)).toEqual(["no-ledger.xlsx", "坏文件.xlsx"]);
    expect(c.cities).toEqual([
      { city: "长沙", posts: 3, retain: 2, rectify: 0, revoke: 1, error: 0, unverified: 0, averageScore: 100 },
      { city: "株洲", posts: 4, retain: 1, rectify: 2, revoke: 1, error: 0, unverified: 0, averageScore: 91.25 },
      { city: "湘潭", posts: 3, retain: 1, rectify: 0, revoke: 2, error: 0, unverified: 0, averageScore: 90 },
      { city: "衡阳", posts: 4, retain: 2, rectify: 1, revoke: 1, error: 0, unverified: 0, averageScore: 88.75 },
    ]);
    expect(c.missingCities).toEqual(["邵阳", "岳阳", "常德", "张家界", "益阳", "郴州", "永州", "怀化", "娄底", "湘西州"]);
    expect(c.duplicates).toEqual([{ post: "安全监督科党员监督示范岗", city: "株洲", unit: "株洲市建设工程质量安全监督站", sources: ["株洲市-2025年度汇总.xlsx 第 5 行", "株洲市-2025年度汇总.xlsx 第 7 行"] }]);
    expect(c.quotaWarnings.map((w) => [w.city, w.code])).toEqual([["衡阳", "quota-supervision"], ["株洲", "quota-service"]]);
    expect(c.provincialRevocations.map((r) => `${r.city} ${r.post}`).sort()).toEqual(["湘潭 报建窗口党员服务示范岗", "衡阳 报建窗口", "长沙 质量监督科党员监督示范岗"].sort());
    const l = provinceLayout(c, hunan, new Date(2026, 0, 5));
    expect(layoutText(l)[0]).toBe("2025 年度全省党员示范岗考核汇总表");
    expect(l.charts).toHaveLength(1);
  });

  test("an unscored ledger is scored with the same engine; status words of other software are read", () => {
    const c = consolidate([{ file: "岳阳.xlsx", grids: [gridOf([post({ city: "岳阳", noIdentity: "是" }), post({ city: "岳阳", name: "押证窗口" })])] }], hunan, CITIES);
    expect(c.posts.map((p) => p.status)).toEqual(["rectify", "retain"]);
    expect(c.files[0]!.kind).toBe("ledger");
    expect(["保持", "继续保持", "限期整改", "撤销", "取消称号", "数据有误", "优秀"].map(parseStatus)).toEqual(["retain", "retain", "rectify", "revoke", "revoke", "error", null]);
  });
});

describe("consolidation reads other offices' words, and checks them", () => {
  test.each([
    ["保持", "retain"], ["继续保持", "retain"], ["保留称号", "retain"], ["不予撤销", "retain"], ["暂不撤销", "retain"], ["无需整改", "retain"],
    ["合格，继续保持", "retain"], ["整改", "rectify"], ["限期整改", "rectify"], ["责令整改", "rectify"], ["不予撤销，限期整改", "rectify"],
    ["撤销", "revoke"], ["撤销称号", "revoke"], ["取消称号", "revoke"], ["摘牌", "revoke"], ["不再保留", "revoke"], ["收回称号", "revoke"],
    ["数据有误", "error"],
    ["不合格", null], ["未通过", null], ["不达标", null], ["合格", null], ["通过", null], ["优秀", null], ["待定", null], ["", null],
  ])("‘%s’ → %s", (word, status) => {
    expect(parseStatus(word)).toBe(status);
  });

  const summaryGrid = (header: string[], rows: (string | number | null)[][], title = "岳阳市2025年度党员示范岗考核结果"): InputFile["grids" & keyof InputFile] =>
    [{ name: "汇总", values: [[title], header, ...rows] }] as never;
  const one = (header: string[], rows: (string | number | null)[][], file = "岳阳.xlsx", title?: string) =>
    consolidate([{ file, grids: summaryGrid(header, rows, title) }], hunan, CITIES, { year: 2025 });

  test.each([
    [["示范岗", "考核意见", "得分"]],
    [["岗位", "考核结果", "考核得分"]],
    [["党员示范岗名称", "评定结果", "分数"]],
    [["示范岗名称", "结论", "综合得分"]],
  ])("headers %j are recognised", (header) => {
    const c = one(header, [["报建窗口", "保持", 100]]);
    expect(c.files.map((f) => f.kind)).toEqual(["summary"]);
    expect(c.posts.map((p) => [p.name, p.status, p.score])).toEqual([["报建窗口", "retain", 100]]);
  });

  test("a word it cannot place is 待核实 with file and row, never 保持", () => {
    const c = one(["示范岗", "考核意见", "得分"], [["报建窗口", "不合格", 65], ["质量监督科", "未通过", null], ["安全监督科", null, 90], ["押证窗口", "不达标", 100]]);
    expect(c.cities[0]).toMatchObject({ city: "岳阳", retain: 0, unverified: 4 });
    expect(c.unplaced.map((u) => [u.post, u.stated, u.source])).toEqual([
      ["报建窗口", "不合格", "岳阳.xlsx 第 3 行"],
      ["质量监督科", "未通过", "岳阳.xlsx 第 4 行"],
      ["安全监督科", "", "岳阳.xlsx 第 5 行"],
      ["押证窗口", "不达标", "岳阳.xlsx 第 6 行"],
    ]);
    expect(layoutText(provinceLayout(c, hunan, new Date(2026, 0, 5))).some((t) => t.startsWith("六、待核实的考核结论"))).toBe(true);
  });

  test("a conclusion the score contradicts is listed beside the scheme's verdict, and a 省级 one to revoke is a provincial revocation", () => {
    const c = one(["示范岗", "级别", "考核意见", "得分"], [["报建窗口", "省级", "保持", 62], ["质量监督科", "市州级", "保持", 95], ["安全监督科", "市州级", "整改", 100], ["押证窗口", "市州级", "撤销", 100]]);
    expect(c.contradictions.map((x) => [x.post, x.stated, x.score, x.verdict])).toEqual([
      ["报建窗口", "保持", 62, "revoke"],
      ["质量监督科", "保持", 95, "rectify"],
      ["安全监督科", "整改", 100, "retain"],
    ]);
    expect(c.posts.map((p) => p.status)).toEqual(["revoke", "rectify", "retain", "revoke"]);
    expect(c.provincialRevocations.map((r) => [r.post, r.reasons])).toEqual([["报建窗口", "得分62分，低于70分，按第十一条应撤销"]]);
  });

  test.each([
    ["a 市州 column", ["市州", "示范岗", "考核意见"], [["郴州市", "报建窗口", "保持"]], "汇总.xlsx", "2025年度考核结果", "郴州"],
    ["the title", ["示范岗", "考核意见"], [["报建窗口", "保持"]], "汇总.xlsx", "永州市2025年度考核结果", "永州"],
    ["the file name", ["示范岗", "考核意见"], [["报建窗口", "保持"]], "怀化市年度汇总.xlsx", "2025年度考核结果", "怀化"],
  ])("the 市州 comes from %s", (_name, header, rows, file, title, city) => {
    expect(one(header, rows, file, title).posts.map((p) => p.city)).toEqual([city]);
  });
});

describe("the year summary follows each post's life", () => {
  const summary = (rows: Parameters<typeof gridOf>[0]) => summarizeYear(scoreWorkbook([gridOf(rows)], hunan), hunan);
  test.each([
    ["revoked at 初评, then a 复评 the same year", [post({ leaderAdvanced: "否", level: "省级" }), post({ round: "复评", level: "省级" })]],
    ["revoked last year, assessed again this year", [post({ year: 2024, leaderAdvanced: "否", level: "省级" }), post({ level: "省级" })]],
  ])("%s: on the revoked / 报省总站备案 list", (_name, rows) => {
    const s = summary(rows);
    expect(s.byStatus.revoke).toBe(1);
    // The province reads the reason without the rule code and the ledger's row (the ledger keeps both).
    expect(s.revoked[0]!.reasons).toMatch(/^第十一条：\d{4}年初评已撤销，/);
    expect(s.revoked[0]!.consequences).toEqual(expect.arrayContaining(["报省总站备案", "同时撤销省级党员示范岗称号"]));
  });
  test("a revoked post elected again in the next selection is a selection warning", () => {
    const s = summary([post({ year: 2024, electedYear: 2023, leaderAdvanced: "否" }), post({ electedYear: 2025 })]);
    expect(s.selection.filter((w) => w.code === "reselected-after-revoke").map((w) => w.message)).toEqual([expect.stringMatching(/2024 年已被撤销，不得参加下一次（2025 年）评选/)]);
  });
  test("a 整改 without a 复评 is 待复评, listed and noted", () => {
    const s = summary([post({ review1: 10 }), post({ name: "质量监督科", postType: "监督岗", review1: 10 }), post({ name: "质量监督科", postType: "监督岗", round: "复评" })]);
    expect(s.awaitingReview.map((r) => r.name)).toEqual(["报建窗口"]);
    expect(s.rows.find((r) => r.name === "报建窗口")!.notes).toMatch(/待复评/);
    const text = layoutText(summaryLayout(s, hunan, new Date(2025, 11, 31), "台账.xlsx"));
    const at = text.findIndex((t) => t.startsWith("六、待复评的示范岗"));
    expect(text[at + 2]).toMatch(/^1\t长沙\t长沙市质监站\t报建窗口\t90/);
  });
});

describe("a 考核年度 that is filled but unreadable is 数据有误, never dropped", () => {
  const summary = (rows: Parameters<typeof gridOf>[0]) => summarizeYear(scoreWorkbook([gridOf(rows)], hunan), hunan);
  test.each([
    ["TRUE", true],
    ["an error value #REF!", "#REF!"],
    ["1e20", 1e20],
    ["a negative number", -5],
  ])("year %s: counted and listed as 数据有误 naming the cell, not as 未填考核年度", (_name, year) => {
    const s = summary([post({ name: "窗口0", year }), post({ name: "窗口1" }), post({ name: "窗口2", postType: "监督岗" })]);
    expect(s.year).toBe(2025);
    expect(s.rows.map((r) => r.name)).toEqual(["窗口1", "窗口2", "窗口0"]);
    expect(s.byStatus).toEqual({ retain: 2, rectify: 0, revoke: 0, error: 1 });
    expect([s.unreadableYear, s.noYear]).toEqual([1, 0]);
    expect(s.dataErrors).toEqual([expect.objectContaining({ row: 2, name: "窗口0", year: null, unreadableYear: true, messages: [expect.stringMatching(/^考核年度（E2）/)] })]);
    const text = layoutText(summaryLayout(s, hunan, new Date(2025, 11, 31), "台账.xlsx")).join("\n");
    expect(text).toContain("说明：考核台账 第2行“窗口0”的考核年度无法识别，不能归入任何年度，按数据有误列入本表：考核年度（E2）");
    expect(text).not.toContain("未填考核年度");
  });
  test("a blank year is still 未填考核年度, left out", () => {
    const s = summary([post({ name: "窗口0", year: null }), post({ name: "窗口1" })]);
    expect([s.rows.length, s.noYear, s.unreadableYear, s.dataErrors.length]).toEqual([1, 1, 0, 0]);
    expect(layoutText(summaryLayout(s, hunan, new Date(2025, 11, 31), "台账.xlsx")).join("\n")).toContain("1 行未填考核年度，未列入");
  });
  test("the same from a structured clone of the score (what the pane's page receives from its worker)", () => {
    const scored = scoreWorkbook([gridOf([post({ name: "窗口0", year: "#REF!" }), post({ name: "窗口1" })])], hunan);
    const live = summarizeYear(scored, hunan);
    const cloned = summarizeYear(structuredClone({ ...scored, result: plainLedger(scored.result) }), hunan);
    expect([cloned.unreadableYear, cloned.dataErrors]).toEqual([1, live.dataErrors]);
    expect(cloned.rows).toEqual(live.rows);
  });
  test("no readable year at all: the refusal names the cells", () => {
    expect(() => summary([post({ year: true })])).toThrow(/没有可识别的“考核年度”.*考核年度（E2）无法识别“TRUE”/);
  });
});
