/**
 * The few weighted periods that stand for H discounted increments (issue 22.9), against every
 * period summed in a plain loop, for Bernstein functions with closed forms (1 − e^{−ct},
 * ln(1 + ct), t^β with 0 < β < 1, 1 − (1 + ct)^{−K}, ct): the proven bound is 1e-14, and the
 * test allows for the rounding of a sum of up to 100,000 terms. Also the Gauss rules for
 * consecutive integers, against polynomial sums, and the Beta means, against closed forms.
 */
import fc from "fast-check";
import { betaExpectation } from "../../../src/model/numerics/beta-expectation";
import {
  discountedIncrementNodes,
  INCREMENT_TOLERANCE,
} from "../../../src/model/numerics/discounted-increments";
import { integerSumRule } from "../../../src/model/numerics/integer-sum-rule";

const logUniform = (lo: number, hi: number) =>
  fc.double({ min: lo, max: hi, noNaN: true }).map((e) => 10 ** e);

/** Σ_{k=1..H} (f(k) − f(k−1))·e^{−δk}, Kahan-compensated. */
function everyPeriod(f: (t: number) => number, H: number, delta: number): number {
  let sum = 0;
  let carry = 0;
  let previous = f(0);
  for (let k = 1; k <= H; k++) {
    const value = f(k);
    const y = (value - previous) * Math.exp(-delta * k) - carry;
    const t = sum + y;
    carry = t - sum - y;
    sum = t;
    previous = value;
  }
  return sum;
}

const bernstein = fc.oneof(
  logUniform(-6, 1).map((c) => (t: number) => -Math.expm1(-c * t)),
  logUniform(-6, 2).map((c) => (t: number) => Math.log1p(c * t)),
  fc.double({ min: 0.05, max: 0.95, noNaN: true }).map((b) => (t: number) => t ** b),
  fc.tuple(logUniform(-5, 1), logUniform(-3, 3)).map(
    ([c, K]) =>
      (t: number) =>
        -Math.expm1(-K * Math.log1p(c * t))
  ),
  logUniform(-3, 3).map((c) => (t: number) => c * t)
);

describe("discounted increments at a few weighted periods", () => {
  it("equal every period summed, for Bernstein functions, horizons to 100,000 and any rate (property)", () => {
    fc.assert(
      fc.property(
        bernstein,
        fc.oneof(fc.integer({ min: 1, max: 100 }), logUniform(2, 5).map(Math.round)),
        fc.oneof(fc.constant(0), logUniform(-8, 1)),
        (f, H, delta) => {
          const plan = discountedIncrementNodes(H, delta);
          let value = 0;
          for (let i = 0; i < plan.periods.length; i++)
            value += plan.weights[i] * f(plan.periods[i]);
          const reference = everyPeriod(f, H, delta);
          // the bound, plus the rounding of H terms and of the differences f(k) − f(k−1)
          expect(Math.abs(value - reference)).toBeLessThanOrEqual(
            (INCREMENT_TOLERANCE + 1e-16 * Math.sqrt(H) * 50) * reference + 1e-300
          );
        }
      ),
      { numRuns: 150 }
    );
  });

  it("cost at most about 160 periods whatever the horizon and rate", () => {
    for (const H of [1, 2, 52, 1826, 10_000, 100_000])
      for (const delta of [0, 1e-9, 1e-4, Math.log1p(0.1) / 365.25, 0.01, 1, 50]) {
        const plan = discountedIncrementNodes(H, delta);
        expect(plan.periods.length).toBeLessThanOrEqual(Math.min(H, 170));
        expect(plan.weights.every((w) => w >= 0 && Number.isFinite(w))).toBe(true);
      }
  });

  it("with no discounting is f(H) itself", () => {
    const plan = discountedIncrementNodes(1234, 0);
    expect(Array.from(plan.periods)).toEqual([1234]);
    expect(Array.from(plan.weights)).toEqual([1]);
  });
});

describe("Gauss rules for sums over consecutive integers", () => {
  it("sum polynomials of degree ≤ 2n−1 over 0 … N−1 exactly, with positive weights inside (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5000 }), fc.integer({ min: 1, max: 30 }), (N, n) => {
        fc.pre(n < N);
        const rule = integerSumRule(N, n);
        for (let m = 0; m <= 2 * n - 1; m++) {
          let exact = 0;
          for (let x = 0; x < N; x++) exact += (x / (N - 1)) ** m;
          let sum = 0;
          for (let i = 0; i < n; i++) sum += rule.weights[i] * (rule.nodes[i] / (N - 1)) ** m;
          expect(Math.abs(sum - exact)).toBeLessThanOrEqual(1e-12 * exact);
        }
        for (let i = 0; i < n; i++) {
          expect(rule.weights[i]).toBeGreaterThan(0);
          // Inside (0, N − 1) exactly; with n = N − 1 the outer nodes lie within rounding of the
          // ends (a node of 29.99999999999999 prints as 30), so the check is on the closed interval.
          expect(rule.nodes[i]).toBeGreaterThanOrEqual(0);
          expect(rule.nodes[i]).toBeLessThanOrEqual(N - 1);
        }
      }),
      { numRuns: 60 }
    );
  });
});

describe("means over a Beta distribution", () => {
  it("E[(1−p)^j] = Π_{i<j} (b+i)/(a+b+i), for shapes from 1e-6 to 1e6 (property)", () => {
    fc.assert(
      fc.property(
        logUniform(-6, 6),
        logUniform(-6, 6),
        fc.integer({ min: 0, max: 8 }),
        (a, b, j) => {
          let exact = 1;
          for (let i = 0; i < j; i++) exact *= (b + i) / (a + b + i);
          // decreasing in p, at most 1, and 1 to rounding below p = 1e-17/(j+1)
          const work = { nodes: 0 };
          const f = {
            at: (_p: number, q: number) => q ** j,
            atZero: 1,
            flatBelow: 1e-17 / (j + 1),
            flatAbove: j === 0 ? 1 : 0,
          };
          const mean = betaExpectation(a, b, f, work);
          expect(Math.abs(mean - exact)).toBeLessThanOrEqual(1e-12 * exact);
          expect(work.nodes).toBeLessThanOrEqual(1000);
        }
      ),
      { numRuns: 200 }
    );
  });

  it("E[1/(p+d)] for p uniform is ln((1+d)/d), down to d = 1e-12", () => {
    for (const d of [1, 0.1, 1e-4, 1e-7, 1e-12]) {
      const mean = betaExpectation(1, 1, {
        at: (p) => 1 / (p + d),
        atZero: 1 / d,
        flatBelow: 1e-17 * d,
        flatAbove: 1e-17,
      });
      expect(Math.abs(mean / Math.log1p(1 / d) - 1)).toBeLessThan(1e-13);
    }
  });
});
