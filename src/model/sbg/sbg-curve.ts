/**
 * The shifted-beta-geometric (sBG) retention curve (Fader & Hardie 2007; docs/definitions.md §5).
 * Each customer churns each period with probability θ ~ Beta(α, β), so the cohort's
 * retention rises with tenure as the likeliest leavers leave first.
 *   S(t) = B(α, β+t)/B(α, β) = Π_{j=0..t−1} (β+j)/(α+β+j),   r(t) = (β+t−1)/(α+β+t−1).
 * Periods are whole numbers; fractional ones are truncated, as Excel does for counts.
 */
import { invalidNumber } from "../errors";

/** Beyond this many periods the log-product is continued by a gamma-ratio expansion. */
const DIRECT_PERIODS = 1000;

/** α and β must be positive finite numbers; everything else is #NUM!. */
export function checkShape(alpha: number, beta: number): void {
  if (!(alpha > 0 && alpha < Infinity))
    throw invalidNumber("alpha must be a number greater than 0");
  if (!(beta > 0 && beta < Infinity)) throw invalidNumber("beta must be a number greater than 0");
}

function wholePeriod(period: number, min: number): number {
  if (!(period >= min && period < Infinity))
    throw invalidNumber(`period must be a whole number of at least ${min}`);
  return Math.trunc(period);
}

/** Stirling's correction lnΓ(y) − [(y−½)ln y − y + ½ln 2π]; four terms are exact to rounding for y ≥ 1000. */
function stirlingCorrection(y: number): number {
  const inv = 1 / y;
  const inv2 = inv * inv;
  return inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 / 1680)));
}

/**
 * ln S(t). The sum of logs is exact to rounding; past DIRECT_PERIODS it is continued with
 * ln S(t) − ln S(N) = [lnΓ(t+β) − lnΓ(t+α+β)] − [lnΓ(N+β) − lnΓ(N+α+β)], each bracket by
 * Stirling's series written so nothing of size t cancels (accurate for t up to 1e300).
 */
export function logSurvival(alpha: number, beta: number, period: number): number {
  const t = wholePeriod(period, 0);
  checkShape(alpha, beta);
  const direct = Math.min(t, DIRECT_PERIODS);
  let sum = 0;
  for (let j = 0; j < direct; j++) sum += Math.log((beta + j) / (alpha + beta + j));
  if (t <= DIRECT_PERIODS) return sum;
  const yN = DIRECT_PERIODS + beta;
  const yT = t + beta;
  const tail =
    -alpha * Math.log(yT / yN) -
    (yT + alpha - 0.5) * Math.log1p(alpha / yT) +
    (yN + alpha - 0.5) * Math.log1p(alpha / yN) +
    stirlingCorrection(yT) -
    stirlingCorrection(yT + alpha) -
    stirlingCorrection(yN) +
    stirlingCorrection(yN + alpha);
  return sum + tail;
}

/** S(t): the share of the cohort still a customer after t periods; S(0) = 1. */
export function survival(alpha: number, beta: number, period: number): number {
  return Math.exp(logSurvival(alpha, beta, period));
}

/** r(t) = S(t)/S(t−1) for t ≥ 1: the share of period t−1's survivors who renew at t. */
export function retention(alpha: number, beta: number, period: number): number {
  const t = wholePeriod(period, 1);
  checkShape(alpha, beta);
  return (beta + t - 1) / (alpha + beta + t - 1);
}

/** P(T = t) for t ≥ 1: the share of the cohort that leaves in period t. */
export function churnProbability(alpha: number, beta: number, period: number): number {
  const t = wholePeriod(period, 1);
  checkShape(alpha, beta);
  return Math.exp(logSurvival(alpha, beta, t - 1)) * (alpha / (alpha + beta + t - 1));
}
