/**
 * The shanghai scheme's command-line parts: the score summary of 示范点 sheets, and `plan` (the 创建计划
 * sheet and its JSON).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { XlsxWorkbook } from "../adapters/xlsx/xlsxWorkbook";
import { planLayout, planProgress } from "../engine/plan";
import { scoreUnitWorkbook, type UnitWorkbookScore } from "../engine/scoreWorkbook";
import type { UnitResult, UnitStatus } from "../engine/types";
import type { AdditiveSettingsInput } from "../schemes/schema";
import { shanghai } from "../schemes/shanghai";
import { mappingOverrides, withOwnership } from "../sheets/port";
import { EXIT, mergeUnitSettings, readInput, readSettings, saveWorkbook, UsageError, withSuffix, type Files, type Io, type Target } from "./common";

const L = shanghai.labels;
const ORDER: UnitStatus[] = ["qualified", "below", "unverified", "ineligible", "revoke", "error"];
const SHOW = 12;

function line(r: UnitResult): string {
  const kind = r.kind ? shanghai.kinds[r.kind] : "类型不明";
  return `第${r.row}行  ${r.key.replace(/\|/g, " · ")}  ${kind}${r.line === "association" ? "（协会会员）" : ""}  ${r.year ?? "?"}年${r.step ?? ""}`;
}

export function unitSummary(input: string, output: string | null, scored: UnitWorkbookScore, json: string | null): string {
  const out: string[] = [`示范岗考评助手 · ${shanghai.title}`, `输入：${input}`, `达标分：${scored.settings.passMark} 分（基本标准 50 + 行业标准 50）`];
  const all: UnitResult[] = [];
  for (const s of scored.result.sheets) {
    const c = Object.fromEntries(ORDER.map((k) => [k, 0])) as Record<UnitStatus, number>;
    for (const r of s.rows) c[r.status]++;
    all.push(...s.rows);
    const lines = { supervision: s.rows.filter((r) => r.line === "supervision").length, association: s.rows.filter((r) => r.line === "association").length };
    out.push(`工作表「${s.sheet}」（表头第${s.headerRow}行）：${s.rows.length} 个示范点记录（安质监 ${lines.supervision}，协会会员 ${lines.association}）`);
    out.push(`  ${ORDER.map((k) => `${L[k]} ${c[k]}`).join("　")}`);
    for (const w of s.warnings) out.push(`  注意：${w.message}`);
  }
  for (const [status, title, col] of [
    ["revoke", "撤销", "不符合条件原因"],
    ["ineligible", "不符合条件", "不符合条件原因"],
    ["error", "数据有误，请更正后重新评分", "提示"],
  ] as const) {
    const rows = all.filter((r) => r.status === status);
    if (!rows.length) continue;
    out.push("", `${title}（${rows.length}）：`);
    for (const r of rows.slice(0, SHOW)) {
      out.push(`  ${line(r)}${r.score !== null ? `  ${r.score}分` : ""}`);
      for (const t of status === "error" ? r.errors.map((e) => e.message) : r.reasons) out.push(`      ${t}`);
    }
    if (rows.length > SHOW) out.push(`  …… 另有 ${rows.length - SHOW} 条，见输出工作簿“${col}”列`);
  }
  out.push("");
  out.push(output ? `已写出：${output}` : "试运行（--dry-run）：未写出工作簿");
  if (json) out.push(`JSON 结果：${json}`);
  return `${out.join("\n")}\n`;
}

export async function plan(args: string[], io: Io, files: Files): Promise<number> {
  // `--json` alone prints the JSON on stdout; `--json 文件.json` writes it to that file.
  const jsonAt = args.indexOf("--json");
  const jsonFile = jsonAt >= 0 && args[jsonAt + 1] !== undefined && /\.json$/i.test(args[jsonAt + 1]!) ? args[jsonAt + 1]! : null;
  const jsonStdout = jsonAt >= 0 && jsonFile === null;
  const rest = jsonAt >= 0 ? [...args.slice(0, jsonAt), ...args.slice(jsonAt + (jsonFile ? 2 : 1))] : args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: { output: { type: "string", short: "o" }, settings: { type: "string" }, sheet: { type: "string" }, force: { type: "boolean" } },
  });
  if (positionals.length !== 1) throw new UsageError("用法：pioneer-scorecard plan <示范点.xlsx> [-o 输出.xlsx] [--json [计划.json]]");
  const input = positionals[0]!;
  // With the JSON on stdout the workbook is written only when -o asks for it.
  const output = values.output ?? (jsonStdout ? null : withSuffix(input, "创建计划"));
  const targets: Target[] = [
    ...(output ? [{ file: output, option: values.output ? "-o" : "输出文件", kind: "workbook" as const, ...(values.output ? {} : { defaultOf: "plan" as const }) }] : []),
    ...(jsonFile ? [{ file: jsonFile, option: "--json", kind: "json" as const }] : []),
  ];
  await files.check([input], targets, { force: !!values.force });
  const book = await XlsxWorkbook.open(await readInput(input));
  const state = book.readState();
  const given = values.settings ? await readSettings<AdditiveSettingsInput>(values.settings) : {};
  const scored = scoreUnitWorkbook(withOwnership(book.readSheets(), state.stored), shanghai, { sheet: values.sheet, settings: mergeUnitSettings(state.stored, given), overrides: mappingOverrides(state.stored) });
  const p = planProgress(scored.result, scored.settings);
  // The report is the JSON: { plan: [{ year, kind, tier, planned, recognised, cumulative… }], targets, … }.
  const data = `${JSON.stringify(p, null, 2)}\n`;
  if (jsonFile) await files.write(jsonFile, new TextEncoder().encode(data));
  let sheet: string | null = null;
  if (output) {
    sheet = book.addReport(planLayout(p, shanghai, new Date(), path.basename(input)));
    await saveWorkbook(book, output, files, { stored: state.stored, undo: state.undo, writes: [], command: "plan" });
  }
  if (jsonStdout) {
    io.out(data);
    return EXIT.ok;
  }
  const out: string[] = [`示范岗考评助手 · 创建计划完成情况`, `输入：${input}${p.latestYear !== null ? `（数据截至 ${p.latestYear} 年）` : ""}`];
  for (const tier of ["first", "top"] as const) {
    out.push(`${shanghai.tiers[tier]}（目标每类 ${p.targets[tier]} 个）：`);
    for (const kind of ["org", "point", "post"] as const) {
      const rows = p.plan.filter((r) => r.tier === tier && r.kind === kind);
      const cells = rows.map((r) => `${r.year} ${r.recognised}/${r.planned}${r.behind ? "（落后）" : ""}`);
      const last = rows[rows.length - 1];
      out.push(`  ${shanghai.kinds[kind]}：${cells.join("，")}；累计 ${last?.cumulativeRecognised ?? 0}/${p.targets[tier]}`);
    }
  }
  const behind = p.plan.filter((r) => r.behind);
  out.push(behind.length ? `落后于计划：${behind.length} 处（年度 × 类别 × 层级）` : "没有落后于计划的年度");
  if (p.notCounted.length) out.push(`达标但未计入 ${p.notCounted.length} 条（步骤不是认定或复评，或年度为空）`);
  if (p.revoked.length) out.push(`复评撤销 ${p.revoked.length} 个`);
  out.push("");
  if (output) out.push(`已写出：${output}（工作表「${sheet}」）`);
  if (jsonFile) out.push(`JSON 结果：${jsonFile}`);
  io.out(`${out.join("\n")}\n`);
  return EXIT.ok;
}
