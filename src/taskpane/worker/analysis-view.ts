/**
 * The view the pane draws from an analysis: copies of the model's arrays (the analysis stays
 * whole in the worker for the sheet plan), the ratios the tables show, and the sBG fits the
 * worker computed once. Built in the worker, transferred rather than copied.
 */
import type { DataAnalysis } from "../../model/history/analysis";
import { CohortSbgFits, sbgProjection } from "../../model/history/cohort-survivors";
import { periodRetentionRate, periodStarts } from "../../model/history/period-retention";
import {
  grossRevenueRetention,
  netRevenueRetention,
} from "../../model/economics/revenue-retention";
import type { DataCheck, FutureRowsCheck } from "../../model/reading/data-check";
import { periodBills } from "../../model/history/period-bills";
import type { AnalysisView, SbgView } from "./protocol";

/** A ratio the model refuses (no base) as NaN: the view shows a dash. */
function orNaN(f: () => number): number {
  try {
    return f();
  } catch {
    return NaN;
  }
}

/** `analysis`: the analysis's number (its request's id), which lifetime requests name. */
export function analysisView(
  analysis: number,
  a: DataAnalysis,
  sbg: CohortSbgFits,
  check: DataCheck | null = null,
  future: FutureRowsCheck | null = null
): AnalysisView {
  const r = a.retention;
  const periods = r.start.length;
  const rate = new Float64Array(periods);
  for (let i = 0; i < periods; i++) rate[i] = periodRetentionRate(r, i);
  const m = a.movements;
  const km = a.survival;
  return {
    analysis,
    shape: a.shape,
    rows: a.rows,
    customers: a.ids.count,
    unit: a.range.unit,
    window: a.window,
    hasRevenue: a.hasRevenue,
    check,
    future,
    lastDay: a.lastDay,
    firstPeriod: a.range.first,
    periodStart: periodStarts(a.range),
    retention: {
      start: r.start.slice(),
      won: r.won.slice(),
      end: r.end.slice(),
      kept: r.kept.slice(),
      reactivated: r.reactivated.slice(),
      churned: r.churned.slice(),
      rate,
    },
    cohorts: {
      cohort: a.cohorts.cohort.slice(),
      size: a.cohorts.size.slice(),
      ages: a.cohorts.ages,
      customers: a.cohorts.customers.slice(),
      revenue: a.cohorts.revenue.slice(),
      survivors: a.cohorts.survivors.slice(),
    },
    sbg: sbgView(sbg),
    survival: {
      time: km.time.slice(),
      atRisk: km.atRisk.slice(),
      churned: km.churned.slice(),
      censored: km.censored.slice(),
      survival: km.survival.slice(),
      lower: km.lower.slice(),
      upper: km.upper.slice(),
      median: a.medianLifetime,
    },
    movements: m && {
      start: m.start.slice(),
      won: m.won.slice(),
      expansion: m.expansion.slice(),
      contraction: m.contraction.slice(),
      churn: m.churn.slice(),
      reactivation: m.reactivation.slice(),
      end: m.end.slice(),
      nrr: m.start.map((s, i) =>
        orNaN(() => netRevenueRetention(s, m.expansion[i], m.contraction[i], m.churn[i]))
      ),
      grr: m.start.map((s, i) =>
        orNaN(() => grossRevenueRetention(s, m.contraction[i], m.churn[i]))
      ),
    },
    concentration: a.concentration,
    repeatSpend: a.repeatSpend,
    latest: a.latest,
    bills: periodBills(a.cells, a.range),
  };
}

/** The fits as the view draws them: α, β and the fitted curve over every age the data has. */
function sbgView(sbg: CohortSbgFits): SbgView {
  const periods = sbg.actual.length - 1;
  return {
    actual: Float64Array.from(sbg.actual),
    fits: sbg.byHoldout.map((fit) =>
      typeof fit === "string"
        ? { fit: null, fitted: new Float64Array(0), error: fit }
        : {
            fit: { alpha: fit.alpha, beta: fit.beta, cohorts: fit.cohorts },
            fitted: Float64Array.from(sbgProjection(fit.alpha, fit.beta, periods)),
            error: null,
          }
    ),
  };
}

/** Every array buffer of a view, to transfer instead of copy. */
export function transfers(view: AnalysisView): Transferable[] {
  const out: Transferable[] = [];
  const add = (o: object | null) => {
    if (!o) return;
    for (const v of Object.values(o)) if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
  };
  add(view);
  add(view.retention);
  add(view.cohorts);
  add(view.sbg);
  for (const fit of view.sbg.fits) add(fit);
  add(view.survival);
  add(view.movements);
  return out;
}
