/**
 * Generated sheets (满意度汇总, 年度汇总, 全省汇总, 创建计划, the template's sheets) written as worksheet XML,
 * with their cell formats appended to the workbook's styles, and real DrawingML column charts where the pane
 * draws them in Excel.
 */
import { columnName } from "../../sheets/a1";
import type { ReportChart, ReportLayout } from "../../sheets/report";
import type { TemplateSheet } from "../../sheets/template";
import { colOf, valueCell } from "./sheetXml";
import type { CellStyleWant, Styles } from "./styles";
import { escapeAttr, escapeText } from "./xml";

export type RenderedSheet = {
  /**
   * The worksheet part in pieces, each made as it is taken: a report of 60,000 rows never exists as one string.
   * {@link DRAWING} is a piece of its own, where the drawing reference goes. Cell formats are derived as the rows
   * are made: take the pieces once, right away, so that formats are appended in the order they always were.
   */
  pieces(): Iterable<string>;
  /** The whole part as one string (the pieces joined): for tests and small sheets. */
  readonly xml: string;
  /** Print titles ("3:3"), or "". */
  printTitleRows: string;
  charts: { xml(sheetRef: string): string }[];
  drawingXml(rids: string[]): string;
};

const NO_COLS: readonly number[] = [];

/** The piece of a rendered sheet where its `<drawing>` reference goes (or nothing, when it has no charts). */
export const DRAWING = "<!--drawing-->";

const WORKSHEET_OPEN =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/** A rendered sheet from its pieces (a function making them anew on each call). */
function rendered(pieces: () => Generator<string>, rest: Omit<RenderedSheet, "pieces" | "xml">): RenderedSheet {
  return {
    ...rest,
    pieces,
    get xml() {
      return [...pieces()].join("");
    },
  };
}

function range(ref: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const [a, b] = ref.split(":");
  const from = colOf(a ?? "");
  const to = colOf(b ?? a ?? "");
  return from && to ? { r1: from.row, c1: from.col, r2: to.row, c2: to.col } : null;
}

function frozenView(rows: number): string {
  if (!rows) return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  return `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${rows}" topLeftCell="A${rows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${rows + 1}" sqref="A${rows + 1}"/></sheetView></sheetViews>`;
}

function cols(widths: readonly number[], styleOf: (i: number) => number = () => 0): string {
  if (!widths.length) return "";
  return `<cols>${widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"${styleOf(i) ? ` style="${styleOf(i)}"` : ""}/>`).join("")}</cols>`;
}

function dimension(rows: number, colsN: number): string {
  return `<dimension ref="A1${rows > 0 && colsN > 0 ? `:${columnName(colsN)}${rows}` : ""}"/>`;
}

/** A generated sheet from its layout; `page` adds the A4 landscape print setup. */
export function renderReportSheet(layout: ReportLayout, styles: Styles, page: boolean): RenderedSheet {
  // Each cell's wanted format: number formats, then styles, in layout order (later entries add to earlier ones).
  // Worked out per set of areas covering a row, not per cell: a 50,000-row report's body rows are all covered
  // alike, and an object per styled cell was hundreds of megabytes.
  type Area = { r1: number; c1: number; r2: number; c2: number; apply: (w: CellStyleWant) => void };
  const areas: Area[] = [];
  for (const f of layout.formats) {
    const a = range(f.range);
    if (a) areas.push({ ...a, apply: (w) => (w.numFmt = f.format) });
  }
  for (const st of layout.styles) {
    const a = range(st.range);
    if (!a) continue;
    areas.push({
      ...a,
      apply: (w) => {
        if (st.bold) w.bold = true;
        if (st.size) w.size = st.size;
        if (st.fill) w.fill = st.fill;
        if (st.wrap) w.wrap = true;
        if (st.center) w.center = true;
        if (st.wrap || st.center) w.top = true;
        if (st.border) w.border = true;
      },
    });
  }
  const keyOf = (w: CellStyleWant) => `${w.numFmt ?? ""}|${w.bold ? 1 : 0}|${w.size ?? ""}|${w.fill ?? ""}|${w.wrap ? 1 : 0}|${w.center ? 1 : 0}|${w.top ? 1 : 0}|${w.border ? 1 : 0}`;
  const xfs = new Map<string, number>();
  const xfOf = (w: CellStyleWant): number => {
    const k = keyOf(w);
    let s = xfs.get(k);
    if (s === undefined) xfs.set(k, (s = styles.derive(0, w)));
    return s;
  };
  /** The areas covering a row: its styled columns (ascending) and, per column, the format (derived when first met). */
  type Cover = { cols: number[]; xf: Map<number, number>; areas: Area[] };
  const covers = new Map<string, Cover>();
  // Rows in order, with the areas covering the current one kept as the rows pass (in layout order): each area is
  // added at its first row and dropped after its last, so many one-row areas cost no more than a few large ones.
  const starts = new Map<number, number[]>();
  areas.forEach((a, i) => {
    if (a.r1 > a.r2 || a.c1 > a.c2) return;
    const r = Math.max(1, a.r1);
    const list = starts.get(r);
    if (list) list.push(i);
    else starts.set(r, [i]);
  });
  let active: number[] = [];
  const coverOf = (r: number): Cover | null => {
    const added = starts.get(r);
    if (added) active = [...active, ...added].sort((x, y) => x - y);
    if (active.some((i) => areas[i]!.r2 < r)) active = active.filter((i) => areas[i]!.r2 >= r);
    if (!active.length) return null;
    const key = active.join(",");
    let c = covers.get(key);
    if (!c) {
      // Rows styled one by one (a fill per row) each have their own: keep only the few that recur.
      if (covers.size >= 256) covers.clear();
      const here = active.map((i) => areas[i]!);
      const cols = new Set<number>();
      for (const a of here) for (let col = a.c1; col <= a.c2; col++) cols.add(col);
      covers.set(key, (c = { cols: [...cols].sort((x, y) => x - y), xf: new Map(), areas: here }));
    }
    return c;
  };
  const xfAt = (cover: Cover, col: number): number => {
    let s = cover.xf.get(col);
    if (s === undefined) {
      const w: CellStyleWant = {};
      for (const a of cover.areas) if (a.c1 <= col && col <= a.c2) a.apply(w);
      cover.xf.set(col, (s = xfOf(w)));
    }
    return s;
  };
  let rowsN = layout.values.length;
  for (const a of areas) if (a.c1 <= a.c2 && a.r1 <= a.r2) rowsN = Math.max(rowsN, a.r2);
  // The last column written, for <dimension> ahead of the rows: a pass over the rows that makes no text.
  let maxCol = 0;
  for (let r = 1; r <= rowsN; r++) {
    const vals = layout.values[r - 1] ?? [];
    const cover = coverOf(r);
    let last = cover && cover.cols.length ? cover.cols[cover.cols.length - 1]! : 0;
    for (let i = vals.length - 1; i >= last; i--) {
      // As forEach sees them below: a hole is no cell, an undefined one is.
      if (i in vals && vals[i] !== null) {
        last = i + 1;
        break;
      }
    }
    maxCol = Math.max(maxCol, last);
  }
  function* rows(): Generator<string> {
    active = [];
    for (let r = 1; r <= rowsN; r++) {
      const vals = layout.values[r - 1] ?? [];
      const cover = coverOf(r);
      const styled = cover ? cover.cols : NO_COLS;
      // The cells: columns holding a value (as forEach sees them: a hole is none, an undefined one is) merged
      // with the styled columns, both ascending; a styled column is one some covering area reaches.
      let cells = "";
      let i = 0;
      let j = 0;
      for (;;) {
        while (i < vals.length && (!(i in vals) || vals[i] === null)) i++;
        const a = i < vals.length ? i + 1 : Infinity;
        const b = j < styled.length ? styled[j]! : Infinity;
        const c = Math.min(a, b);
        if (c === Infinity) break;
        if (a === c) i++;
        if (b === c) j++;
        cells += valueCell(r, c, vals[c - 1] ?? null, cover && b === c ? xfAt(cover, c) : 0);
      }
      if (cells) yield `<row r="${r}">${cells}</row>`;
    }
  }
  const print = page
    ? '<printOptions horizontalCentered="1"/><pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>' +
      '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/><headerFooter><oddFooter>第 &amp;P 页，共 &amp;N 页</oddFooter></headerFooter>'
    : '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  const head =
    `${WORKSHEET_OPEN}${page ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : ""}${dimension(rowsN, maxCol)}${frozenView(layout.freezeRows)}<sheetFormatPr defaultRowHeight="14.25"/>` +
    `${cols(layout.widths)}<sheetData>`;
  function* pieces(): Generator<string> {
    yield head;
    yield* rows();
    yield "</sheetData>";
    if (layout.merges.length) yield `<mergeCells count="${layout.merges.length}">${layout.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
    yield print;
    yield DRAWING;
    yield "</worksheet>";
  }
  const charts = layout.charts.map((ch) => ({ xml: (sheetRef: string) => chartXml(ch, layout, sheetRef) }));
  return rendered(pieces, { printTitleRows: layout.printTitleRows, charts, drawingXml: (rids) => drawingXml(layout.charts, rids) });
}

/** A template sheet: merged title, header row with drop-downs below it, column formats, frozen header. */
export function renderTemplateSheet(s: TemplateSheet, styles: Styles): RenderedSheet {
  const n = s.columns.length;
  const title = styles.derive(0, { bold: true, size: 14, center: true });
  const head = styles.derive(0, { bold: true, wrap: true, center: true, fill: "#DDEBF7", border: true });
  const colStyles = s.columns.map((c) => (c.format === "percent" ? styles.derive(0, { numFmt: "0.0%" }) : c.format === "integer" ? styles.derive(0, { numFmt: "0" }) : 0));
  const last = 2 + s.dataRows;
  const validations: string[] = [];
  s.columns.forEach((c, i) => {
    const letter = columnName(i + 1);
    const sqref = `${letter}3:${letter}${last}`;
    const prompt = c.note ? ` showInputMessage="1" promptTitle="${escapeAttr(c.header.slice(0, 32))}" prompt="${escapeAttr(c.note.slice(0, 255))}"` : "";
    if (c.list) {
      const list = `"${c.list.join(",")}"`;
      validations.push(
        `<dataValidation type="list" allowBlank="1" showErrorMessage="1"${prompt} errorTitle="请从列表中选择" error="${escapeAttr(`可选：${c.list.join("、")}`.slice(0, 225))}" sqref="${sqref}"><formula1>${escapeText(list)}</formula1></dataValidation>`,
      );
    } else if (prompt) validations.push(`<dataValidation allowBlank="1"${prompt} sqref="${sqref}"/>`);
  });
  const xml =
    `${dimension(2, n)}${frozenView(2)}<sheetFormatPr defaultRowHeight="14.25"/>${cols(s.columns.map((c) => c.width), (i) => colStyles[i]!)}` +
    `<sheetData><row r="1">${valueCell(1, 1, s.title, title)}${s.columns.slice(1).map((_, i) => valueCell(1, i + 2, null, title)).join("")}</row>` +
    `<row r="2" ht="36" customHeight="1">${s.columns.map((c, i) => valueCell(2, i + 1, c.header, head)).join("")}</row></sheetData>` +
    `<mergeCells count="1"><mergeCell ref="A1:${columnName(n)}1"/></mergeCells>` +
    (validations.length ? `<dataValidations count="${validations.length}">${validations.join("")}</dataValidations>` : "") +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  return rendered(
    function* () {
      yield `${WORKSHEET_OPEN}${xml}`;
      yield DRAWING;
      yield "</worksheet>";
    },
    { printTitleRows: "", charts: [], drawingXml: () => "" },
  );
}

function absRange(sheetRef: string, ref: string): string {
  const a = range(ref)!;
  return `${sheetRef}!$${columnName(a.c1)}$${a.r1}:$${columnName(a.c2)}$${a.r2}`;
}

function chartXml(ch: ReportChart, layout: ReportLayout, sheetRef: string): string {
  const cat = range(ch.categories);
  const val = range(ch.values);
  const points = (a: ReturnType<typeof range>) => {
    const out: (string | number | null)[] = [];
    if (!a) return out;
    for (let r = a.r1; r <= a.r2; r++) out.push(layout.values[r - 1]?.[a.c1 - 1] ?? null);
    return out;
  };
  const cats = points(cat);
  const vals = points(val);
  const pt = (v: string | number | null, i: number) => (v === null || v === "" ? "" : `<c:pt idx="${i}"><c:v>${escapeText(String(v))}</c:v></c:pt>`);
  const rich = (text: string, size: number) =>
    `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="${size}" b="1"/><a:t>${escapeText(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    '<c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>' +
    `<c:title>${rich(ch.title, 1200)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    '<c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>' +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>${escapeText(ch.seriesName)}</c:v></c:tx>` +
    '<c:spPr><a:solidFill><a:srgbClr val="5B9BD5"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>' +
    '<c:dLbls><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>' +
    `<c:cat><c:strRef><c:f>${escapeText(absRange(sheetRef, ch.categories))}</c:f><c:strCache><c:ptCount val="${cats.length}"/>${cats.map(pt).join("")}</c:strCache></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeText(absRange(sheetRef, ch.values))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${vals.length}"/>${vals.map((v, i) => (typeof v === "number" ? pt(v, i) : "")).join("")}</c:numCache></c:numRef></c:val>` +
    '</c:ser><c:gapWidth val="80"/><c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>' +
    '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="50010001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>' +
    '</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>' +
    '<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr></c:chartSpace>'
  );
}

/** Each chart anchored at its cell, 6 columns wide and 14 rows high (as the pane places them in Excel). */
function drawingXml(charts: readonly ReportChart[], rids: string[]): string {
  const anchors = charts.map((ch, i) => {
    const at = colOf(ch.anchor) ?? { row: 1, col: 1 };
    const marker = (tag: string, col: number, row: number) => `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
    return (
      `<xdr:twoCellAnchor editAs="oneCell">${marker("from", at.col - 1, at.row - 1)}${marker("to", at.col - 1 + 5, at.row - 1 + 14)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="图表 ${i + 1}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">' +
      `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${rids[i]}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `${anchors.join("")}</xdr:wsDr>`
  );
}
