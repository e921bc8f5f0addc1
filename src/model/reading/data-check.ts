/**
 * The one-line check of a table as read, shown before the analysis: orders, distinct customers,
 * the dates they span, the revenue they add up to, and the rows left out (blank ones). A wrong
 * column match (ids read as amounts, amounts as customers) shows here at a glance.
 */
import type { ReadOrders } from "../history/analysis";

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

/** The check of the orders read; `dataRows`: the rows read, the title row not counted. */
export function orderDataCheck(
  orders: ReadOrders,
  dataRows: number,
  hasAmounts: boolean
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
    skippedBlank: Math.max(0, dataRows - day.length),
  };
}
