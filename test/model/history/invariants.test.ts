/** Identities every analysis must satisfy, on generated tables of realistic shape. */

import fc from "fast-check";
import { OrdersAnalysis, SubscriptionsAnalysis } from "../../../src/model/history/analysis";
import { cohortCell } from "../../../src/model/history/cohorts";
import { CustomerPeriodAccumulator } from "../../../src/model/history/customer-periods";
import { kaplanMeier } from "../../../src/model/history/kaplan-meier";
import { NO_BASE, periodRetentionRate } from "../../../src/model/history/period-retention";
import { periodStart, PeriodUnit } from "../../../src/model/history/periods";
import { periodKey } from "./reference";
import { syntheticOrders, syntheticSubscriptions } from "../../support/synthetic-data";

// Hundreds of random tables per property: generous on a loaded 2-core machine.
jest.setTimeout(120_000);

const units: PeriodUnit[] = ["week", "month", "quarter"];

function ordersAnalysis(seed: number, unit: PeriodUnit, window: number) {
  const data = syntheticOrders({ customers: 120, months: 14, seed });
  const a = new OrdersAnalysis({ unit, window, hasRevenue: true });
  data.date.forEach((d, i) => a.add(i + 1, data.customer[i], d, data.amount[i]));
  // Customers: everyone with a purchase (a refund alone makes nobody a customer).
  return {
    analysis: a.finish(),
    customers: new Set(data.customer.filter((_, i) => data.amount[i] >= 0)).size,
  };
}

function subscriptionsAnalysis(seed: number, unit: PeriodUnit) {
  const data = syntheticSubscriptions({ customers: 100, months: 14, seed });
  const a = new SubscriptionsAnalysis({ unit, hasRevenue: true });
  data.start.forEach((s, i) => a.add(i + 1, data.customer[i], s, data.end[i], data.mrr[i]));
  // Customers: everyone subscribed for at least a day.
  const subscribed = data.customer.filter(
    (_, i) => data.end[i] === null || data.end[i]! > data.start[i]
  );
  return { analysis: a.finish(), customers: new Set(subscribed).size };
}

const cases = fc.record({
  seed: fc.integer({ min: 1, max: 1e6 }),
  unit: fc.constantFrom(...units),
  window: fc.integer({ min: 1, max: 3 }),
});

test.each(["orders", "subscriptions"])(
  "%s: E = kept + reactivated + N, churned + kept = S, S(p) = E(p − 1)",
  (shape) => {
    fc.assert(
      fc.property(cases, ({ seed, unit, window }) => {
        const { analysis } =
          shape === "orders"
            ? ordersAnalysis(seed, unit, window)
            : subscriptionsAnalysis(seed, unit);
        const t = analysis.retention;
        for (let i = 0; i < t.end.length; i++) {
          expect(t.end[i]).toBe(t.kept[i] + t.reactivated[i] + t.won[i]);
          expect(t.churned[i] + t.kept[i]).toBe(t.start[i]);
          expect(t.start[i]).toBe(i === 0 ? 0 : t.end[i - 1]);
        }
      }),
      { numRuns: 12 }
    );
  }
);

test.each(["orders", "subscriptions"])(
  "%s: cohort sizes sum to the customers; column 0 of the shares is 100%%",
  (shape) => {
    fc.assert(
      fc.property(cases, ({ seed, unit, window }) => {
        const { analysis, customers } =
          shape === "orders"
            ? ordersAnalysis(seed, unit, window)
            : subscriptionsAnalysis(seed, unit);
        const c = analysis.cohorts;
        expect(Array.from(c.size).reduce((sum, x) => sum + x, 0)).toBe(customers);
        for (let r = 0; r < c.cohort.length; r++) expect(cohortCell(c, "share", r, 0)).toBe(1);
      }),
      { numRuns: 12 }
    );
  }
);

test("Kaplan-Meier: S is non-increasing within [0, 1]; with no censoring it is the plain empirical survival", () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ d: fc.integer({ min: 0, max: 20 }), churned: fc.boolean() }), {
        minLength: 1,
        maxLength: 80,
      }),
      (rows) => {
        const km = kaplanMeier({
          duration: Float64Array.from(rows.map((r) => r.d)),
          churned: Uint8Array.from(rows.map((r) => (r.churned ? 1 : 0))),
          weight: new Float64Array(rows.length).fill(1),
          count: rows.length,
        });
        for (let k = 0; k < km.time.length; k++) {
          expect(km.survival[k]).toBeGreaterThanOrEqual(0);
          expect(km.survival[k]).toBeLessThanOrEqual(1);
          if (k > 0) expect(km.survival[k]).toBeLessThanOrEqual(km.survival[k - 1]);
          expect(km.lower[k]).toBeLessThanOrEqual(km.survival[k] + 1e-15);
          expect(km.upper[k]).toBeGreaterThanOrEqual(km.survival[k] - 1e-15);
        }
        const uncensored = kaplanMeier({
          duration: Float64Array.from(rows.map((r) => r.d)),
          churned: new Uint8Array(rows.length).fill(1),
          weight: new Float64Array(rows.length).fill(1),
          count: rows.length,
        });
        for (let k = 0; k < uncensored.time.length; k++) {
          const empirical = rows.filter((r) => r.d > uncensored.time[k]).length / rows.length;
          expect(uncensored.survival[k]).toBeCloseTo(empirical, 12);
        }
      }
    ),
    { numRuns: 200 }
  );
});

test("folding rows in many small batches gives the same cells as folding them at once", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: 30 }),
          fc.integer({ min: 45000, max: 45400 }),
          fc.integer({ min: -20, max: 100 })
        ),
        {
          maxLength: 300,
        }
      ),
      fc.integer({ min: 1, max: 9 }),
      fc.constantFrom<PeriodUnit>("day", "week", "month"),
      (rows, batch, unit) => {
        const once = new CustomerPeriodAccumulator(unit);
        const often = new CustomerPeriodAccumulator(unit, batch);
        for (const [c, d, a] of rows) {
          once.addDay(c, d, a, a >= 0);
          often.addDay(c, d, a, a >= 0);
        }
        expect(often.finish(31)).toEqual(once.finish(31));
      }
    ),
    { numRuns: 200 }
  );
});

test("the accumulator's cells are each customer's sums by period, against a brute-force grouping", () => {
  const row = fc.record({
    customer: fc.integer({ min: 0, max: 12 }),
    day: fc.integer({ min: 45000, max: 45800 }),
    // Whole amounts keep the sums exact whatever the order they are added in; NaN: no amount.
    amount: fc.oneof(fc.integer({ min: -40, max: 200 }), fc.constant(NaN)),
    active: fc.boolean(),
  });
  fc.assert(
    fc.property(
      // Up to 400 rows over 13 customers: some customers get more than 32 rows in a period table.
      fc.array(row, { maxLength: 400 }),
      fc.constantFrom<PeriodUnit>("day", "week", "month", "quarter"),
      fc.constantFrom(1, 3, 50, undefined),
      fc.boolean(),
      fc.integer({ min: 0, max: 20 }),
      (rows, unit, bufferRows, sized, knownCustomers) => {
        const acc = new CustomerPeriodAccumulator(unit, bufferRows, sized ? rows.length : 0);
        for (const r of rows) acc.addDay(r.customer, r.day, r.amount, r.active);
        const cells = acc.finish(knownCustomers);

        // Brute force: one entry per (customer, period first day), in a plain Map.
        const expected = new Map<string, { revenue: number; sales: number; active: number }>();
        let maxCustomer = -1;
        for (const r of rows) {
          const key = `${r.customer} ${periodKey(r.day, unit)}`;
          const cell = expected.get(key) ?? { revenue: 0, sales: 0, active: 0 };
          if (!Number.isNaN(r.amount)) {
            cell.revenue += r.amount;
            if (r.amount >= 0) cell.sales += r.amount;
          }
          if (r.active) cell.active = 1;
          expected.set(key, cell);
          maxCustomer = Math.max(maxCustomer, r.customer);
        }

        expect(cells.customerCount).toBe(Math.max(knownCustomers, maxCustomer + 1));
        expect(cells.offsets.length).toBe(cells.customerCount + 1);
        expect(cells.offsets[cells.customerCount]).toBe(expected.size);
        expect(cells.period.length).toBe(expected.size);
        const seen = new Set<string>();
        for (let c = 0; c < cells.customerCount; c++)
          for (let k = cells.offsets[c]; k < cells.offsets[c + 1]; k++) {
            if (k > cells.offsets[c]) expect(cells.period[k]).toBeGreaterThan(cells.period[k - 1]);
            const key = `${c} ${periodStart(cells.period[k], unit)}`;
            expect(expected.get(key)).toEqual({
              revenue: cells.revenue[k],
              sales: cells.sales[k],
              active: cells.active[k],
            });
            seen.add(key);
          }
        expect(seen.size).toBe(expected.size);
        if (rows.length > 0) {
          expect(periodStart(cells.firstPeriod, unit)).toBe(
            Math.min(...rows.map((r) => periodKey(r.day, unit)))
          );
          expect(periodStart(cells.lastPeriod, unit)).toBe(
            Math.max(...rows.map((r) => periodKey(r.day, unit)))
          );
        } else expect(cells.lastPeriod).toBeLessThan(cells.firstPeriod);
      }
    ),
    { numRuns: 300 }
  );
});

test("a period with no customers at its start, and only it, has no retention rate: NO_BASE", () => {
  fc.assert(
    fc.property(cases, ({ seed, unit, window }) => {
      const r = ordersAnalysis(seed, unit, window).analysis.retention;
      for (let i = 0; i < r.start.length; i++) {
        const rate = periodRetentionRate(r, i);
        if (r.start[i] === 0) expect(rate).toBe(NO_BASE);
        else expect(rate).toBeCloseTo((r.end[i] - r.won[i]) / r.start[i], 12);
      }
    }),
    { numRuns: 40 }
  );
});
