/** The records the reader hands the engine: typed facts with the cell each came from. */
import type { ReviewMark } from "./values";

export type FactValue = number | boolean | string | ReviewMark;

/** One input cell of a row. `value` null means the column exists but the cell is blank. */
export type Fact = { value: FactValue | null; cell: string; text?: string; header: string };

export type CellError = { cell: string; message: string };

export type RowRecord = {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  facts: Readonly<Record<string, Fact>>;
  errors: CellError[];
};
