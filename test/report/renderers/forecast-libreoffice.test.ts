/**
 * LibreOffice and the "Plan" sheet: opened with every cached formula result deliberately wrong,
 * recalculated from scratch, every formula equals the model's value to 1e-9; then the planned
 * row and the uplift are edited in the file and the totals follow the model at the new inputs.
 */
import { planForecast } from "../../../src/model/plan/plan-model";
import { forecastLabelsFor } from "../../../src/report/plans/forecast-labels";
import { forecastPlan } from "../../../src/report/plans/forecast-plan";
import { renderPlanToXlsx } from "../../../src/report/renderers/render-xlsx";
import { planCells } from "../../../src/report/sheet-plan";
import { recalculateWithLibreOffice } from "../../support/libreoffice";
import { usingLibreOffice } from "../../support/libreoffice-suite";
import { checkFormulas, formulaResults, loadWorkbook } from "../../support/xlsx-inspection";
import { PLAN_EXAMPLE } from "../forecast-support";

usingLibreOffice();

const options = {
  labels: forecastLabelsFor("en"),
  currency: "USD",
  cohortNames: ["Jan", "May", "Sep", "Dec"],
};

test("every formula of the plan, recalculated by LibreOffice, is the model's value", async () => {
  const plans = [
    forecastPlan(PLAN_EXAMPLE, options),
    // No uplift, no CAC, a short plan row, 36 periods: the guards and the padding.
    forecastPlan(
      { ...PLAN_EXAMPLE, uplift: 0, cac: 0, horizon: 36, newCustomers: [100, 200] },
      { ...options, sheetName: "Plan 36" }
    ),
    // Payback beyond the plan.
    forecastPlan({ ...PLAN_EXAMPLE, cac: 5000 }, { ...options, sheetName: "Plan slow" }),
  ];
  const recalculated = await recalculateWithLibreOffice(
    await renderPlanToXlsx(plans, { cachedResults: "wrong" })
  );
  let numbers = 0;
  for (const [i, plan] of plans.entries()) {
    const check = checkFormulas(plan, await formulaResults(recalculated, i));
    expect(check.problems.slice(0, 10)).toEqual([]);
    numbers += check.numbers;
  }
  expect(numbers).toBeGreaterThan(1000);
});

test("an edited plan row and uplift move the totals to the model's values at the new inputs", async () => {
  const plan = forecastPlan(PLAN_EXAMPLE, options);
  const workbook = await loadWorkbook(await renderPlanToXlsx(plan));
  const sheet = workbook.worksheets[0];
  const refOf = (name: string) => plan.names.find((n) => n.name === name)!.cell;
  sheet.getCell(refOf("Plan_Uplift")).value = 0.2;
  // The planned new customers: the input cells of column G below the plan's header.
  const plannedRefs = [...planCells(plan)]
    .filter(
      ({ ref, cell }) => ref.startsWith("G") && cell.kind === "number" && cell.style === "input"
    )
    .map(({ ref }) => ref);
  expect(plannedRefs).toHaveLength(12);
  const edited = PLAN_EXAMPLE.newCustomers.map((m, i) => (i % 2 === 0 ? m * 2 : 0));
  plannedRefs.forEach((ref, i) => (sheet.getCell(ref).value = edited[i]));
  const results = await formulaResults(
    await recalculateWithLibreOffice(new Uint8Array(await workbook.xlsx.writeBuffer())),
    0
  );
  const expected = planForecast({ ...PLAN_EXAMPLE, uplift: 0.2, newCustomers: edited });
  plannedRefs.forEach((ref, i) => {
    const row = Number(ref.slice(1));
    const total = results.get(`D${row}`) as number;
    expect(Math.abs(total - expected.total[i])).toBeLessThan(1e-9 * expected.total[i]);
    const revenue = results.get(`E${row}`) as number;
    expect(Math.abs(revenue - expected.revenue[i])).toBeLessThan(1e-9 * expected.revenue[i]);
  });
});
