/**
 * Independent references for the BG/NBD and Gamma-Gamma tests: seeded simulators of the models'
 * stories, the domain's likelihood formulas written out literally, and a high-precision
 * quadrature (trapezoid rule after a double-exponential substitution) for the ₂F₁ integrals.
 * Nothing here imports the model code under test.
 */
import { sampleGamma } from "../../support/seeded-random";
import { lgamma, prng } from "../sbg/sbg-helpers";

export { lgamma, prng, sampleGamma };

export interface SimulatedCustomers {
  frequency: number[];
  recency: number[];
  T: number[];
  /** Mean spend of the repeat purchases (0 when x = 0), when spend was simulated. */
  monetary: number[];
}

/**
 * BG/NBD customers as the model tells it: λ ~ Gamma(r, α), p ~ Beta(a, b); purchases as a
 * Poisson(λ) process from the first purchase at 0; after each repeat purchase the customer
 * drops out with probability p. T is drawn uniformly from [Tmin, Tmax]. With `spend`, each
 * repeat purchase is worth z ~ Gamma(p, ν), ν ~ Gamma(q, γ) per customer (Gamma-Gamma).
 */
export function simulateBgNbd(
  params: { r: number; alpha: number; a: number; b: number },
  customers: number,
  Tmin: number,
  Tmax: number,
  seed: number,
  spend?: { p: number; q: number; gamma: number }
): SimulatedCustomers {
  const u = prng(seed);
  const out: SimulatedCustomers = { frequency: [], recency: [], T: [], monetary: [] };
  for (let i = 0; i < customers; i++) {
    const lambda = sampleGamma(params.r, u) / params.alpha;
    const g1 = sampleGamma(params.a, u);
    const p = g1 / (g1 + sampleGamma(params.b, u));
    const T = Tmin + (Tmax - Tmin) * u();
    const nu = spend ? sampleGamma(spend.q, u) / spend.gamma : 0;
    let t = 0;
    let x = 0;
    let tx = 0;
    let total = 0;
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (t > T) break;
      x++;
      tx = t;
      if (spend) total += sampleGamma(spend.p, u) / nu;
      if (u() < p) break;
    }
    out.frequency.push(x);
    out.recency.push(tx);
    out.T.push(T);
    out.monetary.push(x > 0 ? total / x : 0);
  }
  return out;
}

/** ln B(a, b). */
export const lbeta = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);

/** ln L of one customer, the domain's formula term by term (two paths, added in logs). */
export function bgnbdCustomerLogLikelihood(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number
): number {
  const common = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const alive = lbeta(a, b + x) - lbeta(a, b) + common - (r + x) * Math.log(alpha + T);
  if (x === 0) return alive;
  const dead = lbeta(a + 1, b + x - 1) - lbeta(a, b) + common - (r + x) * Math.log(alpha + tx);
  const top = Math.max(alive, dead);
  return top + Math.log(Math.exp(alive - top) + Math.exp(dead - top));
}

/** Gamma-Gamma ln L of one customer with x > 0 repeat purchases of mean m (domain §10). */
export function ggCustomerLogLikelihood(
  p: number,
  q: number,
  gamma: number,
  x: number,
  m: number
): number {
  return (
    lgamma(p * x + q) -
    lgamma(p * x) -
    lgamma(q) +
    q * Math.log(gamma) +
    (p * x - 1) * Math.log(m) +
    p * x * Math.log(x) -
    (p * x + q) * Math.log(gamma + m * x)
  );
}

/**
 * ∫₀¹ f(u) du for f with integrable endpoint singularities (as strong as u^{−0.99}), by tanh-sinh
 * quadrature: u = 1/(1 + e^{−2v}), v = π/2·sinh s, trapezoid in s with step h over |s| ≤ 8.5.
 * Everything is in logs: `logF` gets ln u and ln(1−u), which stay exact down to u ~ e^{−7000}
 * where u itself would underflow, so even u^{−0.99} has no mass left beyond the range.
 */
export function tanhSinh(logF: (lnU: number, lnOneMinusU: number) => number, h = 1 / 512): number {
  let sum = 0;
  let carry = 0;
  const limit = Math.ceil(8.5 / h);
  const softplus = (y: number) => (y > 0 ? y + Math.log1p(Math.exp(-y)) : Math.log1p(Math.exp(y)));
  for (let k = -limit; k <= limit; k++) {
    const s = k * h;
    const v = (Math.PI / 2) * Math.sinh(s);
    const lnU = -softplus(-2 * v);
    const lnW = -softplus(2 * v);
    // du/ds = π cosh s · u (1 − u)
    const term = Math.exp(logF(lnU, lnW) + Math.log(Math.PI * Math.cosh(s)) + lnU + lnW) * h;
    const y = term - carry;
    const t = sum + y;
    carry = t - sum - y;
    sum = t;
  }
  return sum;
}

/**
 * Reference for the bracketed part of E[Y] (and E[X(t)], with x = 0, T = 0) from its meaning:
 * the mean over p ~ Beta(a, B) of (1 − (1+pτ)^{−k})/p, by tanh-sinh quadrature in p.
 * k = r+x, B = b+x, τ = t/(α+T).
 */
export function expectedIfAliveByIntegral(k: number, B: number, a: number, tau: number): number {
  const lb = lbeta(a, B);
  return tanhSinh((lnP, lnQ) => {
    const y = Math.exp(lnP) * tau;
    // ln(1 − (1+y)^{−k}); below 1e-17/(k+1) it is ln(k y) to rounding (and y may underflow).
    const lnBracket =
      y * (k + 1) < 1e-17 ? Math.log(k * tau) + lnP : Math.log(-Math.expm1(-k * Math.log1p(y)));
    return (a - 2) * lnP + (B - 1) * lnQ + lnBracket - lb;
  });
}

/**
 * The domain's formula C/(a−1)·[1 − (1−z)^k ₂F₁(k, B; C; z)] with ₂F₁ from Euler's integral
 *   ₂F₁(k, B; C; z) = Γ(C)/(Γ(B)Γ(C−B)) ∫₀¹ u^{B−1} (1−u)^{C−B−1} (1−zu)^{−k} du   (C > B: a > 1),
 * the factor (1−z)^k folded into the integrand in logs. Use where the bracket does not cancel.
 */
export function expectedIfAliveByEuler(k: number, B: number, a: number, tau: number): number {
  const C = a + B - 1;
  const z = tau / (1 + tau);
  const front = lgamma(C) - lgamma(B) - lgamma(a - 1);
  const scaled = tanhSinh(
    (lnU, lnV) =>
      (B - 1) * lnU + (a - 2) * lnV + k * (Math.log1p(-z) - Math.log1p(-z * Math.exp(lnU))) + front
  );
  return (C / (a - 1)) * (1 - scaled);
}

/** P(alive | x, t_x, T) from its definition: the alive path's share of the likelihood. */
export function pAliveByDefinition(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number
): number {
  const common = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const alive = lbeta(a, b + x) - lbeta(a, b) + common - (r + x) * Math.log(alpha + T);
  const total = bgnbdCustomerLogLikelihood(r, alpha, a, b, x, tx, T);
  return Math.exp(alive - total);
}
