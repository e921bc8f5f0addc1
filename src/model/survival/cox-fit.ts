/**
 * Fits the Cox proportional-hazards model (docs/definitions.md §13): Newton–Raphson
 * on the partial log-likelihood from β = 0, with its analytic gradient and information, halving
 * a step that does not raise the likelihood. It stops when a step moves every coefficient by
 * less than 1e-9 of its scale (that step taken), and never returns a fit that has not converged:
 * - a covariate constant among the customers at risk when churns happen, or one that is a
 *   combination of others, is #NUM! before the first step (the information at 0 is singular);
 * - complete separation (some covariate, or combination, orders the churns exactly, so the
 *   likelihood keeps rising as a coefficient runs off to ±∞) is #NUM! naming the covariate:
 *   its information collapses, or the coefficients keep growing without converging.
 */
import { invalidNumber } from "../errors";
import { cholesky, inverse, solve } from "./cox-cholesky";
import { CoxTies, PartialLikelihood, riskSets } from "./cox-partial-likelihood";

export interface CoxInput {
  time: Float64Array;
  churned: Uint8Array;
  /** Column-major covariates: column j of customer i at x[j * n + i]. */
  x: Float64Array;
  p: number;
  /** How messages name each covariate column. */
  labels: readonly string[];
}

export interface CoxFit {
  coefficients: Float64Array;
  /** The inverse information at the fit, p × p, row-major. */
  covariance: Float64Array;
  logLikelihood: number;
  /** The partial log-likelihood at β = 0. */
  nullLogLikelihood: number;
  iterations: number;
  customers: number;
  churns: number;
  /** Each customer's linear predictor x·β − mean(x)·β, in the input's order: the risk score. */
  risk: Float64Array;
  /** The customers' indices, latest time first. */
  latestFirst: Int32Array;
}

const MAX_ITERATIONS = 50;
const MAX_HALVINGS = 40;
/** A step below this share of a coefficient's scale ends the fit (the next would be ~its square). */
const STEP_TOLERANCE = 1e-9;
/** Information that fell below this share of its value at β = 0 belongs to a runaway coefficient. */
const COLLAPSED = 1e-9;

function separation(label: string): Error {
  return invalidNumber(
    `complete separation: the fit keeps improving as the coefficient of ${label} grows without bound; that covariate (alone or with others) tells exactly which customers churn first, so its hazard ratio is infinite or zero. Leave it out or merge its categories`
  );
}

export function fitCox(input: CoxInput, ties: CoxTies = "efron"): CoxFit {
  const { time, churned, x, p, labels } = input;
  const n = time.length;
  const sets = riskSets(time, churned, x, p);
  if (sets.events === 0)
    throw invalidNumber("no customer churned: the model compares churns, and there are none");
  // Each column's spread, for scale-free tests: its standard deviation and its range.
  const sd = new Float64Array(p);
  const range = new Float64Array(p);
  const lo = new Float64Array(p).fill(Infinity);
  const hi = new Float64Array(p).fill(-Infinity);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < p; j++) {
      const v = sets.x[i * p + j];
      sd[j] += v * v;
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
  for (let j = 0; j < p; j++) {
    sd[j] = Math.sqrt(sd[j] / n);
    range[j] = hi[j] - lo[j];
    // Squares of the values enter the information: beyond this they would overflow.
    if (!(sd[j] < 1e150 && range[j] < 1e150))
      throw invalidNumber(
        `${labels[j]} holds values too large to fit: rescale it (thousands, millions)`
      );
  }
  const likelihood = new PartialLikelihood(sets, ties);
  let beta = new Float64Array(p);
  let current = likelihood.evaluate(beta);
  const nullLogLikelihood = current.logLikelihood;
  const information0 = new Float64Array(p);
  for (let j = 0; j < p; j++) information0[j] = current.information[j * p + j];
  let factor = cholesky(current.information, p);
  if (!factor.ok) {
    const j = factor.column;
    throw invalidNumber(
      information0[j] > 1e-12 * sd[j] * sd[j] * sets.events
        ? `${labels[j]} is a combination of the covariates before it (collinear): leave one of them out`
        : `${labels[j]} does not vary among the customers at risk when churns happen, so it cannot tell who churns`
    );
  }
  let converged = false;
  let iterations = 0;
  while (iterations < MAX_ITERATIONS && factor.ok) {
    iterations++;
    const step = solve(factor, current.gradient);
    let small = true;
    for (let j = 0; j < p; j++)
      if (Math.abs(step[j]) * sd[j] > STEP_TOLERANCE * (1 + Math.abs(beta[j]) * sd[j]))
        small = false;
    if (small) {
      // Taken without a new evaluation: the likelihood it adds (~step²) is below rounding, and
      // the information at the end point differs by ~step, 1e-9 relative.
      const last = new Float64Array(p);
      for (let j = 0; j < p; j++) last[j] = beta[j] + step[j];
      beta = last;
      converged = true;
      break;
    }
    const slack = 1e-12 * Math.max(1, Math.abs(current.logLikelihood));
    let t = 1;
    let next = null;
    let trial = beta;
    for (let h = 0; h <= MAX_HALVINGS; h++) {
      trial = new Float64Array(p);
      for (let j = 0; j < p; j++) trial[j] = beta[j] + t * step[j];
      const candidate = likelihood.evaluate(trial);
      if (
        Number.isFinite(candidate.logLikelihood) &&
        candidate.logLikelihood >= current.logLikelihood - slack
      ) {
        next = candidate;
        break;
      }
      t /= 2;
    }
    if (next === null) break;
    beta = trial;
    current = next;
    factor = cholesky(current.information, p);
  }
  // Which coefficient ran away: the one whose information collapsed most, else the largest.
  let worst = -1;
  let worstRatio = Infinity;
  let largest = 0;
  for (let j = 0; j < p; j++) {
    const ratio = current.information[j * p + j] / information0[j];
    if (Number.isFinite(ratio) && ratio < worstRatio) {
      worstRatio = ratio;
      worst = j;
    }
    if (Math.abs(beta[j]) * range[j] > Math.abs(beta[largest]) * range[largest]) largest = j;
  }
  if (worst < 0) worst = largest;
  if (!(worstRatio >= COLLAPSED)) throw separation(labels[worst]);
  if (!converged || !factor.ok) {
    if (worstRatio < 1e-5) throw separation(labels[worst]);
    if (Math.abs(beta[largest]) * range[largest] > 15) throw separation(labels[largest]);
    throw invalidNumber(
      `the fit did not converge after ${MAX_ITERATIONS} steps: the covariates may be nearly collinear or hold extreme values`
    );
  }
  const covariance = inverse(factor);
  // Risk scores in the input's order, as R's survival forms its linear predictors.
  let shift = 0;
  for (let j = 0; j < p; j++) shift += beta[j] * sets.means[j];
  const risk = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += x[j * n + i] * beta[j];
    risk[i] = s - shift;
  }
  return {
    coefficients: beta,
    covariance,
    logLikelihood: current.logLikelihood,
    nullLogLikelihood,
    iterations,
    customers: n,
    churns: sets.events,
    risk,
    latestFirst: sets.order,
  };
}
