/**
 * The plan's base and backtest: today's customers are the triangle's last cells, the backtest
 * cuts every row by the same number of periods, plans the cohorts that started since at their
 * actual sizes, and compares with the customers counted calendar period by calendar period here.
 */
import fc from "fast-check";
import { fitCohortSbg } from "../../../src/model/history/cohort-survivors";
import { planBacktest, planBase, planInterval } from "../../../src/model/plan/plan-from-history";
import { sampleOrders } from "../../report/analysis-support";

/** A triangle simulated from α, β: cohort c of size n_c observed for ages 0..len − 1. */
function simulatedTriangle(seed: number, cohorts: number): number[][] {
  let state = seed >>> 0 || 1;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const rows: number[][] = [];
  for (let c = 0; c < cohorts; c++) {
    const row = [200 + Math.floor(uniform() * 300)];
    const length = cohorts - c; // every row ends now
    for (let t = 1; t < length; t++) {
      const churn = 0.9 / (0.9 + 2.5 + t - 1);
      let alive = 0;
      for (let i = 0; i < row[t - 1]; i++) if (uniform() >= churn) alive++;
      row.push(alive);
    }
    rows.push(row);
  }
  return rows;
}

test("the backtest against a calendar-by-calendar count written here", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1e9 }),
      fc.integer({ min: 8, max: 24 }),
      fc.integer({ min: 1, max: 6 }),
      (seed, cohorts, periods) => {
        const triangle = simulatedTriangle(seed, cohorts);
        const backtest = planBacktest(triangle, periods);
        const cut = triangle
          .slice(0, cohorts - periods)
          .map((row) => row.slice(0, row.length - periods));
        let fit: { alpha: number; beta: number };
        try {
          fit = fitCohortSbg(cut);
        } catch {
          // Too little history before the cut to fit (one survival step, all kept): no backtest.
          expect(backtest).toBeNull();
          return;
        }
        expect(backtest).not.toBeNull();
        if (backtest === null) return;
        // What happened: calendar period now − periods + k, summed over the cohorts alive by then.
        const now = cohorts - 1; // calendar index of the last cell
        for (let k = 1; k <= periods; k++) {
          const calendar = now - periods + k;
          let actual = 0;
          triangle.forEach((row, c) => {
            if (c <= calendar) actual += row[calendar - c];
          });
          expect(backtest.actual[k - 1]).toBe(actual);
        }
        // The forecast from the cut triangle, by the sBG formula in plain loops.
        const { alpha, beta } = fit;
        const r = (t: number) => (beta + t - 1) / (alpha + beta + t - 1);
        const S = (t: number) => {
          let s = 1;
          for (let i = 1; i <= t; i++) s *= r(i);
          return s;
        };
        for (let k = 1; k <= periods; k++) {
          let expected = 0;
          cut.forEach((row) => {
            const a = row.length - 1;
            expected += (row[a] * S(a + k)) / S(a);
          });
          // Cohorts started since the cut: cohort c starts at calendar c, future period c − (now − periods).
          triangle.forEach((row, c) => {
            const j = c - (now - periods);
            if (j >= 1 && j <= k) expected += row[0] * S(k - j);
          });
          expect(Math.abs(backtest.forecast[k - 1] - expected)).toBeLessThan(
            1e-9 * Math.max(1, expected)
          );
        }
      }
    ),
    { numRuns: 60 }
  );
});

test("the base from the sample orders: today's customers, the fit, the latest revenue per customer", () => {
  const analysis = sampleOrders();
  const base = planBase(analysis);
  expect(base.cohorts).toHaveLength(base.triangle.length);
  base.cohorts.forEach((c, i) => {
    expect(c.age).toBe(base.triangle[i].length - 1);
    expect(c.customers).toBe(base.triangle[i][c.age]);
  });
  expect(base.alpha).toBeGreaterThan(0);
  const latest = analysis.latest!;
  const active = latest.newCustomers + latest.returningCustomers;
  expect(base.revenuePerCustomer).toBeCloseTo(
    (latest.newBill! * latest.newCustomers + latest.returningBill! * latest.returningCustomers) /
      active,
    9
  );
  const interval = planInterval(base, [50, 50, 50], 12, 0.8);
  expect(interval.low).toHaveLength(12);
  for (let k = 0; k < 12; k++) expect(interval.low[k]).toBeLessThanOrEqual(interval.high[k]);
});

test("too little history a year back gives no backtest", () => {
  expect(planBacktest([[100, 80, 70]], 12)).toBeNull();
});
