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
export function expectedIfAliveByQuadrature(k: number, B: number, a: number, tau: number): number {
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
        throw invalidNumber("a is too small for the expected purchases to be evaluated precisely");
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
      previous = term;
    }
  }
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

/** E[Y(t) | x, t_x, T] once P(alive) is known: P(alive) · Q(r+x, b+x, a, t/(α+T)). */
function givenAlive(alive: number, k: number, B: number, a: number, tau: number): number {
  return finite(alive * expectedIfAlive(k, B, a, tau), "conditional expected purchases");
}
