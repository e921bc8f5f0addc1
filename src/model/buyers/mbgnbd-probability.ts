/**
 * P(X(t) = x) under MBG/NBD (docs/definitions.md, MBG/NBD): the probability that a new customer
 * makes exactly x repeat purchases in the t after the first. With one more dropout coin than
 * BG/NBD (at time 0), and NB(x), P(NB ≥ x) as for BG/NBD (purchase-count-probability.ts),
 *   P = B(a, b+x+1)/B(a, b) · NB(x)  +  B(a+1, b+x)/B(a, b) · P(NB ≥ x),
 * the first term "alive after x purchases" (x+1 coins survived), the second "left at the coin
 * right after the x-th purchase" (at time 0 when x = 0, where P(NB ≥ 0) = 1). Ratios in logs
 * and the tail as the regularized incomplete beta, as for BG/NBD: heavy buyers stay finite.
 */
import { BgNbdParameters, checkBgNbd, MAX_FREQUENCY } from "./bgnbd";
import { regularizedIncompleteBeta } from "./purchase-count-probability";
import { finite, invalidNumber } from "../errors";
import { logGamma } from "../numerics/log-gamma";

const lnBeta = (p: number, q: number) => logGamma(p) + logGamma(q) - logGamma(p + q);

/** P(X(t) = x) under MBG/NBD; #NUM! for a parameter ≤ 0, t < 0 or x not a whole number ≥ 0. */
export function mbgnbdPurchaseCountProbability(
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
  const tail = x === 0 ? 1 : regularizedIncompleteBeta(x, r, t / (alpha + t), alpha / (alpha + t));
  const p =
    Math.exp(lnBeta(a, b + x + 1) - lnBab + lnNB) + Math.exp(lnBeta(a + 1, b + x) - lnBab) * tail;
  return finite(Math.min(1, Math.max(0, p)), "P(X(t) = x)");
}
