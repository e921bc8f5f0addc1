/*
 * The sBG observed information (negative Hessian of LL in α, β) against a central-difference
 * Hessian of a log-likelihood written here from its beta-function definition, on random
 * simulated triangles at the fitted point and away from it.
 */
import fc from "fast-check";
import { fitSbgCohorts } from "../../../src/model/sbg/sbg-fit";
import { sbgCustomers, sbgInformation } from "../../../src/model/sbg/sbg-information";
import { lgamma, simulateCohort } from "./sbg-helpers";

const lnBeta = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);

/** Σ_c [Σ_t (n_{t−1} − n_t)·ln P(T=t) + n_k·ln S(k)], from B(·,·) directly. */
function bruteLogLikelihood(alpha: number, beta: number, cohorts: number[][]): number {
  const lnB = lnBeta(alpha, beta);
  let ll = 0;
  for (const n of cohorts) {
    const k = n.length - 1;
    if (n[k] > 0) ll += n[k] * (lnBeta(alpha, beta + k) - lnB);
    for (let t = 1; t <= k; t++)
      if (n[t - 1] > n[t]) ll += (n[t - 1] - n[t]) * (lnBeta(alpha + 1, beta + t - 1) - lnB);
  }
  return ll;
}

/** −Hessian of f at (a, b) by central differences with relative steps. */
function numericInformation(f: (a: number, b: number) => number, a: number, b: number) {
  const ha = 1e-3 * a;
  const hb = 1e-3 * b;
  const f0 = f(a, b);
  const faa = (f(a + ha, b) - 2 * f0 + f(a - ha, b)) / (ha * ha);
  const fbb = (f(a, b + hb) - 2 * f0 + f(a, b - hb)) / (hb * hb);
  const fab =
    (f(a + ha, b + hb) - f(a + ha, b - hb) - f(a - ha, b + hb) + f(a - ha, b - hb)) / (4 * ha * hb);
  return [
    [-faa, -fab],
    [-fab, -fbb],
  ];
}

function expectClose(actual: number[][], expected: number[][], tolerance: number) {
  const scale = Math.max(...expected.flat().map(Math.abs));
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++)
      expect(Math.abs(actual[i][j] - expected[i][j])).toBeLessThanOrEqual(tolerance * scale);
}

/** A triangle of `cohorts` simulated cohorts, the newest observed for 0 periods. */
function triangle(alpha: number, beta: number, cohorts: number, size: number, seed: number) {
  return Array.from({ length: cohorts }, (_, c) =>
    simulateCohort(alpha, beta, size, cohorts - 1 - c, seed + c)
  );
}

describe("sbgInformation", () => {
  it("matches a finite-difference Hessian of the likelihood on random triangles", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 5, noNaN: true }),
        fc.double({ min: 0.3, max: 8, noNaN: true }),
        fc.integer({ min: 4, max: 14 }),
        fc.integer({ min: 50, max: 1500 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        (alpha, beta, cohorts, size, seed, away) => {
          const data = triangle(alpha, beta, cohorts, size, seed);
          // Any positive point, not only the maximum: the formula holds everywhere.
          const a = alpha * away;
          const b = beta / away;
          const f = (x: number, y: number) => bruteLogLikelihood(x, y, data);
          expectClose(sbgInformation(a, b, data), numericInformation(f, a, b), 2e-5);
        }
      ),
      { numRuns: 40 }
    );
  });

  it("is positive definite at the fit and reads calibration_periods as the fit does", () => {
    const data = triangle(0.8, 1.6, 10, 800, 42);
    const fit = fitSbgCohorts(data, 5);
    const info = sbgInformation(fit.alpha, fit.beta, data, 5);
    const truncated = data.map((c) => c.slice(0, 6));
    const f = (x: number, y: number) => bruteLogLikelihood(x, y, truncated);
    expectClose(info, numericInformation(f, fit.alpha, fit.beta), 2e-5);
    expect(info[0][0]).toBeGreaterThan(0);
    expect(info[0][0] * info[1][1] - info[0][1] ** 2).toBeGreaterThan(0);
  });

  it("counts the customers as the cohorts' sizes", () => {
    expect(sbgCustomers([[100, 60, 40], [80, 50], [30]])).toBe(210);
  });
});
