import fc from "fast-check";
import {
  conditionalExpectedPurchases,
  expectedIfAliveByQuadrature,
  expectedIfAliveBySeries,
  expectedPurchasesNew,
  probabilityAlive,
} from "../../../src/model/buyers/bgnbd-purchases";
import {
  expectedIfAliveByEuler,
  expectedIfAliveByIntegral,
  pAliveByDefinition,
  prng,
  sampleGamma,
} from "./bgnbd-helpers";

const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const rel = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);

/** (r, α, a, b, x, t_x, T, t): light and heavy buyers, a below, at and above 1, a + b < 1, long horizons. */
const CUSTOMERS: Array<[number, number, number, number, number, number, number, number]> = [
  [0.243, 4.414, 0.793, 2.426, 0, 0, 38.86, 39],
  [0.243, 4.414, 0.793, 2.426, 2, 30.43, 38.86, 39],
  [0.243, 4.414, 0.793, 2.426, 7, 29.43, 38.86, 52],
  [0.243, 4.414, 0.793, 2.426, 29, 37.71, 38, 520],
  [1.5, 10, 1.7, 2, 300, 290, 300, 52],
  [0.5, 2, 0.8, 3, 10_000, 990, 1000, 52],
  [0.5, 2, 2.5, 3, 10_000, 999, 1000, 520],
  [0.5, 2, 0.8, 3, 10_000, 400, 1000, 52], // long gone: P(alive) ~ 1e-3700 → 0
  [2, 0.5, 1, 1, 500, 3000, 3650, 365],
  [0.3, 0.8, 0.2, 0.3, 0, 0, 10, 1000], // a + b < 1
  [0.3, 0.8, 0.2, 0.3, 3, 5, 10, 1e5],
  [20, 1, 1, 5, 4, 2, 6, 5], // r ≫ a + b: the transformed series alternates
  [50, 3, 0.5, 0.5, 1, 1, 2, 3],
  [0.1, 1e-3, 1.0000001, 2, 0, 0, 0, 10],
  [1, 1, 3, 1, 0, 0, 0, 1e-6],
  [0.243, 4.414, 1, 2.426, 12, 30, 38, 104], // a = 1 exactly: 0/0 in the closed form
];

describe("E[Y(t) | x, t_x, T] and E[X(t)] against independent integrals", () => {
  test.each(CUSTOMERS)(
    "r=%p α=%p a=%p b=%p x=%p t_x=%p T=%p t=%p",
    (r, alpha, a, b, x, tx, T, t) => {
      const k = r + x;
      const B = b + x;
      const tau = t / (alpha + T);
      const ref = expectedIfAliveByIntegral(k, B, a, tau);
      // Both of the model's routes, where they accept the case, agree with the reference.
      const bySeries = expectedIfAliveBySeries(k, B, a, tau);
      if (!Number.isNaN(bySeries)) expect(rel(bySeries, ref)).toBeLessThan(1e-9);
      expect(rel(expectedIfAliveByQuadrature(k, B, a, tau), ref)).toBeLessThan(1e-9);
      // The domain's formula itself (Euler's integral for ₂F₁), where a > 1 leaves it well conditioned.
      if (a > 1.5 && tau > 1e-3)
        expect(rel(ref, expectedIfAliveByEuler(k, B, a, tau))).toBeLessThan(1e-9);
      const alive = pAliveByDefinition(r, alpha, a, b, x, tx, T);
      const value = conditionalExpectedPurchases(x, tx, T, t, r, alpha, a, b);
      expect(Number.isFinite(value)).toBe(true);
      if (alive * ref > 1e-290) expect(rel(value, alive * ref)).toBeLessThan(1e-9);
      else expect(value).toBeLessThan(1e-280);
      if (x === 0 && T === 0)
        expect(rel(expectedPurchasesNew(t, r, alpha, a, b), ref)).toBeLessThan(1e-9);
    }
  );

  test("random customers and parameters, x up to 10,000: the model agrees with the integral to 1e-9", () => {
    fc.assert(
      fc.property(
        fc.record({
          r: fc.double({ min: 0.01, max: 50, noNaN: true }),
          a: fc.double({ min: 0.05, max: 30, noNaN: true }),
          b: fc.double({ min: 0.01, max: 30, noNaN: true }),
          x: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 10_000 })),
          tau: fc.oneof(
            fc.double({ min: 1e-6, max: 5, noNaN: true }),
            fc.double({ min: 5, max: 1e5, noNaN: true })
          ),
        }),
        ({ r, a, b, x, tau }) => {
          const ref = expectedIfAliveByIntegral(r + x, b + x, a, tau);
          const bySeries = expectedIfAliveBySeries(r + x, b + x, a, tau);
          if (!Number.isNaN(bySeries)) expect(rel(bySeries, ref)).toBeLessThan(1e-9);
          expect(rel(expectedIfAliveByQuadrature(r + x, b + x, a, tau), ref)).toBeLessThan(1e-9);
        }
      ),
      { numRuns: 150 }
    );
  });

  test("heavy buyers take the fast series (a handful of terms), not the quadrature", () => {
    for (const x of [100, 1000, 10_000])
      expect(Number.isNaN(expectedIfAliveBySeries(0.5 + x, 3 + x, 0.8, 52 / 1002))).toBe(false);
  });

  test("E[X(t)] is continuous through a = 1 (the closed form's 0/0)", () => {
    const at = expectedPurchasesNew(52, 0.243, 4.414, 1, 2.426);
    for (const a of [1 - 1e-9, 1 + 1e-9])
      expect(rel(expectedPurchasesNew(52, 0.243, 4.414, a, 2.426), at)).toBeLessThan(1e-8);
  });

  test("E[X(t)] matches the mean of simulated new customers (200,000, within 4 standard errors)", () => {
    const u = prng(21);
    const t = 39;
    let sum = 0;
    let sumSq = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const lambda = sampleGamma(CDNOW.r, u) / CDNOW.alpha;
      const g = sampleGamma(CDNOW.a, u);
      const p = g / (g + sampleGamma(CDNOW.b, u));
      let time = 0;
      let x = 0;
      for (;;) {
        time += -Math.log(u()) / lambda;
        if (time > t) break;
        x++;
        if (u() < p) break;
      }
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    const se = Math.sqrt((sumSq / n - mean * mean) / n);
    const model = expectedPurchasesNew(t, CDNOW.r, CDNOW.alpha, CDNOW.a, CDNOW.b);
    expect(Math.abs(model - mean)).toBeLessThan(4 * se);
  });

  test("t = 0 gives 0; a customer with no repeats is alive", () => {
    expect(expectedPurchasesNew(0, 1, 1, 1, 1)).toBe(0);
    expect(conditionalExpectedPurchases(3, 2, 5, 0, 1, 1, 1, 1)).toBe(0);
    expect(probabilityAlive(0, 0, 100, 1, 1, 1, 1)).toBe(1);
  });
});

describe("P(alive)", () => {
  test("equals the alive path's share of the likelihood (direct evaluation of its definition)", () => {
    fc.assert(
      fc.property(
        fc.record({
          r: fc.double({ min: 0.01, max: 50, noNaN: true }),
          alpha: fc.double({ min: 0.01, max: 500, noNaN: true }),
          a: fc.double({ min: 0.01, max: 20, noNaN: true }),
          b: fc.double({ min: 0.01, max: 20, noNaN: true }),
          x: fc.integer({ min: 0, max: 10_000 }),
          T: fc.double({ min: 0, max: 5000, noNaN: true }),
          share: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
        ({ r, alpha, a, b, x, T, share }) => {
          const tx = x === 0 ? 0 : share * T;
          const model = probabilityAlive(x, tx, T, r, alpha, a, b);
          const ref = pAliveByDefinition(r, alpha, a, b, x, tx, T);
          expect(model).toBeGreaterThanOrEqual(0);
          expect(model).toBeLessThanOrEqual(1);
          if (ref > 1e-250) expect(rel(model, ref)).toBeLessThan(1e-9);
          else expect(model).toBeLessThan(1e-240);
        }
      ),
      { numRuns: 3000 }
    );
  });

  test("a heavy buyer who bought at the end is almost surely alive; one long silent is not", () => {
    expect(probabilityAlive(10_000, 1000, 1000, 0.5, 2, 0.8, 3)).toBeGreaterThan(0.9999);
    expect(probabilityAlive(10_000, 500, 1000, 0.5, 2, 0.8, 3)).toBe(0);
  });
});
