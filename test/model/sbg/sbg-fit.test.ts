import fc from "fast-check";
import {
  cohortProportions,
  fitSbg,
  sbgLogLikelihood,
  sbgLogLikelihoodGradient,
  type SbgFit,
} from "../../../src/model/sbg/sbg-fit";
import { churnProbability, survival } from "../../../src/model/sbg/sbg-curve";
import { DomainError } from "../../../src/model/errors";
import { expectNumError } from "../../support/domain-errors";
import { simulateCohort } from "./sbg-helpers";

/** Fader & Hardie (2007), "regular" and "high end" segments: survivors of 1000 at years 0..12. */
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491, 468, 445, 427, 409, 394];

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The domain's LL written term by term from P(T=t) and S(k): an independent check of the grouped form. */
function domainLogLikelihood(alpha: number, beta: number, n: readonly number[]): number {
  const k = n.length - 1;
  let ll = n[k] * Math.log(survival(alpha, beta, k));
  for (let t = 1; t <= k; t++) ll += (n[t - 1] - n[t]) * Math.log(churnProbability(alpha, beta, t));
  return ll;
}

function expectGradientZero(alpha: number, beta: number, cohort: readonly number[]): void {
  const [gu, gv] = sbgLogLikelihoodGradient(alpha, beta, cohort);
  expect(Math.abs(gu) / cohort[0]).toBeLessThan(1e-9);
  expect(Math.abs(gv) / cohort[0]).toBeLessThan(1e-9);
}

describe("sBG log-likelihood", () => {
  it("equals Σ (n_{t−1} − n_t)·ln P(T=t) + n_k·ln S(k)", () => {
    for (const [a, b] of [
      [0.704, 1.182],
      [2, 0.3],
      [40, 100],
    ]) {
      expect(
        relative(sbgLogLikelihood(a, b, REGULAR), domainLogLikelihood(a, b, REGULAR))
      ).toBeLessThan(1e-12);
    }
  });

  it("has the gradient of its finite differences (on ln α, ln β)", () => {
    const [a, b] = [0.9, 2.5];
    const h = 1e-6;
    const [gu, gv] = sbgLogLikelihoodGradient(a, b, HIGH_END);
    const du =
      (sbgLogLikelihood(a * Math.exp(h), b, HIGH_END) -
        sbgLogLikelihood(a * Math.exp(-h), b, HIGH_END)) /
      (2 * h);
    const dv =
      (sbgLogLikelihood(a, b * Math.exp(h), HIGH_END) -
        sbgLogLikelihood(a, b * Math.exp(-h), HIGH_END)) /
      (2 * h);
    expect(relative(gu, du)).toBeLessThan(1e-6);
    expect(relative(gv, dv)).toBeLessThan(1e-6);
  });
});

describe("SBG fit: published and exact data", () => {
  it("reproduces Fader & Hardie's regular segment (7 calibration periods): α ≈ 0.704, β ≈ 1.182", () => {
    const fit = fitSbg(REGULAR, 7);
    expect(fit.alpha).toBeCloseTo(0.704, 3);
    expect(fit.beta).toBeCloseTo(1.182, 3);
    expectGradientZero(fit.alpha, fit.beta, REGULAR.slice(0, 8));
  });

  it("reproduces Fader & Hardie's high-end segment: α ≈ 0.668, β ≈ 3.806", () => {
    const fit = fitSbg(HIGH_END, 7);
    expect(fit.alpha).toBeCloseTo(0.668, 3);
    expect(fit.beta).toBeCloseTo(3.806, 3);
  });

  it("gives the same α, β for counts and percentages, and ignores the holdout", () => {
    const counts = fitSbg(REGULAR, 7);
    const shares = fitSbg(
      REGULAR.map((n) => n / 1000),
      7
    );
    const withoutHoldout = fitSbg(REGULAR.slice(0, 8));
    expect(relative(shares.alpha, counts.alpha)).toBeLessThan(1e-9);
    expect(relative(shares.beta, counts.beta)).toBeLessThan(1e-9);
    expect(withoutHoldout.alpha).toBe(counts.alpha);
    expect(fitSbg(REGULAR).alpha).not.toBeCloseTo(counts.alpha, 3); // all 12 periods: a different fit
  });

  it("truncates fractional calibration periods", () => {
    expect(fitSbg(REGULAR, 7.9).alpha).toBe(fitSbg(REGULAR, 7).alpha);
  });

  // Expected (noise-free) survivors: the MLE is exactly the truth, from very flat to very steep curves.
  const grid: Array<[number, number]> = [];
  for (const a of [0.01, 0.1, 0.5, 1, 3, 10, 100])
    for (const b of [0.01, 0.1, 1, 10, 100, 1000]) grid.push([a, b]);
  it.each(grid)("recovers α = %p, β = %p exactly from expected survivors", (a, b) => {
    const cohort = Array.from({ length: 13 }, (_, t) => 1e6 * survival(a, b, t));
    const fit = fitSbg(cohort);
    expect(relative(fit.alpha, a)).toBeLessThan(1e-6);
    expect(relative(fit.beta, b)).toBeLessThan(1e-6);
    expectGradientZero(fit.alpha, fit.beta, cohort);
    expect(fit.iterations).toBeLessThan(40);
  });

  it("recovers random α, β from expected survivors with 3 to 24 periods (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -4, max: 4, noNaN: true }),
        fc.double({ min: -4, max: 5, noNaN: true }),
        fc.integer({ min: 2, max: 24 }),
        (la, lb, k) => {
          const [a, b] = [Math.exp(la), Math.exp(lb)];
          const cohort = Array.from({ length: k + 1 }, (_, t) => 1000 * survival(a, b, t));
          const fit = fitSbg(cohort);
          return relative(fit.alpha, a) < 1e-5 && relative(fit.beta, b) < 1e-5;
        }
      ),
      { numRuns: 300 }
    );
  });
});

describe("SBG fit: simulated cohorts of 100,000 customers over 12 periods", () => {
  it.each([
    [0.704, 1.182, 0.1],
    [0.668, 3.806, 0.1],
    [1.5, 4, 0.1],
    [0.3, 0.8, 0.1],
    [5, 0.5, 0.1],
    [3, 30, 0.2],
    [0.1, 10, 0.2],
  ])(
    "recovers α = %p, β = %p (within %p) with gradient ≈ 0",
    (a, b, tolerance) => {
      for (const seed of [11, 22]) {
        const cohort = simulateCohort(a, b, 100_000, 12, seed);
        const fit = fitSbg(cohort);
        expect(relative(fit.alpha, a)).toBeLessThan(tolerance);
        expect(relative(fit.beta, b)).toBeLessThan(tolerance);
        // the mean churn α/(α+β) is pinned far more tightly than α and β separately
        expect(relative(fit.alpha / (fit.alpha + fit.beta), a / (a + b))).toBeLessThan(
          tolerance / 4
        );
        expectGradientZero(fit.alpha, fit.beta, cohort);
        // and it is a maximum: every nearby point is worse
        for (const [du, dv] of [
          [0.01, 0],
          [-0.01, 0],
          [0, 0.01],
          [0, -0.01],
          [0.01, 0.01],
          [-0.01, -0.01],
        ]) {
          expect(
            sbgLogLikelihood(fit.alpha * Math.exp(du), fit.beta * Math.exp(dv), cohort)
          ).toBeLessThan(fit.logLikelihood);
        }
      }
    },
    60_000
  ); // simulating 200,000 customers takes a few seconds under Jest
});

describe("SBG fit: any cohort a user may paste (property)", () => {
  const cohortArb = fc
    .tuple(
      fc.double({ min: 1e-3, max: 1e9, noNaN: true }),
      fc.array(
        fc.oneof(
          { weight: 6, arbitrary: fc.integer({ min: 0, max: 10_000 }).map((r) => r / 10_000) },
          { weight: 1, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
          { weight: 1, arbitrary: fc.constantFrom(0, 1, 0.5, 0.999, 1 - 1e-12, 1e-12) }
        ),
        { minLength: 2, maxLength: 24 }
      ),
      fc.boolean(),
      fc.boolean()
    )
    .map(([size, keep, round, rising]) => {
      // random retention rates mostly fall somewhere (no finite fit); sorted, they rise as in real cohorts
      if (rising) keep = keep.map((r) => 0.05 + 0.95 * r).sort((p, q) => p - q);
      const cohort = [round ? Math.max(1, Math.round(size)) : size];
      for (const r of keep)
        cohort.push(
          round ? Math.round(cohort[cohort.length - 1] * r) : cohort[cohort.length - 1] * r
        );
      return cohort;
    });

  it("returns a strict maximum with gradient ≈ 0, or #NUM! with a message, quickly", () => {
    let fitted = 0;
    fc.assert(
      fc.property(cohortArb, (cohort) => {
        const start = performance.now();
        let fit: SbgFit;
        try {
          fit = fitSbg(cohort);
        } catch (e) {
          expect(e).toBeInstanceOf(DomainError);
          expect((e as DomainError).code).toBe("num");
          expect((e as DomainError).message.length).toBeGreaterThan(10);
          return;
        } finally {
          expect(performance.now() - start).toBeLessThan(500); // a hang guard; typical fits take ~5 µs
        }
        fitted++;
        expect(
          Number.isFinite(fit.alpha) && fit.alpha > 0 && Number.isFinite(fit.beta) && fit.beta > 0
        ).toBe(true);
        expectGradientZero(fit.alpha, fit.beta, cohort);
        for (const [du, dv] of [
          [1e-3, 0],
          [-1e-3, 0],
          [0, 1e-3],
          [0, -1e-3],
        ]) {
          // LL sums O(n_0) terms, so its rounding is ~1e-15·n_0 however small LL itself is
          const rounding = 1e-12 * (cohort[0] + Math.abs(fit.logLikelihood));
          expect(
            sbgLogLikelihood(fit.alpha * Math.exp(du), fit.beta * Math.exp(dv), cohort)
          ).toBeLessThanOrEqual(fit.logLikelihood + rounding);
        }
      }),
      { numRuns: 1000 }
    );
    expect(fitted).toBeGreaterThan(250); // cohorts whose retention rises mostly have a finite fit
  });
});

describe("SBG fit errors", () => {
  it.each([
    ["a rise in survivors", [1000, 600, 650, 400], /rise from 600 at period 1 to 650 at period 2/],
    ["a negative", [1000, 600, -5], /negative/],
    ["only 1 period", [1000, 600], /at least 2 periods/],
    ["only the cohort size", [1000], /at least 2 periods/],
    ["nothing", [], /at least 2 periods/],
    ["n_0 = 0", [0, 0, 0], /cohort size/],
    ["a non-finite value", [1000, NaN, 300], /finite/],
    ["no one ever leaves", [500, 500, 500, 500], /no one leaves/],
    ["everyone leaves at once", [500, 0, 0, 0], /everyone leaves in the first period/],
    ["no one leaves after period 1", [500, 300, 300, 300], /no one leaves after the first period/],
    [
      "falling retention (constant-retention limit)",
      [1000, 900, 800, 700, 600],
      /constant retention of/,
    ],
    ["exactly constant retention", [1000, 800, 640, 512, 409.6], /constant retention of 80\.00%/],
  ])("%s is #NUM! with a message", (_, cohort, message) =>
    expectNumError(() => fitSbg(cohort as number[]), message)
  );

  it.each([
    [1, /at least 2/],
    [-3, /at least 2/],
    [13, /exceeds the 12 periods/],
    [NaN, /at least 2/],
  ])("calibration_periods %p is #NUM!", (k, message) =>
    expectNumError(() => fitSbg(REGULAR, k), message)
  );

  it("no one leaving within the calibration periods is #NUM! even if people leave later", () => {
    expectNumError(() => fitSbg([100, 100, 100, 50], 2), /no one leaves/);
  });

  it("rejects degenerate cohorts quickly (no hang)", () => {
    // CPU time of this process, not wall time: the machine may be shared with other work
    const start = process.cpuUsage();
    for (let i = 0; i < 1000; i++) {
      for (const c of [
        [500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500],
        [1000, 900, 810, 729, 656.1, 590.49],
        [1000, 950, 890, 820, 740, 650, 550],
      ]) {
        expect(() => fitSbg(c)).toThrow(DomainError);
      }
    }
    const { user, system } = process.cpuUsage(start);
    expect((user + system) / 1000 / 3000).toBeLessThan(1); // ms of CPU per rejected cohort
  });

  it("validates the holdout too: it must be part of one shrinking cohort", () => {
    expectNumError(() => fitSbg([1000, 600, 500, 400, 450], 2), /rise/);
    expect(cohortProportions([200, 100, 50, 25], 2)).toEqual(new Float64Array([1, 0.5, 0.25]));
  });
});
