/** Independent reference computations for the sBG tests: lgamma, brute-force sums, a seeded cohort simulator. */

// Numerical Recipes' coefficients, kept digit for digit as published (more than a double holds).
/* eslint-disable no-loss-of-precision */
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199,
  0.339946499848118887e-4, 0.465236289270485756e-4, -0.983744753048795646e-4,
  0.158088703224912494e-3, -0.210264441724104883e-3, 0.217439618115212643e-3,
  -0.16431810653676389e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

/** ln Γ(x) for x > 0 (Numerical Recipes 3rd ed., Lanczos g = 671/128: ~1e-15 relative). */
export function lgamma(x: number): number {
  let y = x;
  let tmp = x + 5.2421875;
  tmp = (x + 0.5) * Math.log(tmp) - tmp;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}
/* eslint-enable no-loss-of-precision */

/** S(t) from its definition B(α, β+t)/B(α, β). */
export function survivalByBeta(alpha: number, beta: number, t: number): number {
  return Math.exp(
    lgamma(beta + t) + lgamma(alpha + beta) - lgamma(beta) - lgamma(alpha + beta + t)
  );
}

/** Kahan-compensated partial sum Σ_{m<terms} term(m). */
export function compensatedSum(terms: number, term: (m: number) => number): number {
  let sum = 0;
  let carry = 0;
  for (let m = 0; m < terms; m++) {
    const y = term(m) - carry;
    const t = sum + y;
    carry = t - sum - y;
    sum = t;
  }
  return sum;
}

/**
 * Brute-force DERL-style sum Σ_{m≥0} [S(n+1+m)/S(n)]·x^m (or, with `fromNow`, Σ_{m≥0} S(n+m)/S(n)·x^m),
 * by the retention product, for as many terms as it takes the terms to fall below 1e-18 of the sum.
 */
export function bruteLifetime(
  alpha: number,
  beta: number,
  d: number,
  n: number,
  fromNow: boolean
): number {
  const x = 1 / (1 + d);
  let term = fromNow ? 1 : (beta + n) / (alpha + beta + n); // S(n+1)/S(n)
  let t = fromNow ? n : n + 1; // the period of `term`
  let sum = 0;
  let carry = 0;
  for (let m = 0; m < 50_000_000; m++) {
    const y = term - carry;
    const s = sum + y;
    carry = s - sum - y;
    sum = s;
    if (term < 1e-19 * sum) break;
    t++;
    term *= x * ((beta + t - 1) / (alpha + beta + t - 1));
  }
  return sum;
}

import { sampleGamma, seededRandom as prng } from "../../support/seeded-random";

export { prng };

/** Survivors n_0..n_periods of a simulated cohort: θ ~ Beta(α, β) per customer, geometric churn. */
export function simulateCohort(
  alpha: number,
  beta: number,
  customers: number,
  periods: number,
  seed: number
): number[] {
  const u = prng(seed);
  const alive = new Array<number>(periods + 1).fill(0);
  for (let i = 0; i < customers; i++) {
    const g1 = sampleGamma(alpha, u);
    const theta = g1 / (g1 + sampleGamma(beta, u));
    // churn period T ≥ 1: the first of the Bernoulli(θ) trials that fails
    const T =
      theta >= 1
        ? 1
        : theta <= 0
          ? Infinity
          : Math.max(1, Math.ceil(Math.log(u()) / Math.log1p(-theta)));
    for (let t = 0; t <= periods && t < T; t++) alive[t]++;
  }
  return alive;
}
