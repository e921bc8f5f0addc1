/**
 * Messages between the pane and its analysis worker (analysis.worker.ts). The worker reads the
 * user's table (a CSV file, pasted text, the sample, or rows the pane read from Excel), runs the
 * model's one analysis (OrdersAnalysis / SubscriptionsAnalysis) and posts back a compact view of
 * typed arrays, transferred rather than copied.
 */
import type { CohortTable } from "../../model/history/cohorts";
import type { KaplanMeierTable } from "../../model/history/kaplan-meier";
import type { PeriodRetentionTable } from "../../model/history/period-retention";
import type { RevenueMovementTable } from "../../model/history/revenue-movements";
import type { DataShape, LatestPeriod } from "../../model/history/analysis";
import type { ColumnRoles } from "../../model/reading/column-matching";
import type { RepeatSpend, ValueConcentration } from "../../model/history/customer-value";
import type { DateFormat } from "../../model/reading/date-formats";
import type { PeriodUnit } from "../../model/history/periods";
import type { SheetPlan } from "../../report/sheet-plan";
import type { LifetimeRequest, LifetimeResponse } from "./customer-lifetime-protocol";

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
  | { type: "analyse"; id: number; source: TableSource; settings: AnalysisSettings }
  /** The analysis sheet's plan for the last analysis, with labels in a language. */
  | { type: "plan"; id: number; language: "en" | "zh-CN" }
  | LifetimeRequest;

export type WorkerResponse =
  | { type: "inspected"; id: number; rows: string[][] | unknown[][] }
  | { type: "progress"; id: number; rows: number; fraction: number | null }
  | { type: "analysed"; id: number; view: AnalysisView }
  | { type: "planned"; id: number; plan: SheetPlan }
  /** `row`: the line (CSV) or sheet row the model named, when it named one. */
  | { type: "failed"; id: number; message: string; code: string | null }
  | LifetimeResponse;

/** Everything the views draw, as typed arrays (one entry per period, cohort or time). */
export interface AnalysisView {
  shape: DataShape;
  rows: number;
  customers: number;
  unit: PeriodUnit;
  window: number;
  hasRevenue: boolean;
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
}
