/**
 * Plain language for readers who do not fix the ledger (the 年度汇总 and 全省汇总 sent to the province, the pane's
 * sheet-level notes): no internal rule codes, no cell addresses, no row positions. The ledger itself keeps them
 * (扣分明细, 撤销原因), where the secretary corrects the data. Pure.
 */
import type { Condition, RuleDef, Scheme } from "../schemes/types";
import type { RowResult, Warning } from "./types";

const CELL = String.raw`(?:[^\s（）!、]+!)?\$?[A-Z]{1,3}\$?\d+`;
/** "（AG24）", "（Z22：是）", "（I5：85%、J5：空白）", "（成员!C5：否）". */
const CELL_PARENS = new RegExp(String.raw`[（(]${CELL}(?:[：:][^（）()、]*)?(?:、${CELL}(?:[：:][^（）()、]*)?)*[）)]`, "g");
/** "（考核台账 第4行）", "（第12行）", "（第4、5、6…行）". */
const ROW_PARENS = /[（(][^（）()]*第[\d、…\s]*\d[\d、…\s]*行[）)]/g;
/** "A11b（第十一条）：" → "第十一条：", "R0（撤销情形）：" → "撤销情形：". */
const CODE_HEAD = /(^|\n)[A-Z]\d{1,2}[a-z]?（([^（）]*(?:（[^（）]*）[^（）]*)*)）：/g;
/** "H1a 整改……" → "整改……". */
const CODE_WORD = /(^|\n)[A-Z]\d{1,2}[a-z]? (?=\S)/g;

/** A reason or note with its rule codes, cell addresses and row positions taken out. */
export function plainText(text: string): string {
  return text.replace(ROW_PARENS, "").replace(CELL_PARENS, "").replace(CODE_HEAD, "$1$2：").replace(CODE_WORD, "$1").replace(/[ \t]+\n/g, "\n").trim();
}

/** Warning codes a reader outside the ledger acts on (the others are for whoever corrects the ledger). */
const FOR_READERS = new Set(["awaiting-review", "expired", "reselected-after-revoke", "carried-revocation", "duplicate-assessment", "no-year", "missing-quarter"]);

/** 备注 of a report row: input errors and the warnings a reader acts on, in plain language. */
export function readerNotes(r: Pick<RowResult, "errors" | "warnings">): string {
  const lines = r.errors.map((e) => `数据有误：${plainText(e.message)}`);
  for (const w of r.warnings) {
    if (!FOR_READERS.has(w.code)) continue;
    lines.push(w.code === "missing-quarter" ? `未开展季度测评（${w.cells.length || 1} 个季度满意度为空）` : plainText(w.message));
  }
  return lines.join("\n");
}

function fieldsOf(c: Condition | undefined, out: Set<string>): Set<string> {
  if (!c) return out;
  if (c.op === "anyOf") for (const x of c.of) fieldsOf(x, out);
  else out.add(c.field);
  return out;
}

function headersOf(scheme: Scheme, rules: readonly RuleDef[]): string[] {
  const ids = new Set<string>();
  for (const r of rules) fieldsOf(r.post, ids);
  return [...ids].map((id) => scheme.ledger.fields.find((f) => f.id === id)?.header ?? id);
}

const itemList = (items: readonly number[]) => [...new Set(items)].sort((a, b) => a - b).join("、");

/** What the rows of a sheet could not check, said once for the sheet. */
export type Unchecked = {
  /** Rule ids unchecked for want of a column (the same on every row of the sheet). */
  absent: ReadonlySet<string>;
  /** Lists of rule ids (joined by "、") left unchecked by the same blank cells on many rows. */
  common: ReadonlySet<string>;
  /** One sentence for the whole sheet, or null when nothing is missing on many rows. */
  note: string | null;
};

/** Rows sharing the same blank inputs from which on they are said once for the sheet. */
const COMMON_BLANKS = 3;

const headerList = (headers: readonly string[]) => `“${headers.slice(0, 4).join("”“")}”${headers.length > 4 ? `等 ${headers.length} ` : ""}`;

/**
 * Rules left unchecked on many rows — none of their columns is in the sheet, or the same cells are blank on
 * several rows — become one sheet-level note instead of a "缺少数据，未检查：H8、H9c…" on each row.
 * `present`: the field ids the sheet maps to a column.
 */
export function uncheckedOf(scheme: Scheme, rows: readonly Pick<RowResult, "warnings" | "row">[], present: ReadonlySet<string>): Unchecked {
  const byId = new Map(scheme.rules.map((r) => [r.id, r]));
  const absent = new Set<string>();
  const blank = new Map<string, number[]>();
  let count = 0;
  for (const r of rows) {
    const w = r.warnings.find((x) => x.code === "unchecked");
    if (!w) continue;
    const left: string[] = [];
    for (const id of w.rules ?? []) {
      const rule = byId.get(id);
      if (rule && ![...fieldsOf(rule.post, new Set())].some((f) => present.has(f))) absent.add(id);
      else left.push(id);
    }
    if (left.length < (w.rules ?? []).length) count++;
    if (left.length) {
      const key = left.join("、");
      const at = blank.get(key);
      if (at) at.push(r.row);
      else blank.set(key, [r.row]);
    }
  }
  const parts: string[] = [];
  if (absent.size) {
    const rules = scheme.rules.filter((r) => absent.has(r.id));
    parts.push(`本表没有${headerList(headersOf(scheme, rules))}列，评分表第${itemList(rules.map((r) => r.item))}项的这些内容未检查（${count} 条考核记录）`);
  }
  const common = new Set<string>();
  for (const [key, at] of blank) {
    if (at.length < COMMON_BLANKS) continue;
    common.add(key);
    const ids = key.split("、");
    const rules = scheme.rules.filter((r) => ids.includes(r.id));
    const shown = at.slice(0, 8).join("、");
    parts.push(`${at.length} 条考核记录（第${shown}${at.length > 8 ? "…" : ""}行）的${headerList(headersOf(scheme, rules))}空白，评分表第${itemList(rules.map((r) => r.item))}项的这些内容未检查`);
  }
  return { absent, common, note: parts.length ? `${parts.join("；")}。需要时请补上这些列或数据` : null };
}

/**
 * A row's warnings for its 提示: the "unchecked" one without what the sheet-level note says, and in plain words
 * (the columns left blank) instead of rule codes; dropped when nothing is left.
 */
export function rowWarnings(scheme: Scheme, warnings: readonly Warning[], u: Pick<Unchecked, "absent" | "common">): Warning[] {
  const i = warnings.findIndex((w) => w.code === "unchecked");
  if (i < 0) return warnings as Warning[];
  const w = warnings[i]!;
  const left = (w.rules ?? []).filter((id) => !u.absent.has(id));
  const out = warnings.filter((_, j) => j !== i);
  if (!left.length || u.common.has(left.join("、"))) return out;
  const rules = scheme.rules.filter((r) => left.includes(r.id));
  out.splice(i, 0, { ...w, rules: left, message: `${headersOf(scheme, rules).join("、")}空白，评分表第${itemList(rules.map((r) => r.item))}项的这些内容未检查` });
  return out;
}
