/**
 * Conditional expectations against the holdout (docs/definitions.md §10, "Checking a buyer
 * model"): customers grouped by their calibration frequency x = 0 … maxX − 1 and maxX or more;
 * per group, the mean of the purchases they actually made in the holdout beside the mean of
 * what the model, fitted on the calibration period alone, expected of each of them,
 * E[Y(t) | x, t_x, T] over the holdout's length t. A group nobody is in has no means (NaN).
 */
import { BuyerModel } from "./buyer-model";
import { checkCustomer } from "./bgnbd";
import { checkMaxFrequency, rowWeight } from "./repeat-histogram";
import { finite, invalidValue } from "../errors";

export interface CustomersWithHoldout {
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  /** Purchases each customer made in the holdout (whole numbers, 0 or more). */
  holdoutPurchases: ArrayLike<number>;
  /** Each customer's holdout length, in the time unit of recency and T. */
  holdoutLength: ArrayLike<number>;
  weight?: ArrayLike<number> | null;
}

export interface ConditionalByFrequency {
  /** Index x = 0 … maxX (the last: maxX or more). */
  customers: Float64Array;
  actualMean: Float64Array;
  expectedMean: Float64Array;
}

export function conditionalByFrequency(
  data: CustomersWithHoldout,
  model: BuyerModel,
  parameters: readonly number[],
  maxX = 7
): ConditionalByFrequency {
  checkMaxFrequency(maxX);
  model.checkParameters(parameters);
  const n = data.frequency.length;
  for (const column of [data.recency, data.T, data.holdoutPurchases, data.holdoutLength])
    if (column.length !== n)
      throw invalidValue("the customer columns must have the same number of rows");
  const weight = data.weight ?? null;
  const customers = new Float64Array(maxX + 1);
  const actual = new Float64Array(maxX + 1);
  const expected = new Float64Array(maxX + 1);
  const same = new Remembered((x, tx, T, t) =>
    model.conditionalExpectedPurchases(x, tx, T, t, parameters)
  );
  for (let i = 0; i < n; i++) {
    const w = rowWeight(weight, i);
    if (w === 0) continue;
    const x = data.frequency[i];
    checkCustomer(x, data.recency[i], data.T[i], i + 1);
    const later = data.holdoutPurchases[i];
    if (!(later >= 0 && Math.trunc(later) === later && later < Infinity))
      throw invalidValue(`holdout purchases must be a whole number, 0 or more (row ${i + 1})`);
    const length = data.holdoutLength[i];
    if (!(length >= 0 && length < Infinity))
      throw invalidValue(`the holdout length must be 0 or more (row ${i + 1})`);
    const g = Math.min(x, maxX);
    customers[g] += w;
    actual[g] += w * later;
    expected[g] += w * same.get(x, data.recency[i], data.T[i], length);
  }
  const mean = (sums: Float64Array) =>
    sums.map((s, g) => (customers[g] > 0 ? finite(s / customers[g], "a mean") : NaN));
  return { customers, actualMean: mean(actual), expectedMean: mean(expected) };
}

/**
 * E[Y] once per distinct (x, t_x, T, t): summaries in whole days or weeks repeat customers
 * often (every one-time buyer of one day is the same customer to the model).
 */
class Remembered {
  private readonly byKey = new Map<number, Map<number, Map<number, Map<number, number>>>>();

  constructor(private readonly compute: (x: number, tx: number, T: number, t: number) => number) {}

  get(x: number, tx: number, T: number, t: number): number {
    let byT = this.byKey.get(t);
    if (byT === undefined) this.byKey.set(t, (byT = new Map()));
    let byTx = byT.get(T);
    if (byTx === undefined) byT.set(T, (byTx = new Map()));
    let byX = byTx.get(tx);
    if (byX === undefined) byTx.set(tx, (byX = new Map()));
    let e = byX.get(x);
    if (e === undefined) byX.set(x, (e = this.compute(x, tx, T, t)));
    return e;
  }
}
