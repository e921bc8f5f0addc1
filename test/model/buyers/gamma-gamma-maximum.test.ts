/**
 * The Gamma-Gamma fit lands on the maximum of the likelihood as the domain writes it, customer
 * by customer (bgnbd-helpers' ggCustomerLogLikelihood, in plain loops here), on random customers
 * simulated from random parameters: its log-likelihood is the reference's at its estimates,
 * the reference's finite-difference gradient there is zero to within the differences' own
 * error, and a brute-force Newton step on the reference (finite-difference gradient and
 * Hessian) moves the estimates by less than 1e-4 of a standard error, beyond that error. The fit
 * also does not depend on the order of the rows, nor on whether identical rows are merged.
 */
import fc from "fast-check";
import { fitGammaGamma, GammaGammaFit } from "../../../src/model/buyers/gamma-gamma-fit";
import { ggCustomerLogLikelihood } from "./bgnbd-helpers";
import { sampleGamma, seededRandom } from "../../support/seeded-random";
import { gaussJordanInverse } from "../numerics/hessian-helpers";

interface Spend {
  frequency: number[];
  monetary: number[];
  weight: number[];
}

/** ν ~ Gamma(q, γ) per customer, x uniform on 0…maxX, each purchase z ~ Gamma(p, ν), m their mean. */
function simulate(p: number, q: number, gamma: number, n: number, maxX: number, seed: number) {
  const u = seededRandom(seed);
  const d: Spend = { frequency: [], monetary: [], weight: [] };
  for (let i = 0; i < n; i++) {
    const x = Math.floor(u() * (maxX + 1));
    const nu = sampleGamma(q, u) / gamma;
    let total = 0;
    for (let k = 0; k < x; k++) total += sampleGamma(p, u) / nu;
    d.frequency.push(x);
    // Amounts in cents, as a shop records them: identical rows happen.
    d.monetary.push(x > 0 ? Math.max(0.01, Math.round((100 * total) / x) / 100) : 0);
    d.weight.push(1 + Math.floor(u() * 3));
  }
  return d;
}

/** Σ w ln L on log-parameters, customer by customer. */
const reference = (d: Spend) => (theta: number[]) => {
  const [p, q, gamma] = theta.map(Math.exp);
  let ll = 0;
  for (let i = 0; i < d.frequency.length; i++)
    if (d.frequency[i] > 0)
      ll += d.weight[i] * ggCustomerLogLikelihood(p, q, gamma, d.frequency[i], d.monetary[i]);
  return ll;
};

/** Central differences: gradient and Hessian of f at θ with step h. */
function differences(f: (t: number[]) => number, theta: number[], h: number) {
  const at = (i: number, s: number, j = -1, r = 0) =>
    theta.map((v, k) => v + (k === i ? s : 0) + (k === j ? r : 0));
  const g = theta.map((_, i) => (f(at(i, h)) - f(at(i, -h))) / (2 * h));
  const H = theta.map((_, i) =>
    theta.map(
      (_, j) =>
        (f(at(i, h, j, h)) - f(at(i, h, j, -h)) - f(at(i, -h, j, h)) + f(at(i, -h, j, -h))) /
        (4 * h * h)
    )
  );
  return { g, H };
}

const fitOrNull = (d: Spend): GammaGammaFit | null => {
  try {
    return fitGammaGamma(d);
  } catch {
    return null; // a likelihood with no finite maximum: gamma-gamma.test.ts checks the #NUM!
  }
};

describe("the Gamma-Gamma fit is the maximum of the customer-by-customer likelihood", () => {
  test("on random customers from random parameters", () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.double({ min: 1.5, max: 15, noNaN: true }),
        fc.double({ min: 5, max: 500, noNaN: true }),
        fc.integer({ min: 150, max: 600 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 1e6 }),
        (p, q, gamma, n, maxX, seed) => {
          const d = simulate(p, q, gamma, n, maxX, seed);
          const fit = fitOrNull(d);
          // p or q in the hundreds: the likelihood is nearly flat along the ridge where they
          // run off with γ, and finite differences cannot see its curvature.
          if (!fit || fit.p > 100 || fit.q > 100) return;
          checked++;
          const f = reference(d);
          const theta = [fit.p, fit.q, fit.gamma].map(Math.log);
          const ll = f(theta);
          expect(Math.abs(fit.logLikelihood - ll)).toBeLessThan(1e-9 * (1 + Math.abs(ll)));
          const used = d.frequency.reduce((s, x, i) => s + (x > 0 ? d.weight[i] : 0), 0);
          expect(fit.customersUsed).toBe(used);
          const { g, H } = differences(f, theta, 1e-4);
          // −H positive definite: a maximum, not a saddle.
          const cov = gaussJordanInverse(H.map((row) => row.map((v) => -v)));
          cov.forEach((row, i) => expect(row[i]).toBeGreaterThan(0));
          // One Newton step on the reference: far below one standard error of each estimate,
          // beyond what the differences can see: their gradient's rounding, ε·size/h, where
          // size is the magnitude of the terms that cancel in LL.
          let size = 1;
          d.frequency.forEach((x, i) => {
            const k = fit.p * x + fit.q;
            const logs = 2 + Math.log(2 + k) + Math.abs(Math.log(fit.gamma + d.monetary[i] * x));
            if (x > 0) size += d.weight[i] * (k + 1) * (logs + Math.abs(Math.log(d.monetary[i])));
          });
          const blur = (1e-15 * size) / 1e-4;
          const step = cov.map((row) => row.reduce((s, c, j) => s + c * g[j], 0));
          step.forEach((s, i) => {
            const seen = cov[i].reduce((t, c) => t + Math.abs(c) * blur, 0);
            expect(Math.abs(s)).toBeLessThan(1e-4 * Math.sqrt(cov[i][i]) + seen);
          });
        }
      ),
      { numRuns: 25, endOnFailure: true }
    );
    expect(checked).toBeGreaterThan(18);
  });

  test("row order and merged identical rows change nothing beyond rounding", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const d = simulate(4, 3, 20, 400, 3, seed);
        const fit = fitOrNull(d);
        if (!fit) return;
        // Reversed rows.
        const reversed = {
          frequency: [...d.frequency].reverse(),
          monetary: [...d.monetary].reverse(),
          weight: [...d.weight].reverse(),
        };
        // Identical (x, m) rows merged into one, their weights summed (plain loops).
        const merged: Spend = { frequency: [], monetary: [], weight: [] };
        for (let i = 0; i < d.frequency.length; i++) {
          let k = 0;
          while (
            k < merged.frequency.length &&
            !(merged.frequency[k] === d.frequency[i] && merged.monetary[k] === d.monetary[i])
          )
            k++;
          if (k === merged.frequency.length) {
            merged.frequency.push(d.frequency[i]);
            merged.monetary.push(d.monetary[i]);
            merged.weight.push(0);
          }
          merged.weight[k] += d.weight[i];
        }
        for (const other of [fitGammaGamma(reversed), fitGammaGamma(merged)]) {
          expect(Math.abs(other.p / fit.p - 1)).toBeLessThan(1e-8);
          expect(Math.abs(other.q / fit.q - 1)).toBeLessThan(1e-8);
          expect(Math.abs(other.gamma / fit.gamma - 1)).toBeLessThan(1e-8);
          expect(Math.abs(other.logLikelihood - fit.logLikelihood)).toBeLessThan(
            1e-9 * Math.abs(fit.logLikelihood)
          );
        }
      }),
      { numRuns: 15, endOnFailure: true }
    );
  });
});
