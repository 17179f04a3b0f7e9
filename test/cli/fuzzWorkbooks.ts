/**
 * Random plausible workbooks for the CLI fuzz test: small ledgers written with SheetJS (another program
 * than the one the tool reads with), headers drawn from the schemes' own synonyms, and cells of every kind
 * offices produce — dates, percents, huge numbers, a phone number in a date-formatted cell, text starting
 * with = + - @, blanks, merged title rows, far-away cells, formulas without cached values, error cells.
 */
import fc from "fast-check";
import * as XLSX from "xlsx";
import { hunan } from "../../src/schemes/hunan";
import { shanghai } from "../../src/schemes/shanghai";
import { surveyCountSheet, surveyResponseSheet } from "../../src/schemes/survey";
import type { FieldDef, SheetDef } from "../../src/schemes/types";

/** A cell as SheetJS writes it (`undefined` = no cell). */
export type FuzzCell =
  | { t: "s"; v: string }
  | { t: "n"; v: number; z?: string }
  | { t: "b"; v: boolean }
  | { t: "e"; v: number }
  | { t: "f"; f: string; v?: string | number }
  | undefined;

export type FuzzSheet = {
  name: string;
  titleRows: number;
  header: (string | undefined)[];
  rows: FuzzCell[][];
  /** Far-away cells: [row0, col0, cell]. */
  far: [number, number, FuzzCell][];
};

export type FuzzBook = { sheets: FuzzSheet[]; command: "score" | "score-dry" | "summary" | "plan" | "survey" | "survey-fill" };

const WORDS = [
  "是", "否", "有", "无", "Y", "N", "√", "×", "/", "—", "服务岗", "监督岗", "服务", "监督", "市州级", "省级", "初评", "复评", "整改后复评",
  "优", "良", "中", "差", "A", "B", "优秀", "良好", "合格", "基本合格", "不合格", "称职", "92%", "９２％", "92.0%", "0.92", "2次", "两次", "2人次",
  "2025年", "2024", "2025年第一季度", "2025Q1", "一季度", "扣10分", "-10", "撤销", "违纪", "满意", "基本满意", "不满意", "非常满意", "一般",
  "示范党组织", "示范服务点", "党员示范岗", "安质监", "协会会员", "认定", "复评", "自荐申请", "水务工程建设先锋", "治水管海先锋", "长沙", "株洲",
  "湘西州", "报建窗口", "质量科", "注：本表由各市州填报", "合计", "12.5", "15", "1e3", " 空 格 ", "全角　空格", "多\n行",
];
const INJECTIONS = ["=1+2", "=SUM(A1:A3)", "+86 731 1234", "-违纪", "@某人", "=HYPERLINK(\"x\")", "'引号"];
const FORMATS = ["General", "0%", "0.00%", "yyyy-mm-dd", "m/d/yy", "yyyy\"年\"m\"月\"d\"日\"", "0.0", "@", "[$-F800]dddd, mmmm dd, yyyy", "hh:mm:ss"];

/** Random text that cannot itself contain the words the test looks for in the output. */
const freeText = fc.string({ maxLength: 12 }).filter((s) => !/nan|undefined|内部错误/i.test(s));

export const cellArb: fc.Arbitrary<FuzzCell> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 6, arbitrary: fc.constantFrom(...WORDS).map((v) => ({ t: "s" as const, v })) },
  { weight: 1, arbitrary: fc.constantFrom(...INJECTIONS).map((v) => ({ t: "s" as const, v })) },
  { weight: 1, arbitrary: freeText.map((v) => ({ t: "s" as const, v })) },
  { weight: 1, arbitrary: fc.constant({ t: "s" as const, v: "" }) },
  { weight: 4, arbitrary: fc.integer({ min: -5, max: 120 }).map((v) => ({ t: "n" as const, v })) },
  { weight: 2, arbitrary: fc.integer({ min: 2015, max: 2030 }).map((v) => ({ t: "n" as const, v })) },
  { weight: 2, arbitrary: fc.double({ min: -2, max: 2, noNaN: true }).map((v) => ({ t: "n" as const, v })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(1e308, -1e308, 1e21, 5e-324, 2 ** 53 + 2, -0, 13800138000, 2958466, 2958465.99, -1, 0, 60, 1e15),
        // Mostly plain; sometimes date-formatted (a phone number typed into a date column).
        fc.oneof({ weight: 5, arbitrary: fc.constant("General") }, { weight: 1, arbitrary: fc.constantFrom(...FORMATS) }),
      )
      .map(([v, z]) => ({ t: "n" as const, v, z })),
  },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 1, max: 80000 }), fc.constantFrom(...FORMATS)).map(([v, z]) => ({ t: "n" as const, v, z })) },
  { weight: 1, arbitrary: fc.boolean().map((v) => ({ t: "b" as const, v })) },
  { weight: 1, arbitrary: fc.constantFrom(0x07, 0x0f, 0x17, 0x1d, 0x24, 0x2a).map((v) => ({ t: "e" as const, v })) },
  { weight: 1, arbitrary: fc.constantFrom("1+1", "A1&\"\"", "TODAY()", "NA()").map((f) => ({ t: "f" as const, f })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom("1+1", "\"是\"", "B2"), fc.oneof(fc.constant("是"), fc.constant(92))).map(([f, v]) => ({ t: "f" as const, f, v })) },
);

function headerOf(f: FieldDef): fc.Arbitrary<string> {
  return fc.constantFrom(f.header, ...(f.synonyms ?? []));
}

/** A sheet definition's headers: its required fields (usually), some others, maybe our outputs or a user's 得分. */
function headersArb(def: SheetDef, outputs: readonly string[]): fc.Arbitrary<(string | undefined)[]> {
  const required = def.fields.filter((f) => def.required.includes(f.id) || def.anyOf?.slice(0, 1).includes(f.id) || (f.id === "year" && def.id === hunan.ledger.id));
  const others = def.fields.filter((f) => !required.includes(f));
  return fc
    .tuple(
      fc.tuple(...required.map(headerOf)),
      fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
      fc.subarray(others, { maxLength: Math.min(14, others.length) }).chain((fs) => (fs.length ? fc.tuple(...fs.map(headerOf)) : fc.constant([] as string[]))),
      fc.subarray(["得分", "结论", "考核结论", "备注", "序号", "", "满意度(%)"], { maxLength: 2 }),
      fc.oneof({ weight: 4, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.constant([...outputs]) }),
    )
    .chain(([req, dropOne, rest, user, ours]) => {
      const mixed = [...(dropOne && req.length > 1 ? req.slice(1) : req), ...rest, ...user];
      // A random order; our outputs (a previous version's block) at the right end.
      return fc.shuffledSubarray(mixed, { minLength: mixed.length }).map((all) => [...all, ...ours].map((h) => (h === "" ? undefined : h)));
    });
}

function sheetArb(name: string, def: SheetDef, outputs: readonly string[]): fc.Arbitrary<FuzzSheet> {
  const yearHeaders = new Set(def.fields.filter((f) => f.id === "year").flatMap((f) => [f.header, ...(f.synonyms ?? [])]));
  return fc
    .record({
      name: fc.constant(name),
      titleRows: fc.integer({ min: 0, max: 2 }),
      header: headersArb(def, outputs),
      rows: fc.array(fc.array(cellArb, { maxLength: 30 }), { maxLength: 8 }),
      // Far below or far right (SheetJS writes every cell of the declared range, so not both at once).
      far: fc.array(
        fc.oneof(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 20 }), cellArb), fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 20, max: 200 }), cellArb)),
        { maxLength: 2 },
      ),
      // Mostly a real year in the year column, so that year-based reports (summary) get past "no year".
      years: fc.option(fc.array(fc.integer({ min: 2019, max: 2026 }), { minLength: 8, maxLength: 8 }), { freq: 4, nil: undefined }),
    })
    .map(({ years, ...s }) => {
      const col = s.header.findIndex((h) => h !== undefined && yearHeaders.has(h));
      if (!years || col < 0) return s;
      return { ...s, rows: s.rows.map((r, i) => Object.assign([...r], { [col]: { t: "n" as const, v: years[i]! } })) };
    });
}

const hunanOutputs = hunan.outputs.map((o) => o.header);
const shanghaiOutputs = shanghai.outputs.map((o) => o.header);

export const bookArb: fc.Arbitrary<FuzzBook> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      sheets: fc.tuple(sheetArb("考核台账", hunan.ledger, hunanOutputs), fc.option(sheetArb("成员", hunan.member, []), { nil: undefined })).map(([l, m]) => (m ? [l, m] : [l])),
      command: fc.constantFrom("score" as const, "score" as const, "score-dry" as const, "summary" as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      sheets: sheetArb("示范点", shanghai.sheet, shanghaiOutputs).map((s) => [s]),
      command: fc.constantFrom("score" as const, "score-dry" as const, "plan" as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      sheets: fc.tuple(sheetArb("考核台账", hunan.ledger, []), fc.oneof(sheetArb("满意度调查", surveyResponseSheet, []), sheetArb("满意度统计", surveyCountSheet, []))),
      command: fc.constantFrom("survey" as const, "survey-fill" as const),
    }),
  },
);

function toCell(c: FuzzCell): XLSX.CellObject | undefined {
  if (c === undefined) return undefined;
  if (c.t === "f") return c.v === undefined ? { t: "n", f: c.f } : typeof c.v === "number" ? { t: "n", f: c.f, v: c.v } : { t: "s", f: c.f, v: c.v };
  if (c.t === "n") return c.z ? { t: "n", v: c.v, z: c.z } : { t: "n", v: c.v };
  return { t: c.t, v: c.v };
}

/** The workbook's bytes as SheetJS writes them. */
export function writeFuzzBook(book: FuzzBook): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const s of book.sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxR = 0;
    let maxC = 0;
    const put = (r: number, c: number, cell: XLSX.CellObject | undefined) => {
      if (!cell) return;
      ws[XLSX.utils.encode_cell({ r, c })] = cell;
      maxR = Math.max(maxR, r);
      maxC = Math.max(maxC, c);
    };
    if (s.titleRows) {
      put(0, 0, { t: "s", v: `${s.name}（2025年度）` });
      ws["!merges"] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: Math.max(1, s.header.length - 1) } }];
    }
    const h = s.titleRows;
    s.header.forEach((text, c) => put(h, c, text === undefined ? undefined : { t: "s", v: text }));
    s.rows.forEach((row, i) => row.forEach((cell, c) => put(h + 1 + i, c, toCell(cell))));
    for (const [r, c, cell] of s.far) put(h + 1 + r, c, toCell(cell));
    ws["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
    XLSX.utils.book_append_sheet(wb, ws, s.name);
  }
  return new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }) as Buffer);
}
