/**
 * Generated sheets take each cell's format from the areas covering its row, worked out once per set of areas
 * rather than per cell. Over random layouts (overlapping, one-row, reversed and far-away areas) the sheet is
 * the one the plain per-cell reading gives: same cells, same formats, derived in the same order.
 */
import fc from "fast-check";
import { renderReportSheet } from "../../src/adapters/xlsx/sheetRender";
import { colOf, valueCell } from "../../src/adapters/xlsx/sheetXml";
import { Styles, type CellStyleWant } from "../../src/adapters/xlsx/styles";
import { columnName } from "../../src/sheets/a1";
import type { ReportLayout, ReportStyle } from "../../src/sheets/report";

/** The plain reading: a wanted format per covered cell, formats then styles in layout order. */
function plainSheetData(layout: ReportLayout, styles: Styles): string {
  const wants = new Map<number, Map<number, CellStyleWant>>();
  const want = (r: number, c: number): CellStyleWant => {
    let row = wants.get(r);
    if (!row) wants.set(r, (row = new Map()));
    let w = row.get(c);
    if (!w) row.set(c, (w = {}));
    return w;
  };
  const each = (ref: string, fn: (w: CellStyleWant) => void) => {
    const [a, b] = ref.split(":");
    const from = colOf(a ?? "");
    const to = colOf(b ?? a ?? "");
    if (!from || !to) return;
    for (let r = from.row; r <= to.row; r++) for (let c = from.col; c <= to.col; c++) fn(want(r, c));
  };
  for (const f of layout.formats) each(f.range, (w) => (w.numFmt = f.format));
  for (const st of layout.styles) {
    each(st.range, (w) => {
      if (st.bold) w.bold = true;
      if (st.size) w.size = st.size;
      if (st.fill) w.fill = st.fill;
      if (st.wrap) w.wrap = true;
      if (st.center) w.center = true;
      if (st.wrap || st.center) w.top = true;
      if (st.border) w.border = true;
    });
  }
  const xfs = new Map<string, number>();
  const xfOf = (w: CellStyleWant | undefined) => {
    if (!w) return 0;
    const k = JSON.stringify([w.numFmt, !!w.bold, w.size, w.fill, !!w.wrap, !!w.center, !!w.top, !!w.border]);
    let s = xfs.get(k);
    if (s === undefined) xfs.set(k, (s = styles.derive(0, w)));
    return s;
  };
  const rowsN = Math.max(layout.values.length, ...wants.keys());
  const body: string[] = [];
  for (let r = 1; r <= rowsN; r++) {
    const vals = layout.values[r - 1] ?? [];
    const cols = new Set<number>();
    vals.forEach((v, i) => v !== null && cols.add(i + 1));
    for (const c of wants.get(r)?.keys() ?? []) cols.add(c);
    const ordered = [...cols].sort((a, b) => a - b);
    if (ordered.length) body.push(`<row r="${r}">${ordered.map((c) => valueCell(r, c, vals[c - 1] ?? null, xfOf(wants.get(r)?.get(c)))).join("")}</row>`);
  }
  return `<sheetData>${body.join("")}</sheetData>`;
}

const cellRef = fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 24 })).map(([c, r]) => `${columnName(c)}${r}`);
const area = fc.oneof(cellRef, fc.tuple(cellRef, cellRef).map(([a, b]) => `${a}:${b}`));
const style: fc.Arbitrary<ReportStyle> = fc.record(
  { range: area, bold: fc.boolean(), size: fc.constantFrom(10, 12), fill: fc.constantFrom("#DDEBF7", "#FCE4D6"), wrap: fc.boolean(), center: fc.boolean(), border: fc.boolean() },
  { requiredKeys: ["range"] },
);
const layoutArb: fc.Arbitrary<ReportLayout> = fc.record({
  name: fc.constant("汇总"),
  values: fc.array(fc.array(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 99 }), fc.constantFrom("长沙", "保持")), { maxLength: 5 }), { maxLength: 20 }),
  widths: fc.constant([10, 10]),
  merges: fc.constant([]),
  styles: fc.array(style, { maxLength: 8 }),
  formats: fc.array(fc.record({ range: area, format: fc.constantFrom("0.0", "0%") }), { maxLength: 3 }),
  freezeRows: fc.constant(1),
  printTitleRows: fc.constant(""),
  charts: fc.constant([]),
});

test("formats by the areas covering each row = the plain per-cell reading", () => {
  fc.assert(
    fc.property(layoutArb, (layout) => {
      const a = Styles.empty();
      const b = Styles.empty();
      const xml = renderReportSheet(layout, a, true).xml;
      const sheetData = /<sheetData>.*<\/sheetData>/s.exec(xml)?.[0];
      expect(sheetData).toBe(plainSheetData(layout, b));
      expect(a.toString()).toBe(b.toString());
    }),
    { numRuns: 500, seed: 12 },
  );
});
