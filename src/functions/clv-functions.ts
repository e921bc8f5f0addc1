/*
 * RETAIN.BGNBD_* , RETAIN.GG_* and RETAIN.CLV: customers who buy when they like and churn
 * silently (docs/definitions.md §10). BG/NBD for purchases and P(alive), Gamma-Gamma for spend, and CLV
 * from both with the data's time unit and the discount rate's period stated. Thin adapters:
 * the per-customer functions go through mapArguments (a customer table spills); the fits read
 * whole columns through summary-columns.ts. custom-functions-metadata-plugin reads the JSDoc
 * below and appends the CustomFunctions.associate calls: never call associate here.
 */

import { mapArguments, toExcelError } from "./excel-args";
import { fitResult } from "./fit-result";
import {
  blankWhereNoCustomer,
  readColumns,
  readParameters,
  readScalar,
  readUnit,
} from "./summary-columns";
import { fitBgNbd } from "../model/buyers/bgnbd-fit";
import { bgnbdInformation } from "../model/buyers/bgnbd-information";
import {
  conditionalExpectedPurchases,
  expectedPurchasesNew,
  probabilityAlive,
} from "../model/buyers/bgnbd-purchases";
import { customerLifetimeValue, unitDays } from "../model/buyers/clv";
import { invalidValue } from "../model/errors";
import { expectedAverageSpend } from "../model/buyers/gamma-gamma";
import { fitGammaGamma } from "../model/buyers/gamma-gamma-fit";
import { gammaGammaInformation } from "../model/buyers/gamma-gamma-information";

/**
 * Fitted parameters as a function reads them: one row or column, or the first row of a fit's
 * `stats` block (its parameters; the rows below are statistics).
 */
function parameterLine(arg: unknown): unknown {
  if (!Array.isArray(arg) || arg.length < 2 || !arg.every(Array.isArray)) return arg;
  const rows = arg as unknown[][];
  return rows[0].length > 1 ? [rows[0]] : arg;
}

/**
 * Fits the BG/NBD purchase model (Fader, Hardie & Lee) to a customer summary by maximum likelihood.
 * @customfunction BGNBD_FIT
 * @param frequency Repeat purchases per customer, x (a column; from RETAIN.RFM).
 * @param recency Time from each customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from each customer's first purchase to the end of observation, in the same unit.
 * @param [weights] How many identical customers each row stands for; omitted: 1 each.
 * @param [stats] TRUE or 1: four more rows, as LINEST gives: standard errors, lower and upper 95% bounds, then the log-likelihood and the number of customers (#N/A fills the rest); FALSE, 0 or omitted: the parameters only.
 * @returns A 1×4 array {r, alpha, a, b} (alpha in the data's time unit) that spills into four cells; 5×4 with stats.
 */
export function BGNBD_FIT(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  weights?: any[][],
  stats?: any
): any[][] {
  return fitResult(
    stats,
    () =>
      readColumns(
        [
          { name: "frequency", arg: frequency },
          { name: "recency", arg: recency },
          { name: "T", arg: T },
        ],
        weights
      ),
    4,
    ({ values: [x, tx, t], weight }) => {
      const data = { frequency: x, recency: tx, T: t, weight };
      const fit = fitBgNbd(data);
      return {
        parameters: [fit.r, fit.alpha, fit.a, fit.b],
        information: () => bgnbdInformation(data, fit),
      };
    }
  );
}

/**
 * Expected repeat purchases of a new customer in the t periods after the first purchase (BG/NBD).
 * @customfunction BGNBD_EXPECTED
 * @param t Periods after the first purchase, in the data's time unit, 0 or more; a range spills.
 * @param r The fitted r (from RETAIN.BGNBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param a The fitted a, above 0.
 * @param b The fitted b, above 0.
 * @returns The expected number of repeat purchases, E[X(t)].
 */
export function BGNBD_EXPECTED(
  t: any[][],
  r: any[][],
  alpha: any[][],
  a: any[][],
  b: any[][]
): any[][] {
  return mapArguments({ t, r, alpha, a, b }, (v) =>
    expectedPurchasesNew(v[0], v[1], v[2], v[3], v[4])
  ) as any[][];
}

/**
 * Expected purchases of a customer with history (frequency, recency, T) in the next t periods (BG/NBD).
 * @customfunction BGNBD_CONDITIONAL
 * @param frequency The customer's repeat purchases, x; a column spills one row per customer.
 * @param recency Time from the customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from the customer's first purchase to the end of observation, in the same unit.
 * @param t The coming periods to count, in the same unit, 0 or more.
 * @param r The fitted r (from RETAIN.BGNBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param a The fitted a, above 0.
 * @param b The fitted b, above 0.
 * @returns The expected number of purchases in the next t periods, E[Y(t) | x, t_x, T].
 */
export function BGNBD_CONDITIONAL(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  t: any[][],
  r: any[][],
  alpha: any[][],
  a: any[][],
  b: any[][]
): any[][] {
  const result = mapArguments({ frequency, recency, T, t, r, alpha, a, b }, (v) =>
    conditionalExpectedPurchases(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
  );
  return blankWhereNoCustomer(result, [frequency, recency, T]) as any[][];
}

/**
 * Probability that a customer with history (frequency, recency, T) is still active (BG/NBD).
 * @customfunction BGNBD_P_ALIVE
 * @param frequency The customer's repeat purchases, x; a column spills one row per customer.
 * @param recency Time from the customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from the customer's first purchase to the end of observation, in the same unit.
 * @param r The fitted r (from RETAIN.BGNBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param a The fitted a, above 0.
 * @param b The fitted b, above 0.
 * @returns P(alive), 0 to 1; 1 for a customer with no repeat purchases.
 */
export function BGNBD_P_ALIVE(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  r: any[][],
  alpha: any[][],
  a: any[][],
  b: any[][]
): any[][] {
  const result = mapArguments({ frequency, recency, T, r, alpha, a, b }, (v) =>
    probabilityAlive(v[0], v[1], v[2], v[3], v[4], v[5], v[6])
  );
  return blankWhereNoCustomer(result, [frequency, recency, T]) as any[][];
}

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood, on customers with at least one repeat purchase only.
 * @customfunction GG_FIT
 * @param frequency Repeat purchases per customer, x (a column); customers with 0 are skipped.
 * @param monetary_value Each customer's mean value of the repeat purchases, above 0 where frequency is above 0.
 * @param [weights] How many identical customers each row stands for; omitted: 1 each.
 * @param [stats] TRUE or 1: four more rows, as LINEST gives: standard errors, lower and upper 95% bounds, then the log-likelihood and the number of customers used (those with frequency above 0; #N/A fills the rest); FALSE, 0 or omitted: the parameters only.
 * @returns A 1×3 array {p, q, gamma} that spills; 5×3 with stats.
 */
export function GG_FIT(
  frequency: any[][],
  monetary_value: any[][],
  weights?: any[][],
  stats?: any
): any[][] {
  return fitResult(
    stats,
    () =>
      readColumns(
        [
          { name: "frequency", arg: frequency },
          { name: "monetary_value", arg: monetary_value, blank: 0 },
        ],
        weights
      ),
    3,
    ({ values: [x, m], weight }) => {
      const data = { frequency: x, monetary: m, weight };
      const fit = fitGammaGamma(data);
      return {
        parameters: [fit.p, fit.q, fit.gamma],
        information: () => gammaGammaInformation(data, fit),
      };
    }
  );
}

/**
 * Expected average spend per purchase of a customer under the Gamma-Gamma model: p(gamma + m·x)/(p·x + q − 1).
 * @customfunction GG_SPEND
 * @param frequency The customer's repeat purchases, x; 0 gives the population mean.
 * @param monetary_value The customer's mean value of the repeat purchases, m.
 * @param p The fitted p (from RETAIN.GG_FIT), above 0.
 * @param q The fitted q, above 1 (q ≤ 1 means an infinite mean spend: #NUM!).
 * @param gamma The fitted gamma, above 0.
 * @returns The expected spend per purchase, in the currency of monetary_value.
 */
export function GG_SPEND(
  frequency: any[][],
  monetary_value: any[][],
  p: any[][],
  q: any[][],
  gamma: any[][]
): any[][] {
  const result = mapArguments({ frequency, monetary_value, p, q, gamma }, (v) =>
    expectedAverageSpend(v[0], v[1], v[2], v[3], v[4])
  );
  return blankWhereNoCustomer(result, [frequency, monetary_value]) as any[][];
}

/**
 * Customer lifetime value from BG/NBD purchases and Gamma-Gamma spend, discounted per period of the data's time unit.
 * @customfunction CLV
 * @param frequency The customer's repeat purchases, x; a column spills one row per customer.
 * @param recency Time from the customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from the customer's first purchase to the end of observation, in the same unit.
 * @param monetary_value The customer's mean value of the repeat purchases, m.
 * @param bgnbd_params r, alpha, a, b: the four cells spilled by RETAIN.BGNBD_FIT (or its whole stats block: the first row is read).
 * @param gg_params p, q, gamma: the three cells spilled by RETAIN.GG_FIT (or its whole stats block: the first row is read).
 * @param horizon Periods ahead to value, in the data's time unit (e.g. 52 for a year of weekly data).
 * @param discount_rate Discount rate per rate_period, 0 or more.
 * @param time_unit The data's time unit (of recency, T and horizon): "day", "week", "month", "quarter", "year", or its length in days (7: weeks, as in RETAIN.RFM).
 * @param rate_period The period discount_rate is quoted for: "day", "week", "month", "quarter", "year", or its length in days.
 * @returns The expected discounted spend over the horizon, in the currency of monetary_value.
 */
export function CLV(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  monetary_value: any[][],
  bgnbd_params: any[][],
  gg_params: any[][],
  horizon: any[][],
  discount_rate: any[][],
  time_unit: any,
  rate_period: any
): any[][] {
  let compute: (v: Float64Array) => number;
  try {
    const [r, alpha, a, b] = readParameters(parameterLine(bgnbd_params), "bgnbd_params", [
      "r",
      "alpha",
      "a",
      "b",
    ]);
    const [p, q, gamma] = readParameters(parameterLine(gg_params), "gg_params", [
      "p",
      "q",
      "gamma",
    ]);
    const H = readScalar(horizon, "horizon");
    const rate = readScalar(discount_rate, "discount_rate");
    if (H === null) throw invalidValue("horizon is blank: give the periods ahead to value");
    if (rate === null) throw invalidValue("discount_rate is blank: give 0 for no discounting");
    const unit = unitDays(readUnit(time_unit, "time_unit"), "time_unit");
    const period = unitDays(readUnit(rate_period, "rate_period"), "rate_period");
    compute = (v) =>
      customerLifetimeValue(
        v[0],
        v[1],
        v[2],
        v[3],
        { r, alpha, a, b },
        { p, q, gamma },
        H,
        rate,
        unit,
        period
      );
  } catch (e) {
    return [[toExcelError(e)]];
  }
  const result = mapArguments({ frequency, recency, T, monetary_value }, compute);
  return result as any[][];
}
