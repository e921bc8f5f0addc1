/**
 * The observed information of a Gamma-Gamma fit: minus the Hessian of the log-likelihood at the
 * maximum, on (p, q, γ) themselves, over the customers with a repeat purchase. Its inverse is
 * the estimates' asymptotic covariance (fit-statistics.ts). The second derivatives are the
 * closed forms in trigamma that the fit's Newton steps use (gamma-gamma-fit.ts):
 *   ∂²/∂p²  = Σ w x²(ψ′(px+q) − ψ′(px)),   ∂²/∂p∂q = Σ w x ψ′(px+q),   ∂²/∂p∂γ = −Σ w x/(γ+mx),
 *   ∂²/∂q²  = Σ w (ψ′(px+q) − ψ′(q)),      ∂²/∂q∂γ = Σ w (1/γ − 1/(γ+mx)),
 *   ∂²/∂γ²  = Σ w ((px+q)/(γ+mx)² − q/γ²).
 */
import { gammaGammaCurvature, SpendSummary } from "./gamma-gamma-fit";

export interface GammaGammaInformation {
  /** 3×3, in the order p, q, γ. */
  information: number[][];
  logLikelihood: number;
  /** The total weight of the customers used (frequency above 0). */
  customers: number;
}

export function gammaGammaInformation(
  data: SpendSummary,
  fit: { p: number; q: number; gamma: number }
): GammaGammaInformation {
  const c = gammaGammaCurvature(data, [fit.p, fit.q, fit.gamma]);
  return {
    information: c.hessian.map((row) => row.map((h) => -h)),
    logLikelihood: c.logLikelihood,
    customers: c.customers,
  };
}
