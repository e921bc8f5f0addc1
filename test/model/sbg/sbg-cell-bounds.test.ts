import fc from "fast-check";
import { hypergeometric1, ltvSbg, MIN_DISCOUNT_RATE } from "../../../src/model/sbg/sbg-value";
import { expectNumError } from "../../support/domain-errors";

const logUniform = (lo: number, hi: number) =>
  fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);

/** Σ_{t<terms} S(t)·x^t for the sBG, S(t) = Π_{i<t} (β+i)/(α+β+i): a plain loop, no shortcut. */
function bruteDel(alpha: number, beta: number, d: number, terms: number): number {
  const x = 1 / (1 + d);
  let s = 1;
  let w = 1;
  let sum = 0;
  for (let t = 0; t < terms; t++) {
    sum += s * w;
    s *= (beta + t) / (alpha + beta + t);
    w *= x;
  }
  return sum;
}

describe("sBG lifetime values: a bounded cost per cell (issue 22.9)", () => {
  it("LTV_SBG(100, 1, 3, 1e-12) is refused at once, naming the discount rate", () => {
    // Refused before the fraction runs (it would need ~20 million steps); the rate is named.
    expectNumError(() => ltvSbg(100, 1, 3, 1e-12), /discount rate .*at least 1e-7/);
    expectNumError(() => ltvSbg(100, 1, 3, 1e-12, 5), /discount rate .*at least 1e-7/);
  });

  it("tiny and huge α, β, renewals, d down to the floor: at most 100,000 steps", () => {
    fc.assert(
      fc.property(
        logUniform(-6, 6),
        logUniform(-6, 6),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 }), fc.constant(1e12)),
        fc.oneof(logUniform(Math.log10(MIN_DISCOUNT_RATE), 1), fc.constant(MIN_DISCOUNT_RATE)),
        (alpha, beta, n, d) => {
          const work = { steps: 0 };
          const value = hypergeometric1(beta + n, alpha + beta + n, 1 / (1 + d), work);
          expect(work.steps).toBeLessThanOrEqual(100_000);
          expect(value).toBeGreaterThanOrEqual(1);
          expect(value).toBeLessThanOrEqual((1 + d) / d + 1e-6 * ((1 + d) / d)); // Σ x^t
          expect(Number.isFinite(ltvSbg(1, alpha, beta, d, n))).toBe(true);
        }
      ),
      { numRuns: 300 }
    );
  });

  it("agrees with the brute-force sum where that converges (d ≥ 0.02)", () => {
    fc.assert(
      fc.property(logUniform(-2, 2), logUniform(-2, 2), logUniform(-1.7, 0), (alpha, beta, d) => {
        const brute = bruteDel(alpha, beta, d, Math.ceil(40 / Math.log1p(d)));
        const value = ltvSbg(1, alpha, beta, d);
        expect(Math.abs(value - brute) / brute).toBeLessThan(1e-9);
      }),
      { numRuns: 100 }
    );
  });
});
