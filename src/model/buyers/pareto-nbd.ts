/**
 * The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987; docs/definitions.md §12): while
 * alive a customer buys as Poisson(λ), λ ~ Gamma(r, α); the lifetime is Exponential(μ),
 * μ ~ Gamma(s, β), so a customer can die at any moment, not only after a purchase as in BG/NBD.
 * A customer's summary is (x, t_x, T) as for BG/NBD, in one time unit (α and β are in it).
 * Here: the parameter checks, P(alive) and the conditional expected purchases.
 */
import { checkCustomer } from "./bgnbd";
import { logOnePlusDeathOdds } from "./pareto-nbd-likelihood";
import { finite, invalidNumber, invalidValue } from "../errors";

export interface ParetoNbdParameters {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/** r, α, s, β must be positive finite numbers: #NUM! otherwise. */
export function checkParetoNbd(r: number, alpha: number, s: number, beta: number): void {
  if (!(r > 0 && r < Infinity)) throw invalidNumber("r must be a number greater than 0");
  if (!(alpha > 0 && alpha < Infinity))
    throw invalidNumber("alpha must be a number greater than 0");
  if (!(s > 0 && s < Infinity)) throw invalidNumber("s must be a number greater than 0");
  if (!(beta > 0 && beta < Infinity)) throw invalidNumber("beta must be a number greater than 0");
}

/** checkCustomer, and t_x = 0 where x = 0 (a customer with no repeat purchase has no t_x). */
export function checkParetoCustomer(x: number, tx: number, T: number, row: number | null = null) {
  checkCustomer(x, tx, T, row);
  if (x === 0 && tx !== 0)
    throw invalidValue(
      `recency must be 0 for a customer with no repeat purchases${row === null ? "" : ` (row ${row})`}`
    );
}

/**
 * P(alive | x, t_x, T) = 1/(1 + R) (pareto-nbd-likelihood.ts), the posterior probability that
 * the lifetime outlasts T. Unlike BG/NBD it is below 1 for customers with no repeat purchase.
 */
export function paretoProbabilityAlive(
  x: number,
  tx: number,
  T: number,
  r: number,
  alpha: number,
  s: number,
  beta: number
): number {
  checkParetoNbd(r, alpha, s, beta);
  checkParetoCustomer(x, tx, T);
  return finite(Math.exp(-logOnePlusDeathOdds(x, tx, T, r, alpha, s, beta)), "P(alive)");
}

/**
 * E[Y(t) | x, t_x, T], the expected purchases in (T, T+t]: P(alive) times the posterior mean
 * rate (r+x)/(α+T) times the expected time alive in the next t given alive at T,
 *   (β+T)/(s−1) · [1 − ((β+T)/(β+T+t))^{s−1}],
 * taken as (β+T)·(1 − e^{−εL})/ε with ε = s − 1, L = ln(1 + t/(β+T)) (expm1: exact near s = 1,
 * and L itself at s = 1).
 */
export function paretoConditionalExpectedPurchases(
  x: number,
  tx: number,
  T: number,
  t: number,
  r: number,
  alpha: number,
  s: number,
  beta: number
): number {
  const alive = paretoProbabilityAlive(x, tx, T, r, alpha, s, beta);
  if (!(t >= 0 && t < Infinity)) throw invalidNumber("t must be a number of periods, 0 or more");
  if (t === 0 || alive === 0) return 0;
  const L = Math.log1p(t / (beta + T));
  const eps = s - 1;
  const timeAlive = (beta + T) * (eps === 0 ? L : -Math.expm1(-eps * L) / eps);
  return finite(alive * ((r + x) / (alpha + T)) * timeAlive, "conditional expected purchases");
}
