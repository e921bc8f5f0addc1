/*
 * The sBG forecast's prediction interval. Calibration: histories are simulated customer by
 * customer (θ ~ Beta(α, β) each, geometric churn) from known α, β; each is fitted and forecast,
 * and its future simulated by continuing the same customers (their own θ), with planned cohorts
 * simulated the same way. The 80% and 95% intervals must cover the totals that happen that
 * often. Plus the pieces: binomial draws against the exact distribution, and the churn-only
 * interval (no parameter uncertainty) against binomial quantiles computed here.
 */
import {
  binomialByInversion,
  sbgPredictionInterval,
} from "../../../src/model/plan/sbg-prediction-interval";
import { sbgPlan } from "../../../src/model/plan/sbg-plan";
import { uniformStream } from "../../../src/model/numerics/seeded-random";
import { seededRandom } from "../../support/seeded-random";

/** The exact Binomial(n, p) CDF by summing the pmf in logs. */
function binomialCdf(n: number, p: number): number[] {
  const logFactorial = [0];
  for (let i = 1; i <= n; i++) logFactorial.push(logFactorial[i - 1] + Math.log(i));
  const cdf: number[] = [];
  let sum = 0;
  for (let x = 0; x <= n; x++) {
    const logPmf =
      logFactorial[n] -
      logFactorial[x] -
      logFactorial[n - x] +
      (x > 0 ? x * Math.log(p) : 0) +
      (n - x > 0 ? (n - x) * Math.log1p(-p) : 0);
    sum += Math.exp(logPmf);
    cdf.push(sum);
  }
  return cdf;
}

describe("binomialByInversion", () => {
  it.each([
    [10, 0.3],
    [25, 0.9],
    [40, 0.05],
    [7, 0.5],
  ])("draws Binomial(%d, %p): the empirical CDF is within 0.01 of the exact one", (n, p) => {
    const uniform = uniformStream(7);
    const counts = new Array(n + 1).fill(0);
    const draws = 100_000;
    for (let i = 0; i < draws; i++) counts[binomialByInversion(n, p, uniform)]++;
    const cdf = binomialCdf(n, p);
    let cumulative = 0;
    for (let x = 0; x <= n; x++) {
      cumulative += counts[x] / draws;
      expect(Math.abs(cumulative - cdf[x])).toBeLessThan(0.01);
    }
  });
});

describe("sbgPredictionInterval, churn alone", () => {
  it("with no parameter uncertainty, small and large cohorts give binomial quantiles", () => {
    const [alpha, beta] = [0.8, 1.5];
    const zero = [
      [0, 0],
      [0, 0],
    ];
    for (const [customers, age] of [
      [12, 3], // variance below the normal threshold: exact draws
      [4000, 2], // the normal approximation
    ]) {
      const periods = 4;
      const { low, high } = sbgPredictionInterval(
        alpha,
        beta,
        zero,
        [{ age, customers }],
        [],
        periods,
        0.8
      );
      for (let k = 1; k <= periods; k++) {
        let p = 1;
        for (let t = age + 1; t <= age + k; t++) p *= (beta + t - 1) / (alpha + beta + t - 1);
        const cdf = binomialCdf(customers, p);
        const tolerance = 0.025; // 2,000 draws: the bounds' own noise
        // low is the 10% quantile: P(X < low) ≤ 10% ≤ P(X ≤ low), within the noise.
        expect(low[k - 1] > 0 ? cdf[low[k - 1] - 1] : 0).toBeLessThanOrEqual(0.1 + tolerance);
        expect(cdf[low[k - 1]]).toBeGreaterThanOrEqual(0.1 - tolerance);
        expect(high[k - 1] > 0 ? cdf[high[k - 1] - 1] : 0).toBeLessThanOrEqual(0.9 + tolerance);
        expect(cdf[high[k - 1]]).toBeGreaterThanOrEqual(0.9 - tolerance);
      }
    }
  });
});

// Local copies of Math's functions: a global lookup per call is slow inside Jest's sandbox,
// and the calibration draws about a million variates.
const { log, log1p, sqrt, cos, pow, ceil, max, PI } = Math;

/** Gamma(shape, 1) by Marsaglia–Tsang, with the U^(1/shape) boost below shape 1. */
function gamma(shape: number, u: () => number): number {
  if (shape < 1) return gamma(shape + 1, u) * pow(u(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / sqrt(9 * d);
  for (;;) {
    const z = sqrt(-2 * log(u())) * cos(2 * PI * u());
    const v = (1 + c * z) ** 3;
    if (v > 0 && log(u()) < 0.5 * z * z + d - d * v + d * log(v)) return d * v;
  }
}

/** One customer's churn period T ≥ 1 given θ (the first failed renewal). */
function churnPeriod(theta: number, u: () => number): number {
  if (theta >= 1) return 1;
  if (theta <= 0) return Infinity;
  return max(1, ceil(log(u()) / log1p(-theta)));
}

/**
 * A history: `cohorts` cohorts of `size` customers, cohort c acquired c periods after the first,
 * observed up to now (the last cohort only its size); then the actual customers in each future
 * period 1..periods, the same customers continuing, plus planned cohorts.
 */
function simulateHistory(
  alpha: number,
  beta: number,
  cohorts: number,
  size: number,
  planned: number[],
  periods: number,
  u: () => number
) {
  const lifetime = () => {
    const g = gamma(alpha, u);
    return churnPeriod(g / (g + gamma(beta, u)), u);
  };
  const triangle: number[][] = [];
  const future = new Array(periods).fill(0);
  for (let c = 0; c < cohorts; c++) {
    const age = cohorts - 1 - c; // periods observed after its start
    const row = new Array(age + 1).fill(0);
    for (let i = 0; i < size; i++) {
      const T = lifetime(); // active at ages 0..T−1
      for (let t = 0; t <= age && t < T; t++) row[t]++;
      for (let k = 1; k <= periods; k++) if (age + k < T) future[k - 1]++;
    }
    triangle.push(row);
  }
  planned.forEach((m, j) => {
    for (let i = 0; i < m; i++) {
      const T = lifetime();
      for (let k = j + 1; k <= periods; k++) if (k - (j + 1) < T) future[k - 1]++;
    }
  });
  return { triangle, future };
}

describe("sbgPlan's interval is calibrated", () => {
  it("80% and 95% intervals cover the simulated totals about 80% and 95% of the time", () => {
    // Tolerance: 300 histories × 6 periods; the periods of one history are correlated, so the
    // pooled share has a standard error of about 0.02 at 80% and 0.012 at 95%: ±0.05 and ±0.03
    // (about 2.5 standard errors); each period on its own, ±0.08 and ±0.05.
    const [alpha, beta] = [0.8, 2];
    const histories = 300;
    const periods = 6;
    const planned = [150, 0, 150];
    const u = seededRandom(2026);
    const hits = { 0.8: new Array(periods).fill(0), 0.95: new Array(periods).fill(0) };
    let fitted = 0;
    for (let h = 0; h < histories; h++) {
      const { triangle, future } = simulateHistory(alpha, beta, 10, 250, planned, periods, u);
      let plans;
      try {
        plans = [
          sbgPlan(triangle, periods, planned, 0.8),
          sbgPlan(triangle, periods, planned, 0.95),
        ];
      } catch {
        continue; // a history no finite α, β fit (rare at these sizes)
      }
      fitted++;
      for (const plan of plans) {
        const level = plan === plans[0] ? 0.8 : 0.95;
        for (let k = 0; k < periods; k++)
          if (plan.interval!.low[k] <= future[k] && future[k] <= plan.interval!.high[k])
            hits[level][k]++;
      }
    }
    expect(fitted).toBeGreaterThanOrEqual(0.97 * histories);
    for (const [level, pooled, each] of [
      [0.8, 0.05, 0.08],
      [0.95, 0.03, 0.05],
    ] as const) {
      const perPeriod = hits[level].map((n: number) => n / fitted);
      const all = perPeriod.reduce((s: number, x: number) => s + x, 0) / periods;
      expect(Math.abs(all - level)).toBeLessThanOrEqual(pooled);
      for (const share of perPeriod) expect(Math.abs(share - level)).toBeLessThanOrEqual(each);
    }
  });
});
