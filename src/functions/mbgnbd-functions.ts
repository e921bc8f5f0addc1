/*
 * RETAIN.MBGNBD_* and RETAIN.BGNBD_PROBABILITY: the MBG/NBD purchase model (Batislam, Denizel &
 * Filiztekin 2007), BG/NBD in which a customer may also drop out right after the first
 * purchase, and both models' probability of exactly x repeat purchases (docs/definitions.md).
 * The same argument shapes as the BG/NBD functions (clv-functions.ts): the fit reads whole
 * columns through summary-columns.ts, the per-customer functions go through mapArguments.
 * custom-functions-metadata-plugin reads the JSDoc below and appends the
 * CustomFunctions.associate calls: never call associate here.
 */

import { mapArguments } from "./excel-args";
import { fitResult } from "./fit-result";
import { blankWhereNoCustomer, readColumns } from "./summary-columns";
import { fitMbgNbd, mbgnbdInformation } from "../model/buyers/mbgnbd-fit";
import { mbgnbdPurchaseCountProbability } from "../model/buyers/mbgnbd-probability";
import {
  mbgnbdConditionalExpectedPurchases,
  mbgnbdExpectedPurchasesNew,
  mbgnbdProbabilityAlive,
} from "../model/buyers/mbgnbd-purchases";
import { bgnbdPurchaseCountProbability } from "../model/buyers/purchase-count-probability";

/**
 * Fits the MBG/NBD purchase model (Batislam, Denizel & Filiztekin) to a customer summary by maximum likelihood.
 * @customfunction MBGNBD_FIT
 * @param frequency Repeat purchases per customer, x (a column; from RETAIN.RFM).
 * @param recency Time from each customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from each customer's first purchase to the end of observation, in the same unit.
 * @param [weights] How many identical customers each row stands for; omitted: 1 each.
 * @param [stats] TRUE or 1: four more rows, as LINEST gives: standard errors, lower and upper 95% bounds, then the log-likelihood and the number of customers (#N/A fills the rest); FALSE, 0 or omitted: the parameters only.
 * @returns A 1×4 array {r, alpha, a, b} (alpha in the data's time unit) that spills into four cells; 5×4 with stats.
 */
export function MBGNBD_FIT(
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
      const fit = fitMbgNbd(data);
      return {
        parameters: [fit.r, fit.alpha, fit.a, fit.b],
        information: () => mbgnbdInformation(data, fit),
      };
    }
  );
}

/**
 * Expected repeat purchases of a new customer in the t periods after the first purchase (MBG/NBD).
 * @customfunction MBGNBD_EXPECTED
 * @param t Periods after the first purchase, in the data's time unit, 0 or more; a range spills.
 * @param r The fitted r (from RETAIN.MBGNBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param a The fitted a, above 0.
 * @param b The fitted b, above 0.
 * @returns The expected number of repeat purchases, E[X(t)].
 */
export function MBGNBD_EXPECTED(
  t: any[][],
  r: any[][],
  alpha: any[][],
  a: any[][],
  b: any[][]
): any[][] {
  return mapArguments({ t, r, alpha, a, b }, (v) =>
    mbgnbdExpectedPurchasesNew(v[0], v[1], v[2], v[3], v[4])
  ) as any[][];
}

/**
 * Expected purchases of a customer with history (frequency, recency, T) in the next t periods (MBG/NBD).
 * @customfunction MBGNBD_CONDITIONAL
 * @param frequency The customer's repeat purchases, x; a column spills one row per customer.
 * @param recency Time from the customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from the customer's first purchase to the end of observation, in the same unit.
 * @param t The coming periods to count, in the same unit, 0 or more.
 * @param r The fitted r (from RETAIN.MBGNBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param a The fitted a, above 0.
 * @param b The fitted b, above 0.
 * @returns The expected number of purchases in the next t periods, E[Y(t) | x, t_x, T].
 */
export function MBGNBD_CONDITIONAL(
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
    mbgnbdConditionalExpectedPurchases(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
  );
  return blankWhereNoCustomer(result, [frequency, recency, T]) as any[][];
}

/**
 * Probability that a customer with history (frequency, recency, T) is still active (MBG/NBD).
 * @customfunction MBGNBD_P_ALIVE
 * @param frequency The customer's repeat purchases, x; a column spills one row per customer.
 * @param recency Time from the customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from the customer's first purchase to the end of observation, in the same unit.
 * @param r The fitted r (from RETAIN.MBGNBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param a The fitted a, above 0.
 * @param b The fitted b, above 0.
 * @returns P(alive), 0 to 1; below 1 even for a customer with no repeat purchases.
 */
export function MBGNBD_P_ALIVE(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  r: any[][],
  alpha: any[][],
  a: any[][],
  b: any[][]
): any[][] {
  const result = mapArguments({ frequency, recency, T, r, alpha, a, b }, (v) =>
    mbgnbdProbabilityAlive(v[0], v[1], v[2], v[3], v[4], v[5], v[6])
  );
  return blankWhereNoCustomer(result, [frequency, recency, T]) as any[][];
}

/**
 * Probability that a new customer makes exactly x repeat purchases in the t periods after the first (BG/NBD).
 * @customfunction BGNBD_PROBABILITY
 * @param x The number of repeat purchases, a whole number 0 or more; a range spills.
 * @param t Periods after the first purchase, in the data's time unit, 0 or more.
 * @param r The fitted r (from RETAIN.BGNBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param a The fitted a, above 0.
 * @param b The fitted b, above 0.
 * @returns P(X(t) = x), 0 to 1.
 */
export function BGNBD_PROBABILITY(
  x: any[][],
  t: any[][],
  r: any[][],
  alpha: any[][],
  a: any[][],
  b: any[][]
): any[][] {
  return mapArguments({ x, t, r, alpha, a, b }, (v) =>
    bgnbdPurchaseCountProbability(v[0], v[1], { r: v[2], alpha: v[3], a: v[4], b: v[5] })
  ) as any[][];
}

/**
 * Probability that a new customer makes exactly x repeat purchases in the t periods after the first (MBG/NBD).
 * @customfunction MBGNBD_PROBABILITY
 * @param x The number of repeat purchases, a whole number 0 or more; a range spills.
 * @param t Periods after the first purchase, in the data's time unit, 0 or more.
 * @param r The fitted r (from RETAIN.MBGNBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param a The fitted a, above 0.
 * @param b The fitted b, above 0.
 * @returns P(X(t) = x), 0 to 1.
 */
export function MBGNBD_PROBABILITY(
  x: any[][],
  t: any[][],
  r: any[][],
  alpha: any[][],
  a: any[][],
  b: any[][]
): any[][] {
  return mapArguments({ x, t, r, alpha, a, b }, (v) =>
    mbgnbdPurchaseCountProbability(v[0], v[1], { r: v[2], alpha: v[3], a: v[4], b: v[5] })
  ) as any[][];
}
