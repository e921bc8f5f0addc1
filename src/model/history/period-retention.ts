/**
 * Period retention from a user's data (docs/definitions.md §7). For each period p from the first to the
 * last: S = customers active at the end of p − 1, N = new customers (first order, or first
 * subscription start, in p) active at the end of p, E = customers active at the end of p;
 * kept = active at both ends, reactivated = active at the end of p, not at the end of p − 1,
 * and not new; churned = S − kept. So E = kept + reactivated + N, and S(p) = E(p − 1).
 *
 * Each customer's activity is a set of runs of periods [from, to] at whose ends they were active:
 * - orders, activity window w: an order in q makes the customer active at the ends of q … q + w − 1;
 * - subscriptions: active at the end of p when start ≤ last day of p < end.
 * Runs become per-period counts through difference arrays: linear in runs + periods.
 */
import { invalidNumber } from "../errors";
import { CustomerPeriods } from "./customer-periods";
import { periodOf, periodStart, PeriodUnit } from "./periods";
import { OPEN_END, Subscriptions } from "../reading/subscription-rows";
import { subscriptionsByCustomer } from "./subscription-order";
import { checkPeriodRows } from "./result-size";

export interface PeriodRange {
  unit: PeriodUnit;
  first: number;
  last: number;
  /** The argument the last period comes from ("order_dates", "end_date"), for size messages. */
  lastFrom?: string;
}

export interface PeriodRetentionTable {
  range: PeriodRange;
  /** One entry per period first … last. */
  start: Int32Array;
  won: Int32Array;
  end: Int32Array;
  kept: Int32Array;
  reactivated: Int32Array;
  churned: Int32Array;
}

/**
 * A rate over a base of 0 has no value (docs/definitions.md §7): a period with no customers at
 * its start has no retention rate, a cohort with no period-0 revenue no revenue share. The model
 * says so with NO_BASE, a value no real rate takes, and never with NaN, which in its tables
 * means "not observed yet". The cell functions show it as Excel shows a division by zero.
 */
export const NO_BASE = Infinity;

/** numerator ÷ base, or NO_BASE when the base is 0. */
export function rateOver(numerator: number, base: number): number {
  return base === 0 ? NO_BASE : numerator / base;
}

/** Retention (E − N) ÷ S of one period; with orders it may exceed 1 (reactivations). */
export function periodRetentionRate(table: PeriodRetentionTable, i: number): number {
  return rateOver(table.end[i] - table.won[i], table.start[i]);
}

/** Counts runs of activity into a table over a range of periods. */
class RunCounter {
  /** Keeps the hidden class alive between calls (see CustomerIds.warm). */
  static readonly warm = new RunCounter({ unit: "month", first: 0, last: -1 });
  private readonly length: number;
  private readonly endDiff: Int32Array;
  private readonly keptDiff: Int32Array;
  private readonly won: Int32Array;
  private readonly reactivated: Int32Array;
  private readonly churned: Int32Array;

  constructor(private readonly range: PeriodRange) {
    // One row per period: refused before any array of that length is allocated.
    checkPeriodRows(range);
    this.length = Math.max(0, range.last - range.first + 1);
    this.endDiff = new Int32Array(this.length + 1);
    this.keptDiff = new Int32Array(this.length + 1);
    this.won = new Int32Array(this.length);
    this.reactivated = new Int32Array(this.length);
    this.churned = new Int32Array(this.length);
  }

  /** A run of periods [from, to] at whose ends the customer was active; `isNew` for their first. */
  add(from: number, to: number, isNew: boolean): void {
    const { first, last } = this.range;
    if (from > last || to < first) return;
    const a = from - first;
    const b = Math.min(to, last) - first;
    this.endDiff[a]++;
    this.endDiff[b + 1]--;
    if (a + 1 <= b) {
      this.keptDiff[a + 1]++;
      this.keptDiff[b + 1]--;
    }
    if (isNew) this.won[a]++;
    else this.reactivated[a]++;
    if (to < last) this.churned[to + 1 - first]++;
  }

  finish(): PeriodRetentionTable {
    const n = this.length;
    const end = new Int32Array(n);
    const kept = new Int32Array(n);
    const start = new Int32Array(n);
    let e = 0;
    let k = 0;
    for (let i = 0; i < n; i++) {
      e += this.endDiff[i];
      k += this.keptDiff[i];
      end[i] = e;
      kept[i] = k;
      start[i] = i === 0 ? 0 : end[i - 1];
    }
    return {
      range: this.range,
      start,
      won: this.won,
      end,
      kept,
      reactivated: this.reactivated,
      churned: this.churned,
    };
  }
}

export function checkWindow(window: number): number {
  if (!(Number.isInteger(window) && window >= 1))
    throw invalidNumber("window must be a whole number of periods, 1 or more");
  return window;
}

/** Period retention from orders (cells of a CustomerPeriodAccumulator over the range's unit). */
export function periodRetentionFromOrders(
  cells: CustomerPeriods,
  range: PeriodRange,
  window = 1
): PeriodRetentionTable {
  checkWindow(window);
  const counter = new RunCounter(range);
  const { offsets, period, active } = cells;
  for (let c = 0; c < cells.customerCount; c++) {
    let from = 0;
    let to = 0;
    let runs = 0;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      if (!active[i]) continue;
      const q = period[i];
      if (runs > 0 && q <= to + 1) {
        if (q + window - 1 > to) to = q + window - 1;
        continue;
      }
      if (runs > 0) counter.add(from, to, runs === 1);
      from = q;
      to = q + window - 1;
      runs++;
    }
    if (runs > 0) counter.add(from, to, runs === 1);
  }
  return counter.finish();
}

/** Period retention from subscriptions: active at the end of p when start ≤ last day of p < end. */
export function periodRetentionFromSubscriptions(
  subs: Subscriptions,
  range: PeriodRange
): PeriodRetentionTable {
  const counter = new RunCounter(range);
  const { unit } = range;
  for (const list of subscriptionsByCustomer(subs)) {
    // The customer is new in the period of their first start; runs starting later reactivate.
    const firstPeriod = periodOf(subs.start[list[0]], unit);
    let from = 0;
    let to = 0;
    let open = false;
    for (const s of list) {
      const a = periodOf(subs.start[s], unit);
      // Active at the end of p ⇔ end > last day of p ⇔ p < period(end).
      const b = subs.end[s] >= OPEN_END ? range.last : periodOf(subs.end[s], unit) - 1;
      if (b < a) continue;
      if (open && a <= to + 1) {
        if (b > to) to = b;
        continue;
      }
      if (open) counter.add(from, to, from === firstPeriod);
      from = a;
      to = b;
      open = true;
    }
    if (open) counter.add(from, to, from === firstPeriod);
  }
  return counter.finish();
}

/** The serial of each period's first day: the first column of every period table. */
export function periodStarts(range: PeriodRange): Float64Array {
  const out = new Float64Array(Math.max(0, range.last - range.first + 1));
  for (let i = 0; i < out.length; i++) out[i] = periodStart(range.first + i, range.unit);
  return out;
}
