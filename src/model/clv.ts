/**
 * Customer lifetime value from the BG/NBD and Gamma-Gamma models (domain.md §10), with the time
 * units stated, not assumed:
 *   CLV = E[M | x, m] · Σ_{k=1..H} (E[Y(k)] − E[Y(k−1)]) / (1+d)^k,
 * E[Y(k)] the conditional expected purchases in the next k periods of the data's time unit
 * (the unit recency, T and α are in), H the horizon in that unit, and d the discount rate per
 * period of that unit, converted from the rate's own period by
 *   d = (1 + rate)^(unit length / rate period length) − 1,
 * e.g. an annual rate with weekly data: (1 + annual)^(7/365.25) − 1. This is lifetimes'
 * customer_lifetime_value, which steps and discounts by month and assumes daily data unless told.
 */
import { conditionalExpectedPurchaseCurve } from "./bgnbd-purchases";
import { BgNbdParameters, checkBgNbd } from "./bgnbd";
import { finite, invalidNumber, invalidValue } from "./errors";
import { checkGammaGamma, expectedAverageSpend } from "./gamma-gamma";

export type TimeUnit = "day" | "week" | "month" | "quarter" | "year";

/** Lengths in days: a week is 7 days, a year 365.25, a month a twelfth and a quarter a quarter of it. */
const DAYS: Record<TimeUnit, number> = {
  day: 1,
  week: 7,
  month: 365.25 / 12,
  quarter: 365.25 / 4,
  year: 365.25,
};

/** Horizons beyond this many periods (274 years of days) are refused rather than summed. */
export const MAX_HORIZON = 100_000;

/** "day", "Weeks", " MONTH " … → the unit; anything else is #VALUE! naming the argument. */
export function parseTimeUnit(text: string, argument: string): TimeUnit {
  const word = text.trim().toLowerCase().replace(/s$/, "");
  if (word in DAYS) return word as TimeUnit;
  throw invalidValue(
    `${argument} must be one of "day", "week", "month", "quarter" or "year", not "${text}"`
  );
}

/** The discount rate per period of `unit` equivalent to `rate` per `ratePeriod`. */
export function discountRatePerUnit(rate: number, ratePeriod: TimeUnit, unit: TimeUnit): number {
  if (!(rate >= 0 && rate < Infinity)) throw invalidNumber("discount_rate must be 0 or more");
  return Math.expm1(Math.log1p(rate) * (DAYS[unit] / DAYS[ratePeriod]));
}

export interface SpendParameters {
  p: number;
  q: number;
  gamma: number;
}

/**
 * CLV of one customer (x, t_x, T, m) over `horizon` periods of `unit` (truncated to whole
 * periods), at `rate` per `ratePeriod`.
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
  unit: TimeUnit,
  ratePeriod: TimeUnit
): number {
  const { r, alpha, a, b } = purchases;
  checkBgNbd(r, alpha, a, b);
  checkGammaGamma(spend.p, spend.q, spend.gamma);
  if (!(horizon >= 0 && horizon <= MAX_HORIZON))
    throw invalidNumber(`horizon must be 0 to ${MAX_HORIZON} periods of the data's time unit`);
  const H = Math.trunc(horizon);
  const v = 1 / (1 + discountRatePerUnit(rate, ratePeriod, unit));
  const value = expectedAverageSpend(x, m, spend.p, spend.q, spend.gamma);
  const curve = conditionalExpectedPurchaseCurve(x, tx, T, H, r, alpha, a, b);
  let sum = 0;
  let factor = 1;
  for (let k = 1; k <= H; k++) {
    factor *= v;
    sum += (curve[k] - curve[k - 1]) * factor;
  }
  return finite(value * sum, "lifetime value");
}
