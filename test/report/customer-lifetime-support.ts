/**
 * Customer-lifetime tables for the sheet's tests: the repository's sample orders through the
 * model, and tables built here from chosen customers (heavy buyers, x = 0, a P(alive) that
 * underflows) with the model's own functions for every per-customer figure.
 */
import {
  mbgnbdConditionalExpectedPurchases,
  mbgnbdProbabilityAlive,
} from "../../src/model/buyers/mbgnbd-purchases";
import { modelDiscountedPurchases } from "../../src/model/buyers/model-discounted-purchases";
import type { CustomerPeriods } from "../../src/model/history/customer-periods";
import type { LifetimePurchaseFit } from "../../src/model/buyers/customer-lifetime";
import {
  conditionalExpectedPurchases,
  probabilityAlive,
} from "../../src/model/buyers/bgnbd-purchases";
import { customerLifetimeValue } from "../../src/model/buyers/clv";
import { CustomerIds } from "../../src/model/reading/customer-ids";
import {
  CustomerLifetimeAnalysis,
  CustomerLifetimeOptions,
  CustomerLifetimeTable,
} from "../../src/model/buyers/customer-lifetime";
import { GammaGammaFit } from "../../src/model/buyers/gamma-gamma-fit";
import { expectedAverageSpend } from "../../src/model/buyers/gamma-gamma";
import { seededRandom } from "../support/seeded-random";
import { csvRows } from "./analysis-support";

export const WEEKS: CustomerLifetimeOptions = {
  timeUnitDays: 7,
  holdoutDays: 0,
  horizon: 52,
  annualDiscountRate: 0.1,
};

/** samples/orders.csv through the model (weeks, 52-week horizon), with or without its amounts. */
export function sampleLifetime(
  options: Partial<CustomerLifetimeOptions> = {},
  withAmounts = true
): CustomerLifetimeTable {
  const analysis = new CustomerLifetimeAnalysis();
  csvRows("orders.csv").forEach((r, i) =>
    analysis.add(i + 1, r[0], r[1], withAmounts ? r[2] : null)
  );
  return analysis.finish({ ...WEEKS, ...options });
}

export interface Customer {
  id: string | number;
  x: number;
  tx: number;
  T: number;
  m: number;
}

/**
 * A table of the given customers under the given fits, every per-customer figure from the
 * model's functions (as customer-lifetime.ts computes them); spend null gives `spendProblem`.
 */
export function tableOf(
  rows: Customer[],
  fitted: BgNbdLike | LifetimePurchaseFit,
  spend: GammaGammaFit | null,
  options: CustomerLifetimeOptions = WEEKS,
  spendProblem = "The orders have no amounts, so there is no spend to model: CLV needs them.",
  model: "BGNBD" | "MBGNBD" = "BGNBD"
): CustomerLifetimeTable {
  const ids = new CustomerIds();
  const n = rows.length;
  const column = (f: (c: Customer) => number) => Float64Array.from(rows, f);
  const customers = {
    customer: Int32Array.from(rows, (c) => ids.code(c.id)),
    frequency: column((c) => c.x),
    recency: column((c) => c.tx),
    age: column((c) => c.T),
    monetary: column((c) => c.m),
    count: n,
  };
  const purchases = byName(fitted);
  const { r, alpha, a, b } = purchases;
  const mbg = model === "MBGNBD";
  const pAlive = column((c) =>
    mbg
      ? mbgnbdProbabilityAlive(c.x, c.tx, c.T, r, alpha, a, b)
      : probabilityAlive(c.x, c.tx, c.T, r, alpha, a, b)
  );
  const expectedPurchases = column((c) =>
    mbg
      ? mbgnbdConditionalExpectedPurchases(c.x, c.tx, c.T, options.horizon, r, alpha, a, b)
      : conditionalExpectedPurchases(c.x, c.tx, c.T, options.horizon, r, alpha, a, b)
  );
  const expectedSpend = column((c) =>
    spend ? expectedAverageSpend(c.x, c.m, spend.p, spend.q, spend.gamma) : NaN
  );
  const perUnit = Math.pow(1 + options.annualDiscountRate, options.timeUnitDays / 365.25) - 1;
  const clv = column((c) =>
    spend && mbg
      ? expectedAverageSpend(c.x, c.m, spend.p, spend.q, spend.gamma) *
        modelDiscountedPurchases(
          "MBGNBD",
          [r, alpha, a, b],
          c.x,
          c.tx,
          c.T,
          options.horizon,
          perUnit
        )
      : spend
        ? customerLifetimeValue(
            c.x,
            c.tx,
            c.T,
            c.m,
            purchases,
            spend,
            options.horizon,
            options.annualDiscountRate,
            options.timeUnitDays,
            365.25
          )
        : NaN
  );
  const lastDay = 46_000;
  return {
    ids,
    options: { ...options },
    lastDay,
    calibrationEnd: lastDay - options.holdoutDays,
    opportunity: null,
    customers,
    purchases: {
      model,
      label: mbg ? "MBG/NBD" : "BG/NBD",
      parameterNames: ["r", "alpha", "a", "b"],
      parameters: [r, alpha, a, b],
      logLikelihood: purchases.logLikelihood,
    },
    cells: noCells(),
    spend,
    spendProblem: spend ? null : spendProblem,
    pAlive,
    expectedPurchases,
    expectedSpend,
    clv,
    holdout: null,
  };
}

/** Random customers: x mostly small, some heavy; t_x ≤ T ≤ `maxT`; m > 0 for x > 0. */
export function randomCustomers(count: number, seed: number, maxT = 104): Customer[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, k) => {
    const T = Math.round(random() * maxT * 7) / 7;
    const heavy = random() < 0.05;
    const x = T === 0 ? 0 : Math.floor(heavy ? random() * 3000 : -Math.log(random()) * 2);
    const tx = x === 0 ? 0 : Math.round(random() * T * 7) / 7;
    const m = x === 0 ? 0 : Math.round(5 + random() * 300 * 100) / 100;
    return { id: k % 3 === 0 ? 100_000 + k : `C-${k}`, x, tx, T, m };
  });
}

/**
 * The t at which a customer with x repeat purchases, last at t_x, has δ = ln(a/(b+x−1)) +
 * (r+x)·ln((α+T)/(α+t_x)) equal to `delta`: P(alive) = 1/(1 + e^δ).
 */
export function ageForDelta(
  x: number,
  tx: number,
  delta: number,
  given: BgNbdLike | LifetimePurchaseFit
): number {
  const fit = byName(given);
  const { r, alpha, a, b } = fit;
  const ratio = Math.exp((delta - Math.log(a / (b + x - 1))) / (r + x));
  return ratio * (alpha + tx) - alpha;
}

/**
 * Customers that stress the sheet's formulas: new ones (x = 0, T = 0 too), heavy buyers active
 * and long gone (x in the thousands, ten years of weeks), P(alive) in the subnormal range and
 * underflowing to 0, repeat buyers with m = 0 (free repeat orders), and t_x = T.
 */
export function stressCustomers(given: BgNbdLike | LifetimePurchaseFit): Customer[] {
  const fit = byName(given);
  return [
    { id: "new today", x: 0, tx: 0, T: 0, m: 0 },
    { id: "one order", x: 0, tx: 0, T: 30, m: 0 },
    { id: 7, x: 0, tx: 0, T: 520, m: 0 },
    { id: "heavy, active", x: 500, tx: 103, T: 104, m: 80 },
    { id: "heavy, just bought", x: 3000, tx: 520, T: 520, m: 12.5 },
    { id: "heavy, long gone", x: 2000, tx: 50, T: 520, m: 40 },
    { id: "very heavy, gone", x: 10_000, tx: 100, T: 520, m: 3 },
    { id: "P(alive) ~ 1e-300", x: 200, tx: 10, T: ageForDelta(200, 10, 690, fit), m: 55 },
    { id: "P(alive) subnormal", x: 200, tx: 10, T: ageForDelta(200, 10, 720, fit), m: 55 },
    { id: "P(alive) 0", x: 300, tx: 10, T: ageForDelta(300, 10, 800, fit), m: 55 },
    { id: "free repeats", x: 3, tx: 20, T: 60, m: 0 },
    { id: '=HYPERLINK("x")', x: 1, tx: 1, T: 2, m: 9.99 },
    { id: "mid", x: 4, tx: 30.5714285714, T: 90.2857142857, m: 123.45 },
  ];
}

/** BG/NBD's parameters by name with the fit's log-likelihood. */
export type BgNbdLike = { r: number; alpha: number; a: number; b: number; logLikelihood: number };

const byName = (fit: BgNbdLike | LifetimePurchaseFit): BgNbdLike =>
  "parameters" in fit ? asBgNbd(fit) : fit;

/** No customer-day cells: a table built by hand has no orders behind it. */
export function noCells(): CustomerPeriods {
  return {
    unit: "day",
    customerCount: 0,
    offsets: new Int32Array(1),
    period: new Int32Array(0),
    revenue: new Float64Array(0),
    sales: new Float64Array(0),
    active: new Uint8Array(0),
    firstPeriod: 1,
    lastPeriod: 0,
  };
}

/** A BG/NBD-family fit's parameters by name (r, α, a, b), with its log-likelihood. */
export function asBgNbd(fit: LifetimePurchaseFit) {
  const [r, alpha, a, b] = fit.parameters;
  return { r, alpha, a, b, logLikelihood: fit.logLikelihood };
}
