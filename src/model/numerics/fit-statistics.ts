/**
 * Standard errors and 95% bounds of maximum-likelihood estimates from the observed information
 * (the negative Hessian of the log-likelihood at the maximum, on the parameters' own scale):
 * the covariance is its inverse, a standard error the square root of a diagonal entry. The
 * bounds are taken on the log scale, θ·exp(∓z·SE/θ), so a positive parameter keeps positive
 * bounds (the delta method for ln θ, whose standard error is SE/θ).
 */
import { invalidNumber } from "../errors";

/** The two-sided 95% normal quantile Φ⁻¹(0.975), the "1.96" of the bounds. */
export const Z95 = 1.959963984540054;

/** Below this, a pivot of the unit-diagonal information is taken as zero: the fit is degenerate. */
const SINGULAR = 1e-12;

export interface FitStatistics {
  standardErrors: number[];
  lower: number[];
  upper: number[];
  covariance: number[][];
}

const degenerate = (why: string) =>
  invalidNumber(
    `the fit is degenerate: ${why}; the data cannot pin the parameters down, so they have no usable standard errors`
  );

/**
 * The inverse of a symmetric positive-definite matrix, by Cholesky on its unit-diagonal
 * scaling D⁻¹AD⁻¹ (D = √diag A): the parameters' scales differ by orders of magnitude, and the
 * scaled pivots show a near-singular matrix at a scale-free threshold. Throws #NUM! otherwise.
 */
export function inverseInformation(information: readonly (readonly number[])[]): number[][] {
  const n = information.length;
  for (const row of information)
    if (row.length !== n) throw new RangeError("the information matrix must be square");
  const scale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = information[i][i];
    if (!Number.isFinite(d)) throw degenerate("the likelihood's curvature is not finite");
    if (!(d > 0)) throw degenerate("the likelihood does not curve down along every parameter");
    scale[i] = Math.sqrt(d);
  }
  // Cholesky of the scaled (symmetrised) matrix: S = L·Lᵀ.
  const L: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const aij = (information[i][j] + information[j][i]) / 2;
      if (!Number.isFinite(aij)) throw degenerate("the likelihood's curvature is not finite");
      let s = aij / (scale[i] * scale[j]);
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > SINGULAR))
          throw degenerate("the information matrix is singular or not positive definite");
        L[i][i] = Math.sqrt(s);
      } else {
        L[i][j] = s / L[j][j];
      }
    }
  }
  // S⁻¹ = L⁻ᵀL⁻¹: invert L (lower triangular), then multiply.
  const Li: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    Li[i][i] = 1 / L[i][i];
    for (let j = 0; j < i; j++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i][k] * Li[k][j];
      Li[i][j] = s / L[i][i];
    }
  }
  const inverse: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = i; k < n; k++) s += Li[k][i] * Li[k][j];
      // Undo the scaling: A⁻¹ = D⁻¹S⁻¹D⁻¹.
      inverse[i][j] = inverse[j][i] = s / (scale[i] * scale[j]);
    }
  return inverse;
}

/**
 * Standard errors, 95% bounds and covariance of positive parameters from the observed
 * information at the maximum (same order as `parameters`). Throws #NUM! when the information
 * is singular or not positive definite (a degenerate fit) or a result is not finite.
 */
export function fitStatistics(
  parameters: number[],
  information: number[][]
): { standardErrors: number[]; lower: number[]; upper: number[]; covariance: number[][] } {
  if (information.length !== parameters.length)
    throw new RangeError("one row of information per parameter");
  const covariance = inverseInformation(information);
  const standardErrors = covariance.map((row, i) => Math.sqrt(row[i]));
  const lower: number[] = [];
  const upper: number[] = [];
  parameters.forEach((theta, i) => {
    const spread = Math.exp((Z95 * standardErrors[i]) / theta);
    lower.push(theta / spread);
    upper.push(theta * spread);
  });
  for (const v of [...standardErrors, ...lower, ...upper])
    if (!Number.isFinite(v))
      throw degenerate(
        "a parameter's standard error is so many times its value that its bounds cannot be represented"
      );
  return { standardErrors, lower, upper, covariance };
}
