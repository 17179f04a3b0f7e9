/** The engine's results: the JSON shape of workbooks.md ("The result as data"). */
import type { CellError } from "../sheets/records";

export type Status = "retain" | "rectify" | "revoke" | "error";

export type Deduction = {
  rule: string;
  /** Total points this rule deducted (points per occurrence × count). */
  points: number;
  count: number;
  cells: string[];
  item: number;
  text: string;
};

export type Revocation = { rule: string; cells: string[]; reason: string };

export type Warning = { code: string; cells: string[]; message: string; rules?: string[] };

export type RowResult = {
  row: number;
  key: string;
  year: number | null;
  round: "初评" | "复评";
  deductionTotal: number | null;
  score: number | null;
  status: Status;
  deductions: Deduction[];
  revocations: Revocation[];
  rectifyItems: string[];
  validThrough: number | null;
  warnings: Warning[];
  errors: CellError[];
  /** Present when revoked: what follows (第十一条). */
  consequences?: string[];
};

export type SheetResult = {
  sheet: string;
  headerRow: number;
  rows: RowResult[];
  warnings: Warning[];
};

export type LedgerResult = {
  scheme: string;
  sheets: SheetResult[];
  warnings: Warning[];
};

/* Additive schemes (shanghai). */

export type UnitStatus = "qualified" | "below" | "ineligible" | "unverified" | "revoke" | "error";

/** One criterion of a row: the points it earned (null when blank), its maximum, and the grade if one was given. */
export type CriterionScore = { id: string; cell: string; points: number | null; max: number; grade?: string };

export type UnitResult = {
  row: number;
  /** 所属单位|名称, as written. */
  key: string;
  kind: "org" | "point" | "post" | null;
  line: "supervision" | "association";
  year: number | null;
  step: string | null;
  tier: "first" | "top";
  status: UnitStatus;
  basic: number | null;
  industry: number | null;
  score: number | null;
  gatesFailed: string[];
  gatesUnverified: string[];
  criteria: CriterionScore[];
  /** 不符合条件原因: failed gates, the score below the pass mark, what a 复评 revokes for. */
  reasons: string[];
  /** 待核实项: blank gate inputs and unscored criteria. */
  unverified: string[];
  warnings: Warning[];
  errors: CellError[];
};

export type UnitSheetResult = { sheet: string; headerRow: number; rows: UnitResult[]; warnings: Warning[] };

export type UnitsResult = { scheme: "shanghai"; sheets: UnitSheetResult[]; warnings: Warning[] };
