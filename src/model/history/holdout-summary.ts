/**
 * The calibration/holdout summary (docs/definitions.md §10, "Checking a buyer model"): the RFM
 * summary at the calibration end, beside what each of those customers did in the holdout that
 * follows. From the cells of a CustomerPeriodAccumulator by day, as rfm.ts:
 * - purchases are purchase days (a customer's orders on one day are one purchase; refunds are
 *   no purchase);
 * - customers whose first purchase falls on or before the calibration end are listed, in the
 *   order of their first appearance in the data; those who first buy in the holdout are not
 *   (they are not part of the calibrated base);
 * - x, t_x and T at the calibration end, in time units of `unitDays` days;
 * - holdout purchases: purchase days after the calibration end and on or before the holdout
 *   end; the holdout's length is (holdout end − calibration end) ÷ unitDays, the same for all.
 */
import { invalidNumber } from "../errors";
import { CustomerPeriods } from "./customer-periods";

export interface HoldoutSummary {
  /** Customer codes (CustomerIds order). */
  customer: Int32Array;
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  holdoutPurchases: Float64Array;
  /** Each customer's first purchase day (serial): where their own clock starts. */
  firstDay: Float64Array;
  holdoutLength: number;
  count: number;
}

/** The two ends: whole-day serials with the calibration end strictly before the holdout end. */
export function checkHoldoutEnds(calibrationEnd: number, holdoutEnd: number): void {
  if (!(calibrationEnd < holdoutEnd))
    throw invalidNumber(
      "holdout_end must come after calibration_end: the holdout is the time between them"
    );
}

export function holdoutSummary(
  cells: CustomerPeriods,
  calibrationEnd: number,
  holdoutEnd: number,
  unitDays: number
): HoldoutSummary {
  if (cells.unit !== "day") throw new Error("holdoutSummary needs cells by day");
  checkHoldoutEnds(calibrationEnd, holdoutEnd);
  const n = cells.customerCount;
  const s: HoldoutSummary = {
    customer: new Int32Array(n),
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    holdoutPurchases: new Float64Array(n),
    firstDay: new Float64Array(n),
    holdoutLength: (holdoutEnd - calibrationEnd) / unitDays,
    count: 0,
  };
  const { offsets, period, active } = cells;
  for (let c = 0; c < n; c++) {
    let first = -1;
    let last = -1;
    let purchases = 0;
    let later = 0;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      if (!active[i]) continue;
      const day = period[i];
      if (day > holdoutEnd) break; // cells are in day order
      if (day > calibrationEnd) {
        if (purchases > 0) later++;
        continue;
      }
      if (purchases === 0) first = day;
      last = day;
      purchases++;
    }
    if (purchases === 0) continue;
    const k = s.count++;
    s.customer[k] = c;
    s.frequency[k] = purchases - 1;
    s.recency[k] = (last - first) / unitDays;
    s.T[k] = (calibrationEnd - first) / unitDays;
    s.holdoutPurchases[k] = later;
    s.firstDay[k] = first;
  }
  return s;
}
