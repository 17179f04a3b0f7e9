/** Whether a workbook holds a 满意度调查 (not a report we generated); in the reports chunk, loaded on demand. */
import { surveyCountSheet, surveyResponseSheet } from "../schemes/survey";
import type { SheetGrid } from "../sheets/grid";
import { locateSheet } from "../sheets/readSheet";
import { isGeneratedReport } from "../sheets/report";

export function hasSurvey(grids: readonly SheetGrid[]): boolean {
  return grids.some((g) => !isGeneratedReport(g) && (locateSheet(g, surveyCountSheet).ok || locateSheet(g, surveyResponseSheet).ok));
}
