/**
 * The observed information of the sBG fit: the negative Hessian of LL in (α, β), at any point
 * (the fit's standard errors take it at the maximum). With the pooled counts of sbg-fit.ts,
 * at risk A_j, renewed R_j and leavers D over the periods the fit used,
 *   LL(α, β) = D·ln α + Σ_j [ R_j·ln(β+j) − A_j·ln(α+β+j) ],
 * so the second derivatives are exact finite sums (the differences of trigamma functions that
 * the Beta functions of S(t) give, ψ'(x) − ψ'(x+n) = Σ_{j<n} 1/(x+j)², summed period by period):
 *   −∂²LL/∂α²  = D/α² − Σ_j A_j/(α+β+j)²
 *   −∂²LL/∂α∂β =      − Σ_j A_j/(α+β+j)²
 *   −∂²LL/∂β²  = Σ_j R_j/(β+j)² − Σ_j A_j/(α+β+j)²
 * Counts as given: percentages carry the information of a single customer per cohort.
 */
import { invalidNumber } from "../errors";

/**
 * The 2×2 observed information [[I_αα, I_αβ], [I_αβ, I_ββ]] of the cohorts as given (rows of
 * survivors n_0, n_1, …), each over its first min(k(c), calibrationPeriods) periods, as the fit
 * reads them. The cohorts must be valid for the fit (fitSbgCohorts checks them).
 */
export function sbgInformation(
  alpha: number,
  beta: number,
  cohorts: readonly (readonly number[])[],
  calibrationPeriods: number | null = null
): number[][] {
  if (!(alpha > 0 && beta > 0 && alpha < Infinity && beta < Infinity))
    throw invalidNumber("alpha and beta must be numbers greater than 0");
  const limit = calibrationPeriods === null ? Infinity : Math.trunc(calibrationPeriods);
  let leavers = 0;
  let atRiskTerm = 0; // Σ A_j/(α+β+j)²
  let renewedTerm = 0; // Σ R_j/(β+j)²
  for (const c of cohorts) {
    const k = Math.min(limit, c.length - 1);
    if (k <= 0) continue;
    for (let j = 0; j < k; j++) {
      atRiskTerm += c[j] / (alpha + beta + j) ** 2;
      renewedTerm += c[j + 1] / (beta + j) ** 2;
    }
    leavers += c[0] - c[k];
  }
  return [
    [leavers / alpha ** 2 - atRiskTerm, -atRiskTerm],
    [-atRiskTerm, renewedTerm - atRiskTerm],
  ];
}

/** The number of customers behind a fit: the cohorts' sizes n_0 summed. */
export function sbgCustomers(cohorts: readonly (readonly number[])[]): number {
  let total = 0;
  for (const c of cohorts) total += c[0];
  return total;
}
