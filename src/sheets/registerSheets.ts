/**
 * The two optional sheets the register reads beside the ledger: 报送情况 (第六条 half-year reports, one row per
 * post per year) and 推荐名单 (第五条 candidates for the April selection). Grid → plain records; pure.
 */
import type { SheetDef } from "../schemes/types";
import { presentRows, type CellValue, type SheetGrid } from "./grid";
import { findHeaderRow } from "./headers";
import { normalizeText } from "./normalize";
import { LEVELS, mergedValues, POST_TYPES } from "./readSheet";
import { CANDIDATE_DEF, isCandidateSheet, SUBMISSION_DEF } from "./registerDefs";
import { isGeneratedReport } from "./report";
import { cellText, excelSerialToDate, isBlankValue, parseYear, parseYesNo } from "./values";

export { CANDIDATE_DEF, CANDIDATE_SHEET, isCandidateSheet, SUBMISSION_DEF, SUBMISSION_SHEET } from "./registerDefs";

/** A half-year report as recorded: submitted (with its date when one is written) or not. */
export type ReportMark = { submitted: boolean; date: string | null; cell: string };

export type Submission = {
  sheet: string;
  row: number;
  city: string;
  unit: string;
  name: string;
  year: number;
  h1: ReportMark | null;
  h2: ReportMark | null;
};

export type Candidate = {
  sheet: string;
  row: number;
  city: string;
  unit: string;
  name: string;
  postType: "service" | "supervision" | null;
  level: "municipal" | "provincial" | null;
  leader: string;
  leaderAdvanced: boolean | null;
  leaderModel: boolean | null;
  selectionYear: number | null;
  /** Cells that could not be read (named in the screening as 待确认). */
  problems: string[];
};

export type SheetProblem = { sheet: string; cell: string; message: string };

const pad = (n: number) => String(n).padStart(2, "0");

/** A date cell as YYYY-MM-DD: a Date, an Excel serial, or text ("2025-07-20", "2025/7/20", "2025年7月20日"). */
export function parseDate(v: CellValue): string | null {
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === "number" && v > 20000 && v < 80000) return parseDate(excelSerialToDate(v));
  if (typeof v === "string") {
    const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(normalizeText(v));
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) return `${y}-${pad(mo)}-${pad(d)}`;
    }
  }
  return null;
}

const col = (n: number) => {
  let s = "";
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};

function reportMark(v: CellValue, cell: string, problems: SheetProblem[], sheet: string): ReportMark | null {
  if (isBlankValue(v)) return null;
  const date = parseDate(v);
  if (date) return { submitted: true, date, cell };
  const yn = parseYesNo(v);
  if (yn.kind === "ok") return { submitted: yn.value, date: null, cell };
  const t = normalizeText(cellText(v));
  if (/^(已报送?|已报|报送)$/.test(t)) return { submitted: true, date: null, cell };
  if (/^(未报送?|未报)$/.test(t)) return { submitted: false, date: null, cell };
  problems.push({ sheet, cell, message: `${sheet}!${cell}“${cellText(v)}”不是日期（应为报送日期，如 2025-07-15，或“未报送”）` });
  return null;
}

function choice<T extends string>(v: CellValue, table: ReadonlyArray<readonly [T, readonly string[]]>): T | null {
  const t = normalizeText(cellText(v));
  for (const [id, spellings] of table) if (spellings.some((s) => normalizeText(s) === t)) return id;
  return null;
}

type Located = { grid: SheetGrid; values: CellValue[][]; headerRow: number; fields: Map<string, number> };

function locate(grid: SheetGrid, def: SheetDef): Located | null {
  if (isGeneratedReport(grid)) return null;
  const found = findHeaderRow({ ...grid, values: mergedValues(grid) }, def);
  if (!found.ok) return null;
  return { grid, values: mergedValues(grid), headerRow: found.map.headerRow, fields: found.map.fields };
}

function rowsOf(l: Located, each: (get: (id: string) => CellValue, cell: (id: string) => string, row: number) => void): void {
  // Rows with cells only (a row without any has no name): not every row up to a stray cell far below.
  for (const r0 of presentRows(l.values, l.headerRow)) {
    const row = l.values[r0] ?? [];
    const get = (id: string): CellValue => {
      const c = l.fields.get(id);
      return c === undefined ? null : (row[c - 1] ?? null);
    };
    if (isBlankValue(get("name"))) continue;
    const first = cellText(row.find((v) => !isBlankValue(v ?? null)) ?? null);
    if (/^(注|说明|备注|填表|制表|审核|合计)/.test(first)) continue;
    each(get, (id) => `${col(l.fields.get(id) ?? 0)}${r0 + 1}`, r0 + 1);
  }
}

export function readSubmissions(grids: readonly SheetGrid[]): { sheets: string[]; submissions: Submission[]; problems: SheetProblem[] } {
  const submissions: Submission[] = [];
  const problems: SheetProblem[] = [];
  const sheets: string[] = [];
  for (const grid of grids) {
    const l = locate(grid, SUBMISSION_DEF);
    if (!l) continue;
    sheets.push(grid.name);
    rowsOf(l, (get, cell, row) => {
      const y = parseYear(get("year"));
      if (y.kind !== "ok") {
        problems.push({ sheet: grid.name, cell: cell("year"), message: `${grid.name}!${cell("year")} 年度“${cellText(get("year"))}”无法识别，本行未计入` });
        return;
      }
      submissions.push({
        sheet: grid.name,
        row,
        city: cellText(get("city")).trim(),
        unit: cellText(get("unit")).trim(),
        name: cellText(get("name")).trim(),
        year: y.value,
        h1: reportMark(get("h1"), cell("h1"), problems, grid.name),
        h2: reportMark(get("h2"), cell("h2"), problems, grid.name),
      });
    });
  }
  return { sheets, submissions, problems };
}

export function readCandidates(grids: readonly SheetGrid[]): { sheets: string[]; candidates: Candidate[] } {
  const candidates: Candidate[] = [];
  const sheets: string[] = [];
  for (const grid of grids) {
    if (!isCandidateSheet(grid)) continue;
    const l = locate(grid, CANDIDATE_DEF);
    if (!l) continue;
    sheets.push(grid.name);
    rowsOf(l, (get, cell, row) => {
      const problems: string[] = [];
      const flag = (id: string, label: string): boolean | null => {
        const v = get(id);
        if (isBlankValue(v)) return null;
        const p = parseYesNo(v);
        if (p.kind === "ok") return p.value;
        problems.push(`${label}（${cell(id)}）“${cellText(v)}”无法识别`);
        return null;
      };
      const pt = get("postType");
      const postType = isBlankValue(pt) ? null : choice(pt, POST_TYPES);
      if (!isBlankValue(pt) && !postType) problems.push(`岗位类别（${cell("postType")}）“${cellText(pt)}”无法识别`);
      const lv = get("level");
      const level = isBlankValue(lv) ? "municipal" : choice(lv, LEVELS);
      if (!isBlankValue(lv) && !level) problems.push(`推荐级别（${cell("level")}）“${cellText(lv)}”无法识别`);
      const sy = get("selectionYear");
      const year = isBlankValue(sy) ? null : parseYear(sy);
      if (year && year.kind !== "ok") problems.push(`评选年度（${cell("selectionYear")}）“${cellText(sy)}”无法识别`);
      candidates.push({
        sheet: grid.name,
        row,
        city: cellText(get("city")).trim(),
        unit: cellText(get("unit")).trim(),
        name: cellText(get("name")).trim(),
        postType,
        level,
        leader: cellText(get("leader")).trim(),
        leaderAdvanced: flag("leaderAdvanced", "负责人上年度先进个人"),
        leaderModel: flag("leaderModel", "负责人上年度模范党员监督工程师"),
        selectionYear: year && year.kind === "ok" ? year.value : null,
        problems,
      });
    });
  }
  return { sheets, candidates };
}
