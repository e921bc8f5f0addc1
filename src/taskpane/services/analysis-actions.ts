/**
 * "Write analysis to sheet" and "Download .xlsx" for the data view: the worker that holds the
 * analysis builds the cohort analysis sheet's plan (src/report/analysis-plan.ts), and the
 * existing renderers draw it: the host's (Office.js inside Excel, HTML in the preview) or ExcelJS
 * for the download. Everything loads on first use.
 */
import type { AnalysisClient } from "../data/analysis-client";
import type { WorkbookHost, WrittenSheet } from "../host/workbook-host";
import type { Language } from "../i18n/strings";
import { saveXlsx } from "./report-actions";

/** A new sheet with the analysis (never overwriting one: the renderers pick a free name). */
export async function writeAnalysisToSheet(
  host: WorkbookHost,
  client: AnalysisClient,
  language: Language
): Promise<WrittenSheet> {
  const plan = await client.plan(language);
  return host.writeSheet(plan, plan.sheetName);
}

/** The analysis sheet as an .xlsx file the browser downloads. */
export async function downloadAnalysisXlsx(
  client: AnalysisClient,
  language: Language,
  fileName: string
): Promise<void> {
  const [plan, { renderPlanToXlsx }] = await Promise.all([
    client.plan(language),
    import(/* webpackChunkName: "report-xlsx" */ "../../report/render-xlsx"),
  ]);
  saveXlsx(await renderPlanToXlsx(plan), fileName);
}
