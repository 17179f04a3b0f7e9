/**
 * The provincial consolidation (省总站汇总): many 市州 year summaries (or scored ledgers) → one roster with
 * per-市州 counts, the 市州 that sent nothing, quota warnings, posts reported twice and the 省级 titles to
 * revoke. A file that is neither is reported by name and skipped; the others are still consolidated.
 */
import { resolveSettings, type SettingsInput } from "../schemes/schema";
import type { FieldDef, HunanSettings, Scheme, SheetDef } from "../schemes/types";
import type { StoredState } from "../sheets/port";
import { hunanSettingsInput } from "./schemes";
import { presentRows, type SheetGrid } from "../sheets/grid";
import { normalizeText } from "../sheets/normalize";
import { factNumber, factText } from "../sheets/records";
import { generatedKind } from "../sheets/report";
import { locateSheet, readSheet, ROUNDS } from "../sheets/readSheet";
import { cellText, isBlankValue } from "../sheets/values";
import { plainText } from "./plainText";
import { NoLedgerError, scoreWorkbook } from "./scoreWorkbook";
import { cityKey, postKey, quotaWarnings, type RosterPost, type SelectionWarning } from "./selection";
import type { Status } from "./types";
import { average, NoYearError, postFacts, postLine, summarizeYear, type PostLine } from "./yearSummary";

const f = (id: string, header: string, synonyms: string[], kind: FieldDef["kind"], extra: Partial<FieldDef> = {}): FieldDef => ({ id, header, synonyms, kind, ...extra });

/** A year summary as another office's software may lay it out: the columns consolidation needs. */
export const summarySheet: SheetDef = {
  id: "summary",
  name: "年度汇总",
  fields: [
    f("city", "市州", ["市（州）", "所属市州", "市州名称", "地区", "地市", "市别", "报送市州", "城市"], "text"),
    f("unit", "工作单位", ["单位", "单位名称", "所在单位", "所属单位", "监督机构", "报送单位"], "text"),
    f("name", "示范岗名称", ["岗位名称", "党员示范岗名称", "党员示范岗（科室）名称", "示范岗", "党员示范岗", "岗位", "示范岗位", "科室名称", "示范岗（科室）名称"], "text"),
    f("postType", "岗位类别", ["类别", "岗位类型", "示范岗类别", "类型"], "postType"),
    f("level", "级别", ["示范岗级别", "层级"], "level"),
    f("leader", "负责人", ["示范岗负责人", "岗位负责人"], "text"),
    f("year", "考核年度", ["年度", "考核年份", "年份"], "year"),
    f("round", "考核轮次", ["轮次"], "round"),
    f("electedYear", "当选年度", ["评选年度", "当选年份", "命名年度"], "year"),
    f("score", "最终得分", ["得分", "考核得分", "总分", "评分", "分数", "考核分数", "考评得分", "综合得分", "复查得分", "复评得分"], "score"),
    f("status", "考核结论", ["结论", "考核结果", "评定结果", "处理意见", "考核意见", "评审意见", "考评结果", "评价结果", "审核意见", "处理结果", "复查结论", "复查结果", "考核结论意见"], "text"),
    f("revokeReasons", "撤销原因", ["撤销理由"], "text"),
    f("validThrough", "示范期至", ["示范期", "有效期至"], "year"),
  ],
  required: ["name", "status"],
};

/**
 * How other offices write a conclusion. Each verdict word may be negated by a cue right before it; a negated
 * word says something else (不予撤销 → 保持, 无需整改 → 保持, 不再保留 → 撤销) or nothing placeable (不合格,
 * 未通过, 不达标). Words are looked for anywhere in the text, longest first.
 */
export const CONCLUSION_WORDS: { words: readonly string[]; yes: Status | null; negated: Status | null }[] = [
  { words: ["撤销称号", "取消称号", "撤销", "撤消", "取消", "摘牌", "收回称号", "收回荣誉", "除名", "不再保留"], yes: "revoke", negated: "retain" },
  { words: ["限期整改", "责令整改", "整改后复评", "需整改", "须整改", "整改"], yes: "rectify", negated: "retain" },
  { words: ["继续保持", "保持称号", "保留称号", "保持", "保留", "维持"], yes: "retain", negated: "revoke" },
  // Not verdicts of this scheme: both 保持 and 整改 are "合格". Negated, they could be 撤销 or not.
  { words: ["合格", "通过", "达标", "优秀", "良好"], yes: null, negated: null },
  { words: ["数据有误", "数据错误"], yes: "error", negated: null },
];
/** Cues that negate the verdict word right after them. */
export const CONCLUSION_NEGATIONS = ["不予", "不再", "暂不", "无需", "不需", "不需要", "免予", "免于", "不", "未", "无", "非"];

const conclusionTable = CONCLUSION_WORDS.flatMap((e) => e.words.map((w) => ({ w: normalizeText(w), e }))).sort((a, b) => b.w.length - a.w.length);
const negationCues = [...CONCLUSION_NEGATIONS].map(normalizeText).sort((a, b) => b.length - a.length);
const RANK: Record<Status, number> = { revoke: 3, rectify: 2, retain: 1, error: 0 };

/**
 * A conclusion as written → the scheme's status, or null when it cannot be placed (不合格, 未通过, blank…).
 * Several words: the strongest placed one wins (撤销 > 整改 > 保持: "不予撤销，限期整改" is 整改).
 */
export function parseStatus(v: string): Status | null {
  let t = normalizeText(v);
  const found: (Status | "unplaced")[] = [];
  while (t) {
    let hit: { at: number; w: string; e: (typeof CONCLUSION_WORDS)[number] } | null = null;
    for (const { w, e } of conclusionTable) {
      const at = t.indexOf(w);
      if (at >= 0 && (!hit || at < hit.at)) hit = { at, w, e };
    }
    if (!hit) break;
    const before = t.slice(0, hit.at);
    const negated = negationCues.some((c) => before.endsWith(c));
    const verdict = negated ? hit.e.negated : hit.e.yes;
    found.push(verdict ?? "unplaced");
    t = t.slice(hit.at + hit.w.length);
  }
  const placed = found.filter((x): x is Status => x !== "unplaced");
  if (!placed.length) return null;
  // "合格，继续保持" places; "不合格" alone does not.
  return placed.reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
}

/** The verdict a score alone allows under the scheme (第十一条), when it contradicts the stated one. */
export function scoreVerdict(score: number, stated: Status, settings: Pick<HunanSettings, "revokeBelowScore">): { verdict: Status; why: string } | null {
  if (stated === "error") return null;
  if (score < settings.revokeBelowScore) {
    return stated === "revoke" ? null : { verdict: "revoke", why: `得分${score}分，低于${settings.revokeBelowScore}分，按第十一条应撤销` };
  }
  if (stated === "retain" && score < 100) return { verdict: "rectify", why: `得分${score}分，有扣分项，按第十一条应整改后再评分` };
  if (stated === "rectify" && score === 100) return { verdict: "retain", why: "得分100分，没有扣分项，无须整改" };
  return null;
}

/** A post as consolidated: `status` is 待核实 ("unverified") when its conclusion could not be placed. */
export type ConsolidatedPost = Omit<PostLine, "status"> & {
  status: Status | "unverified";
  /** The conclusion as the 市州 wrote it (summaries only). */
  stated?: string;
  /** When the score contradicts the stated conclusion: what was stated and why the scheme says otherwise. */
  contradicted?: { statedStatus: Status; why: string };
  source: string;
  sourceRow: number;
};

export type CityLine = { city: string; posts: number; retain: number; rectify: number; revoke: number; error: number; unverified: number; averageScore: number | null };

/** A conclusion that could not be placed: never counted as 保持. */
export type Unplaced = { post: string; city: string; unit: string; stated: string; score: number | null; source: string };
/** A conclusion the score contradicts under the scheme: counted as the scheme's verdict, both listed. */
export type Contradiction = { post: string; city: string; unit: string; stated: string; statedStatus: Status; score: number; verdict: Status; why: string; source: string };

export type Consolidation = {
  year: number | null;
  posts: ConsolidatedPost[];
  cities: CityLine[];
  missingCities: string[];
  quotaWarnings: SelectionWarning[];
  duplicates: { post: string; city: string; unit: string; sources: string[] }[];
  provincialRevocations: { post: string; city: string; unit: string; reasons: string; source: string }[];
  /** 待核实: conclusions that could not be placed (不合格, 未通过, blank …), with file and row. */
  unplaced: Unplaced[];
  /** Conclusions the score contradicts, beside the scheme's own verdict. */
  contradictions: Contradiction[];
  skippedFiles: { file: string; reason: string }[];
  /** Per file: what was read. */
  files: { file: string; sheet: string; kind: "summary" | "ledger"; posts: number }[];
};

/** A file to consolidate; `stored` is its workbook state (a ledger is scored with the settings it was last scored with). */
export type InputFile = { file: string; grids: readonly SheetGrid[]; stored?: StoredState } | { file: string; error: string };


/** The first row under the header that is entirely blank ends the table (sections below it are not posts). */
function tableEnd(grid: SheetGrid, headerRow: number): number {
  let seen = false;
  // Rows with cells only; a row between two of them that has none is blank, and so ends the table.
  let next = headerRow;
  for (const r0 of presentRows(grid.values, headerRow)) {
    if (seen && r0 > next) return next;
    const filled = (grid.values[r0] ?? []).some((v) => !isBlankValue(v ?? null));
    if (filled) seen = true;
    else if (seen) return r0;
    next = r0 + 1;
  }
  return seen && next < grid.values.length ? next : grid.values.length;
}

function cityFromText(text: string, cities: readonly string[]): string | null {
  const t = normalizeText(text);
  return cities.find((c) => t.includes(cityKey(c))) ?? null;
}

function readSummary(file: string, grids: readonly SheetGrid[], scheme: Scheme, cities: readonly string[], year: number | undefined, input: SettingsInput): { posts: ConsolidatedPost[]; sheet: string; kind: "summary" | "ledger" } | { reason: string } {
  const settings = resolveSettings(scheme, input);
  // Our own 年度汇总 is a summary; our 满意度汇总 and 全省汇总 are not.
  const ordered = [...grids]
    .filter((g) => generatedKind(g) === null || generatedKind(g) === "summary")
    .sort((a, b) => Number(b.name.includes("汇总")) - Number(a.name.includes("汇总")));
  for (const grid of ordered) {
    // A ledger without any 考核结论 is scored below rather than read as a summary.
    const found = locateSheet(grid, summarySheet);
    if (!found.ok) continue;
    const end = tableEnd(grid, found.map.headerRow);
    const read = readSheet({ ...grid, values: grid.values.slice(0, end) }, summarySheet, found.map);
    const records = read.records.filter((r) => r.facts["name"]?.value);
    if (!records.length || !records.some((r) => r.facts["status"]?.value)) continue;
    // 市州: the column, else the title rows above the header, else the file name.
    const titleText = grid.values.slice(0, found.map.headerRow - 1).flat().map((v) => cellText(v ?? null)).join(" ");
    const fallbackCity = cityFromText(titleText, cities) ?? cityFromText(file, cities);
    const posts = records.map((r): ConsolidatedPost => {
      const statusText = factText(r, "status");
      const placed = statusText ? parseStatus(statusText) : null;
      const cell = r.facts["status"]!.cell;
      const notes = r.errors.map((e) => e.message);
      if (!statusText) notes.push(`考核结论（${cell}）为空：待核实`);
      else if (!placed) notes.push(`考核结论（${cell}）“${statusText}”不是保持、整改或撤销：待核实`);
      const facts = postFacts(r);
      const score = factNumber(r, "score");
      let status: ConsolidatedPost["status"] = placed ?? "unverified";
      let revokeReasons = factText(r, "revokeReasons");
      const check = placed && score !== null ? scoreVerdict(score, placed, settings) : null;
      if (check) {
        notes.push(`上报结论“${statusText}”与得分不符：${check.why}（按${scheme.labels[check.verdict]}计）`);
        status = check.verdict;
        if (check.verdict === "revoke") revokeReasons = [revokeReasons, check.why].filter(Boolean).join("\n");
      }
      return {
        ...facts,
        city: facts.city || fallbackCity || "",
        score,
        status,
        stated: statusText,
        // A city's file may be a scored ledger's copy: the province's sheet carries no rule codes or cell addresses.
        revokeReasons: plainText(revokeReasons),
        notes: plainText(notes.join("\n")),
        source: file,
        sourceRow: r.row,
        ...(check && placed ? { contradicted: { statedStatus: placed, why: check.why } } : {}),
      };
    });
    const rounds = new Map(records.map((r) => [r.row, factText(r, "round")]));
    return { posts: latestPerPost(posts, rounds, year), sheet: grid.name, kind: "summary" };
  }
  // Not a summary: a ledger (scored or not) is scored here with the same engine.
  try {
    const scored = scoreWorkbook(grids, scheme, { settings: input });
    const s = summarizeYear(scored, scheme, year === undefined ? {} : { year });
    const posts = s.rows.map((r): ConsolidatedPost => ({ ...postLine(r), city: r.city || cityFromText(file, cities) || "", source: file, sourceRow: r.row }));
    return { posts, sheet: scored.ledgers.map((l) => l.sheet).join("、"), kind: "ledger" };
  } catch (e) {
    if (e instanceof NoLedgerError || e instanceof NoYearError) {
      return { reason: `不是年度汇总表或考核台账（没有找到“示范岗名称”和“考核结论”等表头）` };
    }
    throw e;
  }
}

/** Rows of the summarised year; a post's 复评 stands for its 初评. Two 初评 rows of a post stay (they are duplicates). */
function latestPerPost(posts: ConsolidatedPost[], rounds: Map<number, string>, year: number | undefined): ConsolidatedPost[] {
  const years = posts.map((p) => p.year).filter((y): y is number => y !== null);
  const y = year ?? (years.length ? Math.max(...years) : null);
  const isRe = (p: ConsolidatedPost) => ROUNDS[1][1].some((w) => normalizeText(w) === normalizeText(rounds.get(p.sourceRow) ?? ""));
  const groups = new Map<string, ConsolidatedPost[]>();
  for (const p of posts) {
    if (y !== null && p.year !== null && p.year !== y) continue;
    const k = postKey(p);
    groups.set(k, [...(groups.get(k) ?? []), p]);
  }
  return [...groups.values()].flatMap((g) => {
    const re = g.filter(isRe);
    return re.length ? [re[re.length - 1]!] : g;
  });
}

export function consolidate(files: readonly InputFile[], scheme: Scheme, cities: readonly string[], opts: { year?: number; settings?: SettingsInput } = {}): Consolidation {
  const skippedFiles: Consolidation["skippedFiles"] = [];
  const fileLines: Consolidation["files"] = [];
  const reported: ConsolidatedPost[] = [];
  for (const input of files) {
    if ("error" in input) {
      skippedFiles.push({ file: input.file, reason: input.error });
      continue;
    }
    const got = readSummary(input.file, input.grids, scheme, cities, opts.year, hunanSettingsInput(input.stored, opts.settings));
    if ("reason" in got) {
      skippedFiles.push({ file: input.file, reason: got.reason });
      continue;
    }
    fileLines.push({ file: input.file, sheet: got.sheet, kind: got.kind, posts: got.posts.length });
    reported.push(...got.posts);
  }
  const years = reported.map((p) => p.year).filter((y): y is number => y !== null);
  const year = opts.year ?? (years.length ? Math.max(...years) : null);
  const inYear = reported.filter((p) => year === null || p.year === null || p.year === year);

  // The same post reported twice (in two files or twice in one): listed, the first report kept.
  const first = new Map<string, ConsolidatedPost>();
  const dup = new Map<string, ConsolidatedPost[]>();
  for (const p of inYear) {
    const k = postKey(p);
    if (!first.has(k)) first.set(k, p);
    else dup.set(k, [...(dup.get(k) ?? [first.get(k)!]), p]);
  }
  const posts = [...first.values()];
  const where = (p: ConsolidatedPost) => `${p.source} 第 ${p.sourceRow} 行`;
  const duplicates = [...dup.values()].map((list) => ({ post: list[0]!.name, city: list[0]!.city, unit: list[0]!.unit, sources: list.map(where) }));

  const order = [...cities];
  const cityOf = (p: ConsolidatedPost) => order.find((c) => cityKey(c) === cityKey(p.city)) ?? (p.city || "（未填市州）");
  const names = [...new Set([...order.filter((c) => posts.some((p) => cityOf(p) === c)), ...posts.map(cityOf)])];
  const lines: CityLine[] = names.map((city) => {
    const of = posts.filter((p) => cityOf(p) === city);
    const count = (s: ConsolidatedPost["status"]) => of.filter((p) => p.status === s).length;
    return {
      city,
      posts: of.length,
      retain: count("retain"),
      rectify: count("rectify"),
      revoke: count("revoke"),
      error: count("error"),
      unverified: count("unverified"),
      averageScore: average(of.filter((p) => p.status !== "error" && p.status !== "unverified" && p.score !== null).map((p) => p.score!)),
    };
  });
  // A summary without a year column reports the consolidated year.
  const roster: RosterPost[] = posts.map((p) => ({ city: cityOf(p), unit: p.unit, name: p.name, postType: p.postType, year: p.year ?? year, electedYear: p.electedYear, status: p.status }));
  return {
    year,
    posts: posts.map((p) => ({ ...p, city: cityOf(p) })),
    cities: lines,
    missingCities: order.filter((c) => !posts.some((p) => cityOf(p) === c)),
    quotaWarnings: quotaWarnings(roster),
    duplicates,
    provincialRevocations: posts
      .filter((p) => p.level === "provincial" && p.status === "revoke")
      .map((p) => ({ post: p.name, city: cityOf(p), unit: p.unit, reasons: p.revokeReasons, source: where(p) })),
    unplaced: posts
      .filter((p) => p.status === "unverified")
      .map((p) => ({ post: p.name, city: cityOf(p), unit: p.unit, stated: p.stated ?? "", score: p.score, source: where(p) })),
    contradictions: posts
      .filter((p) => p.contradicted && p.score !== null)
      .map((p) => ({
        post: p.name,
        city: cityOf(p),
        unit: p.unit,
        stated: p.stated ?? "",
        statedStatus: p.contradicted!.statedStatus,
        score: p.score!,
        verdict: p.status as Status,
        why: p.contradicted!.why,
        source: where(p),
      })),
    skippedFiles,
    files: fileLines,
  };
}

