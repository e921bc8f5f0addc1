/*
 * RETAIN.PARETO_NBD_*: the Pareto/NBD model (docs/definitions.md §12), beside the BG/NBD
 * functions and with their argument shapes: the fit reads whole columns through
 * summary-columns.ts; the per-customer functions go through mapArguments (a customer table
 * spills). custom-functions-metadata-plugin reads the JSDoc below and appends the
 * CustomFunctions.associate calls: never call associate here.
 */

import { mapArguments } from "./excel-args";
import { fitResult } from "./fit-result";
import { blankWhereNoCustomer, readColumns } from "./summary-columns";
import {
  paretoConditionalExpectedPurchases,
  paretoProbabilityAlive,
} from "../model/buyers/pareto-nbd";
import { fitParetoNbd } from "../model/buyers/pareto-nbd-fit";
import { paretoNbdInformation } from "../model/buyers/pareto-nbd-information";
import { paretoPurchaseCountProbability } from "../model/buyers/pareto-nbd-probability";

/**
 * Fits the Pareto/NBD purchase and lifetime model (Schmittlein, Morrison & Colombo) to a customer summary by maximum likelihood.
 * @customfunction PARETO_NBD_FIT
 * @param frequency Repeat purchases per customer, x (a column; from RETAIN.RFM).
 * @param recency Time from each customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from each customer's first purchase to the end of observation, in the same unit.
 * @param [weights] How many identical customers each row stands for; omitted: 1 each.
 * @param [stats] TRUE or 1: four more rows, as LINEST gives: standard errors, lower and upper 95% bounds, then the log-likelihood and the number of customers (#N/A fills the rest); FALSE, 0 or omitted: the parameters only.
 * @returns A 1×4 array {r, alpha, s, beta} (alpha and beta in the data's time unit) that spills into four cells; 5×4 with stats.
 */
export function PARETO_NBD_FIT(
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
      const fit = fitParetoNbd(data);
      return {
        parameters: [fit.r, fit.alpha, fit.s, fit.beta],
        information: () => paretoNbdInformation(data, fit),
      };
    }
  );
}

/**
 * Probability that a customer with history (frequency, recency, T) is still alive (Pareto/NBD).
 * @customfunction PARETO_NBD_P_ALIVE
 * @param frequency The customer's repeat purchases, x; a column spills one row per customer.
 * @param recency Time from the customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from the customer's first purchase to the end of observation, in the same unit.
 * @param r The fitted r (from RETAIN.PARETO_NBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param s The fitted s, above 0.
 * @param beta The fitted beta, above 0.
 * @returns P(alive), 0 to 1 (below 1 also for a customer with no repeat purchases).
 */
export function PARETO_NBD_P_ALIVE(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  r: any[][],
  alpha: any[][],
  s: any[][],
  beta: any[][]
): any[][] {
  const result = mapArguments({ frequency, recency, T, r, alpha, s, beta }, (v) =>
    paretoProbabilityAlive(v[0], v[1], v[2], v[3], v[4], v[5], v[6])
  );
  return blankWhereNoCustomer(result, [frequency, recency, T]) as any[][];
}

/**
 * Expected purchases of a customer with history (frequency, recency, T) in the next t periods (Pareto/NBD).
 * @customfunction PARETO_NBD_CONDITIONAL
 * @param frequency The customer's repeat purchases, x; a column spills one row per customer.
 * @param recency Time from the customer's first to last purchase, t_x, in the data's time unit.
 * @param T Time from the customer's first purchase to the end of observation, in the same unit.
 * @param t The coming periods to count, in the same unit, 0 or more.
 * @param r The fitted r (from RETAIN.PARETO_NBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param s The fitted s, above 0.
 * @param beta The fitted beta, above 0.
 * @returns The expected number of purchases in the next t periods, E[Y(t) | x, t_x, T].
 */
export function PARETO_NBD_CONDITIONAL(
  frequency: any[][],
  recency: any[][],
  T: any[][],
  t: any[][],
  r: any[][],
  alpha: any[][],
  s: any[][],
  beta: any[][]
): any[][] {
  const result = mapArguments({ frequency, recency, T, t, r, alpha, s, beta }, (v) =>
    paretoConditionalExpectedPurchases(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
  );
  return blankWhereNoCustomer(result, [frequency, recency, T]) as any[][];
}

/**
 * Probability that a new customer makes exactly x repeat purchases in the t periods after the first purchase (Pareto/NBD).
 * @customfunction PARETO_NBD_PROBABILITY
 * @param x The number of repeat purchases, a whole number 0 or more; a range spills.
 * @param t Periods after the first purchase, in the data's time unit, 0 or more.
 * @param r The fitted r (from RETAIN.PARETO_NBD_FIT), above 0.
 * @param alpha The fitted alpha, above 0.
 * @param s The fitted s, above 0.
 * @param beta The fitted beta, above 0.
 * @returns P(X(t) = x), 0 to 1.
 */
export function PARETO_NBD_PROBABILITY(
  x: any[][],
  t: any[][],
  r: any[][],
  alpha: any[][],
  s: any[][],
  beta: any[][]
): any[][] {
  return mapArguments({ x, t, r, alpha, s, beta }, (v) =>
    paretoPurchaseCountProbability(v[0], v[1], v[2], v[3], v[4], v[5])
  ) as any[][];
}
