/**
 * Subscriptions as customer-period cells: a subscription covers the days start ≤ day < end, and
 * each period it covers on at least one day gets the customer active with its recurring revenue
 * (a month billed is a month of revenue). Cohort tables and revenue movements read these cells.
 */
import { invalidNumber } from "../errors";
import { CustomerPeriodAccumulator, CustomerPeriods } from "./customer-periods";
import { PeriodRange } from "./period-retention";
import { periodOf } from "./periods";
import { checkPeriodRows } from "./result-size";
import { Subscriptions } from "../reading/subscription-rows";

/** A guard against day-by-day cells for years-long subscriptions of many customers. */
const MAX_CELLS = 30_000_000;

export function subscriptionPeriods(subs: Subscriptions, range: PeriodRange): CustomerPeriods {
  checkPeriodRows(range);
  // Counted first, so a refusal costs one pass over the subscriptions, not the cells.
  let cells = 0;
  for (let s = 0; s < subs.count; s++) {
    if (subs.end[s] <= subs.start[s]) continue;
    const from = Math.max(periodOf(subs.start[s], range.unit), range.first);
    const to = Math.min(periodOf(subs.end[s] - 1, range.unit), range.last);
    cells += Math.max(0, to - from + 1);
  }
  if (cells > MAX_CELLS)
    throw invalidNumber(
      `${cells.toLocaleString("en-US")} customer-periods for this interval, more than ${MAX_CELLS.toLocaleString("en-US")}: use a longer interval (month, quarter or year)`
    );
  const acc = new CustomerPeriodAccumulator(range.unit);
  for (let s = 0; s < subs.count; s++) {
    if (subs.end[s] <= subs.start[s]) continue;
    const from = Math.max(periodOf(subs.start[s], range.unit), range.first);
    const to = Math.min(periodOf(subs.end[s] - 1, range.unit), range.last);
    for (let p = from; p <= to; p++) acc.addPeriod(subs.customer[s], p, subs.revenue[s], true);
  }
  return acc.finish(subs.ids.count);
}
