/**
 * Maximum-likelihood fit of the sBG model to one cohort's survivors n_0 ≥ n_1 ≥ … ≥ n_k.
 *
 * Grouping the domain's LL = Σ_t (n_{t−1} − n_t)·ln P(T=t) + n_k·ln S(k) by factor gives
 *   LL(α, β) = (n_0 − n_k)·ln α + Σ_{j=0..k−1} [ n_{j+1}·ln(β+j) − n_j·ln(α+β+j) ],
 * (each period, n_j customers at risk, n_{j+1} renew with probability (β+j)/(α+β+j)),
 * so the gradient and Hessian on u = ln α, v = ln β are short sums of rational terms:
 * no digamma or trigamma needed. Newton with Levenberg damping and a backtracking line
 * search climbs from the best of a few cheap starts.
 *
 * The likelihood is scale-free (counts or percentages give the same α, β), so the data is
 * divided by n_0 first. Cohorts with no finite maximum are rejected with #NUM!:
 * - no one leaves (LL grows as α → 0);
 * - everyone leaves in period 1, or no one leaves after it (LL grows as β → 0 or α, β → 0);
 * - retention that does not rise with tenure: the supremum lies at α, β → ∞ with α/(α+β)
 *   fixed, i.e. constant retention, whose likelihood `geometricLogLikelihood` gives. Every
 *   other edge of the (u, v) plane has LL → −∞, so a finite point that beats the constant-
 *   retention limit proves the maximum is finite, and one that does not proves it is not.
 */
import { invalidNumber } from "./errors";

export interface SbgFit {
  alpha: number;
  beta: number;
  /** Log-likelihood of the data as given (counts or percentages), at the fitted α, β. */
  logLikelihood: number;
  /** Newton iterations used. */
  iterations: number;
}

const MAX_ITERATIONS = 100;
/** Each gradient component below this share of the terms it sums is rounding noise. */
const GRADIENT_TOLERANCE = 1e-14;
/** An undamped Newton step this short on ln α, ln β: converged (quadratically, so far closer). */
const STEP_TOLERANCE = 1e-9;
/** ln α or ln β beyond this: the climb is heading for the constant-retention limit. */
const LOG_PARAMETER_LIMIT = 27;
/** Longest Newton step on ln α, ln β, so exp() never overflows mid-search. */
const MAX_STEP = 4;

/**
 * Validates the survivors and returns n_0..n_k divided by n_0, k = calibration periods
 * (omitted: all). The whole series is validated, holdout included: it must be one cohort.
 */
export function cohortProportions(
  survivors: readonly number[],
  calibrationPeriods: number | null = null
): Float64Array {
  const periods = survivors.length - 1;
  if (periods < 2)
    throw invalidNumber(
      "survivors needs the cohort size and at least 2 periods after it (3 or more numbers)"
    );
  for (let i = 0; i <= periods; i++) {
    const n = survivors[i];
    if (!Number.isFinite(n)) throw invalidNumber(`survivors must be finite numbers (period ${i})`);
    if (n < 0) throw invalidNumber(`survivors cannot be negative (${n} at period ${i})`);
    if (i > 0 && n > survivors[i - 1]) {
      throw invalidNumber(
        `survivors rise from ${survivors[i - 1]} at period ${i - 1} to ${n} at period ${i}: a cohort can only shrink`
      );
    }
  }
  const size = survivors[0];
  if (!(size > 0))
    throw invalidNumber("the cohort size (the first survivors value) must be greater than 0");
  let k = periods;
  if (calibrationPeriods !== null) {
    if (!(calibrationPeriods >= 2 && calibrationPeriods < Infinity))
      throw invalidNumber("calibration_periods must be at least 2");
    k = Math.trunc(calibrationPeriods);
    if (k > periods)
      throw invalidNumber(
        `calibration_periods (${k}) exceeds the ${periods} periods after the cohort size in survivors`
      );
  }
  const x = new Float64Array(k + 1);
  for (let j = 0; j <= k; j++) x[j] = survivors[j] / size;
  x[0] = 1;
  return x;
}

/** LL at u = ln α, v = ln β for proportions x (no derivatives: the line search's probe). */
function logLikelihoodAt(x: Float64Array, alpha: number, beta: number): number {
  const k = x.length - 1;
  const s = alpha + beta;
  let ll = (x[0] - x[k]) * Math.log(alpha);
  for (let j = 0; j < k; j++) {
    if (x[j + 1] > 0) ll += x[j + 1] * Math.log(beta + j);
    ll -= x[j] * Math.log(s + j);
  }
  return ll;
}

/**
 * Gradient and Hessian of LL on (ln α, ln β), written into out = [gu, gv, huu, huv, hvv,
 * scale of gu, scale of gv]; the scales (sums of the magnitudes of the terms) make the
 * convergence test independent of how small the cohort's numbers are.
 */
function derivativesAt(x: Float64Array, alpha: number, beta: number, out: Float64Array): void {
  const k = x.length - 1;
  const s = alpha + beta;
  let p = 0; // Σ n_j/(s+j)
  let q = 0; // Σ n_j/(s+j)²
  let r1 = 0; // Σ n_{j+1}/(β+j)
  let r2 = 0; // Σ n_{j+1}/(β+j)²
  let retainedShare = 0; // Σ n_j (β+j)/(s+j)²: keeps ∂²/∂u² free of cancellation
  for (let j = 0; j < k; j++) {
    const a = 1 / (s + j);
    const b = 1 / (beta + j);
    p += x[j] * a;
    q += x[j] * a * a;
    r1 += x[j + 1] * b;
    r2 += x[j + 1] * b * b;
    retainedShare += x[j] * (beta + j) * a * a;
  }
  out[0] = x[0] - x[k] - alpha * p;
  out[1] = beta * (r1 - p);
  out[2] = -alpha * retainedShare; // = α²·∂²LL/∂α² + α·∂LL/∂α, always < 0
  out[3] = alpha * beta * q;
  out[4] = beta * beta * (q - r2) + beta * (r1 - p);
  out[5] = x[0] - x[k] + alpha * p;
  out[6] = beta * (r1 + p);
}

/** The constant-retention (α, β → ∞) limit of LL: geometric churn at its own MLE. */
function geometricLogLikelihood(x: Float64Array): { ll: number; retention: number } {
  const k = x.length - 1;
  let exposure = 0;
  for (let j = 0; j < k; j++) exposure += x[j];
  const leavers = x[0] - x[k];
  const churn = leavers / exposure;
  const ll =
    leavers * Math.log(churn) +
    (exposure - leavers > 0 ? (exposure - leavers) * Math.log1p(-churn) : 0);
  return { ll, retention: 1 - churn };
}

function rejectDegenerate(x: Float64Array): void {
  const k = x.length - 1;
  if (x[k] === x[0])
    throw invalidNumber(
      "no one leaves the cohort, so no finite alpha and beta fit it (retention is 100%)"
    );
  if (x[1] === 0)
    throw invalidNumber(
      "everyone leaves in the first period, so no finite alpha and beta fit the cohort"
    );
  if (x[1] === x[k]) {
    throw invalidNumber(
      "no one leaves after the first period: the cohort splits into customers who leave at once and customers who never leave, which no finite alpha and beta describe"
    );
  }
}

/** The best of a method-of-moments start (first two retention rates) and a few scales around constant churn. */
function startingPoint(x: Float64Array, churn: number): [number, number] {
  const candidates: Array<[number, number]> = [];
  const r1 = x[1] / x[0];
  const r2 = x[2] / x[1];
  if (r2 > r1 && r1 < 1) {
    // r1 = β/(α+β), r2 = (β+1)/(α+β+1) solved for α, β.
    const s = Math.max((1 - r2) / (r2 - r1), 1e-3);
    candidates.push([(1 - r1) * s, r1 * s]);
  }
  for (const s of [0.3, 3, 30]) candidates.push([churn * s, (1 - churn) * s]);
  let best = candidates[0];
  let bestLl = -Infinity;
  for (const [a, b] of candidates) {
    const ll = logLikelihoodAt(x, a, b);
    if (ll > bestLl) {
      bestLl = ll;
      best = [a, b];
    }
  }
  return best;
}

/**
 * Fits α, β by maximum likelihood. survivors are n_0, n_1, …, n_K (counts or percentages);
 * calibrationPeriods k (2 ≤ k ≤ K) fits on n_0..n_k only, the rest being holdout.
 */
export function fitSbg(
  survivors: readonly number[],
  calibrationPeriods: number | null = null
): SbgFit {
  const x = cohortProportions(survivors, calibrationPeriods);
  rejectDegenerate(x);
  const geometric = geometricLogLikelihood(x);
  let [alpha, beta] = startingPoint(x, 1 - geometric.retention);
  let u = Math.log(alpha);
  let v = Math.log(beta);
  let ll = logLikelihoodAt(x, alpha, beta);
  const d = new Float64Array(7);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    derivativesAt(x, alpha, beta, d);
    const [gu, gv, huu, huv, hvv] = d;
    // Newton on −H; where −H is not positive definite, shift it (Levenberg) until it is.
    let a11 = -huu;
    let a22 = -hvv;
    const a12 = -huv;
    const det = a11 * a22 - a12 * a12;
    if (!(a11 > 0 && det > 0)) {
      const minEigen = (a11 + a22) / 2 - Math.sqrt(((a11 - a22) / 2) ** 2 + a12 * a12);
      const shift = -minEigen + 1e-3 * (Math.abs(a11) + Math.abs(a22)) + 1e-12;
      a11 += shift;
      a22 += shift;
    }
    const shiftedDet = a11 * a22 - a12 * a12;
    let du = (a22 * gu - a12 * gv) / shiftedDet;
    let dv = (a11 * gv - a12 * gu) / shiftedDet;
    // Converged: the Newton step is below 1e-9 on ln α, ln β (scale-free), or the gradient is
    // at the rounding level of the terms it sums.
    const flat =
      Math.abs(gu) <= GRADIENT_TOLERANCE * d[5] && Math.abs(gv) <= GRADIENT_TOLERANCE * d[6];
    const converged =
      flat || (a11 === -huu && Math.max(Math.abs(du), Math.abs(dv)) <= STEP_TOLERANCE);
    if (converged) return finish(alpha, beta, ll, det, geometric, survivors[0], iteration);
    const longest = Math.max(Math.abs(du), Math.abs(dv));
    if (longest > MAX_STEP) {
      du *= MAX_STEP / longest;
      dv *= MAX_STEP / longest;
    }
    // Near the top LL changes by less than its own rounding (~1e-16·|LL|): there the full
    // Newton step is trusted, so the gradient still converges quadratically to ~0.
    const predictedGain = 0.5 * (gu * du + gv * dv);
    const belowRounding = predictedGain <= 1e-14 * (1 + Math.abs(ll));
    // Otherwise backtrack until LL does not fall (the step is an ascent direction, so this ends).
    let accepted = false;
    for (let halvings = 0; halvings < 40; halvings++) {
      const nu = u + du;
      const nv = v + dv;
      const na = Math.exp(nu);
      const nb = Math.exp(nv);
      const nll = logLikelihoodAt(x, na, nb);
      if (nll >= ll || (belowRounding && halvings === 0)) {
        accepted = nu !== u || nv !== v;
        u = nu;
        v = nv;
        alpha = na;
        beta = nb;
        ll = nll;
        break;
      }
      du /= 2;
      dv /= 2;
    }
    // No step that moves and does not lose: the top, at rounding level.
    if (!accepted) return finish(alpha, beta, ll, det, geometric, survivors[0], iteration);
    if (u > LOG_PARAMETER_LIMIT || v > LOG_PARAMETER_LIMIT)
      throw constantRetention(geometric.retention);
    if (u < -LOG_PARAMETER_LIMIT || v < -LOG_PARAMETER_LIMIT)
      throw invalidNumber("no finite alpha and beta fit this cohort");
  }
  throw invalidNumber("the sBG fit did not converge for this cohort");
}

/** Accepts a converged point only if it beats the constant-retention limit and is a strict maximum. */
function finish(
  alpha: number,
  beta: number,
  ll: number,
  det: number,
  geometric: { ll: number; retention: number },
  size: number,
  iterations: number
): SbgFit {
  // LL is a sum of O(1) terms: below ~1e-15 (or 1e-12 relative) it does not beat the limit.
  if (ll <= geometric.ll + Math.max(1e-12 * Math.abs(geometric.ll), 1e-15))
    throw constantRetention(geometric.retention);
  if (!(det > 0)) throw invalidNumber("the sBG likelihood of this cohort has no strict maximum");
  return { alpha, beta, logLikelihood: ll * size, iterations };
}

function constantRetention(retention: number): Error {
  const percent = (retention * 100).toPrecision(4);
  return invalidNumber(
    `retention does not rise with tenure in this cohort, so no finite alpha and beta fit it: it is best described by constant retention of ${percent}% (use RETAIN.LTV)`
  );
}

/** LL(α, β) of survivors as given (all periods), as in the domain's formula. */
export function sbgLogLikelihood(
  alpha: number,
  beta: number,
  survivors: readonly number[]
): number {
  const x = cohortProportions(survivors);
  return logLikelihoodAt(x, alpha, beta) * survivors[0];
}

/** ∂LL/∂ln α and ∂LL/∂ln β of survivors as given (all periods): ≈ 0 at the fitted point. */
export function sbgLogLikelihoodGradient(
  alpha: number,
  beta: number,
  survivors: readonly number[]
): [number, number] {
  const x = cohortProportions(survivors);
  const d = new Float64Array(7);
  derivativesAt(x, alpha, beta, d);
  return [d[0] * survivors[0], d[1] * survivors[0]];
}
