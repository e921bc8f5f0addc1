/**
 * Maximum-likelihood fit of the MBG/NBD model (Batislam, Denizel & Filiztekin 2007;
 * docs/definitions.md, MBG/NBD) to customers' (x, t_x, T). It is BG/NBD with one more dropout
 * coin: a customer may also drop out right after the first purchase, at time 0, so even a
 * customer with no repeat purchase may be gone. Per customer, in logs:
 *   ln L = A₁ + A₂ + A₃ + softplus(δ),
 *   A₁ = lnΓ(r+x) − lnΓ(r) + r ln α,        A₂ = ln B(a, b+x+1) − ln B(a, b),
 *   A₃ = −(r+x) ln(α+T),                    δ = ln a − ln(b+x) + (r+x) ln((α+T)/(α+t_x)),
 * for every x, x = 0 included (with t_x = 0). The customers are prepared (validated, merged,
 * grouped by x) as for BG/NBD, and the climb is the same Newton on (ln r, ln α, ln a, ln b)
 * with the analytic gradient and Hessian.
 */
import { checkRepeatBuyers, Curvature, curvatureAt } from "./fit-checks-and-curvature";
import { CustomerSummary, prepare, Prepared } from "./bgnbd-fit";
import { invalidNumber } from "../errors";
import { digamma, logGamma, trigamma } from "../numerics/log-gamma";
import {
  LogLikelihood,
  Maximum,
  maximiseLogParameters,
  toLogParameters,
} from "../numerics/newton-maximise";

export interface MbgNbdFit {
  r: number;
  alpha: number;
  a: number;
  b: number;
  /** Σ weight × ln L at the fitted parameters. */
  logLikelihood: number;
  iterations: number;
}

/** ln(1 + e^δ) without overflow. */
const softplus = (d: number) => (d > 0 ? d + Math.log1p(Math.exp(-d)) : Math.log1p(Math.exp(d)));

/** LL and optionally its gradient and Hessian on (ln r, ln α, ln a, ln b). */
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
  const groups = d.xs.length;
  // ln(b+x) and 1/(b+x) per distinct x, for the rows.
  const lnBx = new Float64Array(groups);
  const invBx = new Float64Array(groups);
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
    lnBx[g] = Math.log(b + x);
    invBx[g] = 1 / (b + x);
    ll +=
      W *
      (r * lnAlpha +
        logGamma(r + x) -
        lgR +
        lgAB -
        logGamma(a + b + x + 1) +
        logGamma(b + x + 1) -
        lgB);
    if (want) {
      const dAB = psiAB - digamma(a + b + x + 1);
      G[0] += W * (lnAlpha + digamma(r + x) - psiR);
      G[1] += (W * r) / alpha;
      G[2] += W * dAB;
      G[3] += W * (dAB + digamma(b + x + 1) - psiB);
    }
    if (second) {
      const tAB = triAB - trigamma(a + b + x + 1);
      Hn[0] += W * (trigamma(r + x) - triR);
      Hn[1] += W / alpha;
      Hn[5] -= (W * r) / (alpha * alpha);
      Hn[10] += W * tAB;
      Hn[11] += W * tAB;
      Hn[15] += W * (tAB + trigamma(b + x + 1) - triB);
    }
  }
  const n = d.w.length;
  for (let i = 0; i < n; i++) {
    const w = d.w[i];
    const g = d.group[i];
    const k = r + d.xs[g];
    const aT = alpha + d.T[i];
    const at = alpha + d.tx[i];
    const lT = Math.log(aT);
    const gap = Math.log1p((d.T[i] - d.tx[i]) / at); // ln(α+T) − ln(α+t_x) ≥ 0
    const delta = lnA - lnBx[g] + k * gap;
    ll += w * (softplus(delta) - k * lT);
    if (!want) continue;
    // π: the posterior weight of "dropped out after the last purchase" (1 − P(alive)).
    const pi = delta > 0 ? 1 / (1 + Math.exp(-delta)) : Math.exp(delta) / (1 + Math.exp(delta));
    const iT = 1 / aT;
    const it = 1 / at;
    const D0 = gap;
    const D1 = k * (iT - it);
    const D2 = 1 / a;
    const D3 = -invBx[g];
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
  const lead = "no finite MBG/NBD parameters fit these customers";
  if (a / (a + b) < 1e-6)
    return invalidNumber(
      `${lead}: the data shows no sign of customers dropping out (the dropout probability a/(a+b) falls towards 0)`
    );
  // Both past e^8 ≈ 3,000 (the climb may stop there, the likelihood flat to its floor), the
  // Beta (or Gamma) has a spread under 2% of its mean: one value, as the message says.
  if (theta[2] > 8 && theta[3] > 8)
    return invalidNumber(
      `${lead}: the dropout probability does not vary between customers (a and b grow without bound together, a/(a+b) → ${((100 * a) / (a + b)).toPrecision(3)}%)`
    );
  if (theta[2] < -8 && theta[3] < -8)
    return invalidNumber(
      `${lead}: customers split into those who never drop out and those who drop out at once (a and b fall towards 0 together)`
    );
  if (theta[0] > 8 && theta[1] > 8)
    return invalidNumber(
      `${lead}: purchase rates do not vary between customers (r and alpha grow without bound together, r/alpha → ${(r / alpha).toPrecision(3)} purchases per period)`
    );
  const up = theta[index] > 0;
  return invalidNumber(`${lead} (${NAMES[index]} runs towards ${up ? "infinity" : "0"})`);
}

/**
 * The maximum from the first start; if that climb runs off to a limit, the other starts are
 * tried. A finite maximum they find is taken only if it is at least as high as every limit a
 * climb was approaching (a lower one is a local maximum, not the fit). Otherwise the reason of
 * the highest limit stands: the likelihood's supremum lies out along that ridge, not along one
 * a lower climb happened to take. The BG/BB fit climbs the same way.
 */
export function maximiseFromStarts(
  starts: readonly (readonly number[])[],
  f: LogLikelihood,
  noMaximum: (index: number, theta: Float64Array) => Error,
  curvatureFloor: number
): Maximum {
  let limit = -Infinity;
  const recordLimit = (index: number, theta: Float64Array) => {
    limit = f(theta, null, null);
    return noMaximum(index, theta);
  };
  try {
    return maximiseLogParameters(starts[0], f, recordLimit, curvatureFloor);
  } catch (first) {
    if (limit === -Infinity) throw first;
    let highest = { limit, reason: first };
    for (const start of starts.slice(1)) {
      limit = -Infinity;
      try {
        const other = maximiseLogParameters(start, f, recordLimit, curvatureFloor);
        const boundary = highest.limit;
        if (other.logLikelihood >= boundary - 1e-9 * (1 + Math.abs(boundary))) return other;
      } catch (e) {
        // this start runs off too
        if (limit > highest.limit) highest = { limit, reason: e };
      }
    }
    throw highest.reason;
  }
}

/**
 * r = 1, α from the mean purchase rate, and four dropout shapes; the last, a = b = 0.05, heads
 * for the split (a and b → 0) that the others pass by when its limit is the highest.
 */
function climb(d: Prepared): Maximum {
  const f = (theta: Float64Array, grad: Float64Array | null, hess: Float64Array | null) =>
    logLikelihood(d, theta, grad, hess);
  let purchases = 0;
  let time = 0;
  for (let i = 0; i < d.w.length; i++) {
    purchases += d.w[i] * d.xs[d.group[i]];
    time += d.w[i] * d.T[i];
  }
  const lnScale = Math.log(time / purchases);
  const starts = [
    [0, Math.log(3)],
    [Math.log(0.2), Math.log(0.5)],
    [Math.log(5), Math.log(50)],
    [Math.log(0.05), Math.log(0.05)],
  ].map(([la, lb]) => [0, lnScale, la, lb]);
  return maximiseFromStarts(starts, f, noMaximum, 1e-8 * d.totalWeight);
}

/** Fits r, α, a, b of the MBG/NBD model by maximum likelihood. */
export function fitMbgNbd(data: CustomerSummary): MbgNbdFit {
  const d = prepare(data);
  checkRepeatBuyers(d, "dropout");
  const best = climb(d);
  const [r, alpha, a, b] = Array.from(best.theta, Math.exp);
  return { r, alpha, a, b, logLikelihood: best.logLikelihood, iterations: best.iterations };
}

/** Σ weight × ln L at (r, α, a, b), as the fit maximises it. */
export function mbgnbdLogLikelihood(
  data: CustomerSummary,
  r: number,
  alpha: number,
  a: number,
  b: number
): number {
  return logLikelihood(prepare(data), Float64Array.from([r, alpha, a, b], Math.log), null, null);
}

/**
 * The log-likelihood's gradient and Hessian on (r, α, a, b) themselves, from the analytic
 * derivatives the fit climbs with, and the customers' total weight (for the standard errors).
 */
export function mbgnbdCurvature(
  data: CustomerSummary,
  parameters: readonly [r: number, alpha: number, a: number, b: number]
): Curvature {
  const d = prepare(data);
  return curvatureAt(parameters, d.totalWeight, (theta, g, h) => logLikelihood(d, theta, g, h));
}

/** Minus the Hessian at the fit: the observed information, inverted for the standard errors. */
export function mbgnbdInformation(
  data: CustomerSummary,
  fit: { r: number; alpha: number; a: number; b: number }
): { information: number[][]; logLikelihood: number; customers: number } {
  const c = mbgnbdCurvature(data, [fit.r, fit.alpha, fit.a, fit.b]);
  return {
    information: c.hessian.map((row) => row.map((h) => -h)),
    logLikelihood: c.logLikelihood,
    customers: c.customers,
  };
}
