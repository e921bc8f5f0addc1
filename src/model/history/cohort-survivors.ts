/**
 * The cohort triangle of survivors the sBG model is fitted to (docs/definitions.md §7, "sBG on several
 * cohorts"), and the fit itself, for the analysis sheet and the pane.
 *
 * Survivors are the cohort table's own measure (cohorts.ts): a customer survives to age t while
 * they are still a customer in period cohort + t or later (with orders: their last order's
 * activity window reaches it, so reactivation blurs churn). They never rise with age, and every
 * cohort is observed from age 0 (its size) to the data's last period.
 */
import { invalidNumber } from "../errors";
import { fitSbgCohorts, SbgFit } from "../sbg/sbg-fit";
import { survival } from "../sbg/sbg-curve";
import { AnalysisTables } from "./analysis";

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
 * One α, β for the whole triangle (docs/definitions.md §7: maximising Σ_c LL_c, counts weighting cohorts by
 * size), over the cohorts observed for at least one period after acquisition. Throws the fit's
 * #NUM! when the data has no finite maximum.
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
