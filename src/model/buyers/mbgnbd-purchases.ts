/**
 * What the MBG/NBD model expects of a customer (docs/definitions.md, MBG/NBD): P(alive), the
 * expected purchases of a new customer in t, and the conditional expected purchases of a
 * customer with history (x, t_x, T) in the next t. A customer alive at T has survived x + 1
 * dropout coins (one at time 0, one after each repeat purchase), so p's posterior given alive
 * is Beta(a, b+x+1), and
 *   P(alive) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x})     (x = 0 included),
 *   E[Y(t) | x, t_x, T] = P(alive) · Q(r+x, b+x+1, a, t/(α+T)),
 *   E[X(t)] = b/(a+b) · Q(r, b+1, a, t/α)                      (alive after the coin at 0),
 * with Q the BG/NBD's expected purchases given alive (bgnbd-purchases.ts), evaluated the same
 * stable way. E[X(t)] has b/(a−1), not (b+1)/(a−1), in front of its bracket, as the simulation
 * in the tests confirms.
 */
import { checkBgNbd, checkCustomer } from "./bgnbd";
import { expectedIfAliveByQuadrature, expectedIfAliveBySeries } from "./bgnbd-purchases";
import { finite, invalidNumber, invalidValue } from "../errors";

/** Q(k, B, a, τ): the series where it is fast and exact, otherwise the quadrature. */
function expectedIfAlive(k: number, B: number, a: number, tau: number): number {
  const q = expectedIfAliveBySeries(k, B, a, tau);
  return Number.isNaN(q) ? expectedIfAliveByQuadrature(k, B, a, tau) : q;
}

function checkTime(t: number): void {
  if (!(t >= 0 && t < Infinity)) throw invalidNumber("t must be a number of periods, 0 or more");
}

/** P(alive | x, t_x, T) under MBG/NBD, the power in logs so heavy buyers long gone give 0. */
export function mbgnbdProbabilityAlive(
  x: number,
  tx: number,
  T: number,
  r: number,
  alpha: number,
  a: number,
  b: number
): number {
  checkBgNbd(r, alpha, a, b);
  checkCustomer(x, tx, T);
  if (x === 0 && tx !== 0)
    throw invalidValue("recency must be 0 for a customer with no repeat purchases");
  const delta = Math.log(a) - Math.log(b + x) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return delta > 0 ? Math.exp(-delta) / (1 + Math.exp(-delta)) : 1 / (1 + Math.exp(delta));
}

/** E[X(t)]: expected repeat purchases of a new customer in the t periods after the first. */
export function mbgnbdExpectedPurchasesNew(
  t: number,
  r: number,
  alpha: number,
  a: number,
  b: number
): number {
  checkBgNbd(r, alpha, a, b);
  checkTime(t);
  if (t === 0) return 0;
  return finite((b / (a + b)) * expectedIfAlive(r, b + 1, a, t / alpha), "expected purchases");
}

/** E[Y(t) | x, t_x, T]: expected purchases of a customer with that history in the next t. */
export function mbgnbdConditionalExpectedPurchases(
  x: number,
  tx: number,
  T: number,
  t: number,
  r: number,
  alpha: number,
  a: number,
  b: number
): number {
  const alive = mbgnbdProbabilityAlive(x, tx, T, r, alpha, a, b);
  checkTime(t);
  if (alive === 0 || t === 0) return 0;
  return finite(
    alive * expectedIfAlive(r + x, b + x + 1, a, t / (alpha + T)),
    "conditional expected purchases"
  );
}
