/**
 * What the repeat-buyer fits (BG/NBD, MBG/NBD, Pareto/NBD, BG/BB) share around their climbs:
 * the checks that refuse data no likelihood can be fitted to, before any climbing, and the move
 * of the log-parameter gradient and Hessian the climbs use back to the parameters themselves,
 * for the standard errors. The messages are quoted by the docs and tests: keep them word for word.
 */
import { invalidNumber } from "../errors";

/** The customers as the fits prepare them: merged rows, grouped by frequency. */
export interface WeightedCustomers {
  /** The distinct frequencies; customer i has frequency xs[group[i]]. */
  xs: ArrayLike<number>;
  group: ArrayLike<number>;
  T: ArrayLike<number>;
  w: ArrayLike<number>;
  totalWeight: number;
}

/** #NUM! when there is no customer with weight. */
export function checkSomeCustomers(totalWeight: number): void {
  if (!(totalWeight > 0))
    throw invalidNumber("there are no customers to fit (or every weight is 0)");
}

/**
 * #NUM! when no (x, t_x, T) likelihood can be fitted: no customer with weight, no repeat
 * purchase (nothing tells the purchase rate from the `lifetime` rate, "dropout" or "death"), or
 * no time observed.
 */
export function checkRepeatBuyers(d: WeightedCustomers, lifetime: "dropout" | "death"): void {
  checkSomeCustomers(d.totalWeight);
  // Whether any weighted customer repeats / was observed, not weighted sums: w·T of two tiny
  // numbers underflows to 0.
  let repeaters = false;
  let time = false;
  for (let i = 0; i < d.w.length; i++) {
    if (d.w[i] > 0 && d.xs[d.group[i]] > 0) repeaters = true;
    if (d.w[i] > 0 && d.T[i] > 0) time = true;
  }
  if (!repeaters)
    throw invalidNumber(
      `no customer made a repeat purchase (every frequency is 0): purchase and ${lifetime} rates cannot be estimated from these customers`
    );
  if (!time) throw invalidNumber("every T is 0: the customers were observed for no time");
}

/** A fit's log-likelihood with its gradient and Hessian on the parameters, and the customers. */
export interface Curvature {
  logLikelihood: number;
  gradient: number[];
  hessian: number[][];
  customers: number;
}

/**
 * The curvature at the parameters p from a fit's own log-likelihood over θ = ln p (which fills
 * its gradient g and row-major Hessian H): where every fit's standard errors start.
 */
export function curvatureAt(
  p: readonly number[],
  customers: number,
  logLikelihood: (theta: Float64Array, g: Float64Array, H: Float64Array) => number
): Curvature {
  const n = p.length;
  const g = new Float64Array(n);
  const H = new Float64Array(n * n);
  const ll = logLikelihood(Float64Array.from(p, Math.log), g, H);
  return { logLikelihood: ll, ...curvatureOnParameters(p, g, H), customers };
}

/**
 * The gradient and Hessian on the parameters p themselves from those on θ = ln p (g, and H
 * row-major n×n): θ = ln p gives ∂/∂pᵢ = gᵢ/pᵢ and ∂²/∂pᵢ∂pⱼ = (Hᵢⱼ − [i=j] gᵢ)/(pᵢpⱼ).
 */
export function curvatureOnParameters(
  p: readonly number[],
  g: ArrayLike<number>,
  H: ArrayLike<number>
): { gradient: number[]; hessian: number[][] } {
  const n = p.length;
  return {
    gradient: p.map((v, i) => g[i] / v),
    hessian: p.map((vi, i) => p.map((vj, j) => (H[i * n + j] - (i === j ? g[i] : 0)) / (vi * vj))),
  };
}
