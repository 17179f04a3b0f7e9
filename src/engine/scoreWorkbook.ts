/**
 * The whole job over a workbook's grids, shared by the CLI, the task pane and the browser preview:
 * find the ledger and member sheets, read them, score, and plan the owned-column writes.
 */
import { resolveAdditiveSettings, resolveSettings, type AdditiveSettingsInput, type SettingsInput } from "../schemes/schema";
import type { AdditiveScheme, HunanSettings, OutputDef, Scheme, ShanghaiSettings, SheetDef } from "../schemes/types";
import type { SheetGrid, SheetWrite } from "../sheets/grid";
import { locateSheet, readSheet, type SheetRead } from "../sheets/readSheet";
import { isGeneratedReport } from "../sheets/report";
import { isCandidateSheet } from "../sheets/registerDefs";
import { planWrite, type RowOutput } from "../sheets/writeback";
import { rowWarnings, uncheckedOf, type Unchecked } from "./plainText";
import { rectifyTexts, scoreLedger } from "./scoreLedger";
import { scoreUnits } from "./scoreUnits";
import type { LedgerResult, RowResult, UnitResult, UnitsResult, Warning } from "./types";

export type SheetProblem = { sheet: string; bestRow: number | null; found: string[]; missing: string[] };

export class NoLedgerError extends Error {
  constructor(readonly problems: SheetProblem[], readonly requested?: string, what = "考核台账") {
    super(describeNoLedger(problems, requested, what));
    this.name = "NoLedgerError";
  }
}

function describeNoLedger(problems: SheetProblem[], requested: string | undefined, what: string): string {
  const lines = [requested ? `工作表「${requested}」不是${what}：` : `工作簿中没有找到${what}（在每张表的前10行中查找表头）：`];
  for (const p of problems) {
    const found = p.found.length ? `，找到：${p.found.join("、")}` : "，没有可识别的表头";
    lines.push(`  工作表「${p.sheet}」缺少表头：${p.missing.join("、")}${found}`);
  }
  return lines.join("\n");
}

export type WorkbookScore = {
  scheme: "hunan";
  result: LedgerResult;
  writes: SheetWrite[];
  ledgers: SheetRead[];
  memberSheets: string[];
  settings: HunanSettings;
};

export type ScoreOptions = {
  /** Score only this sheet. */
  sheet?: string;
  settings?: SettingsInput;
  /** Per sheet: field id → 1-based column, as confirmed by the user. */
  overrides?: Record<string, ReadonlyMap<string, number>>;
};

export function scoreWorkbook(grids: readonly SheetGrid[], scheme: Scheme, opts: ScoreOptions = {}): WorkbookScore {
  const settings = resolveSettings(scheme, opts.settings);
  const ledgers: SheetRead[] = [];
  const memberReads: SheetRead[] = [];
  const problems: SheetProblem[] = [];
  requireSheet(grids, opts.sheet, "考核台账");
  for (const grid of grids) {
    // A sheet we generated (满意度汇总, 年度汇总, 全省汇总) is output, never a ledger.
    if (isGeneratedReport(grid)) continue;
    // A 推荐名单 (candidates for selection) has a ledger's identity headers but is not a ledger.
    if (isCandidateSheet(grid)) continue;
    const asLedger = locateSheet(grid, scheme.ledger, { outputs: scheme.outputs, overrides: opts.overrides?.[grid.name] });
    if (asLedger.ok) {
      if (opts.sheet === undefined || opts.sheet === grid.name) ledgers.push(readSheet(grid, scheme.ledger, asLedger.map));
      continue;
    }
    const asMember = locateSheet(grid, scheme.member);
    if (asMember.ok) {
      memberReads.push(readSheet(grid, scheme.member, asMember.map));
      continue;
    }
    if (opts.sheet === undefined || opts.sheet === grid.name) {
      problems.push({ sheet: grid.name, bestRow: asLedger.bestRow, found: asLedger.found, missing: asLedger.missing });
    }
  }
  if (!ledgers.length) throw new NoLedgerError(problems, opts.sheet);

  const result = scoreLedger(
    {
      sheets: ledgers.map((l) => ({ sheet: l.sheet, headerRow: l.map.headerRow, records: l.records, warnings: ambiguityWarnings(l, scheme.ledger) })),
      members: memberReads.flatMap((m) => m.records),
    },
    scheme,
    settings,
  );
  // The owned columns' texts are planned when first asked for: a report (`summary`) scores a ledger without
  // writing it back, and on 50,000 rows those texts were tens of megabytes held for nothing.
  let writes: SheetWrite[] | undefined;
  const plan = () =>
    ledgers.map((l, i) => {
      const grid = grids.find((g) => g.name === l.sheet)!;
      const sheetRows = result.sheets[i]!.rows;
      // Columns the sheet lacks: one note on its first row, not "未检查：H8、H9c…" on every row.
      const unchecked = uncheckedOf(scheme, sheetRows, new Set(l.map.fields.keys()));
      const rows = sheetRows.map((r, j) => rowOutput(r, scheme, settings, unchecked, j === 0 ? unchecked.note : null));
      return planWrite(grid, l.map.headerRow, l.lastRow, l.map.outputs, scheme.outputs, rows);
    });
  return {
    scheme: "hunan",
    result,
    get writes() {
      return (writes ??= plan());
    },
    ledgers,
    memberSheets: memberReads.map((m) => m.sheet),
    settings,
  };
}

export type UnitWorkbookScore = {
  scheme: "shanghai";
  result: UnitsResult;
  writes: SheetWrite[];
  ledgers: SheetRead[];
  memberSheets: string[];
  settings: ShanghaiSettings;
};

/** Either scheme's scored workbook; `scheme` tells which. */
export type AnyScore = WorkbookScore | UnitWorkbookScore;

export type UnitScoreOptions = Omit<ScoreOptions, "settings"> & { settings?: AdditiveSettingsInput };

/** The 示范点 sheets of a workbook, scored by an additive scheme (shanghai). */
export function scoreUnitWorkbook(grids: readonly SheetGrid[], scheme: AdditiveScheme, opts: UnitScoreOptions = {}): UnitWorkbookScore {
  const settings = resolveAdditiveSettings(scheme, opts.settings);
  const reads = findSheets(grids, scheme.sheet, scheme.outputs, opts, "示范点表");
  const result = scoreUnits(
    reads.map((l) => ({ sheet: l.sheet, headerRow: l.map.headerRow, records: l.records, columns: new Set(l.map.fields.keys()), warnings: ambiguityWarnings(l, scheme.sheet) })),
    scheme,
    settings,
  );
  const writes = reads.map((l, i) => {
    const grid = grids.find((g) => g.name === l.sheet)!;
    return planWrite(grid, l.map.headerRow, l.lastRow, l.map.outputs, scheme.outputs, result.sheets[i]!.rows.map((r) => unitOutput(r, scheme)));
  });
  return { scheme: "shanghai", result, writes, ledgers: reads, memberSheets: [], settings };
}

/** A sheet asked for by name that the workbook does not have is a {@link NoLedgerError}. */
function requireSheet(grids: readonly SheetGrid[], sheet: string | undefined, what: string): void {
  if (sheet !== undefined && !grids.some((g) => g.name === sheet)) {
    throw new NoLedgerError([{ sheet, bestRow: null, found: [], missing: ["（没有这张工作表）"] }], sheet, what);
  }
}

/** The sheets matching `def` (one when `opts.sheet` names it); none found is a {@link NoLedgerError}. */
function findSheets(grids: readonly SheetGrid[], def: SheetDef, outputs: readonly OutputDef[], opts: UnitScoreOptions, what: string): SheetRead[] {
  requireSheet(grids, opts.sheet, what);
  const reads: SheetRead[] = [];
  const problems: SheetProblem[] = [];
  for (const grid of grids) {
    if (isGeneratedReport(grid) || (opts.sheet !== undefined && opts.sheet !== grid.name)) continue;
    const found = locateSheet(grid, def, { outputs, overrides: opts.overrides?.[grid.name] });
    if (found.ok) reads.push(readSheet(grid, def, found.map));
    else problems.push({ sheet: grid.name, bestRow: found.bestRow, found: found.found, missing: found.missing });
  }
  if (!reads.length) throw new NoLedgerError(problems, opts.sheet, what);
  return reads;
}

function ambiguityWarnings(l: SheetRead, def: SheetDef): Warning[] {
  const headerOf = (id: string) => def.fields.find((f) => f.id === id)?.header ?? id;
  return l.map.ambiguous.map((a) => ({ code: "ambiguous-column", cells: [], message: `有多列都像“${headerOf(a.field)}”（第 ${a.cols.join("、")} 列），使用第一列` }));
}

// The cell texts below are held for every row until the sheet is written: joined from a list, each is one flat
// string, where appending line by line leaves a tree of joined pieces (several times the memory).

/** 提示: a row's input errors, then its warnings, one per line. */
function notesOf(r: { errors: readonly { message: string }[]; warnings: readonly Warning[] }): string | null {
  const n = r.errors.length + r.warnings.length;
  if (n === 0) return null;
  if (n === 1) return (r.errors[0]?.message ?? r.warnings[0]!.message) || null;
  const lines: string[] = [];
  for (const e of r.errors) lines.push(e.message);
  for (const w of r.warnings) lines.push(w.message);
  return lines.join("\n") || null;
}

export function unitOutput(r: UnitResult, scheme: AdditiveScheme): RowOutput {
  return {
    row: r.row,
    fill: r.status,
    values: {
      basic: r.basic,
      industry: r.industry,
      score: r.score,
      status: scheme.labels[r.status],
      reasons: r.reasons.join("\n") || null,
      unverified: r.unverified.join("\n") || null,
      notes: notesOf(r),
    },
  };
}

const NOTHING_UNCHECKED = { absent: new Set<string>(), common: new Set<string>() };

export function rowOutput(r: RowResult, scheme: Scheme, settings: HunanSettings, unchecked: Pick<Unchecked, "absent" | "common"> = NOTHING_UNCHECKED, sheetNote: string | null = null): RowOutput {
  const lines: string[] = [];
  for (const v of r.revocations) lines.push(v.reason);
  if (r.consequences?.length) lines.push(`后果：${r.consequences.join("；")}`);
  const reasons = lines.length === 1 ? lines[0]! : lines.join("\n");
  const details = r.deductions.length === 1 ? r.deductions[0]!.text : r.deductions.map((d) => d.text).join("\n");
  return {
    row: r.row,
    fill: r.status,
    values: {
      deductionTotal: r.deductionTotal,
      score: r.score,
      status: scheme.labels[r.status],
      revokeReasons: reasons || null,
      rectifyItems: r.rectifyItems.length ? rectifyTexts(scheme, settings, r.rectifyItems).join("\n") || null : null,
      details: details || null,
      validThrough: r.validThrough,
      notes: [sheetNote && `全表：${sheetNote}`, notesOf({ errors: r.errors, warnings: rowWarnings(scheme, r.warnings, unchecked) })].filter(Boolean).join("\n") || null,
    },
  };
}
