/**
 * The report commands: survey (quarterly tally, optionally filling the ledger's quarter columns),
 * summary (the end-of-year workbook) and consolidate (the provincial roll-up of many 市州 files).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { renderReports, WorkbookFormatError, XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { consolidate, type InputFile } from "../engine/consolidate";
import { provinceLayout, summaryLayout, tallyLayout, bandLabel } from "../engine/reportLayouts";
import { scoreWorkbook } from "../engine/scoreWorkbook";
import { formatRate, planLedgerFill, tallySurvey } from "../engine/survey";
import { summarizeYear, type DataError } from "../engine/yearSummary";
import { hunan } from "../schemes/hunan";
import { resolveSettings, type SettingsInput } from "../schemes/schema";
import { mappingOverrides, withOwnership, type StoredState } from "../sheets/port";
import type { HunanSettings } from "../schemes/types";
import type { SheetGrid } from "../sheets/grid";
import { EXIT, mergeSettings, readInput, readSettings, saveWorkbook, UsageError, withSuffix, type Files, type Io, type Target } from "./common";
import { jsonBytes } from "./jsonOut";

const LABEL = hunan.labels;

function yearOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d{4}$/.test(v)) throw new UsageError(`--year 应为四位年份（现为“${v}”）`);
  return Number(v);
}

async function settingsFor(stored: StoredState, file: string | undefined, cycleStart?: string): Promise<HunanSettings> {
  const given: SettingsInput = file ? await readSettings(file) : {};
  if (cycleStart !== undefined) {
    if (!/^\d{4}$/.test(cycleStart)) throw new UsageError(`--cycle-start 应为四位年份（现为“${cycleStart}”）`);
    given.cycleStartYear = Number(cycleStart);
  }
  return resolveSettings(hunan, mergeSettings(stored, given));
}

/**
 * A workbook that is only read (summary): its state, the settings worked out from it, then its sheets, in that
 * order. The workbook itself (its sheets' text: tens of MB at 50,000 rows) is not kept once its sheets are read.
 */
async function readOnly(input: string, settingsOf: (stored: StoredState) => Promise<HunanSettings>): Promise<{ stored: StoredState; settings: HunanSettings; grids: SheetGrid[] }> {
  const book = await XlsxWorkbook.open(await readInput(input));
  const { stored } = book.readState();
  const settings = await settingsOf(stored);
  return { stored, settings, grids: withOwnership(book.readSheets(), stored) };
}

/** Names a stdout line lists before “等”: the full lists are in the workbook and the JSON. */
export const SHOWN_NAMES = 8;

/** The first {@link SHOWN_NAMES} items as shown, joined with “、”, then “ 等” when there are more. */
export function someOf<T>(items: readonly T[], show: (item: T) => string): string {
  return items.slice(0, SHOWN_NAMES).map(show).join("、") + (items.length > SHOWN_NAMES ? " 等" : "");
}

/** The workbook and the optional JSON a report command writes. */
function targets(option: string, output: string, jsonFile: string | undefined, defaultOf?: "survey"): Target[] {
  return [{ file: output, option, kind: "workbook", ...(defaultOf ? { defaultOf } : {}) }, ...(jsonFile ? [{ file: jsonFile, option: "--json", kind: "json" as const }] : [])];
}

export async function survey(args: string[], io: Io, files: Files): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      output: { type: "string", short: "o" },
      json: { type: "string" },
      "fill-ledger": { type: "boolean" },
      settings: { type: "string" },
      year: { type: "string" },
      force: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) throw new UsageError("用法：pioneer-scorecard survey <调查表.xlsx> [-o 输出.xlsx] [--json 汇总.json] [--fill-ledger]");
  const input = positionals[0]!;
  const output = values.output ?? withSuffix(input, "满意度汇总");
  const year = yearOption(values.year);
  await files.check([input], targets(values.output ? "-o" : "输出文件", output, values.json, values.output ? undefined : "survey"), { force: !!values.force });
  const book = await XlsxWorkbook.open(await readInput(input));
  const state = book.readState();
  const settings = await settingsFor(state.stored, values.settings);
  const grids = withOwnership(book.readSheets(), state.stored);
  const t = tallySurvey(grids, hunan, settings, year === undefined ? {} : { year });
  const fill = values["fill-ledger"] ? planLedgerFill(grids, t) : null;
  if (values.json) await files.write(values.json, jsonBytes({ tally: t.tally, unmatched: t.unmatched, errors: t.errors, ...(fill ? { filled: fill.cells } : {}) }));
  const sheet = book.addReport(tallyLayout(t, hunan, settings, new Date()));
  await saveWorkbook(book, output, files, { stored: state.stored, undo: state.undo, writes: fill?.writes ?? [], command: "survey", grids });

  const out: string[] = [`示范岗考评助手 · 季度服务满意度汇总`, `输入：${input}`];
  for (const s of t.sheets) out.push(`调查表「${s.sheet}」（表头第${s.headerRow}行，${s.shape === "responses" ? "每行一份答卷" : "每行一个季度的人数"}）：${s.rows} 行`);
  const count = (b: string | null) => t.tally.filter((e) => e.band === b).length;
  out.push(`共 ${t.tally.length} 个“示范岗 × 季度”：${bandLabel("ok", hunan)} ${count("ok")}　${bandLabel("deduct", hunan)} ${count("deduct")}　${bandLabel("revoke", hunan)} ${count("revoke")}${count(null) ? `　无有效样本 ${count(null)}` : ""}`);
  const small = t.tally.filter((e) => e.warnings.some((w) => w.code === "small-sample")).length;
  if (small) out.push(`有效样本少于 ${settings.minSample} 份：${small} 个（结论仅供参考）`);
  for (const e of t.tally.filter((x) => x.band === "revoke" || x.band === "deduct").slice(0, 12)) {
    out.push(`  ${e.city ? `${e.city} ` : ""}${e.post}  ${e.year}年第${e.quarter}季度  ${e.rate === null ? "—" : formatRate(e.rate)}（${e.positive}/${e.valid}）  ${bandLabel(e.band, hunan)}`);
  }
  if (!t.ledgerSheets.length) out.push("工作簿中没有考核台账：未与示范岗名单核对");
  const notIn = t.unmatched.filter((u) => u.kind === "not-in-ledger");
  const noSurvey = t.unmatched.filter((u) => u.kind === "no-survey");
  if (notIn.length) out.push(`调查表中有 ${notIn.length} 个示范岗在台账中找不到：${someOf(notIn, (u) => u.post)}`);
  if (noSurvey.length) out.push(`台账中的服务岗缺少季度测评 ${noSurvey.length} 处：${someOf(noSurvey, (u) => `${u.post}（${u.kind === "no-survey" ? `${u.year}Q${u.quarter}` : ""}）`)}`);
  if (t.errors.length) {
    out.push(`无法归属的调查记录 ${t.errors.length} 行（未计入）：`);
    for (const e of t.errors.slice(0, SHOWN_NAMES)) out.push(`  ${e.message}`);
  }
  if (fill) out.push(fill.cells.length ? `已填入台账季度满意度 ${fill.cells.length} 个单元格（${[...new Set(fill.writes.map((w) => w.sheet))].map((s) => `「${s}」`).join("")}）` : "没有可填入台账的满意度（--fill-ledger）");
  out.push("", `已写出：${output}（工作表「${sheet}」）`);
  if (values.json) out.push(`JSON 结果：${values.json}`);
  io.out(`${out.join("\n")}\n`);
  return t.errors.length ? EXIT.inputErrors : EXIT.ok;
}

export async function summary(args: string[], io: Io, files: Files): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { output: { type: "string", short: "o" }, json: { type: "string" }, settings: { type: "string" }, year: { type: "string" }, sheet: { type: "string" }, force: { type: "boolean" }, "cycle-start": { type: "string" } },
  });
  if (positionals.length !== 1) throw new UsageError("用法：pioneer-scorecard summary <已评分台账.xlsx> -o 年度汇总.xlsx [--json 汇总.json] [--cycle-start <年份>]");
  const input = positionals[0]!;
  const output = values.output ?? path.join(path.dirname(input), "年度汇总.xlsx");
  await files.check([input], targets(values.output ? "-o" : "输出文件", output, values.json), { force: !!values.force });
  const { stored, settings, grids } = await readOnly(input, (s) => settingsFor(s, values.settings, values["cycle-start"]));
  const scored = scoreWorkbook(grids, hunan, { sheet: values.sheet, settings, overrides: mappingOverrides(stored) });
  const year = yearOption(values.year);
  const s = summarizeYear(scored, hunan, year === undefined ? {} : { year });
  const layout = summaryLayout(s, hunan, new Date(), path.basename(input));
  if (values.json) await files.write(values.json, jsonBytes(s));
  await files.write(output, await renderReports([layout]).toBytes());
  const out = [
    `示范岗考评助手 · ${s.year} 年度汇总`,
    `输入：${input}`,
    `周期起始年 ${settings.cycleStartYear}（${values["cycle-start"] !== undefined ? "--cycle-start" : stored.used?.hunan ? `沿用该文件 ${stored.used.hunan.at.slice(0, 10)} 评分时所用` : stored.settings?.cycleStartYear !== undefined ? "工作簿中保存的设置" : "默认"}）`,
    `示范岗 ${s.rows.length} 个：${LABEL.retain} ${s.byStatus.retain}　${LABEL.rectify} ${s.byStatus.rectify}　${LABEL.revoke} ${s.byStatus.revoke}　${LABEL.error} ${s.byStatus.error}；平均得分 ${s.averageScore ?? "—"}`,
    ...s.byType.map((t) => `  ${t.postType} ${t.posts} 个（${LABEL.retain} ${t.retain}，${LABEL.rectify} ${t.rectify}，${LABEL.revoke} ${t.revoke}，${LABEL.error} ${t.error}）`),
    `撤销 ${s.revoked.length} 个（其中省级 ${s.revoked.filter((r) => r.level === "省级").length} 个）；本年度期满 ${s.expiring.length} 个`,
    ...(s.awaitingReview.length ? [`待复评 ${s.awaitingReview.length} 个：${someOf(s.awaitingReview, (r) => `${r.name}（${r.city}）`)}`] : []),
    ...(s.selection.length ? [`评选检查 ${s.selection.length} 条：`, ...s.selection.map((w) => `  ${w.message}`)] : ["评选检查：未发现问题"]),
    ...(s.otherYears ? [`另有 ${s.otherYears} 行属于其他年度，未列入（可用 --year 指定年度）`] : []),
    ...(s.noYear ? [`另有 ${s.noYear} 行未填考核年度，未列入`] : []),
    ...dataErrorLines(s.dataErrors),
    "",
    `已写出：${output}（A4 横向，可直接打印；含结论分布与得分分布柱形图）`,
    ...(values.json ? [`JSON 结果：${values.json}`] : []),
  ];
  io.out(`${out.join("\n")}\n`);
  return s.byStatus.error ? EXIT.inputErrors : EXIT.ok;
}

const errnoOf = (e: unknown): unknown => (typeof e === "object" && e !== null && "code" in e ? e.code : undefined);

const SHOW_ERRORS = 12;

/** The 数据有误 rows as score lists them: where each is in the ledger and what is wrong, cell by cell. */
function dataErrorLines(errors: readonly DataError[]): string[] {
  if (!errors.length) return [];
  const out = ["", `数据有误（${errors.length}），请更正台账后重新评分、汇总：`];
  for (const e of errors.slice(0, SHOW_ERRORS)) {
    out.push(`  ${e.sheet} 第${e.row}行  ${[e.city, e.unit, e.name].join(" · ")}  ${e.year ?? "?"}年${e.round}${e.unreadableYear ? "（考核年度无法识别，不能归入任何年度，已列入本汇总）" : ""}`);
    for (const m of e.messages) out.push(`      ${m}`);
  }
  if (errors.length > SHOW_ERRORS) out.push(`  …… 另有 ${errors.length - SHOW_ERRORS} 条，见汇总表“备注”列`);
  return out;
}

export async function consolidateCommand(args: string[], io: Io, written: Files): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { output: { type: "string", short: "o" }, json: { type: "string" }, settings: { type: "string" }, year: { type: "string" }, force: { type: "boolean" } },
  });
  if (!positionals.length) throw new UsageError("用法：pioneer-scorecard consolidate <文件.xlsx>... -o 全省汇总.xlsx [--json 汇总.json]");
  const output = values.output ?? "全省汇总.xlsx";
  // Inputs that do not exist are reported as skipped files below, not compared.
  const present = (await Promise.all(positionals.map(async (p) => ((await fs.stat(p).catch(() => null)) ? p : null)))).filter((p): p is string => p !== null);
  await written.check(present, targets(values.output ? "-o" : "输出文件", output, values.json), { force: !!values.force });
  const settings = await settingsFor({}, values.settings);
  const year = yearOption(values.year);
  const files: InputFile[] = [];
  for (const p of positionals) {
    const file = path.basename(p);
    try {
      const book = await XlsxWorkbook.open(await readInput(p));
      files.push({ file, grids: book.readSheets(), stored: book.readState().stored });
    } catch (e) {
      if (e instanceof WorkbookFormatError) files.push({ file, error: e.message });
      // By code, not instanceof: Node's errors may come from another realm (as under jest).
      else if (errnoOf(e) === "ENOENT") files.push({ file, error: "找不到文件" });
      else if (errnoOf(e) === "EISDIR") files.push({ file, error: "这是一个文件夹，不是工作簿" });
      else throw e;
    }
  }
  const given: SettingsInput = values.settings ? await readSettings(values.settings) : {};
  const c = consolidate(files, hunan, settings.provinceCities, { ...(year === undefined ? {} : { year }), settings: given });
  if (!c.files.length) {
    io.err(`无法汇总：没有一个文件是年度汇总表或考核台账。\n${c.skippedFiles.map((f) => `  ${f.file}：${f.reason}`).join("\n")}\n未写出任何文件。\n`);
    return EXIT.failed;
  }
  const result = {
    year: c.year,
    cities: c.cities,
    missingCities: c.missingCities,
    quotaWarnings: c.quotaWarnings,
    duplicates: c.duplicates,
    provincialRevocations: c.provincialRevocations,
    skippedFiles: c.skippedFiles,
    files: c.files,
    posts: c.posts,
    unplaced: c.unplaced,
    contradictions: c.contradictions,
  };
  if (values.json) await written.write(values.json, jsonBytes(result));
  await written.write(output, await renderReports([provinceLayout(c, hunan, new Date())]).toBytes());
  const total = (k: "retain" | "rectify" | "revoke" | "error" | "unverified") => c.cities.reduce((n, x) => n + x[k], 0);
  const out = [
    `示范岗考评助手 · ${c.year ?? ""}${c.year ? " 年度" : ""}全省汇总`,
    `已汇总 ${c.files.length} 个文件：${c.files.map((f) => `${f.file}（${f.posts} 个）`).join("、")}`,
    ...c.skippedFiles.map((f) => `已跳过 ${f.file}：${f.reason}`),
    `示范岗 ${c.posts.length} 个：${LABEL.retain} ${total("retain")}　${LABEL.rectify} ${total("rectify")}　${LABEL.revoke} ${total("revoke")}　${LABEL.error} ${total("error")}　待核实 ${total("unverified")}`,
    ...c.cities.map((x) => `  ${x.city}：${x.posts} 个，${LABEL.retain} ${x.retain}，${LABEL.rectify} ${x.rectify}，${LABEL.revoke} ${x.revoke}，${LABEL.error} ${x.error}${x.unverified ? `，待核实 ${x.unverified}` : ""}，平均 ${x.averageScore ?? "—"} 分`),
    `未报送的市州（${c.missingCities.length}）：${c.missingCities.join("、") || "无"}`,
    ...(c.quotaWarnings.length ? [`名额提示 ${c.quotaWarnings.length} 条：`, ...c.quotaWarnings.map((w) => `  ${w.message}`)] : []),
    ...(c.duplicates.length ? [`重复上报 ${c.duplicates.length} 个：`, ...c.duplicates.map((d) => `  ${d.post}（${d.city}）：${d.sources.join("；")}`)] : []),
    ...(c.unplaced.length ? [`待核实的考核结论 ${c.unplaced.length} 个（未计入保持）：`, ...c.unplaced.map((u) => `  ${u.post}（${u.city}）“${u.stated || "空白"}”：${u.source}`)] : []),
    ...(c.contradictions.length ? [`与得分不符的考核结论 ${c.contradictions.length} 个（按办法的结论计）：`, ...c.contradictions.map((x) => `  ${x.post}（${x.city}）上报“${x.stated}”，${x.why}：${x.source}`)] : []),
    `应撤销的省级称号 ${c.provincialRevocations.length} 个${c.provincialRevocations.length ? `：${c.provincialRevocations.map((r) => `${r.post}（${r.city}）`).join("、")}` : ""}`,
    "",
    `已写出：${output}`,
    ...(values.json ? [`JSON 结果：${values.json}`] : []),
  ];
  io.out(`${out.join("\n")}\n`);
  return c.skippedFiles.length ? EXIT.inputErrors : EXIT.ok;
}
