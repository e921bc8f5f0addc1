/**
 * The Office.js renderer writing the "Cohort analysis" plan, against the strict worksheets fake
 * (test/support/fake-excel-worksheets.ts): a small analysis goes in five syncs; a big one in a
 * bounded number of requests, each under Excel on the web's ~5 MB cap with calculation suspended
 * for each; the heat map is a colour-scale conditional format on the planned range and the cohort
 * curves a line chart by rows over the planned cells; no existing sheet is touched.
 */
import { analysisPlan } from "../../../src/report/plans/analysis-plan";
import {
  REQUEST_BUDGET_BYTES,
  writePlanToWorkbook,
} from "../../../src/report/renderers/render-office";
import {
  installFakeWorksheets,
  opsOnSheets,
  uninstallFakeWorksheets,
} from "../../support/fake-excel-worksheets";
import { ordersAnalysis, sampleOrders, syntheticOrderRows } from "../analysis-support";
import { expectWrittenInBoundedRequests } from "./office-write-checks";

afterEach(uninstallFakeWorksheets);

describe("writePlanToWorkbook with the cohort analysis", () => {
  it("writes a small analysis in five syncs with the heat map, the line chart and the names, touching no other sheet", async () => {
    const plan = analysisPlan(sampleOrders());
    const existing = ["Orders", "Cohort analysis"];
    const excel = installFakeWorksheets(existing);
    const name = await writePlanToWorkbook(plan, plan.sheetName);
    expect(name).toBe("Cohort analysis (2)");
    expect(excel.syncs()).toBe(5);
    expect(opsOnSheets(excel.ops, existing)).toEqual([]);
    const prefix = "Cohort analysis (2)";
    const [scale] = plan.conditionalFormats!;
    // The colour scale is added on the planned range.
    expect(excel.ops).toContainEqual({
      target: `${prefix}!${scale.range}.conditionalFormats.add`,
      action: "call",
      value: ["ColorScale"],
    });
    expect(
      excel.ops.find((o) => o.action === "set criteria" && o.target.endsWith(".colorScale"))!.value
    ).toEqual({
      minimum: { type: "LowestValue", color: "#F8696B" },
      midpoint: { formula: "50", type: "Percentile", color: "#FFEB84" },
      maximum: { type: "HighestValue", color: "#63BE7B" },
    });
    const chart = excel.ops.find((o) => o.target === prefix && o.action === "charts.add")!;
    expect(chart.value).toEqual({
      type: "Line",
      source: `${prefix}!${plan.charts[0].dataRange}`,
      seriesBy: "Rows",
    });
    const names = excel.ops
      .filter((o) => o.target === prefix && o.action === "names.add")
      .map((o) => (o.value as { name: string }).name);
    expect(names).toEqual(plan.names.map((n) => n.name));
    expect(names).toEqual(expect.arrayContaining(["Sbg_Alpha", "Sbg_Beta", "Latest_Retention"]));
  });

  it("writes a big analysis in a bounded number of requests, each under the payload cap, calculation suspended for each", async () => {
    // Weekly cohorts over six years: about 300 × 300 cells per cohort block, ~10 MB in all.
    const plan = analysisPlan(ordersAnalysis(syntheticOrderRows(4, 2500, 72), "week", true));
    const { total } = await expectWrittenInBoundedRequests(plan);
    expect(total).toBeGreaterThan(2 * REQUEST_BUDGET_BYTES);
  });
});
