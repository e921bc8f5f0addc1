/**
 * Pareto/NBD P(alive), conditional expectation, likelihood and P(X(t) = x) against references
 * written in pareto-nbd-helpers.ts: the posterior over (λ, μ) integrated on a grid, Fader &
 * Hardie's printed ₂F₁ formula, and simulation; and the numerical standard (finite, in range)
 * for heavy buyers and extreme parameters.
 */
import fc from "fast-check";
import {
  checkParetoNbd,
  paretoConditionalExpectedPurchases,
  paretoProbabilityAlive,
} from "../../../src/model/buyers/pareto-nbd";
import { paretoNbdLogLikelihood } from "../../../src/model/buyers/pareto-nbd-fit";
import { logOnePlusDeathOdds } from "../../../src/model/buyers/pareto-nbd-likelihood";
import { paretoPurchaseCountProbability } from "../../../src/model/buyers/pareto-nbd-probability";
import { DomainError } from "../../../src/model/errors";
import { thrownBy } from "../../support/domain-errors";
import {
  lgamma,
  paretoLikelihoodAsPrinted,
  posteriorByGrid,
  prng,
  sampleGamma,
  simulateParetoNbd,
} from "./pareto-nbd-helpers";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));
const one = (x: number, tx: number, T: number) => ({ frequency: [x], recency: [tx], T: [T] });

const moderate = fc.record({
  r: fc.double({ min: 0.3, max: 4, noNaN: true }),
  alpha: fc.double({ min: 0.5, max: 30, noNaN: true }),
  s: fc.double({ min: 0.3, max: 4, noNaN: true }),
  beta: fc.double({ min: 0.5, max: 30, noNaN: true }),
  x: fc.integer({ min: 0, max: 12 }),
  T: fc.double({ min: 1, max: 50, noNaN: true }),
  share: fc.double({ min: 0, max: 1, noNaN: true }),
  t: fc.double({ min: 0.5, max: 60, noNaN: true }),
});

describe("Pareto/NBD per customer against the integrals over λ and μ", () => {
  test("ln L, P(alive) and E[Y(t)] equal the grid integrals of the defining likelihood", () => {
    fc.assert(
      fc.property(moderate, ({ r, alpha, s, beta, x, T, share, t }) => {
        const tx = x === 0 ? 0 : share * T;
        const p = { r, alpha, s, beta };
        const ref = posteriorByGrid(p, x, tx, T, t);
        const ll = paretoNbdLogLikelihood(one(x, tx, T), r, alpha, s, beta);
        expect(Math.abs(ll - ref.logLikelihood)).toBeLessThan(1e-7 * Math.max(1, Math.abs(ll)));
        expect(Math.abs(paretoProbabilityAlive(x, tx, T, r, alpha, s, beta) - ref.pAlive)).toBeLessThan(1e-8);
        const e = paretoConditionalExpectedPurchases(x, tx, T, t, r, alpha, s, beta);
        expect(rel(e, ref.conditional)).toBeLessThan(1e-7);
      }),
      { numRuns: 15 }
    );
  });

  test("ln L equals Fader & Hardie's printed formula in both branches (α ≥ β and α < β)", () => {
    fc.assert(
      fc.property(moderate, ({ r, alpha, s, beta, x, T, share }) => {
        const tx = x === 0 ? 0 : share * T;
        for (const [a, b] of [
          [alpha, beta],
          [beta, alpha],
        ]) {
          const ll = paretoNbdLogLikelihood(one(x, tx, T), r, a, s, b);
          const printed = paretoLikelihoodAsPrinted({ r, alpha: a, s, beta: b }, x, tx, T);
          expect(Math.abs(ll - printed)).toBeLessThan(1e-8 * Math.max(1, Math.abs(ll)));
        }
      }),
      { numRuns: 100 }
    );
  });

  test("the two branches meet continuously at α = β", () => {
    for (const [x, tx, T] of [
      [0, 0, 30],
      [3, 10, 40],
      [500, 20, 25],
    ]) {
      const at = paretoProbabilityAlive(x, tx, T, 0.7, 8, 1.3, 8);
      // α a hair above β (first branch) and below it (second): the steps either side of α = β
      // are equal and opposite to first order, so neither value nor slope jumps there.
      for (const eps of [1e-12, 1e-9, 1e-6]) {
        const up = paretoProbabilityAlive(x, tx, T, 0.7, 8 * (1 + eps), 1.3, 8) - at;
        const down = paretoProbabilityAlive(x, tx, T, 0.7, 8 * (1 - eps), 1.3, 8) - at;
        expect(Math.abs(up)).toBeLessThan(eps + 1e-14);
        expect(Math.abs(up + down)).toBeLessThan(eps * eps + 1e-14);
      }
    }
  });

  test("P(alive) is the simulated share of customers alive at T among those with that history", () => {
    // Customers with x = 0 observed for T = 20: how many of them were still alive.
    const p = { r: 0.8, alpha: 6, s: 0.9, beta: 12 };
    const u = prng(5);
    let seen = 0;
    let alive = 0;
    for (let i = 0; i < 400_000; i++) {
      const lambda = sampleGamma(p.r, u) / p.alpha;
      const mu = sampleGamma(p.s, u) / p.beta;
      const life = -Math.log(u()) / mu;
      const first = -Math.log(u()) / lambda;
      if (first <= Math.min(life, 20)) continue; // bought again: not x = 0
      seen++;
      if (life > 20) alive++;
    }
    const share = alive / seen;
    const se = Math.sqrt((share * (1 - share)) / seen);
    expect(Math.abs(paretoProbabilityAlive(0, 0, 20, p.r, p.alpha, p.s, p.beta) - share)).toBeLessThan(4 * se);
  });
});

describe("the numerical standard: heavy buyers and extreme parameters", () => {
  const wide = fc.record({
    r: fc.double({ min: -3, max: 3, noNaN: true }).map((v) => 10 ** v),
    alpha: fc.double({ min: -3, max: 3, noNaN: true }).map((v) => 10 ** v),
    s: fc.double({ min: -3, max: 3, noNaN: true }).map((v) => 10 ** v),
    beta: fc.double({ min: -3, max: 3, noNaN: true }).map((v) => 10 ** v),
    x: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10_000 })),
    T: fc.double({ min: 0, max: 1000, noNaN: true }),
    share: fc.double({ min: 0, max: 1, noNaN: true }),
    t: fc.double({ min: 0, max: 1000, noNaN: true }),
  });

  test("P(alive) in [0, 1], E[Y(t)] ≥ 0 and ln L finite, never NaN or Infinity", () => {
    fc.assert(
      fc.property(wide, ({ r, alpha, s, beta, x, T, share, t }) => {
        const tx = x === 0 ? 0 : share * T;
        const p = paretoProbabilityAlive(x, tx, T, r, alpha, s, beta);
        expect(p >= 0 && p <= 1).toBe(true);
        const e = paretoConditionalExpectedPurchases(x, tx, T, t, r, alpha, s, beta);
        expect(e >= 0 && e < Infinity).toBe(true);
        const ll = paretoNbdLogLikelihood(one(x, tx, T), r, alpha, s, beta);
        expect(Number.isFinite(ll)).toBe(true);
        const G = new Float64Array(4);
        const H = new Float64Array(16);
        logOnePlusDeathOdds(x, tx, T, r, alpha, s, beta, G, H);
        expect([...G, ...H].every(Number.isFinite)).toBe(true);
      }),
      { numRuns: 400 }
    );
  });

  test("a heavy buyer long silent is gone; one who just bought is alive; t_x = T gives 1", () => {
    expect(paretoProbabilityAlive(10_000, 10, 1000, 1, 1, 1, 1)).toBe(0);
    expect(paretoProbabilityAlive(10_000, 1000, 1000, 1e-3, 1e3, 1e3, 1e-3)).toBe(1);
    expect(paretoProbabilityAlive(10_000, 999.99, 1000, 1, 1, 1, 1)).toBeGreaterThan(0.9);
  });

  test("P(alive) falls as the silence since the last purchase grows", () => {
    fc.assert(
      fc.property(moderate, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (m, k) => {
        if (m.x === 0) return;
        const { r, alpha, s, beta, x, T } = m;
        const later = paretoProbabilityAlive(x, T * Math.max(k, m.share), T, r, alpha, s, beta);
        const earlier = paretoProbabilityAlive(x, T * Math.min(k, m.share), T, r, alpha, s, beta);
        expect(later).toBeGreaterThanOrEqual(earlier - 1e-12);
      })
    );
  });

  test("bad parameters and customers are errors, not numbers", () => {
    expect((thrownBy(() => checkParetoNbd(0, 1, 1, 1)) as DomainError).code).toBe("num");
    expect((thrownBy(() => paretoProbabilityAlive(2, 5, 4, 1, 1, 1, 1)) as DomainError).code).toBe("value");
    expect((thrownBy(() => paretoProbabilityAlive(0, 5, 10, 1, 1, 1, 1)) as DomainError).code).toBe("value");
    expect((thrownBy(() => paretoProbabilityAlive(-1, 0, 10, 1, 1, 1, 1)) as DomainError).code).toBe("value");
    expect((thrownBy(() => paretoConditionalExpectedPurchases(1, 1, 2, -1, 1, 1, 1, 1)) as DomainError).code).toBe("num");
    expect((thrownBy(() => paretoPurchaseCountProbability(1.5, 2, 1, 1, 1, 1)) as DomainError).code).toBe("num");
  });
});

const logUniform = fc.double({ min: -3, max: 3, noNaN: true }).map((v) => 10 ** v);

describe("P(X(t) = x)", () => {
  test("sums to 1 over x, and its mean is E[X(t)] = rβ/(α(s−1))·[1 − (β/(β+t))^{s−1}]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: 1, max: 20, noNaN: true }),
        fc.double({ min: 0.2, max: 3, noNaN: true }),
        fc.double({ min: 1, max: 20, noNaN: true }),
        fc.double({ min: 0.5, max: 40, noNaN: true }),
        (r, alpha, s, beta, t) => {
          let total = 0;
          let mean = 0;
          for (let x = 0; x < 2000; x++) {
            const p = paretoPurchaseCountProbability(x, t, r, alpha, s, beta);
            total += p;
            mean += x * p;
            if (x > 20 && p < 1e-18) break;
          }
          // E[X(t)] written from its integral: ∫₀ᵗ (r/α)·(β/(β+τ))^s dτ, by Simpson's rule.
          const n = 20000;
          const h = t / n;
          let simpson = 0;
          for (let i = 0; i <= n; i++) {
            const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
            simpson += w * (r / alpha) * Math.pow(beta / (beta + i * h), s);
          }
          simpson *= h / 3;
          expect(Math.abs(total - 1)).toBeLessThan(1e-10);
          expect(rel(mean, simpson)).toBeLessThan(1e-8);
        }
      ),
      { numRuns: 25 }
    );
  });

  test("matches the counts of 200,000 simulated customers", () => {
    const p = { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 };
    const sim = simulateParetoNbd(p, 200_000, 39, 39, 11);
    const counts = new Map<number, number>();
    for (const x of sim.frequency) counts.set(x, (counts.get(x) ?? 0) + 1);
    for (const x of [0, 1, 2, 3, 5, 8]) {
      const prob = paretoPurchaseCountProbability(x, 39, p.r, p.alpha, p.s, p.beta);
      const share = (counts.get(x) ?? 0) / 200_000;
      expect(Math.abs(prob - share)).toBeLessThan(4 * Math.sqrt((prob * (1 - prob)) / 200_000) + 1e-6);
    }
  });

  test("finite and in [0, 1] for heavy counts and extreme parameters", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        logUniform,
        logUniform,
        logUniform,
        logUniform,
        (x, t, r, alpha, s, beta) => {
          const p = paretoPurchaseCountProbability(x, t, r, alpha, s, beta);
          expect(p >= 0 && p <= 1).toBe(true);
        }
      ),
      { numRuns: 200 }
    );
  });

  test("at x = 0 it is the chance of no purchase: alive with none, or dead before the first", () => {
    // Written from the story at x = 0 with λ integrated: NB(0; τ) = (α/(α+τ))^r.
    const [r, alpha, s, beta, t] = [0.9, 4, 1.7, 9, 13];
    let integral = 0;
    const n = 20000;
    const h = t / n;
    for (let i = 0; i <= n; i++) {
      const tau = i * h;
      const w = i === 0 || i === n ? 1 : i % 2 ? 4 : 2;
      integral +=
        w * s * Math.exp(s * Math.log(beta) - (s + 1) * Math.log(beta + tau)) * Math.pow(alpha / (alpha + tau), r);
    }
    integral *= h / 3;
    const expected = Math.pow(alpha / (alpha + t), r) * Math.pow(beta / (beta + t), s) + integral;
    expect(rel(paretoPurchaseCountProbability(0, t, r, alpha, s, beta), expected)).toBeLessThan(1e-10);
    void lgamma;
  });
});
