/**
 * The "Customers who may have left" messages between the pane and its analysis worker
 * (customer-lifetime-engine.ts): the worker reads the same source again into the model's
 * CustomerLifetimeAnalysis (BG/NBD and Gamma-Gamma, docs/definitions.md §10), keeps the table for the sheet
 * plan, and posts back a compact view of typed arrays, transferred rather than copied.
 */
import type { CustomerLifetimeOptions } from "../../model/buyers/customer-lifetime";
import type { AnalysisSettings, TableSource } from "./protocol";

export type LifetimeRequest =
  /** Fits both models on an orders source (the one the view was analysed from). */
  | {
      type: "lifetime";
      id: number;
      source: TableSource;
      settings: AnalysisSettings;
      options: CustomerLifetimeOptions;
      /**
       * The same source and settings as the previous lifetime request (only the options
       * changed): the worker may refit the orders it folded then, without reading them again.
       */
      reuse?: boolean;
    }
  /** The per-customer sheet's plan for the last fit, with labels in a language. */
  | { type: "lifetimePlan"; id: number; language: "en" | "zh-CN" };

export type LifetimeResponse = { type: "lifetime"; id: number; view: LifetimeView };

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

/** Everything the panel draws; every number computed by the model in the worker. */
export interface LifetimeView {
  options: CustomerLifetimeOptions;
  /** Customers with a purchase in the calibration period. */
  customers: number;
  /** End of observation and of the calibration period (serials; equal without a holdout). */
  lastDay: number;
  calibrationEnd: number;
  purchases: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  spend: { p: number; q: number; gamma: number; customersUsed: number } | null;
  /** Why the spend model could not be fitted, as a sentence. */
  spendProblem: string | null;
  /** Customers by P(alive) in equal bins over [0, 1]; bin i runs from edges[i] to edges[i + 1]. */
  pAliveBins: Int32Array;
  pAliveEdges: Float64Array;
  top: LifetimeTopCustomers;
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
