/**
 * The observed information of a BG/NBD fit: minus the Hessian of the log-likelihood at the
 * maximum, on (r, α, a, b) themselves. Its inverse is the estimates' asymptotic covariance
 * (fit-statistics.ts). The Hessian is the analytic one the fit's Newton steps use
 * (bgnbd-fit.ts), not a finite difference, so it is exact to rounding.
 */
import { bgnbdCurvature, CustomerSummary } from "./bgnbd-fit";

export interface BgNbdInformation {
  /** 4×4, in the order r, α, a, b. */
  information: number[][];
  logLikelihood: number;
  /** The customers' total weight (rows with weight 0 do not count). */
  customers: number;
}

export function bgnbdInformation(
  data: CustomerSummary,
  fit: { r: number; alpha: number; a: number; b: number }
): BgNbdInformation {
  const c = bgnbdCurvature(data, [fit.r, fit.alpha, fit.a, fit.b]);
  return {
    information: c.hessian.map((row) => row.map((h) => -h)),
    logLikelihood: c.logLikelihood,
    customers: c.customers,
  };
}
