/**
 * The Gamma-Gamma observed information against references written here: a finite-difference
 * Hessian of the per-customer log-likelihood (the domain's formula, term by term), its inverse
 * by plain Gauss–Jordan for the standard errors, and the 95% bounds' coverage over 200 data
 * sets simulated from known parameters.
 */
import fc from "fast-check";
import { fitGammaGamma } from "../../../src/model/buyers/gamma-gamma-fit";
import { gammaGammaInformation } from "../../../src/model/buyers/gamma-gamma-information";
import { fitStatistics } from "../../../src/model/numerics/fit-statistics";
import { ggCustomerLogLikelihood, sampleGamma } from "./bgnbd-helpers";
import { seededRandom } from "../../support/seeded-random";
import { gaussJordanInverse, numericalHessian } from "../numerics/hessian-helpers";

interface Spend {
  frequency: number[];
  monetary: number[];
  weight: number[];
}

/** Σ w ln L over the customers with x > 0, customer by customer. */
const logLikelihood = (d: Spend) => (theta: number[]) => {
  let ll = 0;
  d.frequency.forEach((x, i) => {
    if (x > 0)
      ll += d.weight[i] * ggCustomerLogLikelihood(theta[0], theta[1], theta[2], x, d.monetary[i]);
  });
  return ll;
};

/** Customers as the model tells it: ν ~ Gamma(q, γ), each purchase z ~ Gamma(p, ν), m their mean. */
function simulate(p: number, q: number, gamma: number, customers: number, seed: number): Spend {
  const u = seededRandom(seed);
  const d: Spend = { frequency: [], monetary: [], weight: [] };
  for (let i = 0; i < customers; i++) {
    const x = Math.floor(u() * 8); // 0 to 7 repeat purchases; the 0s are skipped by the fit
    const nu = sampleGamma(q, u) / gamma;
    let total = 0;
    for (let k = 0; k < x; k++) total += sampleGamma(p, u) / nu;
    d.frequency.push(x);
    d.monetary.push(x > 0 ? total / x : 0);
    d.weight.push(1);
  }
  return d;
}

const customers = fc.array(
  fc.record({
    x: fc.integer({ min: 0, max: 30 }),
    m: fc.double({ min: 0.5, max: 500, noNaN: true }),
    w: fc.integer({ min: 1, max: 4 }),
  }),
  { minLength: 2, maxLength: 40 }
);

describe("Gamma-Gamma observed information", () => {
  test("is minus the Hessian of the log-likelihood (finite differences), at any point", () => {
    fc.assert(
      fc.property(
        customers,
        fc.double({ min: 0.3, max: 20, noNaN: true }),
        fc.double({ min: 0.3, max: 20, noNaN: true }),
        fc.double({ min: 0.5, max: 300, noNaN: true }),
        (rows, p, q, gamma) => {
          const d: Spend = {
            frequency: rows.map((c) => c.x),
            monetary: rows.map((c) => c.m),
            weight: rows.map((c) => c.w),
          };
          const used = rows.reduce((s, c) => s + (c.x > 0 ? c.w : 0), 0);
          fc.pre(used > 0);
          const {
            information,
            logLikelihood: ll,
            customers,
          } = gammaGammaInformation(d, {
            p,
            q,
            gamma,
          });
          expect(customers).toBe(used);
          const f = logLikelihood(d);
          expect(Math.abs(ll - f([p, q, gamma]))).toBeLessThan(1e-9 * (1 + Math.abs(ll)));
          const theta = [p, q, gamma];
          const step = 1e-3;
          const H = numericalHessian(f, theta, step);
          // The size of the terms that cancel in the differences: their rounding, ε·size/hᵢhⱼ.
          let size = 1;
          d.frequency.forEach((x, k) => {
            const px = p * x + q;
            const logs = 2 + Math.log(2 + px) + Math.abs(Math.log(gamma + d.monetary[k] * x));
            if (x > 0) size += d.weight[k] * (px + 1) * (logs + Math.abs(Math.log(d.monetary[k])));
          });
          // Compared on log-parameters (entries × θᵢθⱼ), where relative steps make the
          // differences' truncation error of one size for every entry: a small share of the
          // largest curvature; rounding adds ε·size/step².
          let largest = 0;
          for (let i = 0; i < 3; i++)
            for (let j = 0; j < 3; j++)
              largest = Math.max(largest, Math.abs(H[i][j] * theta[i] * theta[j]));
          const rounding = (1e-14 * size) / (step * step);
          for (let i = 0; i < 3; i++)
            for (let j = 0; j < 3; j++) {
              const error = Math.abs(-information[i][j] - H[i][j]) * theta[i] * theta[j];
              expect(error).toBeLessThan(1e-5 * largest + rounding);
            }
        }
      ),
      { numRuns: 60 }
    );
  });

  test("standard errors at the fit: the inverse of a numerically differenced Hessian", () => {
    for (const seed of [1, 2, 3]) {
      const d = simulate(6.25, 3.74, 15.44, 600, seed);
      const fit = fitGammaGamma(d);
      const theta = [fit.p, fit.q, fit.gamma];
      const stats = fitStatistics(theta, gammaGammaInformation(d, fit).information);
      const H = numericalHessian(logLikelihood(d), theta);
      const cov = gaussJordanInverse(H.map((row) => row.map((v) => -v)));
      theta.forEach((_, i) => {
        const se = Math.sqrt(cov[i][i]);
        expect(Math.abs(stats.standardErrors[i] / se - 1)).toBeLessThan(1e-4);
      });
    }
  });

  test("the 95% bounds cover the true parameters about 95% of the time (200 simulated data sets)", () => {
    const truth = [6.25, 3.74, 15.44];
    const covered = [0, 0, 0];
    const runs = 200;
    for (let k = 0; k < runs; k++) {
      const d = simulate(truth[0], truth[1], truth[2], 800, 1000 + k);
      const fit = fitGammaGamma(d);
      const theta = [fit.p, fit.q, fit.gamma];
      const { lower, upper } = fitStatistics(theta, gammaGammaInformation(d, fit).information);
      truth.forEach((t, i) => {
        if (lower[i] <= t && t <= upper[i]) covered[i]++;
      });
    }
    // Binomial(200, 0.95) has SD 1.5%: 89% to 99% allows for that and for small-sample bias.
    for (const c of covered) {
      expect(c / runs).toBeGreaterThan(0.89);
      expect(c / runs).toBeLessThan(0.995);
    }
  });
});
