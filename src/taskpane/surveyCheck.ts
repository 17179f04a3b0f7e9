/** Whether a workbook holds a 满意度调查 (not a report we generated); in the reports chunk, loaded on demand. */
import { surveyCountSheet, surveyResponseSheet } from "../schemes/survey";
import type { SheetGrid } from "../sheets/grid";
import { locateSheet } from "../sheets/readSheet";
import { isGeneratedReport } from "../sheets/report";

export function hasSurvey(grids: readonly SheetGrid[]): boolean {
  return grids.some((g) => !isGeneratedReport(g) && (locateSheet(g, surveyCountSheet).ok || locateSheet(g, surveyResponseSheet).ok));
}

/** The one line a survey-only workbook is told when it lands on 汇总. */
export const SURVEY_ONLY = "这个工作簿只有满意度调查表，没有考核台账：已转到“汇总”页，可在此生成满意度汇总表。";
