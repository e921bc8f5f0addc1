/**
 * @jest-environment jsdom
 */
/*
 * The Office host's write when Excel refuses the page setup (its last request, over the
 * worksheets fake): the sheet is written and kept, and the host hands back why, for the pane's
 * status line; a write whose page setup succeeds reports nothing of the kind.
 */
import { WORKED_EXAMPLE } from "../../../src/model/economics/scenario";
import { ENGLISH_REPORT_LABELS } from "../../../src/report/plans/report-labels";
import { buildReportPlan } from "../../../src/report/plans/report-plan";
import { createOfficeHost } from "../../../src/taskpane/host/office-host";
import {
  installFakeWorksheets,
  uninstallFakeWorksheets,
} from "../../support/fake-excel-worksheets";

const plan = buildReportPlan(WORKED_EXAMPLE, {
  labels: ENGLISH_REPORT_LABELS,
  date: new Date(2025, 0, 15),
});

/** Office's common API, as little of it as the host reads. */
const office = {
  context: { displayLanguage: "en-US", officeTheme: { bodyBackgroundColor: "#fff" } },
} as unknown as typeof Office;

/** The worksheets fake in a 1900 workbook (DATE(1904,1,1) = 1462), failing sync `failSync`. */
function install(failSync?: number) {
  const excel = installFakeWorksheets(["Sheet1"], { failSync });
  const workbook = (
    globalThis as unknown as { Excel: { context: { workbook: Record<string, unknown> } } }
  ).Excel.context.workbook;
  workbook.functions = { date: () => ({ load: () => undefined, value: 1462 }) };
  return excel;
}

afterEach(uninstallFakeWorksheets);

describe("the Office host when the page setup fails", () => {
  it("keeps the written sheet and says why the page setup was skipped", async () => {
    // Sync 1 asks for the date system; 2–6 are the write, 6 its page setup.
    const excel = install(6);
    const written = await createOfficeHost(office).writeSheet(plan, "Retention model");
    expect(excel.syncs()).toBe(6);
    expect(written).toEqual({
      sheetName: "Retention model",
      pageSetupSkipped: "GeneralException: the write failed",
    });
    expect(excel.worksheets.sheets.map((s) => s.name)).toEqual(["Sheet1", "Retention model"]);
    expect(excel.ops.filter((o) => o.action === "delete")).toEqual([]);
  });

  it("reports nothing of the kind when the page setup lands", async () => {
    install();
    expect(await createOfficeHost(office).writeSheet(plan, "Retention model")).toEqual({
      sheetName: "Retention model",
    });
  });
});
