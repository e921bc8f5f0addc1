/*
 * One α, β fitted across several cohorts (a cohort triangle, docs/definitions.md §7): LL = Σ_c LL_c, each
 * cohort over its own observed periods. Checked against a brute-force likelihood written here
 * term by term from P(T=t) and S(k) (log-beta functions, not the model's recursions) and
 * maximised by Nelder–Mead, and against simulated triangles.
 */
import fc from "fast-check";
import {
  fitSbg,
  fitSbgCohorts,
  sbgCohortsLogLikelihood,
  sbgCohortsLogLikelihoodGradient,
} from "../../../src/model/sbg/sbg-fit";
import { survival } from "../../../src/model/sbg/sbg-curve";
import { expectNumError } from "../../support/domain-errors";
import { lgamma, simulateCohort } from "./sbg-helpers";

const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223, 207, 194, 183, 173];
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

const lnBeta = (a: number, b: number) => lgamma(a) + lgamma(b) - lgamma(a + b);

/** Σ_c w_c·[Σ_t (n_{t−1} − n_t)·ln P(T=t) + n_k·ln S(k)], P and S from their beta-function definitions. */
function bruteLogLikelihood(
  alpha: number,
  beta: number,
  cohorts: readonly (readonly number[])[],
  weights: readonly number[] = cohorts.map(() => 1)
): number {
  const lnB = lnBeta(alpha, beta);
  let ll = 0;
  cohorts.forEach((n, c) => {
    const k = n.length - 1;
    let llc = n[k] > 0 ? n[k] * (lnBeta(alpha, beta + k) - lnB) : 0;
    for (let t = 1; t <= k; t++)
      if (n[t - 1] > n[t]) llc += (n[t - 1] - n[t]) * (lnBeta(alpha + 1, beta + t - 1) - lnB);
    ll += weights[c] * llc;
  });
  return ll;
}

/** Nelder–Mead on (ln α, ln β): the maximiser of f, found without derivatives. */
function nelderMead(
  f: (u: number, v: number) => number,
  start: [number, number]
): [number, number] {
  let simplex: Array<[number, number, number]> = [
    [start[0], start[1], 0],
    [start[0] + 0.5, start[1], 0],
    [start[0], start[1] + 0.5, 0],
  ].map(([u, v]) => [u, v, -f(u, v)]);
  for (let i = 0; i < 5000; i++) {
    simplex.sort((a, b) => a[2] - b[2]);
    const [best, mid, worst] = simplex;
    if (
      Math.abs(worst[2] - best[2]) <= 1e-13 * (1 + Math.abs(best[2])) &&
      Math.hypot(worst[0] - best[0], worst[1] - best[1]) < 1e-9
    )
      break;
    const cu = (best[0] + mid[0]) / 2;
    const cv = (best[1] + mid[1]) / 2;
    const at = (t: number): [number, number, number] => {
      const u = cu + t * (worst[0] - cu);
      const v = cv + t * (worst[1] - cv);
      return [u, v, -f(u, v)];
    };
    const reflected = at(-1);
    if (reflected[2] < best[2]) {
      const expanded = at(-2);
      simplex = [best, mid, expanded[2] < reflected[2] ? expanded : reflected];
    } else if (reflected[2] < mid[2]) {
      simplex = [best, mid, reflected];
    } else {
      const contracted = at(reflected[2] < worst[2] ? -0.5 : 0.5);
      if (contracted[2] < Math.min(worst[2], reflected[2])) simplex = [best, mid, contracted];
      else
        simplex = simplex.map(([u, v]) => {
          const su = best[0] + (u - best[0]) / 2;
          const sv = best[1] + (v - best[1]) / 2;
          return [su, sv, -f(su, sv)];
        }) as Array<[number, number, number]>;
    }
  }
  simplex.sort((a, b) => a[2] - b[2]);
  return [Math.exp(simplex[0][0]), Math.exp(simplex[0][1])];
}

/** The brute-force maximum likelihood α, β of cohorts with these weights. */
function bruteFit(
  cohorts: readonly (readonly number[])[],
  weights?: readonly number[],
  start: [number, number] = [0, 0]
): [number, number] {
  return nelderMead(
    (u, v) => bruteLogLikelihood(Math.exp(u), Math.exp(v), cohorts, weights),
    start
  );
}

/** A monthly triangle: cohort c observed for `periods − c` periods, sizes from `size(c)`. */
function simulatedTriangle(
  alpha: number,
  beta: number,
  cohorts: number,
  size: (c: number) => number,
  seed: number
): number[][] {
  return Array.from({ length: cohorts }, (_, c) =>
    simulateCohort(alpha, beta, size(c), cohorts - c, seed + c)
  );
}

describe("sBG fit across cohorts: the likelihood", () => {
  const triangle = [REGULAR.slice(0, 9), [500, 300, 220, 180], [800, 520], [300]];

  it("equals Σ_c LL_c written term by term (each cohort over its own periods)", () => {
    for (const [a, b] of [
      [0.704, 1.182],
      [2, 0.3],
      [40, 100],
    ])
      expect(
        relative(sbgCohortsLogLikelihood(a, b, triangle), bruteLogLikelihood(a, b, triangle))
      ).toBeLessThan(1e-12);
  });

  it("has the gradient of its finite differences (on ln α, ln β)", () => {
    const [a, b] = [0.9, 2.5];
    const h = 1e-6;
    const ll = (x: number, y: number) => sbgCohortsLogLikelihood(x, y, triangle);
    const [gu, gv] = sbgCohortsLogLikelihoodGradient(a, b, triangle);
    expect(relative(gu, (ll(a * Math.exp(h), b) - ll(a * Math.exp(-h), b)) / (2 * h))).toBeLessThan(
      1e-6
    );
    expect(relative(gv, (ll(a, b * Math.exp(h)) - ll(a, b * Math.exp(-h))) / (2 * h))).toBeLessThan(
      1e-6
    );
  });
});

describe("sBG fit across cohorts: agreement with a brute-force maximisation", () => {
  it("a hand-made triangle: same α, β and the same maximum as Nelder–Mead on the summed LL", () => {
    const triangle = [REGULAR, [500, 330, 250, 205, 180, 160], [800, 500, 380], [300, 190], [120]];
    const fit = fitSbgCohorts(triangle);
    const [a, b] = bruteFit(triangle);
    expect(relative(fit.alpha, a)).toBeLessThan(1e-5);
    expect(relative(fit.beta, b)).toBeLessThan(1e-5);
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(
      bruteLogLikelihood(a, b, triangle) - 1e-9 * Math.abs(fit.logLikelihood)
    );
    expect(
      relative(fit.logLikelihood, bruteLogLikelihood(fit.alpha, fit.beta, triangle))
    ).toBeLessThan(1e-12);
  });

  it("random triangles whose retention rises: the brute-force maximum, or #NUM! (property)", () => {
    const row = fc
      .tuple(
        fc.integer({ min: 20, max: 5000 }),
        fc.array(fc.double({ min: 0.2, max: 0.99, noNaN: true }), { minLength: 0, maxLength: 12 })
      )
      .map(([size, keep]) => {
        keep.sort((p, q) => p - q); // rising retention, as real cohorts have
        const cohort = [size];
        for (const r of keep) cohort.push(Math.round(cohort[cohort.length - 1] * r));
        return cohort;
      });
    let fitted = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 8 }), (triangle) => {
        let fit;
        try {
          fit = fitSbgCohorts(triangle);
        } catch (e) {
          expect((e as { code: string }).code).toBe("num");
          return;
        }
        fitted++;
        const [a, b] = bruteFit(triangle, undefined, [
          Math.log(fit.alpha),
          Math.log(fit.beta) + 0.3,
        ]);
        const rounding = 1e-9 * Math.abs(fit.logLikelihood);
        // nothing Nelder–Mead finds beats the fit, and the fit is a stationary point
        expect(bruteLogLikelihood(a, b, triangle)).toBeLessThanOrEqual(
          fit.logLikelihood + rounding
        );
        const [gu, gv] = sbgCohortsLogLikelihoodGradient(fit.alpha, fit.beta, triangle);
        const total = triangle.reduce((s, c) => s + c[0], 0);
        expect(Math.abs(gu) / total).toBeLessThan(1e-8);
        expect(Math.abs(gv) / total).toBeLessThan(1e-8);
      }),
      { numRuns: 60 }
    );
    expect(fitted).toBeGreaterThan(20);
  }, 60_000);
});

describe("sBG fit across cohorts: recovery from simulated triangles", () => {
  it.each([
    [0.704, 1.182],
    [0.668, 3.806],
    [2, 6],
  ])(
    "a 24-cohort monthly triangle of 4,000 customers a month recovers α = %p, β = %p",
    (a, b) => {
      const triangle = simulatedTriangle(a, b, 24, () => 4000, 7);
      const fit = fitSbgCohorts(triangle);
      expect(relative(fit.alpha, a)).toBeLessThan(0.12);
      expect(relative(fit.beta, b)).toBeLessThan(0.12);
      expect(relative(fit.alpha / (fit.alpha + fit.beta), a / (a + b))).toBeLessThan(0.03);
      const [ba, bb] = bruteFit(triangle, undefined, [Math.log(a), Math.log(b)]);
      expect(relative(fit.alpha, ba)).toBeLessThan(1e-5);
      expect(relative(fit.beta, bb)).toBeLessThan(1e-5);
    },
    60_000
  );

  it("expected survivors (no noise) give the truth exactly, whatever each cohort's length", () => {
    const [a, b] = [0.5, 2];
    const triangle = Array.from({ length: 12 }, (_, c) =>
      Array.from({ length: 13 - c }, (_, t) => (1000 + 100 * c) * survival(a, b, t))
    );
    const fit = fitSbgCohorts(triangle);
    expect(relative(fit.alpha, a)).toBeLessThan(1e-7);
    expect(relative(fit.beta, b)).toBeLessThan(1e-7);
  });
});

describe("sBG fit across cohorts: counts and shares", () => {
  it("one row is exactly the single-cohort fit", () => {
    expect(fitSbgCohorts([REGULAR])).toEqual(fitSbg(REGULAR));
    expect(fitSbgCohorts([REGULAR], 7)).toEqual(fitSbg(REGULAR, 7));
  });

  it("several copies of one cohort, as shares or counts of any sizes, give that cohort's α, β", () => {
    const one = fitSbg(REGULAR);
    const shares = REGULAR.map((n) => n / 1000);
    for (const triangle of [
      [shares, shares, shares],
      [REGULAR, REGULAR.map((n) => n * 7)],
    ]) {
      const fit = fitSbgCohorts(triangle);
      expect(relative(fit.alpha, one.alpha)).toBeLessThan(1e-9);
      expect(relative(fit.beta, one.beta)).toBeLessThan(1e-9);
    }
  });

  it("counts weight cohorts by size, shares weight them equally", () => {
    const triangle = [
      simulateCohort(0.5, 1, 20_000, 10, 1),
      simulateCohort(3, 4, 500, 10, 2),
      simulateCohort(1, 3, 2_000, 6, 3),
    ];
    const asShares = triangle.map((c) => c.map((n) => n / c[0]));
    const counts = fitSbgCohorts(triangle);
    const shares = fitSbgCohorts(asShares);
    const [ca, cb] = bruteFit(triangle);
    const [sa, sb] = bruteFit(
      triangle,
      triangle.map((c) => 1 / c[0])
    );
    expect(relative(counts.alpha, ca)).toBeLessThan(1e-5);
    expect(relative(counts.beta, cb)).toBeLessThan(1e-5);
    expect(relative(shares.alpha, sa)).toBeLessThan(1e-5);
    expect(relative(shares.beta, sb)).toBeLessThan(1e-5);
    expect(relative(counts.alpha, shares.alpha)).toBeGreaterThan(0.05);
  });
});

describe("sBG fit across cohorts: rows, holdout and errors", () => {
  const triangle = [REGULAR.slice(0, 9), [500, 330, 250, 205, 180], [800, 520], [300]];

  it("a cohort of its size alone contributes nothing", () => {
    const without = fitSbgCohorts(triangle.slice(0, 3));
    const withIt = fitSbgCohorts(triangle);
    expect(relative(withIt.alpha, without.alpha)).toBeLessThan(1e-12);
    expect(relative(withIt.beta, without.beta)).toBeLessThan(1e-12);
  });

  it("calibration_periods fits each cohort's first k periods (at most): the rest is holdout", () => {
    const cut = triangle.map((c) => c.slice(0, 4));
    const a = fitSbgCohorts(triangle, 3);
    const b = fitSbgCohorts(cut);
    expect(relative(a.alpha, b.alpha)).toBeLessThan(1e-12);
    expect(relative(a.beta, b.beta)).toBeLessThan(1e-12);
  });

  it.each([
    ["a rise in row 2", [REGULAR, [500, 300, 320]], /^survivors row 2: survivors rise from 300/],
    ["a negative in row 3", [REGULAR, [500, 300], [10, -1]], /^survivors row 3: .*negative/],
    ["a cohort size of 0", [REGULAR, [0, 0]], /^survivors row 2: the cohort size/],
    [
      "no cohort with 2 periods",
      [[500, 300], [800, 500], [100]],
      /at least one cohort with its size and 2 periods/,
    ],
    [
      "no one leaves any cohort",
      [
        [500, 500, 500],
        [80, 80],
      ],
      /no one leaves the cohorts/,
    ],
    [
      "everyone leaves at once",
      [
        [500, 0, 0],
        [80, 0],
      ],
      /everyone leaves in the first period/,
    ],
    [
      "no one leaves after period 1",
      [
        [500, 300, 300],
        [80, 50, 50, 50],
        [9, 3],
      ],
      /no one leaves after the first period/,
    ],
    [
      "falling retention",
      [
        [1000, 900, 800, 700],
        [500, 450, 400],
      ],
      /constant retention of/,
    ],
  ])("%s is #NUM! with a message", (_, rows, message) =>
    expectNumError(() => fitSbgCohorts(rows as number[][]), message)
  );

  it("calibration_periods beyond the longest cohort is #NUM!", () =>
    expectNumError(() => fitSbgCohorts(triangle, 9), /exceeds the 8 periods/));
});
