/**
 * Kaplan-Meier survival with censoring (docs/definitions.md §9), as lifelines and R's survfit compute it.
 * At each distinct time t_i with d_i churn events and n_i at risk (duration ≥ t_i):
 * S(t) = Π_{t_i ≤ t} (1 − d_i/n_i); at a tie, churn comes before censoring. Weights count
 * identical rows. The band is the log-log one (survfit's conf.type = "log-log"):
 * V = Σ d/(n(n − d)) / (ln S)², bounds exp(−exp(ln(−ln S) ± z√V)).
 * Where S is 1 (no churn yet) or 0 (everyone churned) the band is that value.
 */
import { invalidNumber } from "../errors";
import { normalQuantile } from "../numerics/normal-quantile";

export interface SurvivalRows {
  duration: Float64Array;
  churned: Uint8Array;
  weight: Float64Array;
  count: number;
}

export interface KaplanMeierTable {
  time: Float64Array;
  atRisk: Float64Array;
  churned: Float64Array;
  censored: Float64Array;
  survival: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

export function checkConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1))
    throw invalidNumber("confidence must be between 0 and 1 (for example 0.95)");
  return confidence;
}

export function kaplanMeier(rows: SurvivalRows, confidence = 0.95): KaplanMeierTable {
  checkConfidence(confidence);
  const z = normalQuantile((1 + confidence) / 2);
  // Distinct times from a native sort of the durations; each row then finds its time by
  // binary search (no object per row, no comparator calls).
  const sorted = rows.duration.slice(0, rows.count).sort();
  const times: number[] = [];
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) times.push(sorted[i]);
  const events = new Float64Array(times.length);
  const censoredAt = new Float64Array(times.length);
  for (let i = 0; i < rows.count; i++) {
    const t = rows.duration[i];
    let lo = 0;
    let hi = times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    if (rows.churned[i]) events[lo] += rows.weight[i];
    else censoredAt[lo] += rows.weight[i];
  }
  const m = times.length;
  // At risk as sums from the last time backwards, never as differences: with fractional weights
  // a difference leaves 1.0000000000000009 where everyone left, and S a hair above 0.
  const atRiskAt = new Float64Array(m);
  for (let k = m - 1, sum = 0; k >= 0; k--) atRiskAt[k] = sum += events[k] + censoredAt[k];
  const table: KaplanMeierTable = {
    time: Float64Array.from(times),
    atRisk: atRiskAt,
    churned: events,
    censored: censoredAt,
    survival: new Float64Array(m),
    lower: new Float64Array(m),
    upper: new Float64Array(m),
  };
  let s = 1;
  let greenwood = 0;
  for (let k = 0; k < m; k++) {
    const n = atRiskAt[k];
    const d = events[k];
    if (d > 0) {
      s *= 1 - d / n;
      greenwood += n > d ? d / (n * (n - d)) : Infinity;
    }
    if (d > 0 && d >= n) s = 0;
    table.survival[k] = s;
    if (s === 1 || s === 0) {
      table.lower[k] = s;
      table.upper[k] = s;
    } else {
      const logS = Math.log(s);
      const spread = z * Math.sqrt(greenwood / (logS * logS));
      const center = Math.log(-logS);
      table.lower[k] = Math.exp(-Math.exp(center + spread));
      table.upper[k] = Math.exp(-Math.exp(center - spread));
    }
  }
  return table;
}

/** The first time at which S ≤ 0.5, or null when survival never falls that far. */
export function medianLifetime(table: KaplanMeierTable): number | null {
  for (let k = 0; k < table.time.length; k++) if (table.survival[k] <= 0.5) return table.time[k];
  return null;
}
