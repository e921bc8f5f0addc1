import { digamma, logGamma, trigamma } from "../../../src/model/numerics/log-gamma";
import { lgamma, prng } from "../sbg/sbg-helpers";

const EULER_GAMMA = 0.5772156649015329;

describe("lnΓ, ψ and ψ′", () => {
  test("known values", () => {
    // Absolute error ~1e-14: ln(x(x+1)…) is subtracted from Stirling at x ≥ 12 (both ~30).
    expect(logGamma(1)).toBeCloseTo(0, 13);
    expect(logGamma(2)).toBeCloseTo(0, 13);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 13);
    expect(digamma(1)).toBeCloseTo(-EULER_GAMMA, 14);
    expect(digamma(0.5)).toBeCloseTo(-EULER_GAMMA - 2 * Math.LN2, 14);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 14);
    expect(trigamma(0.5)).toBeCloseTo(Math.PI ** 2 / 2, 14);
  });

  test("lnΓ agrees with an independent Lanczos evaluation from 1e-8 to 1e7", () => {
    const u = prng(5);
    for (let i = 0; i < 2000; i++) {
      const x = Math.exp(-18 + 34 * u());
      const ref = lgamma(x);
      expect(Math.abs(logGamma(x) - ref)).toBeLessThanOrEqual(1e-13 * Math.max(1, Math.abs(ref)));
    }
  });

  test("ψ and ψ′ are the derivatives of lnΓ (central differences) and satisfy the recurrences", () => {
    const u = prng(9);
    for (let i = 0; i < 500; i++) {
      const x = Math.exp(-3 + 12 * u());
      const h = 1e-4 * x;
      const dLg = (lgamma(x + h) - lgamma(x - h)) / (2 * h);
      expect(Math.abs(digamma(x) - dLg)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(dLg)));
      const dPsi = (digamma(x + h) - digamma(x - h)) / (2 * h);
      expect(Math.abs(trigamma(x) - dPsi)).toBeLessThanOrEqual(1e-6 * Math.max(1, trigamma(x)));
      expect(digamma(x + 1) - digamma(x)).toBeCloseTo(1 / x, 12);
      expect(trigamma(x) - trigamma(x + 1)).toBeCloseTo(1 / (x * x), 10);
    }
  });
});
