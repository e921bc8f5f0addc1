/**
 * Next year's plan from the sBG model (docs/definitions.md §11): today's customers
 * shrinking as each cohort keeps churning, the planned new customers retaining as past cohorts
 * did, revenue and margin by future period, and what each planned cohort earns against its
 * acquisition cost. A retention uplift u multiplies every period's churn probability by (1 − u):
 *   r_u(t) = 1 − (1 − r(t))·(1 − u),  r(t) = (β + t − 1)/(α + β + t − 1).
 * The customers are sbgCustomerForecast's (sbg-forecast.ts), which carries the uplift.
 */
import { invalidNumber } from "../errors";
import { checkShape } from "../sbg/sbg-curve";
import {
  checkPeriods,
  CohortNow,
  sbgCustomerForecast,
  survivalCurve,
  upliftedRetention,
} from "./sbg-forecast";

export interface PlanInputs {
  alpha: number;
  beta: number;
  /** Today's base: each cohort's age (periods observed since its start) and customers now. */
  cohorts: readonly CohortNow[];
  /** Future periods planned (12, 24 or 36 in the pane). */
  horizon: number;
  /** New customers planned for future periods 1, 2, …; periods past the row's end plan none. */
  newCustomers: readonly number[];
  /** Revenue per active customer per period. */
  revenuePerCustomer: number;
  /** Margin as a fraction of revenue (0.3 = 30%). */
  margin: number;
  /** Acquisition cost per new customer. */
  cac: number;
  /** Retention uplift, 0 to 1: each period's churn probability × (1 − uplift). */
  uplift: number;
}

export interface PlanForecast {
  existing: Float64Array;
  added: Float64Array;
  total: Float64Array;
  revenue: Float64Array;
  margin: Float64Array;
  /** Revenue and margin summed over the plan's periods. */
  revenueTotal: number;
  marginTotal: number;
  /** Margin per customer of a cohort planned for period j earned by the plan's end (index j − 1). */
  cohortMargin: Float64Array;
  /** cohortMargin / CAC (NaN when CAC is 0). */
  ltvToCac: Float64Array;
  /** Periods from acquisition until a new customer's cumulative margin covers the CAC; null: not within 100 years. */
  paybackPeriods: number | null;
}

/** Throws #NUM! naming the first plan input outside its range. */
export function checkPlanInputs(p: PlanInputs): number {
  checkShape(p.alpha, p.beta);
  const horizon = checkPeriods(p.horizon);
  const bad = (name: string, rule: string) => invalidNumber(`${name} must be ${rule}`);
  if (!(p.uplift >= 0 && p.uplift <= 1)) throw bad("uplift", "from 0 to 1");
  if (!(p.revenuePerCustomer >= 0 && p.revenuePerCustomer < Infinity))
    throw bad("revenue per customer", "0 or more");
  if (!(p.margin >= 0 && p.margin <= 1)) throw bad("margin", "from 0% to 100%");
  if (!(p.cac >= 0 && p.cac < Infinity)) throw bad("acquisition cost", "0 or more");
  p.newCustomers.forEach((m, i) => {
    if (!(m >= 0 && m < Infinity))
      throw invalidNumber(`new customers must be 0 or more (${m} for future period ${i + 1})`);
  });
  p.cohorts.forEach(({ age, customers }, i) => {
    if (!(Number.isInteger(age) && age >= 0) || !(customers >= 0 && customers < Infinity))
      throw invalidNumber(`cohort ${i + 1}: age must be a whole number and customers 0 or more`);
  });
  return horizon;
}

/** The plan, period by period. */
export function planForecast(p: PlanInputs): PlanForecast {
  const horizon = checkPlanInputs(p);
  const { existing, added, total } = sbgCustomerForecast(
    p.alpha,
    p.beta,
    p.cohorts,
    p.newCustomers,
    horizon,
    undefined,
    p.uplift
  );
  const s = survivalCurve(p.alpha, p.beta, horizon - 1, p.uplift);
  const revenue = new Float64Array(horizon);
  const margin = new Float64Array(horizon);
  let revenueTotal = 0;
  let marginTotal = 0;
  for (let i = 0; i < horizon; i++) {
    revenue[i] = total[i] * p.revenuePerCustomer;
    margin[i] = revenue[i] * p.margin;
    revenueTotal += revenue[i];
    marginTotal += margin[i];
  }
  // A customer planned for period j is active in periods j..horizon with probability S(k − j).
  const perPeriod = p.revenuePerCustomer * p.margin;
  const cohortMargin = new Float64Array(horizon);
  const ltvToCac = new Float64Array(horizon);
  // Cohort j (1-based) is at ages 0..horizon − j within the plan: prefix sums of S.
  const prefix = new Float64Array(horizon);
  for (let t = 0; t < horizon; t++) prefix[t] = (t > 0 ? prefix[t - 1] : 0) + s[t];
  for (let j = 1; j <= horizon; j++) cohortMargin[j - 1] = perPeriod * prefix[horizon - j];
  for (let j = 0; j < horizon; j++) ltvToCac[j] = p.cac > 0 ? cohortMargin[j] / p.cac : NaN;
  return {
    existing,
    added,
    total,
    revenue,
    margin,
    revenueTotal,
    marginTotal,
    cohortMargin,
    ltvToCac,
    paybackPeriods: paybackPeriods(p),
  };
}

/** The most periods payback is looked for (100 years of months). */
export const PAYBACK_LIMIT = 1200;

/**
 * Periods from acquisition (the acquisition period counts as 1) until a new customer's
 * expected cumulative margin reaches the CAC; 0 when the CAC is 0; null when not within
 * PAYBACK_LIMIT periods.
 */
export function paybackPeriods(p: PlanInputs): number | null {
  if (p.cac === 0) return 0;
  const perPeriod = p.revenuePerCustomer * p.margin;
  if (perPeriod === 0) return null;
  let s = 1;
  let cumulative = 0;
  for (let age = 0; age < PAYBACK_LIMIT; age++) {
    if (age > 0) s *= upliftedRetention(p.alpha, p.beta, age, p.uplift);
    cumulative += s * perPeriod;
    if (cumulative >= p.cac) return age + 1;
  }
  return null;
}

/** The plan's working, cell by cell, as the "Plan" sheet lays it out. */
export interface PlanWorking {
  /** existingByCohort[c][k − 1]: cohort c's customers still active in future period k. */
  existingByCohort: Float64Array[];
  /** addedByCohort[j − 1][k − 1]: of the customers planned for period j, those active in period k (0 before j). */
  addedByCohort: Float64Array[];
  /** S(age) for age 0..horizon − 1, with the uplift. */
  survival: Float64Array;
  /** A new customer's expected cumulative margin through each age, 0..horizon − 1. */
  cumulativeMargin: Float64Array;
}

export function planWorking(p: PlanInputs): PlanWorking {
  const horizon = checkPlanInputs(p);
  const { alpha, beta, uplift } = p;
  const existingByCohort = p.cohorts.map(({ age, customers }) => {
    const path = new Float64Array(horizon);
    let share = customers;
    for (let k = 1; k <= horizon; k++) {
      share *= upliftedRetention(alpha, beta, age + k, uplift);
      path[k - 1] = share;
    }
    return path;
  });
  const survival = survivalCurve(alpha, beta, horizon - 1, uplift);
  const addedByCohort = Array.from({ length: horizon }, (_, j) => {
    const path = new Float64Array(horizon);
    const m = p.newCustomers[j] ?? 0;
    for (let k = j; k < horizon; k++) path[k] = m * survival[k - j];
    return path;
  });
  const perPeriod = p.revenuePerCustomer * p.margin;
  const cumulativeMargin = new Float64Array(horizon);
  for (let t = 0; t < horizon; t++)
    cumulativeMargin[t] = (t > 0 ? cumulativeMargin[t - 1] : 0) + survival[t] * perPeriod;
  return { existingByCohort, addedByCohort, survival, cumulativeMargin };
}
