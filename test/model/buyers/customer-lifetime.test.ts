/**
 * CustomerLifetimeAnalysis (issue 12) against a brute-force reference written here: plain loops
 * over the order rows give each customer's purchase days, x, t_x, T, m and holdout purchases;
 * the table must list exactly those customers with exactly those figures, fit the models on
 * them, and give per row what the model's own functions give for that row. The summaries (the
 * histogram, the top customers, the holdout by frequency) are checked against plain sorts and
 * counts; the refusals (no orders, nobody repeats, a holdout longer than the data, no amounts,
 * bad options) by their messages.
 */
import fc from "fast-check";
import fs from "fs";
import path from "path";
import { fitBgNbd } from "../../../src/model/buyers/bgnbd-fit";
import { conditionalExpectedPurchases, probabilityAlive } from "../../../src/model/buyers/bgnbd-purchases";
import { customerLifetimeValue } from "../../../src/model/buyers/clv";
import { DomainError } from "../../../src/model/errors";
import { fitGammaGamma } from "../../../src/model/buyers/gamma-gamma-fit";
import { expectedAverageSpend } from "../../../src/model/buyers/gamma-gamma";
import {
  CustomerLifetimeAnalysis,
  CustomerLifetimeOptions,
  CustomerLifetimeTable,
  holdoutByFrequency,
  pAliveHistogram,
  topCustomers,
} from "../../../src/model/buyers/customer-lifetime";
import { isoTextFromSerial, serialFromIsoText } from "../../../src/model/reading/excel-dates";
import { syntheticOrders } from "../../support/synthetic-data";
import { asBgNbd } from "../../report/customer-lifetime-support";

jest.setTimeout(120_000);

interface Order {
  id: string;
  day: number;
  /** null: no amount. */
  amount: number | null;
}

const BASE = 45_000; // 2023-03-15
const YEAR = 365.25;

/** A year of realistic orders (people who buy again, people who stop), so both models fit. */
const BACKBONE: Order[] = (() => {
  const o = syntheticOrders({ customers: 80, months: 12, seed: 11, firstDay: BASE });
  return o.date.map((day, i) => ({ id: o.customer[i], day, amount: o.amount[i] }));
})();
const BACKBONE_LAST = Math.max(...BACKBONE.map((o) => o.day));

function analyse(
  orders: Order[],
  options: CustomerLifetimeOptions,
  endDay: number | null = null,
  cellOf: (o: Order) => [unknown, unknown, unknown] = (o) => [o.id, o.day, o.amount]
): CustomerLifetimeTable {
  const analysis = new CustomerLifetimeAnalysis(endDay);
  orders.forEach((o, i) => analysis.add(i + 1, ...cellOf(o)));
  return analysis.finish(options);
}

interface ReferenceCustomer {
  id: string;
  x: number;
  tx: number;
  T: number;
  m: number;
  holdout: number;
}

/**
 * lifetimes' summary written out: a customer's purchase days are the days with an order that is
 * not a refund (no amount counts as a purchase); the value of a day is the sum of its
 * non-negative amounts; orders after the end date are ignored; the observation ends at the end
 * date or the last order's date; customers are listed in order of first appearance.
 */
function reference(orders: Order[], options: CustomerLifetimeOptions, endDay: number | null) {
  const kept = orders.filter((o) => endDay === null || o.day <= endDay);
  let lastDay = -Infinity;
  for (const o of kept) if (o.day > lastDay) lastDay = o.day;
  if (endDay !== null) lastDay = endDay;
  const calibrationEnd = lastDay - options.holdoutDays;
  const order: string[] = [];
  const days = new Map<string, Map<number, number>>();
  for (const o of kept) {
    if (!days.has(o.id)) {
      order.push(o.id);
      days.set(o.id, new Map());
    }
    if (o.amount !== null && o.amount < 0) continue;
    const byDay = days.get(o.id)!;
    byDay.set(o.day, (byDay.get(o.day) ?? 0) + (o.amount ?? 0));
  }
  const customers: ReferenceCustomer[] = [];
  for (const id of order) {
    const byDay = days.get(id)!;
    const calibration = [...byDay.keys()].filter((d) => d <= calibrationEnd).sort((a, b) => a - b);
    if (calibration.length === 0) continue;
    const first = calibration[0];
    const last = calibration[calibration.length - 1];
    let repeatValue = 0;
    for (let i = 1; i < calibration.length; i++) repeatValue += byDay.get(calibration[i])!;
    const x = calibration.length - 1;
    let holdout = 0;
    for (const d of byDay.keys()) if (d > calibrationEnd && d <= lastDay) holdout++;
    customers.push({
      id,
      x,
      tx: (last - first) / options.timeUnitDays,
      T: (calibrationEnd - first) / options.timeUnitDays,
      m: x > 0 ? repeatValue / x : 0,
      holdout,
    });
  }
  return { lastDay, calibrationEnd, customers };
}

const near = (actual: number, expected: number, relative = 1e-12) =>
  Math.abs(actual - expected) <= relative * Math.max(1, Math.abs(expected));

function expectNear(actual: number, expected: number, what: string, relative = 1e-12): void {
  if (!near(actual, expected, relative))
    throw new Error(`${what}: ${actual} is not ${expected} (to ${relative} relative)`);
}

/** Every per-row figure against the model's own functions for that row. */
function expectRowsFromModel(table: CustomerLifetimeTable): void {
  const { customers: c, spend: S, options } = table;
  const P = asBgNbd(table.purchases);
  for (let k = 0; k < c.count; k++) {
    const [x, tx, T, m] = [c.frequency[k], c.recency[k], c.age[k], c.monetary[k]];
    expect(table.pAlive[k]).toBe(probabilityAlive(x, tx, T, P.r, P.alpha, P.a, P.b));
    expectNear(
      table.expectedPurchases[k],
      conditionalExpectedPurchases(x, tx, T, options.horizon, P.r, P.alpha, P.a, P.b),
      `expected purchases of row ${k}`
    );
    if (table.holdout)
      expectNear(
        table.holdout.expected[k],
        conditionalExpectedPurchases(x, tx, T, table.holdout.length, P.r, P.alpha, P.a, P.b),
        `holdout expectation of row ${k}`
      );
    if (S === null) {
      expect(table.expectedSpend[k]).toBeNaN();
      expect(table.clv[k]).toBeNaN();
      continue;
    }
    expect(table.expectedSpend[k]).toBe(expectedAverageSpend(x, m, S.p, S.q, S.gamma));
    const clv = customerLifetimeValue(
      x,
      tx,
      T,
      m,
      P,
      S,
      options.horizon,
      options.annualDiscountRate,
      options.timeUnitDays,
      YEAR
    );
    expectNear(table.clv[k], clv, `CLV of row ${k}`);
  }
}

const optionsArb = fc.record({
  timeUnitDays: fc.constantFrom(1, 7, 3.5, YEAR / 12),
  holdoutDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 60 })),
  horizon: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 30, noNaN: true })),
  annualDiscountRate: fc.constantFrom(0, 0.1, 0.35),
});

/** A few random customers' orders on top of the backbone: refunds, no amounts, same-day orders. */
const extraArb = fc.array(
  fc.record({
    id: fc.constantFrom("C1", "C2", "C3", "C-000001", "C-000002", "Z"),
    day: fc.integer({ min: BASE - 30, max: BACKBONE_LAST + 10 }),
    amount: fc.option(fc.integer({ min: -50, max: 300 }), { freq: 5 }),
  }),
  { maxLength: 40 }
);

const RUNS = Number(process.env.CLV_RUNS ?? 40);

function attempt<T>(run: () => T): T | DomainError {
  try {
    return run();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
}

describe("the customer table against a brute-force reference", () => {
  let refusedFits = 0;
  it("lists every customer with the reference's x, t_x, T, m and holdout purchases, and fits the models on them", () => {
    fc.assert(
      fc.property(
        extraArb,
        fc.integer({ min: 0, max: 1 << 30 }),
        optionsArb,
        fc.option(fc.integer({ min: BACKBONE_LAST - 60, max: BACKBONE_LAST + 20 }), { freq: 3 }),
        fc.boolean(),
        (extra, seed, options, endDay, isoText) => {
          // The extra rows are spread through the backbone, so the data is not in date order.
          const orders = [...BACKBONE];
          extra.forEach((o, i) => orders.splice((seed + i * 7919) % (orders.length + 1), 0, o));
          const cells = (o: Order): [unknown, unknown, unknown] => [
            o.id,
            isoText ? isoTextFromSerial(o.day) : o.day + 0.25, // a time of day is ignored
            o.amount,
          ];
          const ref = reference(orders, options, endDay);
          // The fits are the model's fits of exactly these customers, or their refusals.
          const refX = ref.customers.map((r) => r.x);
          const fit = attempt(() =>
            fitBgNbd({
              frequency: refX,
              recency: ref.customers.map((r) => r.tx),
              T: ref.customers.map((r) => r.T),
            })
          );
          if (fit instanceof DomainError) {
            expect(() => analyse(orders, options, endDay, cells)).toThrow(fit.message);
            refusedFits++;
            return;
          }
          const table = analyse(orders, options, endDay, cells);
          expect(table.lastDay).toBe(ref.lastDay);
          expect(table.calibrationEnd).toBe(ref.calibrationEnd);
          const c = table.customers;
          expect(c.count).toBe(ref.customers.length);
          expect(c.frequency.length).toBe(c.count);
          ref.customers.forEach((r, k) => {
            expect(table.ids.labels[c.customer[k]]).toBe(r.id);
            expect(c.frequency[k]).toBe(r.x);
            expectNear(c.recency[k], r.tx, `t_x of ${r.id}`, 1e-15);
            expectNear(c.age[k], r.T, `T of ${r.id}`, 1e-15);
            expectNear(c.monetary[k], r.m, `m of ${r.id}`, 1e-12);
          });
          for (const key of ["r", "alpha", "a", "b", "logLikelihood"] as const)
            expectNear(asBgNbd(table.purchases)[key], fit[key], key, 1e-9);
          const spenders = ref.customers.filter((r) => r.x > 0 && r.m > 0);
          const spend = attempt(() =>
            fitGammaGamma({
              frequency: spenders.map((r) => r.x),
              monetary: spenders.map((r) => r.m),
            })
          );
          if (spend instanceof DomainError || !(spend.q > 1)) {
            expect(table.spend).toBeNull();
            expect(table.spendProblem).toContain(
              spend instanceof DomainError ? spend.message : "not above 1"
            );
          } else {
            expect(table.spendProblem).toBeNull();
            for (const key of ["p", "q", "gamma", "logLikelihood", "customersUsed"] as const)
              expectNear(table.spend![key], spend[key], key, 1e-9);
          }
          if (options.holdoutDays === 0) expect(table.holdout).toBeNull();
          else {
            const h = table.holdout!;
            expect(h.length).toBe(options.holdoutDays / options.timeUnitDays);
            expect(Array.from(h.actual)).toEqual(ref.customers.map((r) => r.holdout));
            expect(h.actualTotal).toBe(ref.customers.reduce((s, r) => s + r.holdout, 0));
            let sum = 0;
            for (const v of h.expected) sum += v;
            expectNear(h.expectedTotal, sum, "expected total");
          }
          expectRowsFromModel(table);
        }
      ),
      { numRuns: RUNS }
    );
    // The backbone keeps the fits possible: refusals are the exception, not what was tested.
    expect(refusedFits).toBeLessThan(RUNS / 4);
  });

  it("agrees with the model's functions per row for heavy buyers, long histories and no spend", () => {
    // One customer buys every day for three years; others once a month, or twice and gone.
    const orders: Order[] = [];
    for (let d = 0; d < 1100; d++)
      orders.push({ id: "daily", day: BASE + d, amount: 10 + (d % 7) });
    for (let c = 0; c < 30; c++) {
      const gap = 20 + c;
      const stop = c % 3 === 0 ? 2 : 40;
      for (let j = 0; j < stop && c + j * gap < 1100; j++)
        orders.push({ id: `m${c}`, day: BASE + c + j * gap, amount: 20 + ((c * 13 + j * 7) % 90) });
    }
    for (const unit of [1, 7]) {
      const table = analyse(orders, {
        timeUnitDays: unit,
        holdoutDays: 70,
        horizon: 104,
        annualDiscountRate: 0.1,
      });
      expect(table.customers.frequency[0]).toBe(1100 - 70 - 1);
      expectRowsFromModel(table);
      for (const v of [table.pAlive, table.expectedPurchases, table.expectedSpend, table.clv])
        for (const value of v) expect(Number.isFinite(value)).toBe(true);
    }
  });
});

describe("summaries of the table", () => {
  const table = analyse(BACKBONE, {
    timeUnitDays: 7,
    holdoutDays: 42,
    horizon: 52,
    annualDiscountRate: 0.1,
  });
  const n = table.customers.count;

  it("counts P(alive) in equal bins, the last one holding 1", () => {
    for (const bins of [1, 3, 10, 20]) {
      const counts = new Array(bins).fill(0);
      for (let k = 0; k < n; k++) {
        const p = table.pAlive[k];
        let bin = 0;
        while (bin < bins - 1 && p >= (bin + 1) / bins) bin++;
        counts[bin]++;
      }
      expect(Array.from(pAliveHistogram(table, bins))).toEqual(counts);
    }
    // Customers with no repeat purchase have P(alive) = 1: in the last bin.
    expect(pAliveHistogram(table)[9]).toBeGreaterThanOrEqual(
      Array.from(table.customers.frequency).filter((x) => x === 0).length
    );
    expect(() => pAliveHistogram(table, 0)).toThrow(DomainError);
  });

  it("ranks customers by CLV, highest first, as a plain sort does", () => {
    const sorted = Array.from({ length: n }, (_, k) => k).sort(
      (i, j) => table.clv[j] - table.clv[i] || i - j
    );
    for (const count of [0, 1, 5, 20, n, n + 10])
      expect(Array.from(topCustomers(table, count))).toEqual(sorted.slice(0, count));
    expect(topCustomers(table).length).toBe(Math.min(20, n));
  });

  it("ranks ties by row, and by expected purchases when there is no spend", () => {
    const noSpend: CustomerLifetimeTable = {
      ...table,
      spend: null,
      expectedPurchases: Float64Array.from({ length: n }, (_, k) => k % 4),
    };
    const sorted = Array.from({ length: n }, (_, k) => k).sort(
      (i, j) => (j % 4) - (i % 4) || i - j
    );
    // A few (kept in a short sorted list) and all (one sort): both paths.
    expect(n).toBeGreaterThan(64);
    for (const count of [12, 64, 65, n])
      expect(Array.from(topCustomers(noSpend, count))).toEqual(sorted.slice(0, count));
  });

  it("groups the holdout by calibration frequency as plain loops do", () => {
    const h = table.holdout!;
    for (const max of [0, 1, 3, 7, 50]) {
      const buckets = new Map<number, { n: number; e: number; a: number }>();
      for (let k = 0; k < n; k++) {
        const f = Math.min(table.customers.frequency[k], max);
        const b = buckets.get(f) ?? { n: 0, e: 0, a: 0 };
        b.n++;
        b.e += h.expected[k];
        b.a += h.actual[k];
        buckets.set(f, b);
      }
      const keys = [...buckets.keys()].sort((a, b) => a - b);
      const got = holdoutByFrequency(table, max)!;
      expect(Array.from(got.frequency)).toEqual(keys);
      expect(Array.from(got.customers)).toEqual(keys.map((f) => buckets.get(f)!.n));
      keys.forEach((f, i) => {
        expectNear(got.expected[i], buckets.get(f)!.e / buckets.get(f)!.n, `expected at ${f}`);
        expectNear(got.actual[i], buckets.get(f)!.a / buckets.get(f)!.n, `actual at ${f}`);
      });
    }
    expect(holdoutByFrequency({ ...table, holdout: null })).toBeNull();
  });
});

describe("refusals and missing spend", () => {
  const weeks: CustomerLifetimeOptions = {
    timeUnitDays: 7,
    holdoutDays: 0,
    horizon: 52,
    annualDiscountRate: 0.1,
  };

  function refusal(run: () => unknown): DomainError {
    try {
      run();
    } catch (e) {
      if (e instanceof DomainError) return e;
      throw e;
    }
    throw new Error("expected a DomainError");
  }

  it("refuses a table with no orders", () => {
    const e = refusal(() => analyse([], weeks));
    expect(e.code).toBe("na");
    expect(e.message).toBe("no orders");
  });

  it("refuses when nobody repeats: the purchase and dropout rates cannot be estimated", () => {
    const once = ["a", "b", "c", "d"].map((id, i) => ({ id, day: BASE + i * 10, amount: 50 }));
    const e = refusal(() => analyse(once, weeks));
    expect(e.code).toBe("num");
    expect(e.message).toMatch(/no customer made a repeat purchase/);
    // Repeats only in the holdout: the message says it is about the calibration period.
    const late = [...once, { id: "a", day: BASE + 40, amount: 20 }];
    const held = refusal(() => analyse(late, { ...weeks, holdoutDays: 5 }));
    expect(held.message).toMatch(/no customer made a repeat purchase.*before the 5-day holdout/);
  });

  it("refuses a holdout as long as the data or longer", () => {
    const span = BACKBONE_LAST - Math.min(...BACKBONE.map((o) => o.day));
    for (const holdoutDays of [span, span + 1, 10 * span]) {
      const e = refusal(() => analyse(BACKBONE, { ...weeks, holdoutDays }));
      expect(e.code).toBe("num");
      expect(e.message).toMatch(/holdout .* as long as the data or longer/);
    }
    expect(analyse(BACKBONE, { ...weeks, holdoutDays: 30 }).holdout).not.toBeNull();
  });

  it("refuses bad options by name", () => {
    const bad: Array<[Partial<CustomerLifetimeOptions>, RegExp]> = [
      [{ timeUnitDays: 0 }, /time_unit/],
      [{ timeUnitDays: NaN }, /time_unit/],
      [{ holdoutDays: -7 }, /holdout/],
      [{ holdoutDays: 1.5 }, /holdout/],
      [{ horizon: -1 }, /horizon/],
      [{ horizon: Infinity }, /horizon/],
      [{ annualDiscountRate: -0.1 }, /discount_rate/],
    ];
    for (const [change, message] of bad)
      expect(() => analyse(BACKBONE, { ...weeks, ...change })).toThrow(message);
  });

  it("without amounts, fits purchases only: spend null with the reason, ranked by expected purchases", () => {
    // Refunds left out: without amounts they would be purchases.
    const purchasesOnly = BACKBONE.filter((o) => !(o.amount! < 0));
    const table = analyse(
      purchasesOnly.map((o) => ({ ...o, amount: null })),
      weeks
    );
    expect(table.spend).toBeNull();
    expect(table.spendProblem).toMatch(/no amounts/);
    expectRowsFromModel(table);
    const n = table.customers.count;
    const sorted = Array.from({ length: n }, (_, k) => k).sort(
      (i, j) => table.expectedPurchases[j] - table.expectedPurchases[i] || i - j
    );
    expect(Array.from(topCustomers(table, 20))).toEqual(sorted.slice(0, 20));
    // The purchase model is the same as with amounts.
    expect(table.purchases).toEqual(analyse(purchasesOnly, weeks).purchases);
  });

  it("says why when no repeat purchase has an amount above 0", () => {
    const free = BACKBONE.map((o, i) => ({ ...o, amount: i % 2 ? 0 : null }));
    const table = analyse(free, weeks);
    expect(table.spend).toBeNull();
    expect(table.spendProblem).toMatch(/amount above 0/);
  });

  it("says why when the spend model cannot be fitted (spend that hardly varies)", () => {
    const table = analyse(
      BACKBONE.map((o) => ({ ...o, amount: 25 })),
      weeks
    );
    expect(table.spend).toBeNull();
    expect(table.spendProblem).toMatch(
      /^The spend model cannot be fitted: .*spend varies too little.*\.$/
    );
    // One spend for every repeat customer: no variation at all.
    const oncePerDay = new Map(BACKBONE.map((o) => [`${o.id} ${o.day}`, { ...o, amount: 25 }]));
    const same = analyse([...oncePerDay.values()], weeks);
    expect(same.spendProblem).toMatch(/^The spend model cannot be fitted: .*same mean spend.*\.$/);
    expectRowsFromModel(table);
  });

  it("leaves repeat customers whose repeat purchases are free out of the spend fit only", () => {
    const before = analyse(BACKBONE, weeks);
    const repeater =
      before.ids.labels[
        before.customers.customer[before.customers.frequency.findIndex((x) => x > 2)]
      ];
    const orders = BACKBONE.map((o) => (o.id === repeater && o.amount ? { ...o, amount: 0 } : o));
    const table = analyse(orders, weeks);
    const k = Array.from(table.customers.customer).findIndex(
      (c) => table.ids.labels[c] === repeater
    );
    expect(table.customers.frequency[k]).toBeGreaterThan(0);
    expect(table.customers.monetary[k]).toBe(0);
    expect(table.spend!.customersUsed).toBe(
      Array.from(table.customers.frequency).filter(
        (x, i) => x > 0 && table.customers.monetary[i] > 0
      ).length
    );
    expectRowsFromModel(table);
  });
});

describe("the sample data (samples/orders.csv) in weeks", () => {
  const lines = fs
    .readFileSync(path.resolve(__dirname, "../../../samples/orders.csv"), "utf8")
    .trim()
    .split("\n");
  const orders: Order[] = lines.slice(1).map((line) => {
    const [id, date, amount] = line.split(",");
    return { id, day: serialFromIsoText(date)!, amount: Number(amount) };
  });

  it("fits both models, and the 13-week holdout's expected purchases are near the actual ones", () => {
    const table = analyse(orders, {
      timeUnitDays: 7,
      holdoutDays: 91,
      horizon: 52,
      annualDiscountRate: 0.1,
    });
    const { spend, holdout } = table;
    const purchases = asBgNbd(table.purchases);
    expect(spend).not.toBeNull();
    expect(spend!.q).toBeGreaterThan(1);
    // Sensible: a buyer purchases every few weeks at most; about one in ten drops out after a purchase.
    expect(purchases.r / purchases.alpha).toBeGreaterThan(0.05);
    expect(purchases.r / purchases.alpha).toBeLessThan(2);
    expect(purchases.a / (purchases.a + purchases.b)).toBeGreaterThan(0.01);
    expect(purchases.a / (purchases.a + purchases.b)).toBeLessThan(0.5);
    expect(holdout!.actualTotal).toBeGreaterThan(100);
    expect(Math.abs(holdout!.expectedTotal / holdout!.actualTotal - 1)).toBeLessThan(0.25);
    expectRowsFromModel(table);
  });
});
