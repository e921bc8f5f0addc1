/**
 * Cholesky factorisation of the Cox information matrix, on its unit-diagonal scaling D⁻¹AD⁻¹
 * (D = √diag A) so that a near-singular matrix shows at a scale-free threshold whatever the
 * covariates' units. Solves for the Newton step and inverts for the covariance.
 */

/** Below this, a pivot of the unit-diagonal matrix counts as zero. */
const SINGULAR = 1e-11;

export type Factor =
  | { ok: true; lower: Float64Array; scale: Float64Array; p: number }
  /** The first column (0-based) whose pivot vanished: a combination of the columns before it. */
  | { ok: false; column: number };

export function cholesky(a: Float64Array, p: number): Factor {
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const d = a[j * p + j];
    if (!(d > 0) || !Number.isFinite(d)) return { ok: false, column: j };
    scale[j] = Math.sqrt(d);
  }
  const lower = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j] / (scale[i] * scale[j]);
      for (let k = 0; k < j; k++) s -= lower[i * p + k] * lower[j * p + k];
      if (i === j) {
        if (!(s > SINGULAR)) return { ok: false, column: i };
        lower[i * p + i] = Math.sqrt(s);
      } else {
        lower[i * p + j] = s / lower[j * p + j];
      }
    }
  }
  return { ok: true, lower, scale, p };
}

/** Solves A·y = b. */
export function solve(factor: Extract<Factor, { ok: true }>, b: Float64Array): Float64Array {
  const { lower, scale, p } = factor;
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i] / scale[i];
    for (let k = 0; k < i; k++) s -= lower[i * p + k] * y[k];
    y[i] = s / lower[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= lower[k * p + i] * y[k];
    y[i] = s / lower[i * p + i];
  }
  for (let i = 0; i < p; i++) y[i] /= scale[i];
  return y;
}

/** A⁻¹, row-major. */
export function inverse(factor: Extract<Factor, { ok: true }>): Float64Array {
  const { p } = factor;
  const out = new Float64Array(p * p);
  const unit = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    unit.fill(0);
    unit[j] = 1;
    out.set(solve(factor, unit), j * p);
  }
  return out; // symmetric, so columns laid out as rows are the same
}
