/**
 * P(X(t) = x) under BG/NBD against references written here: the mixture over the dropout
 * probability p ~ Beta(a, b) integrated by quadrature, with the Gamma-Poisson counts summed by
 * plain loops (the small side of the tail, so nothing cancels); the model simulated; and the
 * identities Σ_x P = 1 and Σ_x x·P = E[X(t)] (E from its own integral).
 */
import fc from "fast-check";
import { bgnbdPurchaseCountProbability } from "../../../src/model/buyers/purchase-count-probability";
import { expectedIfAliveByIntegral, lgamma, simulateBgNbd, tanhSinh } from "./bgnbd-helpers";
import { lnNB, tailByLoops } from "./buyer-check-helpers";

/** E over p ~ Beta(a, b) of P(X(t) = x | p), by tanh-sinh quadrature in p. */
function probabilityByIntegral(
  x: number,
  t: number,
  r: number,
  alpha: number,
  a: number,
  b: number
) {
  const lnW = -Math.log1p(t / alpha);
  const lnZ = Math.log(t / (alpha + t));
  const lb = lgamma(a) + lgamma(b) - lgamma(a + b);
  const nb = lnNB(x, r, lnW, lnZ);
  const tail = x > 0 ? tailByLoops(x, r, alpha, t) : 0;
  const alive = tanhSinh((lnP, lnQ) => (a - 1) * lnP + (b - 1 + x) * lnQ - lb + nb);
  const left = x > 0 ? tanhSinh((lnP, lnQ) => a * lnP + (b - 1 + x - 1) * lnQ - lb) * tail : 0;
  return alive + left;
}

const P = (x: number, t: number, r: number, alpha: number, a: number, b: number) =>
  bgnbdPurchaseCountProbability(x, t, { r, alpha, a, b });

const CDNOW = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 };

describe("BG/NBD P(X(t) = x)", () => {
  test("equals the mixture over p, integrated, on random parameters", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 20, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.double({ min: 0.3, max: 10, noNaN: true }),
        fc.double({ min: 0.3, max: 10, noNaN: true }),
        fc.double({ min: 0.01, max: 200, noNaN: true }),
        fc.integer({ min: 0, max: 40 }),
        (r, alpha, a, b, t, x) => {
          const got = P(x, t, r, alpha, a, b);
          const want = probabilityByIntegral(x, t, r, alpha, a, b);
          expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(want, 1e-300) + 1e-15);
        }
      ),
      { numRuns: 60 }
    );
  });

  test("sums to 1 and its mean is E[X(t)]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 5, noNaN: true }),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.double({ min: 1.2, max: 8, noNaN: true }),
        fc.double({ min: 0.5, max: 8, noNaN: true }),
        fc.double({ min: 0.1, max: 60, noNaN: true }),
        (r, alpha, a, b, t) => {
          let total = 0;
          let mean = 0;
          for (let x = 0; x < 20000; x++) {
            const p = P(x, t, r, alpha, a, b);
            total += p;
            mean += x * p;
            if (x > 50 && p < 1e-18) break;
          }
          expect(total).toBeCloseTo(1, 10);
          const e = expectedIfAliveByIntegral(r, b, a, t / alpha);
          expect(Math.abs(mean - e)).toBeLessThanOrEqual(1e-8 * Math.max(1, e));
        }
      ),
      { numRuns: 25 }
    );
  });

  test("matches 100,000 simulated CDNOW-like customers at t = 39 weeks", () => {
    const n = 100_000;
    const sim = simulateBgNbd(CDNOW, n, 39, 39, 7);
    const counts = new Array(8).fill(0);
    for (const x of sim.frequency) counts[Math.min(x, 7)]++;
    let below = 0;
    for (let x = 0; x < 8; x++) {
      const p = x < 7 ? P(x, 39, CDNOW.r, CDNOW.alpha, CDNOW.a, CDNOW.b) : 1 - below;
      below += p;
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(counts[x] - n * p)).toBeLessThan(5 * sd);
    }
  });

  test("stays finite and within [0, 1] for heavy buyers and extreme parameters", () => {
    const values = [1e-3, 0.1, 1, 30, 1e3];
    for (const r of values)
      for (const alpha of values)
        for (const a of values)
          for (const b of values)
            for (const [x, t] of [
              [0, 1000],
              [10_000, 1000],
              [7, 1e-3],
              [1, 1000],
            ]) {
              const p = P(x, t, r, alpha, a, b);
              expect(Number.isFinite(p) && p >= 0 && p <= 1).toBe(true);
            }
  });

  test("a far tail is small, not 0 or negative from cancellation", () => {
    // x = 40 purchases in a week by CDNOW's customers: the formula's 1 − Σ would give 0 or noise.
    const p = P(40, 1, CDNOW.r, CDNOW.alpha, CDNOW.a, CDNOW.b);
    const want = probabilityByIntegral(40, 1, CDNOW.r, CDNOW.alpha, CDNOW.a, CDNOW.b);
    expect(p).toBeGreaterThan(0);
    expect(Math.abs(p / want - 1)).toBeLessThan(1e-9);
  });

  test("t = 0 is certainly 0 purchases; bad arguments are errors", () => {
    expect(P(0, 0, 1, 1, 1, 1)).toBe(1);
    expect(P(3, 0, 1, 1, 1, 1)).toBe(0);
    expect(() => P(-1, 1, 1, 1, 1, 1)).toThrow(/whole number/);
    expect(() => P(1.5, 1, 1, 1, 1, 1)).toThrow(/whole number/);
    expect(() => P(1, -1, 1, 1, 1, 1)).toThrow(/t must/);
    expect(() => P(1, 1, 0, 1, 1, 1)).toThrow(/r must/);
  });
});
