/**
 * Writing a sheet plan the worker built (the cohort analysis, the customer lifetime sheet):
 * "Write … to sheet" hands it to the host's renderer (Office.js inside Excel, HTML in the
 * preview), "Download" to ExcelJS, loaded on first use.
 */
import type { SheetPlan } from "../../report/sheet-plan";
import type { WorkbookHost, WrittenSheet } from "../host/workbook-host";
import { saveXlsx } from "./report-actions";

/** A new sheet from the plan (never overwriting one: the renderers pick a free name). */
export async function writePlanToSheet(
  host: WorkbookHost,
  plan: Promise<SheetPlan>
): Promise<WrittenSheet> {
  const p = await plan;
  return host.writeSheet(p, p.sheetName);
}

/** The plan as an .xlsx file the browser downloads. */
export async function downloadPlanXlsx(plan: Promise<SheetPlan>, fileName: string): Promise<void> {
  const [p, { renderPlanToXlsx }] = await Promise.all([
    plan,
    import(/* webpackChunkName: "report-xlsx" */ "../../report/renderers/render-xlsx"),
  ]);
  saveXlsx(await renderPlanToXlsx(p), fileName);
}
