/**
 * Per-customer value figures the source articles quote (docs/definitions.md §3), computed from the data so they can
 * be read beside the claims:
 * - value concentration: the share of revenue from the top 20% of customers (the 80/20 of “How to Keep Existing Customers”);
 * - repeat spend: the mean repeat order against the mean first purchase (the "+67%" of “15 Customer Retention Strategies”).
 * Refunds are no purchase, but count in a customer's revenue.
 */
import { CustomerPeriods } from "./customer-periods";

export interface ValueConcentration {
  /** Share of all revenue from the top `topFraction` of customers by revenue. */
  topShare: number;
  topFraction: number;
  /** Customers counted (those with any revenue row). */
  customers: number;
}

/** Null when there is no positive revenue to share out. */
export function valueConcentration(
  cells: CustomerPeriods,
  topFraction = 0.2
): ValueConcentration | null {
  const totals: number[] = [];
  let all = 0;
  for (let c = 0; c < cells.customerCount; c++) {
    let total = 0;
    for (let i = cells.offsets[c]; i < cells.offsets[c + 1]; i++) total += cells.revenue[i];
    if (cells.offsets[c + 1] > cells.offsets[c]) {
      totals.push(total);
      all += total;
    }
  }
  if (!(all > 0)) return null;
  const sorted = Float64Array.from(totals).sort().reverse();
  const top = Math.max(1, Math.round(sorted.length * topFraction));
  let share = 0;
  for (let k = 0; k < top; k++) share += sorted[k];
  return { topShare: share / all, topFraction, customers: sorted.length };
}

export interface RepeatSpend {
  firstPurchaseMean: number;
  repeatPurchaseMean: number;
  /** repeat ÷ first − 1: +0.67 is the "+67%" of “15 Customer Retention Strategies”. */
  lift: number;
  firstPurchases: number;
  repeatPurchases: number;
}

/**
 * First purchases against repeat orders, folded in as orders are read (memory per customer, not
 * per order): a customer's first purchase is all their orders on their first day; every later
 * order is a repeat order. Refunds are no purchase.
 */
export class RepeatSpendAccumulator {
  private firstDay = new Int32Array(1024);
  private firstSales = new Float64Array(1024);
  private firstOrders = new Int32Array(1024);
  private laterSales = new Float64Array(1024);
  private laterOrders = new Int32Array(1024);
  private customers = 0;

  add(customer: number, day: number, amount: number): void {
    if (!(amount >= 0)) return;
    this.ensure(customer);
    if (customer >= this.customers) {
      for (let c = this.customers; c <= customer; c++) this.firstDay[c] = 0x7fffffff;
      this.customers = customer + 1;
    }
    const first = this.firstDay[customer];
    if (day === first) {
      this.firstSales[customer] += amount;
      this.firstOrders[customer]++;
    } else if (day > first) {
      this.laterSales[customer] += amount;
      this.laterOrders[customer]++;
    } else {
      // An earlier day: the old first purchase becomes repeat orders.
      if (first !== 0x7fffffff) {
        this.laterSales[customer] += this.firstSales[customer];
        this.laterOrders[customer] += this.firstOrders[customer];
      }
      this.firstDay[customer] = day;
      this.firstSales[customer] = amount;
      this.firstOrders[customer] = 1;
    }
  }

  private ensure(customer: number): void {
    if (customer < this.firstDay.length) return;
    let n = this.firstDay.length;
    while (n <= customer) n *= 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, b: T): T => (b.set(a), b);
    this.firstDay = grow(this.firstDay, new Int32Array(n));
    this.firstSales = grow(this.firstSales, new Float64Array(n));
    this.firstOrders = grow(this.firstOrders, new Int32Array(n));
    this.laterSales = grow(this.laterSales, new Float64Array(n));
    this.laterOrders = grow(this.laterOrders, new Int32Array(n));
  }

  /** Null when nobody ordered again, or first purchases carry no value. */
  finish(): RepeatSpend | null {
    let firstSum = 0;
    let firstCount = 0;
    let repeatSum = 0;
    let repeatCount = 0;
    for (let c = 0; c < this.customers; c++) {
      if (this.firstDay[c] === 0x7fffffff) continue;
      firstSum += this.firstSales[c];
      firstCount++;
      repeatSum += this.laterSales[c];
      repeatCount += this.laterOrders[c];
    }
    if (repeatCount === 0 || !(firstSum > 0)) return null;
    const firstPurchaseMean = firstSum / firstCount;
    const repeatPurchaseMean = repeatSum / repeatCount;
    return {
      firstPurchaseMean,
      repeatPurchaseMean,
      lift: repeatPurchaseMean / firstPurchaseMean - 1,
      firstPurchases: firstCount,
      repeatPurchases: repeatCount,
    };
  }
}
