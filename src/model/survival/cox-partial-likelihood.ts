/**
 * The Cox partial log-likelihood with its gradient and information (minus the Hessian), exact
 * for Breslow's and Efron's handling of churns at the same time (docs/definitions.md §13).
 * The customers are sorted once, latest time first, and the covariates centred (the
 * likelihood does not change; the sums lose less to cancellation). One pass per evaluation then
 * adds each time's customers to running sums over the risk set, Σr, Σr·x, Σr·x·xᵀ with
 * r = exp(η − max η) (the shift cancels between the churns' η and the log-denominators, and keeps
 * exp from overflowing), and takes each churn time's terms from them.
 */

import { latestFirst } from "./cox-time-order";

export type CoxTies = "efron" | "breslow";

/** The data in fitting order: row-major centred covariates, latest time first. */
export interface RiskSets {
  n: number;
  p: number;
  /** x[i * p + j]: centred covariate j of the i-th customer in fitting order. */
  x: Float64Array;
  churned: Uint8Array;
  /** Where each group of equal times ends (exclusive), in fitting order. */
  groupEnd: Int32Array;
  /** The covariates' means, taken out of x. */
  means: Float64Array;
  events: number;
  /** The fitting order: input indices, latest time first. */
  order: Int32Array;
}

export interface Evaluation {
  logLikelihood: number;
  gradient: Float64Array;
  /** p × p, row-major, symmetric. */
  information: Float64Array;
}

/** Sorts and centres once. `x` is column-major (x[j * n + i]), as the design holds it. */
export function riskSets(
  time: Float64Array,
  churned: Uint8Array,
  x: Float64Array,
  p: number
): RiskSets {
  const n = time.length;
  const order = latestFirst(time);
  const means = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x[j * n + i];
    means[j] = s / n;
  }
  const rows = new Float64Array(n * p);
  // Row by row: the writes run in order, which costs less than keeping each read in one column.
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const row = k * p;
    for (let j = 0; j < p; j++) rows[row + j] = x[j * n + i] - means[j];
  }
  const sortedChurned = new Uint8Array(n);
  const ends: number[] = [];
  let events = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    sortedChurned[k] = churned[i];
    events += churned[i];
    if (k > 0 && time[i] !== time[order[k - 1]]) ends.push(k);
  }
  if (n > 0) ends.push(n);
  return {
    n,
    p,
    x: rows,
    churned: sortedChurned,
    groupEnd: Int32Array.from(ends),
    means,
    events,
    order,
  };
}

/**
 * Scratch arrays reused across evaluations of one fit. The information is Σ over churn times of
 * the risk set's weighted covariance; its Σr·x·xᵀ part is gathered in a second pass as one
 * weighted cross-product per customer, Σᵢ wᵢ·xᵢ·xᵢᵀ, where wᵢ sums the weights of every churn time
 * whose risk set holds customer i (a suffix sum over the times): one p² update per customer
 * instead of one per customer and one per churner.
 */
export class PartialLikelihood {
  private readonly eta: Float64Array;
  private readonly s1: Float64Array;
  private readonly d1: Float64Array;
  /** Per group of equal times: the weight of Σr·x·xᵀ over its risk set, and of its churners'. */
  private readonly riskWeight: Float64Array;
  private readonly churnWeight: Float64Array;

  constructor(
    readonly sets: RiskSets,
    readonly ties: CoxTies
  ) {
    const { n, p } = sets;
    this.eta = new Float64Array(n);
    this.s1 = new Float64Array(p);
    this.d1 = new Float64Array(p);
    this.riskWeight = new Float64Array(sets.groupEnd.length);
    this.churnWeight = new Float64Array(sets.groupEnd.length);
  }

  /** The linear predictors (centred) at beta, in fitting order. */
  linearPredictors(beta: Float64Array): Float64Array {
    const { n, p, x } = this.sets;
    const eta = this.eta;
    for (let i = 0; i < n; i++) {
      let s = 0;
      const row = i * p;
      for (let j = 0; j < p; j++) s += beta[j] * x[row + j];
      eta[i] = s;
    }
    return eta;
  }

  /** The log-likelihood alone when `full` is false (gradient and information left as zeros). */
  evaluate(beta: Float64Array, full = true): Evaluation {
    const { n, p, x, churned, groupEnd } = this.sets;
    const efron = this.ties === "efron";
    const r = this.linearPredictors(beta);
    let top = -Infinity;
    for (let i = 0; i < n; i++) if (r[i] > top) top = r[i];
    const { s1, d1, riskWeight, churnWeight } = this;
    s1.fill(0);
    const gradient = new Float64Array(p);
    const information = new Float64Array(p * p);
    let s0 = 0;
    let ll = 0;
    let start = 0;
    for (let g = 0; g < groupEnd.length; g++) {
      const end = groupEnd[g];
      let d0 = 0;
      let deaths = 0;
      d1.fill(0);
      for (let i = start; i < end; i++) {
        const eta = r[i] - top;
        const w = Math.exp(eta);
        r[i] = w; // the linear predictor is not needed again: keep the risk weight
        const row = i * p;
        s0 += w;
        for (let j = 0; j < p; j++) s1[j] += w * x[row + j];
        if (churned[i] !== 1) continue;
        deaths++;
        d0 += w;
        ll += eta;
        for (let j = 0; j < p; j++) {
          d1[j] += w * x[row + j];
          gradient[j] += x[row + j];
        }
      }
      start = end;
      riskWeight[g] = 0;
      churnWeight[g] = 0;
      if (deaths === 0) continue;
      // The m-th of the d churns (m = 0 … d − 1) sees the denominator s0 − f·d0, f = m/d for
      // Efron (0 for Breslow), and the mean (s1 − f·d1)/denominator. With a = s0/denominator and
      // b = f·a, the d terms sum to expressions in Σa, Σb, Σa², Σab, Σb² times the risk set's
      // means s1/s0 and d1/s0: taken relative to s0, nothing squares a risk set's tiny sum of
      // weights (far from the largest risk score) into an underflow.
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sab = 0;
      let sbb = 0;
      if (efron) {
        for (let m = 0; m < deaths; m++) {
          const f = m / deaths;
          const share = 1 - f * (d0 / s0);
          ll -= Math.log(s0 * share);
          const a = 1 / share;
          const b = f * a;
          sa += a;
          sb += b;
          saa += a * a;
          sab += a * b;
          sbb += b * b;
        }
      } else {
        ll -= deaths * Math.log(s0);
        sa = deaths;
        saa = deaths;
      }
      if (!full) continue;
      // The second pass weighs Σr·x·xᵀ by Σ 1/denominator, and the churners' by Σ f/denominator.
      riskWeight[g] = sa / s0;
      churnWeight[g] = sb / s0;
      for (let j = 0; j < p; j++) {
        const uj = s1[j] / s0;
        const vj = d1[j] / s0;
        gradient[j] -= uj * sa - vj * sb;
        const base = j * p;
        for (let k = 0; k <= j; k++) {
          const uk = s1[k] / s0;
          const vk = d1[k] / s0;
          information[base + k] -= saa * uj * uk - sab * (uj * vk + vj * uk) + sbb * vj * vk;
        }
      }
    }
    if (full) {
      // Second pass, earliest time first: the suffix sum of the risk-set weights reaches each
      // customer with every churn time at or before theirs.
      let weight = 0;
      let end = n;
      for (let g = groupEnd.length - 1; g >= 0; g--) {
        const begin = g === 0 ? 0 : groupEnd[g - 1];
        weight += riskWeight[g];
        const churnerWeight = weight - churnWeight[g];
        for (let i = begin; i < end; i++) {
          const w = r[i] * (churned[i] === 1 ? churnerWeight : weight);
          if (w === 0) continue;
          const row = i * p;
          for (let j = 0; j < p; j++) {
            const wx = w * x[row + j];
            const base = j * p;
            for (let k = 0; k <= j; k++) information[base + k] += wx * x[row + k];
          }
        }
        end = begin;
      }
      for (let j = 0; j < p; j++)
        for (let k = 0; k < j; k++) information[k * p + j] = information[j * p + k];
    }
    return { logLikelihood: ll, gradient, information };
  }
}
