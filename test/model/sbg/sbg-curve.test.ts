import fc from "fast-check";
import { churnProbability, logSurvival, retention, survival } from "../../../src/model/sbg/sbg-curve";
import { DomainError } from "../../../src/model/errors";
import { lgamma, survivalByBeta } from "./sbg-helpers";

const shapes: Array<[number, number]> = [
  [0.704, 1.182],
  [0.668, 3.806],
  [1, 1],
  [2, 3],
  [0.01, 0.05],
  [50, 200],
  [3, 0.2],
  [0.3, 1000],
];

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe("sBG survival S(t)", () => {
  it("is 1 at period 0", () => {
    for (const [a, b] of shapes) expect(survival(a, b, 0)).toBe(1);
  });

  it.each(shapes)(
    "matches the Beta-function definition B(α, β+t)/B(α, β) for α=%p, β=%p",
    (a, b) => {
      for (let t = 0; t <= 200; t++)
        expect(relative(survival(a, b, t), survivalByBeta(a, b, t))).toBeLessThan(1e-11);
    }
  );

  it("is the product of the retention rates, S(t) = S(t−1)·r(t)", () => {
    for (const [a, b] of shapes) {
      let s = 1;
      for (let t = 1; t <= 60; t++) {
        s *= retention(a, b, t);
        expect(relative(survival(a, b, t), s)).toBeLessThan(1e-13);
      }
    }
  });

  it("stays accurate past the 1000-period switch to the gamma-ratio expansion", () => {
    for (const [a, b] of shapes) {
      // log-product computed here independently, period by period
      let logS = 0;
      for (let j = 0; j < 20_000; j++) {
        logS += Math.log((b + j) / (a + b + j));
        const t = j + 1;
        if (t === 999 || t === 1000 || t === 1001 || t === 1002 || t === 5000 || t === 20_000) {
          expect(Math.abs(logSurvival(a, b, t) - logS)).toBeLessThan(1e-11 * (1 + Math.abs(logS)));
        }
      }
    }
  });

  it("follows the t^−α·Γ(α+β)/Γ(β) asymptote for huge t", () => {
    for (const [a, b] of [
      [0.704, 1.182],
      [2, 3],
      [0.3, 1000],
    ]) {
      const t = 1e12;
      const asymptote = Math.exp(lgamma(a + b) - lgamma(b) - a * Math.log(t));
      expect(relative(survival(a, b, t), asymptote)).toBeLessThan(1e-8);
    }
    expect(survival(0.5, 0.5, 1e300)).toBeGreaterThanOrEqual(0);
    expect(Number.isFinite(logSurvival(0.5, 0.5, 1e300))).toBe(true);
  });

  it("is non-increasing in t and between 0 and 1 (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -8, max: 8, noNaN: true }),
        fc.double({ min: -8, max: 8, noNaN: true }),
        fc.integer({ min: 0, max: 3000 }),
        (la, lb, t) => {
          const a = Math.exp(la);
          const b = Math.exp(lb);
          const s0 = survival(a, b, t);
          const s1 = survival(a, b, t + 1);
          return s0 >= 0 && s0 <= 1 && s1 <= s0 * (1 + 1e-12);
        }
      )
    );
  });

  it("truncates fractional periods", () => {
    expect(survival(0.7, 1.2, 3.9)).toBe(survival(0.7, 1.2, 3));
    expect(retention(0.7, 1.2, 2.5)).toBe(retention(0.7, 1.2, 2));
  });
});

describe("sBG retention r(t) and churn P(T=t)", () => {
  it("r(t) = (β+t−1)/(α+β+t−1), rising with tenure", () => {
    expect(retention(0.704, 1.182, 1)).toBeCloseTo(1.182 / 1.886, 15);
    expect(retention(0.704, 1.182, 7)).toBeCloseTo(7.182 / 7.886, 15);
    for (let t = 1; t < 50; t++)
      expect(retention(0.704, 1.182, t + 1)).toBeGreaterThan(retention(0.704, 1.182, t));
  });

  it("P(T=t) = S(t−1) − S(t) and matches B(α+1, β+t−1)/B(α, β)", () => {
    for (const [a, b] of shapes) {
      for (let t = 1; t <= 40; t++) {
        const p = churnProbability(a, b, t);
        const byBeta = Math.exp(
          lgamma(a + 1) +
            lgamma(b + t - 1) -
            lgamma(a + b + t) -
            (lgamma(a) + lgamma(b) - lgamma(a + b))
        );
        expect(relative(p, byBeta)).toBeLessThan(1e-11);
        expect(Math.abs(p - (survival(a, b, t - 1) - survival(a, b, t)))).toBeLessThan(1e-14);
      }
    }
  });

  it("P(1) = α/(α+β) and the recursion P(t) = P(t−1)·(β+t−2)/(α+β+t−1)", () => {
    const [a, b] = [0.704, 1.182];
    expect(churnProbability(a, b, 1)).toBeCloseTo(a / (a + b), 15);
    for (let t = 2; t < 30; t++) {
      expect(
        relative(
          churnProbability(a, b, t),
          (churnProbability(a, b, t - 1) * (b + t - 2)) / (a + b + t - 1)
        )
      ).toBeLessThan(1e-13);
    }
  });
});

describe("sBG curve errors", () => {
  const numError = (f: () => unknown, message: RegExp) => {
    expect(f).toThrow(DomainError);
    try {
      f();
    } catch (e) {
      expect((e as DomainError).code).toBe("num");
      expect((e as DomainError).message).toMatch(message);
    }
  };
  it.each([
    ["alpha 0", () => survival(0, 1, 2), /alpha/],
    ["alpha negative", () => retention(-1, 1, 2), /alpha/],
    ["beta 0", () => survival(1, 0, 2), /beta/],
    ["beta infinite", () => survival(1, Infinity, 2), /beta/],
    ["alpha NaN", () => survival(NaN, 1, 2), /alpha/],
    ["negative period", () => survival(1, 1, -1), /period/],
    ["retention at period 0", () => retention(1, 1, 0), /period .* at least 1/],
    ["churn at period 0", () => churnProbability(1, 1, 0), /period/],
    ["infinite period", () => survival(1, 1, Infinity), /period/],
  ])("%s is #NUM! with a message", (_, f, message) => numError(f, message));
});
