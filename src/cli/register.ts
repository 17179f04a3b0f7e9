/**
 * The register commands: `register` (示范岗名册 with each post's state, next step and half-year reports) and
 * `screen` (评选资格审查 of a 推荐名单 against the rules and the register). Both write a workbook holding only the
 * generated sheet, and optionally JSON; the date they judge by is --as-of (default: today).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { renderReports, XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { buildRegister, monthWork, parseIsoDate, registerJson, STATE_LABEL, type Register } from "../engine/register";
import { registerLayout, screeningLayout } from "../engine/registerLayouts";
import { screenCandidates, VERDICT_LABEL } from "../engine/screening";
import { scoreWorkbook } from "../engine/scoreWorkbook";
import { hunan } from "../schemes/hunan";
import { resolveSettings, type SettingsInput } from "../schemes/schema";
import { mappingOverrides, withOwnership } from "../sheets/port";
import { readCandidates, readSubmissions } from "../sheets/registerSheets";
import { stamp } from "../sheets/report";
import { EXIT, mergeSettings, readInput, readSettings, UsageError, type Files, type Io, type Target } from "./common";
import { jsonBytes } from "./jsonOut";

function asOfOption(v: string | undefined, now: () => Date): string {
  if (v === undefined) return stamp(now());
  const d = parseIsoDate(v);
  if (!d) throw new UsageError(`--as-of 应为 YYYY-MM-DD 日期（现为“${v}”）`);
  return v;
}

const OPTIONS = {
  output: { type: "string", short: "o" },
  json: { type: "string" },
  "as-of": { type: "string" },
  settings: { type: "string" },
  "cycle-start": { type: "string" },
  year: { type: "string" },
  force: { type: "boolean" },
} as const;

type Loaded = { reg: Register; grids: ReturnType<XlsxWorkbook["readSheets"]>; problems: string[]; submissionSheets: string[] };

async function load(input: string, values: { "as-of"?: string; settings?: string; "cycle-start"?: string }, now: () => Date): Promise<Loaded> {
  const asOf = asOfOption(values["as-of"], now);
  const book = await XlsxWorkbook.open(await readInput(input));
  const state = book.readState();
  const given: SettingsInput = values.settings ? await readSettings(values.settings) : {};
  const cs = values["cycle-start"];
  if (cs !== undefined) {
    if (!/^\d{4}$/.test(cs)) throw new UsageError(`--cycle-start 应为四位年份（现为“${cs}”）`);
    given.cycleStartYear = Number(cs);
  }
  const settings = resolveSettings(hunan, mergeSettings(state.stored, given));
  const grids = withOwnership(book.readSheets(), state.stored);
  const scored = scoreWorkbook(grids, hunan, { settings, overrides: mappingOverrides(state.stored) });
  const subs = readSubmissions(grids);
  const reg = buildRegister(scored, { asOf, ...(subs.sheets.length ? { submissions: subs.submissions } : {}) });
  return { reg, grids, problems: subs.problems.map((p) => p.message), submissionSheets: subs.sheets };
}

function targets(option: string, output: string, jsonFile: string | undefined): Target[] {
  return [{ file: output, option, kind: "workbook" }, ...(jsonFile ? [{ file: jsonFile, option: "--json", kind: "json" as const }] : [])];
}

export async function register(args: string[], io: Io, files: Files, now: () => Date = () => new Date()): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
  if (positionals.length !== 1) throw new UsageError("用法：pioneer-scorecard register <台账.xlsx> [-o 名册.xlsx] [--json 名册.json] [--as-of YYYY-MM-DD]");
  const input = positionals[0]!;
  const output = values.output ?? path.join(path.dirname(input), "示范岗名册.xlsx");
  await files.check([input], targets(values.output ? "-o" : "输出文件", output, values.json), { force: !!values.force });
  const { reg, problems, submissionSheets } = await load(input, values, now);
  if (values.json) await files.write(values.json, jsonBytes(registerJson(reg)));
  await files.write(output, await renderReports([registerLayout(reg, path.basename(input))]).toBytes());
  const r = reg.reports;
  const work = monthWork(reg);
  const out = [
    `示范岗考评助手 · 示范岗名册（截至 ${reg.asOf}）`,
    `输入：${input}`,
    `示范岗 ${reg.posts.length} 个：${(Object.keys(STATE_LABEL) as (keyof typeof STATE_LABEL)[]).map((s) => `${STATE_LABEL[s]} ${reg.counts[s]}`).join("　")}`,
    submissionSheets.length
      ? `半年报送（「${submissionSheets.join("」「")}」）：已报送 ${r.submitted}　逾期后报送 ${r.late}　本月应报 ${r.due}　逾期未报 ${r.overdue}`
      : `半年报送：工作簿中没有“报送情况”表，${r.unrecorded} 次报送未登记`,
    `本月待办 ${work.length} 项（其中已逾期 ${work.filter((w) => w.overdue).length} 项）`,
    ...work.slice(0, 12).map((w) => `  ${w.overdue ? "[逾期] " : ""}${w.city} ${w.post}：${w.what}，截止 ${w.due}`),
    ...(work.length > 12 ? [`  …… 另 ${work.length - 12} 项见名册第三部分`] : []),
    ...(reg.nearDuplicates.length ? [`疑似同一示范岗 ${reg.nearDuplicates.length} 组（未合并，请核实）：`, ...reg.nearDuplicates.map((d) => `  ${d.posts.map((p) => `${p.city} ${p.unit} ${p.name}`).join(" / ")}：${d.reason}`)] : []),
    ...problems.map((p) => `  ${p}`),
    "",
    `已写出：${output}（工作表「示范岗名册」，A4 横向）`,
    ...(values.json ? [`JSON 结果：${values.json}`] : []),
  ];
  io.out(`${out.join("\n")}\n`);
  return problems.length ? EXIT.inputErrors : EXIT.ok;
}

export async function screen(args: string[], io: Io, files: Files, now: () => Date = () => new Date()): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: true, options: OPTIONS });
  if (positionals.length !== 1) throw new UsageError("用法：pioneer-scorecard screen <台账.xlsx> [-o 资格审查.xlsx] [--json 审查.json] [--as-of YYYY-MM-DD] [--year <评选年度>]");
  const input = positionals[0]!;
  const output = values.output ?? path.join(path.dirname(input), "评选资格审查.xlsx");
  if (values.year !== undefined && !/^\d{4}$/.test(values.year)) throw new UsageError(`--year 应为四位年份（现为“${values.year}”）`);
  await files.check([input], targets(values.output ? "-o" : "输出文件", output, values.json), { force: !!values.force });
  const { reg, grids } = await load(input, values, now);
  const c = readCandidates(grids);
  if (!c.sheets.length) {
    io.err(`工作簿中没有“推荐名单”表（表名含“推荐名单”，或有“推荐级别”列；模板：pioneer-scorecard template register）。\n未写出任何文件。\n`);
    return EXIT.failed;
  }
  const s = screenCandidates(c.candidates, reg, values.year !== undefined ? { year: Number(values.year) } : {});
  if (values.json) await files.write(values.json, jsonBytes(s));
  await files.write(output, await renderReports([screeningLayout(s, path.basename(input))]).toBytes());
  const out = [
    `示范岗考评助手 · 评选资格审查（截至 ${s.asOf}）`,
    `输入：${input}（「${c.sheets.join("」「")}」${s.candidates.length} 个候选）`,
    `${VERDICT_LABEL.eligible} ${s.counts.eligible}　${VERDICT_LABEL.ineligible} ${s.counts.ineligible}　${VERDICT_LABEL.confirm} ${s.counts.confirm}`,
    ...s.candidates.filter((x) => x.verdict !== "eligible").map((x) => `  ${VERDICT_LABEL[x.verdict]}：${x.city} ${x.name}（第${x.row}行）— ${x.findings.map((f) => f.text).join("；")}`),
    ...s.quota.filter((q) => q.message).map((q) => `  名额：${q.message}`),
    "",
    `已写出：${output}（工作表「评选资格审查」，A4 横向，可直接打印）`,
    ...(values.json ? [`JSON 结果：${values.json}`] : []),
  ];
  io.out(`${out.join("\n")}\n`);
  return EXIT.ok;
}
