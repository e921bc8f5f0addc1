/**
 * Purchases by future period under the BG/NBD model (docs/functions-plan.md): today's customers,
 * each by its own history (x, t_x, T), and the planned new customers. Period k is the k-th unit
 * of time after the end of observation, in the data's time unit.
 *   existing_k = Σ_i (E[Y(k) | x_i, t_x_i, T_i] − E[Y(k−1) | …]),
 *   new_k = Σ_{j ≤ k} m_j · (1{k = j} + E[X(k−j+1)] − E[X(k−j)]):
 * a customer planned for period j makes its first purchase at the start of period j, then its
 * repeat purchases as a new customer's E[X(t)].
 */
import { BgNbdParameters, checkCustomer } from "../buyers/bgnbd";
import { conditionalExpectedPurchaseCurve, expectedPurchasesNew } from "../buyers/bgnbd-purchases";
import { CustomerForecast } from "./sbg-forecast";

/** Customers with one history (x, t_x, T), counted once: identical rows cost one evaluation. */
export interface CustomerGroup {
  x: number;
  tx: number;
  T: number;
  count: number;
}

/**
 * Groups customers by history; `weight` (when given) is how many customers each row stands for
 * (0 skips it). `rowOf(i)` names row i for messages. Histories are validated as BGNBD_FIT does.
 */
export function groupCustomers(
  x: ArrayLike<number>,
  tx: ArrayLike<number>,
  T: ArrayLike<number>,
  weight: ArrayLike<number> | null = null
): CustomerGroup[] {
  const groups = new Map<string, CustomerGroup>();
  for (let i = 0; i < x.length; i++) {
    const w = weight === null ? 1 : weight[i];
    if (w === 0) continue;
    checkCustomer(x[i], tx[i], T[i], i + 1);
    const key = `${x[i]} ${tx[i]} ${T[i]}`;
    const g = groups.get(key);
    if (g) g.count += w;
    else groups.set(key, { x: x[i], tx: tx[i], T: T[i], count: w });
  }
  return [...groups.values()];
}

/** existing_k, new_k and total_k for k = 1..periods (index k − 1) under `parameters`. */
export function bgnbdPurchaseForecast(
  customers: readonly CustomerGroup[],
  parameters: BgNbdParameters,
  newCustomers: readonly number[],
  periods: number
): CustomerForecast {
  const existing = new Float64Array(periods);
  const added = new Float64Array(periods);
  const total = new Float64Array(periods);
  for (const c of customers) {
    const curve = conditionalExpectedPurchaseCurve(c.x, c.tx, c.T, periods, parameters);
    for (let k = 1; k <= periods; k++) existing[k - 1] += c.count * (curve[k] - curve[k - 1]);
  }
  const planned = Math.min(newCustomers.length, periods);
  if (planned > 0) {
    const { r, alpha, a, b } = parameters;
    // E[X(t)], t = 0..periods − planned's earliest offset + 1 (at most periods).
    const repeat = new Float64Array(periods + 1);
    for (let t = 1; t <= periods; t++) repeat[t] = expectedPurchasesNew(t, r, alpha, a, b);
    for (let j = 1; j <= planned; j++) {
      const m = newCustomers[j - 1];
      if (m === 0) continue;
      for (let k = j; k <= periods; k++)
        added[k - 1] += m * ((k === j ? 1 : 0) + repeat[k - j + 1] - repeat[k - j]);
    }
  }
  for (let i = 0; i < periods; i++) total[i] = existing[i] + added[i];
  return { existing, added, total };
}
