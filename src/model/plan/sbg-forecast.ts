/**
 * Customers by future period from a cohort triangle under the sBG model (docs/functions-plan.md):
 * today's customers, shrinking as each cohort keeps churning, and the planned new customers,
 * retaining as past cohorts did. Every cohort's last observed cell is the same calendar period,
 * now; a cohort observed for a_c periods after its start has n_c customers now, so in future
 * period k it keeps
 *   existing_k = Σ_c n_c · S(a_c + k) / S(a_c),
 * and a cohort of m_j customers planned for future period j is at age 0 (in full) in period j:
 *   new_k = Σ_{j ≤ k} m_j · S(k − j).
 * S(a+k)/S(a) is the product of the retention rates r(t) = (β+t−1)/(α+β+t−1), t = a+1..a+k.
 */
import { invalidNumber } from "../errors";
import { checkShape } from "../sbg/sbg-curve";

/** What the forecast needs of one cohort: its age now (periods observed after its start) and its customers now. */
export interface CohortNow {
  age: number;
  customers: number;
}

/** The most future periods a forecast computes (100 years of months). */
export const MAX_FORECAST_PERIODS = 1200;

/** Each cohort's age and customers now: its row's length − 1 and its last value. */
export function cohortsNow(cohorts: readonly (readonly number[])[]): CohortNow[] {
  return cohorts.map((c) => ({ age: c.length - 1, customers: c[c.length - 1] }));
}

/** Throws #NUM! unless `periods` is a whole number from 1 to MAX_FORECAST_PERIODS (fractions truncated). */
export function checkPeriods(periods: number): number {
  const k = Math.trunc(periods);
  if (!(k >= 1 && k <= MAX_FORECAST_PERIODS))
    throw invalidNumber(`periods must be a whole number from 1 to ${MAX_FORECAST_PERIODS}`);
  return k;
}

/** Throws #NUM! unless every planned new-customer count is a finite number, 0 or more. */
export function checkNewCustomers(newCustomers: readonly number[]): void {
  newCustomers.forEach((m, i) => {
    if (!(m >= 0 && m < Infinity))
      throw invalidNumber(`new_customers must be 0 or more (${m} for future period ${i + 1})`);
  });
}

export interface CustomerForecast {
  existing: Float64Array;
  added: Float64Array;
  total: Float64Array;
}

/**
 * existing_k, new_k and total_k for k = 1..periods (index k − 1) at α, β, with a retention uplift
 * on churn when given (the plan's what-if, docs/definitions.md §11). Writes into `out`
 * when given (the interval's simulation calls this once per draw of α, β).
 */
export function sbgCustomerForecast(
  alpha: number,
  beta: number,
  now: readonly CohortNow[],
  newCustomers: readonly number[],
  periods: number,
  out: CustomerForecast = {
    existing: new Float64Array(periods),
    added: new Float64Array(periods),
    total: new Float64Array(periods),
  },
  uplift = 0
): CustomerForecast {
  checkShape(alpha, beta);
  const { existing, added, total } = out;
  existing.fill(0);
  added.fill(0);
  for (const { age, customers } of now) {
    if (customers === 0) continue;
    let share = customers;
    for (let k = 1; k <= periods; k++) {
      share *= upliftedRetention(alpha, beta, age + k, uplift);
      existing[k - 1] += share;
    }
  }
  // S(0..periods−1), then new_k = Σ_{j ≤ k} m_j·S(k − j).
  const planned = Math.min(newCustomers.length, periods);
  if (planned > 0) {
    const s = survivalCurve(alpha, beta, periods - 1, uplift);
    for (let j = 1; j <= planned; j++) {
      const m = newCustomers[j - 1];
      if (m === 0) continue;
      for (let k = j; k <= periods; k++) added[k - 1] += m * s[k - j];
    }
  }
  for (let i = 0; i < periods; i++) total[i] = existing[i] + added[i];
  return out;
}

/**
 * r(t) = (β + t − 1)/(α + β + t − 1), with a retention uplift u on churn (docs/definitions.md
 * §11): 1 − (1 − r(t))(1 − u); u = 0 is r(t) itself, exactly.
 */
export function upliftedRetention(alpha: number, beta: number, t: number, uplift = 0): number {
  const r = (beta + t - 1) / (alpha + beta + t - 1);
  return uplift === 0 ? r : 1 - (1 - r) * (1 - uplift);
}

/** S(0), S(1), …, S(last) by the retention product (with an uplift on churn, when given). */
export function survivalCurve(alpha: number, beta: number, last: number, uplift = 0): Float64Array {
  const s = new Float64Array(last + 1);
  s[0] = 1;
  for (let t = 1; t <= last; t++) s[t] = s[t - 1] * upliftedRetention(alpha, beta, t, uplift);
  return s;
}
