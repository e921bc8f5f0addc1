import fc from "fast-check";
import {
  discountedExpectedLifetime,
  discountedExpectedResidualLifetime,
  discountedSurvivalSum,
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

describe("small discount rates: the mean over the churn probability (issue 22.9)", () => {
  const logUniform = (lo: number, hi: number) =>
    fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);

  /** Σ_{t≥0} S(n+t)/S(n)·x^t (fromNow) or Σ_{t≥0} S(n+1+t)/S(n)·x^t, as a plain Kahan loop. */
  function directSum(alpha: number, beta: number, d: number, n: number, fromNow: boolean) {
    const x = 1 / (1 + d);
    let term = fromNow ? 1 : (beta + n) / (alpha + beta + n);
    let t = fromNow ? n : n + 1;
    let sum = 0;
    let carry = 0;
    for (let m = 0; m < 2e7 && term > 1e-20 * sum; m++) {
      const y = term - carry;
      const next = sum + y;
      carry = next - sum - y;
      sum = next;
      term *= x * ((beta + t) / (alpha + beta + t));
      t++;
    }
    return sum;
  }

  it("matches the direct sum Σ S(t)/(1+d)^t at d from 1e-4 to 0.5, any renewal count (property)", () => {
    fc.assert(
      fc.property(
        logUniform(-2, 2),
        logUniform(-2, 2),
        logUniform(-4, -0.3),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 200 })),
        (alpha, beta, d, n) => {
          const model =
            n === 0
              ? discountedExpectedLifetime(alpha, beta, d)
              : discountedExpectedResidualLifetime(alpha, beta, d, n);
          const reference = directSum(alpha, beta, d, n, n === 0);
          expect(relative(model, reference)).toBeLessThan(1e-10);
        }
      ),
      { numRuns: 60 }
    );
  });

  it("approaches the mean lifetime E[T] = 1 + β/(α−1) as d → 0, within d·E[1/θ²] (property)", () => {
    // DEL = (1+d)·E[1/(θ+d)] and (1+d)/(θ+d) − 1/θ = −d(1−θ)/(θ(θ+d)), at most d/θ² in size;
    // with θ ~ Beta(α, β), E[1/θ] = (α+β−1)/(α−1) = E[T] and E[1/θ²] = E[1/θ]·(α+β−2)/(α−2), α > 2.
    fc.assert(
      fc.property(
        fc.double({ min: 2.05, max: 50, noNaN: true }),
        logUniform(-2, 2),
        logUniform(-7, -3),
        (alpha, beta, d) => {
          const mean = 1 + beta / (alpha - 1);
          const second = (mean * (alpha + beta - 2)) / (alpha - 2);
          const value = discountedExpectedLifetime(alpha, beta, d);
          expect(Math.abs(value - mean)).toBeLessThanOrEqual(d * second + 1e-12 * mean);
          expect(value).toBeLessThan(mean); // discounting only takes value away
        }
      ),
      { numRuns: 100 }
    );
  });

  it("after n renewals approaches (β+n)/(α−1) as d → 0, within d·E[1/θ²] (property)", () => {
    // DERL(n) = (1+d)·E[(1−θ)/(θ+d)], θ ~ Beta(α, β+n), and (1+d)(1−θ)/(θ+d) − (1−θ)/θ =
    // −d(1−θ)²/(θ(θ+d)): the same bound, with E[(1−θ)/θ] = (β+n)/(α−1).
    fc.assert(
      fc.property(
        fc.double({ min: 2.05, max: 50, noNaN: true }),
        logUniform(-2, 2),
        fc.integer({ min: 1, max: 10_000 }),
        logUniform(-7, -4),
        (alpha, beta, n, d) => {
          const b = beta + n;
          const mean = b / (alpha - 1);
          const second = (((alpha + b - 1) / (alpha - 1)) * (alpha + b - 2)) / (alpha - 2);
          const gap = Math.abs(discountedExpectedResidualLifetime(alpha, beta, d, n) - mean);
          expect(gap).toBeLessThanOrEqual(d * second + 1e-12 * mean);
        }
      ),
      { numRuns: 100 }
    );
  });

  it("at tiny shapes is exact where the continued fraction was not (α = β = 1e-6)", () => {
    // The fraction was 5e-6 off here at d = 1e-5. Beta(ε, ε) puts about half the customers at
    // θ ≈ 0 (they never leave) and half at θ ≈ 1, so DEL ≈ 1 + ½·x/(1−x) = 1 + 1/(2d), up to
    // O(ε·ln d); and at d = 0.1 the direct sum is short enough to be exact.
    expect(
      relative(discountedExpectedLifetime(1e-6, 1e-6, 0.1), directSum(1e-6, 1e-6, 0.1, 0, true))
    ).toBeLessThan(1e-9);
    const del = discountedExpectedLifetime(1e-6, 1e-6, 1e-5);
    expect(relative(del, 1 + 1 / 2e-5)).toBeLessThan(1e-4);
  });

  it("costs a few hundred nodes at any shape, renewal count and rate down to the floor (property)", () => {
    fc.assert(
      fc.property(
        logUniform(-6, 6),
        logUniform(-6, 6),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1000 }), fc.constant(1e12)),
        logUniform(-7, -3.01),
        (alpha, beta, n, d) => {
          const work = { nodes: 0 };
          const value = discountedSurvivalSum(beta + n, alpha, d, work);
          expect(work.nodes).toBeGreaterThan(0);
          expect(work.nodes).toBeLessThanOrEqual(1000);
          expect(value).toBeGreaterThanOrEqual(1 - 1e-12);
          expect(value).toBeLessThanOrEqual(((1 + d) / d) * (1 + 1e-12));
        }
      ),
      { numRuns: 300 }
    );
  });
});
