import { scoreWorkbook, type ScoreOptions } from "../src/engine/scoreWorkbook";
import type { RowResult } from "../src/engine/types";
import { hunan } from "../src/schemes/hunan";
import type { CellValue, SheetGrid } from "../src/sheets/grid";

export type Inputs = Record<string, CellValue | undefined>;

const headerOf = (id: string, member = false): string => {
  const f = (member ? hunan.member : hunan.ledger).fields.find((x) => x.id === id);
  if (!f) throw new Error(`no field ${id}`);
  return f.header;
};

/** A grid with canonical headers (from field ids) in row 1 and one row per input object. */
export function gridOf(rows: Inputs[], name = "考核台账", member = false): SheetGrid {
  const ids = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return {
    name,
    values: [ids.map((id) => headerOf(id, member)), ...rows.map((r) => ids.map((id) => r[id] ?? null))],
  };
}

export const post = (over: Inputs = {}): Inputs => ({ city: "长沙", unit: "长沙市质监站", name: "报建窗口", postType: "服务岗", year: 2025, ...over });

export function scoreRows(rows: Inputs[], opts: ScoreOptions & { members?: Inputs[] } = {}): RowResult[] {
  const grids = [gridOf(rows)];
  if (opts.members) grids.push(gridOf(opts.members, "成员", true));
  return scoreWorkbook(grids, hunan, opts).result.sheets[0]!.rows;
}

export function scoreOne(inputs: Inputs, opts: ScoreOptions = {}): RowResult {
  return scoreRows([post(inputs)], opts)[0]!;
}
