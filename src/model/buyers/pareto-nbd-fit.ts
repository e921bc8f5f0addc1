/**
 * Maximum-likelihood fit of the Pareto/NBD model to customers' (x, t_x, T), with weights
 * (counts of identical rows). Per customer (docs/definitions.md §12), in logs:
 *   ln L = lnΓ(r+x) − lnΓ(r) + r ln(α/(α+T)) − x ln(α+T) + s ln(β/(β+T)) + ln(1 + R),
 * with ln(1 + R) and its derivatives from pareto-nbd-likelihood.ts (two ₂F₁ per customer).
 * lnΓ terms are computed once per distinct x, and each tail K(τ) (pareto-nbd-likelihood.ts) once
 * per distinct (x, τ), shared by every customer who needs it. Newton on (ln r, ln α, ln s, ln β)
 * with the analytic gradient and Hessian (newton-maximise.ts), as the BG/NBD fit does.
 */
import { CustomerSummary } from "./bgnbd-fit";
import { checkParetoCustomer } from "./pareto-nbd";
import { deathOddsFromTails, logTail } from "./pareto-nbd-likelihood";
import { checkRepeatBuyers, Curvature, curvatureAt } from "./fit-checks-and-curvature";
import { FrequencyGroups, frequencyGroups } from "./frequency-groups";
import { invalidNumber, invalidValue } from "../errors";
import { digamma, logGamma, trigamma } from "../numerics/log-gamma";
import { maximiseLogParameters, toLogParameters } from "../numerics/newton-maximise";

export type { CustomerSummary };

export interface ParetoNbdFit {
  r: number;
  alpha: number;
  s: number;
  beta: number;
  /** Σ weight × ln L at the fitted parameters. */
  logLikelihood: number;
  iterations: number;
}

interface Prepared extends FrequencyGroups {
  tx: Float64Array;
  T: Float64Array;
  w: Float64Array;
  totalWeight: number;
  /**
   * The distinct (x, τ) whose tail K(τ) the likelihood needs (τ = t_x and τ = T of each
   * customer with t_x < T): customers of one cohort share T, and every x = 0 shares t_x = 0,
   * so there are far fewer tails (two ₂F₁ each) than customers.
   */
  tailX: Float64Array;
  tailTau: Float64Array;
  /** Each row's tail at t_x and at T (−1 when t_x ≥ T: no time to have died in). */
  atTx: Int32Array;
  atT: Int32Array;
}

/** Validates every row, drops weight-0 rows and merges identical customers (summing weights). */
function prepare(data: CustomerSummary): Prepared {
  const n = data.frequency.length;
  if (data.recency.length !== n || data.T.length !== n || (data.weight && data.weight.length !== n))
    throw invalidValue("frequency, recency, T (and weights) must have the same number of rows");
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
    checkParetoCustomer(x, r, t, i + 1);
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
  const tailOf = new Map<number, Map<number, number>>();
  const tailX: number[] = [];
  const tailTau: number[] = [];
  const tail = (x: number, tau: number) => {
    let byTau = tailOf.get(x);
    if (byTau === undefined) tailOf.set(x, (byTau = new Map()));
    let k = byTau.get(tau);
    if (k === undefined) {
      byTau.set(tau, (k = tailX.length));
      tailX.push(x);
      tailTau.push(tau);
    }
    return k;
  };
  const atTx = new Int32Array(w.length).fill(-1);
  const atT = new Int32Array(w.length).fill(-1);
  for (let i = 0; i < w.length; i++) {
    if (tx[i] >= T[i]) continue;
    atTx[i] = tail(rowX[i], tx[i]);
    atT[i] = tail(rowX[i], T[i]);
  }
  return {
    tx: Float64Array.from(tx),
    T: Float64Array.from(T),
    w: Float64Array.from(w),
    ...frequencyGroups(rowX, w),
    totalWeight,
    tailX: Float64Array.from(tailX),
    tailTau: Float64Array.from(tailTau),
    atTx,
    atT,
  };
}

const gi = new Float64Array(4);
const hi = new Float64Array(16);
/** ln K, its gradients and Hessians at every tail of the data (grown as needed, reused). */
let tailK = new Float64Array(0);
let tailG = new Float64Array(0);
let tailH = new Float64Array(0);

/**
 * Past s = e^8 (about 3,000) every customer has the same death rate s/β to within
 * 1/√s < 2%: the likelihood is flat along that ridge and the climb has found no finite
 * maximum. The line search is kept out (LL = −∞ there), so it stops at the edge and the fit
 * says why, rather than crawling on through ever slower ₂F₁ (z → 1 as β/α grows).
 */
const RIDGE = 8;

/** LL, and optionally its gradient and Hessian on (ln r, ln α, ln s, ln β). */
function logLikelihood(
  d: Prepared,
  theta: Float64Array,
  grad: Float64Array | null,
  hess: Float64Array | null
): number {
  if (theta[0] > RIDGE || theta[2] > RIDGE) return -Infinity; // and the same for r: purchase rates
  const r = Math.exp(theta[0]);
  const alpha = Math.exp(theta[1]);
  const s = Math.exp(theta[2]);
  const beta = Math.exp(theta[3]);
  const want = grad !== null;
  const second = hess !== null;
  const G = new Float64Array(4);
  const Hn = new Float64Array(16);
  let ll = 0;
  const lgR = logGamma(r);
  const psiR = want ? digamma(r) : 0;
  const triR = second ? trigamma(r) : 0;
  for (let g = 0; g < d.xs.length; g++) {
    const x = d.xs[g];
    if (x === 0) continue;
    const W = d.xw[g];
    ll += W * (logGamma(r + x) - lgR);
    if (want) G[0] += W * (digamma(r + x) - psiR);
    if (second) Hn[0] += W * (trigamma(r + x) - triR);
  }
  const tails = d.tailX.length;
  if (tailK.length < tails) {
    tailK = new Float64Array(tails);
    tailG = new Float64Array(4 * tails);
    tailH = new Float64Array(16 * tails);
  }
  for (let p = 0; p < tails; p++) {
    tailK[p] = logTail(
      d.tailX[p],
      d.tailTau[p],
      r,
      alpha,
      s,
      beta,
      want ? gi : null,
      second ? hi : null
    );
    if (want) tailG.set(gi, 4 * p);
    if (second) tailH.set(hi, 16 * p);
  }
  const lnAlpha = Math.log(alpha);
  const lnBeta = Math.log(beta);
  for (let i = 0; i < d.w.length; i++) {
    const w = d.w[i];
    const x = d.xs[d.group[i]];
    const T = d.T[i];
    const k = r + x;
    const lAT = Math.log(alpha + T);
    const lBT = Math.log(beta + T);
    const pt = d.atTx[i];
    let odds = 0;
    if (pt >= 0) {
      const pT = d.atT[i];
      odds = deathOddsFromTails(
        x,
        d.tx[i],
        T,
        r,
        alpha,
        s,
        beta,
        tailK[pt],
        tailK[pT],
        tailG,
        tailH,
        pt,
        pT,
        want ? gi : null,
        second ? hi : null
      );
    } else {
      gi.fill(0);
      hi.fill(0);
    }
    ll += w * (r * lnAlpha - k * lAT + s * (lnBeta - lBT) + odds);
    if (!want) continue;
    const iA = 1 / (alpha + T);
    const iB = 1 / (beta + T);
    G[0] += w * (lnAlpha - lAT + gi[0]);
    G[1] += w * (r / alpha - k * iA + gi[1]);
    G[2] += w * (lnBeta - lBT + gi[2]);
    G[3] += w * (s / beta - s * iB + gi[3]);
    if (!second) continue;
    // The upper triangle is all toLogParameters reads.
    for (let a = 0; a < 4; a++) for (let b = a; b < 4; b++) Hn[a * 4 + b] += w * hi[a * 4 + b];
    Hn[1] += w * (1 / alpha - iA);
    Hn[5] += w * (-r / (alpha * alpha) + k * iA * iA);
    Hn[11] += w * (1 / beta - iB);
    Hn[15] += w * (-s / (beta * beta) + s * iB * iB);
  }
  toLogParameters([r, alpha, s, beta], G, Hn, grad, hess);
  return ll;
}

const NAMES = ["r", "alpha", "s", "beta"];

/** Why the likelihood has no finite maximum, read from where the climb was heading. */
function noMaximum(index: number, theta: Float64Array): Error {
  const [r, alpha, s, beta] = Array.from(theta, Math.exp);
  const [lr, , ls, lb] = theta;
  const lead = "no finite Pareto/NBD parameters fit these customers";
  if (s / beta < 1e-9 || (ls < -12 && lb < 12))
    return invalidNumber(
      `${lead}: the data shows no sign of customers dying (the mean death rate s/beta falls towards 0)`
    );
  if (ls > RIDGE - 0.5)
    return invalidNumber(
      `${lead}: death rates do not vary between customers (s and beta grow without bound together, s/beta → ${(s / beta).toPrecision(3)} per period)`
    );
  if (lr > RIDGE - 0.5)
    return invalidNumber(
      `${lead}: purchase rates do not vary between customers (r and alpha grow without bound together, r/alpha → ${(r / alpha).toPrecision(3)} purchases per period)`
    );
  const up = theta[index] > 0;
  return invalidNumber(`${lead} (${NAMES[index]} runs towards ${up ? "infinity" : "0"})`);
}

/** A start from the data: r = s = 1, α from the mean purchase rate, β from the mean T. */
function startingPoint(d: Prepared): number[] {
  let purchases = 0;
  let time = 0;
  for (let i = 0; i < d.w.length; i++) {
    purchases += d.w[i] * d.xs[d.group[i]];
    time += d.w[i] * d.T[i];
  }
  const rate = purchases / time;
  const meanT = time / d.totalWeight;
  return [0, Math.log(1 / rate), 0, Math.log(Math.max(meanT, 1e-6))];
}

/** The climb accepted a point at the ridge's edge (ln r or ln s past RIDGE − EDGE). */
class AtRidge {
  constructor(readonly theta: Float64Array) {}
}
const EDGE = 0.05;

function climb(d: Prepared) {
  // Newton asks for the Hessian only at the points it accepts: one at the ridge's edge means the
  // climb is running along the ridge. It stops there at once: crawling the last steps towards
  // RIDGE with halved steps costs seconds (z → 1 in every ₂F₁) and ends in the same #NUM!.
  const f = (theta: Float64Array, grad: Float64Array | null, hess: Float64Array | null) => {
    if (hess && (theta[0] > RIDGE - EDGE || theta[2] > RIDGE - EDGE))
      throw new AtRidge(Float64Array.from(theta));
    return logLikelihood(d, theta, grad, hess);
  };
  const floor = 1e-8 * d.totalWeight;
  const start = startingPoint(d);
  let limit = -Infinity;
  const recordLimit = (index: number, theta: Float64Array) => {
    limit = logLikelihood(d, theta, null, null);
    return noMaximum(index, theta);
  };
  const ridgeLimit = (e: unknown) => {
    if (!(e instanceof AtRidge)) throw e;
    return recordLimit(e.theta[2] > RIDGE - EDGE ? 2 : 0, e.theta);
  };
  try {
    try {
      return maximiseLogParameters(start, f, recordLimit, floor);
    } catch (e) {
      throw ridgeLimit(e);
    }
  } catch (first) {
    if (limit === -Infinity) throw first;
    const boundary = limit;
    // Other lifetimes: short (β a tenth of the mean T) and long (β ten times it).
    for (const shift of [Math.log(0.1), Math.log(10)]) {
      try {
        const other = maximiseLogParameters(
          [start[0], start[1], start[2], start[3] + shift],
          f,
          noMaximum,
          floor
        );
        if (other.logLikelihood >= boundary - 1e-9 * (1 + Math.abs(boundary))) return other;
      } catch {
        // this start runs off too
      }
    }
    throw first;
  }
}

/** Fits r, α, s, β by maximum likelihood. */
export function fitParetoNbd(data: CustomerSummary): ParetoNbdFit {
  const d = prepare(data);
  checkRepeatBuyers(d, "death");
  const best = climb(d);
  // A climb that stopped at the ridge's edge found the flat ridge, not a maximum.
  if (best.theta[2] > RIDGE - 0.05) throw noMaximum(2, best.theta);
  if (best.theta[0] > RIDGE - 0.05) throw noMaximum(0, best.theta);
  const [r, alpha, s, beta] = Array.from(best.theta, Math.exp);
  return { r, alpha, s, beta, logLikelihood: best.logLikelihood, iterations: best.iterations };
}

/** Σ weight × ln L at (r, α, s, β), as the fit maximises it (for tests and diagnostics). */
export function paretoNbdLogLikelihood(
  data: CustomerSummary,
  r: number,
  alpha: number,
  s: number,
  beta: number
): number {
  return logLikelihood(prepare(data), Float64Array.from([r, alpha, s, beta], Math.log), null, null);
}

/**
 * The log-likelihood's gradient and Hessian on (r, α, s, β) themselves, from the analytic
 * derivatives the fit climbs with, and the customers' total weight (pareto-nbd-information.ts).
 */
export function paretoNbdCurvature(
  data: CustomerSummary,
  parameters: readonly [r: number, alpha: number, s: number, beta: number]
): Curvature {
  const d = prepare(data);
  return curvatureAt(parameters, d.totalWeight, (theta, g, h) => logLikelihood(d, theta, g, h));
}
