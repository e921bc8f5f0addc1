/**
 * A prediction interval for the customers that will actually be counted in each future period
 * of an sBG forecast (docs/functions-plan.md). Two kinds of chance are simulated together:
 * - which α, β: each draw takes (ln α, ln β) from the fit's asymptotic normal (its covariance is
 *   the inverse observed information, carried to the log scale by the delta method, so draws stay
 *   positive);
 * - which customers churn: given α, β, each of a cohort's n_c customers now is still there in
 *   period k with probability p = S(a_c+k)/S(a_c), independently (their θ are independent), so
 *   the cohort keeps Binomial(n_c, p); a planned cohort keeps Binomial(m_j, S(k−j)).
 * The period's total is the sum of these binomials. When its variance Σ n·p·(1−p) is at least
 * NORMAL_FROM the sum is drawn from the normal with its mean and variance (the sum of many
 * independent binomials), rounded to a whole customer; below it each binomial is drawn exactly,
 * by inversion. Counts that are not whole numbers (a triangle of percentages) always take the
 * normal and are not rounded: their spread is that of one customer per unit.
 * The draws come from a fixed starting state, so a cell shows the same range at every
 * recalculation. The interval is the draws' (1−level)/2 and (1+level)/2 quantiles, per period.
 */
import { selectInPlace } from "../numerics/order-statistic";
import { normalStream, uniformStream } from "../numerics/seeded-random";
import { checkLevel, PredictionInterval } from "./interval-level";
import { CohortNow, survivalCurve } from "./sbg-forecast";

// Module-level copies of the Math functions the loops call (see numerics/seeded-random.ts).
const { exp, sqrt, round } = Math;

/** Draws of (α, β) and of the churn: 2,000 put the 80% bounds' own noise well below their width. */
export const INTERVAL_DRAWS = 2000;
/** The fixed starting state of the draws. */
const START = 20_261_206;
/** A sum of binomials with at least this variance is drawn from its normal approximation. */
export const NORMAL_FROM = 25;

/** Binomial(n, p) by inversion from the smaller tail: quick when n·min(p, 1−p) is small. */
export function binomialByInversion(n: number, p: number, uniform: () => number): number {
  if (n === 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  const odds = q / (1 - q);
  let probability = Math.pow(1 - q, n);
  let cumulative = probability;
  const u = uniform();
  let x = 0;
  while (u > cumulative && x < n) {
    probability *= ((n - x) / (x + 1)) * odds;
    x++;
    cumulative += probability;
    if (probability === 0 && cumulative < u) break; // rounding: the far tail holds nothing
  }
  return flip ? n - x : x;
}

/**
 * The interval at `level` for total_k, k = 1..periods, around the fit (α, β) with the
 * covariance of (α, β) `covariance` (2×2, on the parameters' own scale).
 */
export function sbgPredictionInterval(
  alpha: number,
  beta: number,
  covariance: readonly (readonly number[])[],
  now: readonly CohortNow[],
  newCustomers: readonly number[],
  periods: number,
  level: number,
  draws = INTERVAL_DRAWS
): PredictionInterval {
  checkLevel(level);
  // Covariance of (ln α, ln β) by the delta method, and its Cholesky factor.
  const s11 = covariance[0][0] / (alpha * alpha);
  const s12 = covariance[0][1] / (alpha * beta);
  const s22 = covariance[1][1] / (beta * beta);
  const l11 = Math.sqrt(Math.max(s11, 0));
  const l21 = l11 > 0 ? s12 / l11 : 0;
  const l22 = Math.sqrt(Math.max(s22 - l21 * l21, 0));

  // The sources of customers: today's cohorts, then the planned ones (at most `periods`).
  const planned = Math.min(newCustomers.length, periods);
  const sources = now.length + planned;
  const counts = new Float64Array(sources);
  now.forEach((c, i) => (counts[i] = c.customers));
  for (let j = 0; j < planned; j++) counts[now.length + j] = newCustomers[j];
  const whole = counts.every((n) => Number.isInteger(n));

  const uniform = uniformStream(START);
  const normal = normalStream(uniform);
  const kept = new Float64Array(sources * periods); // p of source i in period k at [i·periods + k − 1]
  const totals = new Float64Array(draws * periods); // [k − 1][draw]
  const mean = new Float64Array(periods);
  const variance = new Float64Array(periods);
  const ages = now.map((c) => c.age);
  for (let d = 0; d < draws; d++) {
    const z1 = normal();
    const z2 = normal();
    const a = alpha * exp(l11 * z1);
    const b = beta * exp(l21 * z1 + l22 * z2);
    mean.fill(0);
    variance.fill(0);
    // One pass per source: its p by period, and the period's mean and variance.
    for (let i = 0; i < now.length; i++) {
      const n = counts[i];
      const row = i * periods;
      let p = 1;
      for (let k = 0, t = ages[i] + 1; k < periods; k++, t++) {
        p *= (b + t - 1) / (a + b + t - 1);
        kept[row + k] = p;
        mean[k] += n * p;
        variance[k] += n * p * (1 - p);
      }
    }
    if (planned > 0) {
      const s = survivalCurve(a, b, periods - 1);
      for (let j = 1; j <= planned; j++) {
        const n = counts[now.length + j - 1];
        const row = (now.length + j - 1) * periods;
        for (let k = 1; k <= periods; k++) {
          const p = k >= j ? s[k - j] : 0;
          kept[row + k - 1] = p;
          mean[k - 1] += n * p;
          variance[k - 1] += n * p * (1 - p);
        }
      }
    }
    for (let k = 0; k < periods; k++) {
      let total: number;
      if (variance[k] >= NORMAL_FROM || !whole) {
        total = mean[k] + sqrt(variance[k]) * normal();
        if (whole) total = round(total);
        if (total < 0) total = 0;
      } else {
        total = 0;
        for (let i = 0; i < sources; i++)
          total += binomialByInversion(counts[i], kept[i * periods + k], uniform);
      }
      totals[k * draws + d] = total;
    }
  }
  const low = new Float64Array(periods);
  const high = new Float64Array(periods);
  const lowAt = Math.floor(((1 - level) / 2) * draws);
  const highAt = Math.min(draws - 1, Math.ceil(((1 + level) / 2) * draws) - 1);
  for (let k = 0; k < periods; k++) {
    const period = totals.subarray(k * draws, (k + 1) * draws);
    low[k] = selectInPlace(period, lowAt);
    high[k] = selectInPlace(period, highAt);
  }
  return { low, high };
}
