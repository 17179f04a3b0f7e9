/** Either scheme's scored rows as the result list shows them: a title, a status, a score and the reasons. */
import { SCHEME_INFO } from "../engine/schemes";
import type { AnyScore } from "../engine/scoreWorkbook";
import { shanghai } from "../schemes/shanghai";
import type { CellError } from "../sheets/records";

export type DisplayRow = { row: number; status: string; label: string; score: number | null; title: string; errors: CellError[]; lines: string[] };

/** The four colours of a status, shared by the tiles and the badges. */
export type Tone = "good" | "warn" | "bad" | "error";
export const TONE: Record<string, Tone> = {
  retain: "good",
  qualified: "good",
  rectify: "warn",
  below: "warn",
  unverified: "warn",
  revoke: "bad",
  ineligible: "bad",
  error: "error",
};

/** The rows of the sheet at `index` of a scored workbook. */
export function displayRows(score: AnyScore, index = 0): DisplayRow[] {
  const labels = SCHEME_INFO[score.scheme].labels;
  if (score.scheme === "shanghai") {
    return (score.result.sheets[index]?.rows ?? []).map((r) => {
      const [unit, name] = r.key.split("|");
      const kind = r.kind ? shanghai.kinds[r.kind] : null;
      return {
        row: r.row,
        status: r.status,
        label: labels[r.status] ?? r.status,
        score: r.score,
        title: [name, kind && `${kind}${r.line === "association" ? "（协会会员）" : ""}`, unit].filter(Boolean).join(" · ") || `第 ${r.row} 行`,
        errors: r.errors,
        lines: [...r.reasons, ...r.unverified.map((u) => `待核实：${u}`), ...r.warnings.map((w) => `提示：${w.message}`)],
      };
    });
  }
  return (score.result.sheets[index]?.rows ?? []).map((r) => {
    const [city, unit, name] = r.key.split("|");
    return {
      row: r.row,
      status: r.status,
      label: labels[r.status] ?? r.status,
      score: r.score,
      title: [name, unit, city].filter(Boolean).join(" · ") || `第 ${r.row} 行`,
      errors: r.errors,
      lines: [...r.revocations.map((v) => `撤销：${v.reason}`), ...r.deductions.map((d) => d.text)],
    };
  });
}
