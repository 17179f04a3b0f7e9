/**
 * A strict test double of the part of the WPS 表格 object model (加载项 jsapi, VBA-like) the WPS adapter uses,
 * built from the member names of the published declarations (npm `wps-jsapi`, lib.et.d.ts; see
 * src/adapters/wps/wpsModel.ts) and VBA's documented behaviour, which WPS's ET model copies.
 *
 * Strict where WPS (and VBA) are strict, so the tests catch what would break in WPS:
 * - every object is a Proxy: reading or setting a member it does not have throws (VBA error 438), setting a
 *   read-only member throws; every member access is counted (`book.calls["Range.Value2"]`);
 * - collections are 1-based through `.Item(i | name)`: Item(0), Item(Count + 1), an unknown name throw
 *   (error 9, subscript out of range);
 * - `Range.Value2` is a scalar for one cell (undefined when empty) and a 2-D array for several; dates are
 *   serial numbers; a 2-D array written must match the range's size (error 13); Date objects and other
 *   non-primitive values are refused (error 13);
 * - writing through Value2 behaves like typing: "=…" becomes a formula, "'…" stays text without the
 *   apostrophe, "12" / "+5" / "12%" / "TRUE" / "2025-1-2" become numbers, booleans, dates;
 * - `NumberFormat` of a range whose cells differ is null (VBA's Null); setting it takes a string only;
 * - `Interior.Color` is a BGR number (0xBBGGRR); setting a "#RRGGBB" string throws (error 13);
 * - a protected sheet refuses every change (values, formats, copies into it; error 1004); a workbook with its
 *   structure protected refuses adding, deleting, renaming-by-add and hiding sheets (error 1004);
 * - writing values into part of a merged area throws (error 1004); `MergeCells` is true / false / null;
 * - `Range.Select` on a sheet that is not the active one throws (error 1004), as in VBA;
 * - `Worksheet.Delete` with `DisplayAlerts` on would stop at a confirmation dialog: it throws instead;
 * - hiding the last visible sheet, an invalid or taken sheet name throw (error 1004);
 * - charts: `Shapes.AddChart2`, only `ChartObjects().Add`, or neither (option `charts`), to see the adapter
 *   degrade.
 */
import { columnName, columnNumber } from "../../src/sheets/a1";

export class WpsError extends Error {
  constructor(readonly number: number, message: string) {
    super(message);
    this.name = "WpsError";
  }
}

type Scalar = string | number | boolean;
export type WpsCell = { value: Scalar | null; formula?: string; format: string; fill?: number; bold?: boolean; size?: number; wrap?: boolean; validation?: string };
export type WpsCf = { r1: number; c1: number; r2: number; c2: number; label: string; color: number | null };
export type WpsChartRecord = { via: "AddChart2" | "ChartObjects"; type: number; title: string; source: string; legend: boolean };
type Rect = { r1: number; c1: number; r2: number; c2: number };

const MAX_ROW = 1048576;
const MAX_COL = 16384;
const NO_FILL = 16777215;

/** "A1", "B2:C3", "E:XFD" (whole columns), "3:3" (whole rows) as 1-based bounds. */
export function rectOf(address: string): Rect {
  const parts = address.replace(/\$/g, "").split(":");
  if (parts.length > 2 || !parts[0]) throw new WpsError(1004, `无效的区域地址：${address}`);
  const one = (p: string, end: boolean) => {
    const m = /^([A-Z]{0,3})(\d{0,7})$/.exec(p);
    if (!m || (!m[1] && !m[2])) throw new WpsError(1004, `无效的区域地址：${address}`);
    return { c: m[1] ? columnNumber(m[1]) : end ? MAX_COL : 1, r: m[2] ? Number(m[2]) : end ? MAX_ROW : 1 };
  };
  const a = one(parts[0], false);
  const b = one(parts[1] ?? parts[0], true);
  if (!parts[1] && (!/\d/.test(parts[0]) || !/[A-Z]/.test(parts[0]))) throw new WpsError(1004, `无效的区域地址：${address}`);
  const r = { r1: Math.min(a.r, b.r), c1: Math.min(a.c, b.c), r2: Math.max(a.r, b.r), c2: Math.max(a.c, b.c) };
  if (r.r1 < 1 || r.c1 < 1 || r.r2 > MAX_ROW || r.c2 > MAX_COL) throw new WpsError(1004, `无效的区域地址：${address}`);
  return r;
}

const overlaps = (a: Rect, b: Rect) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;
const inside = (a: Rect, b: Rect) => a.r1 >= b.r1 && a.r2 <= b.r2 && a.c1 >= b.c1 && a.c2 <= b.c2;
const key = (r: number, c: number) => `${r},${c}`;

/** 1899-12-30 + n days (the 1900 date system WPS uses). */
function serial(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
}

/** What WPS stores when a string is given through Value2, as typing it would. */
function typed(s: string): { value: Scalar | null; formula?: string; format?: string } {
  if (s === "") return { value: null };
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.startsWith("=")) return { value: "", formula: s };
  const t = s.trim();
  if (/^[+-]?(\d[\d,]*)(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return { value: Number(t.replace(/,/g, "")) };
  if (/^[+-]?\d+(\.\d+)?\s*%$/.test(t)) return { value: Number(t.replace(/\s*%$/, "")) / 100, format: "0%" };
  if (/^(true|false)$/i.test(t)) return { value: /^true$/i.test(t) };
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return { value: serial(Number(m[1]), Number(m[2]), Number(m[3])), format: "yyyy/m/d" };
  m = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(t);
  if (m) return { value: serial(Number(m[1]), Number(m[2]), Number(m[3] ?? 1)), format: 'yyyy"年"m"月"' };
  if (/^[+-]/.test(t) && t.length > 1) return { value: "", formula: `=${t}` };
  return { value: s };
}

/** A strict object: unknown members throw on read and write, read-only ones on write; accesses are counted. */
function strict<T extends object>(book: FakeWpsBook, type: string, target: T): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === "symbol") return Reflect.get(t, prop, receiver) as unknown;
      if (!(prop in t)) {
        if (prop === "then" || prop === "toJSON" || prop === "$$typeof" || prop === "asymmetricMatch" || prop === "nodeType") return undefined;
        throw new WpsError(438, `${type} 对象不支持该属性或方法：${prop}`);
      }
      book.calls[`${type}.${prop}`] = (book.calls[`${type}.${prop}`] ?? 0) + 1;
      return Reflect.get(t, prop, receiver) as unknown;
    },
    set(t, prop, value, receiver) {
      if (typeof prop === "symbol") return Reflect.set(t, prop, value, receiver);
      let proto: object | null = t;
      let desc: PropertyDescriptor | undefined;
      while (proto && !desc) {
        desc = Object.getOwnPropertyDescriptor(proto, prop);
        proto = Object.getPrototypeOf(proto) as object | null;
      }
      if (!desc) throw new WpsError(438, `${type} 对象不支持该属性：${prop}`);
      if ((desc.get && !desc.set) || (!desc.get && !desc.set && (desc.writable === false || typeof desc.value === "function"))) {
        throw new WpsError(1004, `${type}.${prop} 是只读属性`);
      }
      book.calls[`${type}.${prop}=`] = (book.calls[`${type}.${prop}=`] ?? 0) + 1;
      return Reflect.set(t, prop, value, receiver);
    },
  });
}

export class FakeWpsSheet {
  visible = -1;
  protected = false;
  filtered = false;
  cells = new Map<string, WpsCell>();
  merges: Rect[] = [];
  cfs: WpsCf[] = [];
  charts: WpsChartRecord[] = [];
  widths = new Map<number, number>();
  frozenRows = 0;
  page: Record<string, unknown> = {};
  constructor(public name: string) {}

  get(r: number, c: number): WpsCell | undefined {
    return this.cells.get(key(r, c));
  }
  /** Test setup: a cell as the user typed it (bypasses protection). */
  set(r: number, c: number, cell: Partial<WpsCell>): void {
    this.cells.set(key(r, c), { value: null, format: "General", ...cell });
  }
  used(): Rect | null {
    let r: Rect | null = null;
    for (const [k, cell] of this.cells) {
      if (cell.value === null && cell.format === "General" && cell.fill === undefined && cell.formula === undefined) continue;
      const [row, col] = k.split(",").map(Number) as [number, number];
      r = r ? { r1: Math.min(r.r1, row), c1: Math.min(r.c1, col), r2: Math.max(r.r2, row), c2: Math.max(r.c2, col) } : { r1: row, c1: col, r2: row, c2: col };
    }
    return r;
  }
}

export type FakeWpsOptions = {
  charts?: "AddChart2" | "ChartObjects" | "none";
  version?: string;
  /** Members a WPS build might lack or refuse, to see the adapter degrade. */
  refuse?: ("FormatConditions" | "VeryHidden")[];
};

export class FakeWpsBook {
  sheets: FakeWpsSheet[] = [];
  structureProtected = false;
  active: FakeWpsSheet | null = null;
  screenUpdating = true;
  displayAlerts = true;
  selection: { sheet: string; address: string } | null = null;
  calls: Record<string, number> = {};
  /** Set when the user has no workbook open (ActiveWorkbook is null). */
  closed = false;
  constructor(public name = "台账.xlsx", readonly options: FakeWpsOptions = {}) {}

  addSheet(name: string): FakeWpsSheet {
    const s = new FakeWpsSheet(name);
    this.sheets.push(s);
    this.active ??= s;
    return s;
  }
  sheet(name: string): FakeWpsSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new Error(`no sheet ${name}`);
    return s;
  }
  resetCalls(): void {
    this.calls = {};
  }

  /** The `Application` object the add-in sees (window.Application in WPS). */
  application(): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const book = this;
    const app = {
      get ActiveWorkbook() {
        return book.closed ? null : book.workbook();
      },
      get ActiveWindow() {
        return book.window();
      },
      get ScreenUpdating() {
        return book.screenUpdating;
      },
      set ScreenUpdating(v: boolean) {
        book.screenUpdating = v;
      },
      get DisplayAlerts() {
        return book.displayAlerts;
      },
      set DisplayAlerts(v: boolean) {
        book.displayAlerts = v;
      },
      get Version() {
        return book.options.version ?? "12.1.0.18608";
      },
    };
    return strict(this, "Application", app);
  }

  private window(): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const book = this;
    let split = 0;
    return strict(this, "Window", {
      get FreezePanes() {
        return (book.active?.frozenRows ?? 0) > 0;
      },
      set FreezePanes(v: boolean) {
        if (book.active) book.active.frozenRows = v ? split : 0;
      },
      get SplitRow() {
        return split;
      },
      set SplitRow(v: number) {
        split = v;
      },
      SplitColumn: 0,
    });
  }

  private checkStructure(what: string): void {
    if (this.structureProtected) throw new WpsError(1004, `工作簿结构受保护，不能${what}`);
  }

  workbook(): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const book = this;
    const worksheets = {
      get Count() {
        return book.sheets.length;
      },
      Item(index: unknown) {
        if (typeof index === "number") {
          if (!Number.isInteger(index) || index < 1 || index > book.sheets.length) throw new WpsError(9, `下标越界：Worksheets.Item(${index})`);
          return book.worksheet(book.sheets[index - 1]!);
        }
        if (typeof index === "string") {
          const s = book.sheets.find((x) => x.name.toLowerCase() === index.toLowerCase());
          if (!s) throw new WpsError(9, `下标越界：Worksheets.Item("${index}")`);
          return book.worksheet(s);
        }
        throw new WpsError(13, "类型不匹配：Worksheets.Item");
      },
      Add(before?: unknown, after?: unknown) {
        book.checkStructure("新增工作表");
        if (before !== undefined && after !== undefined) throw new WpsError(1004, "Before 与 After 只能给一个");
        let n = book.sheets.length + 1;
        while (book.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
        const s = new FakeWpsSheet(`Sheet${n}`);
        const ref = (before ?? after) as { __sheet?: FakeWpsSheet } | undefined;
        const at = ref?.__sheet ? book.sheets.indexOf(ref.__sheet) + (after !== undefined ? 1 : 0) : book.active ? book.sheets.indexOf(book.active) : 0;
        book.sheets.splice(at, 0, s);
        book.active = s;
        return book.worksheet(s);
      },
    };
    return strict(this, "Workbook", {
      get Name() {
        return book.name;
      },
      get Worksheets() {
        return strict(book, "Worksheets", worksheets);
      },
      get ProtectStructure() {
        return book.structureProtected;
      },
      get ActiveSheet() {
        if (!book.active) throw new WpsError(91, "没有活动工作表");
        return book.worksheet(book.active);
      },
    });
  }

  worksheet(s: FakeWpsSheet): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const book = this;
    const target = {
      __sheet: s,
      get Name() {
        return s.name;
      },
      set Name(v: string) {
        if (typeof v !== "string" || !v || v.length > 31 || /[[\]:*?/\\]/.test(v)) throw new WpsError(1004, `工作表名称无效：${String(v)}`);
        if (book.sheets.some((x) => x !== s && x.name.toLowerCase() === v.toLowerCase())) throw new WpsError(1004, `工作表名称已被占用：${v}`);
        s.name = v;
      },
      get Visible() {
        return s.visible;
      },
      set Visible(v: number) {
        if (![-1, 0, 2].includes(v)) throw new WpsError(1004, `Visible 的值无效：${v}`);
        if (v === 2 && book.options.refuse?.includes("VeryHidden")) throw new WpsError(1004, "不支持 xlSheetVeryHidden");
        if (v !== -1) {
          book.checkStructure("隐藏工作表");
          if (!book.sheets.some((x) => x !== s && x.visible === -1)) throw new WpsError(1004, "不能隐藏唯一可见的工作表");
          if (book.active === s) book.active = book.sheets.find((x) => x !== s && x.visible === -1) ?? null;
        }
        s.visible = v;
      },
      get Index() {
        return book.sheets.indexOf(s) + 1;
      },
      get ProtectContents() {
        return s.protected;
      },
      get FilterMode() {
        return s.filtered;
      },
      get UsedRange() {
        const u = s.used() ?? { r1: 1, c1: 1, r2: 1, c2: 1 };
        return book.range(s, u);
      },
      Range(address: unknown) {
        if (typeof address !== "string") throw new WpsError(13, "类型不匹配：Range 需要地址字符串");
        return book.range(s, rectOf(address));
      },
      get Shapes() {
        const shapes: Record<string, unknown> = {};
        if ((book.options.charts ?? "AddChart2") === "AddChart2") {
          shapes.AddChart2 = (_style: number, type: number, left: number, top: number, width: number, height: number) => book.chartShape(s, "AddChart2", type, [left, top, width, height]);
        }
        return strict(book, "Shapes", shapes);
      },
      ChartObjects() {
        if ((book.options.charts ?? "AddChart2") === "none") throw new WpsError(438, "Worksheet 对象不支持该属性或方法：ChartObjects");
        return strict(book, "ChartObjects", {
          Add: (left: number, top: number, width: number, height: number) => book.chartShape(s, "ChartObjects", 0, [left, top, width, height]),
        });
      },
      get PageSetup() {
        const page = {} as Record<string, unknown>;
        for (const k of ["Orientation", "PaperSize", "Zoom", "FitToPagesWide", "FitToPagesTall", "PrintTitleRows", "CenterHorizontally"]) {
          Object.defineProperty(page, k, { get: () => s.page[k], set: (v: unknown) => (s.page[k] = v), enumerable: true });
        }
        return strict(book, "PageSetup", page);
      },
      Activate() {
        if (s.visible !== -1) throw new WpsError(1004, `不能激活隐藏的工作表「${s.name}」`);
        book.active = s;
      },
      Delete() {
        book.checkStructure("删除工作表");
        if (book.displayAlerts) throw new WpsError(1004, "删除工作表需要用户确认（DisplayAlerts 未关闭，WPS 会弹出对话框）");
        if (!book.sheets.some((x) => x !== s && x.visible === -1)) throw new WpsError(1004, "不能删除唯一可见的工作表");
        book.sheets.splice(book.sheets.indexOf(s), 1);
        if (book.active === s) book.active = book.sheets.find((x) => x.visible === -1) ?? null;
      },
    };
    return strict(this, "Worksheet", target);
  }

  private chartShape(s: FakeWpsSheet, via: WpsChartRecord["via"], type: number, _box: number[]): unknown {
    if (s.protected) throw new WpsError(1004, "工作表受保护，不能插入图表");
    const rec: WpsChartRecord = { via, type, title: "", source: "", legend: true };
    s.charts.push(rec);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const book = this;
    let hasTitle = false;
    const chart = strict(book, "Chart", {
      SetSourceData(source: unknown) {
        const r = (source as { __rect?: Rect }).__rect;
        if (!r) throw new WpsError(13, "SetSourceData 需要区域");
        rec.source = `${columnName(r.c1)}${r.r1}:${columnName(r.c2)}${r.r2}`;
      },
      get HasTitle() {
        return hasTitle;
      },
      set HasTitle(v: boolean) {
        hasTitle = v;
      },
      get ChartTitle() {
        if (!hasTitle) throw new WpsError(1004, "图表没有标题（先设 HasTitle = true）");
        return strict(book, "ChartTitle", {
          get Text() {
            return rec.title;
          },
          set Text(v: string) {
            rec.title = v;
          },
        });
      },
      get HasLegend() {
        return rec.legend;
      },
      set HasLegend(v: boolean) {
        rec.legend = v;
      },
      get ChartType() {
        return rec.type;
      },
      set ChartType(v: number) {
        rec.type = v;
      },
    });
    return strict(book, via === "AddChart2" ? "Shape" : "ChartObject", { Chart: chart });
  }

  private writable(s: FakeWpsSheet): void {
    if (s.protected) throw new WpsError(1004, `不能更改受保护的工作表「${s.name}」中的单元格`);
  }

  /** Every cell position of a rectangle (refused when absurdly large, as a real write of it would hang). */
  private each(r: Rect, f: (row: number, col: number) => void): void {
    if ((r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1) > 2_000_000) throw new WpsError(7, "内存不足：区域过大");
    for (let row = r.r1; row <= r.r2; row++) for (let col = r.c1; col <= r.c2; col++) f(row, col);
  }

  private cell(s: FakeWpsSheet, row: number, col: number): WpsCell {
    let c = s.cells.get(key(row, col));
    if (!c) {
      c = { value: null, format: "General" };
      s.cells.set(key(row, col), c);
    }
    return c;
  }

  /** One value of a row written through Value2. */
  private put(s: FakeWpsSheet, row: number, col: number, v: unknown): void {
    if (v !== null && v !== undefined && typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") throw new WpsError(13, `类型不匹配：不能写入 ${Object.prototype.toString.call(v)}`);
    const cell = this.cell(s, row, col);
    delete cell.formula;
    if (typeof v === "string") {
      const t = typed(v);
      cell.value = t.value;
      if (t.formula) cell.formula = t.formula;
      if (t.format && cell.format === "General") cell.format = t.format;
    } else cell.value = v ?? null;
  }

  /** The same values across a range, or null when they differ (VBA's Null for mixed properties). */
  private uniform<T>(r: Rect, s: FakeWpsSheet, f: (c: WpsCell | undefined) => T): T | null {
    let first = true;
    let out: T | null = null;
    const limit = (r.r2 - r.r1 + 1) * (r.c2 - r.c1 + 1);
    if (limit > 2_000_000) {
      // Whole columns: the cells that exist, and the default of the rest.
      const seen = [...s.cells.entries()].filter(([k]) => {
        const [row, col] = k.split(",").map(Number) as [number, number];
        return row >= r.r1 && row <= r.r2 && col >= r.c1 && col <= r.c2;
      });
      const vals = [...seen.map(([, c]) => f(c)), f(undefined)];
      return vals.every((v) => v === vals[0]) ? vals[0]! : null;
    }
    let mixed = false;
    this.each(r, (row, col) => {
      const v = f(s.get(row, col));
      if (first) {
        out = v;
        first = false;
      } else if (v !== out) mixed = true;
    });
    return mixed ? null : out;
  }

  range(s: FakeWpsSheet, r: Rect): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const book = this;
    const rows = r.r2 - r.r1 + 1;
    const cols = r.c2 - r.c1 + 1;
    const read = (c: WpsCell | undefined) => (c?.value === null || c?.value === undefined ? undefined : c.value);
    const props = (type: string, get: (c: WpsCell | undefined) => unknown, set: (c: WpsCell, v: unknown) => void, check?: (v: unknown) => void) =>
      strict(book, type, {
        get Color(): unknown {
          return book.uniform(r, s, get);
        },
        set Color(v: unknown) {
          check?.(v);
          book.writable(s);
          book.each(r, (row, col) => set(book.cell(s, row, col), v));
        },
      });
    const colourOnly = (v: unknown) => {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 0xffffff) throw new WpsError(13, `类型不匹配：颜色须为 BGR 数值，得到 ${JSON.stringify(v)}`);
    };
    const target = {
      __rect: r,
      __sheet: s,
      get Row() {
        return r.r1;
      },
      get Column() {
        return r.c1;
      },
      get Rows() {
        return strict(book, "Rows", { Count: rows });
      },
      get Columns() {
        return strict(book, "Columns", { Count: cols });
      },
      get Left() {
        return (r.c1 - 1) * 54;
      },
      get Top() {
        return (r.r1 - 1) * 13.5;
      },
      get Value2(): unknown {
        if (rows * cols === 1) return read(s.get(r.r1, r.c1));
        if (rows * cols > 2_000_000) throw new WpsError(7, "内存不足：区域过大");
        return Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => read(s.get(r.r1 + i, r.c1 + j))));
      },
      set Value2(v: unknown) {
        book.writable(s);
        const partial = s.merges.find((m) => overlaps(m, r) && !inside(m, r));
        if (partial) throw new WpsError(1004, "不能对合并单元格的一部分进行更改");
        if (Array.isArray(v)) {
          if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
            throw new WpsError(13, `类型不匹配：写入 ${rows}×${cols} 的区域需要同样大小的二维数组`);
          }
          (v as unknown[][]).forEach((row, i) => row.forEach((x, j) => book.put(s, r.r1 + i, r.c1 + j, x)));
        } else book.each(r, (row, col) => book.put(s, row, col, v));
      },
      get NumberFormat(): unknown {
        return book.uniform(r, s, (c) => c?.format ?? "General");
      },
      set NumberFormat(v: unknown) {
        if (typeof v !== "string") throw new WpsError(13, "类型不匹配：NumberFormat 须为字符串");
        book.writable(s);
        book.each(r, (row, col) => (book.cell(s, row, col).format = v));
      },
      get Interior() {
        return props("Interior", (c) => c?.fill ?? NO_FILL, (c, v) => (c.fill = v === NO_FILL ? undefined : (v as number)), colourOnly);
      },
      get FormatConditions() {
        if (book.options.refuse?.includes("FormatConditions")) throw new WpsError(438, "Range 对象不支持该属性或方法：FormatConditions");
        return strict(book, "FormatConditions", {
          get Count() {
            return s.cfs.filter((cf) => overlaps(cf, r)).length;
          },
          Add(type: unknown, operator: unknown, formula1: unknown) {
            book.writable(s);
            const m = typeof formula1 === "string" ? /^="(.*)"$/.exec(formula1) : null;
            if (type !== 1 || operator !== 3 || !m) throw new WpsError(5, `无效的过程调用或参数：FormatConditions.Add(${String(type)}, ${String(operator)}, ${String(formula1)})`);
            const cf: WpsCf = { ...r, label: m[1]!, color: null };
            s.cfs.push(cf);
            return strict(book, "FormatCondition", {
              get Interior() {
                return strict(book, "Interior", {
                  get Color() {
                    return cf.color ?? NO_FILL;
                  },
                  set Color(v: unknown) {
                    colourOnly(v);
                    cf.color = v as number;
                  },
                });
              },
            });
          },
          Delete() {
            book.writable(s);
            s.cfs = s.cfs.filter((cf) => !overlaps(cf, r));
          },
        });
      },
      get Font() {
        return strict(book, "Font", {
          get Bold(): unknown {
            return book.uniform(r, s, (c) => c?.bold ?? false);
          },
          set Bold(v: unknown) {
            book.writable(s);
            book.each(r, (row, col) => (book.cell(s, row, col).bold = v === true));
          },
          get Size(): unknown {
            return book.uniform(r, s, (c) => c?.size ?? 11);
          },
          set Size(v: unknown) {
            book.writable(s);
            book.each(r, (row, col) => (book.cell(s, row, col).size = Number(v)));
          },
        });
      },
      get Borders() {
        return strict(book, "Borders", { LineStyle: 0, Color: 0 });
      },
      get Validation() {
        return strict(book, "Validation", {
          Add(type: unknown, _alert: unknown, _op: unknown, formula1: unknown) {
            book.writable(s);
            if (type !== 3 || typeof formula1 !== "string") throw new WpsError(5, "无效的过程调用或参数：Validation.Add");
            book.each(r, (row, col) => {
              const c = book.cell(s, row, col);
              if (c.validation !== undefined) throw new WpsError(1004, "区域已有数据有效性（先 Delete）");
              c.validation = formula1;
            });
          },
          Delete() {
            book.each(r, (row, col) => {
              const c = s.get(row, col);
              if (c) delete c.validation;
            });
          },
        });
      },
      get MergeCells() {
        const all = (() => {
          let every = true;
          let any = false;
          book.each(r, (row, col) => {
            const m = s.merges.some((x) => row >= x.r1 && row <= x.r2 && col >= x.c1 && col <= x.c2);
            every &&= m;
            any ||= m;
          });
          return every ? true : any ? null : false;
        })();
        return all;
      },
      get WrapText(): unknown {
        return book.uniform(r, s, (c) => c?.wrap ?? false);
      },
      set WrapText(v: unknown) {
        book.writable(s);
        book.each(r, (row, col) => (book.cell(s, row, col).wrap = v === true));
      },
      VerticalAlignment: -4107,
      HorizontalAlignment: 1,
      get ColumnWidth() {
        return s.widths.get(r.c1) ?? 8.38;
      },
      set ColumnWidth(v: number) {
        book.writable(s);
        for (let c = r.c1; c <= r.c2; c++) s.widths.set(c, v);
      },
      RowHeight: 13.5,
      Merge() {
        book.writable(s);
        s.merges = s.merges.filter((m) => !overlaps(m, r));
        s.merges.push({ ...r });
      },
      Clear() {
        book.writable(s);
        for (const k of [...s.cells.keys()]) {
          const [row, col] = k.split(",").map(Number) as [number, number];
          if (row >= r.r1 && row <= r.r2 && col >= r.c1 && col <= r.c2) s.cells.delete(k);
        }
        s.cfs = s.cfs.filter((cf) => !overlaps(cf, r));
        s.merges = s.merges.filter((m) => !inside(m, r));
      },
      Copy(destination: unknown) {
        const d = destination as { __rect?: Rect; __sheet?: FakeWpsSheet } | undefined;
        if (!d?.__rect || !d.__sheet) throw new WpsError(1004, "Range.Copy 需要目标区域（不经剪贴板）");
        const to = d.__sheet;
        book.writable(to);
        const dr = d.__rect.r1 - r.r1;
        const dc = d.__rect.c1 - r.c1;
        const copies: [number, number, WpsCell | undefined][] = [];
        book.each(r, (row, col) => {
          const c = s.get(row, col);
          copies.push([row + dr, col + dc, c ? { ...c } : undefined]);
        });
        for (const [row, col, c] of copies) {
          if (c) to.cells.set(key(row, col), c);
          else to.cells.delete(key(row, col));
        }
        const dest: Rect = { r1: r.r1 + dr, c1: r.c1 + dc, r2: r.r2 + dr, c2: r.c2 + dc };
        to.cfs = to.cfs.filter((cf) => !overlaps(cf, dest));
        for (const cf of s.cfs.filter((x) => overlaps(x, r))) {
          to.cfs.push({ label: cf.label, color: cf.color, r1: Math.max(cf.r1, r.r1) + dr, c1: Math.max(cf.c1, r.c1) + dc, r2: Math.min(cf.r2, r.r2) + dr, c2: Math.min(cf.c2, r.c2) + dc });
        }
      },
      Select() {
        if (book.active !== s) throw new WpsError(1004, "Range 类的 Select 方法无效（工作表不是活动工作表）");
        book.selection = { sheet: s.name, address: r.r1 === r.r2 && r.c1 === r.c2 ? `${columnName(r.c1)}${r.r1}` : `${columnName(r.c1)}${r.r1}:${columnName(r.c2)}${r.r2}` };
      },
    };
    return strict(this, "Range", target);
  }
}

/** The colour the user sees on a cell ("#RRGGBB"): a matching conditional format first, then the fill. */
export function shownWpsFill(sheet: FakeWpsSheet, row: number, col: number): string | null {
  const cell = sheet.get(row, col);
  const hex = (bgr: number) => `#${[bgr & 0xff, (bgr >> 8) & 0xff, (bgr >> 16) & 0xff].map((x) => x.toString(16).padStart(2, "0").toUpperCase()).join("")}`;
  const cf = sheet.cfs.find((x) => row >= x.r1 && row <= x.r2 && col >= x.c1 && col <= x.c2 && x.color !== null && cell?.value === x.label);
  if (cf) return hex(cf.color!);
  return cell?.fill !== undefined ? hex(cell.fill) : null;
}

/** Plain cells (as the e2e serialises them into the page): sheet name, and [row, col, value, format] per cell. */
export type WpsSeed = { name: string; cells: [number, number, Scalar | null, string][]; merges: string[] }[];

export function fakeWpsFromSeed(seed: WpsSeed, options: FakeWpsOptions = {}, name?: string): FakeWpsBook {
  const book = new FakeWpsBook(name, options);
  for (const g of seed) {
    const s = book.addSheet(g.name);
    for (const [r, c, value, format] of g.cells) s.set(r, c, { value, format });
    s.merges = g.merges.map(rectOf);
  }
  return book;
}
