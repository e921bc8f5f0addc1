/**
 * The sBG's survivor rows and fits (cohort-survivors.ts) on random data: the rows the model reads
 * from an orders analysis against survivors counted by plain loops over the order rows (cohort =
 * first purchase's period, survived to age t while the last purchase's window reaches it), and
 * the fits the pane offers (every holdout) against the pooled curve, the holdout slicing and the
 * likelihood of docs/definitions.md §7, all written out here.
 */
import fc from "fast-check";
import { OrdersAnalysis } from "../../../src/model/history/analysis";
import {
  CohortSbgFit,
  cohortSbgFits,
  cohortSurvivors,
  fitCohortSbg,
  SBG_MAX_HOLDOUT,
} from "../../../src/model/history/cohort-survivors";
import { OrderRow, periodKey, periodKeys, Unit } from "./reference";

jest.setTimeout(120_000);

const BASE = 45_200; // 2023-10-01

const ordersArb = (span: number) =>
  fc.array(
    fc.record({
      customer: fc.constantFrom("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"),
      day: fc.integer({ min: BASE, max: BASE + span }),
      // Refunds (negative) never make a customer active; null: no amount.
      amount: fc.oneof(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: -30, max: -1 }),
        fc.constant(null)
      ),
    }),
    { minLength: 1, maxLength: 40 }
  );

/** Survivors per cohort by plain loops over the rows, ages 0 … the last period. */
function bruteSurvivors(rows: OrderRow[], unit: Unit, window: number): number[][] {
  const days = rows.map((r) => r.day);
  const keys = periodKeys(Math.min(...days), Math.max(...days), unit);
  const first = new Map<string | number, number>();
  const last = new Map<string | number, number>();
  for (const r of rows) {
    if (r.amount !== null && r.amount < 0) continue;
    const k = keys.indexOf(periodKey(r.day, unit));
    first.set(r.customer, Math.min(first.get(r.customer) ?? Infinity, k));
    last.set(r.customer, Math.max(last.get(r.customer) ?? -Infinity, k));
  }
  const out: number[][] = [];
  for (let cohort = 0; cohort < keys.length; cohort++) {
    const members = [...first.keys()].filter((c) => first.get(c) === cohort);
    if (members.length === 0) continue;
    const row: number[] = [];
    for (let age = 0; cohort + age < keys.length; age++)
      row.push(members.filter((c) => last.get(c)! + window - 1 >= cohort + age).length);
    out.push(row);
  }
  return out;
}

/** S(t) = Π_{j<t} (β+j)/(α+β+j), by the product itself. */
function survivalAt(alpha: number, beta: number, t: number): number {
  let s = 1;
  for (let j = 0; j < t; j++) s *= (beta + j) / (alpha + beta + j);
  return s;
}

/** Σ_c [Σ_t (n_{t−1} − n_t)·ln P(T=t) + n_k·ln S(k)], P(T=t) = S(t−1) − S(t). */
function logLikelihood(rows: number[][], alpha: number, beta: number): number {
  let ll = 0;
  for (const row of rows) {
    const k = row.length - 1;
    for (let t = 1; t <= k; t++) {
      const lost = row[t - 1] - row[t];
      if (lost > 0)
        ll += lost * Math.log(survivalAt(alpha, beta, t - 1) - survivalAt(alpha, beta, t));
    }
    if (row[k] > 0) ll += row[k] * Math.log(survivalAt(alpha, beta, k));
  }
  return ll;
}

/** Actual survival pooled over the cohorts observed at each next age (docs/definitions.md §7). */
function pooledCurve(rows: number[][]): number[] {
  const used = rows.filter((row) => row.length >= 2 && row[0] > 0);
  const curve = [1];
  for (let j = 0; ; j++) {
    let atRisk = 0;
    let renewed = 0;
    for (const row of used)
      if (row.length > j + 1) {
        atRisk += row[j];
        renewed += row[j + 1];
      }
    if (atRisk === 0) return curve;
    curve.push((curve[j] * renewed) / atRisk);
  }
}

/** Random triangles: each cohort observed one period less than the one before, never growing. */
const triangleArb = fc
  .record({
    periods: fc.integer({ min: 1, max: 20 }),
    cohorts: fc.array(
      fc.record({
        size: fc.integer({ min: 0, max: 300 }),
        kept: fc.array(fc.double({ min: 0.3, max: 1, noNaN: true }), {
          minLength: 20,
          maxLength: 20,
        }),
      }),
      { minLength: 1, maxLength: 10 }
    ),
  })
  .map(({ periods, cohorts }) =>
    cohorts.map(({ size, kept }, c) => {
      const row = [size];
      for (let t = 1; t <= periods - c; t++) row.push(Math.floor(row[t - 1] * kept[t - 1]));
      return row;
    })
  );

describe("survivor rows", () => {
  test.each<[Unit, number]>([
    ["month", 1],
    ["month", 3],
    ["week", 2],
    ["quarter", 1],
  ])("by %s with a window of %i = plain loops over the orders", (unit, window) => {
    fc.assert(
      fc.property(ordersArb(unit === "week" ? 120 : 400), (rows) => {
        fc.pre(rows.some((r) => r.amount === null || r.amount >= 0));
        const analysis = new OrdersAnalysis({ unit, window, hasRevenue: true });
        rows.forEach((r, i) => analysis.add(i + 1, r.customer, r.day, r.amount));
        const survivors = cohortSurvivors(analysis.finish());
        expect(survivors).toEqual(bruteSurvivors(rows, unit, window));
        // Rows, not a padded grid: every entry is a count.
        for (const row of survivors) for (const n of row) expect(Number.isInteger(n)).toBe(true);
      }),
      { numRuns: 150 }
    );
  });
});

describe("the fits the pane offers", () => {
  test("one per holdout, each the fit of the triangle cut before the held-out periods", () => {
    fc.assert(
      fc.property(triangleArb, (rows) => {
        const fits = cohortSbgFits(rows);
        const actual = pooledCurve(rows);
        expect(fits.actual).toHaveLength(actual.length);
        fits.actual.forEach((s, t) => expect(s).toBeCloseTo(actual[t], 12));
        const periods = actual.length - 1;
        const holdouts = Math.max(0, Math.min(SBG_MAX_HOLDOUT, periods - 2));
        expect(fits.byHoldout).toHaveLength(holdouts + 1);
        // No holdout: the fit of every row as it is, as the analysis sheet fits it.
        const whole = (() => {
          try {
            return fitCohortSbg(rows);
          } catch (error) {
            return (error as Error).message;
          }
        })();
        expect(fits.byHoldout[0]).toEqual(whole);
        for (let h = 1; h <= holdouts; h++) {
          const cut = rows.map((row) => row.slice(0, periods - h + 1));
          let expected: CohortSbgFit | string;
          try {
            expected = fitCohortSbg(cut);
          } catch (error) {
            expected = (error as Error).message;
          }
          expect(fits.byHoldout[h]).toEqual(expected);
        }
      }),
      { numRuns: 200 }
    );
  });

  test("each fit is the likelihood's maximum: no nearby α, β does better", () => {
    let checked = 0;
    fc.assert(
      fc.property(triangleArb, (rows) => {
        const fits = cohortSbgFits(rows);
        const periods = fits.actual.length - 1;
        fits.byHoldout.forEach((fit, h) => {
          if (typeof fit === "string") return;
          checked++;
          const cut = rows.map((row) => row.slice(0, periods - h + 1));
          const best = logLikelihood(cut, fit.alpha, fit.beta);
          expect(fit.cohorts).toBe(cut.filter((r) => r.length >= 2 && r[0] > 0).length);
          for (const [da, db] of [
            [1.01, 1],
            [0.99, 1],
            [1, 1.01],
            [1, 0.99],
            [1.01, 1.01],
            [0.99, 0.99],
          ])
            expect(logLikelihood(cut, fit.alpha * da, fit.beta * db)).toBeLessThanOrEqual(
              best + 1e-9 * Math.abs(best)
            );
        });
      }),
      { numRuns: 100 }
    );
    // Most random triangles have a fit (the rest have no finite maximum): the check is not empty.
    expect(checked).toBeGreaterThan(100);
  });

  test("no cohort observed past its first period: no fit, and the model says why", () => {
    const fits = cohortSbgFits([[5], [0, 0], [3]]);
    expect(fits.actual).toEqual([1]);
    expect(fits.byHoldout).toEqual(["no cohort has been observed for a period after its first"]);
  });
});
