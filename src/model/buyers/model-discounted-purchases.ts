/**
 * A customer's discounted expected purchases over a horizon of H periods under any buyer model of
 * the customer-lifetime table (the part of CLV after the expected spend, clv.ts):
 *   Σ_{k=1..H} (E[Y(k)] − E[Y(k−1)]) / (1+d)^k,
 * E[Y(t)] the model's conditional expected purchases given (x, t_x, T). E[Y(t)] is a Bernstein
 * function of t for each model here (a mixture of (1 − e^{−λt})-type terms), so the sum is
 * the weighted sum of E[Y] at the periods of discountedIncrementNodes, with its proven error
 * below 1e-14. MBG/NBD's E[Y] is P(alive)·Q(r+x, b+x+1, a, t/(α+T)) with BG/NBD's Q, so it
 * takes clv.ts's own sum of Q (as BG/NBD's CLV does, with b+x+1 for b+x); Pareto/NBD's closed
 * form is cheap and is evaluated at every period.
 */
import { discountedPurchasesIfAlive } from "./clv";
import { mbgnbdProbabilityAlive } from "./mbgnbd-purchases";
import { BUYER_MODELS } from "./buyer-models";
import { BuyerModelName } from "./buyer-model";
import { discountedIncrementNodes } from "../numerics/discounted-increments";
import { finite, invalidNumber, invalidValue } from "../errors";

/** `ratePerUnit`: the discount rate per period of the data's time unit (clv.ts discountRatePerUnit). */
export function modelDiscountedPurchases(
  name: BuyerModelName,
  parameters: readonly number[],
  x: number,
  tx: number,
  T: number,
  horizon: number,
  ratePerUnit: number
): number {
  const model = BUYER_MODELS[name];
  if (model === null || model.time !== "continuous")
    throw invalidValue(`${name} has no discounted purchases over a continuous horizon`);
  model.checkParameters(parameters);
  if (!(ratePerUnit >= 0 && ratePerUnit < Infinity))
    throw invalidNumber("the discount rate must be 0 or more");
  const H = Math.trunc(horizon);
  if (H <= 0) return 0;
  const plan = discountedIncrementNodes(H, Math.log1p(ratePerUnit));
  if (name === "MBGNBD") {
    const [r, alpha, a, b] = parameters;
    const alive = mbgnbdProbabilityAlive(x, tx, T, r, alpha, a, b);
    if (alive === 0) return 0;
    const q = discountedPurchasesIfAlive(r + x, b + x + 1, a, H / (alpha + T), plan);
    if (Number.isNaN(q))
      throw invalidNumber("a or b is too extreme for the lifetime value to be evaluated precisely");
    return finite(alive * q, "discounted purchases");
  }
  let sum = 0;
  for (let i = 0; i < plan.periods.length; i++)
    sum +=
      plan.weights[i] * model.conditionalExpectedPurchases(x, tx, T, plan.periods[i], parameters);
  return finite(sum, "discounted purchases");
}
