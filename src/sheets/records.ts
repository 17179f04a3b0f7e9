/** The records the reader hands the engine: typed facts with the cell each came from. */
import type { GradeMark, ReviewMark } from "./values";

export type FactValue = number | boolean | string | ReviewMark | GradeMark;

/** One input cell of a row. `value` null means the column exists but the cell is blank. */
export type Fact = { value: FactValue | null; cell: string; text?: string; header: string };

/** A column as its facts name it: letters ("F") and header as written, one object per column of a sheet. */
export type FactColumn = { readonly letters: string; readonly header: string };

/**
 * A fact as the reader makes it: its address ("F4") built when asked for, from its column (shared by the
 * column's facts) and row. A 50,000-row ledger has over a million facts and names few of their cells; an
 * address string and a header field each were tens of megabytes held for the whole run.
 */
export class CellFact implements Fact {
  declare text?: string;

  constructor(
    readonly value: FactValue | null,
    private readonly column: FactColumn,
    private readonly row: number,
    text?: string,
  ) {
    if (text !== undefined) this.text = text;
  }

  get cell(): string {
    return this.column.letters + this.row;
  }

  get header(): string {
    return this.column.header;
  }
}

export type CellError = { cell: string; message: string };

export type RowRecord = {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  facts: Readonly<Record<string, Fact>>;
  errors: CellError[];
  /** Fact ids whose value was read from a sentence ("经查，全年无违纪违法问题" → 否): shown in 提示. */
  readings?: readonly string[];
  /**
   * The ids of `facts`, when every record of its sheet has the same ones: one array shared by those records,
   * so that the engine works out once per sheet, not per row, which rules and review columns have inputs.
   */
  fieldIds?: readonly string[];
  /**
   * The facts' values in the order of `fieldIds` (present with it): what the engine tests, row after row,
   * without visiting each cell's fact (it looks a fact up only for a cell it names).
   */
  values?: readonly (FactValue | null)[];
};

/** "违纪违法（AP7）‘经查，全年无违纪违法问题’按‘否’处理": how a sentence in a yes/no cell was read. */
export function readingNote(f: Fact, cell = f.cell): string {
  return `${f.header}（${cell}）‘${f.text ?? ""}’按‘${f.value === true ? "是" : "否"}’处理`;
}

/** A fact as text ("" when blank or not text). */
export function factText(rec: RowRecord, id: string): string {
  const v = rec.facts[id]?.value;
  return typeof v === "string" ? v : "";
}

/** A fact as a number (null when blank or not a number). */
export function factNumber(rec: RowRecord, id: string): number | null {
  const v = rec.facts[id]?.value;
  return typeof v === "number" ? v : null;
}

/** A post's identity as the results name it: 市州|工作单位|示范岗名称, as written. */
export function postKeyOf(rec: RowRecord): string {
  return [factText(rec, "city"), factText(rec, "unit"), factText(rec, "name")].join("|");
}
