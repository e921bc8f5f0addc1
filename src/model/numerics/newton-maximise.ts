/**
 * Maximises a smooth log-likelihood over log-parameters θ = ln(parameters) with Newton steps,
 * Levenberg damping where −H is not positive definite, and a backtracking line search: the
 * engine behind the BG/NBD and Gamma-Gamma fits (a few parameters, analytic derivatives).
 * Working on logs keeps every parameter positive without constraints; a log-parameter that
 * runs past ±LOG_LIMIT means the likelihood has no finite maximum, and the caller explains why.
 */
import { invalidNumber } from "../errors";

/**
 * LL at θ; when `gradient` is given, also ∂LL/∂θ into it; when `hessian` is given (row-major
 * n×n), also ∂²LL/∂θ². Non-finite LL means "outside the model": the line search steps back.
 */
export type LogLikelihood = (
  theta: Float64Array,
  gradient: Float64Array | null,
  hessian: Float64Array | null
) => number;

export interface Maximum {
  theta: Float64Array;
  logLikelihood: number;
  gradient: Float64Array;
  iterations: number;
}

/** |ln parameter| beyond this (a parameter above 1e13 or below 1e-13): no finite maximum. */
export const LOG_LIMIT = 30;
const MAX_ITERATIONS = 200;
/** Longest step on any log-parameter, so exp() never overflows mid-search. */
const MAX_STEP = 3;
/** A pure Newton step this short: converged (quadratically, so the next error is ~1e-16). */
const STEP_TOLERANCE = 1e-9;

/** Solves A·d = g for symmetric A (row-major n×n) by Cholesky; false when A is not positive definite. */
function choleskySolve(n: number, A: Float64Array, g: Float64Array, d: Float64Array): boolean {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * n + j];
      for (let k = 0; k < j; k++) s -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(s > 0)) return false;
        L[i * n + i] = Math.sqrt(s);
      } else {
        L[i * n + j] = s / L[j * n + j];
      }
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = g[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * d[k];
    d[i] = s / L[i * n + i];
  }
  return true;
}

/**
 * Climbs from `start` (log-parameters) to the maximum of `logLikelihood`. `noMaximum(i, θ)`
 * builds the error thrown when log-parameter i runs off to ±∞ (the supremum is a limit), which
 * shows either as |θᵢ| > LOG_LIMIT or as a likelihood gone flat along θᵢ: curvature
 * −∂²LL/∂θᵢ² at or below `curvatureFloor` where the climb stops (a real maximum of N
 * customers' likelihood has curvature of order N on log-parameters; a drift towards a = 0
 * has curvature of order a).
 */
export function maximiseLogParameters(
  start: readonly number[],
  logLikelihood: LogLikelihood,
  noMaximum: (index: number, theta: Float64Array) => Error,
  curvatureFloor: number
): Maximum {
  const n = start.length;
  let theta = Float64Array.from(start);
  const g = new Float64Array(n);
  const H = new Float64Array(n * n);
  const A = new Float64Array(n * n);
  const d = new Float64Array(n);
  const trial = new Float64Array(n);
  let ll = logLikelihood(theta, null, null);
  if (!Number.isFinite(ll))
    throw invalidNumber("the fit cannot start: the likelihood is not finite");
  let stalled = 0;
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    ll = logLikelihood(theta, g, H);
    // Newton on −H, shifted by μ·(1 + max|diag|) until positive definite (Levenberg–Marquardt).
    let mu = 0;
    let maxDiag = 0;
    for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(H[i * n + i]));
    for (;;) {
      for (let i = 0; i < n * n; i++) A[i] = -H[i];
      for (let i = 0; i < n; i++) A[i * n + i] += mu * (1 + maxDiag);
      if (choleskySolve(n, A, g, d)) break;
      mu = mu === 0 ? 1e-10 : mu * 10;
      if (mu > 1e10)
        throw invalidNumber("the fit failed: the likelihood's curvature is not finite");
    }
    let longest = 0;
    for (let i = 0; i < n; i++) longest = Math.max(longest, Math.abs(d[i]));
    if (!(longest < Infinity)) throw invalidNumber("the fit failed: the Newton step is not finite");
    const pureNewton = mu === 0;
    if (longest > MAX_STEP) for (let i = 0; i < n; i++) d[i] *= MAX_STEP / longest;
    let slope = 0;
    for (let i = 0; i < n; i++) slope += g[i] * d[i];
    const rounding = 1e-14 * (1 + Math.abs(ll));
    // Near the top the gain is below LL's own rounding: trust the full Newton step there.
    const belowRounding = pureNewton && 0.5 * slope <= rounding;
    let step = 1;
    let gain = -Infinity;
    for (let halvings = 0; halvings < 60; halvings++) {
      for (let i = 0; i < n; i++) trial[i] = theta[i] + step * d[i];
      const next = logLikelihood(trial, null, null);
      if (
        next >= ll + 1e-4 * step * slope ||
        (belowRounding && halvings === 0 && next >= ll - rounding)
      ) {
        gain = next - ll;
        theta = Float64Array.from(trial);
        ll = next;
        break;
      }
      step /= 2;
    }
    // Gains lost in rounding for a few steps running: the climb has stopped moving LL.
    stalled = gain <= rounding ? stalled + 1 : 0;
    if (gain === -Infinity || stalled >= 3 || (pureNewton && longest <= STEP_TOLERANCE))
      return finish(theta, logLikelihood, noMaximum, curvatureFloor, iteration);
    for (let i = 0; i < n; i++) if (Math.abs(theta[i]) > LOG_LIMIT) throw noMaximum(i, theta);
  }
  throw invalidNumber("the fit did not converge");
}

/**
 * Accepts the point where the climb stopped only if it is a maximum: −H positive definite with
 * every eigenvalue above `curvatureFloor`, and the Newton decrement gᵀ(−H)⁻¹g (twice the gain
 * a further Newton step promises) at rounding level. A climb that stalled on a ridge running
 * to infinity fails one or the other.
 */
function finish(
  theta: Float64Array,
  logLikelihood: LogLikelihood,
  noMaximum: (index: number, theta: Float64Array) => Error,
  curvatureFloor: number,
  iterations: number
): Maximum {
  const n = theta.length;
  const gradient = new Float64Array(n);
  const H = new Float64Array(n * n);
  const ll = logLikelihood(theta, gradient, H);
  let flattest = 0;
  for (let i = 1; i < n; i++) if (-H[i * n + i] < -H[flattest * n + flattest]) flattest = i;
  const A = H.map((h) => -h);
  for (let i = 0; i < n; i++) A[i * n + i] -= curvatureFloor;
  const step = new Float64Array(n);
  if (!choleskySolve(n, A, gradient, step)) throw noMaximum(flattest, theta);
  let decrement = 0;
  for (let i = 0; i < n; i++) decrement += gradient[i] * step[i];
  if (!(decrement <= 1e-9 * (1 + Math.abs(ll)))) throw noMaximum(flattest, theta);
  return { theta, logLikelihood: ll, gradient, iterations };
}

/**
 * Moves LL's derivatives on the natural parameters p (gradient G, row-major Hessian H, of which
 * the upper triangle is read) to the log-parameters θ = ln p the climb works on, into `gradient`
 * and `hessian` when given:
 *   ∂/∂θᵢ = pᵢ ∂/∂pᵢ,   ∂²/∂θᵢ∂θⱼ = pᵢ pⱼ ∂²/∂pᵢ∂pⱼ + [i=j] pᵢ ∂/∂pᵢ.
 */
export function toLogParameters(
  p: readonly number[],
  G: ArrayLike<number>,
  H: ArrayLike<number>,
  gradient: Float64Array | null,
  hessian: Float64Array | null
): void {
  if (!gradient) return;
  const n = p.length;
  for (let i = 0; i < n; i++) gradient[i] = p[i] * G[i];
  if (!hessian) return;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const h = p[i] * p[j] * H[i * n + j] + (i === j ? p[i] * G[i] : 0);
      hessian[i * n + j] = h;
      hessian[j * n + i] = h;
    }
  }
}
