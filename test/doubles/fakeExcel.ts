/**
 * A strict test double of the part of the Excel JavaScript API the Office adapter uses.
 *
 * Strict where Excel is strict, so the tests catch what would break in Excel:
 * - reading a property that was not loaded, or before the sync that loads it, throws PropertyNotLoaded;
 * - writes and loads are queued and applied only at context.sync(), in order;
 * - every sync is counted, and the bytes of each request (queued operations, values included) and of its
 *   response (loaded data) are measured; either over 5 MB fails as Excel on the web does;
 * - setting `values` behaves like typing: "=…" becomes a formula, "'…" stays text without the apostrophe,
 *   "+5"/"-3"/"12" become numbers; the array must match the range's size;
 * - *OrNullObject results expose isNullObject only after a sync; methods on a missing item throw ItemNotFound;
 * - the host declares its requirement sets (EXCEL_HOSTS: Excel 2016 volume-licensed has ExcelApi 1.1, 2019 has
 *   1.7, 2021 1.14, LTSC 2024 1.17): an API above them fails at sync with ApiNotFound, as a real host does;
 * - a protected sheet refuses every change to it (values, formats, columns, copies) with AccessDenied, and a
 *   workbook whose structure is protected refuses adding, deleting and hiding sheets with AccessDenied
 *   (Excel's “You cannot perform the requested operation.”);
 * - writing values into part of a merged area fails with InvalidOperation (Excel: “We can't do that to a
 *   merged cell”); writing into a range whose rows an AutoFilter hides puts the values in the visible rows
 *   only, shifted, as office-js#224 reports Excel doing — the adapter must never get there.
 */
import { columnName, columnNumber } from "../../src/sheets/a1";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** ExcelApi requirement sets per Excel, from Microsoft's “Excel JavaScript API requirement sets” table. */
export const EXCEL_HOSTS = {
  "microsoft-365": { ExcelApi: "1.20" },
  web: { ExcelApi: "1.20" },
  "ltsc-2024": { ExcelApi: "1.17" },
  "office-2021": { ExcelApi: "1.14" },
  "office-2019": { ExcelApi: "1.7" },
  "office-2016": { ExcelApi: "1.1" },
} as const satisfies Record<string, Record<string, string>>;
export type ExcelHostName = keyof typeof EXCEL_HOSTS;

/** "1.10" > "1.9": requirement-set versions compare part by part. */
export function versionAtLeast(have: string, need: string): boolean {
  const [a1, b1] = have.split(".").map(Number) as [number, number];
  const [a2, b2] = need.split(".").map(Number) as [number, number];
  return a1 > a2 || (a1 === a2 && b1 >= b2);
}

/** The bytes of a request or response as Office.js sends it: JSON, every non-ASCII character escaped as \uXXXX. */
export function payloadBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? "";
  let n = json.length;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7e) n += 5;
  return n;
}

export class FakeExcelError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
  }
}

type Style = { fill?: string; wrap?: boolean; valign?: string; bold?: boolean };
export type FakeCell = { value: string | number | boolean; formula?: string; format: string; style: Style; validation?: unknown };
export type FakeCf = { range: string; label: string; fill: string };

export class FakeSheet {
  cells = new Map<string, FakeCell>();
  visibility = "Visible";
  protected = false;
  hiddenRows = new Set<number>();
  /** The AutoFilter's range; rows of it in hiddenRows are filtered out. */
  autoFilter: Rect | null = null;
  tables: { name: string; r1: number; c1: number; r2: number; c2: number; headers: string[] }[] = [];
  merges: string[] = [];
  cfs: FakeCf[] = [];
  widths = new Map<number, number>();
  frozenRows = 0;
  pageLayout: Record<string, unknown> = {};
  charts: { type: string; source: string; seriesBy: string; title?: string; legend?: boolean; position?: [string, string] }[] = [];
  borders = 0;
  constructor(public name: string) {}

  key(r: number, c: number): string {
    return `${r},${c}`;
  }
  get(r: number, c: number): FakeCell | undefined {
    return this.cells.get(this.key(r, c));
  }
  value(r: number, c: number): string | number | boolean {
    return this.get(r, c)?.value ?? "";
  }
  set(r: number, c: number, cell: Partial<FakeCell>): void {
    const old = this.get(r, c) ?? { value: "", format: "General", style: {} };
    const next = { ...old, ...cell };
    if (next.value === "" && next.formula === undefined && next.format === "General" && !Object.keys(next.style).length && !next.validation) this.cells.delete(this.key(r, c));
    else this.cells.set(this.key(r, c), next);
  }
  /** Rows an AutoFilter hides within rows r1…r2. */
  filteredRows(r1: number, r2: number): number[] {
    const f = this.autoFilter;
    if (!f) return [];
    return [...this.hiddenRows].filter((r) => r > f.r1 && r <= f.r2 && r >= r1 && r <= r2).sort((a, b) => a - b);
  }
  /** Refuses a change to this sheet when it is protected, as Excel does. */
  assertEditable(what: string): void {
    if (this.protected) throw new FakeExcelError("AccessDenied", `You cannot perform the requested operation. (${what} on protected sheet ${this.name})`);
  }
  /** The used range (values only, or anything at all), as 1-based bounds. */
  used(valuesOnly: boolean, within?: Rect): Rect | null {
    let b: Rect | null = null;
    for (const [k, cell] of this.cells) {
      if (valuesOnly && cell.value === "" && cell.formula === undefined) continue;
      const [r, c] = k.split(",").map(Number) as [number, number];
      if (within && (r < within.r1 || r > within.r2 || c < within.c1 || c > within.c2)) continue;
      b = b ? { r1: Math.min(b.r1, r), c1: Math.min(b.c1, c), r2: Math.max(b.r2, r), c2: Math.max(b.c2, c) } : { r1: r, c1: c, r2: r, c2: c };
    }
    return b;
  }
}

export type Rect = { r1: number; c1: number; r2: number; c2: number };

export function parseAddress(a: string): Rect {
  const s = a.replace(/\$/g, "");
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(s);
  if (m) {
    const r1 = Number(m[2]);
    const c1 = columnNumber(m[1]!);
    return { r1, c1, r2: m[4] ? Number(m[4]) : r1, c2: m[3] ? columnNumber(m[3]) : c1 };
  }
  m = /^([A-Z]+):([A-Z]+)$/i.exec(s);
  if (m) return { r1: 1, c1: columnNumber(m[1]!), r2: 1048576, c2: columnNumber(m[2]!) };
  m = /^(\d+):(\d+)$/.exec(s);
  if (m) return { r1: Number(m[1]), c1: 1, r2: Number(m[2]), c2: 16384 };
  throw new FakeExcelError("InvalidArgument", `bad address ${a}`);
}

function rectAddress(sheet: string, r: Rect): string {
  const a = `${columnName(r.c1)}${r.r1}`;
  const b = `${columnName(r.c2)}${r.r2}`;
  return `${sheet}!${a === b ? a : `${a}:${b}`}`;
}

/** What typing `v` into a cell stores. */
function typed(v: unknown, format: string): Partial<FakeCell> {
  if (typeof v === "number" || typeof v === "boolean") return { value: v, formula: undefined };
  if (v === null || v === undefined || v === "") return { value: "", formula: undefined };
  const s = typeof v === "string" ? v : JSON.stringify(v);
  if (format === "@") return { value: s, formula: undefined };
  if (s.startsWith("'")) return { value: s.slice(1), formula: undefined };
  if (s.startsWith("=")) return { value: 0, formula: s };
  if (/^[+-]?\d+(\.\d+)?$/.test(s.trim())) return { value: Number(s), formula: undefined };
  if (s.startsWith("@") || s.startsWith("+") || s.startsWith("-")) return { value: 0, formula: `=${s.slice(1)}` };
  return { value: s, formula: undefined };
}

/** One sync: what it sent and got back; `refused` when Excel answered ResponsePayloadSizeLimitExceeded. */
export type Batch = { requestBytes: number; responseBytes: number; ops: number; refused?: true };

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  /** Every sync of every run. */
  batches: Batch[] = [];
  runs = 0;
  selected: { sheet: string; address: string } | null = null;
  active: string | null = null;
  /** Requirement sets this fake Excel claims, e.g. { ExcelApi: "1.9" } (see useHost). */
  supported: Record<string, string> = { ExcelApi: "1.13" };
  /** Excel on the web's limit per request and per response (lowered in tests of the halve-and-retry paths). */
  payloadLimit = PAYLOAD_LIMIT;
  /** Review → Protect Workbook (structure): sheets cannot be added, deleted or hidden. */
  structureProtected = false;
  /** What Office.context.diagnostics would say. */
  diagnostics = { host: "Excel", platform: "OfficeOnline", version: "16.0.0.0" };

  /** Makes this fake one of the Excel versions of EXCEL_HOSTS. */
  useHost(name: ExcelHostName): this {
    this.supported = { ...EXCEL_HOSTS[name] };
    this.diagnostics = { host: "Excel", platform: name === "web" ? "OfficeOnline" : "PC", version: name === "office-2016" ? "16.0.4266.1001" : name === "office-2019" ? "16.0.10396.20023" : "16.0.18730.20088" };
    return this;
  }
  /** Whether this host declares `name` at `version` or higher. */
  supports(name: string, version: string): boolean {
    const have = this.supported[name];
    return have !== undefined && versionAtLeast(have, version);
  }
  assertStructureEditable(what: string): void {
    if (this.structureProtected) throw new FakeExcelError("AccessDenied", `You cannot perform the requested operation. (${what}: workbook structure is protected)`);
  }
  /** Syncs sent with screen updating suspended (suspendScreenUpdatingUntilNextSync). */
  screenSuspendedSyncs = 0;
  /** Set to make the next run fail with this Excel error code (e.g. cell-edit mode). */
  failNextRun: string | null = null;

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw new FakeExcelError("ItemNotFound", `没有工作表 ${name}`);
    return s;
  }
  addSheet(name: string, rows: unknown[][] = []): FakeSheet {
    const s = new FakeSheet(name);
    rows.forEach((row, r) => row.forEach((v, c) => v !== null && v !== undefined && v !== "" && s.set(r + 1, c + 1, typed(v, "General"))));
    this.sheets.push(s);
    return s;
  }
  get syncs(): number {
    return this.batches.length;
  }
  resetCounts(): void {
    this.batches = [];
    this.runs = 0;
  }

  host() {
    return {
      run: async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
        this.runs++;
        if (this.failNextRun) {
          const code = this.failNextRun;
          this.failNextRun = null;
          throw new FakeExcelError(code, `Excel 错误 ${code}`);
        }
        const ctx = new FakeContext(this);
        const result = await batch(ctx as unknown as Excel.RequestContext);
        if (ctx.pending.length) await ctx.sync();
        return result;
      },
      isSetSupported: (name: string, version: string) => this.supports(name, version),
      diagnostics: () => ({ ...this.diagnostics }),
    };
  }
}

type Op = { describe: unknown; apply: () => unknown; requires?: string };

/** Base of every proxy: loads and property reads are checked. */
class Proxy {
  /** Properties loaded and delivered by a sync. */
  protected delivered = new Map<string, unknown>();
  protected resolved = false;
  protected nullObject = false;
  constructor(protected ctx: FakeContext) {}

  protected read<T>(prop: string): T {
    if (!this.delivered.has(prop)) {
      throw new FakeExcelError(
        "PropertyNotLoaded",
        `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.delivered.get(prop) as T;
  }
  get isNullObject(): boolean {
    if (!this.resolved) throw new FakeExcelError("PropertyNotLoaded", "isNullObject is not available before context.sync()");
    return this.nullObject;
  }
  load(spec: string | string[] | Record<string, unknown>): this {
    const props = typeof spec === "string" ? spec.split(",").map((p) => p.trim()) : Array.isArray(spec) ? spec : Object.keys(spec);
    this.ctx.queue({ load: props }, () => {
      const data: Record<string, unknown> = {};
      this.resolved = true;
      if (this.isMissing()) {
        this.nullObject = true;
        return null;
      }
      for (const p of props) {
        const v = this.fetch(p);
        this.delivered.set(p, v);
        data[p] = v;
      }
      return data;
    });
    return this;
  }
  /** Called at sync: is the thing this proxy stands for absent? */
  protected isMissing(): boolean {
    return false;
  }
  protected fetch(prop: string): unknown {
    throw new FakeExcelError("InvalidArgument", `the double does not know property ${prop} on ${this.constructor.name}`);
  }
  /** Queue a write/method; at sync, a missing item throws as in Excel. */
  protected act(describe: unknown, fn: () => void): void {
    this.ctx.queue(describe, () => {
      this.resolved = true;
      if (this.isMissing()) throw new FakeExcelError("ItemNotFound", `item not found: ${JSON.stringify(describe)}`);
      fn();
      return null;
    });
  }
}

export class FakeContext {
  pending: Op[] = [];
  workbook: FakeWorkbookProxy;
  application: { suspendApiCalculationUntilNextSync: () => void; suspendScreenUpdatingUntilNextSync: () => void };
  /** Syncs of this run that had screen updating suspended. */
  screenSuspended = 0;
  constructor(readonly book: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () => this.queue({ suspendCalc: true }, () => null, "1.6"),
      suspendScreenUpdatingUntilNextSync: () => this.queue({ suspendScreen: true }, () => (this.book.screenSuspendedSyncs += 1), "1.9"),
    };
  }
  queue(describe: unknown, apply: () => unknown, requires?: string): void {
    this.pending.push({ describe, apply, ...(requires ? { requires } : {}) });
  }
  /** An API of ExcelApi `version`: queued like any call, and at sync refused by a host below that set. */
  api(name: string, version: string): void {
    this.queue({ api: name }, () => null, version);
  }
  async sync(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    const requestBytes = payloadBytes(ops.map((o) => o.describe));
    if (requestBytes > this.book.payloadLimit) throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `request of ${requestBytes} bytes`);
    const results: unknown[] = [];
    for (const op of ops) {
      if (op.requires && !this.book.supports("ExcelApi", op.requires)) {
        throw new FakeExcelError("ApiNotFound", `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${JSON.stringify(op.describe)} needs ExcelApi ${op.requires})`);
      }
      results.push(op.apply());
    }
    const responseBytes = payloadBytes(results);
    const refused = responseBytes > this.book.payloadLimit;
    this.book.batches.push({ requestBytes, responseBytes, ops: ops.length, ...(refused ? { refused: true } : {}) });
    if (refused) throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `response of ${responseBytes} bytes`);
    await Promise.resolve();
  }
}

class FakeWorkbookProxy {
  worksheets: FakeWorksheetCollection;
  protection: FakeWorkbookProtection;
  constructor(ctx: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(ctx);
    this.protection = new FakeWorkbookProtection(ctx);
  }
}

/** workbook.protection (ExcelApi 1.7): whether the structure is protected. */
class FakeWorkbookProtection extends Proxy {
  override load(spec: string | string[] | Record<string, unknown>): this {
    this.ctx.api("WorkbookProtection", "1.7");
    return super.load(spec);
  }
  protected override fetch(prop: string): unknown {
    if (prop === "protected") return this.ctx.book.structureProtected;
    return super.fetch(prop);
  }
  get protected(): boolean {
    return this.read("protected");
  }
}

class FakeWorksheetCollection extends Proxy {
  protected override fetch(prop: string): unknown {
    if (prop.startsWith("items")) {
      const sub = prop.split("/").slice(1);
      const items = this.ctx.book.sheets.map((s) => {
        const w = new FakeWorksheet(this.ctx, s.name);
        w.deliver(sub);
        return w;
      });
      this.delivered.set("items", items);
      return items.map((w) => w.snapshot(sub));
    }
    return super.fetch(prop);
  }
  get items(): FakeWorksheet[] {
    return this.read("items");
  }
  getItem(name: string): FakeWorksheet {
    return new FakeWorksheet(this.ctx, name);
  }
  getItemOrNullObject(name: string): FakeWorksheet {
    this.ctx.api("WorksheetCollection.getItemOrNullObject", "1.4");
    return new FakeWorksheet(this.ctx, name, true);
  }
  add(name: string): FakeWorksheet {
    this.ctx.queue({ addSheet: name }, () => {
      this.ctx.book.assertStructureEditable(`add sheet ${name}`);
      if (this.ctx.book.sheets.some((s) => s.name === name)) throw new FakeExcelError("ItemAlreadyExists", name);
      this.ctx.book.addSheet(name);
      return null;
    });
    return new FakeWorksheet(this.ctx, name);
  }
}

class FakeWorksheet extends Proxy {
  protection: FakeProtection;
  tables: FakeTableCollection;
  autoFilter: FakeAutoFilter;
  freezePanes: { freezeRows: (n: number) => void };
  constructor(ctx: FakeContext, readonly sheetName: string, readonly orNull = false) {
    super(ctx);
    this.protection = new FakeProtection(ctx, this);
    this.tables = new FakeTableCollection(ctx, this);
    this.autoFilter = new FakeAutoFilter(ctx, this);
    this.freezePanes = {
      freezeRows: (n) => {
        this.ctx.api("Worksheet.freezePanes", "1.7");
        this.act({ freeze: n }, () => (this.model().frozenRows = n));
      },
    };
  }
  model(): FakeSheet {
    return this.ctx.book.sheet(this.sheetName);
  }
  protected override isMissing(): boolean {
    return this.absent();
  }
  absent(): boolean {
    return !this.ctx.book.sheets.some((s) => s.name === this.sheetName);
  }
  /** Items of a collection load arrive already loaded with the listed sub-properties. */
  deliver(props: string[]): void {
    this.resolved = true;
    for (const p of props) this.delivered.set(p, this.fetch(p));
  }
  snapshot(props: string[]): Record<string, unknown> {
    return Object.fromEntries(props.map((p) => [p, this.fetch(p)]));
  }
  protected override fetch(prop: string): unknown {
    if (prop === "name") return this.sheetName;
    if (prop === "visibility") return this.model().visibility;
    return super.fetch(prop);
  }
  get name(): string {
    return this.read("name");
  }
  set visibility(v: string) {
    this.act({ visibility: v }, () => {
      this.ctx.book.assertStructureEditable(`hide sheet ${this.sheetName}`);
      this.model().visibility = v;
    });
  }
  get visibility(): string {
    return this.read("visibility");
  }
  getRange(address: string): FakeRange {
    if (this.orNull) {
      // Real Excel: a range of a null worksheet is a null object too; reading it after sync says so.
      return new FakeRange(this.ctx, this, () => (this.isMissing() ? null : parseAddress(address)));
    }
    const rect = parseAddress(address);
    return new FakeRange(this.ctx, this, () => rect);
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.ctx.api("Worksheet.getUsedRangeOrNullObject", "1.4");
    return new FakeRange(this.ctx, this, () => this.model().used(valuesOnly), true);
  }
  delete(): void {
    this.act({ deleteSheet: this.sheetName }, () => {
      const book = this.ctx.book;
      book.assertStructureEditable(`delete sheet ${this.sheetName}`);
      if (book.sheets.filter((s) => s.visibility === "Visible").length <= 1) throw new FakeExcelError("InvalidOperation", "cannot delete the last visible sheet");
      book.sheets = book.sheets.filter((s) => s.name !== this.sheetName);
    });
  }
  get pageLayout() {
    const set = (key: string, v: unknown, check: (v: unknown) => boolean) => {
      if (!check(v)) throw new FakeExcelError("InvalidArgument", `pageLayout.${key}: ${JSON.stringify(v)}`);
      this.ctx.api("Worksheet.pageLayout", "1.9");
      this.act({ pageLayout: { [key]: v } }, () => (this.model().pageLayout[key] = v));
    };
    return {
      set orientation(v: string) {
        set("orientation", v, (x) => x === "Landscape" || x === "Portrait");
      },
      set paperSize(v: string) {
        set("paperSize", v, (x) => x === "A4" || x === "Letter");
      },
      set centerHorizontally(v: boolean) {
        set("centerHorizontally", v, (x) => typeof x === "boolean");
      },
      set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
        set("zoom", v, (x) => typeof x === "object" && x !== null);
      },
      setPrintTitleRows: (rows: string) => set("printTitleRows", rows, (x) => typeof x === "string" && /^\$\d+:\$\d+$/.test(x)),
    };
  }
  get charts() {
    return {
      add: (type: string, source: FakeRange, seriesBy: string) => {
        const entry: FakeSheet["charts"][number] = { type, source: "", seriesBy };
        this.act({ addChart: type, seriesBy }, () => {
          const a = source.area();
          if (a.c2 - a.c1 < 1) throw new FakeExcelError("InvalidArgument", "a chart needs categories and values");
          entry.source = rectAddress("", a).slice(1);
          this.model().charts.push(entry);
        });
        const act = (describe: unknown, fn: () => void) => this.act(describe, fn);
        return {
          title: {
            set text(t: string) {
              act({ chartTitle: t }, () => (entry.title = t));
            },
          },
          legend: {
            set visible(v: boolean) {
              act({ legend: v }, () => (entry.legend = v));
            },
          },
          setPosition: (start: string, end: string) => act({ chartPosition: [start, end] }, () => (entry.position = [start, end])),
        };
      },
    };
  }
  activate(): void {
    this.act({ activate: this.sheetName }, () => (this.ctx.book.active = this.sheetName));
  }
}

class FakeProtection extends Proxy {
  constructor(ctx: FakeContext, private ws: FakeWorksheet) {
    super(ctx);
  }
  override load(spec: string | string[] | Record<string, unknown>): this {
    this.ctx.api("WorksheetProtection", "1.2");
    return super.load(spec);
  }
  protected override fetch(prop: string): unknown {
    if (prop === "protected") return this.ws.model().protected;
    return super.fetch(prop);
  }
  get protected(): boolean {
    return this.read("protected");
  }
}

/** worksheet.autoFilter (ExcelApi 1.9). */
class FakeAutoFilter extends Proxy {
  constructor(ctx: FakeContext, private ws: FakeWorksheet) {
    super(ctx);
  }
  override load(spec: string | string[] | Record<string, unknown>): this {
    this.ctx.api("AutoFilter", "1.9");
    return super.load(spec);
  }
  protected override fetch(prop: string): unknown {
    const f = this.ws.model().autoFilter;
    if (prop === "enabled") return f !== null;
    if (prop === "isDataFiltered") return f !== null && this.ws.model().filteredRows(f.r1, f.r2).length > 0;
    return super.fetch(prop);
  }
  get enabled(): boolean {
    return this.read("enabled");
  }
  get isDataFiltered(): boolean {
    return this.read("isDataFiltered");
  }
}

class FakeTableCollection extends Proxy {
  constructor(ctx: FakeContext, private ws: FakeWorksheet) {
    super(ctx);
  }
  protected override fetch(prop: string): unknown {
    if (prop === "items/name") {
      const items = this.ws.model().tables.map((t) => ({ name: t.name }));
      this.delivered.set("items", items);
      return items;
    }
    return super.fetch(prop);
  }
  get items(): { name: string }[] {
    return this.read("items");
  }
  getItem(name: string): FakeTable {
    return new FakeTable(this.ctx, this.ws, name);
  }
}

class FakeTable extends Proxy {
  columns: FakeTableColumns;
  constructor(ctx: FakeContext, readonly ws: FakeWorksheet, readonly tableName: string) {
    super(ctx);
    this.columns = new FakeTableColumns(ctx, this);
  }
  model() {
    const t = this.ws.model().tables.find((x) => x.name === this.tableName);
    if (!t) throw new FakeExcelError("ItemNotFound", `table ${this.tableName}`);
    return t;
  }
  getRange(): FakeRange {
    return new FakeRange(this.ctx, this.ws, () => {
      const t = this.model();
      return { r1: t.r1, c1: t.c1, r2: t.r2, c2: t.c2 };
    });
  }
}

class FakeTableColumns extends Proxy {
  constructor(ctx: FakeContext, private table: FakeTable) {
    super(ctx);
  }
  add(index?: number, values?: unknown, name?: string): void {
    if (name !== undefined) this.ctx.api("TableColumnCollection.add(name)", "1.4");
    this.act({ addColumn: name, index, values }, () => {
      const t = this.table.model();
      const sheet = this.table.ws.model();
      sheet.assertEditable("add table column");
      if (index !== undefined) throw new FakeExcelError("InvalidArgument", "the double adds columns at the end only");
      t.c2 += 1;
      const header = name ?? `列${t.c2 - t.c1 + 1}`;
      t.headers.push(header);
      sheet.set(t.r1, t.c2, { value: header });
    });
  }
  getItemOrNullObject(name: string): FakeTableColumn {
    this.ctx.api("TableColumnCollection.getItemOrNullObject", "1.4");
    return new FakeTableColumn(this.ctx, this.table, name);
  }
}

class FakeTableColumn extends Proxy {
  constructor(ctx: FakeContext, private table: FakeTable, private columnName: string) {
    super(ctx);
  }
  protected override isMissing(): boolean {
    return !this.table.model().headers.includes(this.columnName);
  }
  protected override fetch(prop: string): unknown {
    if (prop === "name") return this.columnName;
    return super.fetch(prop);
  }
  get name(): string {
    return this.read("name");
  }
  delete(): void {
    this.act({ deleteColumn: this.columnName }, () => {
      const t = this.table.model();
      const i = t.headers.indexOf(this.columnName);
      if (i !== t.headers.length - 1) throw new FakeExcelError("InvalidArgument", "the double deletes the last table column only");
      const sheet = this.table.ws.model();
      sheet.assertEditable("delete table column");
      for (let r = t.r1; r <= t.r2; r++) sheet.set(r, t.c2, { value: "", formula: undefined, style: {} });
      t.headers.pop();
      t.c2 -= 1;
    });
  }
}

class FakeFormat {
  fill: { color: string };
  font: { bold: boolean; size: number };
  constructor(private range: FakeRange) {
    const set = (describe: Record<string, unknown>, style: Style) => range.styleAll(describe, style);
    this.fill = {
      set color(c: string) {
        set({ fill: c }, { fill: c });
      },
      get color(): string {
        throw new FakeExcelError("PropertyNotLoaded", "format.fill.color not loaded");
      },
    };
    this.font = {
      set bold(b: boolean) {
        set({ bold: b }, { bold: b });
      },
      get bold(): boolean {
        throw new FakeExcelError("PropertyNotLoaded", "format.font.bold not loaded");
      },
      set size(n: number) {
        set({ size: n }, {});
      },
      get size(): number {
        throw new FakeExcelError("PropertyNotLoaded", "format.font.size not loaded");
      },
    };
  }
  set wrapText(w: boolean) {
    this.range.styleAll({ wrap: w }, { wrap: w });
  }
  set verticalAlignment(v: string) {
    this.range.styleAll({ valign: v }, { valign: v });
  }
  set horizontalAlignment(v: string) {
    this.range.styleAll({ halign: v }, {});
  }
  set rowHeight(h: number) {
    this.range.requireApi("RangeFormat.rowHeight", "1.2");
    this.range.styleAll({ rowHeight: h }, {});
  }
  set columnWidth(w: number) {
    this.range.requireApi("RangeFormat.columnWidth", "1.2");
    this.range.columnWidth(w);
  }
  get borders() {
    const range = this.range;
    return {
      getItem(edge: string) {
        if (!/^(Edge(Top|Bottom|Left|Right)|Inside(Horizontal|Vertical))$/.test(edge)) throw new FakeExcelError("InvalidArgument", `border ${edge}`);
        return {
          set style(v: string) {
            range.styleAll({ border: edge, style: v }, {});
            range.countBorder();
          },
          set color(v: string) {
            range.styleAll({ border: edge, color: v }, {});
          },
        };
      },
    };
  }
}

class FakeConditionalFormats {
  constructor(private range: FakeRange) {}
  clearAll(): void {
    this.range.requireApi("ConditionalFormatCollection.clearAll", "1.6");
    this.range.cfs("clear");
  }
  add(type: string) {
    this.range.requireApi("ConditionalFormatCollection.add", "1.6");
    if (type !== "CellValue") throw new FakeExcelError("InvalidArgument", `the double supports CellValue formats only, not ${type}`);
    const entry: { fill?: string; label?: string } = {};
    const range = this.range;
    const cf = {
      cellValue: {
        format: {
          fill: {
            set color(c: string) {
              entry.fill = c;
            },
          },
        },
        set rule(r: { formula1: string; operator: string }) {
          const m = /^="(.*)"$/.exec(r.formula1);
          if (!m || r.operator !== "EqualTo") throw new FakeExcelError("InvalidArgument", "unexpected rule");
          entry.label = m[1]!;
          range.cfs("add", entry);
        },
      },
    };
    return cf;
  }
}

export class FakeRange extends Proxy {
  format: FakeFormat;
  conditionalFormats: FakeConditionalFormats;
  dataValidation: { rule: unknown };
  constructor(ctx: FakeContext, readonly ws: FakeWorksheet, private locate: () => Rect | null, private orNull = false) {
    super(ctx);
    this.format = new FakeFormat(this);
    this.conditionalFormats = new FakeConditionalFormats(this);
    this.dataValidation = Object.defineProperty({} as { rule: unknown }, "rule", {
      set: (rule: unknown) => {
        this.requireApi("DataValidation", "1.8");
        this.eachCell({ validation: true }, (r, c, sheet) => sheet.set(r, c, { validation: rule }));
      },
      get: () => {
        throw new FakeExcelError("PropertyNotLoaded", "dataValidation.rule not loaded");
      },
    });
  }
  requireApi(name: string, version: string): void {
    this.ctx.api(name, version);
  }
  /** A change to the sheet: refused when it is protected. */
  private edit(describe: unknown, fn: () => void): void {
    this.act(describe, () => {
      this.ws.model().assertEditable(JSON.stringify(describe).slice(0, 40));
      fn();
    });
  }
  /** The area at sync time (ranges resolve in queue order, as Excel does). */
  area(): Rect {
    const r = this.locate();
    if (!r) throw new FakeExcelError("ItemNotFound", "range of a null object");
    return r;
  }
  protected override isMissing(): boolean {
    if (this.ws.orNull && this.ws.absent()) return true;
    return this.orNull ? this.locate() === null : false;
  }
  protected override fetch(prop: string): unknown {
    const a = this.area();
    const sheet = this.ws.model();
    switch (prop) {
      case "values":
        return this.grid(a, (r, c) => sheet.value(r, c));
      case "numberFormat":
        return this.grid(a, (r, c) => sheet.get(r, c)?.format ?? "General");
      case "address":
        return rectAddress(this.ws.sheetName, a);
      case "rowIndex":
        return a.r1 - 1;
      case "columnIndex":
        return a.c1 - 1;
      case "rowCount":
        return a.r2 - a.r1 + 1;
      case "columnCount":
        return a.c2 - a.c1 + 1;
      case "rowHidden": {
        if (!this.ctx.book.supports("ExcelApi", "1.2")) throw new FakeExcelError("ApiNotFound", "Range.rowHidden needs ExcelApi 1.2");
        let hidden = 0;
        for (let r = a.r1; r <= a.r2; r++) if (sheet.hiddenRows.has(r)) hidden++;
        return hidden === 0 ? false : hidden === a.r2 - a.r1 + 1 ? true : null;
      }
      default:
        return super.fetch(prop);
    }
  }
  private grid<T>(a: Rect, f: (r: number, c: number) => T): T[][] {
    const rows = a.r2 - a.r1 + 1;
    const cols = a.c2 - a.c1 + 1;
    if (rows * cols > 5_000_000) throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `reading ${rows}×${cols} cells`);
    const out: T[][] = [];
    for (let r = a.r1; r <= a.r2; r++) {
      const row: T[] = [];
      for (let c = a.c1; c <= a.c2; c++) row.push(f(r, c));
      out.push(row);
    }
    return out;
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(v: unknown[][]) {
    this.edit({ values: v }, () => {
      const a = this.area();
      const sheet = this.ws.model();
      const rows = a.r2 - a.r1 + 1;
      const cols = a.c2 - a.c1 + 1;
      if (v.length !== rows || v.some((r) => r.length !== cols)) {
        throw new FakeExcelError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols})`);
      }
      for (const m of sheet.merges) {
        const r = parseAddress(m);
        const overlaps = r.r1 <= a.r2 && r.r2 >= a.r1 && r.c1 <= a.c2 && r.c2 >= a.c1;
        const inside = r.r1 >= a.r1 && r.r2 <= a.r2 && r.c1 >= a.c1 && r.c2 <= a.c2;
        if (overlaps && !inside) throw new FakeExcelError("InvalidOperation", `We can't do that to a merged cell. (${m})`);
      }
      // Filtered-out rows are skipped and the values shift into the visible ones (office-js#224).
      const filtered = new Set(sheet.filteredRows(a.r1, a.r2));
      const targets = Array.from({ length: rows }, (_, i) => a.r1 + i).filter((r) => !filtered.has(r));
      targets.forEach((r, i) => {
        for (let c = a.c1; c <= a.c2; c++) sheet.set(r, c, typed(v[i]![c - a.c1], sheet.get(r, c)?.format ?? "General"));
      });
    });
  }
  get numberFormat(): unknown[][] {
    return this.read("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.edit({ numberFormat: v }, () => {
      const a = this.area();
      if (v.length !== a.r2 - a.r1 + 1 || v.some((r) => r.length !== a.c2 - a.c1 + 1)) throw new FakeExcelError("InvalidArgument", "numberFormat: array size differs from the range");
      for (let r = a.r1; r <= a.r2; r++) for (let c = a.c1; c <= a.c2; c++) this.ws.model().set(r, c, { format: String(v[r - a.r1]![c - a.c1]) });
    });
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowHidden(): boolean | null {
    return this.read("rowHidden");
  }
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    this.ctx.api("Range.getUsedRangeOrNullObject", "1.4");
    return new FakeRange(this.ctx, this.ws, () => this.ws.model().used(valuesOnly, this.area()), true);
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.ctx.api("Range.getMergedAreasOrNullObject", "1.13");
    return new FakeRangeAreas(this.ctx, this);
  }
  merge(_across: boolean): void {
    this.ctx.api("Range.merge", "1.2");
    this.edit({ merge: true }, () => this.ws.model().merges.push(rectAddress("", this.area()).slice(1)));
  }
  select(): void {
    this.act({ select: true }, () => (this.ctx.book.selected = { sheet: this.ws.sheetName, address: rectAddress(this.ws.sheetName, this.area()) }));
  }
  clear(): void {
    this.edit({ clear: true }, () => {
      const a = this.area();
      const sheet = this.ws.model();
      for (const k of [...sheet.cells.keys()]) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        if (r >= a.r1 && r <= a.r2 && c >= a.c1 && c <= a.c2) sheet.cells.delete(k);
      }
    });
  }
  copyFrom(source: string, copyType: string): void {
    if (copyType !== "All") throw new FakeExcelError("InvalidArgument", "the double copies All only");
    this.ctx.api("Range.copyFrom", "1.9");
    this.edit({ copyFrom: source, copyType }, () => {
      const m = /^'((?:[^']|'')+)'!(.+)$/.exec(source);
      if (!m) throw new FakeExcelError("InvalidArgument", `source ${source}`);
      const from = this.ctx.book.sheet(m[1]!.replace(/''/g, "'"));
      const src = parseAddress(m[2]!);
      const a = this.area();
      if (src.r2 - src.r1 !== a.r2 - a.r1 || src.c2 - src.c1 !== a.c2 - a.c1) throw new FakeExcelError("InvalidArgument", "copyFrom: sizes differ");
      const to = this.ws.model();
      const copies: [number, number, FakeCell | undefined][] = [];
      for (let r = 0; r <= a.r2 - a.r1; r++) for (let c = 0; c <= a.c2 - a.c1; c++) copies.push([r, c, from.get(src.r1 + r, src.c1 + c)]);
      for (const [r, c, cell] of copies) {
        to.cells.delete(to.key(a.r1 + r, a.c1 + c));
        if (cell) to.cells.set(to.key(a.r1 + r, a.c1 + c), JSON.parse(JSON.stringify(cell)) as FakeCell);
      }
      // Conditional formats over the source area travel with the copy.
      const srcAddr = rectAddress(from.name, src).split("!")[1]!;
      for (const cf of from.cfs.filter((x) => x.range === srcAddr)) to.cfs.push({ ...cf, range: rectAddress(to.name, a).split("!")[1]! });
    });
  }
  styleAll(describe: Record<string, unknown>, style: Style): void {
    this.edit({ format: describe }, () => {
      const a = this.area();
      if (!Object.keys(style).length) return;
      if (a.r2 - a.r1 > 100_000) return; // whole-column formats: recorded, not expanded
      const sheet = this.ws.model();
      for (let r = a.r1; r <= a.r2; r++) for (let c = a.c1; c <= a.c2; c++) sheet.set(r, c, { style: { ...(sheet.get(r, c)?.style ?? {}), ...style } });
    });
  }
  eachCell(describe: Record<string, unknown>, f: (r: number, c: number, sheet: FakeSheet) => void): void {
    this.edit(describe, () => {
      const a = this.area();
      for (let r = a.r1; r <= a.r2; r++) for (let c = a.c1; c <= a.c2; c++) f(r, c, this.ws.model());
    });
  }
  countBorder(): void {
    this.act({ borderCount: true }, () => (this.ws.model().borders += 1));
  }
  columnWidth(w: number): void {
    this.edit({ columnWidth: w }, () => {
      const a = this.area();
      for (let c = a.c1; c <= a.c2; c++) this.ws.model().widths.set(c, w);
    });
  }
  cfs(kind: "clear" | "add", entry?: { fill?: string; label?: string }): void {
    this.edit({ conditionalFormat: kind, entry }, () => {
      const sheet = this.ws.model();
      const addr = rectAddress("", this.area()).slice(1);
      if (kind === "clear") sheet.cfs = sheet.cfs.filter((x) => x.range !== addr);
      else sheet.cfs.push({ range: addr, label: entry!.label!, fill: entry!.fill! });
    });
  }
}

class FakeRangeAreas extends Proxy {
  constructor(ctx: FakeContext, private range: FakeRange) {
    super(ctx);
  }
  protected override isMissing(): boolean {
    return this.areas().length === 0;
  }
  private areas(): string[] {
    const a = this.range.area();
    return this.range.ws.model().merges.filter((m) => {
      const r = parseAddress(m);
      return r.r1 <= a.r2 && r.r2 >= a.r1 && r.c1 <= a.c2 && r.c2 >= a.c1;
    });
  }
  protected override fetch(prop: string): unknown {
    if (prop === "address") return this.areas().map((m) => `${this.range.ws.sheetName}!${m}`).join(", ");
    return super.fetch(prop);
  }
  get address(): string {
    return this.read("address");
  }
}

/** The status colour Excel would show for a cell, from the sheet's conditional formats. */
export function shownFill(sheet: FakeSheet, row: number, col: number): string | null {
  const v = sheet.value(row, col);
  for (const cf of sheet.cfs) {
    const r = parseAddress(cf.range);
    if (row >= r.r1 && row <= r.r2 && col >= r.c1 && col <= r.c2 && v === cf.label) return cf.fill;
  }
  return sheet.get(row, col)?.style.fill ?? null;
}
