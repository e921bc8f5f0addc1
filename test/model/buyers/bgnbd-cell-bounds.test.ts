import fc from "fast-check";
import {
  expectedIfAliveByQuadrature,
  expectedPurchasesNew,
} from "../../../src/model/buyers/bgnbd-purchases";
import { expectedIfAliveByIntegral } from "./bgnbd-helpers";

/** Log-uniform over [10^lo, 10^hi]: tiny and huge parameters alike. */
const logUniform = (lo: number, hi: number) =>
  fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);

/** The quadrature's nodes for one Q: the cost of a cell, counted, so the bound cannot flake. */
function nodes(k: number, B: number, a: number, tau: number): number {
  const work = { nodes: 0 };
  expectedIfAliveByQuadrature(k, B, a, tau, work);
  return work.nodes;
}

describe("BG/NBD expected purchases: a bounded cost per cell (issue 22.9)", () => {
  it("b = 1e-9 gives the limit p → 1 in a few hundred nodes, not #NUM! blaming a", () => {
    // b → 0 puts every customer's dropout probability at 1: Q → 1 − (1+τ)^{−r}.
    for (const [r, alpha, a, t] of [
      [0.243, 4.414, 0.793, 10],
      [2, 1, 3, 100],
      [0.01, 50, 1e-3, 1],
    ]) {
      const limit = -Math.expm1(-r * Math.log1p(t / alpha));
      const value = expectedPurchasesNew(t, r, alpha, a, 1e-9);
      expect(Math.abs(value - limit) / limit).toBeLessThan(1e-6);
      expect(nodes(r, 1e-9, a, t / alpha)).toBeLessThan(2_000);
    }
  });

  it("tiny and huge a, b, r and τ: at most 20,000 nodes (≈1 ms), finite and positive", () => {
    fc.assert(
      fc.property(
        logUniform(-6, 2),
        logUniform(-12, 5),
        logUniform(-12, 5),
        logUniform(-6, 6),
        (k, B, a, tau) => {
          const work = { nodes: 0 };
          const q = expectedIfAliveByQuadrature(k, B, a, tau, work);
          expect(work.nodes).toBeLessThanOrEqual(20_000);
          expect(q).toBeGreaterThan(0);
          // Q ≤ kτ (a customer who never drops out) and Q ≥ 1 − (1+τ)^{−k} (one who drops at once).
          expect(q).toBeLessThanOrEqual(k * tau * (1 + 1e-9));
          expect(q).toBeGreaterThanOrEqual(-Math.expm1(-k * Math.log1p(tau)) * (1 - 1e-9));
        }
      ),
      { numRuns: 300 }
    );
  });

  it("agrees with the independent integral where the tails are cut short", () => {
    fc.assert(
      fc.property(
        logUniform(-2, 1.5),
        logUniform(-1.3, 1.5),
        logUniform(-2, 1.5),
        logUniform(-3, 2),
        (k, B, a, tau) => {
          const ref = expectedIfAliveByIntegral(k, B, a, tau);
          const q = expectedIfAliveByQuadrature(k, B, a, tau);
          expect(Math.abs(q - ref) / ref).toBeLessThan(1e-8);
        }
      ),
      { numRuns: 60 }
    );
  });

  it("tiny b (a = 1) agrees with a plain midpoint sum, p = 1 − e^{−t}, (1−p)^b = e^{−bt}", () => {
    // With a = 1, p has density b(1−p)^{b−1}: in t = −ln(1−p), Q = ∫₀^∞ f(1 − e^{−t}) b e^{−bt} dt,
    // f(p) = (1 − (1+pτ)^{−k})/p. Past t = 50, 1 − p < 2e-22 and f(p) = f(1) to rounding: that
    // part is f(1)·e^{−50b} exactly. Below t = 1e-14, f = kτ to rounding: that part is kτ·b·1e-14.
    // The rest by midpoint sums in u = ln t of n and 2n steps, extrapolated (Richardson). Steps
    // even in t missed by up to 5.4e-6 (k = 19.95, b = 0.1, τ = 100): f falls on the scale
    // t ≈ 1/(kτ), 5e-4 there, only two steps of 2.5e-4; steps even in ln t resolve every scale
    // alike. Nor does a uniform sum in u = e^{−bt}: it resolves neither the spike at u → 1 nor 1e-5.
    const f = (k: number, tau: number, p: number) =>
      p === 0 ? k * tau : -Math.expm1(-k * Math.log1p(p * tau)) / p;
    const [t0, t1] = [1e-14, 50];
    const midpoint = (k: number, B: number, tau: number, n: number) => {
      const [lo, h] = [Math.log(t0), Math.log(t1 / t0) / n];
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const t = Math.exp(lo + (i + 0.5) * h);
        sum += f(k, tau, -Math.expm1(-t)) * B * Math.exp(-B * t) * t;
      }
      return sum * h;
    };
    const reference = (k: number, B: number, tau: number) =>
      (4 * midpoint(k, B, tau, 20_000) - midpoint(k, B, tau, 10_000)) / 3 +
      f(k, tau, 1) * Math.exp(-t1 * B) +
      k * tau * B * t0;
    // On 100 random draws the reference agrees with itself at 20× the steps, and with the
    // quadrature, to 5e-14: 1e-11 leaves room for both.
    const tolerance = 1e-11;
    fc.assert(
      fc.property(logUniform(-2, 1.3), logUniform(-9, -1), logUniform(-2, 2), (k, B, tau) => {
        const ref = reference(k, B, tau);
        const q = expectedIfAliveByQuadrature(k, B, 1, tau);
        expect(Math.abs(q - ref) / ref).toBeLessThan(tolerance);
      }),
      { numRuns: 30 }
    );
    // The draws that failed the sum even in t (its error there was 3.5e-6 and 2.5e-8).
    for (const [k, B, tau] of [
      [19.95, 0.05, 100],
      [7.61752, 0.0489272, 67.8424],
    ])
      expect(
        Math.abs(expectedIfAliveByQuadrature(k, B, 1, tau) / reference(k, B, tau) - 1)
      ).toBeLessThan(tolerance);
    // The counterexample that failed the uniform sum (its own error there was 1e-5).
    const [k, B, tau] = [1, 0.0010063965366175795, 99.99998541774258];
    expect(
      Math.abs(expectedIfAliveByQuadrature(k, B, 1, tau) / reference(k, B, tau) - 1)
    ).toBeLessThan(tolerance);
  });
});
