/**
 * Conditional expectations against the holdout, by calibration frequency, against loops
 * written here: actual means by plain sums, expected means from E[Y(t) | x, t_x, T] by its
 * integral over p (buyer-check-helpers.ts).
 */
import fc from "fast-check";
import { bgnbdBuyerModel } from "../../../src/model/buyers/bgnbd-buyer-model";
import { conditionalByFrequency } from "../../../src/model/buyers/conditional-by-frequency";
import { conditionalByIntegral } from "./buyer-check-helpers";
import { expectedIfAliveByIntegral, pAliveByDefinition } from "./bgnbd-helpers";
import { bgnbdArb, customersArb } from "./check-arbitraries";

describe("conditionalByFrequency", () => {
  test("equals the brute force on random customers and holdouts", () => {
    fc.assert(
      fc.property(
        bgnbdArb,
        customersArb,
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 40, maxLength: 40 }),
        fc.integer({ min: 0, max: 60 }).map((h) => h / 2),
        fc.integer({ min: 1, max: 8 }),
        (params, rows, later, length, maxX) => {
          const got = conditionalByFrequency(
            {
              frequency: rows.map((c) => c.x),
              recency: rows.map((c) => c.tx),
              T: rows.map((c) => c.T),
              holdoutPurchases: rows.map((_, i) => later[i]),
              holdoutLength: rows.map(() => length),
            },
            bgnbdBuyerModel,
            [params.r, params.alpha, params.a, params.b],
            maxX
          );
          for (let g = 0; g <= maxX; g++) {
            let n = 0;
            let actual = 0;
            let expected = 0;
            rows.forEach((c, i) => {
              if (Math.min(c.x, maxX) !== g) return;
              n++;
              actual += later[i];
              expected += conditionalByIntegral(c.x, c.tx, c.T, length, params);
            });
            expect(got.customers[g]).toBe(n);
            if (n === 0) {
              expect(Number.isNaN(got.actualMean[g]) && Number.isNaN(got.expectedMean[g])).toBe(
                true
              );
              continue;
            }
            expect(got.actualMean[g]).toBeCloseTo(actual / n, 12);
            expect(Math.abs(got.expectedMean[g] - expected / n)).toBeLessThan(
              1e-9 * Math.max(1, expected / n)
            );
          }
        }
      ),
      { numRuns: 25 }
    );
  });

  test("the coarse reference quadrature agrees with bgnbd-helpers' fine one", () => {
    fc.assert(
      fc.property(
        bgnbdArb,
        customersArb,
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        (p, rows, t) => {
          const c = rows[0];
          const coarse = conditionalByIntegral(c.x, c.tx, c.T, t, p);
          const fine =
            pAliveByDefinition(p.r, p.alpha, p.a, p.b, c.x, c.tx, c.T) *
            expectedIfAliveByIntegral(p.r + c.x, p.b + c.x, p.a, t / (p.alpha + c.T));
          expect(Math.abs(coarse - fine)).toBeLessThanOrEqual(1e-12 * Math.max(1, fine));
        }
      ),
      { numRuns: 30 }
    );
  });

  test("bad holdout purchases or length name the row", () => {
    const data = (later: number, length: number) => ({
      frequency: [1, 2],
      recency: [1, 2],
      T: [3, 3],
      holdoutPurchases: [0, later],
      holdoutLength: [4, length],
    });
    const p = [0.5, 3, 1.2, 4];
    expect(() => conditionalByFrequency(data(1.5, 4), bgnbdBuyerModel, p)).toThrow(/row 2/);
    expect(() => conditionalByFrequency(data(1, -4), bgnbdBuyerModel, p)).toThrow(/row 2/);
  });
});
