/**
 * The restricted mean survival time (docs/definitions.md §12): the area under the Kaplan-Meier
 * curve from 0 to a horizon τ, the mean lifetime counted only up to τ. Its variance is the one
 * R's survfit prints as se(rmean) with rmean = τ: Σ over the times t_i ≤ τ of
 * A_i² d_i/(n_i (n_i − d_i)), where A_i is the area from t_i to τ (a time where everyone at risk
 * churns adds nothing). Past the last time the curve stays at its last value.
 */
import { invalidNumber } from "../errors";
import { KaplanMeierTable } from "../history/kaplan-meier";
import { normalQuantile } from "../numerics/normal-quantile";

export interface RestrictedMean {
  mean: number;
  standardError: number;
  lower: number;
  upper: number;
}

export function checkHorizon(horizon: number): number {
  if (!(horizon > 0 && Number.isFinite(horizon)))
    throw invalidNumber("horizon must be a number of periods above 0");
  return horizon;
}

export function restrictedMean(
  table: KaplanMeierTable,
  horizon: number,
  confidence = 0.95
): RestrictedMean {
  checkHorizon(horizon);
  const { time, survival, atRisk, churned } = table;
  let last = 0;
  while (last < time.length && time[last] <= horizon) last++;
  // area[i]: under the curve from time[i] to τ, each step's survival up to the next time (the
  // last one up to τ); before the first time the curve is 1.
  const area = new Float64Array(last);
  let tail = 0;
  for (let i = last - 1; i >= 0; i--) {
    const next = i + 1 < last ? time[i + 1] : horizon;
    tail += survival[i] * (next - time[i]);
    area[i] = tail;
  }
  const mean = tail + (last > 0 ? time[0] : horizon);
  let variance = 0;
  for (let i = 0; i < last; i++) {
    const n = atRisk[i];
    const d = churned[i];
    if (d > 0 && n > d) variance += (area[i] * area[i] * d) / (n * (n - d));
  }
  const standardError = Math.sqrt(variance);
  const z = normalQuantile((1 + confidence) / 2);
  return {
    mean,
    standardError,
    lower: mean - z * standardError,
    upper: mean + z * standardError,
  };
}
