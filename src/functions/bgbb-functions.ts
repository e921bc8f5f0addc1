/*
 * RETAIN.BGBB_*: the BG/BB model of discrete opportunities (Fader, Hardie & Shang 2010;
 * docs/definitions.md), for yearly donations, annual events and renewals at fixed dates, and
 * the summary that turns dated events into its (x, t_x, n). Thin adapters: the fit reads whole
 * columns through summary-columns.ts, the per-customer functions go through mapArguments, the
 * summary reads the events through the data functions' reading seam (data-args.ts).
 * custom-functions-metadata-plugin reads the JSDoc below and appends the
 * CustomFunctions.associate calls: never call associate here.
 */

import { optionalNumber, orderTable, foldOrders, spill } from "./data-args";
import { ExcelCell, mapArguments } from "./excel-args";
import { fitResult } from "./fit-result";
import { blankWhereNoCustomer, readColumns } from "./summary-columns";
import {
  bgbbConditionalExpectedTransactions,
  bgbbExpectedTransactions,
  bgbbProbabilityAlive,
  bgbbTransactionCountProbability,
} from "../model/buyers/bgbb";
import { bgbbInformation, fitBgBb } from "../model/buyers/bgbb-fit";
import { opportunityHistory, OpportunityHistory } from "../model/history/bgbb-summary";
import { periodUnitOfCode } from "../model/history/periods";

const parameters = (v: Float64Array, from: number) => ({
  alpha: v[from],
  beta: v[from + 1],
  gamma: v[from + 2],
  delta: v[from + 3],
});

/**
 * Fits the BG/BB model (Fader, Hardie & Shang) of discrete opportunities to a customer summary by maximum likelihood.
 * @customfunction BGBB_FIT
 * @param frequency Opportunities with a transaction per customer, x (a column; from RETAIN.BGBB_SUMMARY).
 * @param recency The opportunity of each customer's last transaction, t_x (0 when x is 0).
 * @param n_periods The opportunities each customer has had, n.
 * @param [weights] How many identical customers each row stands for; omitted: 1 each.
 * @param [stats] TRUE or 1: four more rows, as LINEST gives: standard errors, lower and upper 95% bounds, then the log-likelihood and the number of customers (#N/A fills the rest); FALSE, 0 or omitted: the parameters only.
 * @returns A 1×4 array {alpha, beta, gamma, delta} that spills into four cells; 5×4 with stats.
 */
export function BGBB_FIT(
  frequency: any[][],
  recency: any[][],
  n_periods: any[][],
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
          { name: "n_periods", arg: n_periods },
        ],
        weights
      ),
    4,
    ({ values: [x, tx, n], weight }) => {
      const data = { frequency: x, recency: tx, n, weight };
      const fit = fitBgBb(data);
      return {
        parameters: [fit.alpha, fit.beta, fit.gamma, fit.delta],
        information: () => bgbbInformation(data, fit),
      };
    }
  );
}

/**
 * Probability that a customer with history (frequency, recency, n_periods) is alive at the next opportunity, n + 1 (BG/BB).
 * @customfunction BGBB_P_ALIVE
 * @param frequency The customer's opportunities with a transaction, x; a column spills one row per customer.
 * @param recency The opportunity of the customer's last transaction, t_x (0 when x is 0).
 * @param n_periods The opportunities the customer has had, n.
 * @param alpha The fitted alpha (from RETAIN.BGBB_FIT), above 0.
 * @param beta The fitted beta, above 0.
 * @param gamma The fitted gamma, above 0.
 * @param delta The fitted delta, above 0.
 * @returns P(alive at opportunity n + 1), 0 to 1.
 */
export function BGBB_P_ALIVE(
  frequency: any[][],
  recency: any[][],
  n_periods: any[][],
  alpha: any[][],
  beta: any[][],
  gamma: any[][],
  delta: any[][]
): any[][] {
  const result = mapArguments({ frequency, recency, n_periods, alpha, beta, gamma, delta }, (v) =>
    bgbbProbabilityAlive(v[0], v[1], v[2], parameters(v, 3))
  );
  return blankWhereNoCustomer(result, [frequency, recency, n_periods]) as any[][];
}

/**
 * Expected transactions of a customer with history (frequency, recency, n_periods) at the next future_periods opportunities (BG/BB).
 * @customfunction BGBB_CONDITIONAL
 * @param frequency The customer's opportunities with a transaction, x; a column spills one row per customer.
 * @param recency The opportunity of the customer's last transaction, t_x (0 when x is 0).
 * @param n_periods The opportunities the customer has had, n.
 * @param future_periods The coming opportunities to count, a whole number 0 or more.
 * @param alpha The fitted alpha (from RETAIN.BGBB_FIT), above 0.
 * @param beta The fitted beta, above 0.
 * @param gamma The fitted gamma, above 0.
 * @param delta The fitted delta, above 0.
 * @returns The expected number of transactions at opportunities n + 1 to n + future_periods.
 */
export function BGBB_CONDITIONAL(
  frequency: any[][],
  recency: any[][],
  n_periods: any[][],
  future_periods: any[][],
  alpha: any[][],
  beta: any[][],
  gamma: any[][],
  delta: any[][]
): any[][] {
  const result = mapArguments(
    { frequency, recency, n_periods, future_periods, alpha, beta, gamma, delta },
    (v) => bgbbConditionalExpectedTransactions(v[0], v[1], v[2], v[3], parameters(v, 4))
  );
  return blankWhereNoCustomer(result, [frequency, recency, n_periods]) as any[][];
}

/**
 * Expected transactions of a new customer in the first n_periods opportunities after the first transaction (BG/BB).
 * @customfunction BGBB_EXPECTED
 * @param n_periods Opportunities after the first transaction, a whole number 0 or more; a range spills.
 * @param alpha The fitted alpha (from RETAIN.BGBB_FIT), above 0.
 * @param beta The fitted beta, above 0.
 * @param gamma The fitted gamma, above 0.
 * @param delta The fitted delta, above 0.
 * @returns The expected number of transactions, E[X(n)].
 */
export function BGBB_EXPECTED(
  n_periods: any[][],
  alpha: any[][],
  beta: any[][],
  gamma: any[][],
  delta: any[][]
): any[][] {
  return mapArguments({ n_periods, alpha, beta, gamma, delta }, (v) =>
    bgbbExpectedTransactions(v[0], parameters(v, 1))
  ) as any[][];
}

/**
 * Probability that a new customer transacts at exactly x of the first n_periods opportunities (BG/BB).
 * @customfunction BGBB_PROBABILITY
 * @param x The number of opportunities with a transaction, a whole number 0 or more; a range spills.
 * @param n_periods Opportunities after the first transaction, a whole number 0 or more.
 * @param alpha The fitted alpha (from RETAIN.BGBB_FIT), above 0.
 * @param beta The fitted beta, above 0.
 * @param gamma The fitted gamma, above 0.
 * @param delta The fitted delta, above 0.
 * @returns P(X(n) = x), 0 to 1.
 */
export function BGBB_PROBABILITY(
  x: any[][],
  n_periods: any[][],
  alpha: any[][],
  beta: any[][],
  gamma: any[][],
  delta: any[][]
): any[][] {
  return mapArguments({ x, n_periods, alpha, beta, gamma, delta }, (v) =>
    bgbbTransactionCountProbability(v[0], v[1], parameters(v, 2))
  ) as any[][];
}

const SUMMARY_HEADERS = ["customer", "frequency", "recency", "n_periods"];

/** One row per customer; a function of its own so its loop stays compiled between calls. */
function summaryRows(
  history: OpportunityHistory,
  labels: ReadonlyArray<string | number>,
  headers: boolean
): ExcelCell[][] {
  const rows: ExcelCell[][] = headers ? [SUMMARY_HEADERS] : [];
  for (let k = 0; k < history.count; k++)
    rows.push([
      labels[history.customer[k]],
      history.frequency[k],
      history.recency[k],
      history.opportunities[k],
    ]);
  return rows;
}

/**
 * Per-customer BG/BB summary of dated events, one opportunity per period after the period of the first event.
 * @customfunction BGBB_SUMMARY
 * @param customers The customer id of each event (a column).
 * @param dates The date of each event (a donation, an attendance, a renewal).
 * @param [interval] The opportunity: 0 day, 1 week, 2 month, 3 quarter, 4 year (default).
 * @param [end_date] End of observation; later events are left out, and the period holding it is the last opportunity. Omitted: the last event's date.
 * @param [headers] 1 (default): a header row; 0: none.
 * @returns A table that spills: customer, frequency, recency, n_periods (the input of RETAIN.BGBB_FIT).
 */
export function BGBB_SUMMARY(
  customers: any[][],
  dates: any[][],
  interval?: any,
  end_date?: any,
  headers?: any
): any[][] {
  return spill(() => {
    const table = orderTable(customers, dates, null, {
      customers: "customers",
      dates: "dates",
      amounts: "amounts",
    });
    const unit = periodUnitOfCode(optionalNumber(interval, "interval", 4));
    const folded = foldOrders(table, unit, end_date, headers);
    const history = opportunityHistory(folded.cells, folded.range.last);
    return summaryRows(history, folded.ids.labels, folded.withHeaders);
  }, "no events");
}
