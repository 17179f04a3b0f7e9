/** Chinese sentences citing the 评分表 item: the explanations written into the sheet and the JSON. */
import type { HunanSettings, RuleDef, Scheme } from "../schemes/types";
import { readingNote, type RowRecord } from "../sheets/records";
import { formatValue, qualify } from "./operators";

export { qualify };
import type { Warning } from "./types";

export function fillPlaceholders(text: string, settings: HunanSettings): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => {
    const t = settings.thresholds[k];
    return t ? formatValue(t.value, t.unit) : `{${k}}`;
  });
}

export function itemName(scheme: Scheme, item: number): string {
  return scheme.items.find((i) => i.item === item)?.name ?? "";
}

export function citation(scheme: Scheme, rule: Pick<RuleDef, "id" | "item">): string {
  return `${rule.id}（评分表第${rule.item}项“${itemName(scheme, rule.item)}”）`;
}

/** "H1a（评分表第1项“…”）：…" — what every sentence about a rule starts with (thresholds filled in). */
export function ruleHead(scheme: Scheme, settings: HunanSettings, rule: RuleDef): string {
  return `${citation(scheme, rule)}：${fillPlaceholders(rule.text, settings)}`;
}

// The ones below run once per finding of a large ledger, and their sentences are held until written. What a
// finding's sentence says apart from its cells is the same on many rows (the rule, the count, the points): that
// part is built once per rule and count, as one flat string, and each row's sentence is that shared string joined
// with the row's own tail ("O4：1次）"). A row then holds a two-piece string of a few dozen bytes, not its own copy
// of the whole sentence; the text is the same.

/** Pieces joined into one flat string (not a tree of them): built once, shared by many sentences. */
const flat = (parts: readonly (string | number)[]): string => parts.join("");

/** A deduction's sentence without its cells ("H1a（…）：…，每次扣10分，共2次，扣20分"), from the rule's head (ends before "（…）"). */
export function deductionBase(head: string, rule: RuleDef, count: number, points: number): string {
  const parts: (string | number)[] = [head];
  if (rule.effect.kind === "deduct" && rule.effect.per === "occurrence") parts.push("，每次扣", rule.effect.points, "分，共", count, "次");
  parts.push("，扣", points, "分");
  return flat(parts);
}

/** `base` + "（" as one flat string, to be followed by {@link shownTail}. */
export const openParen = (base: string): string => flat([base, "（"]);

/** "F4：85%，G4：80%）": the shown values and the closing parenthesis (the list's last item is replaced). */
export function shownTail(shown: string[]): string {
  const last = shown.length - 1;
  if (last === 0) return shown[0] + "）";
  shown[last] = shown[last] + "）";
  return shown.join("，");
}

export function rectifySentence(settings: HunanSettings, rule: RuleDef): string {
  return `${rule.id} ${fillPlaceholders(rule.rectify ?? rule.text, settings)}`;
}


/** How sentences in yes/no cells were read ("违纪违法（AP7）‘经查，全年无违纪违法问题’按‘否’处理"). */
export function readingWarnings(rec: RowRecord, out: Warning[], sheet: string | null): void {
  if (!rec.readings) return;
  for (const id of rec.readings) {
    const f = rec.facts[id];
    if (!f) continue;
    const cell = sheet === null ? f.cell : qualify(sheet, f.cell);
    out.push({ code: "text-read", cells: [cell], message: readingNote(f, cell) });
  }
}

