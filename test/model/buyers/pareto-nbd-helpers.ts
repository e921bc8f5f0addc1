/**
 * Independent references for the Pareto/NBD tests: a seeded simulator of the model's story, the
 * posterior over (λ, μ) integrated by brute force on a grid (the defining integrals), and Fader
 * & Hardie's likelihood with its two ₂F₁ branches as printed, each ₂F₁ by Euler's integral.
 * Nothing here imports the model code under test.
 */
import { lgamma, prng, sampleGamma, tanhSinh } from "./bgnbd-helpers";

export interface ParetoParameters {
  r: number;
  alpha: number;
  s: number;
  beta: number;
}

/**
 * Customers as the model tells it: λ ~ Gamma(r, α), μ ~ Gamma(s, β) (rates α, β); a lifetime
 * ~ Exponential(μ) from the first purchase at 0; purchases as a Poisson(λ) process until the
 * lifetime or T ends, T uniform on [Tmin, Tmax].
 */
export function simulateParetoNbd(
  p: ParetoParameters,
  customers: number,
  Tmin: number,
  Tmax: number,
  seed: number
): { frequency: number[]; recency: number[]; T: number[] } {
  const u = prng(seed);
  const out = { frequency: [] as number[], recency: [] as number[], T: [] as number[] };
  for (let i = 0; i < customers; i++) {
    const lambda = sampleGamma(p.r, u) / p.alpha;
    const mu = sampleGamma(p.s, u) / p.beta;
    const lifetime = -Math.log(u()) / mu;
    const T = Tmin + (Tmax - Tmin) * u();
    const end = Math.min(lifetime, T);
    let t = 0;
    let x = 0;
    let last = 0;
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (t > end) break;
      x++;
      last = t;
    }
    out.frequency.push(x);
    out.recency.push(last);
    out.T.push(T);
  }
  return out;
}

/** Nodes of a trapezoid rule on ln(rate) covering exp(k·u − c·e^u) for every c in [c0, c1]. */
function logGrid(k: number, c0: number, c1: number): number[] {
  const lo = Math.log(k / c1) - 40 / k - 10 / Math.sqrt(k);
  const hi = Math.log(k / c0) + Math.log1p(40 / k) + 10 / Math.sqrt(k);
  // The trapezoid rule converges geometrically on these smooth, fast-decaying integrands.
  const h = Math.min(0.1, 0.4 / Math.sqrt(k));
  const nodes: number[] = [];
  for (let u = lo; u <= hi; u += h) nodes.push(u);
  return nodes;
}

/**
 * The defining integrals for one customer, over the prior of (λ, μ) on a grid in (ln λ, ln μ):
 *   L(λ, μ) = λ^x e^{−(λ+μ)T} + λ^x μ/(λ+μ) (e^{−(λ+μ)t_x} − e^{−(λ+μ)T})   (alive, died),
 * giving ln L = ln ∫∫ prior·L, P(alive) = ∫∫ prior·alive / ∫∫ prior·L and
 * E[Y(t)] = ∫∫ prior·alive·(λ/μ)(1 − e^{−μt}) / ∫∫ prior·L.
 */
export function posteriorByGrid(
  p: ParetoParameters,
  x: number,
  tx: number,
  T: number,
  t: number
): { logLikelihood: number; pAlive: number; conditional: number } {
  const { r, alpha, s, beta } = p;
  const us = logGrid(r + x, alpha + tx, alpha + T);
  const vs = logGrid(s, beta + tx, beta + T + 1);
  const hu = us[1] - us[0];
  const hv = vs[1] - vs[0];
  const prior = r * Math.log(alpha) - lgamma(r) + s * Math.log(beta) - lgamma(s);
  // Shift: the largest log of λ^x·prior·e^{−(λ+μ)t_x} over the grid.
  let top = -Infinity;
  const lu = us.map((u) => (r + x) * u - (alpha + tx) * Math.exp(u));
  const lv = vs.map((v) => s * v - (beta + tx) * Math.exp(v));
  const topU = Math.max(...lu);
  const topV = Math.max(...lv);
  top = topU + topV;
  let total = 0;
  let alive = 0;
  let future = 0;
  for (let i = 0; i < us.length; i++) {
    const lambda = Math.exp(us[i]);
    for (let j = 0; j < vs.length; j++) {
      const mu = Math.exp(vs[j]);
      const base = lu[i] + lv[j] - top; // ln of λ^{r+x} μ^s e^{−αλ−βμ} e^{−(λ+μ)t_x}
      if (base < -745) continue;
      const w = Math.exp(base);
      const stay = w * Math.exp(-(lambda + mu) * (T - tx));
      const died = (w * mu * -Math.expm1(-(lambda + mu) * (T - tx))) / (lambda + mu);
      total += stay + died;
      alive += stay;
      future += (stay * lambda * -Math.expm1(-mu * t)) / mu;
    }
  }
  return {
    logLikelihood: prior + top + Math.log(total * hu * hv),
    pAlive: alive / total,
    conditional: future / total,
  };
}

/** ₂F₁(a, b; a+1; z) = a ∫₀¹ u^{a−1} (1−zu)^{−b} du, 0 ≤ z < 1, by the test's quadrature. */
function hyp2f1Plus1(a: number, b: number, z: number): number {
  return a * tanhSinh((lnU) => (a - 1) * lnU - b * Math.log1p(-z * Math.exp(lnU)), 1 / 64);
}

/** Fader & Hardie's per-customer likelihood, both branches, as printed (moderate x only). */
export function paretoLikelihoodAsPrinted(
  p: ParetoParameters,
  x: number,
  tx: number,
  T: number
): number {
  const { r, alpha, s, beta } = p;
  const rsx = r + s + x;
  let A0: number;
  if (alpha >= beta) {
    const F = (tau: number) =>
      hyp2f1Plus1(rsx, s + 1, (alpha - beta) / (alpha + tau)) / Math.pow(alpha + tau, rsx);
    A0 = F(tx) - F(T);
  } else {
    const F = (tau: number) =>
      hyp2f1Plus1(rsx, r + x, (beta - alpha) / (beta + tau)) / Math.pow(beta + tau, rsx);
    A0 = F(tx) - F(T);
  }
  const lead = lgamma(r + x) - lgamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const bracket =
    1 / (Math.pow(alpha + T, r + x) * Math.pow(beta + T, s)) + (s / rsx) * A0;
  return lead + Math.log(bracket);
}

export { prng, sampleGamma, lgamma };
