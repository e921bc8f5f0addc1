/**
 * Comparing survival between groups (docs/definitions.md §12): the log-rank test and its weighted
 * relatives. At each distinct time t with d churn events among n at risk (n_j and d_j in group j),
 * with a weight w(t):
 *   U_j = Σ w (d_j − n_j d/n),   V_jl = Σ w² d (n − d)/(n − 1) · (n_j/n)(δ_jl − n_l/n),
 * the hypergeometric covariance. The statistic is Uᵀ V⁻ U, with V's generalised inverse taken by
 * dropping one group (V has rank k − 1 at most), and its degrees of freedom the rank of what is
 * left. As R's survdiff does, groups with no expected churn take no part. The table's observed
 * and expected churn are counts (Σ d_j and Σ n_j d/n) whatever the weighting.
 */
import { invalidNumber } from "../errors";
import { chiSquareUpperTail } from "../numerics/chi-square";
import { SurvivalRows } from "../history/kaplan-meier";
import { GroupedSurvival } from "./grouped-survival";

/**
 * The weight at each churn time: 1 (log-rank); n (Gehan–Breslow's Wilcoxon); √n (Tarone–Ware);
 * the Peto–Prentice survival S̃(t) = Π_{s ≤ t} (1 − d_s/(n_s + 1)) through t itself (Peto–Peto, as
 * Klein and Moeschberger define it); or Ŝ(t−)^ρ, the pooled Kaplan-Meier just before t
 * (Fleming–Harrington G^ρ, R's survdiff(rho = ρ)).
 */
export type LogRankWeighting =
  | { kind: "log-rank" }
  | { kind: "gehan-breslow" }
  | { kind: "tarone-ware" }
  | { kind: "peto-peto" }
  | { kind: "fleming-harrington"; rho: number };

/** The cells' codes: 0 log-rank, 1 Wilcoxon (Gehan–Breslow), 2 Tarone–Ware, 3 Peto–Peto. */
export const WEIGHTING_CODES: readonly LogRankWeighting[] = [
  { kind: "log-rank" },
  { kind: "gehan-breslow" },
  { kind: "tarone-ware" },
  { kind: "peto-peto" },
];

export interface LogRankResult {
  /** Null when fewer than two groups have churn expected (nothing to compare). */
  chiSquare: number | null;
  degreesOfFreedom: number;
  pValue: number | null;
  /** Per group: customers (weights summed), observed and expected churn counts. */
  customers: Float64Array;
  observed: Float64Array;
  expected: Float64Array;
  /** Per group: the weighted Σ w (d_j − n_j d/n), and V, row-major k × k. */
  score: Float64Array;
  covariance: Float64Array;
}

/** Weights and pooled survival, advanced one churn time at a time. */
class WeightFunction {
  private petoPrentice = 1;
  private kaplanMeier = 1;
  constructor(private readonly weighting: LogRankWeighting) {}

  /** The weight at a time with `d` churn events among `n` at risk; call once per time, in order. */
  at(n: number, d: number): number {
    const before = this.kaplanMeier;
    this.kaplanMeier *= n > d ? 1 - d / n : 0;
    this.petoPrentice *= 1 - d / (n + 1);
    switch (this.weighting.kind) {
      case "log-rank":
        return 1;
      case "gehan-breslow":
        return n;
      case "tarone-ware":
        return Math.sqrt(n);
      case "peto-peto":
        return this.petoPrentice;
      case "fleming-harrington":
        return Math.pow(before, this.weighting.rho);
    }
  }
}

/** Row indices ordered by duration, with each distinct time's rows in one run (a counting sort). */
function rowsByTime(rows: SurvivalRows) {
  const sorted = rows.duration.slice(0, rows.count).sort();
  const times: number[] = [];
  for (let i = 0; i < sorted.length; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) times.push(sorted[i]);
  const timeOf = new Int32Array(rows.count);
  const starts = new Int32Array(times.length + 1);
  for (let i = 0; i < rows.count; i++) {
    const t = rows.duration[i];
    let lo = 0;
    let hi = times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    timeOf[i] = lo;
    starts[lo + 1]++;
  }
  for (let k = 0; k < times.length; k++) starts[k + 1] += starts[k];
  const order = new Int32Array(rows.count);
  const next = starts.slice(0, times.length);
  for (let i = 0; i < rows.count; i++) order[next[timeOf[i]]++] = i;
  return { timeCount: times.length, starts, order };
}

export function logRank(data: GroupedSurvival, weighting: LogRankWeighting): LogRankResult {
  const { rows, group, groupCount: k } = data;
  if (weighting.kind === "fleming-harrington" && !(weighting.rho >= 0))
    throw invalidNumber("rho must be 0 or more");
  const customers = new Float64Array(k);
  const remaining = new Int32Array(k); // rows still at risk, so a group that left reads exactly 0
  for (let i = 0; i < rows.count; i++) {
    customers[group[i]] += rows.weight[i];
    remaining[group[i]]++;
  }
  const atRisk = customers.slice();
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const score = new Float64Array(k);
  const covariance = new Float64Array(k * k);
  const events = new Float64Array(k);
  const leaving = new Float64Array(k);
  const share = new Float64Array(k);
  const weightAt = new WeightFunction(weighting);
  const { timeCount, starts, order } = rowsByTime(rows);
  for (let t = 0; t < timeCount; t++) {
    events.fill(0);
    leaving.fill(0);
    let d = 0;
    for (let r = starts[t]; r < starts[t + 1]; r++) {
      const i = order[r];
      const w = rows.weight[i];
      leaving[group[i]] += w;
      if (rows.churned[i]) {
        events[group[i]] += w;
        d += w;
      }
    }
    if (d > 0) {
      let n = 0;
      for (let j = 0; j < k; j++) n += atRisk[j];
      const w = weightAt.at(n, d);
      for (let j = 0; j < k; j++) {
        share[j] = atRisk[j] / n;
        const e = share[j] * d;
        observed[j] += events[j];
        expected[j] += e;
        score[j] += w * (events[j] - e);
      }
      if (n > 1) {
        const c = (w * w * d * (n - d)) / (n - 1);
        for (let j = 0; j < k; j++) {
          if (share[j] === 0) continue;
          const cj = c * share[j];
          for (let l = 0; l < k; l++) covariance[j * k + l] += cj * ((j === l ? 1 : 0) - share[l]);
        }
      }
    }
    for (let r = starts[t]; r < starts[t + 1]; r++) remaining[group[order[r]]]--;
    for (let j = 0; j < k; j++) atRisk[j] = remaining[j] === 0 ? 0 : atRisk[j] - leaving[j];
  }
  const { chiSquare, rank } = quadraticForm(score, covariance, expected, k);
  return {
    chiSquare,
    degreesOfFreedom: rank,
    pValue: chiSquare === null ? null : chiSquareUpperTail(chiSquare, rank),
    customers,
    observed,
    expected,
    score,
    covariance,
  };
}

/**
 * Uᵀ V⁻ U over the groups with churn expected, the first of them dropped: a Cholesky
 * factorisation that skips pivots below 1e-10 of the largest diagonal (those directions carry no
 * information), so the rank is the degrees of freedom.
 */
function quadraticForm(
  score: Float64Array,
  covariance: Float64Array,
  expected: Float64Array,
  k: number
) {
  const kept: number[] = [];
  for (let j = 0; j < k; j++) if (expected[j] > 0) kept.push(j);
  if (kept.length < 2) return { chiSquare: null, rank: 0 };
  const idx = kept.slice(1);
  const m = idx.length;
  const a = new Float64Array(m * m);
  const u = new Float64Array(m);
  let largest = 0;
  for (let p = 0; p < m; p++) {
    u[p] = score[idx[p]];
    for (let q = 0; q < m; q++) a[p * m + q] = covariance[idx[p] * k + idx[q]];
    largest = Math.max(largest, a[p * m + p]);
  }
  const tolerance = largest * 1e-10;
  const skipped = new Uint8Array(m);
  let rank = 0;
  for (let p = 0; p < m; p++) {
    let pivot = a[p * m + p];
    for (let r = 0; r < p; r++) if (!skipped[r]) pivot -= a[p * m + r] * a[p * m + r];
    if (!(pivot > tolerance)) {
      skipped[p] = 1;
      continue;
    }
    rank++;
    const root = Math.sqrt(pivot);
    a[p * m + p] = root;
    for (let q = p + 1; q < m; q++) {
      let s = a[q * m + p];
      for (let r = 0; r < p; r++) if (!skipped[r]) s -= a[q * m + r] * a[p * m + r];
      a[q * m + p] = s / root;
    }
  }
  if (rank === 0) return { chiSquare: null, rank: 0 };
  // Forward substitution L y = u over the kept directions: Uᵀ V⁻ U = |y|².
  let chiSquare = 0;
  const y = new Float64Array(m);
  for (let p = 0; p < m; p++) {
    if (skipped[p]) continue;
    let s = u[p];
    for (let r = 0; r < p; r++) if (!skipped[r]) s -= a[p * m + r] * y[r];
    y[p] = s / a[p * m + p];
    chiSquare += y[p] * y[p];
  }
  return { chiSquare, rank };
}
