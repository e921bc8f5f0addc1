/**
 * BG/BB's discounted expected transactions over the next H opportunities (the part of CLV after
 * the expected spend, as model-discounted-purchases.ts is for the continuous models):
 *   Σ_{k=1..H} (E[Y(k)] − E[Y(k−1)]) / (1+d)^k,
 * E[Y(k)] bgbb.ts's conditional expectation. Its increment at opportunity n+k is
 *   P(alive at n) · (α+x)/(α+β+n) · E[(1−θ)^k | alive at n],
 * and E[(1−θ)^k] = Π_{i=1..k} (δ+n+i−1)/(γ+δ+n+i−1), so the sum is one loop of products.
 */
import { bgbbCustomerTerms, checkBgBb, checkBgBbCustomer } from "./bgbb";
import { finite, invalidNumber } from "../errors";

/** `ratePerOpportunity`: the discount rate per opportunity (clv.ts discountRatePerUnit). */
export function bgbbDiscountedTransactions(
  x: number,
  tx: number,
  n: number,
  horizon: number,
  ratePerOpportunity: number,
  [alpha, beta, gamma, delta]: readonly number[]
): number {
  checkBgBb(alpha, beta, gamma, delta);
  checkBgBbCustomer(x, tx, n);
  if (!(ratePerOpportunity >= 0 && ratePerOpportunity < Infinity))
    throw invalidNumber("the discount rate must be 0 or more");
  const H = Math.trunc(horizon);
  if (!(H >= 0)) throw invalidNumber("the horizon must be a whole number of opportunities");
  if (H === 0) return 0;
  const { lnAlive, lnL } = bgbbCustomerTerms(x, tx, n, { alpha, beta, gamma, delta });
  const D = delta + n;
  const v = 1 / (1 + ratePerOpportunity);
  let term = 1;
  let sum = 0;
  for (let k = 1; k <= H; k++) {
    term *= ((D + k - 1) / (gamma + D + k - 1)) * v;
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return finite(
    Math.exp(lnAlive - lnL) * ((alpha + x) / (alpha + beta + n)) * sum,
    "discounted transactions"
  );
}
