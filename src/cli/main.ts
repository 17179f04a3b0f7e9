/**
 * pioneer-scorecard command line. The only code that touches the file system and the process;
 * it returns an exit code instead of exiting (0 all rows scored, 3 written with input errors,
 * 1 file could not be processed, 2 usage).
 */
import { promises as fs } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { renderTemplate, WorkbookFormatError, XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { NoLedgerError, scoreUnitWorkbook, scoreWorkbook, type WorkbookScore } from "../engine/scoreWorkbook";
import { detectScheme, isSchemeId, withUsed } from "../engine/schemes";
import type { RowResult } from "../engine/types";
import { SettingsError, type AdditiveSettingsInput, type SettingsInput } from "../schemes/schema";
import { hunan } from "../schemes/hunan";
import { shanghai } from "../schemes/shanghai";
import { templateSpec, unitTemplateSpec } from "../sheets/template";
import { NoSurveyError } from "../engine/survey";
import { NoYearError } from "../engine/yearSummary";
import { mappingOverrides } from "../sheets/port";
import { EXIT, mergeSettings, mergeUnitSettings, readSettings, UsageError, withSuffix, writeAtomic, type Io } from "./common";
import { consolidateCommand, summary as summaryCommand, survey } from "./reports";
import { plan, unitSummary } from "./shanghai";

export { EXIT, type Io } from "./common";

const processIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

export const HELP = `示范岗考评助手（pioneer-scorecard）— 党员示范岗考核评分、撤销与整改

用法：
  pioneer-scorecard score <台账.xlsx> [选项]
      按方案逐行评分，写出 <台账>.scored.xlsx（不改动任何输入单元格）。两种方案：
        hunan     湖南党员示范岗考核台账：扣分、最终得分、保持/整改/撤销、整改项、示范期至
        shanghai  上海“治水管海先锋”示范点表：基本标准 50 + 行业标准 50、条件核查、达标/未达标/不符合条件/待核实/撤销
      --scheme <方案>          hunan 或 shanghai（默认按表头自动判断）
      -o, --output <文件>      输出工作簿路径（默认：输入文件旁的 <名称>.scored.xlsx）
      --json <文件>            另写出 JSON 结果（每行的状态、得分及原因）
      --sheet <工作表>         只评分这张工作表（默认：所有识别出的台账或示范点表）
      --cycle-start <年份>     hunan：周期起始年（两年一个周期的第一年，默认沿用该文件上次评分所用，否则 ${hunan.defaults.cycleStartYear}）
      --pass-mark <分数>       shanghai：达标分（默认 ${shanghai.defaults.passMark}）
      --settings <文件>        JSON 设置文件（边界默认值，见 README“规则边界”）
      --dry-run                只计算并打印摘要，不写工作簿（--json 仍会写出）
      --in-place               直接写回输入文件（默认从不覆盖输入文件）

  pioneer-scorecard survey <调查表.xlsx> [-o 输出.xlsx] [--json 汇总.json] [--fill-ledger]
      季度服务满意度汇总：每个示范岗每季度的有效样本、各评价人数、满意度与结论（达标/扣分/撤销），
      写出含“满意度汇总”工作表的副本（默认 <名称>.满意度汇总.xlsx）
      --fill-ledger            同时把满意度填入同一工作簿中考核台账的“一季度满意度…”列
      --year <年份>            季度未写年份且没有“年度”“日期”列时使用的年份
      --settings <文件>        JSON 设置（如 minSample 最少有效样本、answerWeights 评价计分表）

  pioneer-scorecard summary <已评分台账.xlsx> [-o 年度汇总.xlsx] [--json 汇总.json] [--year <年份>] [--cycle-start <年份>]
      报省总站的年度汇总：每个示范岗一行，并附按结论、按岗位类别的统计，得分分布，撤销及后续处理，
      本年度期满与待复评名单和评选检查；A4 横向打印设置（默认汇总台账中最近的考核年度）。
      周期起始年等设置默认沿用 score 写入该文件时所用的设置

  pioneer-scorecard consolidate <文件.xlsx>... [-o 全省汇总.xlsx] [--json 汇总.json] [--year <年份>]
      省总站汇总多个市州的年度汇总表（或已评分台账）：各市州统计、未报送市州、名额提示、
      重复上报、应撤销的省级称号；不是汇总表的文件会列出并跳过

  pioneer-scorecard plan <示范点.xlsx> [-o 输出.xlsx] [--json [计划.json]] [--settings <文件>]
      上海方案创建计划（附件1）完成情况：每年 × 类别 × 层级的计划数、认定数与累计（对照 15 / 5），
      标出落后于计划的年度；写出含“创建计划”工作表的副本（默认 <名称>.创建计划.xlsx）。
      只写 --json 时把 JSON 打印到标准输出（不写工作簿，除非同时给出 -o）

  pioneer-scorecard template hunan|shanghai [-o 台账模板.xlsx]
      生成标准空白台账：hunan 为考核台账、成员、说明三张表；shanghai 为示范点表和说明（含下拉框）

  pioneer-scorecard --help | --version

退出码：
  0  所有记录均已评分（汇总命令：全部读取）
  3  已写出，但有记录“数据有误”（见“提示”列与摘要）；survey 有无法归属的调查记录；consolidate 跳过了文件
  1  文件无法处理，未写出任何内容（如不是 .xlsx、已加密、找不到考核台账或调查表）
  2  命令用法有误
`;


export async function run(argv: string[], io: Io = processIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      io.out(HELP);
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command === "--version" || command === "-v") {
      io.out("pioneer-scorecard 0.1.0\n");
      return EXIT.ok;
    }
    if (command === "score") return await score(rest, io);
    if (command === "template") return await template(rest, io);
    if (command === "survey") return await survey(rest, io);
    if (command === "summary") return await summaryCommand(rest, io);
    if (command === "consolidate") return await consolidateCommand(rest, io);
    if (command === "plan") return await plan(rest, io);
    throw new UsageError(`未知命令“${command}”`);
  } catch (e) {
    const code = errorCode(e);
    if (e instanceof UsageError || code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`用法有误：${translateArgError((e as Error).message)}\n运行 pioneer-scorecard --help 查看用法。\n`);
      return EXIT.usage;
    }
    if (e instanceof SettingsError) {
      io.err(`${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof WorkbookFormatError || e instanceof NoLedgerError || e instanceof NoSurveyError || e instanceof NoYearError) {
      io.err(`无法处理：${e.message}\n未写出任何文件。\n`);
      return EXIT.failed;
    }
    if (code && typeof (e as NodeJS.ErrnoException).path === "string") {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === "ENOENT" ? "找不到文件" : err.code === "EACCES" || err.code === "EPERM" ? "没有权限" : err.code === "EISDIR" ? "这是一个文件夹" : err.code;
      io.err(`无法处理：${why}：${err.path}\n未写出任何文件。\n`);
      return EXIT.failed;
    }
    throw e;
  }
}

/** Node's own errors come from another realm under some runners: recognise them by their code. */
function errorCode(e: unknown): string | undefined {
  if (typeof e !== "object" || e === null || !("code" in e)) return undefined;
  const code = (e).code;
  return typeof code === "string" ? code : undefined;
}

function translateArgError(msg: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(msg);
  if (unknown) return `未知选项 ${unknown[1]}`;
  const missing = /Option '([^']+)' argument missing/.exec(msg);
  if (missing) return `选项 ${missing[1]} 缺少取值`;
  const positional = /Unexpected argument '([^']+)'/.exec(msg);
  if (positional) return `多余的参数 ${positional[1]}`;
  return msg;
}

async function score(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      output: { type: "string", short: "o" },
      json: { type: "string" },
      sheet: { type: "string" },
      "cycle-start": { type: "string" },
      "pass-mark": { type: "string" },
      scheme: { type: "string" },
      settings: { type: "string" },
      "dry-run": { type: "boolean" },
      "in-place": { type: "boolean" },
    },
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length ? "只能给出一个输入文件" : "缺少输入文件：pioneer-scorecard score <台账.xlsx>");
  const input = positionals[0]!;
  if (values["in-place"] && values.output) throw new UsageError("--in-place 与 -o 不能同时使用");
  const output = values["in-place"] ? input : (values.output ?? defaultOutput(input));
  if (!values["in-place"] && path.resolve(output) === path.resolve(input)) {
    throw new UsageError("输出文件与输入文件相同；如确需覆盖输入文件，请使用 --in-place");
  }
  if (values.scheme !== undefined && !isSchemeId(values.scheme)) throw new UsageError(`未知方案“${values.scheme}”，可选：hunan、shanghai`);
  const cycleStart = values["cycle-start"];
  if (cycleStart !== undefined && !/^\d{4}$/.test(cycleStart)) throw new UsageError(`--cycle-start 应为四位年份（现为“${cycleStart}”）`);
  const passMark = values["pass-mark"];
  if (passMark !== undefined && (!/^\d+(\.\d+)?$/.test(passMark) || Number(passMark) > 100)) throw new UsageError(`--pass-mark 应为 0–100 之间的分数（现为“${passMark}”）`);
  const bytes = new Uint8Array(await fs.readFile(input));
  const book = await XlsxWorkbook.open(bytes);
  if (values["in-place"] && book.lossy.length && !values["dry-run"]) {
    throw new WorkbookFormatError(`文件含有${book.lossy.join("、")}，直接写回会丢失这些内容；请改用 -o 写到新文件`);
  }
  // Settings and the column mapping the pane saved in this workbook apply here too; the command line wins.
  const state = book.readState();
  const grids = book.readSheets();
  const scheme = values.scheme ?? detectScheme(grids, state.stored) ?? "hunan";
  const overrides = mappingOverrides(state.stored);
  let scored;
  if (scheme === "shanghai") {
    if (cycleStart !== undefined) throw new UsageError("--cycle-start 只用于 hunan 方案");
    const settings: AdditiveSettingsInput = values.settings ? await readSettings<AdditiveSettingsInput>(values.settings) : {};
    if (passMark !== undefined) settings.passMark = Number(passMark);
    scored = scoreUnitWorkbook(grids, shanghai, { sheet: values.sheet, settings: mergeUnitSettings(state.stored, settings), overrides });
  } else {
    if (passMark !== undefined) throw new UsageError("--pass-mark 只用于 shanghai 方案");
    const settings: SettingsInput = values.settings ? await readSettings(values.settings) : {};
    if (cycleStart !== undefined) settings.cycleStartYear = Number(cycleStart);
    try {
      scored = scoreWorkbook(grids, hunan, { sheet: values.sheet, settings: mergeSettings(state.stored, settings), overrides });
    } catch (e) {
      // Neither scheme's sheet was found: say what each needs.
      if (e instanceof NoLedgerError && values.scheme === undefined) {
        throw new NoLedgerError(e.problems, e.requested, "考核台账（湖南，需要“示范岗名称”“岗位类别”）或示范点表（上海，需要“名称”和评分列如“管党治党有力”）");
      }
      throw e;
    }
  }
  const hasErrors = scored.result.sheets.some((s) => s.rows.some((r) => r.status === "error"));

  if (values.json) await writeAtomic(values.json, new TextEncoder().encode(`${JSON.stringify(scored.result, null, 2)}\n`));
  if (!values["dry-run"]) {
    book.write(scored.writes);
    // Every setting this score used is kept in the workbook, so that summary, consolidate, the pane and the
    // preview reproduce its 示范期至. The pane's undo data described the owned columns before its own last
    // write, not this one: drop it.
    book.writeState(withUsed(state.stored, scored, "score", new Date()), null);
    await writeAtomic(output, await book.toBytes());
  }
  const written = values["dry-run"] ? null : output;
  io.out(scored.scheme === "shanghai" ? unitSummary(input, written, scored, values.json ?? null) : summary(input, written, scored, values.json ?? null));
  if (book.lossy.length && !values["dry-run"]) {
    io.out(`注意：输入文件含有${book.lossy.join("、")}，输出文件中不会保留（输入文件本身未被修改）。\n`);
  }
  return hasErrors ? EXIT.inputErrors : EXIT.ok;
}


export function defaultOutput(input: string): string {
  return withSuffix(input, "scored");
}


async function template(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { output: { type: "string", short: "o" } } });
  const scheme = positionals[0];
  if (positionals.length !== 1) throw new UsageError("用法：pioneer-scorecard template hunan|shanghai [-o 台账模板.xlsx]");
  if (scheme !== "hunan" && scheme !== "shanghai") throw new UsageError(`未知方案“${scheme}”，可选：hunan、shanghai`);
  const output = values.output ?? (scheme === "shanghai" ? "示范点模板.xlsx" : "台账模板.xlsx");
  const book = renderTemplate(scheme === "shanghai" ? unitTemplateSpec(shanghai) : templateSpec(hunan));
  await writeAtomic(output, await book.toBytes());
  io.out(`已生成空白台账：${output}\n`);
  return EXIT.ok;
}

const LABEL = hunan.labels;
const SHOW = 12;

function line(r: RowResult): string {
  return `第${r.row}行  ${r.key.replace(/\|/g, " · ")}  ${r.year ?? "?"}年${r.round}`;
}

export function summary(input: string, output: string | null, scored: WorkbookScore, json: string | null): string {
  const out: string[] = [`示范岗考评助手 · ${hunan.title}`, `输入：${input}`];
  const all: RowResult[] = [];
  for (const s of scored.result.sheets) {
    const c = { retain: 0, rectify: 0, revoke: 0, error: 0 };
    for (const r of s.rows) c[r.status]++;
    all.push(...s.rows);
    out.push(`工作表「${s.sheet}」（表头第${s.headerRow}行）：${s.rows.length} 条考核记录`);
    out.push(`  ${LABEL.retain} ${c.retain}　${LABEL.rectify} ${c.rectify}　${LABEL.revoke} ${c.revoke}　${LABEL.error} ${c.error}`);
    for (const w of s.warnings) out.push(`  注意：${w.message}`);
  }
  if (scored.memberSheets.length) out.push(`成员表：${scored.memberSheets.map((m) => `「${m}」`).join("")}（按示范岗汇总成员情况）`);
  for (const w of scored.result.warnings) out.push(`注意：${w.message}`);
  const revoked = all.filter((r) => r.status === "revoke");
  if (revoked.length) {
    out.push("", `撤销（${revoked.length}）：`);
    for (const r of revoked.slice(0, SHOW)) {
      out.push(`  ${line(r)}  ${r.score}分`);
      for (const v of r.revocations) out.push(`      ${v.reason}`);
    }
    if (revoked.length > SHOW) out.push(`  …… 另有 ${revoked.length - SHOW} 条，见输出工作簿“撤销原因”列`);
  }
  const errors = all.filter((r) => r.status === "error");
  if (errors.length) {
    out.push("", `数据有误（${errors.length}），请更正后重新评分：`);
    for (const r of errors.slice(0, SHOW)) {
      out.push(`  ${line(r)}`);
      for (const e of r.errors) out.push(`      ${e.message}`);
    }
    if (errors.length > SHOW) out.push(`  …… 另有 ${errors.length - SHOW} 条，见输出工作簿“提示”列`);
  }
  out.push("");
  if (output) out.push(`已写出：${output}`);
  else out.push("试运行（--dry-run）：未写出工作簿");
  if (json) out.push(`JSON 结果：${json}`);
  return `${out.join("\n")}\n`;
}
