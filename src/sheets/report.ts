/**
 * A generated sheet (满意度汇总, 年度汇总, 全省汇总, 创建计划) as plain data: values from A1, merges, styles, number
 * formats, widths, print setup and charts. Both adapters render the same layout; the builder here decides
 * where everything goes, so a sheet looks the same from the CLI, the preview and Excel.
 */
import { columnName } from "./a1";
import type { SheetGrid, StatusFill } from "./grid";
import { STATUS_FILLS } from "./grid";
import { cellText } from "./values";

export type ReportCell = string | number | null;

export type ReportStyle = {
  range: string;
  bold?: boolean;
  size?: number;
  fill?: string;
  wrap?: boolean;
  center?: boolean;
  border?: boolean;
};

/** A chart of one series: categories and values are column ranges of this sheet ("A20:A23"). */
export type ReportChart = { title: string; seriesName: string; categories: string; values: string; anchor: string };

export type ReportLayout = {
  /** The sheet name wanted; the adapter adds " (2)" when the name is taken by a sheet that is not ours. */
  name: string;
  values: ReportCell[][];
  /** Column widths in characters. */
  widths: number[];
  merges: string[];
  styles: ReportStyle[];
  formats: { range: string; format: string }[];
  /** Rows frozen at the top and repeated on every printed page (the table's header). */
  freezeRows: number;
  printTitleRows: string;
  charts: ReportChart[];
};

/** Row 2 of every generated sheet starts with this, which is how a rerun knows the sheet is ours to replace. */
export const REPORT_MARK = "由示范岗考评助手生成";

export const SCORE = "0.0";

/** The date a generated sheet was made, as its note line shows it (2026-11-21). */
export function stamp(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** Whether an existing sheet of that name is one we generated (and may be replaced). */
export function isGeneratedReport(grid: SheetGrid | undefined): boolean {
  return !!grid && cellText(grid.values[1]?.[0] ?? null).startsWith(REPORT_MARK);
}

/** Which generated sheet this is, from its title (row 1), or null for a sheet the user made. */
export function generatedKind(grid: SheetGrid | undefined): "tally" | "summary" | "province" | "plan" | null {
  if (!isGeneratedReport(grid)) return null;
  const title = cellText(grid!.values[0]?.[0] ?? null);
  if (title.includes("满意度汇总")) return "tally";
  if (title.includes("创建计划")) return "plan";
  if (title.includes("全省")) return "province";
  return "summary";
}

export type TableSpec = {
  header: string[];
  rows: ReportCell[][];
  /** Number format per column (null: general). */
  formats?: (string | null)[];
  /** Per row: fill of the status column. */
  fills?: (StatusFill | null)[];
  statusCol?: number;
  /** Columns holding multi-line text. */
  wrapCols?: number[];
  /** 1-based column of the table's first column (default 1). */
  startCol?: number;
  /** Merge each row's last cell across to this column (long text in a narrow table). */
  stretchTo?: number;
  /** With no rows, one row saying this in the last column ("无", "未发现问题"). */
  empty?: string;
};

export type TablePlace = { headerRow: number; firstRow: number; lastRow: number; startCol: number };

/** Lays a sheet out top to bottom: a title, a marked note line, then tables and sections. */
export class ReportBuilder {
  private rows: ReportCell[][] = [];
  private merges: string[] = [];
  private styles: ReportStyle[] = [];
  private formats: { range: string; format: string }[] = [];
  private charts: ReportChart[] = [];
  private freeze = 0;
  private printTitles = "";

  constructor(
    private readonly name: string,
    title: string,
    note: string,
    private readonly widths: number[],
  ) {
    const last = columnName(widths.length);
    this.rows.push([title]);
    this.rows.push([`${REPORT_MARK}；${note}`]);
    this.merges.push(`A1:${last}1`, `A2:${last}2`);
    this.styles.push({ range: "A1", bold: true, size: 16, center: true }, { range: "A2", size: 9 });
  }

  get nextRow(): number {
    return this.rows.length + 1;
  }

  blank(): void {
    this.rows.push([]);
  }

  /** A bold section heading across the sheet. */
  section(text: string): void {
    const r = this.nextRow;
    this.rows.push([text]);
    this.styles.push({ range: `A${r}`, bold: true, size: 12 });
  }

  /** A line of text merged across the sheet (wrapped). */
  line(text: string): void {
    const r = this.nextRow;
    this.rows.push([text]);
    this.merges.push(`A${r}:${columnName(this.widths.length)}${r}`);
    this.styles.push({ range: `A${r}`, wrap: true });
  }

  /** A table; `main` makes its header the frozen, printed-on-every-page row. */
  table(given: TableSpec, main = false): TablePlace {
    const spec = !given.rows.length && given.empty ? { ...given, rows: [[...given.header.slice(1).map(() => null), given.empty]] } : given;
    const headerRow = this.nextRow;
    const start = spec.startCol ?? 1;
    const n = spec.header.length;
    const col = (i: number) => columnName(start + i);
    const pad: ReportCell[] = Array.from({ length: start - 1 }, () => null);
    const last = spec.stretchTo && spec.stretchTo > start + n - 1 ? spec.stretchTo : start + n - 1;
    this.rows.push([...pad, ...spec.header]);
    this.styles.push({ range: `${col(0)}${headerRow}:${columnName(last)}${headerRow}`, bold: true, fill: "#DDEBF7", wrap: true, center: true, border: true });
    for (const r of spec.rows) this.rows.push([...pad, ...r.slice(0, n)]);
    const firstRow = headerRow + 1;
    const lastRow = headerRow + spec.rows.length;
    if (last > start + n - 1) {
      for (let r = headerRow; r <= lastRow; r++) this.merges.push(`${col(n - 1)}${r}:${columnName(last)}${r}`);
      if (spec.rows.length) this.styles.push({ range: `${col(n - 1)}${firstRow}:${col(n - 1)}${lastRow}`, wrap: true });
    }
    if (spec.rows.length) {
      this.styles.push({ range: `${col(0)}${firstRow}:${columnName(last)}${lastRow}`, border: true });
      spec.formats?.forEach((f, i) => {
        if (f) this.formats.push({ range: `${col(i)}${firstRow}:${col(i)}${lastRow}`, format: f });
      });
      for (const c of spec.wrapCols ?? []) this.styles.push({ range: `${col(c - 1)}${firstRow}:${col(c - 1)}${lastRow}`, wrap: true });
      if (spec.fills && spec.statusCol) {
        spec.fills.forEach((f, i) => {
          if (f) this.styles.push({ range: `${col(spec.statusCol! - 1)}${firstRow + i}`, fill: STATUS_FILLS[f] });
        });
      }
    }
    if (main) {
      this.freeze = headerRow;
      this.printTitles = `${headerRow}:${headerRow}`;
    }
    return { headerRow, firstRow, lastRow, startCol: start };
  }

  /** A column chart of a table placed by {@link table}: categories in its first column, values in its `valueIndex`-th (1-based). */
  chart(title: string, place: TablePlace, valueIndex: number, anchorCol: number): void {
    if (place.lastRow < place.firstRow) return;
    const c = columnName(place.startCol);
    const v = columnName(place.startCol + valueIndex - 1);
    this.charts.push({
      title,
      seriesName: title,
      categories: `${c}${place.firstRow}:${c}${place.lastRow}`,
      values: `${v}${place.firstRow}:${v}${place.lastRow}`,
      anchor: `${columnName(anchorCol)}${place.headerRow}`,
    });
  }

  build(): ReportLayout {
    return {
      name: this.name,
      values: this.rows,
      widths: this.widths,
      merges: this.merges,
      styles: this.styles,
      formats: this.formats,
      freezeRows: this.freeze,
      printTitleRows: this.printTitles,
      charts: this.charts,
    };
  }
}

/** The layout's rows as tab-separated text (tests and the CLI's checks read it). */
export function layoutText(layout: ReportLayout): string[] {
  return layout.values.map((r) => r.map((v) => cellText(v)).join("\t"));
}
