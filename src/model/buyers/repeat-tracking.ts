/**
 * Cumulative tracking of repeat purchases over the calibration period and the holdout
 * (docs/definitions.md §10, "Checking a buyer model"), period by period, expected against
 * actual, for the customers of the holdout summary (first purchase on or before the
 * calibration end):
 * - actual: their repeat purchase days (after each one's first purchase day) up to each
 *   period's end;
 * - expected: Σ over them of E[X((end − first day) ÷ unit)], each customer's own clock starting
 *   at their first purchase (nothing before it).
 * Periods are `unitDays` long and aligned on the calibration end, so one period ends exactly
 * there; the first starts with the first customer's first purchase and the last ends at the
 * holdout end (either may be shorter than a whole period).
 */
import { BuyerModel } from "./buyer-model";
import { CustomerPeriods } from "../history/customer-periods";
import { HoldoutSummary } from "../history/holdout-summary";
import { finite } from "../errors";
import { noData } from "../history/table-folding";

export interface RepeatTracking {
  /** Each period's last day (serial), ascending; the last is the holdout end. */
  periodEnd: Float64Array;
  actual: Float64Array;
  expected: Float64Array;
  cumulativeActual: Float64Array;
  cumulativeExpected: Float64Array;
  /** Periods ending on or before the calibration end: the rows before the holdout. */
  calibrationPeriods: number;
}

/**
 * The periods' last days: calibration end ± whole periods, within (first day, holdout end].
 * Each end is a whole day: with periods of a fractional length (a month of 30.4375 days) the
 * end is the nearest day, so every period holds whole days and the days are counted once.
 */
export function trackingPeriodEnds(
  firstDay: number,
  calibrationEnd: number,
  holdoutEnd: number,
  unitDays: number
): number[] {
  const back = Math.max(0, Math.ceil((calibrationEnd - firstDay) / unitDays) - 1);
  const ahead = Math.ceil((holdoutEnd - calibrationEnd) / unitDays) - 1;
  const ends: number[] = [];
  for (let m = back; m >= 0; m--) ends.push(Math.round(calibrationEnd - m * unitDays));
  for (let m = 1; m <= ahead; m++) ends.push(Math.round(calibrationEnd + m * unitDays));
  // A period end rounded onto the holdout end is that end, not an empty period after it.
  if (ends[ends.length - 1] !== holdoutEnd) ends.push(holdoutEnd);
  return ends;
}

export function repeatTracking(
  cells: CustomerPeriods,
  summary: HoldoutSummary,
  calibrationEnd: number,
  holdoutEnd: number,
  unitDays: number,
  model: BuyerModel,
  parameters: readonly number[]
): RepeatTracking {
  if (cells.unit !== "day") throw new Error("repeatTracking needs cells by day");
  model.checkParameters(parameters);
  if (summary.count === 0) throw noData("customers with a purchase on or before calibration_end");
  let first = Infinity;
  for (let k = 0; k < summary.count; k++) first = Math.min(first, summary.firstDay[k]);
  const span = holdoutEnd - first + 1;
  // Births and repeat purchase days, per day from the first birth.
  const births = new Float64Array(span);
  const repeats = new Float64Array(span);
  const { offsets, period, active } = cells;
  for (let k = 0; k < summary.count; k++) {
    const c = summary.customer[k];
    const born = summary.firstDay[k];
    births[born - first]++;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      const day = period[i];
      if (day > holdoutEnd) break;
      if (active[i] && day > born) repeats[day - first]++;
    }
  }
  const birthDays: number[] = [];
  for (let d = 0; d < span; d++) if (births[d] > 0) birthDays.push(d);
  // E[X(Δ ÷ unit)] once per day difference Δ.
  const expectedAt = new Float64Array(span).fill(NaN);
  const E = (delta: number) => {
    let e = expectedAt[delta];
    if (e !== e) e = expectedAt[delta] = model.expectedPurchases(delta / unitDays, parameters);
    return e;
  };
  const ends = trackingPeriodEnds(first, calibrationEnd, holdoutEnd, unitDays);
  const rows = ends.length;
  const out: RepeatTracking = {
    periodEnd: Float64Array.from(ends),
    actual: new Float64Array(rows),
    expected: new Float64Array(rows),
    cumulativeActual: new Float64Array(rows),
    cumulativeExpected: new Float64Array(rows),
    calibrationPeriods: ends.filter((e) => e <= calibrationEnd).length,
  };
  let day = 0;
  let actualSoFar = 0;
  for (let j = 0; j < rows; j++) {
    const end = ends[j] - first;
    for (; day <= end; day++) actualSoFar += repeats[day];
    let expectedSoFar = 0;
    for (const born of birthDays) {
      if (born > end) break;
      expectedSoFar += births[born] * E(end - born);
    }
    out.cumulativeActual[j] = actualSoFar;
    out.cumulativeExpected[j] = finite(expectedSoFar, "expected repeat purchases");
    out.actual[j] = actualSoFar - (j > 0 ? out.cumulativeActual[j - 1] : 0);
    out.expected[j] = expectedSoFar - (j > 0 ? out.cumulativeExpected[j - 1] : 0);
  }
  return out;
}
