/**
 * P(X(t) = x) under BG/NBD (Fader, Hardie & Lee 2005, eq. 8; docs/definitions.md §10): the
 * probability that a new customer makes exactly x repeat purchases in the t after the first.
 * With z = t/(α+t) and w = α/(α+t),
 *   P = B(a, b+x)/B(a, b) · NB(x)  +  [x>0] · B(a+1, b+x−1)/B(a, b) · P(NB ≥ x),
 *   NB(j) = Γ(r+j)/(Γ(r) j!) · w^r · z^j   (purchases of a customer who never leaves),
 * the first term "still alive after x purchases", the second "left right after the x-th".
 * The formula's 1 − Σ_{j<x} NB(j) cancels to nothing when the tail is small, so the tail is
 * taken as the regularized incomplete beta I_z(x, r) by its continued fraction, and every
 * Beta and Gamma ratio in logs: heavy buyers (x in the thousands) stay finite.
 */
import { BgNbdParameters, checkBgNbd, MAX_FREQUENCY } from "./bgnbd";
import { finite, invalidNumber } from "../errors";
import { logGamma } from "../numerics/log-gamma";

const lnBeta = (p: number, q: number) => logGamma(p) + logGamma(q) - logGamma(p + q);

/** The continued fraction's steps: it needs O(√max(p, q)); more means a parameter is absurd. */
const MAX_STEPS = 100_000;
const TINY = 1e-300;

/** Lentz's evaluation of the continued fraction of I_z(p, q) (without its front factor). */
function betaFraction(p: number, q: number, z: number): number {
  let c = 1;
  let d = 1 - ((p + q) * z) / (p + 1);
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_STEPS; m++) {
    const m2 = 2 * m;
    let aa = (m * (q - m) * z) / ((p - 1 + m2) * (p + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(p + m) * (p + q + m) * z) / ((p + m2) * (p + 1 + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-16) return h;
  }
  throw invalidNumber("the parameters are too extreme for P(X(t) = x) to be evaluated");
}

/**
 * I_z(p, q), the regularized incomplete beta, with w = 1 − z given exactly (z near 1 loses
 * w's digits otherwise): the fraction converges fast below the mean (p+1)/(p+q+2), so above it
 * the symmetry I_z(p, q) = 1 − I_w(q, p) is used.
 */
export function regularizedIncompleteBeta(p: number, q: number, z: number, w: number): number {
  if (z <= 0) return 0;
  if (w <= 0) return 1;
  const front = p * Math.log(z) + q * Math.log(w) - lnBeta(p, q);
  if (z < (p + 1) / (p + q + 2)) return (Math.exp(front) * betaFraction(p, q, z)) / p;
  return 1 - (Math.exp(front) * betaFraction(q, p, w)) / q;
}

/** P(X(t) = x) under BG/NBD; #NUM! for a parameter ≤ 0, t < 0 or x not a whole number ≥ 0. */
export function bgnbdPurchaseCountProbability(
  x: number,
  t: number,
  { r, alpha, a, b }: BgNbdParameters
): number {
  checkBgNbd(r, alpha, a, b);
  if (!(x >= 0 && x <= MAX_FREQUENCY && Math.trunc(x) === x))
    throw invalidNumber("x must be a whole number of repeat purchases, 0 or more");
  if (!(t >= 0 && t < Infinity)) throw invalidNumber("t must be a number of periods, 0 or more");
  if (t === 0) return x === 0 ? 1 : 0;
  const lnZ = Math.log(t) - Math.log(alpha + t);
  const lnW = -Math.log1p(t / alpha);
  const lnBab = lnBeta(a, b);
  const lnNB = logGamma(r + x) - logGamma(r) - logGamma(x + 1) + r * lnW + x * lnZ;
  let p = Math.exp(lnBeta(a, b + x) - lnBab + lnNB);
  if (x > 0) {
    const z = t / (alpha + t);
    const w = alpha / (alpha + t);
    p += Math.exp(lnBeta(a + 1, b + x - 1) - lnBab) * regularizedIncompleteBeta(x, r, z, w);
  }
  return finite(Math.min(1, Math.max(0, p)), "P(X(t) = x)");
}
