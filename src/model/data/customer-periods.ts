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

  constructor(
    readonly unit: PeriodUnit,
    /** Rows held before they are folded into the cells (small in tests, to fold often). */
    private readonly bufferRows = BUFFER_ROWS
  ) {}

  /** An order (or a subscription's revenue) on a whole-day serial; amount NaN = none. */
  addDay(customer: number, day: number, amount: number, active: boolean): void {
    this.addPeriod(customer, periodOf(day, this.unit), amount, active);
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
    let maxC = -1;
    for (let i = 0; i < rows; i++) if (this.bufCustomer[i] > maxC) maxC = this.bufCustomer[i];
    const order = byCustomerThenPeriod(
      this.bufCustomer.subarray(0, rows),
      this.bufPeriod.subarray(0, rows),
      maxC
    );
    const runs = emptyCells(rows);
    let n = -1;
    for (let k = 0; k < rows; k++) {
      const i = order[k];
      const c = this.bufCustomer[i];
      const p = this.bufPeriod[i];
      if (n < 0 || c !== runs.customer[n] || p !== runs.period[n]) {
        n++;
        runs.customer[n] = c;
        runs.period[n] = p;
      }
      const amount = this.bufAmount[i];
      if (amount === amount) {
        runs.revenue[n] += amount;
        if (amount >= 0) runs.sales[n] += amount;
      }
      runs.active[n] |= this.bufActive[i];
    }
    runs.length = n + 1;
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
      period: cells.period.slice(0, n),
      revenue: cells.revenue.slice(0, n),
      sales: cells.sales.slice(0, n),
      active: cells.active.slice(0, n),
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
 * The indexes 0 … m − 1 sorted by customer (a counting sort), each customer's run then by
 * period: insertion sort for the usual short runs, a packed-key sort for long ones.
 */
function byCustomerThenPeriod(
  customer: Int32Array,
  period: Int32Array,
  maxCustomer: number
): Int32Array {
  const m = customer.length;
  const order = new Int32Array(m);
  const start = new Int32Array(maxCustomer + 2);
  for (let i = 0; i < m; i++) start[customer[i] + 1]++;
  for (let c = 0; c <= maxCustomer; c++) start[c + 1] += start[c];
  const next = start.slice(0, maxCustomer + 1);
  for (let i = 0; i < m; i++) order[next[customer[i]]++] = i;
  for (let c = 0; c <= maxCustomer; c++) {
    const from = start[c];
    const to = start[c + 1];
    if (to - from <= 32) {
      for (let k = from + 1; k < to; k++) {
        const i = order[k];
        const p = period[i];
        let j = k - 1;
        while (j >= from && (period[order[j]] > p || (period[order[j]] === p && order[j] > i))) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = i;
      }
    } else {
      // period × 2^24 + position: one native numeric sort, stable through the position.
      const keys = new Float64Array(to - from);
      for (let k = from; k < to; k++) keys[k - from] = period[order[k]] * 16777216 + (k - from);
      keys.sort();
      const run = order.slice(from, to);
      for (let k = 0; k < keys.length; k++) order[from + k] = run[keys[k] % 16777216];
    }
  }
  return order;
}
