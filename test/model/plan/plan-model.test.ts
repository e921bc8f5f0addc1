/**
 * The plan against a brute-force reference written here: survival by the Beta-function
 * definition for u = 0 (S(t) = B(α, β + t)/B(α, β), via log-gamma sums in plain loops), and for
 * u > 0 a per-period churn loop; customers summed cohort by cohort and period by period.
 */
import fc from "fast-check";
import {
  paybackPeriods,
  planForecast,
  PlanInputs,
  planWorking,
} from "../../../src/model/plan/plan-model";
import { sbgCustomerForecast } from "../../../src/model/plan/sbg-forecast";

/** S(t) with uplift, as a plain loop over churn probabilities. */
function survivalRef(alpha: number, beta: number, t: number, u: number): number {
  let s = 1;
  for (let i = 1; i <= t; i++) {
    const churn = alpha / (alpha + beta + i - 1); // P(churn at i | alive at i − 1)
    s *= 1 - churn * (1 - u);
  }
  return s;
}

function reference(p: PlanInputs) {
  const H = p.horizon;
  const rows = [];
  for (let k = 1; k <= H; k++) {
    let existing = 0;
    for (const c of p.cohorts)
      existing +=
        (c.customers * survivalRef(p.alpha, p.beta, c.age + k, p.uplift)) /
        survivalRef(p.alpha, p.beta, c.age, p.uplift);
    let added = 0;
    for (let j = 1; j <= k; j++)
      added += (p.newCustomers[j - 1] ?? 0) * survivalRef(p.alpha, p.beta, k - j, p.uplift);
    rows.push({ existing, added, revenue: (existing + added) * p.revenuePerCustomer });
  }
  return rows;
}

const inputs = fc.record({
  alpha: fc.double({ min: 0.05, max: 20, noNaN: true }),
  beta: fc.double({ min: 0.05, max: 20, noNaN: true }),
  cohorts: fc.array(
    fc.record({
      age: fc.integer({ min: 0, max: 30 }),
      customers: fc.integer({ min: 0, max: 5000 }),
    }),
    { maxLength: 8 }
  ),
  horizon: fc.integer({ min: 1, max: 36 }),
  newCustomers: fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 40 }),
  // Amounts of money: 0, or at least a hundredth (no subnormal prices).
  revenuePerCustomer: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 500, noNaN: true })),
  margin: fc.double({ min: 0, max: 1, noNaN: true }),
  cac: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1000, noNaN: true })),
  uplift: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
});

const close = (a: number, b: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));

test("customers and revenue by period match the brute-force reference", () => {
  fc.assert(
    fc.property(inputs, (p) => {
      const plan = planForecast(p);
      const ref = reference(p);
      ref.forEach((r, i) => {
        close(plan.existing[i], r.existing);
        close(plan.added[i], r.added);
        close(plan.revenue[i], r.revenue);
        close(plan.margin[i], r.revenue * p.margin);
      });
    }),
    { numRuns: 200 }
  );
});

test("without an uplift the plan's customers are the sBG forecast's", () => {
  fc.assert(
    fc.property(inputs, (p) => {
      const plan = planForecast({ ...p, uplift: 0 });
      const forecast = sbgCustomerForecast(p.alpha, p.beta, p.cohorts, p.newCustomers, p.horizon);
      for (let i = 0; i < p.horizon; i++) close(plan.total[i], forecast.total[i]);
    }),
    { numRuns: 100 }
  );
});

test("each planned cohort's margin within the plan, and the payback period, by plain sums", () => {
  fc.assert(
    fc.property(inputs, (p) => {
      const plan = planForecast(p);
      const per = p.revenuePerCustomer * p.margin;
      for (let j = 1; j <= p.horizon; j++) {
        let m = 0;
        for (let k = j; k <= p.horizon; k++)
          m += per * survivalRef(p.alpha, p.beta, k - j, p.uplift);
        close(plan.cohortMargin[j - 1], m);
        if (p.cac > 0) close(plan.ltvToCac[j - 1], m / p.cac);
      }
      let cumulative = 0;
      let expected: number | null = p.cac === 0 ? 0 : null;
      for (let age = 0; expected === null && per > 0 && age < 1200; age++) {
        cumulative += per * survivalRef(p.alpha, p.beta, age, p.uplift);
        if (cumulative >= p.cac) expected = age + 1;
      }
      const got = paybackPeriods(p);
      // Rounding may put a cumulative sum a hair on either side of the CAC.
      if (expected === null || got === null) expect(got).toBe(expected);
      else expect(Math.abs(got - expected)).toBeLessThanOrEqual(1);
    }),
    { numRuns: 200 }
  );
});

test("an uplift never lowers the customers, and an uplift of 1 keeps everyone", () => {
  const p: PlanInputs = {
    alpha: 0.8,
    beta: 2.5,
    cohorts: [
      { age: 3, customers: 400 },
      { age: 11, customers: 120 },
    ],
    horizon: 12,
    newCustomers: [50, 50, 50],
    revenuePerCustomer: 20,
    margin: 0.4,
    cac: 60,
    uplift: 0,
  };
  const base = planForecast(p);
  const better = planForecast({ ...p, uplift: 0.1 });
  for (let i = 0; i < 12; i++) expect(better.total[i]).toBeGreaterThan(base.total[i]);
  const all = planForecast({ ...p, uplift: 1 });
  expect(all.total[11]).toBeCloseTo(400 + 120 + 150, 9);
});

test("bad inputs are refused with the input named", () => {
  const p: PlanInputs = {
    alpha: 1,
    beta: 1,
    cohorts: [],
    horizon: 12,
    newCustomers: [],
    revenuePerCustomer: 1,
    margin: 0.5,
    cac: 1,
    uplift: 0,
  };
  expect(() => planForecast({ ...p, uplift: 1.5 })).toThrow(/uplift/);
  expect(() => planForecast({ ...p, margin: -0.1 })).toThrow(/margin/);
  expect(() => planForecast({ ...p, newCustomers: [1, -2] })).toThrow(/future period 2/);
  expect(() => planForecast({ ...p, horizon: 0 })).toThrow(/periods/);
});

test("the sheet's working adds up to the plan, row by row", () => {
  fc.assert(
    fc.property(inputs, (p) => {
      const plan = planForecast(p);
      const w = planWorking(p);
      for (let k = 0; k < p.horizon; k++) {
        close(
          w.existingByCohort.reduce((s, path) => s + path[k], 0),
          plan.existing[k]
        );
        close(
          w.addedByCohort.reduce((s, path) => s + path[k], 0),
          plan.added[k]
        );
        close(w.survival[k], survivalRef(p.alpha, p.beta, k, p.uplift));
      }
      for (let j = 1; j <= p.horizon; j++)
        close(w.cumulativeMargin[p.horizon - j], plan.cohortMargin[j - 1]);
    }),
    { numRuns: 100 }
  );
});
