/**
 * The schemes the product runs, side by side: which one a workbook keeps (from its headers), and scoring
 * with either. Shared by the CLI, the pane and the browser preview.
 */
import { hunan } from "../schemes/hunan";
import { shanghai } from "../schemes/shanghai";
import type { SchemeId, SheetDef, OutputDef } from "../schemes/types";
import type { SheetGrid } from "../sheets/grid";
import { mappingOverrides, type StoredState } from "../sheets/port";
import { locateSheet } from "../sheets/readSheet";
import { isGeneratedReport } from "../sheets/report";
import { hunanSettingsInput, shanghaiSettingsInput } from "../schemes/settingsLayers";

export { hunanSettingsInput, shanghaiSettingsInput } from "../schemes/settingsLayers";
import { scoreUnitWorkbook, scoreWorkbook, type AnyScore } from "./scoreWorkbook";

export const SCHEME_IDS: readonly SchemeId[] = ["hunan", "shanghai"];

export function isSchemeId(s: string): s is SchemeId {
  return (SCHEME_IDS as readonly string[]).includes(s);
}

/** What the pane and the CLI show of a scheme. */
export type SchemeInfo = { id: SchemeId; title: string; short: string; sheet: SheetDef; outputs: readonly OutputDef[]; labels: Record<string, string>; statuses: readonly string[]; unit: string };

export const SCHEME_INFO: Record<SchemeId, SchemeInfo> = {
  hunan: { id: "hunan", title: hunan.title, short: "湖南 党员示范岗", sheet: hunan.ledger, outputs: hunan.outputs, labels: hunan.labels, statuses: ["retain", "rectify", "revoke", "error"], unit: "示范岗" },
  shanghai: {
    id: "shanghai",
    title: shanghai.title,
    short: "上海 治水管海先锋",
    sheet: shanghai.sheet,
    outputs: shanghai.outputs,
    labels: shanghai.labels,
    statuses: ["qualified", "below", "unverified", "ineligible", "revoke", "error"],
    unit: "示范点",
  },
};

/**
 * The scheme whose sheet the workbook keeps: the one whose best-matching sheet recognises more of its
 * headers (a 考核台账 for hunan, a 示范点 sheet for shanghai); null when neither is found.
 */
export function detectScheme(grids: readonly SheetGrid[], stored: StoredState = {}): SchemeId | null {
  let best: { id: SchemeId; n: number } | null = null;
  const overrides = mappingOverrides(stored);
  for (const g of grids) {
    if (isGeneratedReport(g)) continue;
    for (const id of SCHEME_IDS) {
      const info = SCHEME_INFO[id];
      const found = locateSheet(g, info.sheet, { outputs: info.outputs, overrides: overrides[g.name] });
      if (found.ok && (!best || found.map.fields.size > best.n)) best = { id, n: found.map.fields.size };
    }
  }
  return best?.id ?? null;
}

export type AnyScoreOptions = {
  sheet?: string;
  /** Settings as saved in the workbook (each scheme its own), overlaid by the caller's. */
  stored?: StoredState;
  overrides?: Record<string, ReadonlyMap<string, number>>;
};

/** The state to save after writing a score's results: what it used, for every later command. */
export function withUsed(stored: StoredState, score: AnyScore, by: "score" | "pane", at: Date): StoredState {
  const rec = { at: at.toISOString(), by };
  const used = score.scheme === "shanghai" ? { ...stored.used, shanghai: { ...rec, settings: score.settings } } : { ...stored.used, hunan: { ...rec, settings: score.settings } };
  return { ...stored, used };
}

/** Scores a workbook with the given scheme, with that scheme's stored settings. */
export function scoreWith(id: SchemeId, grids: readonly SheetGrid[], opts: AnyScoreOptions = {}): AnyScore {
  const common = { ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}), ...(opts.overrides ? { overrides: opts.overrides } : {}) };
  if (id === "shanghai") return scoreUnitWorkbook(grids, shanghai, { ...common, settings: shanghaiSettingsInput(opts.stored) });
  return scoreWorkbook(grids, hunan, { ...common, settings: hunanSettingsInput(opts.stored) });
}
