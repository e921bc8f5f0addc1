/**
 * The RFM summary of lifetimes' summary_data_from_transaction_data (docs/definitions.md §10), the input of
 * the BG/NBD and Gamma-Gamma models. From the cells of a CustomerPeriodAccumulator by day:
 * - a customer's orders on one day are one purchase; refunds are left out (they are no purchase,
 *   and spend models need positive values);
 * - frequency x = purchase days − 1 (repeat purchases);
 * - recency t_x = days from the first to the last purchase ÷ the time unit;
 * - T = days from the first purchase to the end of observation ÷ the time unit;
 * - monetary value = mean value of the repeat purchases (the first left out); 0 when x = 0.
 * Orders after the end were left out when read; customers with no purchase on or before it are
 * not listed. Rows come in order of each customer's first appearance in the data.
 */
import { invalidNumber } from "../errors";
import { CustomerPeriods } from "./customer-periods";

export interface RfmSummary {
  /** Customer codes (CustomerIds order). */
  customer: Int32Array;
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  monetary: Float64Array;
  count: number;
}

export function checkTimeUnit(days: number): number {
  if (!(days > 0 && Number.isFinite(days)))
    throw invalidNumber("time_unit must be a number of days above 0 (1 = days, 7 = weeks)");
  return days;
}

export function rfmSummary(cells: CustomerPeriods, endDay: number, timeUnitDays = 1): RfmSummary {
  if (cells.unit !== "day") throw new Error("rfmSummary needs cells by day");
  checkTimeUnit(timeUnitDays);
  const n = cells.customerCount;
  const out: RfmSummary = {
    customer: new Int32Array(n),
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    age: new Float64Array(n),
    monetary: new Float64Array(n),
    count: 0,
  };
  const { offsets, period, active, sales } = cells;
  for (let c = 0; c < n; c++) {
    let firstDay = -1;
    let lastDay = -1;
    let purchases = 0;
    let repeatValue = 0;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      if (!active[i] || period[i] > endDay) continue;
      if (purchases === 0) firstDay = period[i];
      else repeatValue += sales[i];
      lastDay = period[i];
      purchases++;
    }
    if (purchases === 0) continue;
    const k = out.count++;
    const x = purchases - 1;
    out.customer[k] = c;
    out.frequency[k] = x;
    out.recency[k] = (lastDay - firstDay) / timeUnitDays;
    out.age[k] = (endDay - firstDay) / timeUnitDays;
    out.monetary[k] = x > 0 ? repeatValue / x : 0;
  }
  return out;
}
