/**
 * Maximum-likelihood fit of the BG/BB model (bgbb.ts) to customers' (x, t_x, n), with weights.
 * Customers with the same (x, t_x, n) are one pattern to the likelihood, and discrete data has
 * few patterns (28 for six opportunities), so the fit works on patterns. Each pattern's ln L is
 *   −ln B(α,β) − ln B(γ,δ) + ln Σ_j e^{S_j},   S_j = ln B(α+x, β+m_j) + ln B(γ+e_j, δ+k_j),
 * over the "alive at n" term (m = n−x, e = 0, k = n) and the dropout terms i = 0 … n−t_x−1
 * (m = t_x−x+i, e = 1, k = t_x+i). Every argument is a parameter plus a whole number up to the
 * longest n, so lnΓ, ψ and ψ′ are tabulated once per evaluation, less their values at the
 * parameters: the tables then hold S_j − ln B(α,β) − ln B(γ,δ) directly. The gradient and
 * Hessian are exact: with π_j the softmax weights of these S_j,
 *   ∇ = Σ π_j ∇S_j,   ∇² = Σ π_j (∇²S_j + ∇S_j ∇S_jᵀ) − ḡḡᵀ,  ḡ = Σ π_j ∇S_j.
 * Newton on (ln α, ln β, ln γ, ln δ) as for BG/NBD (newton-maximise.ts).
 */
import { checkSomeCustomers, Curvature, curvatureAt } from "./fit-checks-and-curvature";
import { checkBgBbCustomer } from "./bgbb";
import { invalidNumber, invalidValue } from "../errors";
import { maximiseFromStarts } from "./mbgnbd-fit";
import { toLogParameters } from "../numerics/newton-maximise";

/** Customers as columns; weight = how many identical customers each row stands for. */
export interface OpportunitySummary {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  n: ArrayLike<number>;
  weight?: ArrayLike<number> | null;
}

export interface BgBbFit {
  alpha: number;
  beta: number;
  gamma: number;
  delta: number;
  /** Σ weight × ln L at the fitted parameters. */
  logLikelihood: number;
  iterations: number;
}

interface Patterns {
  x: Int32Array;
  tx: Int32Array;
  n: Int32Array;
  w: Float64Array;
  totalWeight: number;
  longest: number;
}

/** Validates every row and merges customers with the same (x, t_x, n), summing weights. */
function patterns(data: OpportunitySummary): Patterns {
  const rows = data.frequency.length;
  if (
    data.recency.length !== rows ||
    data.n.length !== rows ||
    (data.weight && data.weight.length !== rows)
  )
    throw invalidValue(
      "frequency, recency, n_periods (and weights) must have the same number of rows"
    );
  const index = new Map<number, number>();
  const x: number[] = [];
  const tx: number[] = [];
  const n: number[] = [];
  const w: number[] = [];
  let longest = 0;
  for (let i = 0; i < rows; i++) {
    const weight = data.weight ? data.weight[i] : 1;
    if (!(weight >= 0 && weight < Infinity))
      throw invalidValue(`weights must be 0 or more (row ${i + 1})`);
    checkBgBbCustomer(data.frequency[i], data.recency[i], data.n[i], i + 1);
    if (weight === 0) continue;
    const key = (data.n[i] * 131_072 + data.recency[i]) * 131_072 + data.frequency[i];
    const k = index.get(key);
    if (k !== undefined) {
      w[k] += weight;
      continue;
    }
    index.set(key, w.length);
    x.push(data.frequency[i]);
    tx.push(data.recency[i]);
    n.push(data.n[i]);
    w.push(weight);
    longest = Math.max(longest, data.n[i]);
  }
  let totalWeight = 0;
  for (const v of w) totalWeight += v;
  return {
    x: Int32Array.from(x),
    tx: Int32Array.from(tx),
    n: Int32Array.from(n),
    w: Float64Array.from(w),
    totalWeight,
    longest,
  };
}

/**
 * lnΓ, ψ and ψ′ at base + j, j = 0 … size−1, each less its value at base: sums of ln(base+i),
 * 1/(base+i) and −1/(base+i)² over i < j. The likelihood needs only these differences (each
 * Beta function is divided by the one at the parameters), and as sums they stay exact where
 * lnΓ(base + j) − lnΓ(base) of two lnΓ values would cancel: with γ = 10⁶, lnΓ ≈ 10⁷ carries
 * rounding of 10⁻⁹ per term, enough noise to stall the climb with a gradient of 10⁻⁴ left.
 */
function tables(base: number, size: number, second: boolean) {
  const lg = new Float64Array(size);
  const psi = new Float64Array(size);
  const tri = new Float64Array(second ? size : 0);
  for (let j = 1; j < size; j++) {
    const v = base + j - 1;
    lg[j] = lg[j - 1] + Math.log(v);
    psi[j] = psi[j - 1] + 1 / v;
    if (second) tri[j] = tri[j - 1] - 1 / (v * v);
  }
  return { lg, psi, tri };
}

/** LL and optionally its gradient and Hessian on (ln α, ln β, ln γ, ln δ). */
function logLikelihood(
  d: Patterns,
  theta: Float64Array,
  grad: Float64Array | null,
  hess: Float64Array | null
): number {
  const [alpha, beta, gamma, delta] = Array.from(theta, Math.exp);
  const size = d.longest + 2;
  const second = hess !== null;
  const A = tables(alpha, size, second);
  const Bt = tables(beta, size, second);
  const AB = tables(alpha + beta, size, second);
  const G = tables(gamma, 2, second);
  const D = tables(delta, size, second);
  const GD = tables(gamma + delta, size, second);
  const Gn = [0, 0, 0, 0];
  const Hn = new Float64Array(16);
  let ll = 0;
  const maxTerms = d.longest + 1;
  const S = new Float64Array(maxTerms);
  const m = new Int32Array(maxTerms);
  const e = new Int32Array(maxTerms);
  const k = new Int32Array(maxTerms);
  const g = [0, 0, 0, 0];
  const gBar = [0, 0, 0, 0];
  for (let p = 0; p < d.w.length; p++) {
    const w = d.w[p];
    const x = d.x[p];
    const tx = d.tx[p];
    const n = d.n[p];
    let terms = 0;
    m[terms] = n - x;
    e[terms] = 0;
    k[terms] = n;
    terms++;
    for (let i = 0; i < n - tx; i++) {
      m[terms] = tx - x + i;
      e[terms] = 1;
      k[terms] = tx + i;
      terms++;
    }
    let top = -Infinity;
    for (let j = 0; j < terms; j++) {
      S[j] = A.lg[x] + Bt.lg[m[j]] - AB.lg[x + m[j]] + G.lg[e[j]] + D.lg[k[j]] - GD.lg[e[j] + k[j]];
      if (S[j] > top) top = S[j];
    }
    let total = 0;
    // From here S holds e^{S_j − top}: the softmax weights before normalising.
    for (let j = 0; j < terms; j++) {
      S[j] = Math.exp(S[j] - top);
      total += S[j];
    }
    ll += w * (top + Math.log(total));
    if (grad === null) continue;
    gBar.fill(0);
    for (let j = 0; j < terms; j++) {
      const pi = S[j] / total;
      if (pi === 0) continue;
      const s1 = x + m[j];
      const s2 = e[j] + k[j];
      g[0] = A.psi[x] - AB.psi[s1];
      g[1] = Bt.psi[m[j]] - AB.psi[s1];
      g[2] = G.psi[e[j]] - GD.psi[s2];
      g[3] = D.psi[k[j]] - GD.psi[s2];
      for (let a = 0; a < 4; a++) gBar[a] += pi * g[a];
      if (!second) continue;
      const t1 = AB.tri[s1];
      const t2 = GD.tri[s2];
      const wp = w * pi;
      Hn[0] += wp * (A.tri[x] - t1);
      Hn[1] -= wp * t1;
      Hn[5] += wp * (Bt.tri[m[j]] - t1);
      Hn[10] += wp * (G.tri[e[j]] - t2);
      Hn[11] -= wp * t2;
      Hn[15] += wp * (D.tri[k[j]] - t2);
      for (let a = 0; a < 4; a++) for (let b = a; b < 4; b++) Hn[a * 4 + b] += wp * g[a] * g[b];
    }
    for (let a = 0; a < 4; a++) Gn[a] += w * gBar[a];
    if (second)
      for (let a = 0; a < 4; a++)
        for (let b = a; b < 4; b++) Hn[a * 4 + b] -= w * gBar[a] * gBar[b];
  }
  toLogParameters([alpha, beta, gamma, delta], Gn, Hn, grad, hess);
  return ll;
}

const NAMES = ["alpha", "beta", "gamma", "delta"];

/** Why the likelihood has no finite maximum, read from where the climb was heading. */
function noMaximum(index: number, theta: Float64Array): Error {
  const [alpha, beta, gamma, delta] = Array.from(theta, Math.exp);
  const lead = "no finite BG/BB parameters fit these customers";
  const percent = (v: number) => `${(100 * v).toPrecision(3)}%`;
  if (gamma / (gamma + delta) < 1e-6)
    return invalidNumber(
      `${lead}: the data shows no sign of customers dropping out (the dropout probability gamma/(gamma+delta) falls towards 0)`
    );
  // Both past e^8 ≈ 3,000 (the climb may stop there, the likelihood flat to its floor), the
  // Beta has a spread under 2% of its mean: one value. Both below e^−8: two points, 0 and 1.
  if (theta[0] > 8 && theta[1] > 8)
    return invalidNumber(
      `${lead}: the transaction probability does not vary between customers (alpha and beta grow without bound together, alpha/(alpha+beta) → ${percent(alpha / (alpha + beta))})`
    );
  if (theta[2] > 8 && theta[3] > 8)
    return invalidNumber(
      `${lead}: the dropout probability does not vary between customers (gamma and delta grow without bound together, gamma/(gamma+delta) → ${percent(gamma / (gamma + delta))})`
    );
  if (theta[2] < -8 && theta[3] < -8)
    return invalidNumber(
      `${lead}: customers split into those who never drop out and those who drop out at once (gamma and delta fall towards 0 together)`
    );
  if (theta[0] < -8 && theta[1] < -8)
    return invalidNumber(
      `${lead}: customers split into those who transact at every opportunity and those who never do (alpha and beta fall towards 0 together)`
    );
  const up = theta[index] > 0;
  return invalidNumber(`${lead} (${NAMES[index]} runs towards ${up ? "infinity" : "0"})`);
}

/**
 * All 1, then other shapes if that climb runs off to a limit (maximiseFromStarts). The last,
 * α = β = 0.05 beside γ = δ = 20, heads for the corner where customers split into those who
 * transact at every opportunity and those who never do, with one dropout probability: on a few
 * customers that limit can be the highest, and the climbs from the others pass it by.
 */
const STARTS = [
  [0, 0, 0, 0],
  [Math.log(0.5), Math.log(0.5), Math.log(0.5), Math.log(2)],
  [Math.log(2), Math.log(2), Math.log(0.2), Math.log(5)],
  [Math.log(0.05), Math.log(0.05), Math.log(20), Math.log(20)],
];

/** Fits α, β, γ, δ by maximum likelihood. */
export function fitBgBb(data: OpportunitySummary): BgBbFit {
  const d = patterns(data);
  checkSomeCustomers(d.totalWeight);
  let buyers = 0;
  let seen = 0;
  for (let p = 0; p < d.w.length; p++) {
    if (d.x[p] > 0) buyers += d.w[p];
    if (d.n[p] > 0) seen += d.w[p];
  }
  if (seen === 0)
    throw invalidNumber("every n_periods is 0: the customers were observed for no opportunity");
  if (buyers === 0)
    throw invalidNumber(
      "no customer transacted at any opportunity (every frequency is 0): transaction and dropout rates cannot be estimated"
    );
  const f = (theta: Float64Array, gr: Float64Array | null, h: Float64Array | null) =>
    logLikelihood(d, theta, gr, h);
  const best = maximiseFromStarts(STARTS, f, noMaximum, 1e-8 * d.totalWeight);
  const [alpha, beta, gamma, delta] = Array.from(best.theta, Math.exp);
  return {
    alpha,
    beta,
    gamma,
    delta,
    logLikelihood: best.logLikelihood,
    iterations: best.iterations,
  };
}

/** Σ weight × ln L at (α, β, γ, δ), as the fit maximises it. */
export function bgbbLogLikelihood(
  data: OpportunitySummary,
  alpha: number,
  beta: number,
  gamma: number,
  delta: number
): number {
  return logLikelihood(
    patterns(data),
    Float64Array.from([alpha, beta, gamma, delta], Math.log),
    null,
    null
  );
}

/** The log-likelihood's gradient and Hessian on (α, β, γ, δ) themselves, and the customers. */
export function bgbbCurvature(
  data: OpportunitySummary,
  parameters: readonly [alpha: number, beta: number, gamma: number, delta: number]
): Curvature {
  const d = patterns(data);
  return curvatureAt(parameters, d.totalWeight, (theta, g, h) => logLikelihood(d, theta, g, h));
}

/** Minus the Hessian at the fit: the observed information, inverted for the standard errors. */
export function bgbbInformation(
  data: OpportunitySummary,
  fit: { alpha: number; beta: number; gamma: number; delta: number }
): { information: number[][]; logLikelihood: number; customers: number } {
  const c = bgbbCurvature(data, [fit.alpha, fit.beta, fit.gamma, fit.delta]);
  return {
    information: c.hessian.map((row) => row.map((v) => -v)),
    logLikelihood: c.logLikelihood,
    customers: c.customers,
  };
}
