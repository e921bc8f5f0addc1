/**
 * lnΓ, digamma ψ = (lnΓ)′ and trigamma ψ′ for x > 0, the special functions the BG/NBD and
 * Gamma-Gamma likelihoods need. Each shifts x up to at least SHIFT by the recurrences
 * Γ(x+1) = xΓ(x), ψ(x+1) = ψ(x) + 1/x, ψ′(x+1) = ψ′(x) − 1/x², then uses the asymptotic
 * (Stirling) series, whose first omitted term is below 1e-16 relative there.
 */

const SHIFT = 12;
const HALF_LN_2PI = 0.9189385332046728;

/** ln Γ(x), x > 0. */
export function logGamma(x: number): number {
  let shift = 0;
  let product = 1;
  while (x < SHIFT) {
    product *= x;
    x += 1;
    shift++;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188)))));
  const stirling = (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series;
  return shift === 0 ? stirling : stirling - Math.log(product);
}

/** ψ(x) = d lnΓ(x)/dx, x > 0. */
export function digamma(x: number): number {
  let shifted = 0;
  while (x < SHIFT) {
    shifted -= 1 / x;
    x += 1;
  }
  const inv2 = 1 / (x * x);
  const series =
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
  return shifted + Math.log(x) - 0.5 / x - series;
}

/** ψ′(x) = d² lnΓ(x)/dx², x > 0. */
export function trigamma(x: number): number {
  let shifted = 0;
  while (x < SHIFT) {
    shifted += 1 / (x * x);
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv *
    (1 +
      inv * 0.5 +
      inv2 * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 * (1 / 30 - inv2 * (5 / 66))))));
  return shifted + series;
}
