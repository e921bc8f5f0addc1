/**
 * The one-line check of a table as read, shown before the analysis: orders, distinct customers,
 * the dates they span, the revenue they add up to, and the rows left out (blank ones). A wrong
 * column match (ids read as amounts, amounts as customers) shows here at a glance.
 */
import type { ReadOrders } from "../history/analysis";
import type { FutureRowsLeftOut, FutureRule } from "./row-feeding";

export interface DataCheck {
  orders: number;
  customers: number;
  /** Whole-day serials of the first and last order. */
  firstDay: number;
  lastDay: number;
  /** The sum of the amounts (refunds subtract); null when the table has no amounts. */
  revenue: number | null;
  /** Data rows read that gave no order (blank rows). */
  skippedBlank: number;
}

/**
 * Rows dated after the as-of date (today in the pane), left out of every figure: the pane shows
 * no figure until the user agrees to leave them out ("N orders dated after today (first: row R,
 * 2204-03-05)"), since one such typo changes every figure.
 */
export interface FutureRowsCheck extends FutureRowsLeftOut {
  /** The as-of date (a serial). */
  asOf: number;
}

/** What a rule that left future rows out counted, or null when it left none. */
export function futureRowsCheck(rule: FutureRule | undefined): FutureRowsCheck | null {
  if (!rule || rule.left.count === 0) return null;
  return { ...rule.left, asOf: rule.asOf };
}

/**
 * The check of the orders read; `dataRows`: the rows read, the title row not counted;
 * `leftOutFuture`: those of them left out as dated after the as-of date (not blank ones).
 */
export function orderDataCheck(
  orders: ReadOrders,
  dataRows: number,
  hasAmounts: boolean,
  leftOutFuture = 0
): DataCheck {
  const { day, amount } = orders;
  let first = Infinity;
  let last = -Infinity;
  let revenue = 0;
  for (let i = 0; i < day.length; i++) {
    const d = day[i];
    if (d < first) first = d;
    if (d > last) last = d;
    const a = amount[i];
    if (a === a) revenue += a;
  }
  return {
    orders: day.length,
    customers: orders.ids.count,
    firstDay: first,
    lastDay: last,
    revenue: hasAmounts ? revenue : null,
    skippedBlank: Math.max(0, dataRows - leftOutFuture - day.length),
  };
}
