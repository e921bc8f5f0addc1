/**
 * Every data definition against its brute-force reference (reference.ts) on random tables:
 * unsorted rows, text and numeric ids (1001 = "1001"), ISO text dates, refunds, blank rows and
 * desktop Excel's zeros for blanks, every period unit, activity windows and end dates.
 */

import fc from "fast-check";
import { cohortTable } from "../../../src/model/history/cohorts";
import { isoTextFromSerial } from "../../../src/model/reading/excel-dates";
import { kaplanMeier } from "../../../src/model/history/kaplan-meier";
import {
  periodRetentionFromOrders,
  periodRetentionFromSubscriptions,
  periodStarts,
} from "../../../src/model/history/period-retention";
import { PeriodUnit } from "../../../src/model/history/periods";
import { revenueMovements } from "../../../src/model/history/revenue-movements";
import { rfmSummary } from "../../../src/model/history/rfm";
import { subscriptionPeriods } from "../../../src/model/history/subscription-periods";
import { Column, ordersByPeriod, readSubscriptions } from "../../../src/model/history/table-folding";
import {
  OrderRow,
  referenceKaplanMeier,
  referenceOrderCohorts,
  referenceOrderMovements,
  referenceOrderRetention,
  referenceRfm,
  referenceSubscriptionCohorts,
  referenceSubscriptionMovements,
  referenceSubscriptionRetention,
  SubscriptionRow,
  SurvivalRow,
} from "./reference";

// Hundreds of random tables per property: generous on a loaded 2-core machine.
jest.setTimeout(120_000);

const UNITS: PeriodUnit[] = ["day", "week", "month", "quarter", "year"];
const BASE = 45_200; // 2023-10-01
const column = (cells: unknown[]): Column => ({ length: cells.length, at: (i) => cells[i] });

/** The reference's own idea of one customer: numeric text is its number. */
const canonical = (id: string | number) =>
  typeof id === "string" && /^\d+$/.test(id) && String(Number(id)) === id ? Number(id) : id;

const idArb = fc.oneof(
  fc.constantFrom("C1", "C2", "c1", "C3", "C-4"),
  fc.integer({ min: 1, max: 3 }),
  fc.constantFrom("1", "2")
);
const dayArb = (span: number) => fc.integer({ min: BASE, max: BASE + span });

interface OrderTable {
  rows: OrderRow[];
  cells: { ids: unknown[]; dates: unknown[]; amounts: unknown[] };
}

/** Random orders as cells, with blank rows (empty, or desktop Excel's zeros) mixed in. */
const ordersArb = (span: number, withAmounts: boolean) =>
  fc
    .array(
      fc.record({
        id: idArb,
        day: dayArb(span),
        amount: withAmounts
          ? fc.option(fc.integer({ min: -40, max: 200 }), { freq: 6 })
          : fc.constant(null),
        isoText: fc.boolean(),
        blank: fc.constantFrom<false | "empty" | "zeros">(
          false,
          false,
          false,
          false,
          false,
          "empty",
          "zeros"
        ),
      }),
      { minLength: 1, maxLength: 40 }
    )
    .filter((list) => list.some((r) => !r.blank))
    .map((list): OrderTable => {
      const cells = { ids: [] as unknown[], dates: [] as unknown[], amounts: [] as unknown[] };
      const rows: OrderRow[] = [];
      for (const r of list) {
        if (r.blank) {
          const b = r.blank === "empty" ? null : 0;
          cells.ids.push(b === null ? "" : b);
          cells.dates.push(b);
          cells.amounts.push(b);
          continue;
        }
        cells.ids.push(r.id);
        cells.dates.push(r.isoText ? isoTextFromSerial(r.day) : r.day + 0.25);
        cells.amounts.push(r.amount);
        rows.push({ customer: canonical(r.id), day: r.day, amount: r.amount });
      }
      return { rows, cells };
    });

const endArb = (span: number) => fc.option(dayArb(span + 30), { freq: 2 });

function readOrders(t: OrderTable, unit: PeriodUnit, end: number | null, withAmounts = true) {
  return ordersByPeriod(
    column(t.cells.ids),
    column(t.cells.dates),
    withAmounts ? column(t.cells.amounts) : column([]),
    unit,
    end
  );
}

/** Orders on or before the end exist (otherwise the model answers "no orders"). */
const hasOrders = (t: OrderTable, end: number | null) =>
  t.rows.some((r) => end === null || r.day <= end);

const spanOf = (unit: PeriodUnit) => (unit === "day" ? 60 : unit === "week" ? 200 : 500);

describe("period retention from orders = brute force", () => {
  test.each(UNITS)("%s", (unit) => {
    fc.assert(
      fc.property(
        ordersArb(spanOf(unit), true),
        endArb(spanOf(unit)),
        fc.integer({ min: 1, max: 3 }),
        (t, end, window) => {
          fc.pre(
            hasOrders(t, end) && (end === null || end >= Math.min(...t.rows.map((r) => r.day)))
          );
          const { cells, range } = readOrders(t, unit, end);
          const table = periodRetentionFromOrders(cells, range, window);
          const expected = referenceOrderRetention(t.rows, unit, window, end);
          const starts = Array.from(periodStarts(range));
          expect(starts).toEqual(expected.map((r) => r.start));
          expect(Array.from(table.start)).toEqual(expected.map((r) => r.S));
          expect(Array.from(table.won)).toEqual(expected.map((r) => r.N));
          expect(Array.from(table.end)).toEqual(expected.map((r) => r.E));
          expect(Array.from(table.kept)).toEqual(expected.map((r) => r.kept));
          expect(Array.from(table.reactivated)).toEqual(expected.map((r) => r.reactivated));
          expect(Array.from(table.churned)).toEqual(expected.map((r) => r.churned));
        }
      ),
      { numRuns: 60 }
    );
  });
});

describe("cohort tables from orders = brute force", () => {
  test.each(UNITS)("%s", (unit) => {
    fc.assert(
      fc.property(ordersArb(spanOf(unit), true), endArb(spanOf(unit)), (t, end) => {
        fc.pre(hasOrders(t, end) && (end === null || end >= Math.min(...t.rows.map((r) => r.day))));
        const { cells, range } = readOrders(t, unit, end);
        const table = cohortTable(cells, range);
        const expected = referenceOrderCohorts(t.rows, unit, end);
        const starts = periodStarts(range);
        expect(Array.from(table.cohort).map((p) => starts[p - range.first])).toEqual(
          expected.cohorts
        );
        expect(Array.from(table.size)).toEqual(expected.sizes);
        const rows = (values: Float64Array) =>
          expected.cohorts.map((_, r) =>
            Array.from(values.slice(r * table.ages, (r + 1) * table.ages)).map((v) =>
              Number.isNaN(v) ? null : v
            )
          );
        expect(rows(table.customers)).toEqual(expected.customers);
        expect(rows(table.survivors)).toEqual(expected.survivors);
        const revenue = rows(table.revenue);
        revenue.forEach((line, r) =>
          line.forEach((v, a) => expectClose(v, expected.revenue[r][a]))
        );
      }),
      { numRuns: 60 }
    );
  });
});

describe("revenue movements from orders = brute force", () => {
  test.each(UNITS)("%s", (unit) => {
    fc.assert(
      fc.property(ordersArb(spanOf(unit), true), endArb(spanOf(unit)), (t, end) => {
        fc.pre(hasOrders(t, end) && (end === null || end >= Math.min(...t.rows.map((r) => r.day))));
        const { cells, range } = readOrders(t, unit, end);
        const m = revenueMovements(cells, range);
        const expected = referenceOrderMovements(t.rows, unit, end);
        expected.forEach((e, i) => {
          expectClose(m.start[i], e.startRevenue);
          expectClose(m.won[i], e.won);
          expectClose(m.expansion[i], e.expansion);
          expectClose(m.contraction[i], e.contraction);
          expectClose(m.churn[i], e.churn);
          expectClose(m.reactivation[i], e.reactivation);
          expectClose(m.end[i], e.endRevenue);
          expectClose(
            m.end[i],
            m.start[i] +
              m.won[i] +
              m.reactivation[i] +
              m.expansion[i] -
              m.contraction[i] -
              m.churn[i]
          );
        });
      }),
      { numRuns: 60 }
    );
  });
});

describe("RFM summary = brute force (lifetimes' conventions)", () => {
  test("days and weeks", () => {
    fc.assert(
      fc.property(ordersArb(120, true), endArb(120), fc.constantFrom(1, 7), (t, end, unitDays) => {
        fc.pre(
          t.rows.some((r) => (end === null || r.day <= end) && !(r.amount !== null && r.amount < 0))
        );
        const read = readOrders(t, "day", end);
        const s = rfmSummary(read.cells, end ?? read.lastDay, unitDays);
        const expected = referenceRfm(t.rows, end, unitDays);
        expect(s.count).toBe(expected.length);
        expected.forEach((e, k) => {
          expect(read.ids.labels[s.customer[k]]).toBe(e.customer);
          expect(s.frequency[k]).toBe(e.frequency);
          expectClose(s.recency[k], e.recency);
          expectClose(s.age[k], e.T);
          expectClose(s.monetary[k], e.monetary);
        });
      }),
      { numRuns: 100 }
    );
  });
});

interface SubscriptionTable {
  rows: SubscriptionRow[];
  cells: { ids: unknown[]; starts: unknown[]; ends: unknown[]; mrr: unknown[] };
}

const subscriptionsArb = (span: number) =>
  fc
    .array(
      fc.record({
        id: idArb,
        start: dayArb(span),
        length: fc.option(fc.integer({ min: 0, max: span }), { freq: 3 }),
        mrr: fc.integer({ min: 0, max: 100 }),
      }),
      { minLength: 1, maxLength: 25 }
    )
    .map((list): SubscriptionTable => {
      const cells = {
        ids: [] as unknown[],
        starts: [] as unknown[],
        ends: [] as unknown[],
        mrr: [] as unknown[],
      };
      const rows: SubscriptionRow[] = [];
      for (const r of list) {
        const end = r.length === null ? null : r.start + r.length;
        cells.ids.push(r.id);
        cells.starts.push(r.start);
        cells.ends.push(end);
        cells.mrr.push(r.mrr);
        rows.push({ customer: canonical(r.id), start: r.start, end, mrr: r.mrr });
      }
      return { rows, cells };
    });

function readSubs(t: SubscriptionTable, unit: PeriodUnit, asOf: number | null) {
  return readSubscriptions(
    column(t.cells.ids),
    column(t.cells.starts),
    column(t.cells.ends),
    column(t.cells.mrr),
    unit,
    asOf
  );
}

const startsBy = (t: SubscriptionTable, asOf: number | null) =>
  asOf === null || t.rows.some((r) => r.start <= asOf);

describe("subscriptions = brute force", () => {
  test.each(UNITS)("period retention, %s", (unit) => {
    fc.assert(
      fc.property(subscriptionsArb(spanOf(unit)), endArb(spanOf(unit)), (t, asOf) => {
        fc.pre(startsBy(t, asOf));
        const { subs, range } = readSubs(t, unit, asOf);
        const table = periodRetentionFromSubscriptions(subs, range);
        const expected = referenceSubscriptionRetention(t.rows, unit, asOf);
        expect(Array.from(periodStarts(range))).toEqual(expected.map((r) => r.start));
        expect(Array.from(table.start)).toEqual(expected.map((r) => r.S));
        expect(Array.from(table.won)).toEqual(expected.map((r) => r.N));
        expect(Array.from(table.end)).toEqual(expected.map((r) => r.E));
        expect(Array.from(table.kept)).toEqual(expected.map((r) => r.kept));
        expect(Array.from(table.reactivated)).toEqual(expected.map((r) => r.reactivated));
        expect(Array.from(table.churned)).toEqual(expected.map((r) => r.churned));
      }),
      { numRuns: 60 }
    );
  });

  test.each(UNITS)("cohorts and revenue movements, %s", (unit) => {
    fc.assert(
      fc.property(subscriptionsArb(spanOf(unit)), endArb(spanOf(unit)), (t, asOf) => {
        fc.pre(startsBy(t, asOf));
        const { subs, range } = readSubs(t, unit, asOf);
        const cells = subscriptionPeriods(subs, range);
        const table = cohortTable(cells, range);
        const expected = referenceSubscriptionCohorts(t.rows, unit, asOf);
        expect(Array.from(table.size)).toEqual(expected.sizes);
        const rows = (values: Float64Array) =>
          expected.cohorts.map((_, r) =>
            Array.from(values.slice(r * table.ages, (r + 1) * table.ages)).map((v) =>
              Number.isNaN(v) ? null : v
            )
          );
        expect(rows(table.customers)).toEqual(expected.customers);
        expect(rows(table.survivors)).toEqual(expected.survivors);
        expect(rows(table.revenue)).toEqual(expected.revenue);
        const m = revenueMovements(cells, range);
        referenceSubscriptionMovements(t.rows, unit, asOf).forEach((e, i) => {
          expect([
            m.start[i],
            m.won[i],
            m.expansion[i],
            m.contraction[i],
            m.churn[i],
            m.reactivation[i],
            m.end[i],
          ]).toEqual([
            e.startRevenue,
            e.won,
            e.expansion,
            e.contraction,
            e.churn,
            e.reactivation,
            e.endRevenue,
          ]);
        });
      }),
      { numRuns: 60 }
    );
  });
});

/** Published normal quantiles (R's qnorm), so the reference shares no quantile code. */
const Z: Record<string, number> = {
  "0.9": 1.6448536269514722,
  "0.95": 1.959963984540054,
  "0.99": 2.5758293035489004,
};

describe("Kaplan-Meier = brute force", () => {
  const rowsArb = fc.array(
    fc.record({
      duration: fc.integer({ min: 0, max: 12 }),
      churned: fc.boolean(),
      weight: fc.oneof(
        fc.constant(1),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0.25, max: 4, noNaN: true })
      ),
    }),
    { minLength: 1, maxLength: 50 }
  );
  test("times, at risk, events, S and the log-log band", () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom("0.9", "0.95", "0.99"), (rows: SurvivalRow[], level) => {
        const km = kaplanMeier(
          {
            duration: Float64Array.from(rows.map((r) => r.duration)),
            churned: Uint8Array.from(rows.map((r) => (r.churned ? 1 : 0))),
            weight: Float64Array.from(rows.map((r) => r.weight)),
            count: rows.length,
          },
          Number(level)
        );
        const expected = referenceKaplanMeier(rows, Z[level]);
        expect(Array.from(km.time)).toEqual(expected.map((e) => e.time));
        expected.forEach((e, k) => {
          expectClose(km.atRisk[k], e.atRisk);
          expectClose(km.churned[k], e.churned);
          expectClose(km.censored[k], e.censored);
          expectClose(km.survival[k], e.S);
          expectClose(km.lower[k], e.lower, 1e-9);
          expectClose(km.upper[k], e.upper, 1e-9);
        });
      }),
      { numRuns: 150 }
    );
  });
});

function expectClose(actual: number | null, expected: number | null, tolerance = 1e-9): void {
  if (expected === null || actual === null) {
    expect(actual).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    tolerance * Math.max(1, Math.abs(expected))
  );
}
