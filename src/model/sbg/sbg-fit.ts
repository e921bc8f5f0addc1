/**
 * Maximum-likelihood fit of the sBG model to the survivors of one cohort, n_0 ≥ n_1 ≥ … ≥ n_k,
 * or of several cohorts each observed for its own k(c) periods (a cohort triangle, docs/definitions.md §7:
 * one α, β maximises LL = Σ_c LL_c).
 *
 * Grouping the domain's LL_c = Σ_t (n_{t−1} − n_t)·ln P(T=t) + n_k·ln S(k) by factor gives
 *   LL_c(α, β) = (n_0 − n_k)·ln α + Σ_{j=0..k−1} [ n_{j+1}·ln(β+j) − n_j·ln(α+β+j) ],
 * (each period, n_j customers at risk, n_{j+1} renew with probability (β+j)/(α+β+j)). Summed
 * over cohorts this keeps its form with pooled counts: A_j = Σ_c n_{c,j} and R_j = Σ_c n_{c,j+1}
 * over the cohorts observed in period j+1, and D = Σ_c (n_{c,0} − n_{c,k(c)}):
 *   LL(α, β) = D·ln α + Σ_j [ R_j·ln(β+j) − A_j·ln(α+β+j) ],
 * so a triangle costs one pass to pool and then as much per Newton step as its longest cohort.
 * The gradient and Hessian on u = ln α, v = ln β are short sums of rational terms: no digamma
 * or trigamma needed. Newton with Levenberg damping and a backtracking line search climbs from
 * the best of a few cheap starts.
 *
 * Cohorts count as given: counts weight each cohort by its size, shares (n_0 = 100%) weight
 * cohorts equally. For one cohort both give the same α, β (LL scales with n_0), so the data is
 * divided by Σ n_0 first. Data with no finite maximum is rejected with #NUM!:
 * - no one leaves (LL grows as α → 0);
 * - everyone leaves in period 1, or no one leaves after it (LL grows as β → 0 or α, β → 0);
 * - retention that does not rise with tenure: the supremum lies at α, β → ∞ with α/(α+β)
 *   fixed, i.e. constant retention, whose likelihood `geometricLogLikelihood` gives. Every
 *   other edge of the (u, v) plane has LL → −∞, so a finite point that beats the constant-
 *   retention limit proves the maximum is finite, and one that does not proves it is not.
 */
import { invalidNumber } from "../errors";

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

/** Throws #NUM! unless survivors are finite, non-negative, shrinking, with n_0 > 0. `row` names the cohort. */
function validateCohort(survivors: readonly number[], row: string): void {
  for (let i = 0; i < survivors.length; i++) {
    const n = survivors[i];
    if (!Number.isFinite(n))
      throw invalidNumber(`${row}survivors must be finite numbers (period ${i})`);
    if (n < 0) throw invalidNumber(`${row}survivors cannot be negative (${n} at period ${i})`);
    if (i > 0 && n > survivors[i - 1]) {
      throw invalidNumber(
        `${row}survivors rise from ${survivors[i - 1]} at period ${i - 1} to ${n} at period ${i}: a cohort can only shrink`
      );
    }
  }
  if (!(survivors[0] > 0))
    throw invalidNumber(`${row}the cohort size (the first survivors value) must be greater than 0`);
}

/** k from calibration_periods (omitted: `available`), or #NUM!. */
function calibrationLength(calibrationPeriods: number | null, available: number): number {
  if (calibrationPeriods === null) return available;
  if (!(calibrationPeriods >= 2 && calibrationPeriods < Infinity))
    throw invalidNumber("calibration_periods must be at least 2");
  const k = Math.trunc(calibrationPeriods);
  if (k > available)
    throw invalidNumber(
      `calibration_periods (${k}) exceeds the ${available} periods after the cohort size in survivors`
    );
  return k;
}

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
  validateCohort(survivors, "");
  const k = calibrationLength(calibrationPeriods, periods);
  const size = survivors[0];
  const x = new Float64Array(k + 1);
  for (let j = 0; j <= k; j++) x[j] = survivors[j] / size;
  x[0] = 1;
  return x;
}

/**
 * What the likelihood needs, divided by the total size N = Σ_c n_{c,0}: at risk A_j and
 * renewed R_j for j = 0..K−1, leavers D, and whether anyone leaves after period 1.
 */
interface Pooled {
  atRisk: Float64Array;
  renewed: Float64Array;
  leavers: number;
  total: number;
  leaveAfterFirst: boolean;
}

function poolOne(x: Float64Array, size: number): Pooled {
  const k = x.length - 1;
  return {
    atRisk: x.slice(0, k), // copies, not views: V8 reads plain typed arrays faster
    renewed: x.slice(1),
    leavers: x[0] - x[k],
    total: size,
    leaveAfterFirst: x[1] !== x[k],
  };
}

/**
 * Validates every cohort (holdout included) and pools their first min(k(c), calibration)
 * periods. Cohorts are rows of survivors n_{c,0}, n_{c,1}, … of their own lengths; a cohort
 * with only its size contributes nothing (its LL_c is 0).
 */
function poolCohorts(
  cohorts: readonly (readonly number[])[],
  calibrationPeriods: number | null
): Pooled {
  if (cohorts.length === 0) throw invalidNumber("survivors holds no cohort");
  let longest = 0;
  cohorts.forEach((c, i) => {
    if (c.length === 0) throw invalidNumber(`survivors row ${i + 1} is empty`);
    validateCohort(c, cohorts.length > 1 ? `survivors row ${i + 1}: ` : "");
    longest = Math.max(longest, c.length - 1);
  });
  if (longest < 2)
    throw invalidNumber(
      cohorts.length > 1
        ? "survivors needs at least one cohort with its size and 2 periods after it (3 or more numbers)"
        : "survivors needs the cohort size and at least 2 periods after it (3 or more numbers)"
    );
  const K = calibrationLength(calibrationPeriods, longest);
  let total = 0;
  for (const c of cohorts) total += c[0];
  const atRisk = new Float64Array(K);
  const renewed = new Float64Array(K);
  let leavers = 0;
  let leaveAfterFirst = false;
  for (const c of cohorts) {
    const k = Math.min(K, c.length - 1);
    if (k === 0) continue;
    for (let j = 0; j < k; j++) {
      atRisk[j] += c[j] / total;
      renewed[j] += c[j + 1] / total;
    }
    leavers += (c[0] - c[k]) / total;
    if (c[1] !== c[k]) leaveAfterFirst = true;
  }
  return { atRisk, renewed, leavers, total, leaveAfterFirst };
}

/** LL at α, β for pooled data p (no derivatives: the line search's probe). */
function logLikelihoodAt(p: Pooled, alpha: number, beta: number): number {
  const atRisk = p.atRisk;
  const renewed = p.renewed;
  const k = atRisk.length;
  const s = alpha + beta;
  let ll = p.leavers * Math.log(alpha);
  for (let j = 0; j < k; j++) {
    if (renewed[j] > 0) ll += renewed[j] * Math.log(beta + j);
    ll -= atRisk[j] * Math.log(s + j);
  }
  return ll;
}

/**
 * Gradient and Hessian of LL on (ln α, ln β), written into out = [gu, gv, huu, huv, hvv,
 * scale of gu, scale of gv]; the scales (sums of the magnitudes of the terms) make the
 * convergence test independent of how small the cohort's numbers are.
 */
function derivativesAt(p: Pooled, alpha: number, beta: number, out: Float64Array): void {
  const atRisk = p.atRisk;
  const renewed = p.renewed;
  const k = atRisk.length;
  const s = alpha + beta;
  let sp = 0; // Σ A_j/(s+j)
  let q = 0; // Σ A_j/(s+j)²
  let r1 = 0; // Σ R_j/(β+j)
  let r2 = 0; // Σ R_j/(β+j)²
  let retainedShare = 0; // Σ A_j (β+j)/(s+j)²: keeps ∂²/∂u² free of cancellation
  for (let j = 0; j < k; j++) {
    const a = 1 / (s + j);
    const b = 1 / (beta + j);
    sp += atRisk[j] * a;
    q += atRisk[j] * a * a;
    r1 += renewed[j] * b;
    r2 += renewed[j] * b * b;
    retainedShare += atRisk[j] * (beta + j) * a * a;
  }
  out[0] = p.leavers - alpha * sp;
  out[1] = beta * (r1 - sp);
  out[2] = -alpha * retainedShare; // = α²·∂²LL/∂α² + α·∂LL/∂α, always < 0
  out[3] = alpha * beta * q;
  out[4] = beta * beta * (q - r2) + beta * (r1 - sp);
  out[5] = p.leavers + alpha * sp;
  out[6] = beta * (r1 + sp);
}

/** The constant-retention (α, β → ∞) limit of LL: geometric churn at its own MLE. */
function geometricLogLikelihood(p: Pooled): { ll: number; retention: number } {
  let exposure = 0;
  for (let j = 0; j < p.atRisk.length; j++) exposure += p.atRisk[j];
  const leavers = p.leavers;
  const churn = leavers / exposure;
  const ll =
    leavers * Math.log(churn) +
    (exposure - leavers > 0 ? (exposure - leavers) * Math.log1p(-churn) : 0);
  return { ll, retention: 1 - churn };
}

function rejectDegenerate(p: Pooled, several: boolean): void {
  const cohort = several ? "the cohorts" : "the cohort";
  if (p.leavers === 0)
    throw invalidNumber(
      `no one leaves ${cohort}, so no finite alpha and beta fit ${several ? "them" : "it"} (retention is 100%)`
    );
  if (p.renewed[0] === 0)
    throw invalidNumber(
      `everyone leaves in the first period, so no finite alpha and beta fit ${cohort}`
    );
  if (!p.leaveAfterFirst) {
    throw invalidNumber(
      `no one leaves after the first period: ${cohort} split${several ? "" : "s"} into customers who leave at once and customers who never leave, which no finite alpha and beta describe`
    );
  }
}

/** The best of a method-of-moments start (first two retention rates) and a few scales around constant churn. */
function startingPoint(p: Pooled, churn: number): [number, number] {
  const candidates: Array<[number, number]> = [];
  const r1 = p.renewed[0] / p.atRisk[0];
  const r2 = p.atRisk[1] > 0 ? p.renewed[1] / p.atRisk[1] : 0;
  if (r2 > r1 && r1 < 1) {
    // r1 = β/(α+β), r2 = (β+1)/(α+β+1) solved for α, β.
    const s = Math.max((1 - r2) / (r2 - r1), 1e-3);
    candidates.push([(1 - r1) * s, r1 * s]);
  }
  for (const s of [0.3, 3, 30]) candidates.push([churn * s, (1 - churn) * s]);
  let best = candidates[0];
  let bestLl = -Infinity;
  for (const [a, b] of candidates) {
    const ll = logLikelihoodAt(p, a, b);
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
  return maximise(poolOne(x, survivors[0]), false);
}

/**
 * Fits one α, β to several cohorts (docs/definitions.md §7): rows of survivors n_{c,0}, n_{c,1}, …, each
 * as long as its cohort has been observed. Counts weight cohorts by size, shares equally.
 * calibrationPeriods k fits on each cohort's first k periods (at most), the rest being holdout.
 * One row gives exactly `fitSbg`'s result.
 */
export function fitSbgCohorts(
  cohorts: readonly (readonly number[])[],
  calibrationPeriods: number | null = null
): SbgFit {
  if (cohorts.length === 1) return fitSbg(cohorts[0], calibrationPeriods);
  return maximise(poolCohorts(cohorts, calibrationPeriods), true);
}

function maximise(p: Pooled, several: boolean): SbgFit {
  rejectDegenerate(p, several);
  const geometric = geometricLogLikelihood(p);
  let [alpha, beta] = startingPoint(p, 1 - geometric.retention);
  let u = Math.log(alpha);
  let v = Math.log(beta);
  let ll = logLikelihoodAt(p, alpha, beta);
  const d = new Float64Array(7);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    derivativesAt(p, alpha, beta, d);
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
    if (converged) return finish(alpha, beta, ll, det, geometric, p.total, iteration, several);
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
      const nll = logLikelihoodAt(p, na, nb);
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
    if (!accepted) return finish(alpha, beta, ll, det, geometric, p.total, iteration, several);
    if (u > LOG_PARAMETER_LIMIT || v > LOG_PARAMETER_LIMIT)
      throw constantRetention(geometric.retention, several);
    if (u < -LOG_PARAMETER_LIMIT || v < -LOG_PARAMETER_LIMIT)
      throw invalidNumber(
        `no finite alpha and beta fit ${several ? "these cohorts" : "this cohort"}`
      );
  }
  throw invalidNumber(
    `the sBG fit did not converge for ${several ? "these cohorts" : "this cohort"}`
  );
}

/** Accepts a converged point only if it beats the constant-retention limit and is a strict maximum. */
function finish(
  alpha: number,
  beta: number,
  ll: number,
  det: number,
  geometric: { ll: number; retention: number },
  size: number,
  iterations: number,
  several: boolean
): SbgFit {
  // LL is a sum of O(1) terms: below ~1e-15 (or 1e-12 relative) it does not beat the limit.
  if (ll <= geometric.ll + Math.max(1e-12 * Math.abs(geometric.ll), 1e-15))
    throw constantRetention(geometric.retention, several);
  if (!(det > 0)) throw invalidNumber("the sBG likelihood of this cohort has no strict maximum");
  return { alpha, beta, logLikelihood: ll * size, iterations };
}

function constantRetention(retention: number, several = false): Error {
  const percent = (retention * 100).toPrecision(4);
  return invalidNumber(
    `retention does not rise with tenure in ${several ? "these cohorts" : "this cohort"}, so no finite alpha and beta fit ${several ? "them" : "it"}: ${several ? "they are" : "it is"} best described by constant retention of ${percent}% (use RETAIN.LTV)`
  );
}

/** LL(α, β) of survivors as given (all periods), as in the domain's formula. */
export function sbgLogLikelihood(
  alpha: number,
  beta: number,
  survivors: readonly number[]
): number {
  const x = cohortProportions(survivors);
  return logLikelihoodAt(poolOne(x, survivors[0]), alpha, beta) * survivors[0];
}

/** Σ_c LL_c(α, β) of several cohorts as given (each over all its periods): docs/definitions.md §7. */
export function sbgCohortsLogLikelihood(
  alpha: number,
  beta: number,
  cohorts: readonly (readonly number[])[]
): number {
  const p =
    cohorts.length === 1
      ? poolOne(cohortProportions(cohorts[0]), cohorts[0][0])
      : poolCohorts(cohorts, null);
  return logLikelihoodAt(p, alpha, beta) * p.total;
}

/** ∂LL/∂ln α and ∂LL/∂ln β of survivors as given (all periods): ≈ 0 at the fitted point. */
export function sbgLogLikelihoodGradient(
  alpha: number,
  beta: number,
  survivors: readonly number[]
): [number, number] {
  const x = cohortProportions(survivors);
  const d = new Float64Array(7);
  derivativesAt(poolOne(x, survivors[0]), alpha, beta, d);
  return [d[0] * survivors[0], d[1] * survivors[0]];
}

/** ∂LL/∂ln α and ∂LL/∂ln β of several cohorts as given: ≈ 0 at the fitted point. */
export function sbgCohortsLogLikelihoodGradient(
  alpha: number,
  beta: number,
  cohorts: readonly (readonly number[])[]
): [number, number] {
  const p = poolCohorts(cohorts, null);
  const d = new Float64Array(7);
  derivativesAt(p, alpha, beta, d);
  return [d[0] * p.total, d[1] * p.total];
}
