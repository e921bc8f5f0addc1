/**
 * What the BG/NBD model expects of a customer (docs/definitions.md §10): P(alive), the expected purchases
 * of a new customer in t, and the conditional expected purchases of a customer with history
 * (x, t_x, T) in the next t. Both expectations are
 *   E = [P(alive)] · C/(a−1) · [1 − (1−z)^k · ₂F₁(k, B; C; z)],
 *   k = r+x, B = b+x, C = a+b+x−1, z = t/(α+T+t)    (a new customer: x = 0, T = 0, P = 1),
 * and the bracketed part Q is where lifetimes overflows or returns NaN: for heavy buyers
 * ₂F₁(k, B; C; z) ~ (1−z)^{−k} overflows, 1 − (…) cancels, and a = 1 is 0/0.
 *
 * Q is evaluated two ways, each used only where it is exact to ~1e-13:
 * - Series (fast). Euler's transformation (1−z)^k ₂F₁(k, B; C; z) = (1−z)^{a−1} ₂F₁(C−k, a−1; C; z)
 *   has numerator parameters that do not grow with x, so its terms shrink like 1/C^n: a heavy
 *   buyer needs a handful. Splitting off the n = 0 term and (a−1)_n = (a−1)·(a)_{n−1} removes the
 *   a = 1 singularity and the division by C:
 *     Q = C·(1 − e^{−εL})/ε − e^{−εL}·Σ_{n≥1} (C−k)_n (a)_{n−1} / ((C+1)_{n−1} n!) · zⁿ,
 *   ε = a−1, L = −ln(1−z). It is refused (→ quadrature) when it needs more than MAX_TERMS terms
 *   (z near 1 with small C) or when cancellation between its parts could cost more than 4 digits.
 * - Quadrature (always valid). Q is the mean of (1 − (1+pτ)^{−k})/p over p ~ Beta(a, B),
 *   τ = t/(α+T): the purchases of a customer with dropout probability p and a Gamma posterior
 *   rate, averaged over p. With p = 1/(1+e^{−s}) the integrand is smooth and decays
 *   exponentially both ways, so the trapezoid rule converges geometrically; the Beta
 *   normalisation is the same trapezoid sum of p^a(1−p)^B, so no lnΓ enters at all.
 */
import { BgNbdParameters, checkBgNbd, checkCustomer } from "./bgnbd";
import { finite, invalidNumber } from "../errors";

const MAX_TERMS = 1500;
/** Largest tolerated ratio of the series' magnitude to its value (≈ digits lost to cancellation). */
const MAX_CANCELLATION = 1e4;
/** A guard: the walk needs a few hundred nodes (a few thousand for large a and B). */
const MAX_NODES = 200_000;

/** Q by the Euler-transformed series; NaN when the series is slow or ill-conditioned here. */
export function expectedIfAliveBySeries(k: number, B: number, a: number, tau: number): number {
  if (tau === 0) return 0;
  const z = tau / (1 + tau);
  const L = Math.log1p(tau);
  const eps = a - 1;
  const C = a + B - 1;
  const D = eps === 0 ? L : -Math.expm1(-eps * L) / eps;
  const e = Math.exp(-eps * L);
  const A = C - k;
  let h = A * z;
  let sum = h;
  let sumAbs = Math.abs(h);
  let n = 1;
  for (; n <= MAX_TERMS; n++) {
    const ratio = ((A + n) * (a + n - 1) * z) / ((C + n) * (n + 1));
    h *= ratio;
    sum += h;
    sumAbs += Math.abs(h);
    if (
      h === 0 ||
      (Math.abs(ratio) <= (1 + z) / 2 && (Math.abs(h) * 2) / (1 - z) <= 1e-17 * sumAbs)
    )
      break;
  }
  if (n > MAX_TERMS) return NaN;
  const q = C * D - e * sum;
  const magnitude = Math.abs(C * D) + e * sumAbs;
  if (!(q > 0 && magnitude <= MAX_CANCELLATION * q)) return NaN;
  return q;
}

/** Q as E[(1 − (1+pτ)^{−k})/p], p ~ Beta(a, B), by the trapezoid rule in s = logit p. */
export function expectedIfAliveByQuadrature(
  k: number,
  B: number,
  a: number,
  tau: number,
  work?: { nodes: number }
): number {
  if (tau === 0) return 0;
  const s0 = Math.log(a / B); // the mode of p^a (1−p)^B in s
  const h = Math.min(0.25, 0.5 * Math.sqrt(1 / a + 1 / B));
  const lnP = (s: number) => (s > 0 ? -Math.log1p(Math.exp(-s)) : s - Math.log1p(Math.exp(s)));
  const top = a * lnP(s0) + B * (lnP(s0) - s0);
  let num = 0;
  let den = 0;
  let nodes = 0;
  for (const direction of [1, -1]) {
    let previous = Infinity;
    for (let j = direction === 1 ? 0 : -1; ; j += direction) {
      const s = s0 + j * h;
      const lp = lnP(s);
      const weight = Math.exp(a * lp + B * (lp - s) - top);
      const p = Math.exp(lp);
      const value = p === 0 ? k * tau : -Math.expm1(-k * Math.log1p(p * tau)) / p;
      const term = weight * value;
      num += term;
      den += weight;
      if (++nodes > MAX_NODES)
        throw invalidNumber(
          "a or b is too extreme for the expected purchases to be evaluated precisely"
        );
      if (term <= previous && term <= 1e-18 * num && weight <= 1e-18 * den) break;
      // Far left, p·max(kτ, B) < 1e-17: (1−p)^B = 1 and the bracket/p = kτ to rounding, so the
      // remaining terms fall by exactly e^{−a·h} each: add the geometric tail and stop (small a
      // would otherwise need ~40/(a·h) nodes).
      if (direction === -1 && p * Math.max(k * tau, B, 1) < 1e-17) {
        const tail = 1 / Math.expm1(a * h);
        num += term * tail;
        den += weight * tail;
        break;
      }
      // Far right, (1−p)·max(kτ, a, 1) < 1e-17: p = 1 to rounding, the bracket is constant and
      // the weights fall by exactly e^{−B·h} each (small B, e.g. b = 1e-9 for a new customer,
      // would otherwise walk ~40/(B·h) nodes): the same geometric tail.
      if (direction === 1 && Math.exp(-s) * Math.max(k * tau, a, 1) < 1e-17) {
        const tail = 1 / Math.expm1(B * h);
        num += term * tail;
        den += weight * tail;
        break;
      }
      previous = term;
    }
  }
  if (work) work.nodes = nodes;
  return num / den;
}

/** Q(k, B, a, τ): the series where it is fast and exact, otherwise the quadrature. */
function expectedIfAlive(k: number, B: number, a: number, tau: number): number {
  const q = expectedIfAliveBySeries(k, B, a, tau);
  return Number.isNaN(q) ? expectedIfAliveByQuadrature(k, B, a, tau) : q;
}

function checkTime(t: number): void {
  if (!(t >= 0 && t < Infinity)) throw invalidNumber("t must be a number of periods, 0 or more");
}

/**
 * P(alive | x, t_x, T) = 1 / (1 + [x>0] · a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}), with the power
 * taken in logs so heavy buyers long gone give 0, not 0/0.
 */
export function probabilityAlive(
  x: number,
  tx: number,
  T: number,
  r: number,
  alpha: number,
  a: number,
  b: number
): number {
  checkBgNbd(r, alpha, a, b);
  checkCustomer(x, tx, T);
  if (x === 0) return 1;
  const delta = Math.log(a) - Math.log(b + x - 1) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
  return delta > 0 ? Math.exp(-delta) / (1 + Math.exp(-delta)) : 1 / (1 + Math.exp(delta));
}

/** E[X(t)]: expected repeat purchases of a new customer in the t periods after the first. */
export function expectedPurchasesNew(
  t: number,
  r: number,
  alpha: number,
  a: number,
  b: number
): number {
  checkBgNbd(r, alpha, a, b);
  checkTime(t);
  return finite(expectedIfAlive(r, b, a, t / alpha), "expected purchases");
}

/** E[Y(t) | x, t_x, T]: expected purchases of a customer with that history in the next t periods. */
export function conditionalExpectedPurchases(
  x: number,
  tx: number,
  T: number,
  t: number,
  r: number,
  alpha: number,
  a: number,
  b: number
): number {
  const alive = probabilityAlive(x, tx, T, r, alpha, a, b);
  checkTime(t);
  if (alive === 0 || t === 0) return 0;
  return givenAlive(alive, r + x, b + x, a, t / (alpha + T));
}

/**
 * E[Y(t)] at t = 1, 2, …, horizon for one customer (index 0 holds t = 0: 0), for CLV's
 * per-period differences; the customer is validated once.
 */
export function conditionalExpectedPurchaseCurve(
  x: number,
  tx: number,
  T: number,
  horizon: number,
  { r, alpha, a, b }: BgNbdParameters
): Float64Array {
  const alive = probabilityAlive(x, tx, T, r, alpha, a, b);
  const curve = new Float64Array(horizon + 1);
  if (alive === 0) return curve;
  for (let t = 1; t <= horizon; t++) curve[t] = givenAlive(alive, r + x, b + x, a, t / (alpha + T));
  return curve;
}

/** Horizons up to this many periods are evaluated point by point. */
const CURVE_DIRECT = 64;
/** Chebyshev lengths tried for a longer curve, shortest first. */
const CURVE_CHEBYSHEV = [24, 48, 96];
/**
 * A Chebyshev series is accepted when its last three coefficients are below this share of its
 * largest: Q itself is exact to ~1e-13, so the interpolant adds no error that Q does not have.
 */
const CURVE_TAIL = 1e-13;

/**
 * The same curve, E[Y(t)] at t = 0 … horizon, at a cost that does not grow with the horizon's
 * evaluations of Q: for long horizons (CLV over 1,826 days) Q is evaluated at a few dozen
 * Chebyshev nodes and interpolated. In u = ln(1 + τ), Q is analytic in the strip |Im u| < π
 * (its only singularities, at τ ≤ −1, are at Im u = π), so its Chebyshev series on [0, ln(1+τ_H)]
 * converges geometrically: 24 to 96 nodes reach Q's own precision. A series whose tail does
 * not fall that far falls back to every point. `work.evaluations` counts the evaluations of Q.
 */
export function conditionalExpectedPurchaseCurveInterpolated(
  x: number,
  tx: number,
  T: number,
  horizon: number,
  { r, alpha, a, b }: BgNbdParameters,
  work?: { evaluations: number }
): Float64Array {
  const alive = probabilityAlive(x, tx, T, r, alpha, a, b);
  const curve = new Float64Array(horizon + 1);
  if (alive === 0) return curve;
  const k = r + x;
  const B = b + x;
  const scale = 1 / (alpha + T);
  let evaluations = 0;
  const q = (tau: number) => {
    evaluations++;
    return expectedIfAlive(k, B, a, tau);
  };
  const done = () => {
    if (work) work.evaluations = evaluations;
    return curve;
  };
  if (horizon > CURVE_DIRECT) {
    const half = Math.log1p(horizon * scale) / 2; // u ∈ [0, 2·half] ↦ y = u/half − 1 ∈ [−1, 1]
    for (const n of CURVE_CHEBYSHEV) {
      const coef = chebyshevCoefficients(n, (y) => q(Math.expm1((y + 1) * half)));
      if (coef === null) break;
      let top = 0;
      for (let m = 0; m < n; m++) top = Math.max(top, Math.abs(coef[m]));
      const tail = Math.max(Math.abs(coef[n - 1]), Math.abs(coef[n - 2]), Math.abs(coef[n - 3]));
      if (!(tail <= CURVE_TAIL * top)) continue;
      let used = n;
      while (used > 1 && Math.abs(coef[used - 1]) <= 1e-17 * top) used--;
      // Finite at the nodes, so finite between them: no check per point.
      const toY = 1 / half;
      for (let t = 1; t <= horizon; t++)
        curve[t] = alive * clenshaw(coef, used, Math.log1p(t * scale) * toY - 1);
      return done();
    }
  }
  for (let t = 1; t <= horizon; t++)
    curve[t] = finite(alive * q(t * scale), "conditional expected purchases");
  return done();
}

/** c_m of f ≈ c_0/2 + Σ c_m T_m(y) on [−1, 1] from n Chebyshev nodes; null if f is not finite. */
function chebyshevCoefficients(n: number, f: (y: number) => number): Float64Array | null {
  const values = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    values[j] = f(Math.cos((Math.PI * (j + 0.5)) / n));
    if (!Number.isFinite(values[j])) return null;
  }
  const coef = new Float64Array(n);
  for (let m = 0; m < n; m++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += values[j] * Math.cos((Math.PI * m * (j + 0.5)) / n);
    coef[m] = (2 / n) * sum;
  }
  return coef;
}

/** The Chebyshev series c_0/2 + Σ_{m<used} c_m T_m(y), by Clenshaw's recurrence. */
function clenshaw(coef: Float64Array, used: number, y: number): number {
  let b1 = 0;
  let b2 = 0;
  const y2 = 2 * y;
  for (let m = used - 1; m >= 1; m--) {
    const b0 = y2 * b1 - b2 + coef[m];
    b2 = b1;
    b1 = b0;
  }
  return y * b1 - b2 + coef[0] / 2;
}

/** E[Y(t) | x, t_x, T] once P(alive) is known: P(alive) · Q(r+x, b+x, a, t/(α+T)). */
function givenAlive(alive: number, k: number, B: number, a: number, tau: number): number {
  return finite(alive * expectedIfAlive(k, B, a, tau), "conditional expected purchases");
}
