/**
 * What a strict reader makes of the parts we write: each is parsed by saxes with namespaces on, which throws
 * on what LibreOffice and openpyxl refuse (an unbound prefix such as `r:id` where no `xmlns:r` is in scope,
 * a malformed tag, a duplicate attribute). Every element must also be in a namespace: an unprefixed element
 * inserted into a part whose root is prefixed (`<x:worksheet xmlns:x=…>`) parses, but no Office reader
 * sees it.
 */
import JSZip from "jszip";
import { SaxesParser } from "saxes";

/** Why a part is not namespace-well-formed, or null when it is. */
export function xmlProblem(xml: string): string | null {
  const parser = new SaxesParser({ xmlns: true });
  let problem: string | null = null;
  parser.on("error", (e) => {
    problem ??= e.message;
  });
  parser.on("opentag", (tag) => {
    if (!tag.uri) problem ??= `元素 <${tag.name}> 不在任何命名空间中`;
  });
  parser.write(xml).close();
  return problem;
}

/** What the workbook schema allows once and we could add twice (openpyxl writes an empty `<definedNames/>`). */
function schemaProblem(name: string, xml: string): string | null {
  if (!name.endsWith("workbook.xml")) return null;
  for (const once of ["sheets", "definedNames", "calcPr"]) {
    const n = (xml.match(new RegExp(`<${once}[\\s/>]`, "g")) ?? []).length;
    if (n > 1) return `<${once}> 出现 ${n} 次`;
  }
  return null;
}

const XML_PART = /\.(?:xml|rels|vml)$/i;

/**
 * The XML parts of `after` that are new or differ from `before` (every XML part when there is no
 * `before`), with their text.
 */
export async function changedXmlParts(before: Uint8Array | null, after: Uint8Array): Promise<Map<string, string>> {
  const a = before ? await JSZip.loadAsync(before) : null;
  const b = await JSZip.loadAsync(after);
  const out = new Map<string, string>();
  for (const [name, entry] of Object.entries(b.files)) {
    if (entry.dir || !XML_PART.test(name)) continue;
    const now = await entry.async("uint8array");
    const was = a?.file(name) ? await a.file(name)!.async("uint8array") : null;
    if (was && Buffer.from(was).equals(Buffer.from(now))) continue;
    out.set(name, new TextDecoder().decode(now));
  }
  return out;
}

/** Part name → problem, for each changed part that a namespace-aware parser refuses (empty: all parse). */
export async function badParts(before: Uint8Array | null, after: Uint8Array): Promise<{ checked: string[]; bad: Record<string, string> }> {
  const parts = await changedXmlParts(before, after);
  const bad: Record<string, string> = {};
  for (const [name, xml] of parts) {
    const p = xmlProblem(xml) ?? schemaProblem(name, xml);
    if (p) bad[name] = p;
  }
  return { checked: [...parts.keys()], bad };
}
