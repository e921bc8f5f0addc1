/**
 * The chi-square upper tail, for the p-values of the survival comparisons: P(χ²_k > x) is the
 * regularised upper incomplete gamma Q(k/2, x/2). Q(a, x) comes from the power series of P = 1 − Q
 * below x = a + 1 and from Legendre's continued fraction (modified Lentz) above it, where the
 * fraction converges fast and keeps tiny p-values accurate to their last digits.
 */
import { logGamma } from "./log-gamma";

const EPSILON = 1e-16;
const MAX_STEPS = 10_000;
const TINY = 1e-300;

/** The common factor x^a e^(−x) / Γ(a), on the log scale. */
const logPrefactor = (a: number, x: number) => a * Math.log(x) - x - logGamma(a);

/** P(a, x) by the series Σ xⁿ / (a (a + 1) … (a + n)), for x < a + 1. */
function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_STEPS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(logPrefactor(a, x));
}

/** Q(a, x) by the continued fraction 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)), for x ≥ a + 1. */
function upperFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let n = 1; n < MAX_STEPS; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < EPSILON) break;
  }
  return Math.exp(logPrefactor(a, x)) * h;
}

/** The regularised upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a), for a > 0 and x ≥ 0. */
export function upperIncompleteGamma(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN;
  if (x === 0) return 1;
  if (x === Infinity) return 0;
  return x < a + 1 ? Math.max(0, 1 - lowerSeries(a, x)) : upperFraction(a, x);
}

/** P(χ² > x) for `degreesOfFreedom` > 0: the p-value of a chi-square statistic x. */
export function chiSquareUpperTail(x: number, degreesOfFreedom: number): number {
  if (x <= 0) return 1;
  return upperIncompleteGamma(degreesOfFreedom / 2, x / 2);
}
