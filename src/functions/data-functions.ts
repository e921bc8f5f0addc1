/*
 * Retention from the user's own data (docs/definitions.md §7–§8, §10's RFM summary): one formula
 * per table, spilling, recalculating when the data changes. Thin adapters: columns in (read by
 * data-args.ts through src/model/reading), the model's tables out (src/model/history). Every
 * data parameter is declared `any`, so an empty cell arrives as null where Excel tells it from 0;
 * desktop builds that still pass 0 are covered by the data rules (a row of blanks and zeros is
 * blank; a date of 0 is never a date).
 * custom-functions-metadata-plugin reads the JSDoc below and appends CustomFunctions.associate.
 */
import {
  cohortCell,
  cohortMeasureOfCode,
  cohortTable,
  CohortMeasure,
  CohortTable,
  subscriptionCohortTable,
} from "../model/history/cohorts";
import { invalidValue } from "../model/errors";
import {
  checkWindow,
  periodRetentionFromOrders,
  periodRetentionFromSubscriptions,
  periodRetentionRate,
  PeriodRetentionTable,
  periodStarts,
} from "../model/history/period-retention";
import { revenueMovements, RevenueMovementTable } from "../model/history/revenue-movements";
import { checkTimeUnit, rfmSummary, RfmSummary } from "../model/history/rfm";
import { subscriptionPeriods } from "../model/history/subscription-periods";
import { grossRevenueRetention, netRevenueRetention } from "../model/economics/revenue-retention";
import { ORDER_COLUMN_NAMES, OrderColumnNames } from "../model/reading/order-rows";
import {
  eachOrderSegment,
  eachSubscriptionSegment,
  foldOrders,
  numberCell,
  optionalInterval,
  optionalNumber,
  orderTable,
  readSubscriptionsAsOf,
  spill,
  subscriptionTable,
} from "./data-args";
import { ExcelCell, toExcelError } from "./excel-args";

const PERIOD_RETENTION_HEADERS = [
  "period start",
  "start (S)",
  "new (N)",
  "end (E)",
  "kept",
  "reactivated",
  "churned",
  "retention",
];

function periodRetentionRows(table: PeriodRetentionTable, headers: boolean): ExcelCell[][] {
  const starts = periodStarts(table.range);
  const rows: ExcelCell[][] = headers ? [PERIOD_RETENTION_HEADERS] : [];
  for (let i = 0; i < starts.length; i++) {
    rows.push([
      starts[i],
      table.start[i],
      table.won[i],
      table.end[i],
      table.kept[i],
      table.reactivated[i],
      table.churned[i],
      numberCell(periodRetentionRate(table, i)),
    ]);
  }
  return rows;
}

/**
 * Period retention from an orders table: one row per period with its start date, S, N, E, kept, reactivated, churned and retention (E − N) ÷ S.
 * @customfunction PERIOD_RETENTION
 * @param customers The customer id of each order (a column; text or numbers).
 * @param order_dates The date of each order (a column of dates or ISO text such as 2024-03-05).
 * @param [amounts] The amount of each order: a refund (negative amount) never makes a customer active. Omitted: every row is an order.
 * @param [interval] 0 day, 1 week, 2 month (default), 3 quarter, 4 year.
 * @param [window] Activity window in periods: a customer is active at a period's end when they ordered in the last `window` periods (default 1).
 * @param [end_date] Last date to include; later orders are left out. Omitted: the last order's date.
 * @param [headers] 1 (default): a header row; 0: none.
 * @param [segments] The segment of each order (plan, channel, country…; a column beside the data): one block per segment, each row led by its segment. A customer belongs to the segment of their first order.
 * @returns A table that spills: period start, S, N, E, kept, reactivated, churned, retention.
 */
export function PERIOD_RETENTION(
  customers: any[][],
  order_dates: any[][],
  amounts?: any[][],
  interval?: any,
  window?: any,
  end_date?: any,
  headers?: any,
  segments?: any[][]
): any[][] {
  return spill(() => {
    const table = orderTable(customers, order_dates, amounts);
    const unit = optionalInterval(interval);
    const w = checkWindow(optionalNumber(window, "window", 1));
    return eachOrderSegment(table, segments, end_date, headers, (part) => {
      const { cells, range, withHeaders } = foldOrders(part, unit, end_date, headers);
      return periodRetentionRows(periodRetentionFromOrders(cells, range, w), withHeaders);
    });
  });
}

/**
 * Period retention from a subscriptions table: a customer is active at a period's end when a subscription covers that moment (start ≤ end of period < end date).
 * @customfunction SUBSCRIPTION_RETENTION
 * @param customers The customer id of each subscription (a column).
 * @param start_dates The start date of each subscription.
 * @param end_dates The end date of each subscription; empty while it is active.
 * @param [interval] 0 day, 1 week, 2 month (default), 3 quarter, 4 year.
 * @param [as_of] The date the data describes; later starts are left out and later ends are not known yet. Omitted: the latest start or end date.
 * @param [headers] 1 (default): a header row; 0: none.
 * @param [segments] The segment of each subscription (plan, channel, country…; a column beside the data): one block per segment, each row led by its segment. A customer belongs to the segment of their first subscription.
 * @returns A table that spills: period start, S, N, E, kept, reactivated, churned, retention.
 */
export function SUBSCRIPTION_RETENTION(
  customers: any[][],
  start_dates: any[][],
  end_dates: any[][],
  interval?: any,
  as_of?: any,
  headers?: any,
  segments?: any[][]
): any[][] {
  return spill(() => {
    const table = subscriptionTable(customers, start_dates, end_dates, null);
    const unit = optionalInterval(interval);
    return eachSubscriptionSegment(table, segments, as_of, headers, (part) => {
      const { subs, range, withHeaders } = readSubscriptionsAsOf(part, unit, as_of, headers);
      return periodRetentionRows(periodRetentionFromSubscriptions(subs, range), withHeaders);
    });
  });
}

function cohortRows(table: CohortTable, measure: CohortMeasure, headers: boolean): ExcelCell[][] {
  const rows: ExcelCell[][] = [];
  if (headers) {
    const top: ExcelCell[] = ["cohort", "size"];
    for (let age = 0; age < table.ages; age++) top.push(age);
    rows.push(top);
  }
  const starts = periodStarts(table.range);
  for (let r = 0; r < table.cohort.length; r++) {
    const line: ExcelCell[] = [starts[table.cohort[r] - table.range.first], table.size[r]];
    for (let age = 0; age < table.ages; age++)
      line.push(numberCell(cohortCell(table, measure, r, age)));
    rows.push(line);
  }
  return rows;
}

/** The cohort measure code; the revenue measures need a revenue column. */
function readMeasureOrThrow(
  measure: unknown,
  hasRevenue: boolean,
  revenueName: string
): CohortMeasure {
  const m = cohortMeasureOfCode(optionalNumber(measure, "measure", 0));
  if ((m === "revenue" || m === "revenueShare") && !hasRevenue)
    throw invalidValue(`measure ${m === "revenue" ? 2 : 3} needs ${revenueName}`);
  return m;
}

/**
 * Cohort table from orders: one row per acquisition cohort (its period start and size), one column per period since acquisition; later periods are empty.
 * @customfunction COHORTS
 * @param customers The customer id of each order (a column).
 * @param order_dates The date of each order.
 * @param [amounts] The amount of each order (refunds negative); needed for the revenue measures.
 * @param [measure] 0 customers active (default), 1 share of the cohort, 2 revenue, 3 revenue ÷ the cohort's period-0 revenue, 4 survivors (still ordering at or after each period: the input of RETAIN.SBG_FIT).
 * @param [interval] 0 day, 1 week, 2 month (default), 3 quarter, 4 year.
 * @param [end_date] Last date to include; later orders are left out. Omitted: the last order's date.
 * @param [headers] 1 (default): a header row; 0: none (with measure 4 the period columns then feed RETAIN.SBG_FIT directly).
 * @param [segments] The segment of each order (plan, channel, country…; a column beside the data): one block per segment, each row led by its segment. A customer belongs to the segment of their first order.
 * @returns A table that spills: cohort start, size, then periods 0, 1, 2, …
 */
export function COHORTS(
  customers: any[][],
  order_dates: any[][],
  amounts?: any[][],
  measure?: any,
  interval?: any,
  end_date?: any,
  headers?: any,
  segments?: any[][]
): any[][] {
  return spill(() => {
    const table = orderTable(customers, order_dates, amounts);
    const m = readMeasureOrThrow(measure, table.amounts.length > 0, "amounts");
    const unit = optionalInterval(interval);
    return eachOrderSegment(table, segments, end_date, headers, (part) => {
      const { cells, range, withHeaders } = foldOrders(part, unit, end_date, headers);
      return cohortRows(cohortTable(cells, range), m, withHeaders);
    });
  });
}

/**
 * Cohort table from subscriptions: a cohort's customers subscribed on some day of each period since acquisition, or their recurring revenue.
 * @customfunction SUBSCRIPTION_COHORTS
 * @param customers The customer id of each subscription (a column).
 * @param start_dates The start date of each subscription.
 * @param end_dates The end date of each subscription; empty while it is active.
 * @param [mrr] The recurring revenue of each subscription per period; needed for the revenue measures.
 * @param [measure] 0 customers active (default), 1 share of the cohort, 2 revenue, 3 revenue ÷ the cohort's period-0 revenue, 4 survivors (still subscribed at or after each period: the input of RETAIN.SBG_FIT).
 * @param [interval] 0 day, 1 week, 2 month (default), 3 quarter, 4 year.
 * @param [as_of] The date the data describes. Omitted: the latest start or end date.
 * @param [headers] 1 (default): a header row; 0: none.
 * @param [segments] The segment of each subscription (plan, channel, country…; a column beside the data): one block per segment, each row led by its segment. A customer belongs to the segment of their first subscription.
 * @returns A table that spills: cohort start, size, then periods 0, 1, 2, …
 */
export function SUBSCRIPTION_COHORTS(
  customers: any[][],
  start_dates: any[][],
  end_dates: any[][],
  mrr?: any[][],
  measure?: any,
  interval?: any,
  as_of?: any,
  headers?: any,
  segments?: any[][]
): any[][] {
  return spill(() => {
    const table = subscriptionTable(customers, start_dates, end_dates, mrr);
    const m = readMeasureOrThrow(measure, table.revenue.length > 0, "mrr");
    const unit = optionalInterval(interval);
    return eachSubscriptionSegment(table, segments, as_of, headers, (part) => {
      const { subs, range, withHeaders } = readSubscriptionsAsOf(part, unit, as_of, headers);
      return cohortRows(subscriptionCohortTable(subs, range), m, withHeaders);
    });
  });
}

const MOVEMENT_HEADERS = [
  "period start",
  "start revenue",
  "new",
  "expansion",
  "contraction",
  "churn",
  "reactivation",
  "end revenue",
  "NRR",
  "GRR",
];

/** A ratio cell: the model's error (e.g. #DIV/0! with no starting revenue) stays in its cell. */
function ratioCell(compute: () => number): ExcelCell {
  try {
    return compute();
  } catch (e) {
    return toExcelError(e);
  }
}

function movementRows(table: RevenueMovementTable, headers: boolean): ExcelCell[][] {
  const starts = periodStarts(table.range);
  const rows: ExcelCell[][] = headers ? [MOVEMENT_HEADERS] : [];
  for (let i = 0; i < starts.length; i++) {
    const s = table.start[i];
    rows.push([
      starts[i],
      s,
      table.won[i],
      table.expansion[i],
      table.contraction[i],
      table.churn[i],
      table.reactivation[i],
      table.end[i],
      ratioCell(() =>
        netRevenueRetention(s, table.expansion[i], table.contraction[i], table.churn[i])
      ),
      ratioCell(() => grossRevenueRetention(s, table.contraction[i], table.churn[i])),
    ]);
  }
  return rows;
}

/** REVENUE_MOVEMENTS names its date column `dates`: any day of the period the revenue is for. */
const MOVEMENT_COLUMN_NAMES: OrderColumnNames = { ...ORDER_COLUMN_NAMES, dates: "dates" };

/**
 * Revenue movements per period from orders or from revenue by customer and period (for example a monthly MRR export): new, expansion, contraction, churn, reactivation, NRR and GRR.
 * @customfunction REVENUE_MOVEMENTS
 * @param customers The customer id of each row (a column).
 * @param dates The date of each row (an order date, or any day of the period the revenue belongs to).
 * @param amounts The amount of each row; a customer's amounts in one period are added up.
 * @param [interval] 0 day, 1 week, 2 month (default), 3 quarter, 4 year.
 * @param [end_date] Last date to include. Omitted: the last date in the data.
 * @param [headers] 1 (default): a header row; 0: none.
 * @param [segments] The segment of each row (plan, channel, country…; a column beside the data): one block per segment, each row led by its segment. A customer belongs to the segment of their earliest row.
 * @returns A table that spills: period start, start revenue, new, expansion, contraction, churn, reactivation, end revenue, NRR, GRR.
 */
export function REVENUE_MOVEMENTS(
  customers: any[][],
  dates: any[][],
  amounts: any[][],
  interval?: any,
  end_date?: any,
  headers?: any,
  segments?: any[][]
): any[][] {
  return spill(() => {
    const table = orderTable(customers, dates, amounts, MOVEMENT_COLUMN_NAMES);
    const unit = optionalInterval(interval);
    return eachOrderSegment(table, segments, end_date, headers, (part) => {
      const { cells, range, withHeaders } = foldOrders(part, unit, end_date, headers);
      return movementRows(revenueMovements(cells, range), withHeaders);
    });
  });
}

/**
 * Revenue movements per period from a subscriptions table: each period a subscription covers on some day counts its recurring revenue.
 * @customfunction SUBSCRIPTION_REVENUE_MOVEMENTS
 * @param customers The customer id of each subscription (a column).
 * @param start_dates The start date of each subscription.
 * @param end_dates The end date of each subscription; empty while it is active.
 * @param mrr The recurring revenue of each subscription per period.
 * @param [interval] 0 day, 1 week, 2 month (default), 3 quarter, 4 year.
 * @param [as_of] The date the data describes. Omitted: the latest start or end date.
 * @param [headers] 1 (default): a header row; 0: none.
 * @param [segments] The segment of each subscription (plan, channel, country…; a column beside the data): one block per segment, each row led by its segment. A customer belongs to the segment of their first subscription.
 * @returns A table that spills: period start, start revenue, new, expansion, contraction, churn, reactivation, end revenue, NRR, GRR.
 */
export function SUBSCRIPTION_REVENUE_MOVEMENTS(
  customers: any[][],
  start_dates: any[][],
  end_dates: any[][],
  mrr: any[][],
  interval?: any,
  as_of?: any,
  headers?: any,
  segments?: any[][]
): any[][] {
  return spill(() => {
    const table = subscriptionTable(customers, start_dates, end_dates, mrr);
    const unit = optionalInterval(interval);
    return eachSubscriptionSegment(table, segments, as_of, headers, (part) => {
      const { subs, range, withHeaders } = readSubscriptionsAsOf(part, unit, as_of, headers);
      return movementRows(revenueMovements(subscriptionPeriods(subs, range), range), withHeaders);
    });
  });
}

const RFM_HEADERS = ["customer", "frequency", "recency", "T", "monetary_value"];

/** One row per customer; a function of its own so its loop stays compiled between calls. */
function rfmRows(
  summary: RfmSummary,
  labels: ReadonlyArray<string | number>,
  headers: boolean
): ExcelCell[][] {
  const rows: ExcelCell[][] = headers ? [RFM_HEADERS] : [];
  for (let k = 0; k < summary.count; k++)
    rows.push([
      labels[summary.customer[k]],
      summary.frequency[k],
      summary.recency[k],
      summary.age[k],
      summary.monetary[k],
    ]);
  return rows;
}

/**
 * Per-customer RFM summary as Python's lifetimes computes it: frequency (repeat purchase days), recency, T and the mean value of repeat purchases.
 * @customfunction RFM
 * @param customers The customer id of each order (a column).
 * @param order_dates The date of each order; orders on one day are one purchase.
 * @param [amounts] The amount of each order (refunds are left out); omitted: monetary value 0.
 * @param [end_date] End of the observation period; later orders are left out. Omitted: the last order's date.
 * @param [time_unit] Days per time unit for recency and T: 1 (default) days, 7 weeks.
 * @param [headers] 1 (default): a header row; 0: none.
 * @returns A table that spills: customer, frequency, recency, T, monetary_value.
 */
export function RFM(
  customers: any[][],
  order_dates: any[][],
  amounts?: any[][],
  end_date?: any,
  time_unit?: any,
  headers?: any
): any[][] {
  return spill(() => {
    const table = orderTable(customers, order_dates, amounts);
    const unitDays = checkTimeUnit(optionalNumber(time_unit, "time_unit", 1));
    const folded = foldOrders(table, "day", end_date, headers);
    const summary = rfmSummary(folded.cells, folded.endDay ?? folded.lastDay, unitDays);
    return rfmRows(summary, folded.ids.labels, folded.withHeaders);
  });
}
