/**
 * Brute-force references for the survival comparisons, written apart from the model: plain loops
 * over the rows at every distinct time (no sorting tricks, no running sums carried between times),
 * and a Gauss–Jordan solve. Random survival data for the property tests.
 */
import fc from "fast-check";
import { SurvivalRows } from "../../../src/model/history/kaplan-meier";

export interface Subject {
  duration: number;
  churned: boolean;
  group: number;
  weight: number;
}

export const asRows = (subjects: readonly Subject[]): SurvivalRows => ({
  duration: Float64Array.from(subjects, (s) => s.duration),
  churned: Uint8Array.from(subjects, (s) => (s.churned ? 1 : 0)),
  weight: Float64Array.from(subjects, (s) => s.weight),
  count: subjects.length,
});

export const grouped = (subjects: readonly Subject[], groupCount: number) => ({
  rows: asRows(subjects),
  group: Int32Array.from(subjects, (s) => s.group),
  groupCount,
});

/** Random customers: whole durations 0–12 (so times tie), some churned, groups 0 … k − 1. */
export const subjects = (groupCount: number, weighted = false) =>
  fc.array(
    fc.record({
      duration: fc.integer({ min: 0, max: 12 }),
      churned: fc.boolean(),
      group: fc.integer({ min: 0, max: groupCount - 1 }),
      weight: weighted ? fc.integer({ min: 1, max: 3 }) : fc.constant(1),
    }),
    { minLength: 1, maxLength: 40 }
  );

export const distinctTimes = (subjects: readonly Subject[], churnOnly = false): number[] =>
  [...new Set(subjects.filter((s) => !churnOnly || s.churned).map((s) => s.duration))].sort(
    (a, b) => a - b
  );

/** Weighted count of customers at risk at t (duration ≥ t), optionally in one group. */
export function atRisk(subjects: readonly Subject[], t: number, group?: number): number {
  let n = 0;
  for (const s of subjects)
    if (s.duration >= t && (group === undefined || s.group === group)) n += s.weight;
  return n;
}

/** Weighted churn at exactly t, optionally in one group. */
export function churnAt(subjects: readonly Subject[], t: number, group?: number): number {
  let d = 0;
  for (const s of subjects)
    if (s.duration === t && s.churned && (group === undefined || s.group === group)) d += s.weight;
  return d;
}

/** Kaplan-Meier S(t) as the product over the churn times up to t, recomputed from scratch. */
export function survivalAt(subjects: readonly Subject[], t: number): number {
  let s = 1;
  for (const u of distinctTimes(subjects, true))
    if (u <= t) s *= 1 - churnAt(subjects, u) / atRisk(subjects, u);
  return s;
}

export type Weighting = "log-rank" | "gehan-breslow" | "tarone-ware" | "peto-peto" | "fh1";

/** The weight at churn time t, from its definition. */
function weightAt(subjects: readonly Subject[], t: number, weighting: Weighting): number {
  const n = atRisk(subjects, t);
  if (weighting === "log-rank") return 1;
  if (weighting === "gehan-breslow") return n;
  if (weighting === "tarone-ware") return Math.sqrt(n);
  let product = 1;
  for (const u of distinctTimes(subjects, true)) {
    if (weighting === "peto-peto" && u <= t)
      product *= 1 - churnAt(subjects, u) / (atRisk(subjects, u) + 1);
    if (weighting === "fh1" && u < t) product *= 1 - churnAt(subjects, u) / atRisk(subjects, u);
  }
  return product;
}

/** x solving A x = b by Gauss–Jordan with partial pivoting; null when A is (nearly) singular. */
export function solve(A: number[][], b: number[]): number[] | null {
  const m = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  const scale = Math.max(...A.map((row, i) => Math.abs(row[i])), 0);
  for (let c = 0; c < m; c++) {
    let p = c;
    for (let r = c + 1; r < m; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    if (!(Math.abs(M[p][c]) > 1e-9 * scale)) return null;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = 0; r < m; r++) {
      if (r === c) continue;
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= m; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row, i) => row[m] / row[i]);
}

/**
 * The weighted log-rank statistic from its definition: at each churn time the groups' observed
 * and expected churn and the hypergeometric covariance; the quadratic form over the groups with
 * churn expected, the LAST of them dropped (the model drops the first). Null chi-square when
 * fewer than two groups have churn expected or the reduced covariance is singular.
 */
export function bruteLogRank(
  subjects: readonly Subject[],
  groupCount: number,
  weighting: Weighting
) {
  const k = groupCount;
  const observed = new Array(k).fill(0);
  const expected = new Array(k).fill(0);
  const score = new Array(k).fill(0);
  const V = Array.from({ length: k }, () => new Array(k).fill(0));
  for (const t of distinctTimes(subjects, true)) {
    const n = atRisk(subjects, t);
    const d = churnAt(subjects, t);
    const w = weightAt(subjects, t, weighting);
    for (let j = 0; j < k; j++) {
      const nj = atRisk(subjects, t, j);
      const dj = churnAt(subjects, t, j);
      observed[j] += dj;
      expected[j] += (nj * d) / n;
      score[j] += w * (dj - (nj * d) / n);
      for (let l = 0; l < k; l++) {
        const nl = atRisk(subjects, t, l);
        if (n > 1)
          V[j][l] += ((w * w * d * (n - d)) / (n - 1)) * (nj / n) * ((j === l ? 1 : 0) - nl / n);
      }
    }
  }
  const customers = Array.from({ length: k }, (_, j) =>
    subjects.filter((s) => s.group === j).reduce((sum, s) => sum + s.weight, 0)
  );
  const kept = expected.map((e, j) => (e > 0 ? j : -1)).filter((j) => j >= 0);
  let chiSquare: number | null = null;
  if (kept.length >= 2) {
    const idx = kept.slice(0, -1);
    const x = solve(
      idx.map((p) => idx.map((q) => V[p][q])),
      idx.map((p) => score[p])
    );
    if (x) chiSquare = x.reduce((sum, xi, p) => sum + xi * score[idx[p]], 0);
  }
  return {
    chiSquare,
    degreesOfFreedom: Math.max(kept.length - 1, 0),
    observed,
    expected,
    score,
    customers,
  };
}

/** P(χ²_k > x) by Simpson's rule on the density, far enough out that the rest is negligible. */
export function chiSquareTailByIntegration(x: number, k: number): number {
  const logNorm = (k / 2) * Math.log(2) + logGammaBySum(k / 2);
  const density = (u: number) =>
    u <= 0 ? 0 : Math.exp((k / 2 - 1) * Math.log(u) - u / 2 - logNorm);
  const end = x + 200 + 20 * k;
  const steps = 50_000;
  const h = (end - x) / steps;
  let sum = density(x) + density(end);
  for (let i = 1; i < steps; i++) sum += density(x + i * h) * (i % 2 === 1 ? 4 : 2);
  return (sum * h) / 3;
}

/** ln Γ(k/2) for whole k, from Γ(1) = 1, Γ(1/2) = √π and Γ(a + 1) = aΓ(a). */
function logGammaBySum(a: number): number {
  let value = Number.isInteger(a) ? 0 : 0.5 * Math.log(Math.PI);
  for (let b = Number.isInteger(a) ? 1 : 0.5; b < a; b++) value += Math.log(b);
  return value;
}
