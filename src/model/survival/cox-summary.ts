/**
 * What RETAIN.COX_FIT reports of a fit, as R's summary(coxph) does: standard errors from the
 * inverse information, hazard ratios exp(β), two-sided Wald p-values P(χ²₁ > (β/SE)²), the
 * likelihood-ratio test 2(ℓ(β̂) − ℓ(0)) on as many degrees of freedom as coefficients, and
 * Harrell's concordance of the risk scores.
 */
import { chiSquareUpperTail } from "../numerics/chi-square";
import { concordance } from "./concordance";
import { CoxFit } from "./cox-fit";

export interface CoxSummary {
  coefficients: number[];
  standardErrors: number[];
  hazardRatios: number[];
  waldP: number[];
  logLikelihood: number;
  likelihoodRatio: number;
  degreesOfFreedom: number;
  likelihoodRatioP: number;
  concordance: number;
}

export function coxSummary(fit: CoxFit, time: Float64Array, churned: Uint8Array): CoxSummary {
  const p = fit.coefficients.length;
  const coefficients = Array.from(fit.coefficients);
  const standardErrors = coefficients.map((_, j) => Math.sqrt(fit.covariance[j * p + j]));
  // The likelihood rises from β = 0 to the fit; a rounding-level negative is 0.
  const likelihoodRatio = Math.max(0, 2 * (fit.logLikelihood - fit.nullLogLikelihood));
  return {
    coefficients,
    standardErrors,
    hazardRatios: coefficients.map(Math.exp),
    waldP: coefficients.map((b, j) => chiSquareUpperTail((b / standardErrors[j]) ** 2, 1)),
    logLikelihood: fit.logLikelihood,
    likelihoodRatio,
    degreesOfFreedom: p,
    likelihoodRatioP: chiSquareUpperTail(likelihoodRatio, p),
    concordance: concordance(time, churned, fit.risk, fit.latestFirst).concordance,
  };
}
