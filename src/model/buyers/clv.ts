/**
 * Customer lifetime value from the BG/NBD and Gamma-Gamma models (docs/definitions.md §10), with the time
 * units stated, not assumed:
 *   CLV = E[M | x, m] · Σ_{k=1..H} (E[Y(k)] − E[Y(k−1)]) / (1+d)^k,
 * E[Y(k)] the conditional expected purchases in the next k periods of the data's time unit
 * (the unit recency, T and α are in), H the horizon in that unit, and d the discount rate per
 * period of that unit, converted from the rate's own period by
 *   d = (1 + rate)^(unit length / rate period length) − 1,
 * e.g. an annual rate with weekly data: (1 + annual)^(7/365.25) − 1. This is lifetimes'
 * customer_lifetime_value with the units stated: lifetimes steps and discounts by month and
 * assumes daily data unless told otherwise.
 *
 * Up to 64 periods, where Q's series is quick, the periods are summed one by one. Otherwise the
 * sum over periods costs the same at any horizon and parameters. E[Y(k)] = P(alive)·Q(k/(α+T))
 * with Q(τ) = E[(1 − (1+pτ)^{−(r+x)})/p], p ~ Beta(a, b+x) (bgnbd-purchases.ts), and Q is a
 * Bernstein function of k, so the H discounted increments are a weighted sum of Q at ~30 to
 * ~150 periods with a proven relative error below 1e-14 (numerics/discounted-increments.ts).
 * That sum is linear in Q, so it is one mean over p of Σ_i w_i·(1 − (1+pτ_i)^{−(r+x)})/p,
 * taken by the trapezoid rule in logit p (numerics/beta-expectation.ts); where pτ_H·(r+x+1)
 * ≤ 1/8 the bracket is its power series in p, whose coefficients are the plan's moments.
 */
import { BgNbdParameters, checkBgNbd } from "./bgnbd";
import {
  expectedIfAliveByQuadrature,
  expectedIfAliveBySeries,
  probabilityAlive,
} from "./bgnbd-purchases";
import { finite, invalidNumber, invalidValue } from "../errors";
import { checkGammaGamma, expectedAverageSpend } from "./gamma-gamma";
import { betaExpectation } from "../numerics/beta-expectation";
import {
  discountedIncrementNodes,
  IncrementNodes,
  MOMENTS,
} from "../numerics/discounted-increments";

/** The days in a year: the Julian year, leap days included, as lifetimes and the sheets count it. */
export const DAYS_PER_YEAR = 365.25;

/** Lengths in days: a week is 7 days, a month a twelfth and a quarter a quarter of a year. */
const DAYS: Record<string, number> = {
  day: 1,
  week: 7,
  month: DAYS_PER_YEAR / 12,
  quarter: DAYS_PER_YEAR / 4,
  year: DAYS_PER_YEAR,
};

export type UnitWord = "day" | "week" | "month" | "quarter" | "year";

/** The named unit a length in days is (unitDays' inverse, to 1e-9 day), or null for another length. */
export function unitWord(days: number): UnitWord | null {
  for (const word of Object.keys(DAYS) as UnitWord[])
    if (Math.abs(days - DAYS[word]) < 1e-9) return word;
  return null;
}

/** Horizons beyond this many periods (274 years of days) are refused rather than summed. */
export const MAX_HORIZON = 100_000;

/**
 * A time unit's length in days: "day", "Weeks", " MONTH " …, or a number of days (7 for weeks,
 * as RETAIN.RFM's time_unit). Anything else is #VALUE! naming the argument.
 */
export function unitDays(value: string | number, argument: string): number {
  const text = typeof value === "string" ? value.trim() : "";
  const days = typeof value === "number" ? value : text === "" ? NaN : Number(text);
  if (!Number.isNaN(days)) {
    if (days > 0 && days < Infinity) return days;
    throw invalidValue(`${argument} as a number is its length in days, above 0 (7 for weeks)`);
  }
  const word = text.toLowerCase().replace(/s$/, "");
  if (Object.prototype.hasOwnProperty.call(DAYS, word)) return DAYS[word];
  throw invalidValue(
    `${argument} must be "day", "week", "month", "quarter", "year" or a number of days, not "${value}"`
  );
}

/** The discount rate per data unit (unitDays long) equivalent to `rate` per ratePeriodDays. */
export function discountRatePerUnit(
  rate: number,
  ratePeriodDays: number,
  dataUnitDays: number
): number {
  if (!(rate >= 0 && rate < Infinity)) throw invalidNumber("discount_rate must be 0 or more");
  return Math.expm1(Math.log1p(rate) * (dataUnitDays / ratePeriodDays));
}

export interface SpendParameters {
  p: number;
  q: number;
  gamma: number;
}

/**
 * CLV of one customer (x, t_x, T, m) over `horizon` periods of the data's unit (truncated to
 * whole periods; the unit is dataUnitDays long), at `rate` per period of ratePeriodDays.
 */
export function customerLifetimeValue(
  x: number,
  tx: number,
  T: number,
  m: number,
  purchases: BgNbdParameters,
  spend: SpendParameters,
  horizon: number,
  rate: number,
  dataUnitDays: number,
  ratePeriodDays: number
): number {
  const { r, alpha, a, b } = purchases;
  checkBgNbd(r, alpha, a, b);
  checkGammaGamma(spend.p, spend.q, spend.gamma);
  if (!(horizon >= 0 && horizon <= MAX_HORIZON))
    throw invalidNumber(`horizon must be 0 to ${MAX_HORIZON} periods of the data's time unit`);
  const H = Math.trunc(horizon);
  const delta = Math.log1p(discountRatePerUnit(rate, ratePeriodDays, dataUnitDays));
  const value = expectedAverageSpend(x, m, spend.p, spend.q, spend.gamma);
  const alive = probabilityAlive(x, tx, T, r, alpha, a, b);
  if (H === 0 || alive === 0) return finite(value * 0, "lifetime value");
  const discounted =
    shortHorizonIfAlive(r + x, b + x, a, 1 / (alpha + T), H, delta) ??
    discountedPurchasesIfAlive(
      r + x,
      b + x,
      a,
      H / (alpha + T),
      discountedIncrementNodes(H, delta)
    );
  if (Number.isNaN(discounted))
    throw invalidNumber("a or b is too extreme for the lifetime value to be evaluated precisely");
  return finite(value * alive * discounted, "lifetime value");
}

/** Horizons up to this many periods may be summed period by period (see below). */
const SHORT_HORIZON = 64;

/**
 * Σ_{k=1..H} (Q(ks) − Q((k−1)s))·e^{−δk} period by period, when H ≤ SHORT_HORIZON and Q's
 * Euler-transformed series (bgnbd-purchases.ts) holds at the longest period: then every Q costs
 * a handful of terms, ~20 times less than the mean over p below for a year of weeks. null
 * otherwise (a long horizon, or parameters where the series is slow).
 */
function shortHorizonIfAlive(
  k: number,
  B: number,
  a: number,
  s: number,
  H: number,
  delta: number
): number | null {
  if (H > SHORT_HORIZON || Number.isNaN(expectedIfAliveBySeries(k, B, a, H * s))) return null;
  let sum = 0;
  let previous = 0;
  for (let t = 1; t <= H; t++) {
    const series = expectedIfAliveBySeries(k, B, a, t * s);
    const q = Number.isNaN(series) ? expectedIfAliveByQuadrature(k, B, a, t * s) : series;
    sum += (q - previous) * Math.exp(-delta * t);
    previous = q;
  }
  return sum;
}

/** Terms kept of the series in p (each term below 1/8 of the last, so 8^−20 of the first). */
const SERIES_TERMS = 20;
/** Terms kept of the series in q = 1 − p, used for q ≤ 1/64 (the remainder is below 64^−11). */
const TAIL_TERMS = 11;

/**
 * Σ_i w_i·Q(τ_H·t_i/H) for the plan's periods t_i, τ_H = H/(α+T): the discounted purchases of a
 * customer alive now, with k = r+x and B = b+x. NaN if the mean over p exceeds its guard.
 * Both ends of p, where the walk is long when a or B is small, take a power series:
 * - p·τ_H·(k+1) ≤ 1/8: (1 − (1+pτ)^−k)/p = Σ_j (−1)^j (k)_{j+1}/(j+1)!·p^j·τ^{j+1}, whose
 *   terms fall by 1/8 at least; summed over the plan, τ^{j+1} becomes τ_H^{j+1}·moment_{j+1};
 * - q ≤ 1/64: with ζ = τ/(1+τ), (1+pτ)^−k = (1+τ)^−k·(1 − qζ)^−k and 1/p = Σ qⁿ give
 *   (1 − (1+pτ)^−k)/p = Σ_n e_n qⁿ, e_n = 1 − (1+τ)^−k·Σ_{j≤n} (k)_j/j!·ζ^j, which falls from
 *   e_0 = 1 − (1+τ)^−k to 0 (the full sum is (1+τ)^k), so the remainder is below e_0·q^11/(1−q);
 *   an e_n off by rounding of e_0 costs no more than that times qⁿ.
 */
export function discountedPurchasesIfAlive(
  k: number,
  B: number,
  a: number,
  tauH: number,
  plan: IncrementNodes
): number {
  const { periods, weights, moments } = plan;
  const count = periods.length;
  const H = periods[0];
  const taus = new Float64Array(count);
  for (let i = 0; i < count; i++) taus[i] = (periods[i] / H) * tauH;
  const series = new Float64Array(SERIES_TERMS);
  let factor = k * tauH;
  for (let j = 0; j < SERIES_TERMS && j < MOMENTS; j++) {
    series[j] = factor * moments[j + 1];
    factor *= (-(k + j + 1) * tauH) / (j + 2);
  }
  const seriesBelow = 1 / (8 * (k + 1) * tauH);
  let tail: Float64Array | null = null;
  const tailSeries = () => {
    const d = new Float64Array(TAIL_TERMS);
    for (let i = 0; i < count; i++) {
      const log = Math.log1p(taus[i]);
      const zeta = taus[i] / (1 + taus[i]);
      let e = -Math.expm1(-k * log);
      let term = Math.exp(-k * log);
      d[0] += weights[i] * e;
      for (let n = 1; n < TAIL_TERMS; n++) {
        term *= ((k + n - 1) / n) * zeta;
        e -= term;
        d[n] += weights[i] * e;
      }
    }
    return d;
  };
  const at = (p: number, q: number) => {
    let sum = 0;
    if (p <= seriesBelow) {
      for (let j = SERIES_TERMS - 1; j >= 0; j--) sum = sum * p + series[j];
      return sum;
    }
    if (q <= 1 / 64) {
      tail ??= tailSeries();
      for (let n = TAIL_TERMS - 1; n >= 0; n--) sum = sum * q + tail[n];
      return sum;
    }
    for (let i = 0; i < count; i++) sum -= weights[i] * Math.expm1(-k * Math.log1p(p * taus[i]));
    return sum / p;
  };
  return betaExpectation(a, B, {
    at,
    atZero: series[0],
    flatBelow: 1e-17 / ((k + 1) * tauH),
    flatAbove: 1e-17,
  });
}
