/**
 * Gauss rules for sums over consecutive integers: n nodes x_i in (0, N−1) and positive weights
 * w_i (summing to N) with Σ_{x=0..N−1} p(x) = Σ_i w_i p(x_i) for every polynomial p of degree
 * ≤ 2n−1. They are the Gauss rules of the uniform measure on {0, …, N−1}, whose orthogonal
 * polynomials (the discrete Chebyshev or Gram polynomials) have the monic recurrence
 *   p_{j+1}(x) = (x − (N−1)/2)·p_j(x) − β_j·p_{j−1}(x),  β_j = j²(N² − j²) / (4(4j² − 1)),
 * so the nodes are the eigenvalues of its Jacobi matrix and the weights N times the squared first
 * components of its eigenvectors (Golub & Welsch 1969), here by the implicit QL method.
 */

export interface IntegerSumRule {
  /** Nodes as offsets from the first integer of the run, in (0, N−1). */
  nodes: Float64Array;
  weights: Float64Array;
}

const cache = new Map<string, IntegerSumRule>();

/** The n-node rule for N consecutive integers (1 ≤ n < N), computed once and kept. */
export function integerSumRule(N: number, n: number): IntegerSumRule {
  const key = `${N}/${n}`;
  let rule = cache.get(key);
  if (!rule) {
    if (cache.size > 512) cache.clear();
    rule = computeRule(N, n);
    cache.set(key, rule);
  }
  return rule;
}

function computeRule(N: number, n: number): IntegerSumRule {
  // The Jacobi matrix of t = (x − (N−1)/2)·2/N: zero diagonal, off-diagonal √β_j·2/N.
  const diagonal = new Float64Array(n);
  const off = new Float64Array(n);
  for (let j = 1; j < n; j++) off[j - 1] = j * Math.sqrt((1 - (j / N) ** 2) / (4 * j * j - 1));
  const first = new Float64Array(n);
  first[0] = 1;
  symmetricTridiagonalEigen(diagonal, off, first);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    nodes[i] = (N - 1) / 2 + (diagonal[i] * N) / 2;
    weights[i] = N * first[i] * first[i];
  }
  return { nodes, weights };
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix (d on the diagonal, e[i] between rows i and
 * i+1) into d, and the first row of its eigenvector matrix into z (which starts as e₁), by the
 * implicit QL method with Wilkinson shifts; only z's row is rotated, as Golub–Welsch needs.
 */
function symmetricTridiagonalEigen(d: Float64Array, e: Float64Array, z: Float64Array): void {
  const n = d.length;
  for (let l = 0; l < n; l++) {
    for (let iteration = 0; ; iteration++) {
      let m = l;
      for (; m < n - 1; m++) {
        const scale = Math.abs(d[m]) + Math.abs(d[m + 1]);
        if (Math.abs(e[m]) <= Number.EPSILON * scale) break;
      }
      if (m === l) break;
      if (iteration === 100) throw new Error("integer sum rule: eigenvalues did not converge");
      let g = (d[l + 1] - d[l]) / (2 * e[l]);
      let r = Math.hypot(g, 1);
      g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
      let s = 1;
      let c = 1;
      let p = 0;
      let i = m - 1;
      for (; i >= l; i--) {
        const f = s * e[i];
        const b = c * e[i];
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] -= p;
          e[m] = 0;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1] - p;
        r = (d[i] - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
        const zi = z[i + 1];
        z[i + 1] = s * z[i] + c * zi;
        z[i] = c * z[i] - s * zi;
      }
      if (r === 0 && i >= l) continue;
      d[l] -= p;
      e[l] = g;
      e[m] = 0;
    }
  }
}
