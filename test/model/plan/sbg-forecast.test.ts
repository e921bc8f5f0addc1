/*
 * The sBG forecast by future period against brute-force references written here: S(t) from its
 * beta-function definition, summed over cohorts and planned cohorts with plain loops.
 */
import fc from "fast-check";
import {
  checkPeriods,
  cohortsNow,
  sbgCustomerForecast,
} from "../../../src/model/plan/sbg-forecast";
import { sbgPlan } from "../../../src/model/plan/sbg-plan";
import { fitSbgCohorts } from "../../../src/model/sbg/sbg-fit";
import { expectNumError } from "../../support/domain-errors";
import { lgamma, simulateCohort } from "../sbg/sbg-helpers";

const S = (a: number, b: number, t: number) =>
  Math.exp(lgamma(b + t) + lgamma(a + b) - lgamma(b) - lgamma(a + b + t));

/** existing_k, new_k by the formulas, one term at a time. */
function reference(a: number, b: number, cohorts: number[][], planned: number[], periods: number) {
  const rows: Array<[number, number, number]> = [];
  for (let k = 1; k <= periods; k++) {
    let existing = 0;
    for (const c of cohorts) {
      const age = c.length - 1;
      existing += (c[age] * S(a, b, age + k)) / S(a, b, age);
    }
    let added = 0;
    for (let j = 1; j <= k; j++) added += (planned[j - 1] ?? 0) * S(a, b, k - j);
    rows.push([existing, added, existing + added]);
  }
  return rows;
}

const close = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));

describe("sbgCustomerForecast", () => {
  it("matches the brute-force sums over cohorts and planned cohorts (property)", () => {
    const cohort = fc
      .array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 30 })
      .map((drops) => {
        // a shrinking row: a size, then survivors that never rise
        const row = [drops.reduce((s, d) => s + d, 0) + 1];
        for (const d of drops.slice(1)) row.push(row[row.length - 1] - d);
        return row;
      });
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.array(cohort, { minLength: 1, maxLength: 12 }),
        fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 36 }),
        (a, b, cohorts, planned, periods) => {
          const f = sbgCustomerForecast(a, b, cohortsNow(cohorts), planned, periods);
          const expected = reference(a, b, cohorts, planned, periods);
          expected.forEach(([existing, added, total], i) => {
            close(f.existing[i], existing);
            close(f.added[i], added);
            close(f.total[i], total);
          });
        }
      ),
      { numRuns: 150 }
    );
  });

  it("a planned cohort counts in full in its own period, nothing before", () => {
    const f = sbgCustomerForecast(1, 2, [], [0, 0, 500], 5);
    expect(Array.from(f.added.slice(0, 2))).toEqual([0, 0]);
    expect(f.added[2]).toBe(500);
    close(f.added[3], 500 * (2 / 3));
  });
});

describe("sbgPlan", () => {
  const TRIANGLE = Array.from({ length: 10 }, (_, c) =>
    simulateCohort(0.9, 2.2, 800, 9 - c, 100 + c)
  );

  it("fits α, β exactly as SBG_FIT does and forecasts with them", () => {
    const fit = fitSbgCohorts(TRIANGLE);
    const plan = sbgPlan(TRIANGLE, 12, [300, 300, 300]);
    expect(plan.alpha).toBe(fit.alpha);
    expect(plan.beta).toBe(fit.beta);
    reference(fit.alpha, fit.beta, TRIANGLE, [300, 300, 300], 12).forEach(([, , total], i) =>
      close(plan.total[i], total)
    );
    expect(plan.interval).toBeNull();
  });

  it("an interval brackets the forecast, is the same on every call, and widens with the level", () => {
    const a = sbgPlan(TRIANGLE, 12, [300], 0.8);
    const b = sbgPlan(TRIANGLE, 12, [300], 0.8);
    const wide = sbgPlan(TRIANGLE, 12, [300], 0.95);
    expect(Array.from(a.interval!.low)).toEqual(Array.from(b.interval!.low));
    expect(Array.from(a.interval!.high)).toEqual(Array.from(b.interval!.high));
    for (let k = 0; k < 12; k++) {
      expect(a.interval!.low[k]).toBeLessThanOrEqual(a.total[k]);
      expect(a.interval!.high[k]).toBeGreaterThanOrEqual(a.total[k]);
      expect(wide.interval!.low[k]).toBeLessThanOrEqual(a.interval!.low[k]);
      expect(wide.interval!.high[k]).toBeGreaterThanOrEqual(a.interval!.high[k]);
    }
  });

  it("refuses periods, plans and levels out of range with #NUM!", () => {
    expectNumError(() => checkPeriods(0), /periods/);
    expectNumError(() => sbgPlan(TRIANGLE, 5000), /periods/);
    expectNumError(() => sbgPlan(TRIANGLE, 12, [100, -1]), /new_customers/);
    expectNumError(() => sbgPlan(TRIANGLE, 12, [], 80), /interval/);
    expectNumError(() => sbgPlan(TRIANGLE, 12, [], 1), /interval/);
  });
});
