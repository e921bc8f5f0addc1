/**
 * The sBG forecast of a cohort triangle end to end: α, β fitted as RETAIN.SBG_FIT fits them
 * (all periods, counts weighting cohorts by size), customers by future period, and, for a
 * level, the prediction interval from the fit's observed information.
 */
import { fitStatistics } from "../numerics/fit-statistics";
import { fitSbgCohorts } from "../sbg/sbg-fit";
import { sbgInformation } from "../sbg/sbg-information";
import {
  checkNewCustomers,
  checkPeriods,
  cohortsNow,
  CustomerForecast,
  sbgCustomerForecast,
} from "./sbg-forecast";
import { checkLevel, PredictionInterval } from "./interval-level";
import { sbgPredictionInterval } from "./sbg-prediction-interval";

export interface SbgPlan extends CustomerForecast {
  alpha: number;
  beta: number;
  /** Present when a level was asked for. */
  interval: PredictionInterval | null;
}

export function sbgPlan(
  cohorts: readonly (readonly number[])[],
  periods: number,
  newCustomers: readonly number[] = [],
  level: number | null = null
): SbgPlan {
  const k = checkPeriods(periods);
  checkNewCustomers(newCustomers);
  if (level !== null) checkLevel(level);
  const { alpha, beta } = fitSbgCohorts(cohorts);
  const now = cohortsNow(cohorts);
  const forecast = sbgCustomerForecast(alpha, beta, now, newCustomers, k);
  let interval: PredictionInterval | null = null;
  if (level !== null) {
    const { covariance } = fitStatistics([alpha, beta], sbgInformation(alpha, beta, cohorts));
    interval = sbgPredictionInterval(alpha, beta, covariance, now, newCustomers, k, level);
  }
  return { alpha, beta, ...forecast, interval };
}
