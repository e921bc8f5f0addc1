/**
 * BG/BB in the customer-lifetime table: dated orders regrouped into opportunities of a year, a
 * quarter or a month. On random orders (fast-check), against plain loops written here:
 * - the summary (x, t_x, n) and each customer's purchases in the holdout, from each order's
 *   calendar period found with JavaScript's own calendar (not the model's period arithmetic);
 * - every row's P(alive), expected purchases and holdout expectation against bgbb.ts's functions
 *   called row by row, and the CLV against the definition summed opportunity by opportunity,
 *     E[M | x, m] · Σ_{k=1..H} (E[Y(k)] − E[Y(k−1)]) / (1+d)^k, d per opportunity;
 * - the checks: the histogram's actual counts, the tracking's last cumulative count, and a
 *   comparison of BG/BB alone (its likelihood is of opportunities: nothing to rank it against).
 */
import fc from "fast-check";
import {
  CustomerLifetimeAnalysis,
  CustomerLifetimeTable,
  OpportunityUnit,
} from "../../../src/model/buyers/customer-lifetime";
import {
  compareLifetimeModels,
  lifetimeChecks,
} from "../../../src/model/buyers/customer-lifetime-checks";
import {
  bgbbConditionalExpectedTransactions,
  bgbbProbabilityAlive,
} from "../../../src/model/buyers/bgbb";
import { bgbbDiscountedTransactions } from "../../../src/model/buyers/bgbb-discounted-transactions";
import { expectedAverageSpend } from "../../../src/model/buyers/gamma-gamma";
import { DomainError } from "../../../src/model/errors";

interface Order {
  customer: number;
  day: number;
  amount: number;
}

/**
 * Random orders over about eight years (serials 43000–46000), drawn as BG/BB tells it, month by
 * month: each customer has a chance to buy in a month and a chance to leave after it, both their
 * own (so customers differ, and some leave), and buys on a random day of the month; one order in
 * ten is a refund. fast-check draws the customers and the stream of draws (a PRNG from its number).
 */
const orders = fc
  .record({
    draws: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
    customers: fc.integer({ min: 60, max: 120 }),
  })
  .map(({ draws, customers }) => {
    let state = draws;
    const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const rows: Order[] = [];
    for (let c = 1; c <= customers; c++) {
      const buy = 0.1 + 0.8 * next();
      const leave = 0.3 * next() * next();
      let day = 43000 + Math.floor(next() * 2500);
      rows.push({ customer: c, day, amount: 50 });
      for (day += 30; day <= 46000; day += 30) {
        if (next() < buy) {
          const refund = next() < 0.1;
          rows.push({
            customer: c,
            day: Math.min(46000, day + Math.floor(next() * 30)),
            amount: refund ? -20 : 5 + Math.floor(next() * 195),
          });
        }
        if (next() < leave) break;
      }
    }
    return rows;
  });
const unitOf = fc.constantFrom<OpportunityUnit>("year", "quarter", "month");

/** An Excel serial's period by the JavaScript calendar: years, quarters or months since year 0. */
function periodByCalendar(serial: number, unit: OpportunityUnit): number {
  const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  const months = date.getUTCFullYear() * 12 + date.getUTCMonth();
  return unit === "year"
    ? Math.floor(months / 12)
    : unit === "quarter"
      ? Math.floor(months / 3)
      : months;
}

/** Per customer: the sorted distinct periods with a purchase (amount ≥ 0), up to `last`. */
function purchasePeriods(rows: Order[], unit: OpportunityUnit, last: number) {
  const byCustomer = new Map<string, Set<number>>();
  for (const o of rows) {
    if (o.amount < 0) continue;
    const p = periodByCalendar(o.day, unit);
    if (p > last) continue;
    const id = `C${o.customer}`;
    if (!byCustomer.has(id)) byCustomer.set(id, new Set());
    byCustomer.get(id)!.add(p);
  }
  return new Map([...byCustomer].map(([id, s]) => [id, [...s].sort((a, b) => a - b)]));
}

function tableOf(
  rows: Order[],
  unit: OpportunityUnit,
  held: number,
  horizon = 4
): CustomerLifetimeTable | null {
  const analysis = new CustomerLifetimeAnalysis();
  rows.forEach((o, i) => analysis.add(i + 1, `C${o.customer}`, o.day, o.amount));
  try {
    return analysis.finish({
      timeUnitDays: unit === "year" ? 365.25 : unit === "quarter" ? 365.25 / 4 : 365.25 / 12,
      holdoutDays: 0,
      horizon,
      annualDiscountRate: 0.1,
      model: "BGBB",
      opportunity: unit,
      holdoutOpportunities: held,
    });
  } catch (e) {
    // Random data the model refuses to fit says why; nothing to compare then.
    if (e instanceof DomainError) return null;
    throw e;
  }
}

const near = (a: number, b: number, rel: number) =>
  Math.abs(a - b) <= rel * Math.max(1e-12, Math.abs(b));

describe("BG/BB in the customer-lifetime table", () => {
  it("summarises the orders as (x, t_x, n) per opportunity, with the holdout's purchases, as a plain loop does", () => {
    let fitted = 0;
    fc.assert(
      fc.property(orders, unitOf, fc.integer({ min: 0, max: 2 }), (rows, unit, held) => {
        const table = tableOf(rows, unit, held);
        if (table === null) return;
        fitted++;
        const lastDay = Math.max(...rows.map((o) => o.day));
        const end = periodByCalendar(lastDay, unit);
        const calibrationEnd = end - held;
        const calibration = purchasePeriods(rows, unit, calibrationEnd);
        const all = purchasePeriods(rows, unit, end);
        const c = table.customers;
        expect(c.count).toBe(calibration.size);
        for (let k = 0; k < c.count; k++) {
          const id = String(table.ids.labels[c.customer[k]]);
          const periods = calibration.get(id)!;
          const first = periods[0];
          const x = periods.length - 1;
          expect([c.frequency[k], c.recency[k], c.age[k]]).toEqual([
            x,
            x > 0 ? periods[x] - first : 0,
            calibrationEnd - first,
          ]);
          if (held > 0) {
            const later = all.get(id)!.filter((p) => p > calibrationEnd).length;
            expect(table.holdout!.actual[k]).toBe(later);
          }
        }
        if (held === 0) expect(table.holdout).toBeNull();
        else expect(table.holdout!.length).toBe(held);
        expect(table.opportunity).toEqual({ unit, calibrationEnd, end });
      }),
      { numRuns: 12 }
    );
    // Most draws fit (a draw where nobody differs enough has no finite fit, and says so).
    expect(fitted).toBeGreaterThan(4);
  });

  it("gives each row BG/BB's own P(alive), expectations and CLV summed opportunity by opportunity", () => {
    let fitted = 0;
    let valued = 0;
    fc.assert(
      fc.property(
        orders,
        unitOf,
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 6 }),
        (rows, unit, held, horizon) => {
          const table = tableOf(rows, unit, held, horizon);
          if (table === null) return;
          fitted++;
          const [alpha, beta, gamma, delta] = table.purchases.parameters;
          const parameters = { alpha, beta, gamma, delta };
          const perOpportunity = Math.pow(1.1, table.options.timeUnitDays / 365.25) - 1;
          const { frequency: x, recency: tx, age: n, monetary: m } = table.customers;
          for (let k = 0; k < x.length; k++) {
            expect(
              near(table.pAlive[k], bgbbProbabilityAlive(x[k], tx[k], n[k], parameters), 1e-12)
            ).toBe(true);
            const E = (t: number) =>
              bgbbConditionalExpectedTransactions(x[k], tx[k], n[k], t, parameters);
            expect(near(table.expectedPurchases[k], E(horizon), 1e-12)).toBe(true);
            if (held > 0) expect(near(table.holdout!.expected[k], E(held), 1e-12)).toBe(true);
            if (table.spend === null) {
              expect(table.clv[k]).toBeNaN();
              continue;
            }
            valued++;
            let discounted = 0;
            for (let j = 1; j <= horizon; j++)
              discounted += (E(j) - E(j - 1)) / Math.pow(1 + perOpportunity, j);
            const s = table.spend;
            const spend = expectedAverageSpend(x[k], m[k], s.p, s.q, s.gamma);
            expect(near(table.clv[k], spend * discounted, 1e-9)).toBe(true);
          }
        }
      ),
      { numRuns: 12 }
    );
    expect(fitted).toBeGreaterThan(4);
    expect(valued).toBeGreaterThan(0);
  });

  it("sums BG/BB's discounted transactions as the plain definition does, far horizons included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 20, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 200 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (p, a, b, c, H, d) => {
          const [n, tx, x] = [a + b + c, a + b, Math.min(a, a + b)];
          const xs = tx === 0 ? 0 : Math.max(1, x);
          const parameters = { alpha: p[0], beta: p[1], gamma: p[2], delta: p[3] };
          let sum = 0;
          let before = 0;
          for (let k = 1; k <= H; k++) {
            const now = bgbbConditionalExpectedTransactions(xs, tx, n, k, parameters);
            sum += (now - before) / Math.pow(1 + d, k);
            before = now;
          }
          const got = bgbbDiscountedTransactions(xs, tx, n, H, d, p);
          expect(Math.abs(got - sum)).toBeLessThanOrEqual(1e-10 * Math.max(1, sum));
        }
      ),
      { numRuns: 200 }
    );
  });

  it("checks BG/BB on its opportunities and compares it with no continuous model", () => {
    let fitted = 0;
    fc.assert(
      fc.property(
        orders,
        fc.constantFrom<OpportunityUnit>("quarter", "month"),
        fc.integer({ min: 1, max: 2 }),
        (rows, unit, held) => {
          const table = tableOf(rows, unit, held);
          if (table === null) return;
          fitted++;
          const checks = lifetimeChecks(table);
          const x = table.customers.frequency;
          const actual = new Array(8).fill(0);
          for (const v of x) actual[Math.min(7, v)]++;
          expect(Array.from(checks.histogram.actual)).toEqual(actual);
          const t = checks.tracking!;
          const repeats = x.reduce((s, v) => s + v, 0);
          expect(t.cumulativeActual[t.calibrationPeriods - 1]).toBe(repeats);
          expect(t.cumulativeActual[t.cumulativeActual.length - 1]).toBe(
            repeats + table.holdout!.actualTotal
          );
          // Period ends are serial days: the calibration's last at the table's calibration end.
          expect(t.periodEnd[t.calibrationPeriods - 1]).toBe(table.calibrationEnd);
          expect(t.periodEnd[t.periodEnd.length - 1]).toBe(table.lastDay);
          const comparison = compareLifetimeModels(table);
          expect(comparison.data).toBe("opportunities");
          expect(comparison.rows.map((r) => r.model)).toEqual(["BGBB"]);
          expect(comparison.best).toBeNull();
          expect(comparison.rows[0].logLikelihood).toBeCloseTo(table.purchases.logLikelihood, 6);
          expect(comparison.rows[0].holdoutExpected!).toBeCloseTo(table.holdout!.expectedTotal, 6);
        }
      ),
      { numRuns: 12 }
    );
    expect(fitted).toBeGreaterThan(4);
  });

  it("refuses a holdout that leaves no opportunity to fit on", () => {
    const analysis = new CustomerLifetimeAnalysis();
    analysis.add(1, "A", 45000, 10);
    analysis.add(2, "A", 45400, 10);
    expect(() =>
      analysis.finish({
        timeUnitDays: 365.25,
        holdoutDays: 0,
        horizon: 3,
        annualDiscountRate: 0.1,
        model: "BGBB",
        opportunity: "year",
        holdoutOpportunities: 2,
      })
    ).toThrow(/holdout/);
  });

  it("orders in two years are too few yearly opportunities: it says to choose a quarter or a month", () => {
    // 18 months of orders, as the sample's: 2024-07 to 2025-12 fall in two years, six quarters.
    const rows: Order[] = [];
    for (let c = 1; c <= 40; c++)
      for (let day = 45474 + c; day <= 46020; day += 40 + (c % 7) * 20)
        rows.push({ customer: c, day, amount: 20 });
    const finish = (opportunity: OpportunityUnit) => () => {
      const analysis = new CustomerLifetimeAnalysis();
      rows.forEach((o, i) => analysis.add(i + 1, `C${o.customer}`, o.day, o.amount));
      return analysis.finish({
        timeUnitDays: 365.25,
        holdoutDays: 0,
        horizon: 3,
        annualDiscountRate: 0.1,
        model: "BGBB",
        opportunity,
        holdoutOpportunities: 0,
      });
    };
    expect(finish("year")).toThrow(
      "the orders fall in 2 years: BG/BB needs at least 3 opportunities to fit; choose a quarter or a month as the opportunity"
    );
    expect(finish("quarter")).not.toThrow(/needs at least 3 opportunities/);
  });
});
