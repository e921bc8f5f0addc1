/**
 * BG/BB in the customer-lifetime table (customer-lifetime.ts): purchase days regrouped into
 * discrete opportunities, one per calendar year, quarter or month, as RETAIN.BGBB_SUMMARY
 * counts them (history/bgbb-summary.ts). Each opportunity becomes one step of a clock that
 * counts whole opportunities, so the day-based summaries (holdout-summary.ts,
 * repeat-tracking.ts) run on it unchanged with a time unit of 1: a "day" of these cells is an
 * opportunity, and several purchase days in one opportunity are one active opportunity.
 */
import { CustomerPeriodAccumulator, CustomerPeriods } from "../history/customer-periods";
import { opportunityHistory } from "../history/bgbb-summary";
import { periodOf } from "../history/periods";
import { RfmSummary } from "../history/rfm";

/** The opportunities BG/BB can count in the pane: a purchase can happen once in each. */
export type OpportunityUnit = "year" | "quarter" | "month";
export const OPPORTUNITY_UNITS: readonly OpportunityUnit[] = ["year", "quarter", "month"];

/**
 * Cells by day (CustomerPeriodAccumulator("day")) regrouped by opportunity: a cell per customer
 * and opportunity with the day cells' purchase amounts summed and active when any day was. The
 * result says unit "day" on purpose (see above): its periods are opportunity numbers.
 */
export function opportunityCells(days: CustomerPeriods, unit: OpportunityUnit): CustomerPeriods {
  if (days.unit !== "day") throw new Error("opportunityCells needs cells by day");
  const accumulator = new CustomerPeriodAccumulator(unit, undefined, days.period.length);
  const { offsets, period, sales, active } = days;
  for (let c = 0; c < days.customerCount; c++)
    for (let i = offsets[c]; i < offsets[c + 1]; i++)
      accumulator.addPeriod(c, periodOf(period[i], unit), sales[i], active[i] === 1);
  return { ...accumulator.finish(days.customerCount), unit: "day" };
}

/**
 * The BG/BB summary at the end opportunity `end` (bgbb-summary.ts's opportunityHistory, the one
 * RETAIN.BGBB_SUMMARY spills), in the RFM summary's shape: frequency x, recency t_x, age n, and
 * monetary the mean purchase amount of the x repeat opportunities (0 when x = 0), the spend
 * model's input.
 */
export function opportunitySummary(cells: CustomerPeriods, end: number): RfmSummary {
  const history = opportunityHistory(cells, end);
  const n = history.count;
  const monetary = new Float64Array(n);
  const { offsets, period, sales, active } = cells;
  for (let k = 0; k < n; k++) {
    const x = history.frequency[k];
    if (x === 0) continue;
    const c = history.customer[k];
    let first = true;
    let spend = 0;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      if (!active[i] || period[i] > end) continue;
      if (first) first = false;
      else spend += sales[i];
    }
    monetary[k] = spend / x;
  }
  return {
    customer: history.customer.subarray(0, n),
    frequency: history.frequency.subarray(0, n),
    recency: history.recency.subarray(0, n),
    age: history.opportunities.subarray(0, n),
    monetary,
    count: n,
  };
}
