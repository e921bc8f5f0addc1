/**
 * The BG/BB summary (docs/definitions.md, BG/BB): dated events turned into discrete
 * opportunities, one per calendar period (a year for yearly donations). For each customer,
 * from the cells of a CustomerPeriodAccumulator in that unit:
 * - the period of the first event starts the customer's history and is not an opportunity
 *   (as the first purchase is not a repeat purchase in the RFM summary);
 * - n = the periods after it up to the end period (the one holding the end date) inclusive;
 * - x = those of them with at least one event (several events in one period count once);
 * - t_x = the last of them, counted from the first period (1 … n), or 0 when x = 0.
 * Events after the end were left out when read; refunds alone make no period active. Rows come
 * in order of each customer's first appearance in the data.
 */
import { CustomerPeriods } from "./customer-periods";

export interface OpportunityHistory {
  /** Customer codes (CustomerIds order). */
  customer: Int32Array;
  frequency: Float64Array;
  recency: Float64Array;
  opportunities: Float64Array;
  count: number;
}

export function opportunityHistory(cells: CustomerPeriods, endPeriod: number): OpportunityHistory {
  const customers = cells.customerCount;
  const out: OpportunityHistory = {
    customer: new Int32Array(customers),
    frequency: new Float64Array(customers),
    recency: new Float64Array(customers),
    opportunities: new Float64Array(customers),
    count: 0,
  };
  const { offsets, period, active } = cells;
  for (let c = 0; c < customers; c++) {
    let first = NaN;
    let last = NaN;
    let x = 0;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      if (!active[i] || period[i] > endPeriod) continue;
      if (first !== first) first = period[i];
      else x++;
      last = period[i];
    }
    if (first !== first) continue;
    const k = out.count++;
    out.customer[k] = c;
    out.frequency[k] = x;
    out.recency[k] = x > 0 ? last - first : 0;
    out.opportunities[k] = endPeriod - first;
  }
  return out;
}
