/** Issue 14: what the secretary reads in the pane and what the province reads in the reports. */
import { plainText, readerNotes } from "../../src/engine/plainText";
import { planProgress } from "../../src/engine/plan";
import { scoreWorkbook, type WorkbookScore } from "../../src/engine/scoreWorkbook";
import { summarizeYear } from "../../src/engine/yearSummary";
import { hunan } from "../../src/schemes/hunan";
import { shanghai } from "../../src/schemes/shanghai";
import { resolveAdditiveSettings } from "../../src/schemes/schema";
import { mappingGroups } from "../../src/taskpane/components/mappingGroups";
import { planTable } from "../../src/engine/plan";
import { filterRows } from "../../src/taskpane/components/PostList";
import { displayRows, recordCount, sheetNotes, type DisplayRow } from "../../src/taskpane/displayRows";
import { hunanFieldErrors, unitFieldErrors } from "../../src/taskpane/settingsText";
import { cleanDraft } from "../../src/taskpane/useSettingsDraft";
import { exampleGrids } from "../adapters/portHarness";

let score: WorkbookScore;
let rows: DisplayRow[];
beforeAll(async () => {
  score = scoreWorkbook(await exampleGrids(), hunan);
  rows = displayRows(score);
});

describe("plain text for readers outside the ledger", () => {
  test.each([
    ["a rule code before a citation", "A11b（第十一条）：连续两次得分低于80分，本次75分，上次得分75分（AG24）", "第十一条：连续两次得分低于80分，本次75分，上次得分75分"],
    ["a cell with its value", "H6b（评分表第6项“推动作风建设”）：有影响恶劣、查证属实的群众投诉事件（Z22：是）", "评分表第6项“推动作风建设”：有影响恶劣、查证属实的群众投诉事件"],
    ["a carried revocation's row", "A11c（第十一条）：2024年初评已撤销（考核台账 第4行），2025年的考核不恢复称号", "第十一条：2024年初评已撤销，2025年的考核不恢复称号"],
    ["several cells", "H1a（评分表第1项“为民优质服务”）：季度满意度低于90%（I5：85%、J5：88%）", "评分表第1项“为民优质服务”：季度满意度低于90%"],
    ["a rectification item's code", "H1a 改进服务，使季度服务满意度达到90%以上", "改进服务，使季度服务满意度达到90%以上"],
    ["a list of rows", "38 条考核记录（第4、5、6、7、8、9、11、12…行）的“违纪违法”空白", "38 条考核记录的“违纪违法”空白"],
    ["a member sheet's cell", "成员年度绩效考核被评为“基本合格”（成员!E7：基本合格）", "成员年度绩效考核被评为“基本合格”"],
    ["plain text stays", "期满：2024年当选，示范期至2024年", "期满：2024年当选，示范期至2024年"],
  ])("%s", (_name, text, plain) => {
    expect(plainText(text)).toBe(plain);
  });

  test("备注 keeps what a reader acts on and drops the rest", () => {
    const notes = readerNotes({
      errors: [{ cell: "E31", message: "岗位类别（E31）为空，应为 服务岗 或 监督岗" }],
      warnings: [
        { code: "unchecked", cells: [], rules: ["H8"], message: "缺少数据，未检查：H8" },
        { code: "text-read", cells: ["AF10"], message: "违纪违法（AF10）‘经查’按‘否’处理" },
        { code: "expired", cells: ["F16"], message: "期满：2024年当选，示范期至2024年，2025年已不在示范期内" },
        { code: "missing-quarter", cells: ["N33"], message: "未开展季度测评：N33 满意度为空" },
      ],
    });
    expect(notes.split("\n")).toEqual(["数据有误：岗位类别为空，应为 服务岗 或 监督岗", "期满：2024年当选，示范期至2024年，2025年已不在示范期内", "未开展季度测评（1 个季度满意度为空）"]);
  });
});

describe("the example ledger's outputs", () => {
  const notesOf = (s: WorkbookScore) => s.writes[0]!.columns.find((c) => c.id === "notes")!.values.map((v) => (typeof v === "string" ? v : ""));

  test("absent columns are one sheet-level note on the first row, not a rule list on every row", () => {
    const notes = notesOf(score);
    const unchecked = notes.filter((n) => n.includes("未检查"));
    // Before issue 14: 45 of 49 rows said "缺少数据，未检查：H8、H9c、…".
    expect(unchecked).toHaveLength(1);
    expect(notes[0]).toMatch(/^全表：本表没有“.+”等 \d+ 列，评分表第8、9、10、12项的这些内容未检查（45 条考核记录）/);
    expect(notes.join("\n")).not.toMatch(/未检查：H\d/);
    expect(notes.filter(Boolean).length).toBeLessThan(30);
  });

  test("the ledger keeps rule codes and cells in 扣分明细 and 撤销原因", () => {
    const details = score.writes[0]!.columns.find((c) => c.id === "details")!.values.filter(Boolean).join("\n");
    expect(details).toMatch(/H\d+[a-z]?（评分表第\d+项/);
    expect(details).toMatch(/（[A-Z]{1,2}\d+/);
  });

  test("the year summary for the province has no rule codes, cell addresses or row positions", () => {
    const s = summarizeYear(score, hunan);
    const text = s.rows.flatMap((r) => [r.revokeReasons, r.notes, r.rectifyItems]).join("\n");
    expect(text).not.toMatch(/(^|\n|：)[A-Z]\d{1,2}[a-z]?[（ ]/);
    expect(text).not.toMatch(/[（(][A-Z]{1,3}\d+|第\d+行/);
    expect(text).not.toMatch(/未检查/);
    expect(s.unchecked).toHaveLength(1);
    expect(s.unchecked[0]).not.toMatch(/第[\d、…]+行/);
  });
});

describe("result cards", () => {
  test("titles name the post and the record: year · round", () => {
    expect(rows.every((r) => /^(\d{4}年|年度未填) · (初评|复评)$/.test(r.meta))).toBe(true);
    expect(rows.find((r) => r.row === 4)!.meta).not.toBe(rows.find((r) => r.row === 14)!.meta);
  });

  test("a revocation by trigger shows its trigger, not 100 分; an error row shows no score", () => {
    const byTrigger = rows.filter((r) => r.status === "revoke" && r.scoreText?.startsWith("因"));
    expect(byTrigger.length).toBeGreaterThan(0);
    for (const r of byTrigger) expect(r.scoreText).not.toMatch(/\d+ 分$|[A-Z]\d/);
    const errors = rows.filter((r) => r.status === "error");
    expect(errors.length).toBe(4);
    expect(errors.every((r) => r.scoreText === null)).toBe(true);
    const byScore = rows.find((r) => r.row === 26)!;
    expect(byScore.scoreText).toBe("60 分");
  });

  test("hunan hints are shown like shanghai's; the unchecked list is said once for the sheet", () => {
    const lines = rows.flatMap((r) => r.lines);
    expect(lines.some((l) => l.startsWith("提示：期满"))).toBe(true);
    expect(lines.some((l) => l.startsWith("提示：未开展季度测评"))).toBe(true);
    expect(lines.some((l) => l.includes("未检查"))).toBe(false);
    expect(lines.some((l) => /^撤销：A\d/.test(l))).toBe(false);
    expect(sheetNotes(score)).toHaveLength(1);
  });

  test("records and posts are counted and named apart", () => {
    expect(recordCount(rows, "示范岗")).toMatch(/^49 条考核记录（\d+ 个示范岗）$/);
    expect(new Set(rows.map((r) => r.post)).size).toBeLessThan(49);
  });

  test.each([
    ["by name", { text: "报建窗口" }, (r: DisplayRow) => r.title.includes("报建窗口")],
    ["by unit", { text: "长沙市" }, (r: DisplayRow) => r.title.includes("长沙市")],
    ["by 市州", { city: "岳阳" }, (r: DisplayRow) => r.city === "岳阳"],
    ["by year", { year: "2024" }, (r: DisplayRow) => r.year === 2024],
    ["by status and 市州", { status: "revoke", city: "岳阳" }, (r: DisplayRow) => r.status === "revoke" && r.city === "岳阳"],
  ])("filter %s", (_name, f, keep) => {
    const got = filterRows(rows, { status: "all", text: "", city: "all", year: "all", ...f });
    expect(got.length).toBeGreaterThan(0);
    expect(got).toEqual(rows.filter(keep));
  });
});

describe("列映射 groups", () => {
  test.each([
    ["hunan", hunan.ledger],
    ["shanghai", shanghai.sheet],
  ])("%s: identity first, every field in exactly one group", (_name, def) => {
    const groups = mappingGroups(def);
    expect(groups[0]!.title).toBe("基本信息");
    expect(groups[0]!.fields).toContain("name");
    const all = groups.flatMap((g) => g.fields);
    expect(all.sort()).toEqual(def.fields.map((f) => f.id).sort());
  });

  test("hunan's groups are the 评分表 items", () => {
    const titles = mappingGroups(hunan.ledger).map((g) => g.title);
    expect(titles).toContain("第1项 为民优质服务");
    expect(titles.filter((t) => /^第\d+项/.test(t)).length).toBeGreaterThanOrEqual(10);
  });
});

describe("settings checks, field by field", () => {
  const d = hunan.defaults;
  test.each([
    ["nothing changed", {}, {}],
    ["an emptied year means the default", { cycleStartYear: undefined }, {}],
    ["a year out of range", { cycleStartYear: 20255 }, { cycleStartYear: /2000–2100/ }],
    ["a score above 100", { revokeBelowScore: 120 }, { revokeBelowScore: /0–100/ }],
    // Redundant, not contradictory: every score below 80 is then below 90 too (pane.e2e raises the revoke score so).
    ["a revoke score above the twice-below score", { revokeBelowScore: 90 }, {}],
    ["a revoke threshold above its deduct threshold", { thresholds: { satisfactionMin: { value: 95 } } }, { "thresholds.satisfactionMin": /撤销线 95% 不能高于扣分线.*90%/ }],
    ["a percentage above 100", { thresholds: { qualityFull: { value: 150 } } }, { "thresholds.qualityFull": /0–100/ }],
    ["a count that is not whole", { thresholds: { demoSitesMin: { value: 1.5 } } }, { "thresholds.demoSitesMin": /正整数/ }],
  ])("%s", (_name, draft, expected) => {
    const got = hunanFieldErrors(draft, d);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [k, re] of Object.entries(expected)) expect(got[k]).toMatch(re);
    for (const m of Object.values(got)) expect(m).not.toMatch(/undefined|NaN|README|[a-z]{4,}/);
  });

  test.each([
    ["a pass mark above 100", { passMark: 101 }, ["passMark"]],
    ["a lower grade worth more", { gradeShares: { 优: 1, 良: 0.9, 中: 0.95, 差: 0 } }, ["gradeShares"]],
    ["a plan number that is not whole", { plan: { first: { "2025": 2.5 } } }, ["plan.first.2025"]],
    ["valid", { passMark: 80 }, []],
  ])("shanghai: %s", (_name, draft, keys) => {
    expect(Object.keys(unitFieldErrors(draft)).sort()).toEqual(keys);
  });

  test("a saved draft drops blank fields, so the default applies and nothing reads 'undefined'", () => {
    expect(cleanDraft({ cycleStartYear: undefined, revokeBelowScore: Number.NaN, twiceBelowScore: 75, thresholds: { qualityMin: { value: undefined, equalIsBelow: true } } })).toEqual({
      twiceBelowScore: 75,
      thresholds: { qualityMin: { equalIsBelow: true } },
    });
  });
});

describe("创建计划 table", () => {
  test("years as rows up to the latest data year, the running total says what is short", () => {
    const settings = resolveAdditiveSettings(shanghai, { plan: { first: { "2024": 2, "2025": 2 }, top: { "2025": 1 } } });
    const unit = (year: number, kind: "org" | "post", status: "qualified" | "below") => ({
      row: 2,
      key: `单位|${kind}${year}`,
      kind,
      line: "supervision" as const,
      year,
      step: "认定",
      tier: "first" as const,
      status,
      basic: 50,
      industry: 40,
      score: 90,
      gatesFailed: [],
      gatesUnverified: [],
      criteria: [],
      reasons: [],
      unverified: [],
      warnings: [],
      errors: [],
    });
    const report = planProgress({ scheme: "shanghai", sheets: [{ sheet: "示范点", headerRow: 1, warnings: [], rows: [unit(2024, "org", "qualified"), unit(2026, "post", "below")] }], warnings: [] }, settings);
    const t = planTable(report, "first");
    expect(t.years).toEqual([2024, 2025, 2026]);
    expect(t.total.org).toEqual({ got: 1, planned: 4, short: 3 });
    expect(t.cell(2024, "org")).toMatchObject({ recognised: 1, planned: 2 });
  });
});
