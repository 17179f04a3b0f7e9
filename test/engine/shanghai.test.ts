/** The shanghai scheme, table-driven: every criterion, every gate, the status precedence and the settings. */
import { detectScheme } from "../../src/engine/schemes";
import { scoreUnitWorkbook, type UnitScoreOptions } from "../../src/engine/scoreWorkbook";
import type { UnitResult } from "../../src/engine/types";
import { additiveSchemeProblems, criteriaFor, resolveAdditiveSettings, SettingsError } from "../../src/schemes/schema";
import { shanghai } from "../../src/schemes/shanghai";
import type { CriterionDef, GateDef, Line, UnitKind } from "../../src/schemes/types";
import type { CellValue, SheetGrid } from "../../src/sheets/grid";
import { gridOf, post } from "../helpers";

type Row = Record<string, CellValue>;

const KIND_CN: Record<UnitKind, string> = shanghai.kinds;
const LINE_CN: Record<Line, string> = { supervision: "安质监", association: "协会会员" };

/** Gate inputs that pass every gate of the kind and line. */
const PASSING: Record<UnitKind, Record<Line, Row>> = {
  org: {
    supervision: { 文明单位: "区局级", 班子考核等次: "称职", 较大及以上责任事故: "否" },
    association: { 文明单位: "是", 班子考核等次: "合格", 质量安全责任事故: "否", 违法案件或行政处罚: "否" },
  },
  point: {
    supervision: { 固定人员数: 3, 党员人数: 1, 负责人为党员: "否", 安全质量事故: "否", 安全质量投诉: "否" },
    association: { 固定人员数: 3, 党员人数: 0, 负责人为党员: "是", 质量安全责任事故: "否", 违法案件或行政处罚: "否", 不良信用记录: "否" },
  },
  post: {
    supervision: { 正式党员: "是", 民主评议等次: "优秀", 年终考核等次: "优秀", 安全质量事故: "否", 安全质量投诉: "否" },
    association: { 正式党员: "是", 民主评议等次: "优秀", 质量安全责任事故: "否", 违法案件或行政处罚: "否", 不良信用记录: "否" },
  },
};

/** A full-marks row of the kind and line, with `over` applied (header → value). */
function unit(kind: UnitKind, line: Line, over: Row = {}): Row {
  const scores = Object.fromEntries(criteriaFor(shanghai, kind, line).map((c) => [c.name, c.part === "basic" ? 12.5 : 25]));
  return { 名称: "测试示范点", 类型: KIND_CN[kind], 所属单位: "测试单位", 条线: LINE_CN[line], 年度: 2020, 步骤: "认定", ...scores, ...PASSING[kind][line], ...over };
}

/** A sheet with every column any of the rows uses (and every criterion column), canonical headers in row 1. */
function sheet(rows: Row[], name = "示范点"): SheetGrid {
  const headers = [...new Set(["名称", "类型", ...shanghai.criteria.map((c) => c.name), ...rows.flatMap((r) => Object.keys(r))])];
  return { name, values: [headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))] };
}

function score(rows: Row[], opts: UnitScoreOptions = {}): UnitResult[] {
  return scoreUnitWorkbook([sheet(rows)], shanghai, opts).result.sheets[0]!.rows;
}
const one = (row: Row, opts: UnitScoreOptions = {}) => score([row], opts)[0]!;

const LINES: Line[] = ["supervision", "association"];
const cases = shanghai.criteria.flatMap((c) => LINES.filter((l) => c.line === "all" || c.line === l).map((l) => [`${c.id} ${c.name} (${LINE_CN[l]})`, c, l] as const));

describe("the scheme table", () => {
  test("is valid and keeps 50 + 50 for every kind and line", () => {
    expect(additiveSchemeProblems(shanghai)).toEqual([]);
    for (const kind of ["org", "point", "post"] as const) {
      for (const line of LINES) expect(criteriaFor(shanghai, kind, line).map((c) => c.part)).toEqual(["basic", "basic", "basic", "basic", "industry", "industry"]);
    }
  });
  test("a full-marks row of every kind and line scores 100 and is 达标", () => {
    for (const kind of ["org", "point", "post"] as const) {
      for (const line of LINES) expect(one(unit(kind, line))).toMatchObject({ status: "qualified", basic: 50, industry: 50, score: 100, kind, line });
    }
  });
});

describe.each(cases)("criterion %s", (_name, c: CriterionDef, line: Line) => {
  const max = c.part === "basic" ? 12.5 : 25;
  test.each([
    ["优", max],
    ["良", max * 0.8],
    ["中", max * 0.6],
    ["差", 0],
    ["B", max * 0.8],
    ["C", max * 0.6],
    [max / 2, max / 2],
    [`${max}分`, max],
    [0, 0],
  ] as const)("%s earns %s points", (given, points) => {
    const r = one(unit(c.kind, line, { [c.name]: given }));
    expect(r.criteria.find((x) => x.id === c.id)).toMatchObject({ points, max });
    expect(r.score).toBe(100 - max + points);
    expect(r[c.part]).toBe(50 - max + points);
  });
  test("points above the maximum are an input error naming the cell", () => {
    const r = one(unit(c.kind, line, { [c.name]: max + 0.5 }));
    expect(r.status).toBe("error");
    expect(r.errors[0]!.message).toMatch(new RegExp(`${c.name}（[A-Z]+2）为 ${max + 0.5} 分，超过该项满分 ${max} 分`));
  });
  test.each([["优良"], [-1], ["十分"]])("%s is an input error", (given) => {
    expect(one(unit(c.kind, line, { [c.name]: given })).status).toBe("error");
  });
  test("blank: 待核实 with the criterion named; with blankCriterion zero it scores 0", () => {
    const r = one(unit(c.kind, line, { [c.name]: null }));
    expect(r).toMatchObject({ status: "unverified", score: null, [c.part]: null });
    expect(r.unverified.join()).toContain(`未评分：${c.name}`);
    const z = one(unit(c.kind, line, { [c.name]: null }), { settings: { blankCriterion: "zero" } });
    expect(z).toMatchObject({ status: 100 - max >= 85 ? "qualified" : "below", score: 100 - max });
    expect(z.warnings.map((w) => w.code)).toContain("blank-criterion-zero");
  });
});

/** For each gate: one input that fails it, and the inputs whose blanks leave it unverified. */
const GATE_CASES: Record<string, { fail: Row; blank: string[] }> = {
  "G-org-1": { fail: { 文明单位: "街镇级" }, blank: ["文明单位"] },
  "G-org-2": { fail: { 班子考核等次: "基本称职" }, blank: ["班子考核等次"] },
  "G-org-3": { fail: { 较大及以上责任事故: "是" }, blank: ["较大及以上责任事故"] },
  "G-org-a1": { fail: { 违法案件或行政处罚: "有" }, blank: ["质量安全责任事故"] },
  "G-point-1": { fail: { 固定人员数: 2 }, blank: ["固定人员数"] },
  "G-point-2": { fail: { 安全质量投诉: "是" }, blank: ["安全质量事故"] },
  "G-point-a1": { fail: { 不良信用记录: "有" }, blank: ["不良信用记录"] },
  "G-post-1": { fail: { 正式党员: "预备党员" }, blank: ["正式党员"] },
  "G-post-2": { fail: { 民主评议等次: "合格" }, blank: ["民主评议等次"] },
  "G-post-3": { fail: { 年终考核等次: "良好" }, blank: ["年终考核等次"] },
  "G-post-4": { fail: { 安全质量事故: "√" }, blank: ["安全质量投诉"] },
  "G-post-a1": { fail: { 质量安全责任事故: "是" }, blank: ["违法案件或行政处罚"] },
};

const gateLine = (g: GateDef): Line => (g.line === "association" ? "association" : "supervision");

describe.each(shanghai.gates.map((g) => [g.id, g] as const))("gate %s", (id, g: GateDef) => {
  const c = GATE_CASES[id]!;
  const kind = g.kinds[0]!;
  const line = gateLine(g);
  test("passing inputs: 达标", () => {
    expect(one(unit(kind, line))).toMatchObject({ status: "qualified", gatesFailed: [], gatesUnverified: [] });
  });
  test("failing: 不符合条件 whatever the score, the gate and the cell named", () => {
    const r = one(unit(kind, line, c.fail));
    expect(r).toMatchObject({ status: "ineligible", gatesFailed: [id], score: 100 });
    expect(r.reasons[0]).toMatch(new RegExp(`^${id} ${g.text.replace(/[()（）]/g, ".")}：${Object.keys(c.fail)[0]}（[A-Z]+2）为`));
  });
  test("failing on 复评: 撤销, naming the gate", () => {
    const r = one(unit(kind, line, { ...c.fail, 步骤: "复评" }));
    expect(r.status).toBe("revoke");
    expect(r.reasons.join("\n")).toContain(id);
    expect(r.reasons[0]).toContain("不搞终身制");
  });
  test("blank input: 待核实 (also on 复评)", () => {
    const blanks = Object.fromEntries(c.blank.map((h) => [h, null]));
    expect(one(unit(kind, line, blanks))).toMatchObject({ status: "unverified", gatesUnverified: [id], score: 100 });
    expect(one(unit(kind, line, { ...blanks, 步骤: "复评" })).status).toBe("unverified");
    expect(one(unit(kind, line, blanks)).unverified[0]).toContain(`${c.blank[0]}（`);
  });
  if (g.line !== "all") {
    test(`applies only to ${LINE_CN[g.line]}`, () => {
      const other: Line = g.line === "association" ? "supervision" : "association";
      expect(one(unit(kind, other, c.fail)).gatesFailed).not.toContain(id);
    });
  }
});

describe("gate vocabularies", () => {
  test.each([
    ["区局级文明单位", "qualified"],
    ["浦东新区文明单位", "qualified"],
    ["全国文明单位", "qualified"],
    ["上海市文明单位", "qualified"],
    ["省部级", "qualified"],
    [true, "qualified"],
    ["非文明单位", "ineligible"],
    ["街道级", "ineligible"],
    [false, "ineligible"],
  ] as const)("文明单位 %s → %s", (v, status) => {
    expect(one(unit("org", "supervision", { 文明单位: v })).status).toBe(status);
  });
  test.each([
    ["优秀", "qualified"],
    ["合格", "qualified"],
    ["称职", "qualified"],
    ["基本称职", "ineligible"],
    ["不称职", "ineligible"],
    ["不合格", "ineligible"],
  ] as const)("班子考核等次 %s → %s", (v, status) => {
    expect(one(unit("org", "supervision", { 班子考核等次: v })).status).toBe(status);
  });
  test.each([
    ["中共党员", "qualified"],
    ["中共正式党员", "qualified"],
    ["中共预备党员", "ineligible"],
    ["群众", "ineligible"],
  ] as const)("正式党员 (政治面貌) %s → %s", (v, status) => {
    expect(one(unit("post", "supervision", { 正式党员: v })).status).toBe(status);
  });
  test("G-point-1: 3 staff with a Party member, or with a Party-member leader; 2 staff fails; '4人' reads", () => {
    expect(one(unit("point", "supervision", { 固定人员数: 3, 党员人数: 0, 负责人为党员: "是" })).status).toBe("qualified");
    expect(one(unit("point", "supervision", { 固定人员数: "4人", 党员人数: 1, 负责人为党员: null })).status).toBe("qualified");
    expect(one(unit("point", "supervision", { 固定人员数: 3, 党员人数: 0, 负责人为党员: "否" })).gatesFailed).toEqual(["G-point-1"]);
    expect(one(unit("point", "supervision", { 固定人员数: 3, 党员人数: 0, 负责人为党员: null })).gatesUnverified).toEqual(["G-point-1"]);
    // A failure decides even when another input is blank.
    expect(one(unit("point", "supervision", { 固定人员数: 2, 党员人数: null, 负责人为党员: null })).gatesFailed).toEqual(["G-point-1"]);
  });
  test("an unreadable gate cell is an input error", () => {
    const r = one(unit("org", "supervision", { 班子考核等次: "还行" }));
    expect(r.status).toBe("error");
    expect(r.errors[0]!.message).toContain("应为优秀/称职/合格/基本称职/不称职");
  });
  test("a gate column missing from the sheet leaves the gate unverified, naming the column", () => {
    const row = unit("org", "supervision");
    delete row["文明单位"];
    const r = one(row);
    expect(r).toMatchObject({ status: "unverified", gatesUnverified: ["G-org-1"] });
    expect(r.unverified[0]).toContain("工作表没有“文明单位”列");
  });
});

describe("status precedence", () => {
  const at = (basic: number, industry: number, over: Row = {}) =>
    unit("org", "supervision", { 管党治党有力: basic - 37.5, 党的领导有力: 12.5, 推动发展有力: 12.5, 组织创建有力: 12.5, 搭建服务平台有力: industry - 25, 保障重大工程有力: 25, ...over });
  test.each([
    [85, "qualified"],
    [84.99, "below"],
    [84.5, "below"],
    [100, "qualified"],
  ] as const)("score %s → %s (pass mark 85, equal passes)", (total, status) => {
    expect(one(at(50, total - 50)).status).toBe(status);
  });
  test("below on 复评 → 撤销 with the score named; qualified on 复评 stays 达标", () => {
    const r = one(at(40, 40, { 步骤: "复评" }));
    expect(r.status).toBe("revoke");
    expect(r.reasons).toContain("总分 80 分，低于达标分 85 分");
    expect(one(at(50, 50, { 步骤: "复评" })).status).toBe("qualified");
  });
  test("ineligible beats below; below beats unverified; certain-below with criteria still blank", () => {
    expect(one(at(40, 40, { 文明单位: "否" })).status).toBe("ineligible");
    expect(one(at(40, 40, { 文明单位: null })).status).toBe("below");
    const r = one(unit("org", "supervision", { 管党治党有力: 0, 党的领导有力: 0, 推动发展有力: null, 组织创建有力: 0, 搭建服务平台有力: 25, 保障重大工程有力: 25 }));
    expect(r).toMatchObject({ status: "below", score: null });
    expect(r.reasons[0]).toContain("即使满分");
  });
  test("the pass mark is a setting", () => {
    expect(one(at(45, 45), { settings: { passMark: 90 } }).status).toBe("qualified");
    expect(one(at(45, 44.5), { settings: { passMark: 90 } }).status).toBe("below");
  });
  test("grade shares are a setting", () => {
    const r = one(unit("post", "supervision", { 信念坚定的标杆: "良" }), { settings: { gradeShares: { 良: 0.9 } } });
    expect(r.score).toBe(98.75);
  });
});

describe("rows and sheets", () => {
  test("criteria of another kind or line filled in are named in a warning and not counted", () => {
    const r = one(unit("post", "association", { 爱岗敬业标杆: 25, 管党治党有力: 3 }));
    expect(r).toMatchObject({ status: "qualified", score: 100 });
    expect(r.warnings[0]!.message).toMatch(/爱岗敬业标杆（[A-Z]+2）.*不适用于党员示范岗（协会会员/);
  });
  test("a blank 条线 is the supervision line; 协会会员 rows use 附件 2", () => {
    expect(one(unit("org", "supervision", { 条线: null })).line).toBe("supervision");
    expect(one(unit("org", "association")).criteria.map((c) => c.id)).toEqual(["S-org-b1", "S-org-b2", "S-org-b3", "S-org-b4", "S-org-a1", "S-org-a2"]);
  });
  test.each([
    ["党支部", "org"],
    ["示范党组织", "org"],
    ["报监窗口", "point"],
    ["示范服务点", "point"],
    ["示范岗", "post"],
    ["党员示范岗", "post"],
  ] as const)("类型 %s → %s", (v, kind) => {
    const row = unit(kind, "supervision", { 类型: v });
    expect(one(row).kind).toBe(kind);
  });
  test("no 类型 column: the kind follows from the only kind whose criteria the sheet has", () => {
    const row = unit("post", "supervision");
    delete row["类型"];
    const headers = Object.keys(row);
    const grid: SheetGrid = { name: "评分表", values: [headers, headers.map((h) => row[h] ?? null)] };
    expect(scoreUnitWorkbook([grid], shanghai).result.sheets[0]!.rows[0]).toMatchObject({ kind: "post", status: "qualified" });
  });
  test("a blank 类型 on a sheet of all kinds is an input error naming the cell", () => {
    const r = one(unit("org", "supervision", { 类型: null }));
    expect(r.status).toBe("error");
    expect(r.errors[0]!.message).toMatch(/类型（B2）为空/);
  });
  test("the same unit twice in a year and step is warned about", () => {
    const rows = score([unit("post", "supervision"), unit("post", "supervision")]);
    expect(rows[1]!.warnings.map((w) => w.code)).toContain("duplicate-unit");
  });
  test("the order of rows does not change any row's result", () => {
    const rows = [unit("post", "supervision"), unit("org", "association", { 名称: "乙" }), unit("point", "supervision", { 名称: "丙", 固定人员数: 1 })];
    const fwd = score(rows).map((r) => [r.key, r.status, r.score]);
    const back = score(rows.slice().reverse()).map((r) => [r.key, r.status, r.score]);
    expect(back.reverse()).toEqual(fwd);
  });
});

describe("settings", () => {
  test.each([
    [{ passMark: 150 }, /passMark/],
    [{ criterionPoints: { "S-org-b1": 20 } }, /示范党组织（安质监）基本标准各项满分之和应为 50（现为 57.5）/],
    [{ criterionPoints: { "S-x": 1 } }, /没有评分项 S-x/],
    [{ gradeShares: { 良: 1.5 } }, /良/],
    [{ plan: { first: { "19": 5 } } }, /四位年份/],
    [{ plan: { top: { "2020": -1 } } }, /非负整数/],
    [{ blankCriterion: "skip" }, /blankCriterion/],
    [{ cycleStartYear: 2025 }, /未知的设置项 cycleStartYear/],
  ])("%j is refused", (input, message) => {
    expect(() => resolveAdditiveSettings(shanghai, input as never)).toThrow(SettingsError);
    expect(() => resolveAdditiveSettings(shanghai, input as never)).toThrow(message);
  });
  test("points moved between criteria keep 50 + 50 and are accepted", () => {
    const s = resolveAdditiveSettings(shanghai, { criterionPoints: { "S-org-b1": 20, "S-org-b2": 5 } });
    expect(one(unit("org", "supervision", { 管党治党有力: 20, 党的领导有力: 5 }), { settings: { criterionPoints: s.criterionPoints } }).score).toBe(100);
    expect(one(unit("org", "supervision", { 管党治党有力: 20 }), { settings: { criterionPoints: s.criterionPoints } }).status).toBe("error");
  });
});

describe("which scheme a workbook keeps", () => {
  test("a 示范点 sheet is shanghai, a 考核台账 is hunan, neither is null", () => {
    expect(detectScheme([sheet([unit("post", "supervision")])])).toBe("shanghai");
    expect(detectScheme([gridOf([post()])])).toBe("hunan");
    expect(detectScheme([{ name: "空", values: [["说明"]] }])).toBeNull();
  });
});

describe("the plan over a whole workbook", () => {
  test("every 示范点 sheet counts (a sheet per kind); settings saved in the workbook apply; none → null", async () => {
    const { XlsxWorkbook } = await import("../../src/adapters/xlsx/xlsxWorkbook");
    const { workbookPlan } = await import("../../src/engine/plan");
    const { promises: fs } = await import("node:fs");
    const path = await import("node:path");
    const grids = (await XlsxWorkbook.open(new Uint8Array(await fs.readFile(path.join(__dirname, "..", "fixtures", "shanghai-other.xlsx"))))).readSheets();
    const p = workbookPlan(grids, {})!;
    const at = (kind: string) => p.plan.find((r) => r.year === 2022 && r.kind === kind && r.tier === "first")!;
    expect([at("post").recognised, at("point").recognised, at("org").recognised]).toEqual([2, 1, 0]);
    expect(at("post")).toMatchObject({ planned: 0, cumulativePlanned: 15, cumulativeRecognised: 2, behind: true });
    const custom = workbookPlan(grids, { shanghai: { plan: { first: { "2022": 2 } } } })!;
    expect(custom.plan.find((r) => r.kind === "post" && r.tier === "first" && r.year === 2022)).toMatchObject({ planned: 2, recognised: 2, cumulativePlanned: 2, behind: false });
    expect(workbookPlan([{ name: "空", values: [["说明"]] }], {})).toBeNull();
    expect(workbookPlan(grids, { shanghai: { passMark: 500 } })).toBeNull();
  });
});

describe("gate facts written as sentences (item 1, shanghai)", () => {
  test.each([
    ["a denial passes, the reading shown", "经查，申报年度未发生质量安全责任事故", "qualified", /质量安全责任事故（[A-Z]+2）‘经查，申报年度未发生质量安全责任事故’按‘否’处理/],
    ["a case fails the gate, its text named", "2020年5月发生一起质量安全责任事故", "ineligible", /按‘是’处理/],
    ["no answer yet is 数据有误, never a failed gate", "正在调查", "error", null],
  ] as const)("%s", (_name, text, status, note) => {
    const r = score([unit("point", "association", { 质量安全责任事故: text })])[0]!;
    expect(r.status).toBe(status);
    if (note) expect(r.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(note));
    if (status === "ineligible") expect(r.reasons.join("\n")).toContain(text);
  });
});
