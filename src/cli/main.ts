/**
 * pioneer-scorecard command line. The only code that touches the file system and the process;
 * it returns an exit code instead of exiting (0 all rows scored, 3 written with input errors,
 * 1 file could not be processed, 2 usage).
 */
import { parseArgs } from "node:util";
import type { WorkbookScore } from "../engine/scoreWorkbook";
import type { RowResult } from "../engine/types";
import type { AdditiveSettingsInput, SettingsInput } from "../schemes/schema";
import { EXIT, Files, UsageError, withSuffix, type Io, type Target } from "./common";
import { jsonBytes } from "./jsonOut";

// Only what --help and argument errors need is loaded up front: the engine, the schemes and the .xlsx
// adapter (ExcelJS) are imported inside the commands, so `--help` and `--version` start in well under 0.1 s.

export { EXIT, type Io } from "./common";

const processIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

/** Defaults quoted in the help text (the schemes' `defaults`; a test keeps them in step). */
export const HELP_DEFAULTS = { cycleStartYear: 2025, passMark: 85 };

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
      --cycle-start <年份>     hunan：周期起始年（两年一个周期的第一年，默认沿用该文件上次评分所用，否则 ${HELP_DEFAULTS.cycleStartYear}）
      --pass-mark <分数>       shanghai：达标分（默认 ${HELP_DEFAULTS.passMark}）
      --settings <文件>        JSON 设置文件（边界默认值，见 README“规则边界”）
      --dry-run                只计算并打印摘要，不写工作簿（--json 仍会写出）
      --in-place               直接写回输入文件（默认从不覆盖输入文件）
      --force                  输出文件已存在且不是本工具写出的文件时，确认替换它

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

  pioneer-scorecard register <台账.xlsx> [-o 示范岗名册.xlsx] [--json 名册.json] [--as-of YYYY-MM-DD]
      示范岗名册：每个示范岗一行（跨所有年度），考核经过、当前状态（有效/整改待复评/已撤销/期满）、
      下一步及截止日期、半年报送（读“报送情况”表）、本月待办、疑似同一示范岗；--as-of 默认今天

  pioneer-scorecard screen <台账.xlsx> [-o 评选资格审查.xlsx] [--json 审查.json] [--as-of YYYY-MM-DD] [--year <评选年度>]
      评选资格审查：按“推荐名单”表逐个审查（符合条件/不符合条件及条款/待确认），A4 横向可打印

  pioneer-scorecard template hunan|shanghai|register [-o 台账模板.xlsx]
      生成标准空白台账：hunan 为考核台账、成员、说明三张表；shanghai 为示范点表和说明（含下拉框）；
      register 为推荐名单、报送情况两张表

  pioneer-scorecard --help | --version

输出文件：
  -o、--json 不能是输入文件，也不能彼此相同。已存在的输出文件只在是本工具写出的文件时才替换
  （评分、满意度汇总、创建计划的副本，年度汇总、全省汇总，本工具的 JSON 结果）；
  其他已存在的文件（包括您自己的台账和模板）不会被替换，除非加 --force（每条写文件的命令都可用）。

退出码：
  0  所有记录均已评分（汇总命令：全部读取）
  3  已写出，但有记录“数据有误”（见“提示”列与摘要）；survey 有无法归属的调查记录；consolidate 跳过了文件
  1  文件无法处理（如不是 .xlsx、已加密、找不到考核台账或调查表）；会说明已写出和未写出哪些文件
  2  命令用法有误（包括输出文件与输入文件相同、输出文件已存在而未加 --force），未写出任何文件
`;


export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const files = new Files();
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
    if (command === "score") return await score(rest, io, files);
    if (command === "template") return await template(rest, io, files);
    if (command === "survey") return await (await import("./reports")).survey(rest, io, files);
    if (command === "summary") return await (await import("./reports")).summary(rest, io, files);
    if (command === "consolidate") return await (await import("./reports")).consolidateCommand(rest, io, files);
    if (command === "plan") return await (await import("./shanghai")).plan(rest, io, files);
    if (command === "register") return await (await import("./register")).register(rest, io, files);
    if (command === "screen") return await (await import("./register")).screen(rest, io, files);
    throw new UsageError(`未知命令“${command}”`);
  } catch (e) {
    return failure(e, io, files);
  }
}

/** Errors the user can act on, by class name (their modules are loaded lazily, so no instanceof here). */
const FILE_PROBLEMS = new Set(["WorkbookFormatError", "ZipFormatError", "NoLedgerError", "NoSurveyError", "NoYearError", "PortError", "NoRoomError"]);

/** A file that cannot be read as a workbook: what to do about it. */
const DAMAGED = /可能已损坏/;
const DAMAGED_HINT = "。请用 Excel 或 WPS 打开该文件（必要时用“打开并修复”），另存为 .xlsx 后再试，或改用备份";

/** The input named before a message about its content (one input; the message does not name it already). */
function fileOf(name: string, message: string, files: Files): string {
  if (name !== "WorkbookFormatError" && name !== "ZipFormatError") return "";
  const [input, ...more] = files.inputs;
  return input !== undefined && !more.length && !message.includes(input) ? `${input}：` : "";
}

/** Any failure → a Chinese message and an exit code; an unexpected error is an internal error, without its stack. */
function failure(e: unknown, io: Io, files: Files): number {
  const code = errorCode(e);
  // By name, not instanceof: errors from Node or a lazily loaded module may come from another realm.
  const name = typeof e === "object" && e !== null && typeof (e as { name?: unknown }).name === "string" ? (e as Error).name : "";
  if (e instanceof UsageError || code?.startsWith("ERR_PARSE_ARGS")) {
    io.err(`用法有误：${translateArgError((e as Error).message)}\n运行 pioneer-scorecard --help 查看用法。\n${files.written.length ? `${files.report()}\n` : ""}`);
    return EXIT.usage;
  }
  if (name === "SettingsError") {
    io.err(`${(e as Error).message}\n${files.written.length ? `${files.report()}\n` : ""}`);
    return EXIT.usage;
  }
  if (FILE_PROBLEMS.has(name)) {
    io.err(`无法处理：${fileOf(name, (e as Error).message, files)}${(e as Error).message}${DAMAGED.test((e as Error).message) ? DAMAGED_HINT : ""}\n${files.report()}\n`);
    return EXIT.failed;
  }
  if (code && typeof (e as NodeJS.ErrnoException).path === "string") {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === "ENOENT" ? "找不到文件或文件夹"
      : err.code === "EACCES" || err.code === "EPERM" ? "没有权限（文件可能是只读的，或正在被 Excel、WPS 打开）"
      : err.code === "EBUSY" ? "文件正在被其他程序使用（可能已在 Excel 或 WPS 中打开）"
      : err.code === "EISDIR" ? "这是一个文件夹，不是文件（请给出 .xlsx 工作簿的文件名）"
      : err.code === "ENOSPC" ? "磁盘空间不足"
      : err.code === "EROFS" ? "磁盘是只读的"
      : `系统错误 ${err.code}`;
    io.err(`无法处理：${why}：${err.path}\n${files.report()}\n`);
    return EXIT.failed;
  }
  if (name === "RangeError" && /memory|Invalid array length|Invalid string length/i.test((e as Error).message)) {
    io.err(`无法处理：文件太大，内存不足\n${files.report()}\n`);
    return EXIT.failed;
  }
  io.err(internalError(e, files));
  return EXIT.failed;
}

/** An error nobody anticipated is a bug: say so in Chinese, with the stack only when PIONEER_DEBUG=1. */
export function internalError(e: unknown, files?: Files): string {
  const debug = process.env["PIONEER_DEBUG"] === "1";
  const err = typeof e === "object" && e !== null ? (e as Partial<Error>) : null;
  const detail = err && typeof err.message === "string" ? (debug ? (err.stack ?? err.message) : err.message) : String(e);
  return (
    `内部错误：处理时出现了意外的问题（${oneLine(detail, debug)}）。这是本工具的缺陷，请把命令和文件发给维护者；` +
    `设置环境变量 PIONEER_DEBUG=1 再运行可看到详细信息。\n${files ? `${files.report()}\n` : ""}`
  );
}

function oneLine(s: string, keep: boolean): string {
  return keep ? s : s.split("\n")[0]!.slice(0, 200);
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

async function score(args: string[], io: Io, files: Files): Promise<number> {
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
      force: { type: "boolean" },
    },
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length ? "只能给出一个输入文件" : "缺少输入文件：pioneer-scorecard score <台账.xlsx>");
  const input = positionals[0]!;
  const inPlace = !!values["in-place"];
  const dryRun = !!values["dry-run"];
  if (inPlace && values.output) throw new UsageError("--in-place 与 -o 不能同时使用");
  const output = inPlace ? input : (values.output ?? defaultOutput(input));
  const { isSchemeId } = await import("../engine/schemes");
  if (values.scheme !== undefined && !isSchemeId(values.scheme)) throw new UsageError(`未知方案“${values.scheme}”，可选：hunan、shanghai`);
  const cycleStart = values["cycle-start"];
  if (cycleStart !== undefined && !/^\d{4}$/.test(cycleStart)) throw new UsageError(`--cycle-start 应为四位年份（现为“${cycleStart}”）`);
  const passMark = values["pass-mark"];
  if (passMark !== undefined && (!/^\d+(\.\d+)?$/.test(passMark) || Number(passMark) > 100)) throw new UsageError(`--pass-mark 应为 0–100 之间的分数（现为“${passMark}”）`);
  const targets: Target[] = [
    // With --dry-run the workbook is not written: it is only checked not to be the input or the JSON.
    ...(dryRun && !values.output
      ? []
      : [{ file: output, option: values.output ? "-o" : "输出文件", kind: "workbook" as const, ...(dryRun ? { unwritten: true } : {}), ...(values.output || inPlace ? {} : { defaultOf: "score" as const }) }]),
    ...(values.json ? [{ file: values.json, option: "--json", kind: "json" as const }] : []),
  ];
  // Checked before anything is read or written: a refusal leaves every file as it was.
  await files.check([input], targets, { force: !!values.force, score: true, ...(inPlace ? { inPlace: input } : {}) });

  const [{ XlsxWorkbook }, { NoLedgerError, scoreUnitWorkbook, scoreWorkbook }, { detectScheme, withUsed }, { mappingOverrides, withOwnership }, common] = await Promise.all([
    import("../adapters/xlsx/xlsxWorkbook"),
    import("../engine/scoreWorkbook"),
    import("../engine/schemes"),
    import("../sheets/port"),
    import("./common"),
  ]);
  const bytes = await common.readInput(input);
  const book = await XlsxWorkbook.open(bytes);
  // Settings and the column mapping the pane saved in this workbook apply here too; the command line wins.
  const state = book.readState();
  const grids = withOwnership(book.readSheets(), state.stored);
  const scheme = values.scheme ?? detectScheme(grids, state.stored) ?? "hunan";
  const overrides = mappingOverrides(state.stored);
  let scored;
  if (scheme === "shanghai") {
    if (cycleStart !== undefined) throw new UsageError("--cycle-start 只用于 hunan 方案");
    const { shanghai } = await import("../schemes/shanghai");
    const settings: AdditiveSettingsInput = values.settings ? await common.readSettings<AdditiveSettingsInput>(values.settings) : {};
    if (passMark !== undefined) settings.passMark = Number(passMark);
    scored = scoreUnitWorkbook(grids, shanghai, { sheet: values.sheet, settings: common.mergeUnitSettings(state.stored, settings), overrides });
  } else {
    if (passMark !== undefined) throw new UsageError("--pass-mark 只用于 shanghai 方案");
    const { hunan } = await import("../schemes/hunan");
    const settings: SettingsInput = values.settings ? await common.readSettings(values.settings) : {};
    if (cycleStart !== undefined) settings.cycleStartYear = Number(cycleStart);
    try {
      scored = scoreWorkbook(grids, hunan, { sheet: values.sheet, settings: common.mergeSettings(state.stored, settings), overrides });
    } catch (e) {
      // Neither scheme's sheet was found: say what each needs.
      if (e instanceof NoLedgerError && values.scheme === undefined) {
        throw new NoLedgerError(e.problems, e.requested, "考核台账（湖南，需要“示范岗名称”“岗位类别”）或示范点表（上海，需要“名称”和评分列如“管党治党有力”）");
      }
      throw e;
    }
  }
  const hasErrors = scored.result.sheets.some((s) => s.rows.some((r) => r.status === "error"));

  if (values.json) await files.write(values.json, jsonBytes(scored.result));
  const notes = scored.ledgers.flatMap((l) => l.map.ownership?.warnings ?? []).map((w) => `注意：${w}`);
  if (!dryRun) {
    await common.saveWorkbook(book, output, files, { stored: withUsed(state.stored, scored, "score", new Date()), undo: state.undo, writes: scored.writes, command: inPlace ? null : "score", grids });
  }
  const written = dryRun ? null : output;
  if (scored.scheme === "shanghai") {
    const { unitSummary } = await import("./shanghai");
    io.out(unitSummary(input, written, scored, values.json ?? null));
  } else {
    io.out(await summary(input, written, scored, values.json ?? null));
  }
  if (notes.length) io.out(`${notes.join("\n")}\n`);
  return hasErrors ? EXIT.inputErrors : EXIT.ok;
}

export function defaultOutput(input: string): string {
  return withSuffix(input, "scored");
}


async function template(args: string[], io: Io, files: Files): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: { output: { type: "string", short: "o" }, force: { type: "boolean" } } });
  const scheme = positionals[0];
  if (positionals.length !== 1) throw new UsageError("用法：pioneer-scorecard template hunan|shanghai|register [-o 台账模板.xlsx]");
  if (scheme !== "hunan" && scheme !== "shanghai" && scheme !== "register") throw new UsageError(`未知方案“${scheme}”，可选：hunan、shanghai、register`);
  const output = values.output ?? (scheme === "shanghai" ? "示范点模板.xlsx" : scheme === "register" ? "推荐名单与报送情况模板.xlsx" : "台账模板.xlsx");
  // A template is filled in by the user: an existing one is never replaced without --force.
  await files.check([], [{ file: output, option: values.output ? "-o" : "输出文件", kind: "template" }], { force: !!values.force });
  const [{ renderTemplate }, { templateSpec, unitTemplateSpec, registerTemplateSpec }] = await Promise.all([import("../adapters/xlsx/xlsxWorkbook"), import("../sheets/template")]);
  const book = renderTemplate(
    scheme === "shanghai" ? unitTemplateSpec((await import("../schemes/shanghai")).shanghai) : scheme === "register" ? registerTemplateSpec() : templateSpec((await import("../schemes/hunan")).hunan),
  );
  await files.write(output, await book.toBytes());
  io.out(`已生成空白台账：${output}\n`);
  return EXIT.ok;
}

const SHOW = 12;
/** Revocations that rest on the score itself (below 70; twice below 80). */
const SCORE_RULES = new Set(["A11a", "A11b"]);

function line(r: RowResult): string {
  return `第${r.row}行  ${r.key.replace(/\|/g, " · ")}  ${r.year ?? "?"}年${r.round}`;
}

export async function summary(input: string, output: string | null, scored: WorkbookScore, json: string | null): Promise<string> {
  const { hunan } = await import("../schemes/hunan");
  const LABEL = hunan.labels;
  const out: string[] = [`示范岗考评助手 · ${hunan.title}`, `输入：${input}`];
  const all: RowResult[] = [];
  const { uncheckedOf } = await import("../engine/plainText");
  for (const [i, s] of scored.result.sheets.entries()) {
    const c = { retain: 0, rectify: 0, revoke: 0, error: 0 };
    for (const r of s.rows) c[r.status]++;
    all.push(...s.rows);
    out.push(`工作表「${s.sheet}」（表头第${s.headerRow}行）：${s.rows.length} 条考核记录`);
    out.push(`  ${LABEL.retain} ${c.retain}　${LABEL.rectify} ${c.rectify}　${LABEL.revoke} ${c.revoke}　${LABEL.error} ${c.error}`);
    // Columns the sheet lacks: said once, as in the pane and on the ledger's first row.
    const note = uncheckedOf(hunan, s.rows, new Set(scored.ledgers[i]?.map.fields.keys() ?? [])).note;
    if (note) out.push(`  说明：${note}`);
    for (const w of s.warnings) out.push(`  注意：${w.message}`);
  }
  if (scored.memberSheets.length) out.push(`成员表：${scored.memberSheets.map((m) => `「${m}」`).join("")}（按示范岗汇总成员情况）`);
  for (const w of scored.result.warnings) out.push(`注意：${w.message}`);
  const revoked = all.filter((r) => r.status === "revoke");
  if (revoked.length) {
    out.push("", `撤销（${revoked.length}）：`);
    for (const r of revoked.slice(0, SHOW)) {
      // A revocation by trigger (a 违纪, a 否 for a required title) does not rest on the score: no "100分" beside it.
      out.push(`  ${line(r)}${r.revocations.some((v) => SCORE_RULES.has(v.rule)) ? `  ${r.score}分` : ""}`);
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
