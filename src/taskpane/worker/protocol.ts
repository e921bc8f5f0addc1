/**
 * Messages between the pane and its analysis worker (analysis.worker.ts), and the views it posts
 * back. The worker reads the user's table once (a CSV file, pasted text, the sample, or rows the
 * pane read from Excel) into the model's analysis (OrdersAnalysis / SubscriptionsAnalysis),
 * keeping the orders as read for the customer-lifetime fits (CustomerLifetimeAnalysis,
 * docs/definitions.md §10), which need no second read. It keeps the analysis and the last fit for
 * the sheet plans, and posts back compact views of typed arrays, transferred rather than copied.
 */
import type {
  CustomerLifetimeOptions,
  LifetimeModelName,
} from "../../model/buyers/customer-lifetime";
import type { ModelComparisonRow } from "../../model/buyers/customer-lifetime-checks";
import type { CohortTable } from "../../model/history/cohorts";
import type { KaplanMeierTable } from "../../model/history/kaplan-meier";
import type { PeriodRetentionTable } from "../../model/history/period-retention";
import type { RevenueMovementTable } from "../../model/history/revenue-movements";
import type { DataShape, LatestPeriod } from "../../model/history/analysis";
import type { CellProblem } from "../../model/errors";
import type { SizeRefusal } from "../../model/history/result-size";
import type { ColumnRoles } from "../../model/reading/column-matching";
import type { RepeatSpend, ValueConcentration } from "../../model/history/customer-value";
import type { DateFormat } from "../../model/reading/date-formats";
import type { DataCheck, FutureRowsCheck } from "../../model/reading/data-check";
import type { LayoutWarning } from "../../model/reading/layout";
import type { DecimalMark } from "../../model/reading/number-text";
import type { PeriodUnit } from "../../model/history/periods";
import type { PeriodBills } from "../../model/history/period-bills";
import type { SheetPlan } from "../../report/sheet-plan";
import type { Language } from "../i18n/strings";

/** Where the rows come from. Excel's rows are sent ahead in blocks ("append"). */
export type TableSource =
  { kind: "file"; file: File } | { kind: "text"; text: string } | { kind: "blocks" };

export interface AnalysisSettings {
  shape: DataShape;
  columns: ColumnRoles;
  /** Whether the first row holds column titles (skipped). */
  hasHeader: boolean;
  /** How text dates are written (null: ISO text or Excel serials only). */
  dateFormat: DateFormat | null;
  /** The decimal mark of text amounts (detected, or the user's choice). */
  decimal?: DecimalMark;
  /** Why the proposed match may be wrong (the pane warns; a change by the user clears them). */
  warnings?: LayoutWarning[];
  unit: PeriodUnit;
  /** Orders: activity window in periods. */
  window: number;
}

export type WorkerRequest =
  /** The first rows of a source (headers and a sample), to propose the column match. */
  | { type: "inspect"; id: number; source: TableSource; rows: number }
  /** Rows read from Excel: `firstRow` is the sheet row number of rows[0]. */
  | { type: "append"; rows: unknown[][]; firstRow: number }
  | { type: "clear" }
  /** One read of the source into the analysis (the orders kept for the customer-lifetime fits). */
  | { type: "analyse"; id: number; source: TableSource; settings: AnalysisSettings }
  /** The analysis sheet's plan for the last analysis, with labels in a language. */
  | { type: "plan"; id: number; language: Language }
  | LifetimeRequest
  | ForecastRequest
  | SegmentRequest
  | DriversRequest;

/**
 * "What goes with leaving" (drivers-engine.ts): the source read again with the table's other
 * columns as each customer's attributes (their first order's, or first subscription's), and the
 * Cox model fitted on the customers' lifetimes. `use`: the columns' indices to fit with, or null
 * for every column that does not look like an id.
 */
export interface DriversRequest {
  type: "drivers";
  id: number;
  source: TableSource;
  settings: AnalysisSettings;
  columns: { index: number; name: string }[];
  use: number[] | null;
}

/** One of the other columns, as the drivers view offers it. */
export interface DriverColumn {
  index: number;
  name: string;
  /** Different values among the customers' first rows. */
  distinct: number;
  /** More than 100 different text values, or one value per customer: left out by default. */
  idLike: boolean;
  used: boolean;
}

/** One coefficient of the Cox model, as the pane words it. */
export interface DriverTerm {
  /** The column's name. */
  column: string;
  /** A text column's category ("annual") against its baseline ("monthly"); null for a number. */
  category: string | null;
  baseline: string | null;
  coefficient: number;
  standardError: number;
  hazardRatio: number;
  /** The hazard ratio's 95% interval, exp(β ± 1.96 SE). */
  lower: number;
  upper: number;
  /** Two-sided Wald p-value. */
  p: number;
}

/** Why the model could not be fitted: a reason the pane words, the term it names, the model's words. */
export interface DriversProblem {
  reason:
    "noChurn" | "constant" | "separation" | "collinear" | "tooManyCategories" | "empty" | "other";
  term: string | null;
  /** The row (file line or sheet row) of an empty value. */
  row: number | null;
  message: string;
}

export interface DriversView {
  shape: DataShape;
  unit: PeriodUnit;
  columns: DriverColumn[];
  customers: number;
  churned: number;
  /** Sorted by hazard ratio, lowest first; empty when the fit failed. */
  terms: DriverTerm[];
  likelihoodRatioP: number | null;
  concordance: number | null;
  problem: DriversProblem | null;
}

export type SegmentRequest =
  /**
   * The source read again with column `column` as each customer's segment (segment-engine.ts);
   * `name` is the column's title, for the sheet.
   */
  | {
      type: "segments";
      id: number;
      source: TableSource;
      settings: AnalysisSettings;
      column: number;
      name: string;
    }
  /** The segment comparison sheet's plan for the last segments, RMST up to `horizon`. */
  | { type: "segmentPlan"; id: number; language: Language; horizon: number };

/** One segment's figures, each computed by the model in the worker. */
export interface SegmentSummary {
  /** The value as the data wrote it ("" for an empty cell). */
  label: string | number;
  customers: number;
  churned: number;
  /** Churn the log-rank test expected had every segment been alike. */
  expected: number;
  median: number | null;
  /** Brookmeyer–Crowley 95% interval of the median; null where a bound is not reached. */
  medianLower: number | null;
  medianUpper: number | null;
  /** The segment's Kaplan-Meier table (for the curves and RMST at any horizon). */
  survival: KaplanMeierTable;
  /** The sBG fit across the segment's cohorts, or why there is none. */
  sbg: { alpha: number; beta: number; nextAge: number; nextRetention: number } | { error: string };
  /** The segment's own analysis, for the period retention and cohort views. */
  view: AnalysisView;
}

export interface SegmentsView {
  column: number;
  name: string;
  shape: DataShape;
  unit: PeriodUnit;
  /** In order of first appearance; empty when there are more than `limit`. */
  segments: SegmentSummary[];
  /** The column's distinct values, and the most the comparison takes. */
  count: number;
  limit: number;
  /** The log-rank test across the segments (chi-square null: fewer than two had churn). */
  logRank: { chiSquare: number | null; degreesOfFreedom: number; pValue: number | null };
  /** The longest time observed in every segment: RMST's default horizon. */
  commonHorizon: number;
}

export type ForecastRequest =
  /** The plan from the analysis `analysis` (its "analyse" request's id): the sBG fit's forecast. */
  | { type: "forecast"; id: number; analysis: number; settings: ForecastSettings }
  /** The "Plan" sheet's plan for the last forecast, with labels in a language. */
  | { type: "forecastPlan"; id: number; language: Language; currency: string };

/** What the user sets in the Plan view (docs/definitions.md §11). */
export interface ForecastSettings {
  horizon: number;
  /** New customers in future period 1 (null: the latest complete period's). */
  newPerPeriod: number | null;
  growth: number;
  /** Revenue per active customer per period (null: the latest complete period's). */
  revenuePerCustomer: number | null;
  margin: number;
  cac: number;
  uplift: number;
  /** The range's level, or null for none. */
  level: number | null;
  /** New customers by future period, one a period (replaces newPerPeriod and growth), or null. */
  pasted: number[] | null;
}

/** The plan as the Plan view draws it. */
export interface ForecastView {
  alpha: number;
  beta: number;
  /** The first future period's start (a date serial), and the period unit. */
  firstStart: number;
  unit: PeriodUnit;
  /** The defaults the settings' nulls took. */
  newPerPeriod: number;
  revenuePerCustomer: number;
  /** Whether the data had amounts (else revenue is what the user typed, or 0). */
  dataRevenue: boolean;
  existing: Float64Array;
  added: Float64Array;
  total: Float64Array;
  revenue: Float64Array;
  margin: Float64Array;
  /** Revenue and margin over the plan (the model's sums). */
  revenueTotal: number;
  marginTotal: number;
  /** The range's level and bounds of the customers per period; null without a range. */
  level: number | null;
  low: Float64Array | null;
  high: Float64Array | null;
  /** The first planned cohort's LTV : CAC within the plan (NaN without a CAC). */
  ltvToCac: number;
  /** Each planned cohort's (index j − 1 for period j) margin within the plan ÷ CAC; NaN without a CAC. */
  cohortLtvToCac: Float64Array;
  paybackPeriods: number | null;
  /** The same forecast made `periods` ago, and its mean absolute percentage error. */
  backtest: { periods: number; error: number } | null;
  /**
   * Today's base (each cohort's age and customers now) and the settings this plan answers: the
   * pane's what-if on the plan re-evaluates the plan from them (plan-whatif-model.ts).
   */
  cohorts: { age: number; customers: number }[];
  settings: ForecastSettings;
}

export type LifetimeRequest =
  /**
   * BG/NBD and Gamma-Gamma fitted to the orders analysis `analysis` (the id of its "analyse"
   * request, AnalysisView.analysis) read; the source is not read again.
   */
  | { type: "lifetime"; id: number; analysis: number; options: CustomerLifetimeOptions }
  /** The per-customer sheet's plan for the last fit, with labels in a language. */
  | { type: "lifetimePlan"; id: number; language: Language };

export type WorkerResponse =
  | { type: "inspected"; id: number; rows: string[][] | unknown[][] }
  | { type: "progress"; id: number; rows: number; fraction: number | null }
  | { type: "analysed"; id: number; view: AnalysisView }
  | { type: "planned"; id: number; plan: SheetPlan }
  /** `cell`: the bad cell the model named (its line or sheet row, and column), when it named one. */
  | {
      type: "failed";
      id: number;
      message: string;
      code: string | null;
      cell: CellProblem | null;
      /** A table too large for a sheet, as figures the pane words in its own language. */
      tooLarge?: SizeRefusal | null;
    }
  | { type: "lifetime"; id: number; view: LifetimeView }
  | { type: "forecast"; id: number; view: ForecastView }
  | { type: "segments"; id: number; view: SegmentsView }
  | { type: "drivers"; id: number; view: DriversView }
  /**
   * The analysis a lifetime request named is no longer the worker's (a newer one replaced it, or
   * the worker was restarted): the pane asks again about the view it shows now.
   */
  | { type: "superseded"; id: number };

/** Everything the views draw, as typed arrays (one entry per period, cohort or time). */
export interface AnalysisView {
  /** The analysis's number (its request's id): lifetime requests name the orders they fit by it. */
  analysis: number;
  shape: DataShape;
  rows: number;
  customers: number;
  unit: PeriodUnit;
  window: number;
  hasRevenue: boolean;
  /** The table as read, at a glance (orders only; null for subscriptions). */
  check: DataCheck | null;
  /**
   * Rows (orders, subscription starts) dated after today, left out of every figure; the pane
   * shows none of the figures until the user agrees to leave them out. Null: there are none.
   */
  future: FutureRowsCheck | null;
  /** The end of observation (whole-day serial). */
  lastDay: number;
  /** The first period's number; period i of every table is firstPeriod + i. */
  firstPeriod: number;
  /** Serial of each period's first day. */
  periodStart: Float64Array;
  // The model's own tables (typed arrays cross to the worker's caller as they are).
  retention: Omit<PeriodRetentionTable, "range"> & {
    /** (E − N) ÷ S; NaN where S = 0. */
    rate: Float64Array;
  };
  cohorts: Omit<CohortTable, "range">;
  sbg: SbgView;
  survival: KaplanMeierTable & { median: number | null };
  movements:
    | (Omit<RevenueMovementTable, "range"> & {
        /** NaN where the period starts with no revenue. */
        nrr: Float64Array;
        grr: Float64Array;
      })
    | null;
  concentration: ValueConcentration | null;
  repeatSpend: RepeatSpend | null;
  latest: LatestPeriod | null;
  /** New and returning customers and revenue in every period, for "Use in the model". */
  bills: PeriodBills;
}

/** The sBG fit across cohorts (docs/definitions.md §7), fitted once in the worker. */
export interface SbgView {
  /** The cohorts' pooled actual survival at ages 0 … periods. */
  actual: Float64Array;
  /**
   * fits[h]: the fit with the last h periods held out (h = 0: every period, the analysis sheet's
   * fit). At least one entry.
   */
  fits: SbgHoldoutFit[];
}

export interface SbgHoldoutFit {
  /** null: the model found no fit (`error` says why). */
  fit: { alpha: number; beta: number; cohorts: number } | null;
  /** S(t) under the fit for t = 0 … periods; empty without a fit. */
  fitted: Float64Array;
  error: string | null;
}

/** The top customers, one entry per customer, highest value first. */
export interface LifetimeTopCustomers {
  /** The customer's id as the data wrote it. */
  label: Array<string | number>;
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  monetary: Float64Array;
  pAlive: Float64Array;
  expectedPurchases: Float64Array;
  /** NaN where the spend model could not be fitted. */
  expectedSpend: Float64Array;
  clv: Float64Array;
}

/** What the customer-lifetime panel draws; every number computed by the model in the worker. */
export interface LifetimeView {
  options: CustomerLifetimeOptions;
  /** Customers with a purchase in the calibration period. */
  customers: number;
  /** End of observation and of the calibration period (serials; equal without a holdout). */
  lastDay: number;
  calibrationEnd: number;
  /** The purchase model fitted (customer-lifetime.ts LifetimePurchaseFit). */
  purchases: {
    model: LifetimeModelName;
    label: string;
    parameterNames: string[];
    parameters: number[];
    logLikelihood: number;
  };
  /** Whether pAliveBins count the one-time buyers (every model but BG/NBD gives them a P(alive)). */
  pAliveWithOneTime: boolean;
  /** The chosen model's checks and every model compared (customer-lifetime-checks.ts). */
  checks: LifetimeChecksView;
  spend: { p: number; q: number; gamma: number; customersUsed: number } | null;
  /** Why the spend model could not be fitted, as a sentence. */
  spendProblem: string | null;
  /** Customers by P(alive) in equal bins over [0, 1]; bin i runs from edges[i] to edges[i + 1]. */
  pAliveBins: Int32Array;
  pAliveEdges: Float64Array;
  top: LifetimeTopCustomers;
  /** Customers with no repeat purchase (P(alive) = 1 by construction): not in pAliveBins. */
  oneTimeBuyers: number;
  /** The at-risk list (customer-lifetime.ts atRiskCustomers), every row, highest past value first. */
  atRisk: LifetimeTopCustomers & { pastValue: Float64Array };
  holdout: {
    /** In time units. */
    length: number;
    expectedTotal: number;
    actualTotal: number;
    /** The last frequency bucket: customers with that many repeat purchases or more. */
    maxFrequency: number;
    /** By calibration frequency 0, 1, … (those some customer has). */
    byFrequency: {
      frequency: Int32Array;
      customers: Float64Array;
      expected: Float64Array;
      actual: Float64Array;
    } | null;
  } | null;
}

/** The model checks as the charts draw them (customer-lifetime-checks.ts). */
export interface LifetimeChecksView {
  /** Repeat purchases x = 0 … maxX (the last: maxX or more): customers actual and expected. */
  histogram: { actual: Float64Array; expected: Float64Array; maxX: number };
  /** Cumulative repeat purchases period by period (with a holdout). */
  tracking: {
    periodEnd: Float64Array;
    cumulativeActual: Float64Array;
    cumulativeExpected: Float64Array;
    calibrationPeriods: number;
  } | null;
  /** Mean holdout purchases by calibration frequency (with a holdout; NaN where nobody is). */
  byFrequency: {
    customers: Float64Array;
    actualMean: Float64Array;
    expectedMean: Float64Array;
  } | null;
  comparison: ModelComparisonRow[];
  /** What the rows were fitted to (customer-lifetime-checks.ts ModelComparison.data). */
  data: "continuous" | "opportunities";
  holdoutActual: number | null;
  best: LifetimeModelName | null;
}
