/// <reference types="wps-jsapi" />
/**
 * The part of the WPS 表格 (ET) object model the WPS adapter uses, as narrow structural types.
 *
 * The published declarations (npm `wps-jsapi` 1.0.5, Kingsoft's lib.et.d.ts) are a dump of the COM type
 * library: every method returns `void` and hands its result through a trailing `RHS` parameter
 * (`Range(Cell1, Cell2, RHS?: EtRange): void`), and `Worksheet.UsedRange` is typed `number`. Code written
 * against them would have to cast every call. So the adapter speaks through these types, and
 * {@link CheckedMembers} proves at compile time that every member named here exists, under that name, in the
 * published declarations (a typo or a member WPS does not have fails `tsc`). `wps-jsapi-declare` 2.2.0 was
 * the other candidate: it describes WPS 文字 (lib.wps.d.ts) and kso only, no ET at all.
 *
 * WPS's model is VBA's: synchronous, 1-based collections read with `.Item(i | name)`, `Range.Value2` a scalar
 * for one cell and a 2-D array for many (dates as serial numbers), `Interior.Color` in BGR (0xBBGGRR),
 * constants as plain numbers (the xl* values below).
 */

export type WpsInterior = { Color: number };
export type WpsFormatCondition = { readonly Interior: WpsInterior };
export type WpsFormatConditions = {
  readonly Count: number;
  Add(type: number, operator: number, formula1: string): WpsFormatCondition;
  Delete(): void;
};
export type WpsFont = { Bold: boolean; Size: number };
export type WpsBorders = { LineStyle: number; Color: number };
export type WpsValidation = { Add(type: number, alertStyle: number, operator: number, formula1: string): void; Delete(): void };

export type WpsRange = {
  /** A scalar for one cell (undefined or "" when empty), a 2-D array (rows of cells) for several. */
  Value2: unknown;
  /** A string when every cell has the same format; null (VBA's Null) when they differ. */
  NumberFormat: unknown;
  readonly Interior: WpsInterior;
  readonly FormatConditions: WpsFormatConditions;
  readonly Font: WpsFont;
  readonly Borders: WpsBorders;
  readonly Validation: WpsValidation;
  /** true, false, or null when the range is partly merged. */
  readonly MergeCells: unknown;
  WrapText: boolean;
  VerticalAlignment: number;
  HorizontalAlignment: number;
  ColumnWidth: number;
  RowHeight: number;
  readonly Left: number;
  readonly Top: number;
  readonly Row: number;
  readonly Column: number;
  readonly Rows: { readonly Count: number };
  readonly Columns: { readonly Count: number };
  Merge(): void;
  Clear(): void;
  /** With a destination: copies values and formats there (no clipboard). */
  Copy(destination: WpsRange): void;
  Select(): void;
};

export type WpsChart = { SetSourceData(source: WpsRange, plotBy: number): void; HasTitle: boolean; readonly ChartTitle: { Text: string }; HasLegend: boolean; ChartType: number };
export type WpsShape = { readonly Chart: WpsChart };
export type WpsShapes = { AddChart2(style: number, type: number, left: number, top: number, width: number, height: number): WpsShape };
export type WpsChartObjects = { Add(left: number, top: number, width: number, height: number): WpsShape };
export type WpsPageSetup = { Orientation: number; PaperSize: number; Zoom: unknown; FitToPagesWide: unknown; FitToPagesTall: unknown; PrintTitleRows: string; CenterHorizontally: boolean };

export type WpsWorksheet = {
  Name: string;
  /** xlSheetVisible −1, xlSheetHidden 0, xlSheetVeryHidden 2. */
  Visible: number;
  readonly ProtectContents: boolean;
  /** An AutoFilter hides rows. */
  readonly FilterMode: boolean;
  readonly UsedRange: WpsRange;
  Range(address: string): WpsRange;
  readonly Shapes: WpsShapes;
  ChartObjects(): WpsChartObjects;
  readonly PageSetup: WpsPageSetup;
  Activate(): void;
  Delete(): void;
};
export type WpsWorksheets = {
  readonly Count: number;
  /** 1-based index or sheet name; a missing item throws (VBA: subscript out of range). */
  Item(index: number | string): WpsWorksheet;
  /** Adds a worksheet (after `after` when given) and makes it the active sheet. */
  Add(before?: WpsWorksheet, after?: WpsWorksheet): WpsWorksheet;
};
export type WpsWorkbook = { readonly Name: string; readonly Worksheets: WpsWorksheets; readonly ProtectStructure: boolean; readonly ActiveSheet: WpsWorksheet };
export type WpsWindow = { FreezePanes: boolean; SplitRow: number; SplitColumn: number };
export type WpsApplication = {
  readonly ActiveWorkbook: WpsWorkbook | null | undefined;
  readonly ActiveWindow: WpsWindow | null | undefined;
  ScreenUpdating: boolean;
  DisplayAlerts: boolean;
  readonly Version: string;
};

/** The VBA constants used, by their names (WPS's JS has no xl* globals to rely on). */
export const XL = {
  sheetHidden: 0,
  sheetVeryHidden: 2,
  cellValue: 1,
  equal: 3,
  validateList: 3,
  validAlertStop: 1,
  between: 1,
  top: -4160,
  center: -4108,
  continuous: 1,
  columnClustered: 51,
  columns: 2,
  landscape: 2,
  paperA4: 9,
} as const;

/** "#RRGGBB" as WPS's (and VBA's) colour number, 0xBBGGRR. */
export function bgr(hex: string): number {
  const n = parseInt(hex.replace(/^#/, ""), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

/** Member names of T, checked: `Has<Et.EtRange, "Value2">` fails to compile when EtRange has no Value2. */
type Has<T, K extends keyof T> = K;
/** Every member the adapter uses, as named in the published `wps-jsapi` declarations. */
export type CheckedMembers = [
  Has<Et.EtApplication, "ActiveWorkbook" | "ActiveWindow" | "ScreenUpdating" | "DisplayAlerts" | "Version">,
  Has<Et.EtWorkbook, "Name" | "Worksheets" | "ProtectStructure" | "ActiveSheet">,
  Has<Et.EtWorksheets, "Count" | "Item" | "Add">,
  Has<Et.EtWorksheet, "Name" | "Visible" | "ProtectContents" | "FilterMode" | "UsedRange" | "Range" | "Shapes" | "ChartObjects" | "PageSetup" | "Activate" | "Delete">,
  Has<Et.EtRange, "Value2" | "NumberFormat" | "Interior" | "FormatConditions" | "Font" | "Borders" | "Validation" | "MergeCells" | "WrapText" | "VerticalAlignment" | "HorizontalAlignment" | "ColumnWidth" | "RowHeight" | "Left" | "Top" | "Row" | "Column" | "Rows" | "Columns" | "Merge" | "Clear" | "Copy" | "Select">,
  Has<Et.EtInterior, "Color">,
  Has<Et.EtFormatConditions, "Count" | "Add" | "Delete">,
  Has<Et.EtFormatCondition, "Interior">,
  Has<Et.EtFont, "Bold" | "Size">,
  Has<Et.EtBorders, "LineStyle" | "Color">,
  Has<Et.EtValidation, "Add" | "Delete">,
  Has<Kso.KsoShapes, "AddChart2">,
  Has<Et.EtChartObjects, "Add">,
  Has<Et.EtChartObject, "Chart">,
  Has<Et.EtChart, "SetSourceData" | "HasTitle" | "ChartTitle" | "HasLegend" | "ChartType">,
  Has<Et.EtPageSetup, "Orientation" | "PaperSize" | "Zoom" | "FitToPagesWide" | "FitToPagesTall" | "PrintTitleRows" | "CenterHorizontally">,
  Has<Et.EtWindow, "FreezePanes" | "SplitRow" | "SplitColumn">,
];
