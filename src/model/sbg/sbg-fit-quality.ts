/**
 * How close an sBG fit comes to the survival it was fitted to (issue 23): the mean absolute error
 * in percentage points over the ages after 0 (age 0 is 100% on both sides by definition, so it
 * would only dilute the error), and the worst age.
 */

/**
 * A fit is called poor when it is off by more than 3 points on average, or by more than 5 points
 * at any one age. Survival shares between ages usually differ by a few points, so an error of
 * that size is as large as a period's real churn: a projection built on it would misstate the
 * customers kept by about a period's worth. A single age more than 5 points off (as at month 17
 * of the public data: 12.8% fitted against 4.3% actual) misleads even when the average is good.
 */
export const POOR_FIT_MEAN_POINTS = 3;
export const POOR_FIT_MAX_POINTS = 5;

export interface SbgFitQuality {
  /** Mean |fitted − actual| over the ages compared, in percentage points (NaN: no age compared). */
  meanAbsoluteError: number;
  /** The largest |fitted − actual| in points, and the age where it is (−1: no age compared). */
  maxError: number;
  maxAge: number;
  /** Ages compared: 1 … the last age where both are finite numbers. */
  ages: number;
  poor: boolean;
}

/** Compares fitted[t] with actual[t] for t = 1 … min(lengths) − 1, skipping ages without a number. */
export function sbgFitQuality(actual: ArrayLike<number>, fitted: ArrayLike<number>): SbgFitQuality {
  const n = Math.min(actual.length, fitted.length);
  let sum = 0;
  let ages = 0;
  let maxError = 0;
  let maxAge = -1;
  for (let t = 1; t < n; t++) {
    const error = Math.abs(fitted[t] - actual[t]) * 100;
    if (!Number.isFinite(error)) continue;
    sum += error;
    ages++;
    if (error > maxError || maxAge < 0) {
      maxError = error;
      maxAge = t;
    }
  }
  const meanAbsoluteError = ages > 0 ? sum / ages : NaN;
  return {
    meanAbsoluteError,
    maxError,
    maxAge,
    ages,
    poor: ages > 0 && (meanAbsoluteError > POOR_FIT_MEAN_POINTS || maxError > POOR_FIT_MAX_POINTS),
  };
}
