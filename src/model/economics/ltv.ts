import { finite, invalidNumber } from "../errors";

/** Excel's PV convention: 0 = margin at the end of each period, 1 = at the beginning. */
export type PaymentTiming = 0 | 1;

/**
 * Expected discounted margin of one customer under constant retention.
 * type 0: Σ_{t=1..T} m·r^(t−1)/(1+d)^t    (T = ∞: m/(1+d−r))
 * type 1: Σ_{t=0..T−1} m·r^t/(1+d)^t      (T = ∞: m(1+d)/(1+d−r))
 * periods null = unlimited horizon; non-integer periods are truncated.
 * Finite horizons use the geometric-series closed form, so any T costs the same.
 */
export function ltv(
  margin: number,
  retention: number,
  discountRate = 0,
  periods: number | null = null,
  type = 0
): number {
  if (!(retention >= 0 && retention <= 1))
    throw invalidNumber("retention rate must be between 0 and 1 (0% to 100%)");
  if (!(discountRate >= 0)) throw invalidNumber("discount rate cannot be negative");
  if (type !== 0 && type !== 1)
    throw invalidNumber(
      "type must be 0 (margin at the end of each period) or 1 (at the beginning)"
    );
  if (periods !== null && !(periods >= 1))
    throw invalidNumber("periods must be at least 1 (leave it empty for no limit)");
  const growth = 1 + discountRate;
  const timing = type === 1 ? 1 : 1 / growth;
  let annuity: number; // Σ_{t=0..T−1} q^t with q = r/(1+d)
  if (periods === null || periods === Infinity) {
    const gap = 1 - retention + discountRate; // 1 + d − r; 1 − r is exact for r ≥ ½
    if (gap === 0)
      throw invalidNumber(
        "100% retention with no discounting has no finite value: give a discount rate or a number of periods"
      );
    annuity = growth / gap;
  } else {
    const T = Math.trunc(periods);
    // 1 − q and ln q, computed so that r near 1 and tiny d lose no digits.
    const gap = (1 - retention + discountRate) / growth;
    const lnRetention = retention >= 0.5 ? Math.log1p(retention - 1) : Math.log(retention);
    annuity = gap === 0 ? T : -Math.expm1(T * (lnRetention - Math.log1p(discountRate))) / gap;
  }
  return finite(margin * timing * annuity, "lifetime value");
}

/** SaaS shorthand: ARPA × gross margin ÷ churn, undiscounted. */
export function saasLtv(arpa: number, grossMargin: number, churn: number): number {
  if (!(churn >= 0 && churn <= 1)) throw invalidNumber("churn rate must be between 0 and 1");
  if (churn === 0) throw invalidNumber("0% churn has no finite lifetime value");
  return finite((arpa * grossMargin) / churn, "lifetime value");
}
