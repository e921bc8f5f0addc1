/**
 * The BG/NBD observed information against references written here: a finite-difference Hessian
 * of the per-customer log-likelihood (the domain's two paths, added in logs), and its inverse by
 * plain Gauss–Jordan for the standard errors at the fit of simulated customers.
 */
import fc from "fast-check";
import { fitBgNbd } from "../../../src/model/buyers/bgnbd-fit";
import { bgnbdInformation } from "../../../src/model/buyers/bgnbd-information";
import { fitStatistics } from "../../../src/model/numerics/fit-statistics";
import { bgnbdCustomerLogLikelihood, simulateBgNbd } from "./bgnbd-helpers";
import { gaussJordanInverse, numericalHessian } from "../numerics/hessian-helpers";

interface Customers {
  frequency: number[];
  recency: number[];
  T: number[];
  weight: number[];
}

/** Σ w ln L, customer by customer. */
const logLikelihood = (d: Customers) => (theta: number[]) => {
  let ll = 0;
  d.frequency.forEach((x, i) => {
    const [r, alpha, a, b] = theta;
    ll += d.weight[i] * bgnbdCustomerLogLikelihood(r, alpha, a, b, x, d.recency[i], d.T[i]);
  });
  return ll;
};

const customers = fc.array(
  fc
    .record({
      x: fc.integer({ min: 0, max: 15 }),
      T: fc.double({ min: 1, max: 60, noNaN: true }),
      share: fc.double({ min: 0, max: 1, noNaN: true }),
      w: fc.integer({ min: 1, max: 4 }),
    })
    .map(({ x, T, share, w }) => ({ x, T, tx: x === 0 ? 0 : share * T, w })),
  { minLength: 1, maxLength: 30 }
);

describe("BG/NBD observed information", () => {
  test("is minus the Hessian of the log-likelihood (finite differences), at any point", () => {
    fc.assert(
      fc.property(
        customers,
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 0.2, max: 20, noNaN: true }),
        (rows, r, alpha, a, b) => {
          const d: Customers = {
            frequency: rows.map((c) => c.x),
            recency: rows.map((c) => c.tx),
            T: rows.map((c) => c.T),
            weight: rows.map((c) => c.w),
          };
          const info = bgnbdInformation(d, { r, alpha, a, b });
          expect(info.customers).toBe(rows.reduce((s, c) => s + c.w, 0));
          const f = logLikelihood(d);
          const theta = [r, alpha, a, b];
          const ll = f(theta);
          expect(Math.abs(info.logLikelihood - ll)).toBeLessThan(1e-9 * (1 + Math.abs(ll)));
          const step = 1e-3;
          const H = numericalHessian(f, theta, step);
          // The size of the terms that cancel in the differences, for their rounding.
          let size = 1;
          rows.forEach((c) => {
            size +=
              c.w * (r + c.x + 2) * (3 + Math.log(2 + r + c.x + a + b) + Math.log(alpha + c.T));
          });
          // Compared on log-parameters (entries × θᵢθⱼ), where relative steps make the
          // differences' truncation error of one size for every entry: a small share of the
          // largest curvature; rounding adds ε·size/step².
          let largest = 0;
          for (let i = 0; i < 4; i++)
            for (let j = 0; j < 4; j++)
              largest = Math.max(largest, Math.abs(H[i][j] * theta[i] * theta[j]));
          const rounding = (1e-14 * size) / (step * step);
          for (let i = 0; i < 4; i++)
            for (let j = 0; j < 4; j++) {
              const error = Math.abs(-info.information[i][j] - H[i][j]) * theta[i] * theta[j];
              expect(error).toBeLessThan(1e-5 * largest + rounding);
            }
        }
      ),
      { numRuns: 100 }
    );
  });

  test("standard errors at the fit: the inverse of a numerically differenced Hessian", () => {
    for (const seed of [5, 6, 7]) {
      const sim = simulateBgNbd({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 2000, 27, 39, seed);
      const d: Customers = { ...sim, weight: sim.frequency.map(() => 1) };
      const fit = fitBgNbd(d);
      const theta = [fit.r, fit.alpha, fit.a, fit.b];
      const info = bgnbdInformation(d, fit);
      expect(info.customers).toBe(2000);
      const stats = fitStatistics(theta, info.information);
      const H = numericalHessian(logLikelihood(d), theta);
      const cov = gaussJordanInverse(H.map((row) => row.map((v) => -v)));
      theta.forEach((_, i) => {
        const se = Math.sqrt(cov[i][i]);
        expect(Math.abs(stats.standardErrors[i] / se - 1)).toBeLessThan(1e-4);
        // And the bounds bracket the estimate.
        expect(stats.lower[i]).toBeLessThan(theta[i]);
        expect(stats.upper[i]).toBeGreaterThan(theta[i]);
      });
    }
  });

  test("the 95% bounds cover the true parameters about 95% of the time (120 simulated data sets)", () => {
    const truth = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
    const values = [truth.r, truth.alpha, truth.a, truth.b];
    const covered = [0, 0, 0, 0];
    const runs = 120;
    for (let k = 0; k < runs; k++) {
      const sim = simulateBgNbd(truth, 1500, 27, 39, 5000 + k);
      const fit = fitBgNbd(sim);
      const theta = [fit.r, fit.alpha, fit.a, fit.b];
      const { lower, upper } = fitStatistics(theta, bgnbdInformation(sim, fit).information);
      values.forEach((t, i) => {
        if (lower[i] <= t && t <= upper[i]) covered[i]++;
      });
    }
    // Binomial(120, 0.95) has SD 2%: 87% and up allows for that and for small-sample bias.
    for (const c of covered) expect(c / runs).toBeGreaterThan(0.87);
  });

  test("weights are counts: doubling every customer halves the covariance", () => {
    const sim = simulateBgNbd({ r: 0.5, alpha: 3, a: 1, b: 4 }, 800, 20, 40, 11);
    const once = { ...sim, weight: sim.frequency.map(() => 1) };
    const twice = { ...sim, weight: sim.frequency.map(() => 2) };
    const fit = fitBgNbd(once);
    const theta = [fit.r, fit.alpha, fit.a, fit.b];
    const s1 = fitStatistics(theta, bgnbdInformation(once, fit).information);
    const s2 = fitStatistics(theta, bgnbdInformation(twice, fit).information);
    theta.forEach((_, i) =>
      expect(s2.standardErrors[i] / s1.standardErrors[i]).toBeCloseTo(Math.SQRT1_2, 10)
    );
  });
});
