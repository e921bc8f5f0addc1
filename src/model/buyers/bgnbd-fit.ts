/**
 * Maximum-likelihood fit of the BG/NBD model to customers' (x, t_x, T), with weights (counts of
 * identical rows). Per customer (docs/definitions.md §10), in logs:
 *   ln L = A₁ + A₂ + ln(e^{A₃} + [x>0]·e^{A₄}),
 *   A₁ = lnΓ(r+x) − lnΓ(r) + r ln α,        A₂ = ln B(a, b+x) − ln B(a, b),
 *   A₃ = −(r+x) ln(α+T),                    A₄ = ln a − ln(b+x−1) − (r+x) ln(α+t_x).
 * A₁ and A₂ depend on x alone, so they (and their digamma/trigamma derivatives) are computed
 * once per distinct x; the per-customer part needs two logarithms and one softplus. Newton on
 * (ln r, ln α, ln a, ln b) with the analytic gradient and Hessian (newton-maximise.ts).
 * The log-sum-exp is taken around its larger term, so heavy buyers (x in the thousands, where
 * each exponent is in the tens of thousands) stay finite.
 */
import { checkRepeatBuyers, Curvature, curvatureAt } from "./fit-checks-and-curvature";
import { checkCustomer } from "./bgnbd";
import { invalidNumber, invalidValue } from "../errors";
import { digamma, logGamma, trigamma } from "../numerics/log-gamma";
import { maximiseLogParameters, toLogParameters } from "../numerics/newton-maximise";
import { FrequencyGroups, frequencyGroups } from "./frequency-groups";

/** Customers as columns; weight = how many identical customers each row stands for. */
export interface CustomerSummary {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  weight?: ArrayLike<number> | null;
}

export interface BgNbdFit {
  r: number;
  alpha: number;
  a: number;
  b: number;
  /** Σ weight × ln L at the fitted parameters. */
  logLikelihood: number;
  iterations: number;
}

/** The customers with weight > 0, validated, grouped by distinct x for the x-only terms. */
export interface Prepared extends FrequencyGroups {
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  totalWeight: number;
}

/**
 * Validates every row, drops weight-0 rows and merges identical customers (summing weights):
 * summaries in whole days or weeks repeat (x, t_x, T) often, and every x = 0 customer with the
 * same T is the same customer to the likelihood.
 */
export function prepare(data: CustomerSummary): Prepared {
  const n = data.frequency.length;
  if (data.recency.length !== n || data.T.length !== n || (data.weight && data.weight.length !== n))
    throw invalidValue("frequency, recency, T (and weights) must have the same number of rows");
  // Identical customers found by T, then t_x, then x (numeric keys: no strings per row).
  const rowOf = new Map<number, Map<number, Map<number, number>>>();
  const tx: number[] = [];
  const T: number[] = [];
  const w: number[] = [];
  const rowX: number[] = [];
  for (let i = 0; i < n; i++) {
    const weight = data.weight ? data.weight[i] : 1;
    if (!(weight >= 0 && weight < Infinity))
      throw invalidValue(`weights must be 0 or more (row ${i + 1})`);
    const x = data.frequency[i];
    const r = data.recency[i];
    const t = data.T[i];
    checkCustomer(x, r, t, i + 1);
    if (x === 0 && r !== 0)
      throw invalidValue(
        `recency must be 0 for a customer with no repeat purchases (row ${i + 1})`
      );
    if (weight === 0) continue;
    let byRecency = rowOf.get(t);
    if (byRecency === undefined) rowOf.set(t, (byRecency = new Map()));
    let byX = byRecency.get(r);
    if (byX === undefined) byRecency.set(r, (byX = new Map()));
    const k = byX.get(x);
    if (k !== undefined) {
      w[k] += weight;
      continue;
    }
    byX.set(x, w.length);
    rowX.push(x);
    tx.push(r);
    T.push(t);
    w.push(weight);
  }
  let totalWeight = 0;
  for (const weight of w) totalWeight += weight;
  return {
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    w: Float64Array.from(w),
    ...frequencyGroups(rowX, w),
    totalWeight,
  };
}

/** ln(1 + e^δ) without overflow. */
const softplus = (d: number) => (d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d)));

/**
 * LL, and optionally its gradient and Hessian on (ln r, ln α, ln a, ln b), of prepared data.
 * Derivatives are accumulated on the natural parameters, then moved to logs:
 *   ∂/∂θᵢ = pᵢ ∂/∂pᵢ,   ∂²/∂θᵢ∂θⱼ = pᵢ pⱼ ∂²/∂pᵢ∂pⱼ + [i=j] pᵢ ∂/∂pᵢ.
 */
function logLikelihood(
  d: Prepared,
  theta: Float64Array,
  grad: Float64Array | null,
  hess: Float64Array | null
): number {
  const r = Math.exp(theta[0]);
  const alpha = Math.exp(theta[1]);
  const a = Math.exp(theta[2]);
  const b = Math.exp(theta[3]);
  const want = grad !== null;
  const second = hess !== null;
  const G = [0, 0, 0, 0];
  const Hn = new Float64Array(16);
  const lnAlpha = Math.log(alpha);
  const lnA = Math.log(a);
  // The x-only terms, once per distinct x; ln(b+x−1) and 1/(b+x−1) kept for the rows.
  const groups = d.xs.length;
  const lnB1 = new Float64Array(groups);
  const invB1 = new Float64Array(groups);
  let ll = 0;
  const lgR = logGamma(r);
  const lgAB = logGamma(a + b);
  const lgB = logGamma(b);
  const psiR = want ? digamma(r) : 0;
  const psiAB = want ? digamma(a + b) : 0;
  const psiB = want ? digamma(b) : 0;
  const triR = second ? trigamma(r) : 0;
  const triAB = second ? trigamma(a + b) : 0;
  const triB = second ? trigamma(b) : 0;
  for (let g = 0; g < groups; g++) {
    const x = d.xs[g];
    const W = d.xw[g];
    ll += W * r * lnAlpha;
    if (x > 0) {
      ll += W * (logGamma(r + x) - lgR + lgAB - logGamma(a + b + x) + logGamma(b + x) - lgB);
      lnB1[g] = Math.log(b + x - 1);
      invB1[g] = 1 / (b + x - 1);
    }
    if (want) {
      G[0] += W * lnAlpha;
      G[1] += (W * r) / alpha;
      if (x > 0) {
        const dAB = psiAB - digamma(a + b + x);
        G[0] += W * (digamma(r + x) - psiR);
        G[2] += W * dAB;
        G[3] += W * (dAB + digamma(b + x) - psiB);
      }
    }
    if (second) {
      Hn[1] += W / alpha; // rα
      Hn[5] -= (W * r) / (alpha * alpha); // αα
      if (x > 0) {
        const tAB = triAB - trigamma(a + b + x);
        Hn[0] += W * (trigamma(r + x) - triR);
        Hn[10] += W * tAB;
        Hn[11] += W * tAB;
        Hn[15] += W * (tAB + trigamma(b + x) - triB);
      }
    }
  }
  // The per-customer part: ln(e^{A₃} + e^{A₄}) = A₃ + softplus(δ), δ = A₄ − A₃.
  const n = d.w.length;
  for (let i = 0; i < n; i++) {
    const w = d.w[i];
    const g = d.group[i];
    const x = d.xs[g];
    const k = r + x;
    const aT = alpha + d.T[i];
    const lT = Math.log(aT);
    if (x === 0) {
      ll -= w * k * lT;
      if (want) {
        G[0] -= w * lT;
        G[1] -= (w * k) / aT;
      }
      if (second) {
        Hn[1] -= w / aT;
        Hn[5] += (w * k) / (aT * aT);
      }
      continue;
    }
    const at = alpha + d.tx[i];
    const gap = Math.log1p((d.T[i] - d.tx[i]) / at); // ln(α+T) − ln(α+t_x) ≥ 0
    const delta = lnA - lnB1[g] + k * gap;
    ll += w * (softplus(delta) - k * lT);
    if (!want) continue;
    // π: the posterior weight of "dropped out after the last purchase" (1 − P(alive)).
    const pi = delta > 0 ? 1 / (1 + Math.exp(-delta)) : Math.exp(delta) / (1 + Math.exp(delta));
    const iT = 1 / aT;
    const it = 1 / at;
    const D0 = gap;
    const D1 = k * (iT - it);
    const D2 = 1 / a;
    const D3 = -invB1[g];
    G[0] += w * (-lT + pi * D0);
    G[1] += w * (-k * iT + pi * D1);
    G[2] += w * pi * D2;
    G[3] += w * pi * D3;
    if (!second) continue;
    const c = w * pi * (1 - pi);
    Hn[1] += w * (-iT + pi * (iT - it)) + c * D0 * D1;
    Hn[5] += w * (k * iT * iT + pi * k * (it * it - iT * iT)) + c * D1 * D1;
    Hn[0] += c * D0 * D0;
    Hn[2] += c * D0 * D2;
    Hn[3] += c * D0 * D3;
    Hn[6] += c * D1 * D2;
    Hn[7] += c * D1 * D3;
    Hn[10] += -w * pi * D2 * D2 + c * D2 * D2;
    Hn[11] += c * D2 * D3;
    Hn[15] += w * pi * D3 * D3 + c * D3 * D3;
  }
  toLogParameters([r, alpha, a, b], G, Hn, grad, hess);
  return ll;
}

const NAMES = ["r", "alpha", "a", "b"];

/** Why the likelihood has no finite maximum, read from where the climb was heading. */
function noMaximum(index: number, theta: Float64Array): Error {
  const [r, alpha, a, b] = Array.from(theta, Math.exp);
  const [lr, la, lA, lB] = theta;
  const lead = "no finite BG/NBD parameters fit these customers";
  const percent = (v: number) => `${(100 * v).toPrecision(3)}%`;
  if (a / (a + b) < 1e-6)
    return invalidNumber(
      `${lead}: the data shows no sign of customers dropping out (the dropout probability a/(a+b) falls towards 0)`
    );
  if (lA > 12 && lB > 12)
    return invalidNumber(
      `${lead}: the dropout probability does not vary between customers (a and b grow without bound together, a/(a+b) → ${percent(a / (a + b))})`
    );
  if (lA < -12 && lB < -12)
    return invalidNumber(
      `${lead}: customers split into those who never drop out and those who drop out at once (a and b fall towards 0 together)`
    );
  if (lB < -12)
    return invalidNumber(
      `${lead}: every repeat buyer looks like dropping out after one repeat purchase (b falls towards 0)`
    );
  if (lr > 12 && la > 12)
    return invalidNumber(
      `${lead}: purchase rates do not vary between customers (r and alpha grow without bound together, r/alpha → ${(r / alpha).toPrecision(3)} purchases per period)`
    );
  const up = theta[index] > 0;
  return invalidNumber(`${lead} (${NAMES[index]} runs towards ${up ? "infinity" : "0"})`);
}

/** A start from the data: r = 1, α from the mean purchase rate, dropout probability a/(a+b) = 1/4. */
function startingPoint(d: Prepared): number[] {
  let purchases = 0;
  let time = 0;
  for (let i = 0; i < d.w.length; i++) {
    purchases += d.w[i] * d.xs[d.group[i]];
    time += d.w[i] * d.T[i];
  }
  const rate = purchases / time;
  return [0, Math.log(1 / rate), 0, Math.log(3)];
}

/**
 * The maximum from the data's start; if that climb runs off to a limit, two other starts
 * (different dropout shapes) are tried, and a finite maximum they find is taken if it is at
 * least as high as the limit the first climb was approaching. Otherwise the first reason stands.
 */
function climb(d: Prepared) {
  const f = (theta: Float64Array, grad: Float64Array | null, hess: Float64Array | null) =>
    logLikelihood(d, theta, grad, hess);
  const floor = 1e-8 * d.totalWeight;
  const start = startingPoint(d);
  let limit = -Infinity;
  const recordLimit = (index: number, theta: Float64Array) => {
    limit = f(theta, null, null);
    return noMaximum(index, theta);
  };
  try {
    return maximiseLogParameters(start, f, recordLimit, floor);
  } catch (first) {
    if (limit === -Infinity) throw first;
    const boundary = limit;
    for (const [la, lb] of [
      [Math.log(0.2), Math.log(0.5)],
      [Math.log(5), Math.log(50)],
    ]) {
      try {
        const other = maximiseLogParameters([start[0], start[1], la, lb], f, noMaximum, floor);
        if (other.logLikelihood >= boundary - 1e-9 * (1 + Math.abs(boundary))) return other;
      } catch {
        // this start runs off too
      }
    }
    throw first;
  }
}

/** Fits r, α, a, b by maximum likelihood. */
export function fitBgNbd(data: CustomerSummary): BgNbdFit {
  const d = prepare(data);
  checkRepeatBuyers(d, "dropout");
  const best = climb(d);
  const [r, alpha, a, b] = Array.from(best.theta, Math.exp);
  return { r, alpha, a, b, logLikelihood: best.logLikelihood, iterations: best.iterations };
}

/** Σ weight × ln L at (r, α, a, b), as the fit maximises it (for tests and diagnostics). */
export function bgnbdLogLikelihood(
  data: CustomerSummary,
  r: number,
  alpha: number,
  a: number,
  b: number
): number {
  return logLikelihood(prepare(data), Float64Array.from([r, alpha, a, b], Math.log), null, null);
}

/**
 * The log-likelihood's gradient and Hessian on the natural parameters (r, α, a, b), from the
 * same analytic derivatives the fit climbs with (moved back from logs: ∂/∂pᵢ = gᵢ/pᵢ and
 * ∂²/∂pᵢ∂pⱼ = (Hᵢⱼ − [i=j] gᵢ)/(pᵢpⱼ)), and the customers' total weight. The fit's standard
 * errors start here (bgnbd-information.ts).
 */
export function bgnbdCurvature(
  data: CustomerSummary,
  parameters: readonly [r: number, alpha: number, a: number, b: number]
): Curvature {
  const d = prepare(data);
  return curvatureAt(parameters, d.totalWeight, (theta, g, h) => logLikelihood(d, theta, g, h));
}
