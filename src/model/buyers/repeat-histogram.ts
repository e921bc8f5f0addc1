/**
 * Expected against actual repeat purchases in the calibration period (docs/definitions.md §10,
 * "Checking a buyer model"): how many customers made 0, 1, …, maxX − 1 and maxX or more repeat
 * purchases, beside what the model expects, Σ over customers of P(X(T_i) = x) at each one's own
 * T. Both columns add up to the customers. The model's P is computed once per distinct T.
 */
import { BuyerModel } from "./buyer-model";
import { checkCustomer } from "./bgnbd";
import { finite, invalidNumber, invalidValue } from "../errors";

export interface RepeatHistogram {
  /** Index x = 0 … maxX; the last bucket holds maxX or more. */
  actual: Float64Array;
  expected: Float64Array;
  /** Σ weight: the customers counted. */
  customers: number;
}

/** maxX: a whole number from 1 to 100 (the last bucket is "maxX or more"). */
export function checkMaxFrequency(maxX: number, name = "max_x"): number {
  if (!(maxX >= 1 && maxX <= 100 && Math.trunc(maxX) === maxX))
    throw invalidNumber(`${name} must be a whole number from 1 to 100`);
  return maxX;
}

/** A row's weight, 0 or more (null weights: 1 each). */
export function rowWeight(weight: ArrayLike<number> | null, i: number): number {
  const w = weight ? weight[i] : 1;
  if (!(w >= 0 && w < Infinity)) throw invalidValue(`weights must be 0 or more (row ${i + 1})`);
  return w;
}

export function repeatHistogram(
  frequency: ArrayLike<number>,
  T: ArrayLike<number>,
  weight: ArrayLike<number> | null,
  model: BuyerModel,
  parameters: readonly number[],
  maxX = 7
): RepeatHistogram {
  checkMaxFrequency(maxX);
  model.checkParameters(parameters);
  if (T.length !== frequency.length || (weight && weight.length !== frequency.length))
    throw invalidValue("frequency, T (and weights) must have the same number of rows");
  const actual = new Float64Array(maxX + 1);
  const expected = new Float64Array(maxX + 1);
  // P(X(T) = 0 … maxX−1) and the rest, per distinct T.
  const byT = new Map<number, Float64Array>();
  let customers = 0;
  for (let i = 0; i < frequency.length; i++) {
    const w = rowWeight(weight, i);
    if (w === 0) continue;
    const x = frequency[i];
    const t = T[i];
    checkCustomer(x, 0, t, i + 1);
    customers += w;
    actual[Math.min(x, maxX)] += w;
    let p = byT.get(t);
    if (p === undefined) {
      p = new Float64Array(maxX + 1);
      let below = 0;
      for (let k = 0; k < maxX; k++)
        below += p[k] = model.purchaseCountProbability(k, t, parameters);
      p[maxX] = Math.max(0, 1 - below);
      byT.set(t, p);
    }
    for (let k = 0; k <= maxX; k++) expected[k] += w * p[k];
  }
  for (const e of expected) finite(e, "expected customers");
  return { actual, expected, customers };
}
