/**
 * Text normalisation shared by header matching and value parsing:
 * full-width → half-width (NFKC), no whitespace or line breaks, lower case.
 */
export function normalizeText(s: string): string {
  return s.normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, "").toLowerCase();
}

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
