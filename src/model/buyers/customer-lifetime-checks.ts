/**
 * The model checks of a customer-lifetime table (issue 21 §2–3; docs/definitions.md §10,
 * "Checking a buyer model"), for the pane: the chosen model's expected against actual repeat
 * purchases in the calibration period (x = 0 … 7+), and, with a holdout, its cumulative tracking
 * period by period and its conditional expectations by calibration frequency; beside them every
 * available continuous-time model fitted to the same calibration data, compared by
 * log-likelihood, AIC and the error of its holdout forecast. BG/BB's checks run on its
 * opportunities (the table's cells count one step per opportunity), and it is compared with no
 * continuous model: its likelihood is of other data. Only wiring: every figure is
 * repeat-histogram.ts's, repeat-tracking.ts's, conditional-by-frequency.ts's or
 * model-comparison.ts's.
 */
import { ConditionalByFrequency, conditionalByFrequency } from "./conditional-by-frequency";
import {
  CustomerLifetimeTable,
  LIFETIME_MODELS,
  LifetimeModelName,
  lifetimeBuyerModel,
} from "./customer-lifetime";
import { modelScore } from "./model-comparison";
import { RepeatHistogram, repeatHistogram } from "./repeat-histogram";
import { RepeatTracking, repeatTracking } from "./repeat-tracking";
import { holdoutSummary } from "../history/holdout-summary";
import { periodEnd } from "../history/periods";
import { DomainError } from "../errors";

/** The histogram's and the frequency groups' last bucket: 7 or more. */
export const CHECK_MAX_FREQUENCY = 7;

export interface ModelComparisonRow {
  model: LifetimeModelName;
  label: string;
  /** null when the model could not be fitted to these customers (`problem` says why). */
  logLikelihood: number | null;
  aic: number | null;
  bic: number | null;
  /** Σ over customers of the expected purchases in the holdout; null without a holdout. */
  holdoutExpected: number | null;
  /** |expected − actual| ÷ actual for the whole holdout; null without a holdout or purchases in it. */
  holdoutError: number | null;
  problem: string | null;
}

export interface LifetimeChecks {
  histogram: RepeatHistogram;
  /** With a holdout only. */
  tracking: RepeatTracking | null;
  byFrequency: ConditionalByFrequency | null;
}

export interface ModelComparison {
  rows: ModelComparisonRow[];
  /**
   * "continuous": the continuous-time models on the same purchase days, ranked; "opportunities":
   * BG/BB alone, on its opportunities, which no continuous model's likelihood can be ranked with.
   */
  data: "continuous" | "opportunities";
  /** The purchases actually made in the holdout (null without one). */
  holdoutActual: number | null;
  /** The row with the lowest AIC (null if no model could be fitted). */
  best: LifetimeModelName | null;
}

const dataOf = (table: CustomerLifetimeTable) => ({
  frequency: table.customers.frequency,
  recency: table.customers.recency,
  T: table.customers.age,
});

/** With a holdout: the customers beside their holdout purchases and its length. */
function withHoldoutOf(table: CustomerLifetimeTable) {
  const h = table.holdout;
  return (
    h && {
      ...dataOf(table),
      holdoutPurchases: h.actual,
      holdoutLength: new Float64Array(h.actual.length).fill(h.length),
    }
  );
}

/** The chosen model's checks. */
export function lifetimeChecks(table: CustomerLifetimeTable): LifetimeChecks {
  const chosen = lifetimeBuyerModel(table.purchases.model);
  if (chosen === null) throw new Error(`no model ${table.purchases.model}`);
  const { frequency, age } = table.customers;
  const parameters = table.purchases.parameters;
  const histogram = repeatHistogram(frequency, age, null, chosen, parameters, CHECK_MAX_FREQUENCY);
  const h = table.holdout;
  const withHoldout = withHoldoutOf(table);
  // The cells' clock: days and the time unit, or BG/BB's opportunities one step each.
  const o = table.opportunity;
  const unitDays = o ? 1 : table.options.timeUnitDays;
  const calibrationEnd = o ? o.calibrationEnd : table.calibrationEnd;
  const end = o ? o.end : table.lastDay;
  const tracking =
    h &&
    repeatTracking(
      table.cells,
      holdoutSummary(table.cells, calibrationEnd, end, unitDays),
      calibrationEnd,
      end,
      unitDays,
      chosen,
      parameters
    );
  // BG/BB's periods end on each opportunity's last day (the last at the last order's day).
  if (tracking && o)
    tracking.periodEnd = tracking.periodEnd.map((p) =>
      Math.min(periodEnd(p, o.unit), table.lastDay)
    );
  const byFrequency =
    withHoldout && conditionalByFrequency(withHoldout, chosen, parameters, CHECK_MAX_FREQUENCY);
  return { histogram, tracking, byFrequency };
}

/**
 * Every available model (default: all of LIFETIME_MODELS the registry has; BG/BB alone for a
 * BG/BB table) fitted to the table's calibration customers (the table's own model keeps its
 * fit), scored on the same data.
 */
export function compareLifetimeModels(
  table: CustomerLifetimeTable,
  models: readonly LifetimeModelName[] = table.opportunity ? ["BGBB"] : LIFETIME_MODELS
): ModelComparison {
  const data = dataOf(table);
  const parameters = table.purchases.parameters;
  const h = table.holdout;
  const withHoldout = withHoldoutOf(table);
  const comparison: ModelComparisonRow[] = [];
  for (const name of models) {
    const model = lifetimeBuyerModel(name);
    if (model === null) continue;
    const row: ModelComparisonRow = {
      model: name,
      label: model.label,
      logLikelihood: null,
      aic: null,
      bic: null,
      holdoutExpected: null,
      holdoutError: null,
      problem: null,
    };
    try {
      const fitted = name === table.purchases.model ? parameters : model.fit(data).parameters;
      const score = modelScore(model, fitted, data);
      row.logLikelihood = score.logLikelihood;
      row.aic = score.aic;
      row.bic = score.bic;
      if (withHoldout && h) {
        const groups = conditionalByFrequency(withHoldout, model, fitted, CHECK_MAX_FREQUENCY);
        let expected = 0;
        groups.customers.forEach((n, g) => {
          if (n > 0) expected += n * groups.expectedMean[g];
        });
        row.holdoutExpected = expected;
        row.holdoutError =
          h.actualTotal > 0 ? Math.abs(expected - h.actualTotal) / h.actualTotal : null;
      }
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      row.problem = e.message;
    }
    comparison.push(row);
  }
  let best: LifetimeModelName | null = null;
  let bestAic = Infinity;
  // BG/BB on its own: nothing fitted to the same data to rank it against.
  if (table.opportunity)
    return {
      rows: comparison,
      data: "opportunities",
      holdoutActual: h ? h.actualTotal : null,
      best,
    };
  for (const row of comparison)
    if (row.aic !== null && row.aic < bestAic) {
      bestAic = row.aic;
      best = row.model;
    }
  return { rows: comparison, data: "continuous", holdoutActual: h ? h.actualTotal : null, best };
}
