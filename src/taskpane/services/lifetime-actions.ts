/**
 * "Write customers to sheet" and "Download .xlsx" for the "Customers who may have left" panel:
 * the worker that holds the last lifetime fit builds the per-customer sheet's plan
 * (src/report/customer-lifetime-plan.ts), and the existing renderers draw it, as for the analysis
 * sheet (analysis-actions.ts): the host's (Office.js inside Excel, HTML in the preview) or
 * ExcelJS for the download.
 */
import type { AnalysisClient } from "../data/analysis-client";
import type { WorkbookHost, WrittenSheet } from "../host/workbook-host";
import type { Language } from "../i18n/strings";
import { saveXlsx } from "./report-actions";

/** A new sheet with the customers (never overwriting one: the renderers pick a free name). */
export async function writeCustomersToSheet(
  host: WorkbookHost,
  client: AnalysisClient,
  language: Language
): Promise<WrittenSheet> {
  const plan = await client.lifetimePlan(language);
  return host.writeSheet(plan, plan.sheetName);
}

/** The per-customer sheet as an .xlsx file the browser downloads. */
export async function downloadCustomersXlsx(
  client: AnalysisClient,
  language: Language,
  fileName: string
): Promise<void> {
  const [plan, { renderPlanToXlsx }] = await Promise.all([
    client.lifetimePlan(language),
    import(/* webpackChunkName: "report-xlsx" */ "../../report/render-xlsx"),
  ]);
  saveXlsx(await renderPlanToXlsx(plan), fileName);
}
