import fc from "fast-check";
import {
  discountedExpectedLifetime,
  discountedExpectedResidualLifetime,
  hypergeometric1,
  ltvSbg,
} from "../../../src/model/sbg/sbg-value";
import { survival } from "../../../src/model/sbg/sbg-curve";
import { expectNumError } from "../../support/domain-errors";
import { bruteLifetime, compensatedSum } from "./sbg-helpers";

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

// α on, near and between integers (where 1−x connection formulas break down), flat and steep curves.
const shapes: Array<[number, number]> = [
  [0.704, 1.182],
  [0.668, 3.806],
  [1, 1],
  [1 + 1e-9, 2],
  [2, 3],
  [2 - 1e-7, 0.5],
  [3, 0.2],
  [0.05, 0.1],
  [0.3, 50],
  [20, 80],
  [5, 10_000],
];
const rates = [0.5, 0.1, 0.01, 0.005];

describe("DEL = ₂F₁(1, β; α+β; 1/(1+d))", () => {
  it.each(rates)("matches the brute-force sum Σ S(t)/(1+d)^t to 1e-9 at d = %p", (d) => {
    for (const [a, b] of shapes)
      expect(
        relative(discountedExpectedLifetime(a, b, d), bruteLifetime(a, b, d, 0, true))
      ).toBeLessThan(1e-9);
  });

  it("matches the sum of S(t) from the curve module (independent path) at d = 0.005", () => {
    const [a, b, d] = [0.704, 1.182, 0.005];
    const brute = compensatedSum(20_000, (t) => survival(a, b, t) / Math.pow(1 + d, t));
    expect(relative(discountedExpectedLifetime(a, b, d), brute)).toBeLessThan(1e-9);
  });

  it.each([0.5, 0.1, 0.005, 1e-4, 1e-6])("equals −ln(1−x)/x for α = β = 1 at d = %p", (d) => {
    const x = 1 / (1 + d);
    expect(relative(discountedExpectedLifetime(1, 1, d), -Math.log1p(-x) / x)).toBeLessThan(1e-11);
  });

  it("is finite at d = 0 for α > 1: E[T] = (α+β−1)/(α−1)", () => {
    expect(discountedExpectedLifetime(2, 1, 0)).toBe(2); // Σ 2/((t+1)(t+2)) telescopes to 2
    expect(discountedExpectedLifetime(3, 4, 0)).toBeCloseTo(3, 14);
    // and it is the limit of small discount rates (DEL − E[T] = O(d) for α > 2)
    expect(relative(discountedExpectedLifetime(3, 4, 1e-7), 3)).toBeLessThan(1e-5);
  });

  it("agrees with the power series of ₂F₁ where that converges fast (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -4, max: 5, noNaN: true }),
        fc.double({ min: -4, max: 7, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        (la, lb, x) => {
          const b = Math.exp(lb);
          const c = b + Math.exp(la);
          let term = 1;
          const series = compensatedSum(600, (m) => {
            const t = term;
            term *= ((b + m) / (c + m)) * x;
            return t;
          });
          return relative(hypergeometric1(b, c, x), series) < 1e-12;
        }
      )
    );
  });

  it("is fast at small discount rates: a few thousand fraction steps, not a million-term series", () => {
    // CPU time of this process, not wall time: the machine may be shared with other work
    const start = process.cpuUsage();
    for (let i = 0; i < 200; i++) discountedExpectedLifetime(0.05, 0.1, 1e-5);
    const { user, system } = process.cpuUsage(start);
    // µs per call: ~15 in an optimised build; the bound only rules out ~1/d-term loops (Jest's VM is slow)
    expect((user + system) / 200).toBeLessThan(5000);
  });
});

describe("DERL(n) and the renewal-index convention", () => {
  it.each([
    [0.1, 1],
    [0.1, 7],
    [0.005, 1],
    [0.005, 12],
    [0.01, 100],
    [0.005, 5000],
  ])("at d = %p, n = %p renewals equals Σ_{t≥n+1} S(t)/S(n)·(1+d)^−(t−n−1) to 1e-9", (d, n) => {
    for (const [a, b] of shapes) {
      expect(
        relative(discountedExpectedResidualLifetime(a, b, d, n), bruteLifetime(a, b, d, n, false))
      ).toBeLessThan(1e-9);
    }
  });

  it("n = 1: the customer has survived period 1; the next margin (period 2) is weighted by r(2) and undiscounted", () => {
    const [a, b, d] = [0.704, 1.182, 0.1];
    // Σ_{t≥2} S(t)/S(1)·x^(t−2), written out from the curve module
    const brute = compensatedSum(
      1000,
      (m) => (survival(a, b, m + 2) / survival(a, b, 1)) * Math.pow(1 + d, -m)
    );
    expect(relative(ltvSbg(1, a, b, d, 1), brute)).toBeLessThan(1e-9);
  });

  it("renewals 0 (or omitted) values a new customer: DEL, first margin now and certain", () => {
    expect(ltvSbg(100, 0.704, 1.182, 0.1)).toBe(
      100 * discountedExpectedLifetime(0.704, 1.182, 0.1)
    );
    expect(ltvSbg(100, 0.704, 1.182, 0.1, 0)).toBe(ltvSbg(100, 0.704, 1.182, 0.1));
    // and DEL = 1 + x·Σ_{t≥1} S(t)x^(t−1), the second part being DERL(0) by the formula
    const x = 1 / 1.1;
    const derl0 = (1.182 / 1.886) * hypergeometric1(2.182, 2.886, x);
    expect(relative(discountedExpectedLifetime(0.704, 1.182, 0.1), 1 + x * derl0)).toBeLessThan(
      1e-13
    );
  });

  it("rises with renewals: loyal customers are worth more (heterogeneity)", () => {
    let previous = 0;
    for (let n = 1; n <= 30; n++) {
      const v = discountedExpectedResidualLifetime(0.704, 1.182, 0.1, n);
      expect(v).toBeGreaterThan(previous);
      previous = v;
    }
  });

  it("d = 0 with α > 1 is (β+n)/(α−1)", () => {
    expect(discountedExpectedResidualLifetime(2, 1, 0, 3)).toBe(4); // (n+1)(n+2)Σ_{t≥n+1} 1/((t+1)(t+2)) = n+1
    expect(ltvSbg(10, 3, 4, 0, 2)).toBeCloseTo(30, 12);
  });

  it("fractional renewals are truncated", () => {
    expect(ltvSbg(1, 0.7, 1.2, 0.1, 2.9)).toBe(ltvSbg(1, 0.7, 1.2, 0.1, 2));
    expect(ltvSbg(1, 0.7, 1.2, 0.1, 0.5)).toBe(ltvSbg(1, 0.7, 1.2, 0.1, 0));
  });

  it("huge renewal counts and parameters stay finite and sensible", () => {
    // after very many renewals retention ≈ 1 − α/n: the value approaches 1/(1 − x) = (1+d)/d
    const v = discountedExpectedResidualLifetime(0.7, 1.2, 0.1, 1e12);
    expect(relative(v, 11)).toBeLessThan(1e-9);
    expect(Number.isFinite(discountedExpectedLifetime(1e6, 1e-6, 0.1))).toBe(true);
  });
});

describe("sBG value errors", () => {
  it.each([
    ["d = 0 with α = 1", () => discountedExpectedLifetime(1, 2, 0), /infinite/],
    ["d = 0 with α < 1", () => ltvSbg(10, 0.7, 1.2, 0), /infinite/],
    ["d = 0 with α ≤ 1 after renewals", () => ltvSbg(10, 0.7, 1.2, 0, 3), /infinite/],
    ["a negative discount rate", () => ltvSbg(10, 0.7, 1.2, -0.1), /discount rate/],
    ["negative renewals", () => ltvSbg(10, 0.7, 1.2, 0.1, -1), /renewals/],
    ["alpha 0", () => ltvSbg(10, 0, 1.2, 0.1), /alpha/],
    ["beta negative", () => ltvSbg(10, 0.7, -1, 0.1), /beta/],
    ["an overflowing margin", () => ltvSbg(1e308, 0.7, 1.2, 0.001), /too large/],
  ])("%s is #NUM! with a message", (_, f, message) => expectNumError(f, message));
});
