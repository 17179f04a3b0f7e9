/**
 * The report side of the engine (满意度汇总, 年度汇总, 全省汇总, 创建计划 sheets), loaded on demand: the pane's
 * first screen scores and writes back, so this code stays out of its initial bundle. Import it only with
 * `import()` (usePane's loadReportEngine) or `import type`.
 */
export { consolidate } from "../engine/consolidate";
export { planLayout, planShortTotal, workbookPlan } from "../engine/plan";
export { provinceLayout, summaryLayout, tallyLayout } from "../engine/reportLayouts";
export { planLedgerFill, tallySurvey } from "../engine/survey";
export { summarizeYear } from "../engine/yearSummary";
export { hasSurvey, SURVEY_ONLY } from "./surveyCheck";
