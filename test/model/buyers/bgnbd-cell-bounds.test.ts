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

  it("tiny b (a = 1) agrees with a plain midpoint sum, p = 1 − u^(1/b) for uniform u", () => {
    // With a = 1, (1−p)^b is uniform on [0, 1]: Q = ∫₀¹ (1 − (1+pτ)^{−k})/p du, no tails at all.
    const bruteForce = (k: number, B: number, tau: number) => {
      const n = 200_000;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const p = 1 - ((i + 0.5) / n) ** (1 / B);
        sum += p === 0 ? k * tau : (1 - (1 + p * tau) ** -k) / p;
      }
      return sum / n;
    };
    fc.assert(
      fc.property(logUniform(-2, 1.3), logUniform(-9, -1), logUniform(-2, 2), (k, B, tau) => {
        const ref = bruteForce(k, B, tau);
        const q = expectedIfAliveByQuadrature(k, B, 1, tau);
        expect(Math.abs(q - ref) / ref).toBeLessThan(1e-5);
      }),
      { numRuns: 25 }
    );
  });
});
