/**
 * P(X(t) = x) under the Pareto/NBD model: the probability that a new customer makes exactly x
 * repeat purchases in the t periods after the first (docs/definitions.md §12).
 *
 * Fader & Hardie's closed form subtracts a sum of x + 1 ₂F₁ terms from another ₂F₁: for heavy
 * buyers the two sides agree to many digits and the difference is lost. We use the story
 * instead: the customer is alive at t (probability (β/(β+t))^s on average) and made x purchases
 * in t, or died at some τ < t having made x purchases by then. Averaged over λ and μ:
 *   P = NB(x; t)·(β/(β+t))^s + ∫₀ᵗ s β^s/(β+τ)^{s+1} · NB(x; τ) dτ,
 *   NB(x; τ) = Γ(r+x)/(Γ(r) x!) · (α/(α+τ))^r (τ/(α+τ))^x,
 * a sum of positive terms. With u = τ/(α+τ) the integral is
 *   c_x s α β^s ∫₀^{t/(α+t)} u^x (1−u)^{r+s−1} / (β(1−u) + αu)^{s+1} du,
 * taken by tanh-sinh quadrature in logs (logTanhSinh), which resolves the endpoint behaviour
 * of u^x and (1−u)^{r+s−1} for any exponents.
 */
import { checkParetoNbd } from "./pareto-nbd";
import { finite, invalidNumber } from "../errors";
import { logTanhSinh } from "../numerics/gauss-hypergeometric";
import { logGamma } from "../numerics/log-gamma";

export function paretoPurchaseCountProbability(
  x: number,
  t: number,
  r: number,
  alpha: number,
  s: number,
  beta: number
): number {
  checkParetoNbd(r, alpha, s, beta);
  if (!(x >= 0 && x <= 1e9 && Math.trunc(x) === x))
    throw invalidNumber("x must be a whole number of repeat purchases, 0 or more");
  if (!(t >= 0 && t < Infinity)) throw invalidNumber("t must be a number of periods, 0 or more");
  if (t === 0) return x === 0 ? 1 : 0;
  const lnC = logGamma(r + x) - logGamma(r) - logGamma(x + 1);
  const U = t / (alpha + t);
  if (U === 0) return x === 0 ? 1 : 0; // t so small against α that no purchase fits in it
  const oneMinusU = alpha / (alpha + t);
  const lnU = Math.log(U);
  // Alive at t: NB(x; t)·(β/(β+t))^s.
  const alive = lnC + r * Math.log(oneMinusU) + (x === 0 ? 0 : x * lnU) - s * Math.log1p(t / beta);
  // Died at τ < t: the integral over u = U·w, w ∈ (0, 1).
  const died =
    lnC +
    Math.log(s) +
    Math.log(alpha) +
    s * Math.log(beta) +
    lnU +
    logTanhSinh((lnW, ln1mW) => {
      const w = Math.exp(lnW);
      const u = U * w;
      const v = oneMinusU + U * Math.exp(ln1mW); // 1 − u = (1 − U) + U(1 − w)
      return (
        (x === 0 ? 0 : x * (lnU + lnW)) +
        (r + s - 1) * Math.log(v) -
        (s + 1) * Math.log(beta * v + alpha * u)
      );
    });
  const top = Math.max(alive, died);
  const p = Math.exp(top) * (Math.exp(alive - top) + Math.exp(died - top));
  return finite(Math.min(1, p), "P(X(t) = x)");
}
