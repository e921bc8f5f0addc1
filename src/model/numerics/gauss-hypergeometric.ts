/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) in logs, for positive a, b, c and real
 * z < 1, where every term of its series is positive (the Pareto/NBD likelihood, docs/definitions.md
 * §12; other models may use it too).
 *
 * - 0 ≤ z < 1: the series Σ (a)ₙ(b)ₙ/((c)ₙ n!) zⁿ, summed with a running scale so terms that
 *   first grow past 1e300 (large a, b) stay finite. Where it would need more than MAX_TERMS terms
 *   (z near 1), Euler's integral Γ(c)/(Γ(b)Γ(c−b)) ∫₀¹ t^{b−1}(1−t)^{c−b−1}(1−zt)^{−a} dt
 *   (c > b, or c > a after swapping a and b) by tanh-sinh quadrature, in logs, on nodes
 *   tabulated once (they do not depend on the integrand).
 * - z < 0: Pfaff's transformation F = (1−z)^{−a} F(a, c−b; c; z/(z−1)) moves z into [0, 1)
 *   (or the same with a and b swapped), when it keeps the parameters positive.
 *
 * `hypergeometricOneDerivatives` is the case a = 1 with its first and second derivatives in
 * (b, c, z), which the Pareto/NBD fit climbs with.
 */
import { logGamma } from "./log-gamma";

const MAX_TERMS = 5000;
const LN_SCALE = 690; // rescale the running sum past e^690 (≈ 1e300)
const SCALE = Math.exp(-LN_SCALE);

/** ln ₂F₁(a, b; c; z) by its series for 0 ≤ z < 1; NaN when it needs more than MAX_TERMS terms. */
function logSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  let offset = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    term *= ratio;
    sum += term;
    if (sum > 1e300) {
      sum *= SCALE;
      term *= SCALE;
      offset += LN_SCALE;
    }
    // The ratios tend to z (from below or, falling, from above), so past this point none
    // exceeds ρ = max(this ratio, the next, z) and the tail is below term·ρ/(1−ρ).
    if (term === 0) return offset + Math.log(sum);
    const next = ((a + n + 1) * (b + n + 1) * z) / ((c + n + 1) * (n + 2));
    const bound = Math.max(ratio, next, z);
    if (bound < 1 && (term * bound) / (1 - bound) <= 1e-17 * sum) return offset + Math.log(sum);
  }
  return NaN;
}

/** Abscissae of the tanh-sinh rule: t = 1/(1+e^{−2v}), v = (π/2)·sinh(u), in logs. */
interface TanhSinhNode {
  lnT: number;
  ln1mT: number;
  /** ln of dt/du = π·cosh(u)·t·(1−t). */
  lnWeight: number;
}

function tanhSinhNode(u: number): TanhSinhNode {
  const v = (Math.PI / 2) * Math.sinh(u);
  const lnT = v >= 0 ? -Math.log1p(Math.exp(-2 * v)) : 2 * v - Math.log1p(Math.exp(2 * v));
  const ln1mT = v <= 0 ? -Math.log1p(Math.exp(2 * v)) : -2 * v - Math.log1p(Math.exp(-2 * v));
  return { lnT, ln1mT, lnWeight: Math.log(Math.PI * Math.cosh(u)) + lnT + ln1mT };
}

/** The widest |u| the rule visits: there t or 1−t is below 1e-300 for any integrand we meet. */
const U_MAX = 6.5;

/** Per node of a level of the rule: ln t, ln(1−t), ln(dt/du), t, 1 − t. */
const NODE_FIELDS = 5;
/** The finest level integralOne reaches: steps of 0.5/2⁷, 3,329 nodes in all. */
const MAX_LEVEL = 7;
const levels: Float64Array[] = [];

/** The step of level L of the rule: 0.5 at level 0, halved at each level. */
function levelStep(level: number): number {
  return 0.5 / 2 ** level;
}

/**
 * The nodes level L adds (all of [−U_MAX, U_MAX] at step 0.5 for level 0, the odd multiples of
 * the new step after): they do not depend on the integrand, so they are computed once.
 */
function nodeLevel(level: number): Float64Array {
  const cached = levels[level];
  if (cached) return cached;
  const h = levelStep(level);
  const us: number[] = [];
  if (level === 0) for (let u = -U_MAX; u <= U_MAX + 1e-12; u += h) us.push(u);
  else for (let u = -U_MAX + h; u < U_MAX; u += 2 * h) us.push(u);
  const out = new Float64Array(us.length * NODE_FIELDS);
  us.forEach((u, i) => {
    const node = tanhSinhNode(u);
    out.set(
      [node.lnT, node.ln1mT, node.lnWeight, Math.exp(node.lnT), Math.exp(node.ln1mT)],
      i * NODE_FIELDS
    );
  });
  return (levels[level] = out);
}

/**
 * ln ∫₀¹ e^{f(t)} dt by the tanh-sinh rule, halving the step until two levels agree to 1e-15.
 * `f` receives ln t and ln(1−t), both exact near either end.
 */
export function logTanhSinh(f: (lnT: number, ln1mT: number) => number): number {
  const values: number[] = [];
  let previous = NaN;
  for (let level = 0; level < 9; level++) {
    // The level's new nodes (from the table: they do not depend on f).
    const nodes = nodeLevel(level);
    for (let k = 0; k < nodes.length; k += NODE_FIELDS) {
      const value = f(nodes[k], nodes[k + 1]) + nodes[k + 2];
      if (value === value && value > -Infinity) values.push(value);
    }
    let top = -Infinity;
    for (const v of values) top = Math.max(top, v);
    let sum = 0;
    for (const v of values) sum += Math.exp(v - top);
    const estimate = top + Math.log(sum * levelStep(level));
    if (Math.abs(estimate - previous) <= 1e-14 * Math.max(1, Math.abs(estimate))) return estimate;
    previous = estimate;
  }
  return previous;
}

/** ln ₂F₁ through Euler's integral, for c > b > 0 and 0 ≤ z < 1 (1 − z given exactly as q). */
function logEuler(a: number, b: number, c: number, z: number, q: number): number {
  const norm = logGamma(c) - logGamma(b) - logGamma(c - b);
  return (
    norm +
    logTanhSinh(
      (lnT, ln1mT) => (b - 1) * lnT + (c - b - 1) * ln1mT - a * Math.log(q + z * Math.exp(ln1mT))
    )
  );
}

/**
 * ln ₂F₁(a, b; c; z) for a, b, c > 0 and z < 1. `oneMinusZ`, when the caller knows 1 − z more
 * precisely than by subtraction, is used near z = 1. Throws RangeError outside that domain (or
 * for z < 0 when neither Pfaff form keeps positive parameters), or when no method converges.
 */
export function logHypergeometric2F1(
  a: number,
  b: number,
  c: number,
  z: number,
  oneMinusZ = 1 - z
): number {
  if (!(a > 0 && b > 0 && c > 0 && z < 1 && a < Infinity && b < Infinity && c < Infinity))
    throw new RangeError("logHypergeometric2F1 needs a, b, c > 0 and z < 1");
  if (z === 0) return 0;
  if (z < 0) {
    // Pfaff: F(a,b;c;z) = (1−z)^{−a} F(a, c−b; c; z/(z−1)), w = z/(z−1) ∈ (0, 1), 1 − w = 1/(1−z).
    const w = z / (z - 1);
    const lnQ = Math.log1p(-z);
    if (c > b) return -a * lnQ + logHypergeometric2F1(a, c - b, c, w, 1 / oneMinusZ);
    if (c > a) return -b * lnQ + logHypergeometric2F1(c - a, b, c, w, 1 / oneMinusZ);
    if (c === b) return -a * lnQ; // F(a, c; c; z) = (1−z)^{−a}
    if (c === a) return -b * lnQ;
    throw new RangeError("logHypergeometric2F1: z < 0 needs c ≥ a or c ≥ b");
  }
  const series = logSeries(a, b, c, z);
  if (series === series) return series;
  if (c > b) return logEuler(a, b, c, z, oneMinusZ);
  if (c > a) return logEuler(b, a, c, z, oneMinusZ);
  // c ≤ a, b: Euler's transformation F = (1−z)^{c−a−b} F(c−a, c−b; c; z) has c−a, c−b ≤ 0;
  // outside what the Pareto/NBD and the other models need.
  throw new RangeError("logHypergeometric2F1: z near 1 with c ≤ a and c ≤ b is not supported");
}

/** ln F and its gradient and Hessian in (b, c, z), for F = ₂F₁(1, b; c; z). */
export interface LogHypergeometricDerivatives {
  value: number;
  /** ∂ ln F/∂b, ∂/∂c, ∂/∂z. */
  gradient: Float64Array;
  /** Row-major 3×3: (b, c, z). */
  hessian: Float64Array;
}

/** Accumulated F and its raw derivatives (not of the log): F, F_b, F_c, F_z, F_bb, F_bc, F_bz, F_cc, F_cz, F_zz. */
type Sums = Float64Array;

function toLogDerivatives(S: Sums, out: LogHypergeometricDerivatives, lnScale: number): void {
  const F = S[0];
  out.value = lnScale + Math.log(F);
  const g0 = S[1] / F;
  const g1 = S[2] / F;
  const g2 = S[3] / F;
  out.gradient[0] = g0;
  out.gradient[1] = g1;
  out.gradient[2] = g2;
  const h = out.hessian;
  h[0] = S[4] / F - g0 * g0;
  h[1] = h[3] = S[5] / F - g0 * g1;
  h[2] = h[6] = S[6] / F - g0 * g2;
  h[4] = S[7] / F - g1 * g1;
  h[5] = h[7] = S[8] / F - g1 * g2;
  h[8] = S[9] / F - g2 * g2;
}

/**
 * True when the series of ₂F₁(1, b; c; z) would still have terms above 1e-17 after MAX_TERMS:
 * ln of term N is about N ln z − (c − b) ln((c + N)/c) (the sum of ln((b+j)/(c+j))), so the
 * integral is taken at once instead of after MAX_TERMS wasted terms.
 */
function seriesTooSlow(b: number, c: number, z: number): boolean {
  return MAX_TERMS * Math.log(z) - (c - b) * Math.log1p(MAX_TERMS / c) > -39;
}

/**
 * F = ₂F₁(1, b; c; z) = Σ Pₙ zⁿ, Pₙ = Π_{j<n} (b+j)/(c+j), for c > b > 0 and 0 ≤ z < 1, with
 * its derivatives term by term: ∂ln Pₙ/∂b = Σ 1/(b+j), ∂ln Pₙ/∂c = −Σ 1/(c+j) (and their
 * squares' sums for the second derivatives), and the z-derivatives n Pₙ z^{n−1}, n(n−1)Pₙ z^{n−2}
 * (finite at z = 0). False when the series needs more than MAX_TERMS terms.
 */
function seriesOne(b: number, c: number, z: number, S: Sums): boolean {
  if (seriesTooSlow(b, c, z)) return false;
  S.fill(0);
  let P = 1; // Pₙ
  let zn = 1; // zⁿ
  let zn1 = 0; // z^{n−1} (0 at n = 0)
  let zn2 = 0; // z^{n−2}
  let sb = 0; // Σ_{j<n} 1/(b+j)
  let sc = 0; // −Σ 1/(c+j)
  let sbb = 0; // −Σ 1/(b+j)²
  let scc = 0; // Σ 1/(c+j)²
  for (let n = 0; n < MAX_TERMS; n++) {
    const T = P * zn;
    const U = n * P * zn1; // the term of F_z
    const V = n * (n - 1) * P * zn2; // of F_zz
    S[0] += T;
    S[1] += T * sb;
    S[2] += T * sc;
    S[3] += U;
    S[4] += T * (sb * sb + sbb);
    S[5] += T * sb * sc;
    S[6] += U * sb;
    S[7] += T * (sc * sc + scc);
    S[8] += U * sc;
    S[9] += V;
    // The ratios (b+n)z/(c+n) rise towards z (c > b): the tail after term n is below
    // term·z/(1−z) in every sum, up to the slowly growing factors (sums of 1/(b+j), n²) that
    // the (n+2)² margin covers. From n = 2 on every sum has its first term (F_zz's is n = 2).
    const m = (n + 2) * (n + 2);
    if (n >= 2 && (T + U + V) * m * z <= 1e-17 * (1 - z) * (S[0] + S[3] + S[9])) return true;
    const ib = 1 / (b + n);
    const ic = 1 / (c + n);
    sb += ib;
    sc -= ic;
    sbb -= ib * ib;
    scc += ic * ic;
    P *= (b + n) * ic;
    zn2 = zn1;
    zn1 = n === 0 ? 1 : zn1 * z;
    zn = zn * z;
  }
  return false;
}

/**
 * The same sums from Euler's integral F = ρ ∫₀¹ (1−t)^{ρ−1} (1−zt)^{−b} dt, ρ = c − 1 > 0, with
 * 1 − zt = q + z(1−t) (q = 1 − z exact), by tanh-sinh quadrature; the derivatives are integrals
 * over the same nodes. Two forms:
 * - w = (1−t)^ρ: F = ∫₀¹ (q + z·w^{1/ρ})^{−b} dw, bounded (between 1 and q^{−b}) even where
 *   (1−t)^{ρ−1} is singular (ρ < 1) and the series crawls (z near 1); used while its mass,
 *   near ln w ≈ ρ·ln q, is within the rule's reach;
 * - t itself for large ρ, where (1−t)^{ρ−1} is harmless.
 * The work is bounded: the nodes come from a table built once, the sums run as the levels are
 * added (no node is visited twice), and the rule stops by level MAX_LEVEL (3,329 nodes) at the
 * latest; near the Pareto/NBD's ridges (z → 1, b in the thousands) it stops at 417 or 833.
 * Returns ln of the common scale of the sums.
 */
function integralOne(
  b: number,
  c: number,
  z: number,
  q: number,
  S: Sums,
  valueOnly = false
): number {
  const rho = c - 1;
  const wForm = rho < 2 || rho * -Math.log(q) <= 300;
  const lnRho = Math.log(rho);
  const parts = PARTS;
  let top = -Infinity;
  S.fill(0);
  let previous = NaN;
  let step = NaN;
  for (let level = 0; level <= MAX_LEVEL; level++) {
    const nodes = nodeLevel(level);
    for (let k = 0; k < nodes.length; k += NODE_FIELDS) {
      const lnT = nodes[k];
      const ln1mT = nodes[k + 1];
      // ln(integrand·dt/du); then (unless valueOnly) ∂ψ/∂(b, c, z) and the second derivatives
      // (bb, bc, bz, cc, cz, zz).
      let value: number;
      let m = 0; // w-form: w^{1/ρ}; t-form: t
      let D: number;
      let L: number;
      if (wForm) {
        m = Math.exp(lnT / rho);
        D = q + z * m;
        L = Math.log(D);
        value = -b * L;
      } else {
        m = nodes[k + 3];
        D = q + z * nodes[k + 4]; // 1 − zt
        L = Math.log(D);
        value = lnRho + (rho - 1) * ln1mT - b * L;
      }
      const total = value + nodes[k + 2];
      if (!(total > -Infinity)) continue;
      if (total > top) {
        // A new largest node: the sums so far move to its scale.
        const shrink = Math.exp(top - total);
        for (let j = 0; j < 10; j++) S[j] *= shrink;
        top = total;
      }
      const f = Math.exp(total - top);
      S[0] += f;
      if (valueOnly) continue;
      let pb: number, pc: number, pz: number, pbb: number, pbc: number, pbz: number;
      let pcc: number, pcz: number, pzz: number;
      if (wForm) {
        const lnW = lnT;
        const oneMinusM = -Math.expm1(lnW / rho);
        const mC = (-m * lnW) / (rho * rho);
        const mCC = (m * lnW * lnW) / (rho * rho * rho * rho) + (2 * m * lnW) / (rho * rho * rho);
        pb = -L;
        pc = (-b * z * mC) / D;
        pz = (b * oneMinusM) / D;
        pbb = 0;
        pbc = (-z * mC) / D;
        pbz = oneMinusM / D;
        pcc = (-b * z * mCC) / D + (b * z * z * mC * mC) / (D * D);
        pcz = (-b * mC) / D - (b * z * mC * oneMinusM) / (D * D);
        pzz = (b * oneMinusM * oneMinusM) / (D * D);
      } else {
        const t = m;
        pb = -L;
        pc = 1 / rho + ln1mT;
        pz = (b * t) / D;
        pbb = 0;
        pbc = 0;
        pbz = t / D;
        pcc = -1 / (rho * rho);
        pcz = 0;
        pzz = (b * t * t) / (D * D);
      }
      parts[0] = pb;
      parts[1] = pc;
      parts[2] = pz;
      parts[3] = pb * pb + pbb;
      parts[4] = pb * pc + pbc;
      parts[5] = pb * pz + pbz;
      parts[6] = pc * pc + pcc;
      parts[7] = pc * pz + pcz;
      parts[8] = pz * pz + pzz;
      for (let j = 0; j < 9; j++) S[j + 1] += f * parts[j];
    }
    step = levelStep(level);
    // The rule's error squares with each halving of the step (it converges doubly
    // exponentially): two levels within 1e-9 leave the finer one within ~1e-18. The test is on
    // the value and on every derivative sum relative to it (ln F's derivatives are built from
    // those ratios), which converge more slowly where the integrand is extreme (c near 1).
    const estimate = top + Math.log(S[0] * step);
    let settled = Math.abs(estimate - previous) <= 1e-9 * Math.max(1, Math.abs(estimate));
    for (let j = 1; j < (valueOnly ? 1 : 10); j++) {
      const ratio = S[j] / S[0];
      if (!(Math.abs(ratio - RATIOS[j]) <= 1e-9 * (1 + Math.abs(ratio)))) settled = false;
      RATIOS[j] = ratio;
    }
    if (settled) break;
    previous = estimate;
  }
  for (let j = 0; j < 10; j++) S[j] *= step;
  return top;
}

/** Scratch for one node's derivative terms in integralOne. */
const PARTS = new Float64Array(9);
/** The previous level's derivative sums over F's, in integralOne. */
const RATIOS = new Float64Array(10);

/**
 * ln ₂F₁(1, b; c; z) with its gradient and Hessian in (b, c, z), for c > b > 0, c > 1 and
 * 0 ≤ z < 1 (q = 1 − z, given exactly by the caller). The series where it converges in
 * MAX_TERMS terms, otherwise the bounded integral.
 */
export function hypergeometricOneDerivatives(
  b: number,
  c: number,
  z: number,
  q: number,
  out: LogHypergeometricDerivatives,
  work: Float64Array = new Float64Array(10)
): LogHypergeometricDerivatives {
  if (seriesOne(b, c, z, work)) {
    toLogDerivatives(work, out, 0);
    return out;
  }
  const lnScale = integralOne(b, c, z, q, work);
  toLogDerivatives(work, out, lnScale);
  return out;
}

/**
 * ln ₂F₁(1, b; c; z) alone, for c > b > 0, c > 1 and 0 ≤ z < 1 (q = 1 − z exactly): the same
 * series as hypergeometricOneDerivatives without the derivative sums (the fit's line search
 * needs values only), and the same integral where the series is slow.
 */
export function logHypergeometricOne(b: number, c: number, z: number, q: number): number {
  if (seriesTooSlow(b, c, z)) {
    const S = new Float64Array(10);
    return integralOne(b, c, z, q, S, true) + Math.log(S[0]);
  }
  let term = 1;
  let sum = 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= ((b + n) * z) / (c + n);
    sum += term;
    // The ratios rise towards z: the tail is below term·z/(1−z).
    if (term * z <= 1e-17 * (1 - z) * sum) return Math.log(sum);
  }
  const S = new Float64Array(10);
  const lnScale = integralOne(b, c, z, q, S, true);
  return lnScale + Math.log(S[0]);
}

/** A reusable output for hypergeometricOneDerivatives. */
export function newLogHypergeometricDerivatives(): LogHypergeometricDerivatives {
  return { value: 0, gradient: new Float64Array(3), hessian: new Float64Array(9) };
}

/** Only the series path of hypergeometricOneDerivatives (null when it is too slow): for tests. */
export function hypergeometricOneBySeries(
  b: number,
  c: number,
  z: number
): LogHypergeometricDerivatives | null {
  const S = new Float64Array(10);
  if (!seriesOne(b, c, z, S)) return null;
  const out = newLogHypergeometricDerivatives();
  toLogDerivatives(S, out, 0);
  return out;
}

/** Only the integral path of hypergeometricOneDerivatives: for tests. */
export function hypergeometricOneByIntegral(
  b: number,
  c: number,
  z: number,
  q = 1 - z
): LogHypergeometricDerivatives {
  const S = new Float64Array(10);
  const out = newLogHypergeometricDerivatives();
  toLogDerivatives(S, out, integralOne(b, c, z, q, S));
  return out;
}
