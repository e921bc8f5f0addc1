/**
 * Maximum-likelihood fit of the Gamma-Gamma spend model on customers with at least one repeat
 * purchase (x > 0): the others have no repeat spend to learn from and are skipped. Per customer
 * with weight w (docs/definitions.md §10), writing a = x·m and s = γ + a:
 *   ln L = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ − ln m − px ln(s/a) − q ln s.
 * The lnΓ terms depend on x alone, so they are summed once per distinct x. The rest depends on
 * the customer only through a, and on the parameters linearly in p and q: with
 * ℓ = ln(s/a) = ln(1 + γ/a), six weighted sums over the customers (Σw ℓ, Σwx ℓ, Σw/s, Σwx/s,
 * Σw/s², Σwx/s²), which depend on γ alone, give the log-likelihood, its gradient and Hessian
 * for any p and q. They cost one log1p per customer and are kept for the last γ, so the
 * Newton step's full evaluation reuses the line search's pass. Newton on (ln p, ln q, ln γ)
 * with the analytic gradient and Hessian (newton-maximise.ts), from a start read off the
 * log-moments of the spend (momentStart), and finished by a few tiny Newton steps (polish).
 * A climb that finds no maximum is redone customer by customer from the fixed start
 * (customerByCustomer): those likelihoods are flat to within rounding, and keep their answers.
 */
import { Curvature, curvatureAt } from "./fit-checks-and-curvature";
import { invalidNumber, invalidValue } from "../errors";
import { digamma, logGamma, trigamma } from "../numerics/log-gamma";
import { Maximum, maximiseLogParameters, toLogParameters } from "../numerics/newton-maximise";

export interface SpendSummary {
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
  weight?: ArrayLike<number> | null;
}

export interface GammaGammaFit {
  p: number;
  q: number;
  gamma: number;
  logLikelihood: number;
  /** Total weight of the customers used (those with x > 0). */
  customersUsed: number;
  iterations: number;
}

/** The customer sums that depend on γ alone, at `gamma` (NaN before the first pass). */
interface GammaSums {
  gamma: number;
  /** Σ w ln(1 + γ/a), Σ w x ln(1 + γ/a). */
  l0: number;
  l1: number;
  /** Σ w/s, Σ w x/s, Σ w/s², Σ w x/s² with s = γ + a. */
  i0: number;
  i1: number;
  ii0: number;
  ii1: number;
}

/** The customers used (x > 0, weight > 0), reduced to what the likelihood reads. */
interface Prepared {
  /** Per customer: 1/a = 1/(x·m), the weight w and w·x; x and m for customerByCustomer. */
  inverseA: Float64Array;
  x: Float64Array;
  m: Float64Array;
  w: Float64Array;
  wx: Float64Array;
  /** The distinct x, in the order they first appear, and the total weight of each. */
  xs: Float64Array;
  xw: Float64Array;
  /** Σ w ln m and Σ w ln a, the constant parts of the per-customer terms. */
  sumLnM: number;
  sumLnA: number;
  /** Per distinct x: Σ w ln m and Σ w (ln m)², for the starting point. */
  lnMSum: Float64Array;
  lnMSquares: Float64Array;
  used: number;
  meanSpend: number;
  spendVaries: boolean;
  sums: GammaSums;
}

/** x below this is grouped through a table; larger x (rare) through a Map. */
const DENSE_X = 1024;

function prepare(data: SpendSummary): Prepared {
  const n = data.frequency.length;
  if (data.monetary.length !== n || (data.weight && data.weight.length !== n))
    throw invalidValue("frequency, monetary_value (and weights) must have the same number of rows");
  const inverseA = new Float64Array(n);
  const xk = new Float64Array(n);
  const mk = new Float64Array(n);
  const w = new Float64Array(n);
  const wx = new Float64Array(n);
  // Group index + 1 of each x seen (0: not yet).
  const dense = new Int32Array(DENSE_X);
  const sparse = new Map<number, number>();
  const xs: number[] = [];
  const xw: number[] = [];
  const lnMSum: number[] = [];
  const lnMSquares: number[] = [];
  let k = 0;
  let used = 0;
  let spend = 0;
  let sumLnM = 0;
  let sumLnA = 0;
  let firstM = NaN;
  let spendVaries = false;
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i];
    const wi = data.weight ? data.weight[i] : 1;
    if (!(wi >= 0 && wi < Infinity)) throw invalidValue(`weights must be 0 or more (row ${i + 1})`);
    if (!(x >= 0 && x < Infinity && Math.trunc(x) === x))
      throw invalidValue(
        `frequency must be a whole number of repeat purchases, 0 or more (row ${i + 1})`
      );
    if (x === 0 || wi === 0) continue;
    const m = data.monetary[i];
    if (!(m > 0 && m < Infinity))
      throw invalidValue(
        `monetary_value must be above 0 for a customer with repeat purchases (row ${i + 1})`
      );
    if (k === 0) firstM = m;
    else if (m !== firstM) spendVaries = true;
    const lnM = Math.log(m);
    inverseA[k] = 1 / (x * m);
    xk[k] = x;
    mk[k] = m;
    w[k] = wi;
    wx[k] = wi * x;
    sumLnM += wi * lnM;
    sumLnA += wi * (Math.log(x) + lnM);
    let g = x < DENSE_X ? dense[x] : (sparse.get(x) ?? 0);
    if (g === 0) {
      xs.push(x);
      xw.push(0);
      lnMSum.push(0);
      lnMSquares.push(0);
      g = xs.length;
      if (x < DENSE_X) dense[x] = g;
      else sparse.set(x, g);
    }
    xw[g - 1] += wi;
    lnMSum[g - 1] += wi * lnM;
    lnMSquares[g - 1] += wi * lnM * lnM;
    used += wi;
    spend += wi * m;
    k++;
  }
  return {
    inverseA: inverseA.subarray(0, k),
    x: xk.subarray(0, k),
    m: mk.subarray(0, k),
    w: w.subarray(0, k),
    wx: wx.subarray(0, k),
    xs: Float64Array.from(xs),
    xw: Float64Array.from(xw),
    sumLnM,
    sumLnA,
    lnMSum: Float64Array.from(lnMSum),
    lnMSquares: Float64Array.from(lnMSquares),
    used,
    meanSpend: spend / used,
    spendVaries,
    sums: { gamma: NaN, l0: 0, l1: 0, i0: 0, i1: 0, ii0: 0, ii1: 0 },
  };
}

/** The six γ-only customer sums at `gamma`: one pass over the customers, unless kept. */
function gammaSums(d: Prepared, gamma: number): GammaSums {
  const s = d.sums;
  if (s.gamma === gamma) return s;
  const { inverseA, w, wx } = d;
  let l0 = 0;
  let l1 = 0;
  let i0 = 0;
  let i1 = 0;
  let ii0 = 0;
  let ii1 = 0;
  for (let i = 0; i < inverseA.length; i++) {
    const t = gamma * inverseA[i];
    // ln(s/a) as log1p(γ/a): no cancellation between ln(x·m) and ln(γ + x·m) when γ ≪ x·m.
    const l = Math.log1p(t);
    const u = inverseA[i] / (1 + t); // 1/s
    const wi = w[i];
    const wxi = wx[i];
    l0 += wi * l;
    l1 += wxi * l;
    i0 += wi * u;
    i1 += wxi * u;
    ii0 += wi * u * u;
    ii1 += wxi * u * u;
  }
  s.gamma = gamma;
  s.l0 = l0;
  s.l1 = l1;
  s.i0 = i0;
  s.i1 = i1;
  s.ii0 = ii0;
  s.ii1 = ii1;
  return s;
}

function logLikelihood(
  d: Prepared,
  theta: Float64Array,
  grad: Float64Array | null,
  hess: Float64Array | null
): number {
  const p = Math.exp(theta[0]);
  const q = Math.exp(theta[1]);
  const gamma = Math.exp(theta[2]);
  const lnGamma = Math.log(gamma);
  const G = [0, 0, 0];
  const Hn = new Float64Array(9);
  const lgQ = logGamma(q);
  const psiQ = grad ? digamma(q) : 0;
  const triQ = hess ? trigamma(q) : 0;
  let ll = 0;
  for (let g = 0; g < d.xs.length; g++) {
    const x = d.xs[g];
    const W = d.xw[g];
    const px = p * x;
    ll += W * (logGamma(px + q) - logGamma(px) - lgQ + q * lnGamma);
    if (grad) {
      const psiPQ = digamma(px + q);
      G[0] += W * x * (psiPQ - digamma(px));
      G[1] += W * (psiPQ - psiQ + lnGamma);
    }
    if (hess) {
      const triPQ = trigamma(px + q);
      Hn[0] += W * x * x * (triPQ - trigamma(px));
      Hn[1] += W * x * triPQ;
      Hn[4] += W * (triPQ - triQ);
    }
  }
  const s = gammaSums(d, gamma);
  // Σ w ln s = Σ w ln a + Σ w ln(s/a).
  const sumLnS = d.sumLnA + s.l0;
  ll += -p * s.l1 - d.sumLnM - q * sumLnS;
  if (grad) {
    G[0] -= s.l1;
    G[1] -= sumLnS;
    G[2] = (d.used * q) / gamma - p * s.i1 - q * s.i0;
  }
  if (hess) {
    Hn[2] = -s.i1;
    Hn[5] = d.used / gamma - s.i0;
    Hn[8] = (-d.used * q) / (gamma * gamma) + p * s.ii1 + q * s.ii0;
  }
  toLogParameters([p, q, gamma], G, Hn, grad, hess);
  return ll;
}

/**
 * The same log-likelihood and derivatives summed customer by customer, with ln s recomputed at
 * every evaluation (the fit's arithmetic before the γ sums). It decides only the fits whose
 * climb finds no maximum: there the likelihood is flat to within its rounding (a handful of
 * customers, q and γ running off together), and whether a climb stops or runs on depends on
 * how the sums round, so those fits keep the answers they always had.
 */
function customerByCustomer(
  d: Prepared,
  theta: Float64Array,
  grad: Float64Array | null,
  hess: Float64Array | null
): number {
  const p = Math.exp(theta[0]);
  const q = Math.exp(theta[1]);
  const gamma = Math.exp(theta[2]);
  const lnGamma = Math.log(gamma);
  const G = [0, 0, 0];
  const Hn = new Float64Array(9);
  const lgQ = logGamma(q);
  const psiQ = grad ? digamma(q) : 0;
  const triQ = hess ? trigamma(q) : 0;
  let ll = 0;
  for (let g = 0; g < d.xs.length; g++) {
    const x = d.xs[g];
    const W = d.xw[g];
    const px = p * x;
    ll += W * (logGamma(px + q) - logGamma(px) - lgQ + q * lnGamma);
    if (grad) {
      const psiPQ = digamma(px + q);
      G[0] += W * x * (psiPQ - digamma(px));
      G[1] += W * (psiPQ - psiQ + lnGamma);
      G[2] += (W * q) / gamma;
    }
    if (hess) {
      const triPQ = trigamma(px + q);
      Hn[0] += W * x * x * (triPQ - trigamma(px));
      Hn[1] += W * x * triPQ;
      Hn[4] += W * (triPQ - triQ);
      Hn[5] += W / gamma;
      Hn[8] -= (W * q) / (gamma * gamma);
    }
  }
  for (let i = 0; i < d.w.length; i++) {
    const w = d.w[i];
    const x = d.x[i];
    const lnM = Math.log(d.m[i]);
    const lnXM = Math.log(x) + lnM;
    const s = gamma + d.m[i] * x;
    const lnS = Math.log(s);
    const px = p * x;
    ll += w * (px * (lnXM - lnS) - lnM - q * lnS);
    if (!grad) continue;
    const inv = 1 / s;
    G[0] += w * x * (lnXM - lnS);
    G[1] -= w * lnS;
    G[2] -= w * (px + q) * inv;
    if (!hess) continue;
    Hn[2] -= w * x * inv;
    Hn[5] -= w * inv;
    Hn[8] += w * (px + q) * inv * inv;
  }
  toLogParameters([p, q, gamma], G, Hn, grad, hess);
  return ll;
}

/** Longest polishing step on a log-parameter: beyond it the quadratic model is not trusted. */
const POLISH_STEP = 1e-4;

/**
 * The climb stops once its gains fall below the log-likelihood's rounding, which on a flat
 * likelihood can leave the estimates ~1e-7 (relative) short of the top, by an amount that
 * depends on how the sums happened to round. A few pure Newton steps finish the climb, taken
 * only while they are tiny (where the quadratic model is exact) and keep shrinking: steps this
 * small move the log-likelihood by less than its rounding, so they are judged by the gradient.
 */
function polish(
  d: Prepared,
  start: Float64Array,
  startLl: number
): { theta: Float64Array; logLikelihood: number } {
  let best = { theta: start, logLikelihood: startLl };
  let theta = start;
  let previous = Infinity;
  const g = new Float64Array(3);
  const H = new Float64Array(9);
  for (let k = 0; k < 4; k++) {
    const ll = logLikelihood(d, theta, g, H);
    const step = solve3(
      H.map((h) => -h),
      g
    );
    const longest = step ? Math.max(...step.map(Math.abs)) : Infinity;
    // Not shrinking: the last point is as close as rounding allows.
    if (!(longest < previous) || !step) break;
    best = { theta, logLikelihood: ll };
    if (longest > POLISH_STEP || longest < 1e-14) break;
    previous = longest;
    theta = theta.map((t, i) => t + step[i]);
  }
  return best;
}

/** Solves A·s = b for a symmetric positive definite 3×3 A (row-major) by Cholesky; null otherwise. */
function solve3(A: Float64Array, b: Float64Array): number[] | null {
  const l00 = Math.sqrt(A[0]);
  const l10 = A[3] / l00;
  const l20 = A[6] / l00;
  const l11 = Math.sqrt(A[4] - l10 * l10);
  const l21 = (A[7] - l20 * l10) / l11;
  const l22 = Math.sqrt(A[8] - l20 * l20 - l21 * l21);
  if (!(l00 > 0 && l11 > 0 && l22 > 0)) return null;
  const y0 = b[0] / l00;
  const y1 = (b[1] - l10 * y0) / l11;
  const y2 = (b[2] - l20 * y0 - l21 * y1) / l22;
  const s2 = y2 / l22;
  const s1 = (y1 - l21 * s2) / l11;
  const s0 = (y0 - l10 * s1 - l20 * s2) / l00;
  return [s0, s1, s2];
}

/**
 * A start from the log-moments, where the fast climb begins: given ν, ln m of a customer with
 * x purchases is ln Gamma(px, 1) − ln x − ln ν, so across customers with that x
 *   Var(ln m) = ψ′(px) + ψ′(q) ≈ 1/(px) + ψ′(q),   E[ln m] = ψ(px) − ln x − ψ(q) + ln γ.
 * A weighted line through the groups' variances against 1/x gives 1/p (slope) and ψ′(q)
 * (intercept), then the mean gives γ. Null when the data cannot say (one x, or a line that is
 * not positive): the fixed start serves then.
 */
function momentStart(d: Prepared): number[] | null {
  let sw = 0;
  let su = 0;
  let sv = 0;
  let suu = 0;
  let suv = 0;
  for (let g = 0; g < d.xs.length; g++) {
    const W = d.xw[g];
    if (!(W > 1)) continue;
    const mean = d.lnMSum[g] / W;
    const v = Math.max(0, (d.lnMSquares[g] - W * mean * mean) / (W - 1));
    const u = 1 / d.xs[g];
    const k = W - 1;
    sw += k;
    su += k * u;
    sv += k * v;
    suu += k * u * u;
    suv += k * u * v;
  }
  const spread = suu - (su * su) / sw;
  if (!(spread > 0)) return null;
  const slope = (suv - (su * sv) / sw) / spread;
  const intercept = (sv - slope * su) / sw;
  if (!(slope > 0 && intercept > 0)) return null;
  const p = 1 / slope;
  // ψ′(q) ≈ 1/q + 1/(2q²) = intercept, solved for q.
  const q = (1 + Math.sqrt(1 + 2 * intercept)) / (2 * intercept);
  let lnGamma = 0;
  for (let g = 0; g < d.xs.length; g++)
    lnGamma += d.lnMSum[g] + d.xw[g] * (Math.log(d.xs[g]) - digamma(p * d.xs[g]));
  lnGamma = lnGamma / d.used + digamma(q);
  const start = [Math.log(p), Math.log(q), lnGamma];
  return start.every((v) => Math.abs(v) < 20) ? start : null;
}

const NAMES = ["p", "q", "gamma"];

/** Fits p, q, γ by maximum likelihood on the customers with x > 0 (the others are skipped). */
export function fitGammaGamma(data: SpendSummary): GammaGammaFit {
  const d = prepare(data);
  if (d.used === 0)
    throw invalidNumber(
      "no customer has a repeat purchase (frequency above 0): the Gamma-Gamma model learns only from repeat purchases"
    );
  if (!d.spendVaries)
    throw invalidNumber(
      "every repeat customer has the same mean spend: with no variation in spend, p, q and gamma cannot be estimated"
    );
  // Start: p = 2, q = 3, and γ matching the population mean spend γp/(q−1) to the data's.
  const start = [Math.log(2), Math.log(3), Math.log(d.meanSpend)];
  const climb = (f: typeof logLikelihood, from = start) =>
    maximiseLogParameters(
      from,
      (theta, grad, hess) => f(d, theta, grad, hess),
      (index, theta) =>
        invalidNumber(
          `no finite Gamma-Gamma parameters fit these customers (${NAMES[index]} grows ${theta[index] > 0 ? "without bound" : "towards 0"}): spend varies too little, or too few customers repeat`
        ),
      1e-8 * d.used
    );
  let best: Maximum;
  try {
    best = climb(logLikelihood, momentStart(d) ?? start);
  } catch {
    const flat = climb(customerByCustomer);
    return result(d, flat.theta, flat.logLikelihood, flat.iterations);
  }
  const top = polish(d, best.theta, best.logLikelihood);
  return result(d, top.theta, top.logLikelihood, best.iterations);
}

function result(
  d: Prepared,
  theta: Float64Array,
  logLikelihood: number,
  iterations: number
): GammaGammaFit {
  const [p, q, gamma] = Array.from(theta, Math.exp);
  return { p, q, gamma, logLikelihood, customersUsed: d.used, iterations };
}

/** Σ weight × ln L over the customers with x > 0, at (p, q, γ). */
export function gammaGammaLogLikelihood(
  data: SpendSummary,
  p: number,
  q: number,
  gamma: number
): number {
  return logLikelihood(prepare(data), Float64Array.from([p, q, gamma], Math.log), null, null);
}

/**
 * The log-likelihood's gradient and Hessian on the natural parameters (p, q, γ), from the same
 * analytic digamma/trigamma derivatives the fit climbs with (moved back from logs), and the
 * total weight of the customers used. The fit's standard errors start here
 * (gamma-gamma-information.ts).
 */
export function gammaGammaCurvature(
  data: SpendSummary,
  parameters: readonly [p: number, q: number, gamma: number]
): Curvature {
  const d = prepare(data);
  return curvatureAt(parameters, d.used, (theta, g, h) => logLikelihood(d, theta, g, h));
}
