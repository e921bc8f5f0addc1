/**
 * New and returning customers and their revenue in every period (as latestPeriod in analysis.ts
 * counts them for one): a customer is new in their first active period and returning in every
 * later one they are active in; a period's revenue is all their amounts in it, refunds included.
 * The pane's "Use in the model" averages them over the periods the user picks.
 */
import { CustomerPeriods } from "./customer-periods";
import { PeriodRange } from "./period-retention";

/** One entry per period range.first … range.last. */
export interface PeriodBills {
  newCustomers: Float64Array;
  newRevenue: Float64Array;
  returningCustomers: Float64Array;
  returningRevenue: Float64Array;
}

export function periodBills(cells: CustomerPeriods, range: PeriodRange): PeriodBills {
  const n = Math.max(0, range.last - range.first + 1);
  const bills: PeriodBills = {
    newCustomers: new Float64Array(n),
    newRevenue: new Float64Array(n),
    returningCustomers: new Float64Array(n),
    returningRevenue: new Float64Array(n),
  };
  for (let c = 0; c < cells.customerCount; c++) {
    let cohort = NaN;
    for (let k = cells.offsets[c]; k < cells.offsets[c + 1]; k++) {
      if (!cells.active[k]) continue;
      const p = cells.period[k];
      if (cohort !== cohort) cohort = p;
      const i = p - range.first;
      if (i < 0 || i >= n) continue;
      if (p === cohort) {
        bills.newCustomers[i]++;
        bills.newRevenue[i] += cells.revenue[k];
      } else {
        bills.returningCustomers[i]++;
        bills.returningRevenue[i] += cells.revenue[k];
      }
    }
  }
  return bills;
}

/** The average bills and customers per period over periods from … to (indices, inclusive). */
export interface AverageBills {
  /** Revenue per new (returning) customer over the periods; null when there were none. */
  newBill: number | null;
  returningBill: number | null;
  /** Customers per period, on average. */
  newCustomers: number;
  returningCustomers: number;
  periods: number;
}

/**
 * Pooled over the periods: all their revenue over all their customers (a period with many
 * customers weighs more than a quiet one), and the customers per period as a plain mean.
 */
export function averageBills(bills: PeriodBills, from: number, to: number): AverageBills {
  const first = Math.max(0, from);
  const last = Math.min(bills.newCustomers.length - 1, to);
  let newCustomers = 0;
  let newRevenue = 0;
  let returningCustomers = 0;
  let returningRevenue = 0;
  for (let i = first; i <= last; i++) {
    newCustomers += bills.newCustomers[i];
    newRevenue += bills.newRevenue[i];
    returningCustomers += bills.returningCustomers[i];
    returningRevenue += bills.returningRevenue[i];
  }
  const periods = Math.max(0, last - first + 1);
  return {
    newBill: newCustomers > 0 ? newRevenue / newCustomers : null,
    returningBill: returningCustomers > 0 ? returningRevenue / returningCustomers : null,
    newCustomers: periods > 0 ? newCustomers / periods : 0,
    returningCustomers: periods > 0 ? returningCustomers / periods : 0,
    periods,
  };
}
