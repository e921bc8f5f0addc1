/**
 * The cohort triangle of survivors the sBG model is fitted to (domain.md §7, "sBG on several
 * cohorts"), and the fit itself, for the analysis sheet and the pane.
 *
 * A customer survives to age t (periods since acquisition) while they are still a customer in
 * period cohort + t or later: with orders, their last order's activity window (the last active
 * period + window − 1) reaches that period ("still ordering": a gap followed by a new order counts
 * as surviving the gap, so reactivation blurs churn); with subscriptions, some subscription covers
 * a day of that period or a later one. Survivors never rise with age, and every cohort is observed
 * from age 0 (its size) to the data's last period, as the cohort table's rows are. These are the
 * same lifetimes the Kaplan-Meier curve uses.
 */
import { invalidNumber } from "../errors";
import { fitSbgCohorts, SbgFit } from "../sbg-fit";
import { survival } from "../sbg-curve";
import { DataAnalysis } from "./analysis";

/** Survivors per cohort row of the cohort table (same rows, same order), ages 0 … observed − 1. */
export function cohortSurvivors(analysis: DataAnalysis): number[][] {
  const { cells, cohorts, range, window } = analysis;
  const reach = analysis.shape === "orders" ? window - 1 : 0;
  const rowOfPeriod = new Map<number, number>();
  cohorts.cohort.forEach((p, r) => rowOfPeriod.set(p, r));
  const rows = Array.from(cohorts.cohort, (p) => new Array<number>(range.last - p + 1).fill(0));
  const { offsets, period, active } = cells;
  for (let c = 0; c < cells.customerCount; c++) {
    let first = NaN;
    let last = NaN;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      if (!active[i] || period[i] < range.first || period[i] > range.last) continue;
      if (first !== first) first = period[i];
      last = period[i];
    }
    if (first !== first) continue;
    const row = rows[rowOfPeriod.get(first)!];
    const lastAge = Math.min(last + reach, range.last) - first;
    // A difference array: +1 at age 0, −1 after the last age survived.
    row[0]++;
    if (lastAge + 1 < row.length) row[lastAge + 1]--;
  }
  for (const row of rows) for (let t = 1; t < row.length; t++) row[t] += row[t - 1];
  return rows;
}

export interface CohortSbgFit extends SbgFit {
  /** Cohorts the fit used: those observed for at least one period after acquisition. */
  cohorts: number;
}

/**
 * One α, β for the whole triangle (domain.md §7: maximising Σ_c LL_c, counts weighting cohorts by
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
