/**
 * The Cox fit against the reference in cox-reference.ts (plain-loop Efron and Breslow partial
 * likelihoods, maximised by Nelder–Mead): the likelihood, its gradient and information at any β,
 * the maximum, and the standard errors from the reference's numerical Hessian; then the ways a
 * fit cannot exist (separation, collinear or uninformative columns, no churns), each a #NUM!
 * with its reason, and never a silent non-answer.
 */
import fc from "fast-check";
import { DomainError } from "../../../src/model/errors";
import { fitCox } from "../../../src/model/survival/cox-fit";
import { PartialLikelihood, riskSets } from "../../../src/model/survival/cox-partial-likelihood";
import { seededRandom } from "../../support/seeded-random";
import { isCloseTo } from "../../support/close-to";
import {
  invert,
  nelderMead,
  numericalHessian,
  referenceLogLikelihood,
  Survival,
  Ties,
} from "./cox-reference";

/** Random survival data: whole-number times (many ties), random censoring, normal covariates. */
function randomData(seed: number, n: number, p: number, effect = 0.6): Survival {
  const u = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
  const beta = Array.from({ length: p }, () => effect * normal());
  const data: Survival = { time: [], churned: [], x: [] };
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: p }, () => Math.round(normal() * 100) / 100);
    const rate = 0.1 * Math.exp(row.reduce((s, v, j) => s + v * beta[j], 0));
    const churn = -Math.log(u()) / rate;
    const censor = 3 + u() * 20;
    data.time.push(Math.ceil(Math.min(churn, censor)));
    data.churned.push(churn <= censor ? 1 : 0);
    data.x.push(row);
  }
  return data;
}

function input(data: Survival, labels?: string[]) {
  const n = data.time.length;
  const p = data.x[0].length;
  const x = new Float64Array(n * p);
  data.x.forEach((row, i) => row.forEach((v, j) => (x[j * n + i] = v)));
  return {
    time: Float64Array.from(data.time),
    churned: Uint8Array.from(data.churned),
    x,
    p,
    labels: labels ?? Array.from({ length: p }, (_, j) => `covariates column ${j + 1}`),
  };
}

const TIES: Ties[] = ["efron", "breslow"];

describe("the partial likelihood, gradient and information", () => {
  test("equal the reference and its numerical derivatives at random β", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(...TIES),
        fc.array(fc.double({ min: -1.5, max: 1.5, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (seed, n, p, ties, b) => {
          const data = randomData(seed, n, p);
          const beta = b.slice(0, p);
          const { time, churned, x } = input(data);
          const evaluation = new PartialLikelihood(riskSets(time, churned, x, p), ties).evaluate(
            Float64Array.from(beta)
          );
          const f = (v: number[]) => referenceLogLikelihood(data, v, ties);
          const ll = f(beta);
          expect(isCloseTo(evaluation.logLikelihood, ll, 1e-10, 1)).toBe(true);
          const h = 1e-5;
          const hessian = numericalHessian(f, beta, 1e-3);
          for (let j = 0; j < p; j++) {
            const up = beta.map((v, k) => (k === j ? v + h : v));
            const down = beta.map((v, k) => (k === j ? v - h : v));
            const slope = (f(up) - f(down)) / (2 * h);
            expect(Math.abs(evaluation.gradient[j] - slope)).toBeLessThan(
              1e-5 * (1 + Math.abs(slope))
            );
            for (let k = 0; k < p; k++)
              expect(Math.abs(evaluation.information[j * p + k] + hessian[j][k])).toBeLessThan(
                1e-4 * (1 + Math.abs(hessian[j][k]))
              );
          }
        }
      ),
      { numRuns: 60 }
    );
  });
});

describe("the fit", () => {
  test("reaches the reference's maximum; standard errors from its numerical Hessian", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 60, max: 200 }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(...TIES),
        (seed, n, p, ties) => {
          const data = randomData(seed, n, p);
          const fit = fitCox(input(data), ties);
          const f = (v: number[]) => referenceLogLikelihood(data, v, ties);
          const beta = Array.from(fit.coefficients);
          const simplex = nelderMead(f, new Array(p).fill(0));
          // No point the optimiser finds is higher, and both land on the same β.
          expect(f(simplex)).toBeLessThanOrEqual(f(beta) + 1e-9 * Math.abs(f(beta)));
          const hessian = numericalHessian(f, beta, 1e-3);
          const covariance = invert(hessian.map((row) => row.map((v) => -v)));
          for (let j = 0; j < p; j++) {
            const se = Math.sqrt(covariance[j][j]);
            expect(Math.abs(beta[j] - simplex[j])).toBeLessThan(1e-4 * se);
            expect(isCloseTo(Math.sqrt(fit.covariance[j * p + j]), se, 1e-4)).toBe(true);
          }
          expect(isCloseTo(fit.logLikelihood, f(beta), 1e-10)).toBe(true);
          expect(isCloseTo(fit.nullLogLikelihood, f(new Array(p).fill(0)), 1e-10)).toBe(true);
          // The risk score orders customers as x·β does.
          const i = 0;
          const k = n - 1;
          const score = (row: number[]) => row.reduce((s, v, j) => s + v * beta[j], 0);
          expect(Math.sign(fit.risk[i] - fit.risk[k])).toBe(
            Math.sign(Math.round((score(data.x[i]) - score(data.x[k])) * 1e9))
          );
        }
      ),
      { numRuns: 30 }
    );
  });

  test("moves no coefficient when the covariates are shifted (centring is internal)", () => {
    const data = randomData(7, 150, 2);
    const shifted = { ...data, x: data.x.map((row) => [row[0] + 1000, row[1] - 50]) };
    for (const ties of TIES) {
      const a = fitCox(input(data), ties);
      const b = fitCox(input(shifted), ties);
      for (let j = 0; j < 2; j++)
        expect(isCloseTo(b.coefficients[j], a.coefficients[j], 1e-8)).toBe(true);
      expect(isCloseTo(b.logLikelihood, a.logLikelihood, 1e-10)).toBe(true);
    }
  });
});

describe("units", () => {
  test("a covariate in other units: its coefficient and standard error scale, nothing else moves", () => {
    const data = randomData(21, 300, 3);
    for (const scale of [1e6, 1e-6]) {
      const rescaled = { ...data, x: data.x.map((row) => [row[0] * scale, row[1], row[2]]) };
      for (const ties of TIES) {
        const a = fitCox(input(data), ties);
        const b = fitCox(input(rescaled), ties);
        expect(isCloseTo(b.coefficients[0] * scale, a.coefficients[0], 1e-8)).toBe(true);
        expect(
          isCloseTo(Math.sqrt(b.covariance[0]) * scale, Math.sqrt(a.covariance[0]), 1e-8)
        ).toBe(true);
        for (let j = 1; j < 3; j++)
          expect(isCloseTo(b.coefficients[j], a.coefficients[j], 1e-8)).toBe(true);
        expect(isCloseTo(b.logLikelihood, a.logLikelihood, 1e-12)).toBe(true);
      }
    }
  });

  test("distinct times (no ties): Efron and Breslow agree, as they must", () => {
    const data = randomData(8, 3000, 2);
    const distinct = { ...data, time: data.time.map((t, i) => t + i / 3000) };
    const efron = fitCox(input(distinct), "efron");
    const breslow = fitCox(input(distinct), "breslow");
    for (let j = 0; j < 2; j++)
      expect(isCloseTo(efron.coefficients[j], breslow.coefficients[j], 1e-12)).toBe(true);
  });
});

/** The model's #NUM!, with its message. */
function numError(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError && e.code === "num") return e.message;
    throw e;
  }
  throw new Error("expected #NUM!");
}

describe("no fit is returned that has not converged", () => {
  test("a 0/1 covariate that separates the churns exactly: #NUM! naming it", () => {
    // Everyone with x2 = 1 churns before anyone with x2 = 0 leaves observation.
    const u = seededRandom(3);
    const data: Survival = { time: [], churned: [], x: [] };
    for (let i = 0; i < 60; i++) {
      const early = i % 3 === 0;
      data.time.push(early ? 1 + Math.floor(u() * 5) : 6 + Math.floor(u() * 10));
      data.churned.push(early ? 1 : u() < 0.5 ? 1 : 0);
      data.x.push([Math.round(u() * 100) / 10, early ? 1 : 0]);
    }
    for (const ties of TIES)
      expect(numError(() => fitCox(input(data, ["age", "plan = trial"]), ties))).toMatch(
        /^complete separation: .*plan = trial/
      );
  });

  test("a rare category whose customers all churn first: the first step leaps, and it is still named", () => {
    // Five of 5,000 churn before anyone else: the first Newton step takes the coefficient to
    // hundreds, where the other risk sets' weights are e^-400 (their squares underflow).
    const u = seededRandom(5);
    const data: Survival = { time: [], churned: [], x: [] };
    for (let i = 0; i < 5000; i++) {
      const rare = i < 5 ? 1 : 0;
      data.x.push([u(), Math.round(u() * 10), rare]);
      data.time.push(rare ? 0.5 : 1 + Math.floor(u() * 24));
      data.churned.push(rare ? 1 : u() < 0.5 ? 1 : 0);
    }
    for (const ties of TIES)
      expect(numError(() => fitCox(input(data, ["a", "b", "plan = rare"]), ties))).toMatch(
        /^complete separation: .*plan = rare/
      );
  });

  test("a continuous covariate that orders every churn: #NUM! separation", () => {
    const n = 40;
    const data: Survival = {
      time: Array.from({ length: n }, (_, i) => i + 1),
      churned: Array.from({ length: n }, (_, i) => (i % 4 === 3 ? 0 : 1)),
      x: Array.from({ length: n }, (_, i) => [n - i + 0.5 * Math.sin(i) * 0.1]),
    };
    for (const ties of TIES)
      expect(numError(() => fitCox(input(data, ["spend"]), ties))).toMatch(
        /complete separation: .*spend/
      );
  });

  test("separation by a combination of two covariates", () => {
    const u = seededRandom(11);
    const data: Survival = { time: [], churned: [], x: [] };
    for (let i = 0; i < 80; i++) {
      const a = Math.round(u() * 100) / 10;
      const b = Math.round(u() * 100) / 10;
      data.x.push([a, b]);
      data.time.push(Math.round((20 - (a - b)) * 10) / 10); // a − b orders every time
      data.churned.push(1);
    }
    expect(numError(() => fitCox(input(data, ["a", "b"]), "efron"))).toMatch(/complete separation/);
  });

  test("a column that is a combination of others: #NUM! naming it", () => {
    const data = randomData(5, 100, 2);
    const collinear = { ...data, x: data.x.map((r) => [r[0], r[1], 2 * r[0] - r[1] + 3]) };
    expect(numError(() => fitCox(input(collinear, ["a", "b", "c"])))).toMatch(
      /^c is a combination/
    );
  });

  test("a column that varies only among customers never at risk at a churn: #NUM!", () => {
    const data: Survival = {
      time: [1, 1, 5, 6, 7, 8],
      churned: [0, 0, 1, 1, 0, 1],
      x: [[3], [4], [0], [0], [0], [0]],
    };
    expect(numError(() => fitCox(input(data, ["x"])))).toMatch(
      /x does not vary among the customers at risk/
    );
  });

  test("no churns: #NUM!", () => {
    const data = { ...randomData(2, 20, 1), churned: new Array(20).fill(0) };
    expect(numError(() => fitCox(input(data)))).toMatch(/no customer churned/);
  });

  test("on small random data a fit is the reference's maximum, or a #NUM! with a reason", () => {
    let fits = 0;
    let refusals = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 3, max: 14 }),
        fc.integer({ min: 1, max: 2 }),
        fc.constantFrom(...TIES),
        (seed, n, p, ties) => {
          const data = randomData(seed, n, p, 2);
          if (!data.churned.includes(1)) return;
          let fit;
          try {
            fit = fitCox(input(data), ties);
          } catch (e) {
            expect(e).toBeInstanceOf(DomainError);
            expect((e as DomainError).code).toBe("num");
            expect((e as DomainError).message).toMatch(
              /complete separation|combination|does not vary|did not converge/
            );
            refusals++;
            return;
          }
          fits++;
          const f = (v: number[]) => referenceLogLikelihood(data, v, ties);
          const beta = Array.from(fit.coefficients);
          for (const v of fit.coefficients) expect(Number.isFinite(v)).toBe(true);
          // A maximum: no step of any size along any axis raises the reference likelihood.
          for (let j = 0; j < p; j++)
            for (const step of [1e-3, 0.1, 1, 10])
              for (const sign of [1, -1]) {
                const moved = beta.map((v, k) => (k === j ? v + sign * step : v));
                expect(f(moved)).toBeLessThanOrEqual(f(beta) + 1e-9 * (1 + Math.abs(f(beta))));
              }
        }
      ),
      { numRuns: 200 }
    );
    expect(fits).toBeGreaterThan(20);
    expect(refusals).toBeGreaterThan(5);
  });
});
