/*
 * The BG/NBD forecast by future period against direct sums written here: E[X(t)] and
 * E[Y(t) | x, t_x, T] from Fader, Hardie & Lee's closed forms with ₂F₁ summed term by term,
 * differenced period by period and summed over customers and planned cohorts in plain loops;
 * the interval against the delta method written out with those sums.
 */
import fc from "fast-check";
import { bgnbdPurchaseForecast, groupCustomers } from "../../../src/model/plan/bgnbd-forecast";
import { bgnbdForecastInterval } from "../../../src/model/plan/bgnbd-forecast-interval";

/** ₂F₁(a, b; c; z) by its power series, for 0 ≤ z ≤ 0.9. */
function hypergeometric(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 200_000; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

interface P {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** E[X(t)] of a new customer (FHL 2005, eq. 7). */
const expectedNew = ({ r, alpha, a, b }: P, t: number) =>
  t === 0
    ? 0
    : ((a + b - 1) / (a - 1)) *
      (1 - Math.pow(alpha / (alpha + t), r) * hypergeometric(r, b, a + b - 1, t / (alpha + t)));

/** E[Y(t) | x, t_x, T] (FHL 2005, eq. 10). */
function expectedGiven({ r, alpha, a, b }: P, x: number, tx: number, T: number, t: number) {
  if (t === 0) return 0;
  const z = t / (alpha + T + t);
  const bracket =
    1 -
    Math.pow((alpha + T) / (alpha + T + t), r + x) * hypergeometric(r + x, b + x, a + b + x - 1, z);
  const alive = 1 + (x > 0 ? (a / (b + x - 1)) * Math.pow((alpha + T) / (alpha + tx), r + x) : 0);
  return (((a + b + x - 1) / (a - 1)) * bracket) / alive;
}

type Customer = [x: number, tx: number, T: number];

function reference(p: P, customers: Customer[], planned: number[], periods: number) {
  const rows: number[][] = [];
  for (let k = 1; k <= periods; k++) {
    let existing = 0;
    for (const [x, tx, T] of customers)
      existing += expectedGiven(p, x, tx, T, k) - expectedGiven(p, x, tx, T, k - 1);
    let added = 0;
    for (let j = 1; j <= k && j <= planned.length; j++)
      added +=
        planned[j - 1] * ((k === j ? 1 : 0) + expectedNew(p, k - j + 1) - expectedNew(p, k - j));
    rows.push([existing, added, existing + added]);
  }
  return rows;
}

const parameters = fc.record({
  r: fc.double({ min: 0.2, max: 3, noNaN: true }),
  alpha: fc.double({ min: 3, max: 15, noNaN: true }),
  a: fc.double({ min: 1.2, max: 5, noNaN: true }),
  b: fc.double({ min: 0.5, max: 6, noNaN: true }),
});
const customer = fc
  .tuple(
    fc.integer({ min: 0, max: 8 }),
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 5, max: 40 })
  )
  .map(([x, share, T]): Customer => [x, x === 0 ? 0 : Math.round(share * T * 10) / 10, T]);

const columns = (customers: Customer[]) =>
  [0, 1, 2].map((i) => Float64Array.from(customers.map((c) => c[i])));

describe("bgnbdPurchaseForecast", () => {
  it("matches direct sums of the BG/NBD expectations (property)", () => {
    fc.assert(
      fc.property(
        parameters,
        fc.array(customer, { minLength: 0, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 500 }), { maxLength: 14 }),
        fc.integer({ min: 1, max: 12 }),
        (p, customers, planned, periods) => {
          const [x, tx, T] = columns(customers);
          const f = bgnbdPurchaseForecast(groupCustomers(x, tx, T), p, planned, periods);
          reference(p, customers, planned, periods).forEach(([existing, added, total], i) => {
            expect(Math.abs(f.existing[i] - existing)).toBeLessThanOrEqual(
              1e-8 * Math.max(1, existing)
            );
            expect(Math.abs(f.added[i] - added)).toBeLessThanOrEqual(1e-8 * Math.max(1, added));
            expect(Math.abs(f.total[i] - total)).toBeLessThanOrEqual(1e-8 * Math.max(1, total));
          });
        }
      ),
      { numRuns: 80 }
    );
  });

  it("groups identical histories, and weights count customers", () => {
    const groups = groupCustomers([2, 2, 0], [3, 3, 0], [10, 10, 10], [1, 2, 0]);
    expect(groups).toEqual([{ x: 2, tx: 3, T: 10, count: 3 }]);
  });

  it("a planned customer buys once at the start of its period", () => {
    const p = { r: 1, alpha: 5, a: 2, b: 3 };
    const f = bgnbdPurchaseForecast([], p, [0, 10], 3);
    expect(f.added[0]).toBe(0);
    expect(f.added[1]).toBeCloseTo(10 * (1 + expectedNew(p, 1)), 10);
  });
});

describe("bgnbdForecastInterval", () => {
  it("is the delta method with independent log-scale errors plus a Poisson count", () => {
    fc.assert(
      fc.property(
        parameters,
        fc.array(customer, { minLength: 1, maxLength: 8 }),
        fc.array(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.constantFrom(0.8, 0.95),
        (p, customers, relative, level) => {
          const periods = 6;
          const planned = [50, 50];
          const [x, tx, T] = columns(customers);
          const groups = groupCustomers(x, tx, T);
          const names = ["r", "alpha", "a", "b"] as const;
          const errors = names.map((n, i) => relative[i] * p[n]);
          const total = reference(p, customers, planned, periods).map((row) => row[2]);
          const { low, high } = bgnbdForecastInterval(
            groups,
            p,
            errors,
            planned,
            periods,
            level,
            total
          );
          const z = level === 0.8 ? 1.2815515655446004 : 1.959963984540054;
          for (let k = 0; k < periods; k++) {
            let variance = total[k];
            names.forEach((n, i) => {
              const h = 1e-4;
              const up = reference({ ...p, [n]: p[n] * Math.exp(h) }, customers, planned, periods)[
                k
              ][2];
              const down = reference(
                { ...p, [n]: p[n] * Math.exp(-h) },
                customers,
                planned,
                periods
              )[k][2];
              variance += (((up - down) / (2 * h)) * relative[i]) ** 2;
            });
            const spread = z * Math.sqrt(variance);
            expect(high[k]).toBeCloseTo(total[k] + spread, 5);
            expect(low[k]).toBeCloseTo(Math.max(0, total[k] - spread), 5);
          }
        }
      ),
      { numRuns: 25 }
    );
  });
});
