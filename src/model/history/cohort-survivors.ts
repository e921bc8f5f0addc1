/**
 * The cohort triangle of survivors the sBG model is fitted to (docs/definitions.md §7, "sBG on
 * several cohorts"), and the fits themselves, for the analysis sheet and the pane.
 *
 * Survivors are the cohort table's own measure (cohorts.ts): a customer survives to age t while
 * they are still a customer in period cohort + t or later (with orders: their last order's
 * activity window reaches it, so reactivation blurs churn). They never rise with age, and every
 * cohort is observed from age 0 (its size) to the data's last period: a row per cohort, as long
 * as the cohort has been observed (no padding).
 */
import { invalidNumber } from "../errors";
import { fitSbgCohorts, SbgFit } from "../sbg/sbg-fit";
import { survival } from "../sbg/sbg-curve";
import type { AnalysisTables } from "./analysis";
import { pooledSurvivalCurve } from "./cohort-curve";

/** Survivors per cohort row of the cohort table (same rows, same order), ages 0 … observed − 1. */
export function cohortSurvivors(analysis: Pick<AnalysisTables, "cohorts" | "range">): number[][] {
  const { cohorts, range } = analysis;
  return Array.from(cohorts.cohort, (p, r) =>
    Array.from(cohorts.survivors.subarray(r * cohorts.ages, r * cohorts.ages + range.last - p + 1))
  );
}

export interface CohortSbgFit extends SbgFit {
  /** Cohorts the fit used: those observed for at least one period after acquisition. */
  cohorts: number;
}

/**
 * One α, β for the whole triangle (docs/definitions.md §7: maximising Σ_c LL_c, counts weighting
 * cohorts by size), over the cohorts observed for at least one period after acquisition. Throws
 * the fit's #NUM! when the data has no finite maximum.
 */
export function fitCohortSbg(survivors: readonly (readonly number[])[]): CohortSbgFit {
  const used = survivors.filter((row) => row.length >= 2 && row[0] > 0);
  if (used.length === 0)
    throw invalidNumber("no cohort has been observed for a period after its first");
  return { ...fitSbgCohorts(used), cohorts: used.length };
}

/** The fitted survival S(t) for t = 0 … horizon (the model's closed form). */
export function sbgProjection(alpha: number, beta: number, horizon: number): number[] {
  return Array.from({ length: horizon + 1 }, (_, t) => survival(alpha, beta, t));
}

/**
 * The most periods a fit may hold out: the last periods left out of the fit show how well it
 * projects. At least two ages are always left to fit.
 */
export const SBG_MAX_HOLDOUT = 12;

/** The sBG fit across cohorts as the pane shows it and the analysis sheet writes it. */
export interface CohortSbgFits {
  /** The cohorts' pooled actual survival at ages 0 … periods (cohort-curve.ts). */
  actual: number[];
  /**
   * byHoldout[h]: the fit to the ages before the last h periods, or the model's reason there is
   * none. byHoldout[0] is the fit to every age: the analysis sheet's.
   */
  byHoldout: Array<CohortSbgFit | string>;
}

/**
 * Every fit the pane offers, each computed once: with 0 … min(maxHoldout, periods − 2) of the
 * last periods held out (the fit then sees only the ages before them).
 */
export function cohortSbgFits(
  survivors: readonly (readonly number[])[],
  maxHoldout = SBG_MAX_HOLDOUT
): CohortSbgFits {
  const actual = pooledSurvivalCurve(survivors);
  const periods = actual.length - 1;
  const holdouts = Math.max(0, Math.min(maxHoldout, periods - 2));
  const byHoldout: Array<CohortSbgFit | string> = [];
  for (let h = 0; h <= holdouts; h++) {
    const calibration = periods - h;
    byHoldout.push(
      tryFitCohortSbg(h === 0 ? survivors : survivors.map((row) => row.slice(0, calibration + 1)))
    );
  }
  return { actual, byHoldout };
}

/** The fit, or the message of the error the model raised instead (the sheet and pane show it). */
export function tryFitCohortSbg(survivors: readonly (readonly number[])[]): CohortSbgFit | string {
  try {
    return fitCohortSbg(survivors);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
