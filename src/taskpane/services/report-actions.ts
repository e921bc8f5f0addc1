/**
 * Write-back actions. Everything here loads on first use: the report builders, and above
 * all ExcelJS for the .xlsx download, stay out of the pane's first download.
 */
import type { Scenario } from "../../model/economics/scenario";
import type { WorkbookHost, WrittenSheet } from "../host/workbook-host";

async function reportModules() {
  const [plan, labels] = await Promise.all([
    import(/* webpackChunkName: "report" */ "../../report/plans/report-plan"),
    import(/* webpackChunkName: "report" */ "../../report/plans/report-labels"),
  ]);
  return { ...plan, ...labels };
}

/** The "Retention model" sheet for one scenario, written by the host. */
export async function writeScenarioReport(
  host: WorkbookHost,
  scenario: Scenario,
  language: string
): Promise<WrittenSheet> {
  const { buildReportPlan, reportLabelsFor } = await reportModules();
  const labels = reportLabelsFor(language);
  return host.writeSheet(buildReportPlan(scenario, { labels, date: new Date() }), labels.sheetName);
}

/** One sheet comparing saved scenarios side by side. */
export async function writeComparison(
  host: WorkbookHost,
  scenarios: Scenario[],
  language: string
): Promise<WrittenSheet> {
  const { buildComparisonPlan, reportLabelsFor } = await reportModules();
  const labels = reportLabelsFor(language);
  return host.writeSheet(buildComparisonPlan(scenarios, labels), labels.comparisonSheetName);
}

/** The report as an .xlsx file the browser downloads (the preview's way to take the model to Excel). */
export async function downloadScenarioXlsx(
  scenario: Scenario,
  language: string,
  fileName: string
): Promise<void> {
  const [{ buildReportPlan, reportLabelsFor }, { renderPlanToXlsx }] = await Promise.all([
    reportModules(),
    import(/* webpackChunkName: "report-xlsx" */ "../../report/renderers/render-xlsx"),
  ]);
  const bytes = await renderPlanToXlsx(
    buildReportPlan(scenario, { labels: reportLabelsFor(language), date: new Date() })
  );
  saveXlsx(bytes, fileName);
}

/** Hands .xlsx bytes to the browser as a download (nothing is sent anywhere). */
export function saveXlsx(bytes: Uint8Array | ArrayBuffer, fileName: string): void {
  const url = URL.createObjectURL(
    new Blob([bytes as BlobPart], {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    })
  );
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  // Give the download a moment to start before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
