/**
 * The customer-specific part of the Pareto/NBD likelihood (docs/definitions.md §12), in logs,
 * with its gradient and Hessian in (r, α, s, β). Per customer (x, t_x, T):
 *   L = Γ(r+x)/Γ(r) · α^r β^s / ((α+T)^{r+x} (β+T)^s) · (1 + R),
 *   R = s (α+T)^{r+x} (β+T)^s ∫_{t_x}^{T} (α+v)^{−(r+x)} (β+v)^{−(s+1)} dv,
 * and P(alive) = 1/(1 + R): R is the odds that the customer died between t_x and T.
 *
 * Written with the bounded tail K(τ) = s (α+τ)^{r+x} (β+τ)^s ∫_τ^∞ (α+v)^{−(r+x)} (β+v)^{−(s+1)} dv,
 * which lies in (0, 1]:
 *   R = e^D K(t_x) − K(T),   D = (r+x) ln((α+T)/(α+t_x)) + s ln((β+T)/(β+t_x)) ≥ 0,
 *   K(τ) = s/(r+s+x) · ₂F₁(1, r+x; r+s+x+1; (α−β)/(α+τ))                 when α ≥ β,
 *   K(τ) = s/(r+s+x) · (α+τ)/(β+τ) · ₂F₁(1, s+1; r+s+x+1; (β−α)/(β+τ))   when α < β,
 * Fader & Hardie's two ₂F₁ branches after Euler's transformation, which turns their
 * ₂F₁(r+s+x, s+1; r+s+x+1; z) (that grows like (1−z)^{−s}) into one whose terms fall at once.
 * So ln(1 + R) is a log-sum-exp of D + ln K(t_x) and ln K(T): finite for heavy buyers (x in the
 * thousands, D in the tens of thousands), and with R's rounding error at most ~1e-16 in
 * absolute terms when t_x is close to T (R ≈ 0), because K ≤ 1.
 */
import {
  hypergeometricOneDerivatives,
  logHypergeometricOne,
  newLogHypergeometricDerivatives,
} from "../numerics/gauss-hypergeometric";

const hyp = newLogHypergeometricDerivatives();
const work = new Float64Array(10);

/**
 * ln K(τ) for a customer with x repeat purchases; with g (4) and h (4×4, row-major) its
 * gradient and Hessian in (r, α, s, β) are written there.
 */
export function logTail(
  x: number,
  tau: number,
  r: number,
  alpha: number,
  s: number,
  beta: number,
  g: Float64Array | null,
  h: Float64Array | null
): number {
  const k = r + x;
  const rho = k + s;
  const upper = alpha >= beta;
  const big = upper ? alpha + tau : beta + tau;
  const z = upper ? (alpha - beta) / big : (beta - alpha) / big;
  const q = upper ? (beta + tau) / big : (alpha + tau) / big;
  const B = upper ? k : s + 1;
  const C = rho + 1;
  const base = Math.log(s) - Math.log(rho) + (upper ? 0 : Math.log(q));
  if (!g) return base + logHypergeometricOne(B, C, z, q);
  hypergeometricOneDerivatives(B, C, z, q, hyp, work);
  const value = base + hyp.value;
  // b and c move with r and s: ∂(b, c)/∂r = (1, 1) on the α ≥ β branch (b = r+x) and (0, 1)
  // on the other (b = s+1), and the reverse for s; z moves with α and β alone.
  const fb = hyp.gradient[0];
  const fc = hyp.gradient[1];
  const fz = hyp.gradient[2];
  const f2 = hyp.hessian;
  const zA = upper ? q / big : -1 / big;
  const zB = upper ? -1 / big : q / big;
  const jb = upper ? 0 : 2; // the parameter that moves b and c together, along (1, 1, 0)
  const jc = upper ? 2 : 0; // the one that moves c alone, along (0, 1, 0)
  g[jb] = fb + fc;
  g[jc] = fc;
  g[1] = fz * zA;
  g[3] = fz * zB;
  // ln s − ln(r+s+x) (+ ln(α+τ) − ln(β+τ) on the α < β branch)
  g[2] += 1 / s - 1 / rho;
  g[0] -= 1 / rho;
  if (!upper) {
    g[1] += 1 / (alpha + tau);
    g[3] -= 1 / (beta + tau);
  }
  if (!h) return value;
  const fbb = f2[0];
  const fbc = f2[1];
  const fbz = f2[2];
  const fcc = f2[4];
  const fcz = f2[5];
  const fzz = f2[8];
  const set = (i: number, j: number, v: number) => {
    h[i * 4 + j] = v;
    h[j * 4 + i] = v;
  };
  set(jb, jb, fbb + 2 * fbc + fcc);
  set(jb, jc, fbc + fcc);
  set(jc, jc, fcc);
  set(jb, 1, (fbz + fcz) * zA);
  set(jb, 3, (fbz + fcz) * zB);
  set(jc, 1, fcz * zA);
  set(jc, 3, fcz * zB);
  const b2 = 1 / (big * big);
  set(1, 1, fzz * zA * zA + fz * (upper ? -2 * q * b2 : 0));
  set(1, 3, fzz * zA * zB + fz * b2);
  set(3, 3, fzz * zB * zB + fz * (upper ? 0 : -2 * q * b2));
  const ir = 1 / (rho * rho);
  h[0] += ir;
  h[2] += ir;
  h[8] += ir;
  h[10] += ir - 1 / (s * s);
  if (!upper) {
    h[5] -= 1 / ((alpha + tau) * (alpha + tau));
    h[15] += 1 / ((beta + tau) * (beta + tau));
  }
  return value;
}

const gt = new Float64Array(4);
const ht = new Float64Array(16);
const gT = new Float64Array(4);
const hT = new Float64Array(16);

/**
 * ln(1 + R) for one customer; with G (4) and H (4×4) its gradient and Hessian in
 * (r, α, s, β) are written there (overwritten). P(alive) is e^{−ln(1+R)}.
 */
export function logOnePlusDeathOdds(
  x: number,
  tx: number,
  T: number,
  r: number,
  alpha: number,
  s: number,
  beta: number,
  G: Float64Array | null = null,
  H: Float64Array | null = null
): number {
  if (G) G.fill(0);
  if (H) H.fill(0);
  if (tx >= T) return 0; // no time after the last purchase to have died in: R = 0
  const k = r + x;
  const lA = Math.log1p((T - tx) / (alpha + tx)); // ln((α+T)/(α+t_x))
  const lB = Math.log1p((T - tx) / (beta + tx));
  const D = k * lA + s * lB;
  const a = D + logTail(x, tx, r, alpha, s, beta, G ? gt : null, H ? ht : null);
  const b = logTail(x, T, r, alpha, s, beta, G ? gT : null, H ? hT : null);
  const m = Math.max(a, 0);
  const ea = Math.exp(a - m);
  const eb = Math.exp(b - m);
  const S = Math.exp(-m) - ea * Math.expm1(b - a);
  const value = m + Math.log(S);
  if (!G) return value;
  // D's derivatives join K(t_x)'s.
  const dA = 1 / (alpha + T) - 1 / (alpha + tx);
  const dB = 1 / (beta + T) - 1 / (beta + tx);
  gt[0] += lA;
  gt[1] += k * dA;
  gt[2] += lB;
  gt[3] += s * dB;
  for (let i = 0; i < 4; i++) G[i] = (ea * gt[i] - eb * gT[i]) / S;
  if (!H) return value;
  ht[1] += dA;
  ht[4] += dA;
  ht[5] += k * (1 / ((alpha + tx) * (alpha + tx)) - 1 / ((alpha + T) * (alpha + T)));
  ht[11] += dB;
  ht[14] += dB;
  ht[15] += s * (1 / ((beta + tx) * (beta + tx)) - 1 / ((beta + T) * (beta + T)));
  for (let i = 0; i < 4; i++)
    for (let j = i; j < 4; j++) {
      const v =
        (ea * (ht[i * 4 + j] + gt[i] * gt[j]) - eb * (hT[i * 4 + j] + gT[i] * gT[j])) / S -
        G[i] * G[j];
      H[i * 4 + j] = H[j * 4 + i] = v;
    }
  return value;
}
