/**
 * Text normalisation shared by header matching and value parsing:
 * full-width → half-width (NFKC), no whitespace or line breaks, lower case.
 */
export function normalizeText(s: string): string {
  // Printable ASCII without spaces or capitals is its own normal form (NFKC leaves ASCII alone), and so are
  // the CJK unified ideographs (no decomposition, no case): most ledger text is already normal.
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    if (c < 0x21 || c > 0x7e || (c >= 0x41 && c <= 0x5a)) {
      plain = false;
      break;
    }
  }
  if (plain) return s;
  // Ledgers repeat the same few values down a column: normalise each distinct text once.
  const seen = memo.get(s);
  if (seen !== undefined) return seen;
  const t = s.normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, "").toLowerCase();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(s, t);
  return t;
}

const MEMO_LIMIT = 16384;
const memo = new Map<string, string>();

const BRACKETS = /\([^()]*\)|\[[^[\]]*\]|【[^【】]*】|〔[^〔〕]*〕|<[^<>]*>|《[^《》]*》/g;

/**
 * A header as matched against the scheme's dictionary: normalised, bracketed hints removed
 * ("满意度(%)", "未亮明身份（是/否）"), a trailing unit or colon dropped, and a leading "序号." style
 * number removed.
 */
export function normalizeHeader(s: string): string {
  let h = normalizeText(s);
  // NFKC turns （） into (); strip hints repeatedly in case of nesting.
  for (let i = 0; i < 3; i++) h = h.replace(BRACKETS, "");
  h = h.replace(/^[0-9]+[.、)]/, "");
  h = h.replace(/[:：*※]+$/g, "").replace(/^[*※]+/, "");
  h = h.replace(/(%|％|\/次|\/人次|\/个|\/分)$/, "");
  return h;
}
