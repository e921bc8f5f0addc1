/**
 * An approximate prediction interval for the purchases of each future period of a BG/NBD
 * forecast (docs/functions-plan.md). RETAIN.BGNBD_FIT's stats block gives each parameter's
 * standard error but not their covariance, so the parameters are taken as independent: an
 * approximation that can understate the spread (the BG/NBD's r and α, and a and b, tend to move
 * together) or overstate it. The variance of total_k is the sum of
 * - the parameters' part, by the delta method on the log scale: Σ_i (∂total_k/∂ln θ_i · SE_i/θ_i)²,
 *   each derivative by a central difference;
 * - the purchases' own chance, as a Poisson count: total_k. Real purchase counts vary more
 *   than Poisson (customers differ in rate and in when they drop out), so this part is a floor.
 * The interval is total_k ± z·√variance, z the normal quantile of the level, cut at 0.
 */
import { BgNbdParameters } from "../buyers/bgnbd";
import { invalidNumber } from "../errors";
import { normalQuantile } from "../numerics/normal-quantile";
import { bgnbdPurchaseForecast, CustomerGroup } from "./bgnbd-forecast";
import { checkLevel, PredictionInterval } from "./interval-level";

/** The relative step of the central differences on ln θ. */
const STEP = 1e-4;
const NAMES = ["r", "alpha", "a", "b"] as const;

export function bgnbdForecastInterval(
  customers: readonly CustomerGroup[],
  parameters: BgNbdParameters,
  standardErrors: readonly number[],
  newCustomers: readonly number[],
  periods: number,
  level: number,
  total: ArrayLike<number>
): PredictionInterval {
  checkLevel(level);
  standardErrors.forEach((se, i) => {
    if (!(se >= 0 && se < Infinity))
      throw invalidNumber(`the standard error of ${NAMES[i]} must be a number, 0 or more`);
  });
  const variance = new Float64Array(periods);
  for (let k = 0; k < periods; k++) variance[k] = Math.max(total[k], 0);
  NAMES.forEach((name, i) => {
    const theta = parameters[name];
    const logError = standardErrors[i] / theta;
    if (logError === 0) return;
    const at = (shift: number) =>
      bgnbdPurchaseForecast(
        customers,
        { ...parameters, [name]: theta * Math.exp(shift) },
        newCustomers,
        periods
      ).total;
    const up = at(STEP);
    const down = at(-STEP);
    for (let k = 0; k < periods; k++) {
      const slope = (up[k] - down[k]) / (2 * STEP);
      variance[k] += (slope * logError) ** 2;
    }
  });
  const z = normalQuantile((1 + level) / 2);
  const low = new Float64Array(periods);
  const high = new Float64Array(periods);
  for (let k = 0; k < periods; k++) {
    const spread = z * Math.sqrt(variance[k]);
    low[k] = Math.max(0, total[k] - spread);
    high[k] = total[k] + spread;
  }
  return { low, high };
}
