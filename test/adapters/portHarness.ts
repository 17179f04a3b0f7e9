/**
 * Both workbook adapters behind one harness, so the same contract tests run over each: the .xlsx file
 * port (the surgical .xlsx writer, over workbooks ExcelJS made) and the Office.js port (over the strict Excel double).
 */
import ExcelJS from "exceljs";
import { promises as fs } from "node:fs";
import path from "node:path";
import { ExcelPort } from "../../src/adapters/office/excelPort";
import { FilePort } from "../../src/adapters/xlsx/filePort";
import { XlsxWorkbook } from "../../src/adapters/xlsx/xlsxWorkbook";
import { hunan } from "../../src/schemes/hunan";
import { shanghai } from "../../src/schemes/shanghai";
import type { CellValue, SheetGrid } from "../../src/sheets/grid";
import type { WorkbookPort } from "../../src/sheets/port";
import { FakeWorkbook, shownFill } from "../doubles/fakeExcel";
import { fakeWpsFromSeed, shownWpsFill, type FakeWpsBook, type FakeWpsOptions, type WpsSeed } from "../doubles/fakeWps";
import { WpsPort } from "../../src/adapters/wps/wpsPort";
import type { WpsApplication } from "../../src/adapters/wps/wpsModel";

export const EXAMPLE = path.join(__dirname, "..", "..", "examples", "hunan-ledger.xlsx");

export async function exampleGrids(): Promise<SheetGrid[]> {
  const book = await XlsxWorkbook.open(new Uint8Array(await fs.readFile(EXAMPLE)));
  return book.readSheets();
}

/** The example's ledger with its post rows repeated to `rows` rows (footer notes dropped), and its 成员 sheet. */
export async function repeatedLedger(rows: number): Promise<SheetGrid[]> {
  const grids = await exampleGrids();
  const ledger = grids.find((g) => g.name === "考核台账")!;
  const header = 3;
  const posts = ledger.values.slice(header).filter((r) => typeof r[0] === "number");
  const values: CellValue[][] = ledger.values.slice(0, header);
  const formats: string[][] = (ledger.formats ?? []).slice(0, header);
  for (let i = 0; i < rows; i++) {
    const src = posts[i % posts.length]!.slice();
    src[0] = i + 1;
    src[3] = `${String(src[3])}${Math.floor(i / posts.length) || ""}`; // a distinct post name per copy
    values.push(src);
    formats.push((ledger.formats?.[header + (i % posts.length)] ?? []).slice());
  }
  return [{ name: "考核台账", values, formats, merges: ledger.merges ?? [] }, grids.find((g) => g.name === "成员")!];
}

export type Opened = {
  port: WorkbookPort;
  /** The sheet's values now, from A1 (blank = null), straight from the workbook, not through the port. */
  values(sheet: string): CellValue[][];
  /** The colour the user sees on a cell ("#RRGGBB"), or null. */
  fill(sheet: string, row: number, col: number): string | null;
  /** The same workbook opened again by a new port (state must come from the workbook itself). */
  reopen(): Promise<Opened>;
  sheetNames(): string[];
};

export type Harness = { name: string; open(grids: SheetGrid[]): Promise<Opened> };

function trimmed(rows: CellValue[][]): CellValue[][] {
  const out = rows.map((r) => {
    const x = r.map((v) => (v === "" || v === undefined ? null : v));
    while (x.length && x[x.length - 1] === null) x.pop();
    return x;
  });
  while (out.length && !out[out.length - 1]!.length) out.pop();
  return out;
}

/** As the pane gives them (src/taskpane/index.tsx): both schemes' labels. */
export const statusLabels = { ...hunan.labels, ...shanghai.labels };

export function fakeFromGrids(grids: readonly SheetGrid[]): FakeWorkbook {
  const fake = new FakeWorkbook();
  for (const g of grids) {
    const s = fake.addSheet(g.name);
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const format = g.formats?.[r]?.[c] || "General";
        if (v === null && format === "General") return;
        s.set(r + 1, c + 1, { value: v instanceof Date ? (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000 : (v ?? ""), format });
      }),
    );
    s.merges = [...(g.merges ?? [])];
  }
  return fake;
}

function excelOpened(fake: FakeWorkbook): Opened {
  const port = new ExcelPort(fake.host(), { statusLabels });
  return {
    port,
    values(sheet) {
      const s = fake.sheet(sheet);
      const rows: CellValue[][] = [];
      for (const [k, cell] of s.cells) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        (rows[r - 1] ??= [])[c - 1] = cell.formula !== undefined ? `FORMULA:${cell.formula}` : cell.value;
      }
      return trimmed(Array.from(rows, (r) => Array.from(r ?? [], (v) => (v === undefined ? null : v))));
    },
    fill: (sheet, row, col) => shownFill(fake.sheet(sheet), row, col),
    reopen: () => Promise.resolve(excelOpened(fake)),
    sheetNames: () => fake.sheets.map((s) => s.name),
  };
}

async function fileOpened(bytes: Uint8Array): Promise<Opened> {
  const port = await FilePort.open(bytes, "test.xlsx");
  const book = port.book;
  return {
    port,
    values(sheet) {
      const g = book.readSheets().find((x) => x.name === sheet);
      if (!g) throw new Error(`no sheet ${sheet}`);
      return trimmed(g.values.map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : v))));
    },
    fill: (sheet, row, col) => book.fillOf(sheet, row, col),
    reopen: async () => fileOpened(await port.toBytes()),
    sheetNames: () => book.sheetNames(),
  };
}

/** Grids as the WPS double's seed: cells with a value or a format, dates as serial numbers. */
export function wpsSeed(grids: readonly SheetGrid[]): WpsSeed {
  return grids.map((g) => {
    const cells: WpsSeed[number]["cells"] = [];
    g.values.forEach((row, r) =>
      row.forEach((v, c) => {
        const format = g.formats?.[r]?.[c] || "General";
        if (v === null && format === "General") return;
        cells.push([r + 1, c + 1, v instanceof Date ? (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000 : v, format]);
      }),
    );
    return { name: g.name, cells, merges: [...(g.merges ?? [])] };
  });
}

export function fakeWpsFromGrids(grids: readonly SheetGrid[], options?: FakeWpsOptions): FakeWpsBook {
  return fakeWpsFromSeed(wpsSeed(grids), options);
}

export function wpsOpened(book: FakeWpsBook): Opened {
  const port = new WpsPort(book.application() as WpsApplication, { statusLabels });
  return {
    port,
    values(sheet) {
      const s = book.sheet(sheet);
      const rows: CellValue[][] = [];
      for (const [k, cell] of s.cells) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        (rows[r - 1] ??= [])[c - 1] = cell.formula !== undefined ? `FORMULA:${cell.formula}` : cell.value;
      }
      return trimmed(Array.from(rows, (r) => Array.from(r ?? [], (v) => (v === undefined ? null : v))));
    },
    fill: (sheet, row, col) => shownWpsFill(book.sheet(sheet), row, col),
    reopen: () => Promise.resolve(wpsOpened(book)),
    sheetNames: () => book.sheets.map((s) => s.name),
  };
}

export const harnesses: Harness[] = [
  {
    name: "xlsx file port",
    async open(grids) {
      const book = new ExcelJS.Workbook();
      for (const g of grids) {
        const ws = book.addWorksheet(g.name);
        g.values.forEach((row, r) =>
          row.forEach((v, c) => {
            if (v === null) return;
            const cell = ws.getCell(r + 1, c + 1);
            cell.value = v;
            const f = g.formats?.[r]?.[c];
            if (f) cell.numFmt = f;
          }),
        );
        for (const m of g.merges ?? []) ws.mergeCells(m);
      }
      return fileOpened(new Uint8Array(await book.xlsx.writeBuffer()));
    },
  },
  { name: "Office.js port (strict Excel double)", open: (grids) => Promise.resolve(excelOpened(fakeFromGrids(grids))) },
  { name: "WPS port (strict WPS double)", open: (grids) => Promise.resolve(wpsOpened(fakeWpsFromGrids(grids))) },
];
