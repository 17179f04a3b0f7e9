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
