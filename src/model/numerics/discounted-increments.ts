/**
 * A few hundred weighted periods that stand for the discounted increments of H periods:
 *   S = Σ_{k=1..H} (f(k) − f(k−1))·e^{−δk} ≈ Σ_i w_i·f(t_i),
 * for every Bernstein function f (f(0) = 0, f ≥ 0, f' completely monotone: CLV's expected
 * purchases, a mean of (1 − e^{−λpt})/p), with a relative error below `tolerance`, proven as
 * follows, whatever f, H and δ.
 *
 * Summation by parts gives S = e^{−δH}·f(H) + (1 − e^{−δ})·Σ_{k=1..H−1} e^{−δk}·f(k), a sum of
 * positive terms F(k) = e^{−δk}·f(k). Runs of integers [A, B] with B ≤ 3A − 1 are summed by the
 * Gauss rule for consecutive integers (integer-sum-rule.ts) with n nodes, exact for polynomials of
 * degree 2n−1; short runs term by term. For a run, take the Bernstein ellipse E_ρ with foci A and
 * B inside Re k > 0 (its points k_L ≤ Re k ≤ k_R, |k|/Re k ≤ sec). There:
 * - a Bernstein function has |f(k)| ≤ (|k|/Re k)·f(Re k) (from f(k) = bk + ∫(1 − e^{−ku})μ(du)
 *   and |1 − e^{−w}| ≤ |w|·(1 − e^{−Re w})/Re w), and f(k_R) ≤ (k_R/A)·f(A) (f is concave, f(0) = 0),
 *   so |F| ≤ M = sec·(k_R/A)·f(A)·e^{−δ·k_L};
 * - the best polynomial of degree m = 2n−1 is within 2Mρ^{−m}/(ρ−1) of F on [A, B] (Chebyshev
 *   truncation), and the rule's weights are positive and sum to N = B − A + 1, so its error is at
 *   most 2N times that; the run's sum is at least N·f(A)·e^{−δB}.
 * So the relative error is at most 4·sec·(k_R/A)·e^{δ(B − k_L)}·ρ^{−m}/(ρ−1), and n is the least,
 * over a grid of ρ, that brings it below the tolerance. The periods past A are dropped when
 * e^{−δA} is below a tenth of the tolerance times S/f(H) ≥ e^{−δH} + (1 − e^{−δ})·e^{−δ}/H, since
 * they add at most f(H)·e^{−δA}. The plan depends on H and δ only, so it is made once for a
 * column of customers.
 */
import { integerSumRule } from "./integer-sum-rule";

export interface IncrementNodes {
  /** The periods t_i (not all whole numbers) and their weights w_i > 0. */
  periods: Float64Array;
  weights: Float64Array;
  /** Σ_i w_i·(t_i/H)^m for m = 0 … MOMENTS: the sum of a polynomial f, at no cost per customer. */
  moments: Float64Array;
}

/** The moments kept with a plan. */
export const MOMENTS = 24;
/** The tolerance the plans are made for: below the ~1e-13 of the functions summed. */
export const INCREMENT_TOLERANCE = 1e-14;

let last: { H: number; delta: number; nodes: IncrementNodes } | null = null;

/** The plan for H ≥ 1 whole periods at a log-discount δ = ln(1 + d) ≥ 0 per period. */
export function discountedIncrementNodes(H: number, delta: number): IncrementNodes {
  if (last && last.H === H && last.delta === delta) return last.nodes;
  const periods: number[] = [H];
  const weights: number[] = [Math.exp(-delta * H)];
  if (delta > 0 && H > 1) {
    const tolerance = INCREMENT_TOLERANCE;
    const oneMinusV = -Math.expm1(-delta);
    const floor = Math.exp(-delta * H) + (oneMinusV * Math.exp(-delta)) / H;
    for (let A = 1; A <= H - 1;) {
      if (Math.exp(-delta * A) <= 0.1 * tolerance * floor) break;
      const B = Math.min(3 * A - 1, H - 1);
      const N = B - A + 1;
      const n = nodesNeeded(A, B, delta, 0.9 * tolerance);
      if (n >= N) {
        for (let k = A; k <= B; k++) {
          periods.push(k);
          weights.push(oneMinusV * Math.exp(-delta * k));
        }
      } else {
        const rule = integerSumRule(N, n);
        for (let i = 0; i < n; i++) {
          const t = A + rule.nodes[i];
          periods.push(t);
          weights.push(oneMinusV * rule.weights[i] * Math.exp(-delta * t));
        }
      }
      A = B + 1;
    }
  }
  const moments = new Float64Array(MOMENTS + 1);
  for (let i = 0; i < periods.length; i++) {
    const share = periods[i] / H;
    let power = weights[i];
    for (let m = 0; m <= MOMENTS; m++) {
      moments[m] += power;
      power *= share;
    }
  }
  const nodes = {
    periods: Float64Array.from(periods),
    weights: Float64Array.from(weights),
    moments,
  };
  last = { H, delta, nodes };
  return nodes;
}

/** The fewest Gauss nodes whose proven relative error on the run [A, B] is below `tolerance`. */
export function nodesNeeded(A: number, B: number, delta: number, tolerance: number): number {
  const c = (A + B) / 2;
  const half = (B - A) / 2;
  if (half === 0) return 1;
  // ρ + 1/ρ < 2c/half keeps the ellipse in Re k > 0
  const ratio = c / half;
  const rhoMax = ratio + Math.sqrt(ratio * ratio - 1);
  let best = Infinity;
  for (let i = 1; i < 40; i++) {
    const rho = 1 + ((rhoMax - 1) * i) / 40;
    const ea = (half * (rho + 1 / rho)) / 2;
    const eb = (half * (rho - 1 / rho)) / 2;
    const kL = c - ea;
    const kR = c + ea;
    const sec = Math.sqrt(1 + (eb * eb) / (c * c - ea * ea));
    const constant = (4 * sec * (kR / A) * Math.exp(delta * (B - kL))) / (rho - 1);
    const degree = Math.ceil(Math.log(constant / tolerance) / Math.log(rho));
    best = Math.min(best, Math.ceil((degree + 1) / 2));
  }
  return best;
}
