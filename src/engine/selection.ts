/**
 * The selection rules (第二、五、九条) as checks on a roster: per 市州 per selection year at most one 服务岗
 * and one or two 监督岗 (a warning: 第五条 says "原则上"), and no post selected again the year after it was
 * revoked. Shared by the year summary and the provincial consolidation.
 */
import { normalizeText } from "../sheets/normalize";

export type RosterPost = {
  city: string;
  name: string;
  unit: string;
  postType: "service" | "supervision" | null;
  /** The year assessed. */
  year: number | null;
  /** 当选年度 when known; otherwise the assessment year stands for the selection year. */
  electedYear: number | null;
  status: string;
};

export type SelectionWarning = {
  code: "quota-service" | "quota-supervision" | "reselected-after-revoke";
  city: string;
  year: number;
  posts: string[];
  message: string;
};

/** 市州 as compared: "长沙市" = "长沙", "湘西土家族苗族自治州" = "湘西州" = "湘西". */
export function cityKey(s: string | null | undefined): string {
  return memoised(cityKeys, s ?? "", cityKeyOf);
}

function cityKeyOf(x: string): string {
  const t = normalizeText(x);
  if (t.startsWith("湘西")) return "湘西";
  return t.replace(/(土家族苗族自治州|自治州|地区|市)$/, "");
}

/** Keys are computed once per distinct text: a ledger names the same few 市州 and posts on many rows. */
const MEMO_LIMIT = 16384;
const cityKeys = new Map<string, string>();
const nameKeys = new Map<string, string>();
function memoised(memo: Map<string, string>, s: string, f: (s: string) => string): string {
  let k = memo.get(s);
  if (k === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(s, (k = f(s)));
  }
  return k;
}

/** The 党员…示范岗 suffix offices add or leave out: "报建窗口" = "报建窗口党员服务示范岗" = "报建窗口（党员示范岗）". */
const NAME_SUFFIX = /(党员)?(服务|监督)?示范岗$/;

/** A post's name as compared: spacing, full-width forms, brackets and the 党员…示范岗 suffix do not count. */
export function postNameKey(s: string | null | undefined): string {
  return memoised(nameKeys, s ?? "", nameKeyOf);
}

const BRACKET_CHARS = /[()（）【】[\]]/g;

/** {@link postNameKey} without the memo (for a caller that keeps its own). Most names have neither brackets nor the suffix. */
export function nameKeyOf(x: string): string {
  const n = normalizeText(x);
  const t = BRACKET_CHARS.test(n) ? n.replace(BRACKET_CHARS, "") : n;
  BRACKET_CHARS.lastIndex = 0;
  return t.endsWith("示范岗") ? t.replace(NAME_SUFFIX, "") || t : t;
}

/** One post across rows, sheets, years and files: 市州 + 工作单位 + 示范岗名称, each compared tolerantly. */
export function postKey(p: { city: string; unit: string; name: string }): string {
  return `${cityKey(p.city)}|${normalizeText(p.unit)}|${postNameKey(p.name)}`;
}

export function quotaWarnings(posts: readonly RosterPost[]): SelectionWarning[] {
  const groups = new Map<string, { city: string; year: number; service: string[]; supervision: string[] }>();
  const seen = new Set<string>();
  for (const p of posts) {
    const year = p.electedYear ?? p.year;
    if (year === null || !p.postType) continue;
    const id = `${postKey(p)}|${year}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const k = `${cityKey(p.city)}|${year}`;
    const g = groups.get(k) ?? { city: p.city || "（未填市州）", year, service: [], supervision: [] };
    g[p.postType].push(p.name);
    groups.set(k, g);
  }
  const out: SelectionWarning[] = [];
  for (const g of [...groups.values()].sort((a, b) => a.year - b.year || a.city.localeCompare(b.city, "zh"))) {
    if (g.service.length > 1) {
      out.push({ code: "quota-service", city: g.city, year: g.year, posts: g.service, message: `${g.city} ${g.year} 年评选服务岗 ${g.service.length} 个（原则上不超过 1 个）：${g.service.join("、")}` });
    }
    if (g.supervision.length > 2 || (g.supervision.length === 0 && g.service.length > 0)) {
      out.push({ code: "quota-supervision", city: g.city, year: g.year, posts: g.supervision, message: `${g.city} ${g.year} 年评选监督岗 ${g.supervision.length} 个（原则上 1–2 个）${g.supervision.length ? `：${g.supervision.join("、")}` : ""}` });
    }
  }
  return out;
}

/** Posts revoked in a year that appear again as selected (or assessed as title holders) the next year. */
export function reselectedAfterRevoke(posts: readonly RosterPost[], revokeLabel = "revoke"): SelectionWarning[] {
  const revoked = new Map<string, number[]>();
  for (const p of posts) if (p.status === revokeLabel && p.year !== null) revoked.set(postKey(p), [...(revoked.get(postKey(p)) ?? []), p.year]);
  const out: SelectionWarning[] = [];
  const seen = new Set<string>();
  for (const p of posts) {
    if (p.year === null) continue;
    const years = revoked.get(postKey(p)) ?? [];
    const y = p.year;
    if (!years.includes(y - 1) || (p.electedYear !== null && p.electedYear !== y)) continue;
    const id = `${postKey(p)}|${y}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({
      code: "reselected-after-revoke",
      city: p.city,
      year: y,
      posts: [p.name],
      message: `“${p.name}”（${p.city}${p.unit ? ` ${p.unit}` : ""}）${y - 1} 年已被撤销，${y} 年不得参加评选，但又出现在 ${y} 年的名单中`,
    });
  }
  return out;
}
