/**
 * References for the fits' standard errors, independent of the code under test: a central
 * finite-difference Hessian and a Gauss–Jordan inverse, both in plain loops.
 */

/**
 * ∂²f/∂θᵢ∂θⱼ by central differences with relative steps hᵢ = step·θᵢ (θ > 0):
 * (f(+i+j) − f(+i−j) − f(−i+j) + f(−i−j)) / 4hᵢhⱼ, and (f(+2i) − 2f + f(−2i)) / 4hᵢ² on the diagonal.
 */
export function numericalHessian(
  f: (theta: number[]) => number,
  theta: number[],
  step = 1e-4
): number[][] {
  const n = theta.length;
  const h = theta.map((t) => step * t);
  const at = (moves: Array<[number, number]>) => {
    const x = [...theta];
    for (const [i, s] of moves) x[i] += s * h[i];
    return f(x);
  };
  const H: number[][] = [];
  for (let i = 0; i < n; i++) {
    H.push([]);
    for (let j = 0; j < n; j++) {
      const v =
        i === j
          ? (at([[i, 2]]) - 2 * f(theta) + at([[i, -2]])) / (4 * h[i] * h[i])
          : (at([
              [i, 1],
              [j, 1],
            ]) -
              at([
                [i, 1],
                [j, -1],
              ]) -
              at([
                [i, -1],
                [j, 1],
              ]) +
              at([
                [i, -1],
                [j, -1],
              ])) /
            (4 * h[i] * h[j]);
      H[i].push(v);
    }
  }
  return H;
}

/** A⁻¹ by Gauss–Jordan with partial pivoting. */
export function gaussJordanInverse(A: number[][]): number[][] {
  const n = A.length;
  const M = A.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[pivot][c])) pivot = r;
    [M[c], M[pivot]] = [M[pivot], M[c]];
    const d = M[c][c];
    for (let k = 0; k < 2 * n; k++) M[c][k] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c];
      for (let k = 0; k < 2 * n; k++) M[r][k] -= f * M[c][k];
    }
  }
  return M.map((row) => row.slice(n));
}
