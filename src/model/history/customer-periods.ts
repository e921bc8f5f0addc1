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
const NO_CACHE_BASE = -1e9;

/** Rows are buffered this many at a time, then folded into the cells. */
const BUFFER_ROWS = 1 << 20;

/**
 * Rows are appended to typed buffers, sized once from the rows expected; when a buffer fills (and
 * at the end) its rows are counting-sorted by customer, each customer's few rows sorted by
 * period, and each run of one (customer, period) folded into a cell, in place. Every pass reads
 * memory in order but the one scatter, and a million rows allocate only their buffers and one
 * copy: at the end the cells are views of those buffers, so the garbage collector has little to
 * do while the caller's own million cells fill the heap.
 */
export class CustomerPeriodAccumulator {
  /** Keeps the hidden class alive between calls (see CustomerIds.warm). */
  static readonly warm = new CustomerPeriodAccumulator("month");
  private bufCustomer = new Int32Array(1024);
  /** period × 2 + 1 when the row makes the customer active: one array, not two. */
  private bufKey = new Int32Array(1024);
  private bufAmount = new Float64Array(1024);
  private buffered = 0;
  private maxCustomer = -1;
  /** The cells of the rows already folded (when the rows exceed one buffer). */
  private folded: CellBatch | null = null;
  private readonly periodCache = new Int32Array(PERIOD_CACHE_DAYS);
  private cacheBase = NO_CACHE_BASE;

  constructor(
    readonly unit: PeriodUnit,
    /** Rows held before they are folded into the cells (small in tests, to fold often). */
    private readonly bufferRows = BUFFER_ROWS,
    /** Rows expected, when known: the buffer is sized once instead of doubling up to it. */
    expectedRows = 0
  ) {
    const size = Math.min(Math.max(expectedRows, 1024), bufferRows);
    if (size > 1024) this.resizeBuffer(size);
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
    } else if (this.cacheBase === NO_CACHE_BASE) {
      this.cacheBase = day - (PERIOD_CACHE_DAYS >> 1);
      period = periodOf(day, this.unit);
    } else period = periodOf(day, this.unit);
    this.addPeriod(customer, period, amount, active);
  }

  addPeriod(customer: number, period: number, amount: number, active: boolean): void {
    if (this.buffered === this.bufferRows) this.flush(false);
    else if (this.buffered === this.bufCustomer.length) this.resizeBuffer(this.buffered * 2);
    const i = this.buffered++;
    this.bufCustomer[i] = customer;
    this.bufKey[i] = period * 2 + (active ? 1 : 0);
    this.bufAmount[i] = amount;
    if (customer > this.maxCustomer) this.maxCustomer = customer;
  }

  private resizeBuffer(size: number): void {
    const customer = new Int32Array(size);
    customer.set(this.bufCustomer.subarray(0, this.buffered));
    const key = new Int32Array(size);
    key.set(this.bufKey.subarray(0, this.buffered));
    const amount = new Float64Array(size);
    amount.set(this.bufAmount.subarray(0, this.buffered));
    this.bufCustomer = customer;
    this.bufKey = key;
    this.bufAmount = amount;
  }

  /**
   * Folds the buffered rows into cells, merged with those folded before. On the last fold the
   * row buffers, free by then, hold the cells' sales and flags instead of new arrays.
   */
  private flush(last: boolean): void {
    const batch = foldRows(
      this.bufCustomer,
      this.bufKey,
      this.bufAmount,
      this.buffered,
      this.maxCustomer + 1,
      last
    );
    this.folded = this.folded === null ? batch : mergeBatches(this.folded, batch);
    this.buffered = 0;
    this.maxCustomer = -1;
    // The cells now hold the buffers: rows added after finish start new ones.
    if (last) {
      this.bufCustomer = new Int32Array(1024);
      this.bufKey = new Int32Array(1024);
      this.bufAmount = new Float64Array(1024);
    }
  }

  /**
   * The cells sorted by customer, then period.
   * @param customerCount customers known to the reader (some may have no cell).
   */
  finish(customerCount: number): CustomerPeriods {
    this.flush(true);
    const cells = this.folded as CellBatch;
    const n = cells.length;
    let offsets = cells.offsets;
    const customers = Math.max(customerCount, offsets.length - 1);
    if (customers > offsets.length - 1) {
      offsets = new Int32Array(customers + 1).fill(n);
      offsets.set(cells.offsets);
    }
    return {
      unit: this.unit,
      customerCount: customers,
      offsets,
      // Views, not copies: a copy would allocate the cells twice over at the largest moment.
      period: cells.period.subarray(0, n),
      revenue: cells.revenue.subarray(0, n),
      sales: cells.sales.subarray(0, n),
      active: cells.active.subarray(0, n),
      firstPeriod: n > 0 ? cells.firstPeriod : 0,
      lastPeriod: n > 0 ? cells.lastPeriod : -1,
    };
  }
}

/** Cells of some rows grouped by customer, as in CustomerPeriods; the arrays may be longer. */
interface CellBatch {
  offsets: Int32Array;
  period: Int32Array;
  revenue: Float64Array;
  sales: Float64Array;
  active: Uint8Array;
  length: number;
  firstPeriod: number;
  lastPeriod: number;
}

/**
 * Rows [0, rows) as cells: a counting sort by customer (stable, so each cell adds its amounts in
 * the order they were read), then each customer's rows sorted by period and folded in place.
 * `reuse`: the row buffers are not needed again, so the customer and amount buffers take the
 * cells' flags and sales.
 */
function foldRows(
  customer: Int32Array,
  key: Int32Array,
  amount: Float64Array,
  rows: number,
  customers: number,
  reuse: boolean
): CellBatch {
  // next[c]: where customer c's next row goes; after the scatter, where c + 1's rows start.
  const next = new Int32Array(customers + 1);
  for (let i = 0; i < rows; i++) next[customer[i] + 1]++;
  for (let c = 0; c < customers; c++) next[c + 1] += next[c];
  // The rows' keys and amounts by customer, folded in place below into the cells' periods and
  // revenue.
  const period = new Int32Array(rows);
  const revenue = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const to = next[customer[i]]++;
    period[to] = key[i];
    revenue[to] = amount[i];
  }
  const sales = reuse ? amount : new Float64Array(rows);
  const active = reuse ? new Uint8Array(customer.buffer, 0, rows) : new Uint8Array(rows);
  const offsets = new Int32Array(customers + 1);
  let firstPeriod = Infinity;
  let lastPeriod = -Infinity;
  let n = 0;
  let from = 0;
  for (let c = 0; c < customers; c++) {
    const to = next[c];
    offsets[c] = n;
    if (to - from > 1) sortByPeriod(period, revenue, from, to);
    let p = 0;
    for (let k = from; k < to; k++) {
      // Read the row before the cell, which may be the same slot, is written.
      const rowKey = period[k];
      const a = revenue[k];
      const q = rowKey >> 1;
      if (k === from || q !== p) {
        p = q;
        period[n] = q;
        revenue[n] = 0;
        sales[n] = 0;
        active[n] = 0;
        n++;
        if (q < firstPeriod) firstPeriod = q;
        if (q > lastPeriod) lastPeriod = q;
      }
      if (a === a) {
        revenue[n - 1] += a;
        if (a >= 0) sales[n - 1] += a;
      }
      active[n - 1] |= rowKey & 1;
    }
    from = to;
  }
  offsets[customers] = n;
  return { offsets, period, revenue, sales, active, length: n, firstPeriod, lastPeriod };
}

/** Two batches' cells as one, customer by customer; a (customer, period) in both is summed. */
function mergeBatches(a: CellBatch, b: CellBatch): CellBatch {
  const customers = Math.max(a.offsets.length, b.offsets.length) - 1;
  const capacity = a.length + b.length;
  const out: CellBatch = {
    offsets: new Int32Array(customers + 1),
    period: new Int32Array(capacity),
    revenue: new Float64Array(capacity),
    sales: new Float64Array(capacity),
    active: new Uint8Array(capacity),
    length: 0,
    firstPeriod: Math.min(a.firstPeriod, b.firstPeriod),
    lastPeriod: Math.max(a.lastPeriod, b.lastPeriod),
  };
  const aCustomers = a.offsets.length - 1;
  const bCustomers = b.offsets.length - 1;
  let n = 0;
  for (let c = 0; c < customers; c++) {
    out.offsets[c] = n;
    let i = c < aCustomers ? a.offsets[c] : 0;
    const iEnd = c < aCustomers ? a.offsets[c + 1] : 0;
    let j = c < bCustomers ? b.offsets[c] : 0;
    const jEnd = c < bCustomers ? b.offsets[c + 1] : 0;
    while (i < iEnd || j < jEnd) {
      const fromA = j >= jEnd || (i < iEnd && a.period[i] <= b.period[j]);
      const src = fromA ? a : b;
      const k = fromA ? i++ : j++;
      if (n > out.offsets[c] && out.period[n - 1] === src.period[k]) {
        out.revenue[n - 1] += src.revenue[k];
        out.sales[n - 1] += src.sales[k];
        out.active[n - 1] |= src.active[k];
        continue;
      }
      out.period[n] = src.period[k];
      out.revenue[n] = src.revenue[k];
      out.sales[n] = src.sales[k];
      out.active[n] = src.active[k];
      n++;
    }
  }
  out.offsets[customers] = n;
  out.length = n;
  return out;
}

/**
 * Sorts one customer's rows [from, to) by period (key >> 1), stably, moving amounts along:
 * insertion sort for the usual short runs, a packed-key native sort for long ones.
 */
function sortByPeriod(key: Int32Array, amount: Float64Array, from: number, to: number): void {
  if (to - from <= 32) {
    for (let k = from + 1; k < to; k++) {
      const v = key[k];
      const p = v >> 1;
      if (key[k - 1] >> 1 <= p) continue;
      const a = amount[k];
      let j = k - 1;
      while (j >= from && key[j] >> 1 > p) {
        key[j + 1] = key[j];
        amount[j + 1] = amount[j];
        j--;
      }
      key[j + 1] = v;
      amount[j + 1] = a;
    }
    return;
  }
  // period × 2^24 + position: one native numeric sort (stable through the position).
  const keys = new Float64Array(to - from);
  for (let k = from; k < to; k++) keys[k - from] = (key[k] >> 1) * 16777216 + (k - from);
  keys.sort();
  const k0 = key.slice(from, to);
  const a0 = amount.slice(from, to);
  for (let k = 0; k < keys.length; k++) {
    const i = keys[k] % 16777216;
    key[from + k] = k0[i];
    amount[from + k] = a0[i];
  }
}
