/**
 * The observed information of a Pareto/NBD fit: minus the Hessian of the log-likelihood at the
 * maximum, on (r, α, s, β) themselves. Its inverse is the estimates' asymptotic covariance
 * (fit-statistics.ts). The Hessian is the analytic one the fit's Newton steps use
 * (pareto-nbd-fit.ts: the ₂F₁ series differentiated term by term), not a finite difference.
 */
import { paretoNbdCurvature, CustomerSummary } from "./pareto-nbd-fit";

export interface ParetoNbdInformation {
  /** 4×4, in the order r, α, s, β. */
  information: number[][];
  logLikelihood: number;
  /** The customers' total weight (rows with weight 0 do not count). */
  customers: number;
}

export function paretoNbdInformation(
  data: CustomerSummary,
  fit: { r: number; alpha: number; s: number; beta: number }
): ParetoNbdInformation {
  const c = paretoNbdCurvature(data, [fit.r, fit.alpha, fit.s, fit.beta]);
  return {
    information: c.hessian.map((row) => row.map((h) => -h)),
    logLikelihood: c.logLikelihood,
    customers: c.customers,
  };
}
