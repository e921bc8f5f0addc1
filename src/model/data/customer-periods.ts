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

  constructor(readonly unit: PeriodUnit) {}

  /** An order (or a subscription's revenue) on a whole-day serial; amount NaN = none. */
  addDay(customer: number, day: number, amount: number, active: boolean): void {
    this.addPeriod(customer, periodOf(day, this.unit), amount, active);
  }

  addPeriod(customer: number, period: number, amount: number, active: boolean): void {
    if (this.buffered === this.bufCustomer.length) {
      if (this.buffered < BUFFER_ROWS) this.growBuffer();
      else this.flush();
    }
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

  /** Folds the buffered rows into the cells. */
  private flush(): void {
    const old = this.cells;
    const rows = this.buffered;
    const m = old.length + rows;
    // One list: the cells first, then the rows (a row's revenue is its amount, its sales the
    // amount when it is not a refund).
    const customer = new Int32Array(m);
    const period = new Int32Array(m);
    const revenue = new Float64Array(m);
    const sales = new Float64Array(m);
    const active = new Uint8Array(m);
    customer.set(old.customer.subarray(0, old.length));
    period.set(old.period.subarray(0, old.length));
    revenue.set(old.revenue.subarray(0, old.length));
    sales.set(old.sales.subarray(0, old.length));
    active.set(old.active.subarray(0, old.length));
    customer.set(this.bufCustomer.subarray(0, rows), old.length);
    period.set(this.bufPeriod.subarray(0, rows), old.length);
    active.set(this.bufActive.subarray(0, rows), old.length);
    let maxC = -1;
    for (let i = 0; i < m; i++) if (customer[i] > maxC) maxC = customer[i];
    for (let j = 0, i = old.length; j < rows; j++, i++) {
      const amount = this.bufAmount[j];
      if (amount === amount) {
        revenue[i] = amount;
        if (amount >= 0) sales[i] = amount;
      }
    }
    const order = byCustomerThenPeriod(customer, period, maxC);
    const next = emptyCells(m);
    let n = -1;
    let lastC = -1;
    let lastP = -1;
    for (let k = 0; k < m; k++) {
      const i = order[k];
      const c = customer[i];
      const p = period[i];
      if (c !== lastC || p !== lastP) {
        n++;
        next.customer[n] = c;
        next.period[n] = p;
        lastC = c;
        lastP = p;
      }
      next.revenue[n] += revenue[i];
      next.sales[n] += sales[i];
      next.active[n] |= active[i];
    }
    next.length = n + 1;
    this.cells = next;
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
