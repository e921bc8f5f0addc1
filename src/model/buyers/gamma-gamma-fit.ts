/**
 * Maximum-likelihood fit of the Gamma-Gamma spend model on customers with at least one repeat
 * purchase (x > 0): the others have no repeat spend to learn from and are skipped. Per customer
 * with weight w (docs/definitions.md §10):
 *   ln L = lnΓ(px+q) − lnΓ(px) − lnΓ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ+mx).
 * The lnΓ terms depend on x alone and are computed once per distinct x; Newton on (ln p, ln q,
 * ln γ) with the analytic gradient and Hessian (newton-maximise.ts).
 */
import { invalidNumber, invalidValue } from "../errors";
import { digamma, logGamma, trigamma } from "../numerics/log-gamma";
import { maximiseLogParameters, toLogParameters } from "../numerics/newton-maximise";
import { FrequencyGroups, frequencyGroups } from "./frequency-groups";

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

/** Per row (x > 0, weight > 0): x, m, ln(x·m), ln m and the weight; the rows grouped by x. */
interface Prepared extends FrequencyGroups {
  x: Float64Array;
  m: Float64Array;
  lnXM: Float64Array;
  lnM: Float64Array;
  w: Float64Array;
  used: number;
  meanSpend: number;
  spendVaries: boolean;
}

function prepare(data: SpendSummary): Prepared {
  const n = data.frequency.length;
  if (data.monetary.length !== n || (data.weight && data.weight.length !== n))
    throw invalidValue("frequency, monetary_value (and weights) must have the same number of rows");
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i];
    const w = data.weight ? data.weight[i] : 1;
    if (!(w >= 0 && w < Infinity)) throw invalidValue(`weights must be 0 or more (row ${i + 1})`);
    if (!(x >= 0 && x < Infinity && Math.trunc(x) === x))
      throw invalidValue(
        `frequency must be a whole number of repeat purchases, 0 or more (row ${i + 1})`
      );
    if (x === 0 || w === 0) continue;
    const m = data.monetary[i];
    if (!(m > 0 && m < Infinity))
      throw invalidValue(
        `monetary_value must be above 0 for a customer with repeat purchases (row ${i + 1})`
      );
    rows.push(i);
  }
  const k = rows.length;
  const x = new Float64Array(k);
  const m = new Float64Array(k);
  const lnXM = new Float64Array(k);
  const lnM = new Float64Array(k);
  const w = new Float64Array(k);
  let used = 0;
  let spend = 0;
  let spendVaries = false;
  for (let j = 0; j < k; j++) {
    const i = rows[j];
    x[j] = data.frequency[i];
    m[j] = data.monetary[i];
    w[j] = data.weight ? data.weight[i] : 1;
    lnM[j] = Math.log(m[j]);
    lnXM[j] = Math.log(x[j]) + lnM[j];
    used += w[j];
    spend += w[j] * m[j];
    if (m[j] !== m[0]) spendVaries = true;
  }
  return {
    x,
    m,
    lnXM,
    lnM,
    w,
    ...frequencyGroups(x, w),
    used,
    meanSpend: spend / used,
    spendVaries,
  };
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
    const s = gamma + d.m[i] * x;
    const lnS = Math.log(s);
    const px = p * x;
    ll += w * (px * (d.lnXM[i] - lnS) - d.lnM[i] - q * lnS);
    if (!grad) continue;
    const inv = 1 / s;
    G[0] += w * x * (d.lnXM[i] - lnS);
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
  const best = maximiseLogParameters(
    start,
    (theta, grad, hess) => logLikelihood(d, theta, grad, hess),
    (index, theta) =>
      invalidNumber(
        `no finite Gamma-Gamma parameters fit these customers (${NAMES[index]} grows ${theta[index] > 0 ? "without bound" : "towards 0"}): spend varies too little, or too few customers repeat`
      ),
    1e-8 * d.used
  );
  const [p, q, gamma] = Array.from(best.theta, Math.exp);
  return {
    p,
    q,
    gamma,
    logLikelihood: best.logLikelihood,
    customersUsed: d.used,
    iterations: best.iterations,
  };
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
): { logLikelihood: number; gradient: number[]; hessian: number[][]; customers: number } {
  const d = prepare(data);
  const g = new Float64Array(3);
  const h = new Float64Array(9);
  const ll = logLikelihood(d, Float64Array.from(parameters, Math.log), g, h);
  const p = parameters;
  return {
    logLikelihood: ll,
    gradient: p.map((v, i) => g[i] / v),
    hessian: p.map((vi, i) => p.map((vj, j) => (h[i * 3 + j] - (i === j ? g[i] : 0)) / (vi * vj))),
    customers: d.used,
  };
}
