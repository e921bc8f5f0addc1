/**
 * A reference Cox partial likelihood written apart from the model, with plain loops: for every
 * churn time its risk set is scanned afresh (O(n²)), Breslow's and Efron's denominators taken
 * from the definition; maximised by a Nelder–Mead simplex. No sorting, no running sums, no
 * centring, no derivatives.
 */
export type Ties = "efron" | "breslow";

export interface Survival {
  time: number[];
  churned: number[];
  /** x[i][j]: covariate j of customer i. */
  x: number[][];
}

export function referenceLogLikelihood(
  data: Survival,
  beta: readonly number[],
  ties: Ties
): number {
  const { time, churned, x } = data;
  const n = time.length;
  const eta = x.map((row) => row.reduce((s, v, j) => s + v * beta[j], 0));
  const times = [...new Set(time.filter((_, i) => churned[i] === 1))];
  let ll = 0;
  for (const t of times) {
    let atRisk = 0;
    let dying = 0;
    let d = 0;
    for (let i = 0; i < n; i++) {
      if (time[i] >= t) atRisk += Math.exp(eta[i]);
      if (time[i] === t && churned[i] === 1) {
        dying += Math.exp(eta[i]);
        ll += eta[i];
        d++;
      }
    }
    for (let k = 0; k < d; k++) ll -= Math.log(atRisk - (ties === "efron" ? (k / d) * dying : 0));
  }
  return ll;
}

/** Maximises f by Nelder–Mead from `start`, restarting from the best point until it stops moving. */
export function nelderMead(f: (x: number[]) => number, start: number[], size = 0.5): number[] {
  let best = start;
  for (let restart = 0; restart < 8; restart++) {
    const next = simplexRun(f, best, restart === 0 ? size : size / 10 ** restart);
    const moved = next.some((v, j) => Math.abs(v - best[j]) > 1e-10);
    best = next;
    if (!moved && restart > 1) break;
  }
  return best;
}

function simplexRun(f: (x: number[]) => number, start: number[], size: number): number[] {
  const p = start.length;
  const g = (x: number[]) => {
    const v = -f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let pts = [start, ...start.map((_, j) => start.map((v, k) => (k === j ? v + size : v)))];
  let vals = pts.map(g);
  for (let it = 0; it < 20000; it++) {
    const order = vals.map((_, i) => i).sort((a, b) => vals[a] - vals[b]);
    pts = order.map((i) => pts[i]);
    vals = order.map((i) => vals[i]);
    if (Math.abs(vals[p] - vals[0]) < 1e-15 * (1 + Math.abs(vals[0]))) break;
    const centroid = start.map((_, j) => pts.slice(0, p).reduce((s, q) => s + q[j], 0) / p);
    const along = (t: number) => centroid.map((c, j) => c + t * (pts[p][j] - c));
    const reflected = along(-1);
    const fr = g(reflected);
    if (fr < vals[0]) {
      const expanded = along(-2);
      const fe = g(expanded);
      [pts[p], vals[p]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < vals[p - 1]) {
      [pts[p], vals[p]] = [reflected, fr];
    } else {
      const contracted = fr < vals[p] ? along(-0.5) : along(0.5);
      const fc = g(contracted);
      if (fc < Math.min(fr, vals[p])) [pts[p], vals[p]] = [contracted, fc];
      else {
        for (let i = 1; i <= p; i++) {
          pts[i] = pts[i].map((v, j) => pts[0][j] + 0.5 * (v - pts[0][j]));
          vals[i] = g(pts[i]);
        }
      }
    }
  }
  return pts[vals.indexOf(Math.min(...vals))];
}

/** Central-difference second derivatives of f at x: the numerical Hessian. */
export function numericalHessian(f: (x: number[]) => number, x: number[], h = 1e-4): number[][] {
  const at = (dj: number, dk: number, j: number, k: number) =>
    f(x.map((v, i) => v + (i === j ? dj : 0) + (i === k ? dk : 0)));
  return x.map((_, j) =>
    x.map(
      (_, k) =>
        (at(h, h, j, k) - at(h, -h, j, k) - at(-h, h, j, k) + at(-h, -h, j, k)) / (4 * h * h)
    )
  );
}

/** Inverse of a small matrix by Gauss–Jordan elimination. */
export function invert(a: number[][]): number[][] {
  const p = a.length;
  const m = a.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    const v = m[c][c];
    m[c] = m[c].map((e) => e / v);
    for (let r = 0; r < p; r++)
      if (r !== c) {
        const factor = m[r][c];
        m[r] = m[r].map((e, k) => e - factor * m[c][k]);
      }
  }
  return m.map((row) => row.slice(p));
}
