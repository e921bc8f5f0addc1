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

const EMPTY = -1;

/** Open-addressing hash from (customer, period) to a cell, then one radix sort at the end. */
export class CustomerPeriodAccumulator {
  private slots = new Int32Array(1 << 12).fill(EMPTY);
  private mask = (1 << 12) - 1;
  private customer = new Int32Array(1 << 11);
  private period = new Int32Array(1 << 11);
  private revenue = new Float64Array(1 << 11);
  private sales = new Float64Array(1 << 11);
  private active = new Uint8Array(1 << 11);
  private cells = 0;
  private maxCustomer = -1;

  constructor(readonly unit: PeriodUnit) {}

  /** An order (or a subscription's revenue) on a whole-day serial; amount NaN = none. */
  addDay(customer: number, day: number, amount: number, active: boolean): void {
    this.addPeriod(customer, periodOf(day, this.unit), amount, active);
  }

  addPeriod(customer: number, period: number, amount: number, active: boolean): void {
    let h = (Math.imul(customer, 0x9e3779b1) ^ Math.imul(period, 0x85ebca77)) >>> 0;
    h = (h ^ (h >>> 15)) & this.mask;
    let cell: number;
    for (;;) {
      cell = this.slots[h];
      if (cell === EMPTY) {
        cell = this.newCell(customer, period, h);
        break;
      }
      if (this.customer[cell] === customer && this.period[cell] === period) break;
      h = (h + 1) & this.mask;
    }
    if (amount === amount) {
      this.revenue[cell] += amount;
      if (amount >= 0) this.sales[cell] += amount;
    }
    if (active) this.active[cell] = 1;
  }

  private newCell(customer: number, period: number, slot: number): number {
    if (this.cells === this.customer.length) this.growCells();
    const cell = this.cells++;
    this.customer[cell] = customer;
    this.period[cell] = period;
    this.slots[slot] = cell;
    if (customer > this.maxCustomer) this.maxCustomer = customer;
    if (this.cells * 2 > this.slots.length) this.rehash();
    return cell;
  }

  private growCells(): void {
    const n = this.customer.length * 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(
      a: T,
      make: (n: number) => T
    ): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.customer = grow(this.customer, (k) => new Int32Array(k));
    this.period = grow(this.period, (k) => new Int32Array(k));
    this.revenue = grow(this.revenue, (k) => new Float64Array(k));
    this.sales = grow(this.sales, (k) => new Float64Array(k));
    this.active = grow(this.active, (k) => new Uint8Array(k));
  }

  private rehash(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size).fill(EMPTY);
    this.mask = size - 1;
    for (let cell = 0; cell < this.cells; cell++) {
      let h =
        (Math.imul(this.customer[cell], 0x9e3779b1) ^ Math.imul(this.period[cell], 0x85ebca77)) >>>
        0;
      h = (h ^ (h >>> 15)) & this.mask;
      while (this.slots[h] !== EMPTY) h = (h + 1) & this.mask;
      this.slots[h] = cell;
    }
  }

  /**
   * The cells sorted by customer, then period: a counting sort by period, then a stable one by
   * customer (a two-pass radix sort, linear in cells + periods + customers).
   * @param customerCount customers known to the reader (some may have no cell).
   */
  finish(customerCount: number): CustomerPeriods {
    const n = this.cells;
    const customers = Math.max(customerCount, this.maxCustomer + 1);
    let firstPeriod = Infinity;
    let lastPeriod = -Infinity;
    for (let i = 0; i < n; i++) {
      const p = this.period[i];
      if (p < firstPeriod) firstPeriod = p;
      if (p > lastPeriod) lastPeriod = p;
    }
    const byPeriod = new Int32Array(n);
    if (n > 0) {
      const counts = new Int32Array(lastPeriod - firstPeriod + 2);
      for (let i = 0; i < n; i++) counts[this.period[i] - firstPeriod + 1]++;
      for (let k = 1; k < counts.length; k++) counts[k] += counts[k - 1];
      for (let i = 0; i < n; i++) byPeriod[counts[this.period[i] - firstPeriod]++] = i;
    }
    const offsets = new Int32Array(customers + 1);
    for (let i = 0; i < n; i++) offsets[this.customer[i] + 1]++;
    for (let c = 0; c < customers; c++) offsets[c + 1] += offsets[c];
    const next = offsets.slice(0, customers);
    const period = new Int32Array(n);
    const revenue = new Float64Array(n);
    const sales = new Float64Array(n);
    const active = new Uint8Array(n);
    for (let k = 0; k < n; k++) {
      const i = byPeriod[k];
      const at = next[this.customer[i]]++;
      period[at] = this.period[i];
      revenue[at] = this.revenue[i];
      sales[at] = this.sales[i];
      active[at] = this.active[i];
    }
    return {
      unit: this.unit,
      customerCount: customers,
      offsets,
      period,
      revenue,
      sales,
      active,
      firstPeriod: n > 0 ? firstPeriod : 0,
      lastPeriod: n > 0 ? lastPeriod : -1,
    };
  }
}
