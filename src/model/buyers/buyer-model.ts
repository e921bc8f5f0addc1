/**
 * What every buyer model (BG/NBD, Pareto/NBD, MBG/NBD, BG/BB) offers the model checks
 * (docs/definitions.md §10, "Checking a buyer model"): a fit, the log-likelihood at given
 * parameters, and the three quantities the checks compare with the data. The checks
 * (repeat-histogram.ts, conditional-by-frequency.ts, repeat-tracking.ts, model-comparison.ts)
 * see a model only through this interface, so a new model plugs in by implementing it and
 * taking its place in buyer-models.ts.
 */
import type { CustomerSummary } from "./bgnbd-fit";

/** The models' names as a cell gives them (see buyer-models.ts for the spellings accepted). */
export type BuyerModelName = "BGNBD" | "PARETO_NBD" | "MBGNBD" | "BGBB";

export interface BuyerModelFit {
  /** In the model's parameterNames order, as its *_FIT function spills them. */
  parameters: number[];
  /** Σ weight × ln L at the fitted parameters. */
  logLikelihood: number;
}

export interface BuyerModel {
  readonly name: BuyerModelName;
  /** As people write it: "BG/NBD". */
  readonly label: string;
  /** The parameters in the order of the model's *_FIT spill, e.g. r, alpha, a, b. */
  readonly parameterNames: readonly string[];
  /**
   * "continuous": t, t_x and T in any time unit; "discrete": whole numbers of purchase
   * opportunities (BG/BB's n), so a t between opportunities is the model's error.
   */
  readonly time: "continuous" | "discrete";
  /** #NUM! naming the parameter when one is outside the model's range. */
  checkParameters(parameters: readonly number[]): void;
  fit(data: CustomerSummary): BuyerModelFit;
  /** Σ weight × ln L of customers (x, t_x, T) at the parameters. */
  logLikelihood(data: CustomerSummary, parameters: readonly number[]): number;
  /** E[X(t)]: a new customer's expected repeat purchases in the t after the first purchase. */
  expectedPurchases(t: number, parameters: readonly number[]): number;
  /** P(X(t) = x): the probability of exactly x repeat purchases in the t after the first. */
  purchaseCountProbability(x: number, t: number, parameters: readonly number[]): number;
  /** E[Y(t) | x, t_x, T]: a customer's expected purchases in the next t. */
  conditionalExpectedPurchases(
    x: number,
    tx: number,
    T: number,
    t: number,
    parameters: readonly number[]
  ): number;
}
