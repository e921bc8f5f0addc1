/**
 * Issue 22.9: CLV at a bounded cost. Past 64 periods the expected-purchases curve is
 * interpolated from a few dozen evaluations of Q (Chebyshev in ln(1 + τ)), so 2,500 customers
 * over 1,826 days cost ~60,000 evaluations, not 4.6 million. Checked here: the work counted
 * (evaluations, not wall time) and the values against CLV by its definition, summed from the
 * test's own integral (bgnbd-helpers.ts) period by period.
 */
import fc from "fast-check";
import { customerLifetimeValue } from "../../../src/model/buyers/clv";
import { conditionalExpectedPurchaseCurveInterpolated } from "../../../src/model/buyers/bgnbd-purchases";
import { expectedIfAliveByIntegral, pAliveByDefinition } from "./bgnbd-helpers";

jest.setTimeout(120_000);

const GG = { p: 6.25, q: 3.74, gamma: 15.44 };

/** CLV by its definition, every period's E[Y(k)] from the independent integral. */
function referenceClv(
  x: number,
  tx: number,
  T: number,
  m: number,
  H: number,
  v: number,
  bg: { r: number; alpha: number; a: number; b: number }
): number {
  const spend = (GG.p * (GG.gamma + m * x)) / (GG.p * x + GG.q - 1);
  const alive = pAliveByDefinition(bg.r, bg.alpha, bg.a, bg.b, x, tx, T);
  let total = 0;
  let previous = 0;
  for (let k = 1; k <= H; k++) {
    const y = alive * expectedIfAliveByIntegral(bg.r + x, bg.b + x, bg.a, k / (bg.alpha + T));
    total += (y - previous) * spend * v ** k;
    previous = y;
  }
  return total;
}

const logUniform = (lo: number, hi: number) =>
  fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);

describe("CLV over long horizons", () => {
  test("matches CLV by its definition past 64 periods", () => {
    fc.assert(
      fc.property(
        fc.record({
          r: logUniform(-1, 0.5),
          alpha: logUniform(0, 2),
          a: logUniform(-1, 0.5),
          b: logUniform(-0.5, 1),
        }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 30, max: 700 }),
        fc.integer({ min: 65, max: 400 }),
        fc.double({ min: 0, max: 0.01, noNaN: true }),
        (bg, x, T, H, d) => {
          const tx = x === 0 ? 0 : T * 0.7;
          const model = customerLifetimeValue(x, tx, T, 20, bg, GG, H, d, 1, 1);
          const ref = referenceClv(x, tx, T, 20, H, 1 / (1 + d), bg);
          expect(Math.abs(model - ref)).toBeLessThanOrEqual(1e-9 * Math.max(ref, 1e-12));
        }
      ),
      { numRuns: 12 }
    );
  });

  test("a customer costs at most 168 evaluations of Q, whatever the horizon", () => {
    fc.assert(
      fc.property(
        fc.record({
          r: logUniform(-1, 1),
          alpha: logUniform(0, 2),
          a: logUniform(-1, 1),
          b: logUniform(-1, 1),
        }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 65, max: 100_000 }),
        (bg, x, T, H) => {
          const work = { evaluations: 0 };
          const curve = conditionalExpectedPurchaseCurveInterpolated(
            x,
            x === 0 ? 0 : T / 2,
            T,
            H,
            bg,
            work
          );
          // Chebyshev lengths 24, 48 and 96 at most.
          expect(work.evaluations).toBeLessThanOrEqual(24 + 48 + 96);
          expect(curve.every(Number.isFinite)).toBe(true);
          // Never decreasing: purchases only add up.
          for (let t = 1; t <= H; t += Math.ceil(H / 50))
            expect(curve[t]).toBeGreaterThanOrEqual(curve[t - 1] * (1 - 1e-12) - 1e-12);
        }
      ),
      { numRuns: 60 }
    );
  });

  test("extreme parameters never cost more than one evaluation per period (the old way)", () => {
    fc.assert(
      fc.property(
        fc.record({
          r: logUniform(-3, 2),
          alpha: logUniform(-3, 4),
          a: logUniform(-3, 2),
          b: logUniform(-3, 2),
        }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 65, max: 2000 }),
        (bg, x, T, H) => {
          const work = { evaluations: 0 };
          const curve = conditionalExpectedPurchaseCurveInterpolated(
            x,
            x === 0 ? 0 : T / 2,
            T,
            H,
            bg,
            work
          );
          expect(work.evaluations).toBeLessThanOrEqual(24 + 48 + 96 + H);
          expect(curve.every(Number.isFinite)).toBe(true);
        }
      ),
      { numRuns: 30 }
    );
  });

  test("customers over 1,826 days: 24 evaluations each, not 1,826 (2,500 of them: 60,000)", () => {
    let evaluations = 0;
    for (let c = 0; c < 500; c++) {
      const T = 30 + ((c * 37) % 700);
      const x = c % 30;
      const work = { evaluations: 0 };
      conditionalExpectedPurchaseCurveInterpolated(
        x,
        x === 0 ? 0 : (c * 13) % T,
        T,
        1826,
        { r: 0.55, alpha: 10.6, a: 0.61, b: 3.0 },
        work
      );
      evaluations += work.evaluations;
    }
    expect(evaluations).toBeLessThanOrEqual(500 * 24);
  });
});
