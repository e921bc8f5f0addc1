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
  // The symmetric entries in pairs (no closure: this runs once per customer and evaluation).
  const bb = fbb + 2 * fbc + fcc;
  const bc = fbc + fcc;
  const b1 = (fbz + fcz) * zA;
  const b3 = (fbz + fcz) * zB;
  const c1 = fcz * zA;
  const c3 = fcz * zB;
  const b2 = 1 / (big * big);
  h[jb * 5] = bb;
  h[jb * 4 + jc] = h[jc * 4 + jb] = bc;
  h[jc * 5] = fcc;
  h[jb * 4 + 1] = h[4 + jb] = b1;
  h[jb * 4 + 3] = h[12 + jb] = b3;
  h[jc * 4 + 1] = h[4 + jc] = c1;
  h[jc * 4 + 3] = h[12 + jc] = c3;
  h[5] = fzz * zA * zA + fz * (upper ? -2 * q * b2 : 0);
  h[7] = h[13] = fzz * zA * zB + fz * b2;
  h[15] = fzz * zB * zB + fz * (upper ? 0 : -2 * q * b2);
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

/** Both tails' gradients (t_x at 0, T at 4) and Hessians (at 0 and 16), for logOnePlusDeathOdds. */
const gPair = new Float64Array(8);
const hPair = new Float64Array(32);
const gOne = new Float64Array(4);
const hOne = new Float64Array(16);

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
  const a = logTail(x, tx, r, alpha, s, beta, G ? gOne : null, H ? hOne : null);
  gPair.set(gOne, 0);
  hPair.set(hOne, 0);
  const b = logTail(x, T, r, alpha, s, beta, G ? gOne : null, H ? hOne : null);
  gPair.set(gOne, 4);
  hPair.set(hOne, 16);
  return deathOddsFromTails(x, tx, T, r, alpha, s, beta, a, b, gPair, hPair, 0, 1, G, H);
}

const ga = new Float64Array(4);
const gb = new Float64Array(4);

/**
 * ln(1 + R) for one customer with t_x < T from ln K(t_x) (`lnKtx`) and ln K(T) (`lnKT`), as
 * logTail gives them: the fit computes each (x, τ)'s tail once for every customer who shares it.
 * With G, the tails' gradients are read from `tailG` (4 per tail: tail i at 4i) and, with H,
 * their Hessians from `tailH` (16 per tail), for the tails numbered `atTx` and `atT`. G (4) and
 * H (4×4) receive ln(1+R)'s gradient and Hessian.
 */
export function deathOddsFromTails(
  x: number,
  tx: number,
  T: number,
  r: number,
  alpha: number,
  s: number,
  beta: number,
  lnKtx: number,
  lnKT: number,
  tailG: Float64Array,
  tailH: Float64Array,
  atTx: number,
  atT: number,
  G: Float64Array | null,
  H: Float64Array | null
): number {
  const k = r + x;
  const lA = Math.log1p((T - tx) / (alpha + tx)); // ln((α+T)/(α+t_x))
  const lB = Math.log1p((T - tx) / (beta + tx));
  const D = k * lA + s * lB;
  const a = D + lnKtx;
  const b = lnKT;
  const m = Math.max(a, 0);
  const ea = Math.exp(a - m);
  const eb = Math.exp(b - m);
  const S = Math.exp(-m) - ea * Math.expm1(b - a);
  const value = m + Math.log(S);
  if (!G) return value;
  // D's derivatives join K(t_x)'s.
  const dA = 1 / (alpha + T) - 1 / (alpha + tx);
  const dB = 1 / (beta + T) - 1 / (beta + tx);
  const oa = 4 * atTx;
  const ob = 4 * atT;
  ga[0] = tailG[oa] + lA;
  ga[1] = tailG[oa + 1] + k * dA;
  ga[2] = tailG[oa + 2] + lB;
  ga[3] = tailG[oa + 3] + s * dB;
  const wa = ea / S;
  const wb = eb / S;
  for (let i = 0; i < 4; i++) {
    gb[i] = tailG[ob + i];
    G[i] = wa * ga[i] - wb * gb[i];
  }
  if (!H) return value;
  const ha = 16 * atTx;
  const hb = 16 * atT;
  for (let i = 0; i < 4; i++)
    for (let j = i; j < 4; j++) {
      const v =
        wa * (tailH[ha + i * 4 + j] + ga[i] * ga[j]) -
        wb * (tailH[hb + i * 4 + j] + gb[i] * gb[j]) -
        G[i] * G[j];
      H[i * 4 + j] = H[j * 4 + i] = v;
    }
  // D's second derivatives: ∂²D/∂r∂α = dA, ∂²D/∂α² = k(1/(α+t_x)² − 1/(α+T)²), and so for s, β.
  const dAA = k * (1 / ((alpha + tx) * (alpha + tx)) - 1 / ((alpha + T) * (alpha + T)));
  const dBB = s * (1 / ((beta + tx) * (beta + tx)) - 1 / ((beta + T) * (beta + T)));
  H[1] = H[4] += wa * dA;
  H[5] += wa * dAA;
  H[11] = H[14] += wa * dB;
  H[15] += wa * dBB;
  return value;
}
