/** The 列映射 tab's field groups (评分表 items), and what a sheet lacking a required column is missing. */
import { hunan } from "../../schemes/hunan";
import { shanghai } from "../../schemes/shanghai";
import type { Condition, SheetDef } from "../../schemes/types";
import { columnName } from "../../sheets/a1";
import { cellAt, columnCount, type SheetGrid } from "../../sheets/grid";
import { locateSheet } from "../../sheets/readSheet";
import { isGeneratedReport } from "../../sheets/report";
import { cellText } from "../../sheets/values";

export type FieldGroup = { id: string; title: string; fields: string[] };

function fieldsOf(c: Condition | undefined, out: string[]): string[] {
  if (!c) return out;
  if (c.op === "anyOf") for (const x of c.of) fieldsOf(x, out);
  else out.push(c.field);
  return out;
}

/** The fields of `def` grouped as the 评分表 is: identity first, then one group per item (or per kind of unit). */
export function mappingGroups(def: SheetDef): FieldGroup[] {
  const ids = def.fields.map((f) => f.id);
  const groups: FieldGroup[] = [];
  const placed = new Set<string>();
  const add = (id: string, title: string, fields: readonly string[]) => {
    const own = [...new Set(fields)].filter((f) => ids.includes(f) && !placed.has(f));
    for (const f of own) placed.add(f);
    if (own.length) groups.push({ id, title, fields: own });
  };
  if (def === shanghai.sheet) {
    add("basic", "基本信息", ["name", "kind", "unit", "line", "year", "tier", "step"]);
    for (const [kind, label] of Object.entries(shanghai.kinds)) {
      add(`criteria-${kind}`, `${label}评分项`, shanghai.criteria.filter((c) => c.kind === kind).map((c) => c.field));
    }
    add("gates", "条件核查", ids);
    return groups;
  }
  const byItem = new Map<number, string[]>();
  for (const f of def.fields) if (f.item !== undefined) byItem.set(f.item, [...(byItem.get(f.item) ?? []), f.id]);
  for (const r of hunan.rules) byItem.set(r.item, [...(byItem.get(r.item) ?? []), ...fieldsOf(r.post, [])]);
  const used = new Set([...byItem.values()].flat());
  add("basic", "基本信息", ids.filter((id) => !used.has(id)));
  for (const it of hunan.items) add(`item-${it.item}`, `第${it.item}项 ${it.name}`, byItem.get(it.item) ?? []);
  add("other", "其他", ids);
  return groups;
}

/** A sheet that looks like the ledger but lacks a required column: its header row and what to map. */
export type NearMiss = { sheet: string; headerRow: number; headers: { col: number; label: string }[]; missing: string[] };

/** The sheet closest to being `def` (most headers recognised), when none is: the one 列映射 fixes. */
export function nearMiss(grids: readonly SheetGrid[], def: SheetDef, overrides: Record<string, ReadonlyMap<string, number>> = {}): NearMiss | null {
  let best: (NearMiss & { found: number }) | null = null;
  for (const g of grids) {
    if (isGeneratedReport(g)) continue;
    const r = locateSheet(g, def, { overrides: overrides[g.name] });
    if (r.ok || r.bestRow === null) continue;
    if (best && r.found.length <= best.found) continue;
    const headers: NearMiss["headers"] = [];
    for (let c = 0; c < columnCount(g); c++) {
      const text = cellText(cellAt(g, r.bestRow - 1, c)).trim();
      if (text) headers.push({ col: c + 1, label: `${columnName(c + 1)} 列 · ${text}` });
    }
    const missing = def.required.filter((id) => r.missing.includes(def.fields.find((f) => f.id === id)?.header ?? id));
    best = { sheet: g.name, headerRow: r.bestRow, headers, missing, found: r.found.length };
  }
  return best && { sheet: best.sheet, headerRow: best.headerRow, headers: best.headers, missing: best.missing };
}
