/**
 * The one aggregate every data definition is computed from: for each customer, the periods in
 * which they did something, with that period's revenue. Orders are folded in as they are read,
 * so memory grows with customers × active periods, never with the number of orders.
 *
 * Per (customer, period) cell:
 * - `active`: the customer ordered in the period (a refund alone does not count) or, for
 *   subscriptions, a subscription covered some day of it;
 * - `revenue`: all amounts in the period, refunds included (orders), or the recurring revenue
 *   of the subscriptions covering it;
 * - `sales`: amounts of purchases only (refunds left out), for the RFM summary.
 */
import { periodOf, PeriodUnit } from "./periods";

/** Cells grouped by customer (CSR: customer c owns cells offsets[c] … offsets[c+1] − 1), each customer's cells in period order. */
export interface CustomerPeriods {
  unit: PeriodUnit;
  customerCount: number;
  offsets: Int32Array;
  period: Int32Array;
  revenue: Float64Array;
  sales: Float64Array;
  active: Uint8Array;
  /** First and last period holding any cell; firstPeriod > lastPeriod when there are none. */
  firstPeriod: number;
  lastPeriod: number;
}

/** Days around the first one seen whose periods are remembered (about 22 years). */
const PERIOD_CACHE_DAYS = 8192;
const NO_BASE = -1e9;

/** Rows are buffered this many at a time, then folded into the cells. */
const BUFFER_ROWS = 1 << 20;

/**
 * Rows are appended to fixed typed buffers; when a buffer fills (and at the end) buffer and
 * cells are sorted together by customer and period (two counting sorts) and each run of one
 * (customer, period) is folded into a cell. Memory is the cells plus one buffer, whatever the
 * number of rows, and every pass reads memory in order: far faster than a hash table at a
 * million rows, whose every update is a cache miss.
 */
export class CustomerPeriodAccumulator {
  private bufCustomer = new Int32Array(1024);
  private bufPeriod = new Int32Array(1024);
  private bufAmount = new Float64Array(1024);
  private bufActive = new Uint8Array(1024);
  private buffered = 0;
  private cells: CellArrays = emptyCells();
  private readonly periodCache = new Int32Array(PERIOD_CACHE_DAYS);
  private cacheBase = NO_BASE;

  constructor(
    readonly unit: PeriodUnit,
    /** Rows held before they are folded into the cells (small in tests, to fold often). */
    private readonly bufferRows = BUFFER_ROWS,
    /** Rows expected, when known: the buffer is sized once instead of doubling up to it. */
    expectedRows = 0
  ) {
    const size = Math.min(Math.max(expectedRows, 1024), bufferRows);
    if (size > 1024) {
      this.bufCustomer = new Int32Array(size);
      this.bufPeriod = new Int32Array(size);
      this.bufAmount = new Float64Array(size);
      this.bufActive = new Uint8Array(size);
    }
  }

  /** An order (or a subscription's revenue) on a whole-day serial; amount NaN = none. */
  addDay(customer: number, day: number, amount: number, active: boolean): void {
    // Months, quarters and years from a table by day (built as days are seen): a million
    // orders fall on a few thousand days.
    let period: number;
    const at = day - this.cacheBase;
    if (at >= 0 && at < PERIOD_CACHE_DAYS) {
      period = this.periodCache[at] - 1;
      if (period < 0) this.periodCache[at] = (period = periodOf(day, this.unit)) + 1;
    } else if (this.cacheBase === NO_BASE) {
      this.cacheBase = day - (PERIOD_CACHE_DAYS >> 1);
      period = periodOf(day, this.unit);
    } else period = periodOf(day, this.unit);
    this.addPeriod(customer, period, amount, active);
  }

  addPeriod(customer: number, period: number, amount: number, active: boolean): void {
    if (this.buffered === this.bufferRows) this.flush();
    else if (this.buffered === this.bufCustomer.length) this.growBuffer();
    const i = this.buffered++;
    this.bufCustomer[i] = customer;
    this.bufPeriod[i] = period;
    this.bufAmount[i] = amount;
    this.bufActive[i] = active ? 1 : 0;
  }

  private growBuffer(): void {
    const n = this.bufCustomer.length * 2;
    const c = new Int32Array(n);
    c.set(this.bufCustomer);
    const p = new Int32Array(n);
    p.set(this.bufPeriod);
    const a = new Float64Array(n);
    a.set(this.bufAmount);
    const f = new Uint8Array(n);
    f.set(this.bufActive);
    this.bufCustomer = c;
    this.bufPeriod = p;
    this.bufAmount = a;
    this.bufActive = f;
  }

  /**
   * Folds the buffered rows into the cells: the rows are sorted and summed into runs, then
   * merged with the cells (already in order), so at most the old and the new cells are held.
   */
  private flush(): void {
    const rows = this.buffered;
    const customer = this.bufCustomer;
    let maxC = -1;
    for (let i = 0; i < rows; i++) if (customer[i] > maxC) maxC = customer[i];
    // Counting sort by customer, carrying each row's period, amount and flag along, so every
    // later pass reads memory in order.
    const start = new Int32Array(maxC + 2);
    for (let i = 0; i < rows; i++) start[customer[i] + 1]++;
    for (let c = 0; c <= maxC; c++) start[c + 1] += start[c];
    const next = start.slice(0, maxC + 1);
    const period = new Int32Array(rows);
    const amount = new Float64Array(rows);
    const active = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const to = next[customer[i]]++;
      period[to] = this.bufPeriod[i];
      amount[to] = this.bufAmount[i];
      active[to] = this.bufActive[i];
    }
    const runs = emptyCells(rows);
    let n = 0;
    for (let c = 0; c <= maxC; c++) {
      const from = start[c];
      const to = start[c + 1];
      if (from === to) continue;
      sortByPeriod(period, amount, active, from, to);
      for (let k = from; k < to; k++) {
        if (k === from || period[k] !== period[k - 1]) {
          runs.customer[n] = c;
          runs.period[n++] = period[k];
        }
        const a = amount[k];
        if (a === a) {
          runs.revenue[n - 1] += a;
          if (a >= 0) runs.sales[n - 1] += a;
        }
        runs.active[n - 1] |= active[k];
      }
    }
    runs.length = n;
    this.cells = mergeCells(this.cells, runs);
    this.buffered = 0;
  }

  /**
   * The cells sorted by customer, then period.
   * @param customerCount customers known to the reader (some may have no cell).
   */
  finish(customerCount: number): CustomerPeriods {
    this.flush();
    const cells = this.cells;
    const n = cells.length;
    let firstPeriod = Infinity;
    let lastPeriod = -Infinity;
    let maxCustomer = -1;
    for (let i = 0; i < n; i++) {
      if (cells.period[i] < firstPeriod) firstPeriod = cells.period[i];
      if (cells.period[i] > lastPeriod) lastPeriod = cells.period[i];
      if (cells.customer[i] > maxCustomer) maxCustomer = cells.customer[i];
    }
    const customers = Math.max(customerCount, maxCustomer + 1);
    const offsets = new Int32Array(customers + 1);
    for (let i = 0; i < n; i++) offsets[cells.customer[i] + 1]++;
    for (let c = 0; c < customers; c++) offsets[c + 1] += offsets[c];
    return {
      unit: this.unit,
      customerCount: customers,
      offsets,
      // Views, not copies: a copy would allocate the cells twice over at the largest moment.
      period: cells.period.subarray(0, n),
      revenue: cells.revenue.subarray(0, n),
      sales: cells.sales.subarray(0, n),
      active: cells.active.subarray(0, n),
      firstPeriod: n > 0 ? firstPeriod : 0,
      lastPeriod: n > 0 ? lastPeriod : -1,
    };
  }
}

interface CellArrays {
  customer: Int32Array;
  period: Int32Array;
  revenue: Float64Array;
  sales: Float64Array;
  active: Uint8Array;
  length: number;
}

function emptyCells(capacity = 0): CellArrays {
  return {
    customer: new Int32Array(capacity),
    period: new Int32Array(capacity),
    revenue: new Float64Array(capacity),
    sales: new Float64Array(capacity),
    active: new Uint8Array(capacity),
    length: 0,
  };
}

/** Two lists of cells, each in (customer, period) order, as one; equal cells are summed. */
function mergeCells(a: CellArrays, b: CellArrays): CellArrays {
  if (a.length === 0) return b;
  const out = emptyCells(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const fromA =
      j >= b.length ||
      (i < a.length &&
        (a.customer[i] < b.customer[j] ||
          (a.customer[i] === b.customer[j] && a.period[i] <= b.period[j])));
    const src = fromA ? a : b;
    const k = fromA ? i++ : j++;
    if (n > 0 && out.customer[n - 1] === src.customer[k] && out.period[n - 1] === src.period[k]) {
      out.revenue[n - 1] += src.revenue[k];
      out.sales[n - 1] += src.sales[k];
      out.active[n - 1] |= src.active[k];
      continue;
    }
    out.customer[n] = src.customer[k];
    out.period[n] = src.period[k];
    out.revenue[n] = src.revenue[k];
    out.sales[n] = src.sales[k];
    out.active[n] = src.active[k];
    n++;
  }
  out.length = n;
  return out;
}

/**
 * Sorts one customer's rows [from, to) by period, moving amounts and flags along: insertion sort
 * for the usual short runs, a packed-key native sort for long ones.
 */
function sortByPeriod(
  period: Int32Array,
  amount: Float64Array,
  active: Uint8Array,
  from: number,
  to: number
): void {
  if (to - from <= 32) {
    for (let k = from + 1; k < to; k++) {
      const p = period[k];
      const a = amount[k];
      const f = active[k];
      let j = k - 1;
      while (j >= from && period[j] > p) {
        period[j + 1] = period[j];
        amount[j + 1] = amount[j];
        active[j + 1] = active[j];
        j--;
      }
      period[j + 1] = p;
      amount[j + 1] = a;
      active[j + 1] = f;
    }
    return;
  }
  // period × 2^24 + position: one native numeric sort (stable through the position).
  const keys = new Float64Array(to - from);
  for (let k = from; k < to; k++) keys[k - from] = period[k] * 16777216 + (k - from);
  keys.sort();
  const p0 = period.slice(from, to);
  const a0 = amount.slice(from, to);
  const f0 = active.slice(from, to);
  for (let k = 0; k < keys.length; k++) {
    const i = keys[k] % 16777216;
    period[from + k] = p0[i];
    amount[from + k] = a0[i];
    active[from + k] = f0[i];
  }
}
