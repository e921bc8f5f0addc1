/**
 * Discounted expected lifetimes under the sBG model (Fader & Hardie 2010; docs/definitions.md §5),
 * with x = 1/(1+d):
 *   DEL     = Σ_{t≥0} S(t)·x^t                      = ₂F₁(1, β; α+β; x)
 *   DERL(n) = Σ_{t≥n+1} S(t)/S(n)·x^(t−n−1)         = (β+n)/(α+β+n)·₂F₁(1, β+n+1; α+β+n+1; x)
 * Renewal convention: n = renewals already made (the customer has survived n periods),
 * valued just before the next renewal decision; n = 0 means a new customer valued at
 * acquisition, whose first payment is now and certain (DEL).
 *
 * The power series of ₂F₁(1, b; c; x) needs ~40/d terms near x = 1 (terms fall like
 * t^−α·x^t), and the 1−x connection formulas break down at integer α. Two methods without
 * either problem, each where it is cheaper:
 * - d ≥ FRACTION_FROM and α·d ≥ FRACTION_FROM: Gauss's continued fraction. Its partial
 *   numerators are positive (a Stieltjes fraction), so it is stable, and it converges
 *   geometrically at a rate ≈ 1 − 2√d: a few hundred steps at d = 0.5%, but ~60,000 at d = 1e-7.
 *   Its rounding error grows like 1e-15/(α·d) (5e-6 at α = β = 1e-6, d = 1e-5), hence α·d.
 * - elsewhere: the mean over the churn probability. S(t) = E[(1−θ)^t] with θ ~ Beta(c−b, b), so
 *   ₂F₁(1, b; c; x) = E[1/(1 − x(1−θ))] = (1+d)·E[1/(θ+d)], a mean that the trapezoid rule in
 *   logit θ takes in a few hundred nodes at any d, α, β and renewal count
 *   (numerics/beta-expectation.ts).
 * Rates below MIN_DISCOUNT_RATE are refused before any work.
 */
import { finite, invalidNumber } from "../errors";
import { betaExpectation } from "../numerics/beta-expectation";
import { checkShape } from "./sbg-curve";

/**
 * The smallest discount rate valued (0 itself has a closed form); smaller rates are refused at
 * once, naming it. It was set for the fraction's cost (~18/√d steps); the mean over θ costs the
 * same at any rate, so the floor now stays only as the documented behaviour of LTV_SBG.
 */
export const MIN_DISCOUNT_RATE = 1e-7;
/**
 * The continued fraction is used when d and α·d are at least this: ≤ ~600 steps (a few µs),
 * exact to ~1e-13. Elsewhere the mean over θ: a few hundred nodes (tens of µs) at any rate.
 */
export const FRACTION_FROM = 1e-3;
/** A guard only: at d ≥ MIN_DISCOUNT_RATE every α, β and renewal count converges well within it. */
const MAX_FRACTION_STEPS = 150_000;

/**
 * ₂F₁(1, b; c; x) for 0 ≤ x < 1 and c > b > 0, by Gauss's continued fraction
 *   1 / (1 − k₁x/(1 − k₂x/(1 − …))),  k_{2i+1} = (b+i)(c−1+i)/((c−1+2i)(c+2i)),
 *                                      k_{2i}   = i(c−b−1+i)/((c+2i−2)(c+2i−1)),
 * evaluated forwards by the modified Lentz method.
 */
export function hypergeometric1(b: number, c: number, x: number, work?: { steps: number }): number {
  if (x === 0) return 1;
  const TINY = 1e-300;
  let f = 1;
  let C = 1;
  let D = 0;
  for (let j = 1; j <= MAX_FRACTION_STEPS; j++) {
    const i = j >> 1;
    const k =
      j === 1
        ? b / c
        : j & 1
          ? ((b + i) * (c - 1 + i)) / ((c - 1 + 2 * i) * (c + 2 * i))
          : (i * (c - b - 1 + i)) / ((c + 2 * i - 2) * (c + 2 * i - 1));
    const a = -k * x;
    D = 1 + a * D;
    if (D === 0) D = TINY;
    D = 1 / D;
    C = 1 + a / C;
    if (C === 0) C = TINY;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) <= 1e-16) {
      if (work) work.steps = j;
      return 1 / f;
    }
  }
  throw tooSmallRate();
}

/**
 * ₂F₁(1, b; c; 1/(1+d)) for d > 0 and c > b > 0, given d itself (1/x − 1 would lose its digits
 * when d is small) and c − b (α): the fraction where it is short and exact, else the mean over θ.
 */
export function discountedSurvivalSum(
  b: number,
  cMinusB: number,
  d: number,
  work?: { nodes: number }
): number {
  if (d >= FRACTION_FROM && cMinusB * d >= FRACTION_FROM)
    return hypergeometric1(b, cMinusB + b, 1 / (1 + d));
  const mean = betaExpectation(
    cMinusB,
    b,
    { at: (theta) => 1 / (theta + d), atZero: 1 / d, flatBelow: 1e-17 * d, flatAbove: 1e-17 },
    work
  );
  if (Number.isNaN(mean))
    throw invalidNumber("alpha or beta is too extreme for the lifetime to be valued precisely");
  return (1 + d) * mean;
}

function tooSmallRate(): Error {
  return invalidNumber(
    `discount rate is too small to value precisely: use 0 for no discounting, or a rate of at least ${MIN_DISCOUNT_RATE}`
  );
}

function checkDiscountRate(discountRate: number): void {
  if (!(discountRate >= 0 && discountRate < Infinity))
    throw invalidNumber("discount rate must be 0 or more");
  if (discountRate > 0 && discountRate < MIN_DISCOUNT_RATE) throw tooSmallRate();
}

/** d = 0 diverges when α ≤ 1: a heavy tail of customers who (almost) never leave. */
function infiniteLifetime(): Error {
  return invalidNumber(
    "with no discounting and alpha ≤ 1 the expected lifetime is infinite: give a discount rate above 0"
  );
}

/** DEL: expected discounted periods paid by a new customer, the first now and undiscounted. */
export function discountedExpectedLifetime(
  alpha: number,
  beta: number,
  discountRate: number
): number {
  checkShape(alpha, beta);
  checkDiscountRate(discountRate);
  if (discountRate === 0) {
    if (alpha <= 1) throw infiniteLifetime();
    return finite((alpha + beta - 1) / (alpha - 1), "discounted expected lifetime"); // E[T], Gauss's ₂F₁(…;1)
  }
  return finite(discountedSurvivalSum(beta, alpha, discountRate), "discounted expected lifetime");
}

/** DERL(n): expected discounted periods still to be paid by a customer who has made n renewals. */
export function discountedExpectedResidualLifetime(
  alpha: number,
  beta: number,
  discountRate: number,
  renewals: number
): number {
  checkShape(alpha, beta);
  checkDiscountRate(discountRate);
  if (!(renewals >= 0 && renewals < Infinity))
    throw invalidNumber("renewals must be a whole number, 0 or more");
  const n = Math.trunc(renewals);
  if (discountRate === 0) {
    if (alpha <= 1) throw infiniteLifetime();
    return finite((beta + n) / (alpha - 1), "discounted expected residual lifetime");
  }
  const next = (beta + n) / (alpha + beta + n); // r(n+1): the next renewal happens
  return finite(
    next * discountedSurvivalSum(beta + n + 1, alpha, discountRate),
    "discounted expected residual lifetime"
  );
}

/** margin × DEL (renewals 0) or margin × DERL(renewals) (renewals ≥ 1; truncated). */
export function ltvSbg(
  margin: number,
  alpha: number,
  beta: number,
  discountRate: number,
  renewals = 0
): number {
  if (!(renewals >= 0 && renewals < Infinity))
    throw invalidNumber("renewals must be a whole number, 0 or more");
  const n = Math.trunc(renewals);
  const lifetime =
    n === 0
      ? discountedExpectedLifetime(alpha, beta, discountRate)
      : discountedExpectedResidualLifetime(alpha, beta, discountRate, n);
  return finite(margin * lifetime, "lifetime value");
}
