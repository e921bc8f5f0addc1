/**
 * What a plan takes from the data (docs/definitions.md §11): the cohort triangle of
 * survivors, the sBG fit on it, today's customers by cohort, the latest revenue per active
 * customer, and a backtest: the same forecast made a year ago, against what then happened.
 */
import { invalidNumber } from "../errors";
import type { AnalysisTables } from "../history/analysis";
import { cohortSurvivors, fitCohortSbg } from "../history/cohort-survivors";
import { fitStatistics } from "../numerics/fit-statistics";
import { sbgInformation } from "../sbg/sbg-information";
import { checkLevel, PredictionInterval } from "./interval-level";
import { CohortNow, sbgCustomerForecast } from "./sbg-forecast";
import { sbgPredictionInterval } from "./sbg-prediction-interval";

export interface PlanBase {
  alpha: number;
  beta: number;
  /** Each cohort's age and customers now, oldest first. */
  cohorts: CohortNow[];
  /** Each cohort's first period (the analysis's period numbers), parallel to `cohorts`. */
  cohortPeriods: number[];
  /** The triangle the fit used: survivors by cohort and age, each row ending now. */
  triangle: number[][];
  /** The latest complete period's revenue per active customer; null without amounts. */
  revenuePerCustomer: number | null;
}

export function planBase(analysis: AnalysisTables): PlanBase {
  const triangle = cohortSurvivors(analysis);
  const fit = fitCohortSbg(triangle);
  const latest = analysis.latest;
  let revenuePerCustomer: number | null = null;
  if (latest && latest.newBill !== null && latest.returningBill !== null) {
    const active = latest.newCustomers + latest.returningCustomers;
    const revenue =
      latest.newBill * latest.newCustomers + latest.returningBill * latest.returningCustomers;
    revenuePerCustomer = active > 0 ? revenue / active : null;
  }
  return {
    alpha: fit.alpha,
    beta: fit.beta,
    cohorts: triangle.map((row) => ({ age: row.length - 1, customers: row[row.length - 1] })),
    cohortPeriods: Array.from(analysis.cohorts.cohort),
    triangle,
    revenuePerCustomer,
  };
}

/**
 * The prediction interval of the total customers at `level` for the base's fit (the fit's
 * observed information gives the parameters' uncertainty; sbg-prediction-interval.ts).
 */
export function planInterval(
  base: PlanBase,
  newCustomers: readonly number[],
  periods: number,
  level: number
): PredictionInterval {
  checkLevel(level);
  const used = base.triangle.filter((row) => row.length >= 2 && row[0] > 0);
  const { covariance } = fitStatistics(
    [base.alpha, base.beta],
    sbgInformation(base.alpha, base.beta, used)
  );
  return sbgPredictionInterval(
    base.alpha,
    base.beta,
    covariance,
    base.cohorts,
    newCustomers,
    periods,
    level
  );
}

export interface Backtest {
  /** Periods forecast (those back from now). */
  periods: number;
  /** The forecast made `periods` ago, and what happened, by period. */
  forecast: Float64Array;
  actual: Float64Array;
  /** Mean absolute error as a share of the actual customers. */
  meanAbsolutePercentageError: number;
}

/**
 * Fits the triangle as it stood `periods` ago (every row cut by that many cells; cohorts that
 * started since then become the planned new customers, at their actual sizes), forecasts those
 * periods, and compares with the customers actually active. Null when too little data is left
 * a year back to fit.
 */
export function planBacktest(
  triangle: readonly (readonly number[])[],
  periods: number
): Backtest | null {
  if (!(Number.isInteger(periods) && periods >= 1))
    throw invalidNumber("the backtest needs a whole number of periods, 1 or more");
  const before = triangle
    .filter((row) => row.length > periods)
    .map((row) => row.slice(0, row.length - periods));
  if (!before.some((row) => row.length >= 2 && row[0] > 0)) return null;
  let fit;
  try {
    fit = fitCohortSbg(before);
  } catch {
    return null;
  }
  // A cohort of length n ≤ periods started n − 1 periods before now: future period periods − n + 1.
  const planned = new Array<number>(periods).fill(0);
  for (const row of triangle) if (row.length <= periods) planned[periods - row.length] += row[0];
  const now = before.map((row) => ({ age: row.length - 1, customers: row[row.length - 1] }));
  const { total } = sbgCustomerForecast(fit.alpha, fit.beta, now, planned, periods);
  const actual = new Float64Array(periods);
  for (const row of triangle)
    for (let k = 1; k <= periods; k++) {
      const index = row.length - 1 - periods + k;
      if (index >= 0) actual[k - 1] += row[index];
    }
  let error = 0;
  let counted = 0;
  for (let k = 0; k < periods; k++)
    if (actual[k] > 0) {
      error += Math.abs(total[k] - actual[k]) / actual[k];
      counted++;
    }
  return {
    periods,
    forecast: total,
    actual,
    meanAbsolutePercentageError: counted > 0 ? error / counted : NaN,
  };
}
