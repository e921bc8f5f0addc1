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
 */
import { conditionalExpectedPurchaseCurveInterpolated } from "./bgnbd-purchases";
import { BgNbdParameters, checkBgNbd } from "./bgnbd";
import { finite, invalidNumber, invalidValue } from "../errors";
import { checkGammaGamma, expectedAverageSpend } from "./gamma-gamma";

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
  const v = 1 / (1 + discountRatePerUnit(rate, ratePeriodDays, dataUnitDays));
  const value = expectedAverageSpend(x, m, spend.p, spend.q, spend.gamma);
  // Interpolated past 64 periods: 2,500 customers × 1,826 days in well under a second.
  const curve = conditionalExpectedPurchaseCurveInterpolated(x, tx, T, H, purchases);
  let sum = 0;
  let factor = 1;
  for (let k = 1; k <= H; k++) {
    factor *= v;
    sum += (curve[k] - curve[k - 1]) * factor;
  }
  return finite(value * sum, "lifetime value");
}
