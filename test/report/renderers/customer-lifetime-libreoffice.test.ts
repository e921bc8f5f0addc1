/**
 * LibreOffice and the "Customer lifetime" workbook: opened with every cached formula result
 * deliberately wrong and recalculated from scratch, every P(alive), expected spend and discount
 * rate equals the model's value to 1e-9, for heavy buyers (x in the thousands, ten years of
 * weeks, P(alive) underflowing) and x = 0 alike, with no error anywhere; without a spend model
 * the sheet holds no error either; and an edit of the parameters in the file moves the formulas.
 */
import { probabilityAlive } from "../../../src/model/buyers/bgnbd-purchases";
import { expectedAverageSpend } from "../../../src/model/buyers/gamma-gamma";
import {
  customerLifetimePlan,
  FIRST_CUSTOMER_ROW,
} from "../../../src/report/plans/customer-lifetime-plan";
import { renderPlanToXlsx } from "../../../src/report/renderers/render-xlsx";
import { SheetPlan } from "../../../src/report/sheet-plan";
import { isCloseTo } from "../../support/close-to";
import { recalculateWithLibreOffice } from "../../support/libreoffice";
import { usingLibreOffice } from "../../support/libreoffice-suite";
import { checkFormulas, loadWorkbook, sheetResults } from "../../support/xlsx-inspection";
import {
  randomCustomers,
  sampleLifetime,
  stressCustomers,
  tableOf,
  WEEKS,
} from "../customer-lifetime-support";

usingLibreOffice();

const sample = sampleLifetime({ holdoutDays: 91 });
const stress = tableOf(stressCustomers(sample.purchases), sample.purchases, sample.spend);
// Many customers, 5% heavy (x up to 3,000): horizon 1 keeps the model's ₂F₁ values quick.
const random = tableOf(randomCustomers(400, 11, 520), sample.purchases, sample.spend, {
  ...WEEKS,
  horizon: 1,
});
const plans: SheetPlan[] = [
  customerLifetimePlan(sample),
  customerLifetimePlan(stress, { sheetName: "Heavy buyers" }),
  customerLifetimePlan(random, { sheetName: "Random" }),
  customerLifetimePlan(sampleLifetime({}, false), { sheetName: "No amounts" }),
  // MBG/NBD (the pane's default): its P(alive) formula, one-time buyers included.
  customerLifetimePlan(sampleLifetime({ holdoutDays: 91, model: "MBGNBD" }), {
    sheetName: "MBG-NBD",
  }),
  customerLifetimePlan(
    tableOf(
      stressCustomers(sample.purchases),
      sample.purchases,
      sample.spend,
      WEEKS,
      undefined,
      "MBGNBD"
    ),
    { sheetName: "MBG-NBD heavy buyers" }
  ),
];

describe("LibreOffice recalculates the customer-lifetime sheet to the model's numbers", () => {
  it("every formula, from deliberately wrong cached values, with no error cell", async () => {
    const recalculated = await recalculateWithLibreOffice(
      await renderPlanToXlsx(plans, { cachedResults: "wrong" })
    );
    const problems: string[] = [];
    let checked = 0;
    let heavy = 0;
    let zeroX = 0;
    for (const [index, plan] of plans.entries()) {
      const { formulas, errors } = await sheetResults(recalculated, index);
      if (errors.length > 0) problems.push(`${plan.sheetName}: errors in ${errors.join(", ")}`);
      const check = checkFormulas(plan, formulas);
      problems.push(...check.problems);
      checked += check.checked.size;
      for (const ref of check.checked) {
        const row = Number(ref.slice(1));
        if (row >= FIRST_CUSTOMER_ROW && ref.startsWith("F")) {
          const x = plan.blocks[2].rows[row - FIRST_CUSTOMER_ROW + 3][1];
          const xValue = x?.kind === "number" ? x.value : NaN;
          if (xValue >= 100) heavy++;
          if (xValue === 0) zeroX++;
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(1500);
    // The MBG/NBD sheets' P(alive) are formulas for every customer, one-time buyers too.
    const mbgChecked = plans
      .slice(4)
      .reduce(
        (sum, plan) => sum + plan.blocks[2].rows.filter((row) => row[5]?.kind === "formula").length,
        0
      );
    expect(mbgChecked).toBe(
      plans.slice(4).reduce((sum, plan) => sum + plan.blocks[2].rows.length - 3, 0)
    );
    expect(heavy).toBeGreaterThan(20);
    expect(zeroX).toBeGreaterThan(50);
    console.info(
      `LibreOffice: ${checked} formulas match the model to 1e-9 (${heavy} heavy buyers' P(alive), ${zeroX} with x = 0)`
    );
  });

  it("moves P(alive) and the expected spend when the parameters are edited in the file", async () => {
    const plan = plans[1];
    const workbook = await loadWorkbook(await renderPlanToXlsx(plan));
    const sheet = workbook.worksheets[0];
    const cellOf = (name: string) => plan.names.find((n) => n.name === name)!.cell;
    const edited = { r: 0.9, alpha: 3.5, a: 1.7, b: 6, p: 2.5, q: 4.5, gamma: 30 };
    sheet.getCell(cellOf("BgNbd_R")).value = edited.r;
    sheet.getCell(cellOf("BgNbd_Alpha")).value = edited.alpha;
    sheet.getCell(cellOf("BgNbd_A")).value = edited.a;
    sheet.getCell(cellOf("BgNbd_B")).value = edited.b;
    sheet.getCell(cellOf("GammaGamma_P")).value = edited.p;
    sheet.getCell(cellOf("GammaGamma_Q")).value = edited.q;
    sheet.getCell(cellOf("GammaGamma_Gamma")).value = edited.gamma;
    const recalculated = await recalculateWithLibreOffice(
      new Uint8Array(await workbook.xlsx.writeBuffer())
    );
    const { formulas, errors } = await sheetResults(recalculated, 0);
    expect(errors).toEqual([]);
    const { frequency, recency, age, monetary, count } = stress.customers;
    const { r, alpha, a, b, p, q, gamma } = edited;
    const problems: string[] = [];
    const near = (ref: string, expected: number) => {
      const actual = formulas.get(ref);
      if (!isCloseTo(actual, expected))
        problems.push(`${ref}: LibreOffice ${JSON.stringify(actual)}, model ${expected}`);
    };
    for (let k = 0; k < count; k++) {
      const row = FIRST_CUSTOMER_ROW + k;
      near(`F${row}`, probabilityAlive(frequency[k], recency[k], age[k], r, alpha, a, b));
      near(`H${row}`, expectedAverageSpend(frequency[k], monetary[k], p, q, gamma));
    }
    expect(problems).toEqual([]);
  });
});
