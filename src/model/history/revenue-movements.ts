/**
 * Revenue movements between consecutive periods (docs/definitions.md §8, as ChartMogul and Baremetrics
 * define them). Each customer's revenue in a period moves one way:
 * - new: 0 before, > 0 now, never had revenue before; reactivation: the same, but had revenue earlier;
 * - expansion: up from > 0; contraction: down but still > 0; churn: from > 0 to 0.
 * So end = start + new + reactivation + expansion − contraction − churn.
 * A customer's revenue in a period is the period's cell revenue; a period whose refunds exceed
 * its orders counts as 0 (no customer has negative recurring revenue).
 */
import { CustomerPeriods } from "./customer-periods";
import { PeriodRange } from "./period-retention";
import { checkPeriodRows } from "./result-size";

export interface RevenueMovementTable {
  range: PeriodRange;
  start: Float64Array;
  won: Float64Array;
  expansion: Float64Array;
  contraction: Float64Array;
  churn: Float64Array;
  reactivation: Float64Array;
  end: Float64Array;
}

export function revenueMovements(cells: CustomerPeriods, range: PeriodRange): RevenueMovementTable {
  checkPeriodRows(range);
  const n = Math.max(0, range.last - range.first + 1);
  const total = new Float64Array(n);
  const won = new Float64Array(n);
  const expansion = new Float64Array(n);
  const contraction = new Float64Array(n);
  const churn = new Float64Array(n);
  const reactivation = new Float64Array(n);
  const { offsets, period, revenue } = cells;
  const { first, last } = range;
  for (let c = 0; c < cells.customerCount; c++) {
    let hadRevenue = false;
    let prevPeriod = first - 2;
    let prevValue = 0;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      const q = period[i];
      if (q < first || q > last) continue;
      const v = revenue[i] > 0 ? revenue[i] : 0;
      let u = 0;
      if (prevPeriod === q - 1) u = prevValue;
      else if (prevValue > 0) churn[prevPeriod + 1 - first] += prevValue;
      const k = q - first;
      total[k] += v;
      if (u === 0) {
        if (v > 0) {
          if (hadRevenue) reactivation[k] += v;
          else won[k] += v;
        }
      } else if (v > u) expansion[k] += v - u;
      else if (v === 0) churn[k] += u;
      else if (v < u) contraction[k] += u - v;
      if (v > 0) hadRevenue = true;
      prevPeriod = q;
      prevValue = v;
    }
    if (prevValue > 0 && prevPeriod < last) churn[prevPeriod + 1 - first] += prevValue;
  }
  const start = new Float64Array(n);
  for (let k = 1; k < n; k++) start[k] = total[k - 1];
  return { range, start, won, expansion, contraction, churn, reactivation, end: total };
}
