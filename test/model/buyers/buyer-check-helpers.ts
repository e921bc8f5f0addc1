/**
 * References for the model checks' tests, written apart from src/model: BG/NBD's P(X(t) = x)
 * as the paper's formula term by term (the Gamma-Poisson tail by plain loops over its smaller
 * side, so nothing cancels), and E[X(t)], E[Y(t) | x, t_x, T] from their integrals over p
 * (checked against bgnbd-helpers' finer quadrature in conditional-by-frequency.test.ts).
 */
import { lgamma, pAliveByDefinition, tanhSinh } from "./bgnbd-helpers";

export interface Bgnbd {
  r: number;
  alpha: number;
  a: number;
  b: number;
}

/** ln NB(j) = ln[Γ(r+j)/(Γ(r) j!) w^r z^j]. */
export const lnNB = (j: number, r: number, lnW: number, lnZ: number) =>
  lgamma(r + j) - lgamma(r) - lgamma(j + 1) + r * lnW + j * lnZ;

/** P(NB ≥ x), w = α/(α+t), by plain loops over the smaller side. */
export function tailByLoops(x: number, r: number, alpha: number, t: number): number {
  const lnW = -Math.log1p(t / alpha);
  const lnZ = Math.log(t / (alpha + t));
  const mean = (r * t) / alpha;
  if (x > mean) {
    let sum = 0;
    for (let j = x; j < x + 1e7; j++) {
      const term = Math.exp(lnNB(j, r, lnW, lnZ));
      sum += term;
      if (j > mean + 10 && term < 1e-18 * sum) break;
    }
    return sum;
  }
  let below = 0;
  for (let j = 0; j < x; j++) below += Math.exp(lnNB(j, r, lnW, lnZ));
  return 1 - below;
}

const lbeta = (p: number, q: number) => lgamma(p) + lgamma(q) - lgamma(p + q);

/** Fader, Hardie & Lee (2005) eq. 8, literally. */
export function probabilityByFormula(x: number, t: number, { r, alpha, a, b }: Bgnbd): number {
  if (t === 0) return x === 0 ? 1 : 0;
  const lnW = -Math.log1p(t / alpha);
  const lnZ = Math.log(t / (alpha + t));
  let p = Math.exp(lbeta(a, b + x) - lbeta(a, b) + lnNB(x, r, lnW, lnZ));
  if (x > 0) p += Math.exp(lbeta(a + 1, b + x - 1) - lbeta(a, b)) * tailByLoops(x, r, alpha, t);
  return p;
}

/**
 * The mean over p ~ Beta(a, B) of (1 − (1+pτ)^{−k})/p (what an alive customer buys, with the
 * Gamma posterior's k and the dropout's B), by tanh-sinh with a coarser step than
 * bgnbd-helpers' (still exact to ~1e-15 where a, b ≥ 0.3), as the checks need it many times.
 */
function aliveIntegral(k: number, B: number, a: number, tau: number): number {
  const lb = lbeta(a, B);
  return tanhSinh((lnP, lnQ) => {
    const y = Math.exp(lnP) * tau;
    const lnBracket =
      y * (k + 1) < 1e-17 ? Math.log(k * tau) + lnP : Math.log(-Math.expm1(-k * Math.log1p(y)));
    return (a - 2) * lnP + (B - 1) * lnQ + lnBracket - lb;
  }, 1 / 48);
}

/** E[X(t)] by its integral over p. */
export const expectedByIntegral = (t: number, { r, alpha, a, b }: Bgnbd) =>
  t === 0 ? 0 : aliveIntegral(r, b, a, t / alpha);

/** E[Y(t) | x, t_x, T] = P(alive) × the integral over p of the alive customer's purchases. */
export const conditionalByIntegral = (
  x: number,
  tx: number,
  T: number,
  t: number,
  { r, alpha, a, b }: Bgnbd
) =>
  t === 0
    ? 0
    : pAliveByDefinition(r, alpha, a, b, x, tx, T) *
      aliveIntegral(r + x, b + x, a, t / (alpha + T));
