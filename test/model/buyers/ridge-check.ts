/**
 * Checks, for the fits' property tests, the two outcomes a fit may have on any data, each true
 * by construction of the answer (no count of "most samples fit"):
 * - a finite maximum: the gradient vanishes and the Hessian is negative definite there;
 * - #NUM! naming a ridge: the likelihood does not fall along that ridge.
 * The search is Nelder–Mead in plain loops on log-parameters; nothing here imports model code.
 */

/** Maximises f over R^n from `start` by Nelder–Mead; returns the best point and value. */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  step = 1,
  evaluations = 4000
): { x: number[]; value: number } {
  const n = start.length;
  const value = (x: number[]) => {
    const v = f(x);
    return Number.isFinite(v) ? v : -Infinity;
  };
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))];
  let values = simplex.map(value);
  let used = n + 1;
  while (used < evaluations) {
    const order = values.map((_, i) => i).sort((i, j) => values[j] - values[i]);
    simplex = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    if (Math.abs(values[0] - values[n]) <= 1e-13 * (1 + Math.abs(values[0]))) break;
    const centre = start.map((_, j) => simplex.slice(0, n).reduce((s, x) => s + x[j], 0) / n);
    const along = (t: number) => centre.map((c, j) => c + t * (simplex[n][j] - c));
    const reflected = along(-1);
    const fr = value(reflected);
    used++;
    if (fr > values[0]) {
      const expanded = along(-2);
      const fe = value(expanded);
      used++;
      [simplex[n], values[n]] = fe > fr ? [expanded, fe] : [reflected, fr];
    } else if (fr > values[n - 1]) {
      [simplex[n], values[n]] = [reflected, fr];
    } else {
      const contracted = along(fr > values[n] ? -0.5 : 0.5);
      const fc = value(contracted);
      used++;
      if (fc > Math.max(fr, values[n])) [simplex[n], values[n]] = [contracted, fc];
      else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, j) => (v + simplex[0][j]) / 2);
          values[i] = value(simplex[i]);
        }
        used += n;
      }
    }
  }
  const best = values.indexOf(Math.max(...values));
  return { x: simplex[best], value: values[best] };
}

/** Best of a few restarts (each from the last best) of Nelder–Mead. */
function maximise(f: (x: number[]) => number, starts: number[][]): { x: number[]; value: number } {
  let best = { x: starts[0], value: -Infinity };
  for (const start of starts) {
    let found = nelderMead(f, start, 1, 800);
    found = nelderMead(f, found.x, 0.1, 400);
    if (found.value > best.value) best = found;
  }
  return best;
}

/** True when −H is positive definite (Cholesky succeeds). */
export function negativeDefinite(H: number[][]): boolean {
  const n = H.length;
  const L = H.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = -H[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) {
        if (!(s > 0)) return false;
        L[i][i] = Math.sqrt(s);
      } else L[i][j] = s / L[j][j];
    }
  return true;
}

/**
 * A ridge: the parameters at position s along it (s = ln of how far out), the 3 other
 * log-coordinates free.
 */
export type Ridge = (free: number[], s: number) => number[];

/**
 * The likelihood `ll` (on the parameters themselves) does not fall out along `ridge`: the
 * profile (the best over the free coordinates) at s = ln 1e5 is no lower than at s = ln 1e3.
 * Not checked: that no other ridge or finite point is higher. The fits climb from a few starts
 * and name the highest limit they reach; a search from more starts can find a higher one (a
 * 4-D search per sample is too slow for a property test).
 * Returns both figures for the message of a failing test.
 */
export function ridgeRises(
  ll: (p: number[]) => number,
  ridge: Ridge,
  freeStarts: number[][]
): { near: number; far: number; rises: boolean } {
  // The free coordinates stay within ±12: far out the likelihood's lnΓ terms are ~1e14 and
  // lose the digits that tell near from far.
  const profile = (s: number, starts: number[][]) =>
    maximise((x) => (x.every((v) => Math.abs(v) <= 12) ? ll(ridge(x, s)) : -Infinity), starts);
  const near = profile(Math.log(1e3), freeStarts);
  const far = profile(Math.log(1e5), [near.x]);
  const tolerance = 1e-9 * (1 + Math.abs(far.value));
  return { near: near.value, far: far.value, rises: far.value >= near.value - tolerance };
}
