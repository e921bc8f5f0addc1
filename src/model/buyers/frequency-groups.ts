/**
 * Customers grouped by their repeat purchases x, for the BG/NBD and Gamma-Gamma fits: the
 * likelihood terms that depend on x alone (lnΓ and its derivatives) are computed once per
 * distinct x, not once per customer.
 */
export interface FrequencyGroups {
  /** Index in `xs` of each row's x. */
  group: Int32Array;
  /** The distinct x, in the order they first appear. */
  xs: Float64Array;
  /** Total weight of the rows with each distinct x. */
  xw: Float64Array;
}

export function frequencyGroups(x: ArrayLike<number>, weight: ArrayLike<number>): FrequencyGroups {
  const n = x.length;
  const group = new Int32Array(n);
  const index = new Map<number, number>();
  const xs: number[] = [];
  const xw: number[] = [];
  for (let k = 0; k < n; k++) {
    let g = index.get(x[k]);
    if (g === undefined) {
      g = xs.length;
      index.set(x[k], g);
      xs.push(x[k]);
      xw.push(0);
    }
    group[k] = g;
    xw[g] += weight[k];
  }
  return { group, xs: Float64Array.from(xs), xw: Float64Array.from(xw) };
}
