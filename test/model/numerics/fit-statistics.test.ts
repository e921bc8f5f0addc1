/**
 * fitStatistics against a plain Gauss–Jordan inverse written here, on random positive-definite
 * information matrices of 1 to 5 parameters with scales as far apart as a fit's (α in the
 * hundreds next to a in hundredths); singular and indefinite matrices are #NUM!.
 */
import fc from "fast-check";
import { fitStatistics, inverseInformation, Z95 } from "../../../src/model/numerics/fit-statistics";
import { DomainError } from "../../../src/model/errors";
import { normalQuantile } from "../../../src/model/numerics/normal-quantile";
import { gaussJordanInverse } from "./hessian-helpers";

/** B·Bᵀ + εI with B random, then scaled by D on both sides: positive definite, badly scaled. */
const information = fc
  .integer({ min: 1, max: 5 })
  .chain((n) =>
    fc.tuple(
      fc.array(
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
        {
          minLength: n,
          maxLength: n,
        }
      ),
      fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: n, maxLength: n }),
      // Each parameter as a multiple of its own SE (a fit's estimates are a few SEs from 0).
      fc.array(fc.double({ min: 0.3, max: 300, noNaN: true }), { minLength: n, maxLength: n })
    )
  )
  .map(([B, logScales, multiples]) => {
    const n = B.length;
    const D = logScales.map((s) => Math.pow(10, s));
    const A: number[][] = [];
    for (let i = 0; i < n; i++) {
      A.push([]);
      for (let j = 0; j < n; j++) {
        let s = i === j ? 0.5 : 0;
        for (let k = 0; k < n; k++) s += B[i][k] * B[j][k];
        A[i].push(D[i] * s * D[j]);
      }
    }
    const inv = gaussJordanInverse(A);
    const parameters = multiples.map((k, i) => k * Math.sqrt(inv[i][i]));
    return { A, parameters };
  });

const close = (a: number, b: number, tol: number) =>
  Math.abs(a - b) <= tol * Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe("fitStatistics", () => {
  test("the bounds' quantile is the two-sided 95% one, 1.96", () => {
    expect(Z95).toBeCloseTo(1.96, 4);
    expect(normalQuantile(0.975)).toBeCloseTo(Z95, 14);
  });

  test("covariance is the inverse information; SEs its diagonal's roots; bounds on the log scale", () => {
    fc.assert(
      fc.property(information, ({ A, parameters }) => {
        const n = A.length;
        const stats = fitStatistics(parameters, A);
        const inv = gaussJordanInverse(A);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            // Entries relative to the diagonal they sit between (off-diagonals may be ~0).
            const scale = Math.sqrt(inv[i][i] * inv[j][j]);
            expect(Math.abs(stats.covariance[i][j] - inv[i][j])).toBeLessThan(1e-7 * scale);
            expect(stats.covariance[i][j]).toBe(stats.covariance[j][i]);
          }
          const se = Math.sqrt(inv[i][i]);
          expect(close(stats.standardErrors[i], se, 1e-7)).toBe(true);
          const theta = parameters[i];
          expect(close(stats.lower[i], theta * Math.exp((-Z95 * se) / theta), 1e-7)).toBe(true);
          expect(close(stats.upper[i], theta * Math.exp((Z95 * se) / theta), 1e-7)).toBe(true);
          // ln θ sits midway between the log bounds, Z95·SE/θ from each.
          expect(Math.log(stats.upper[i] / theta)).toBeCloseTo((Z95 * se) / theta, 9);
          expect(Math.log(theta / stats.lower[i])).toBeCloseTo((Z95 * se) / theta, 9);
          expect(stats.lower[i]).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 }
    );
  });

  test("inverse times matrix is the identity", () => {
    fc.assert(
      fc.property(information, ({ A }) => {
        const inv = inverseInformation(A);
        const n = A.length;
        // Checked on the unit-diagonal scaling S = D⁻¹AD⁻¹ (D = √diag A), where the identity's
        // tolerance is scale-free: (S⁻¹S)ᵢⱼ = Dᵢ·(A⁻¹A)ᵢⱼ/Dⱼ.
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            let s = 0;
            for (let k = 0; k < n; k++) s += inv[i][k] * A[k][j];
            const scaled = s * Math.sqrt(A[i][i] / A[j][j]);
            expect(Math.abs(scaled - (i === j ? 1 : 0))).toBeLessThan(1e-9);
          }
      }),
      {
        numRuns: 200,
        // Scales 5·10⁵ and 1.6·10⁻⁶ side by side: a check that multiplied by Dⱼ/Dᵢ instead of
        // Dᵢ/Dⱼ saw rounding of 10⁻¹² as 10⁻⁶ here.
        examples: [
          [
            {
              A: [
                [498853.0359705703, 0, 0.006740132754112901, 0],
                [0, 0.5, 0, 0],
                [0.006740132754112901, 0, 0.0000016418091278691948, 0],
                [0, 0, 0, 0.5],
              ],
              parameters: [
                0.00042476330366190545, 0.4242640687119285, 234.1380337058646, 0.4242640687119285,
              ],
            },
          ],
        ],
      }
    );
  });

  const numError = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe("num");
      expect((e as DomainError).message).toMatch(
        /^the fit is degenerate: .+; the data cannot pin the parameters down/
      );
      return;
    }
    throw new Error("expected #NUM!");
  };

  test("a singular, indefinite or non-finite information matrix is #NUM! with a message", () => {
    numError(() =>
      fitStatistics(
        [1, 2],
        [
          [1, 2],
          [2, 4],
        ]
      )
    ); // rank 1
    numError(() =>
      fitStatistics(
        [1, 2],
        [
          [1, 1],
          [1, 1 + 1e-15],
        ]
      )
    ); // singular to rounding
    numError(() =>
      fitStatistics(
        [1, 2],
        [
          [1, 3],
          [3, 1],
        ]
      )
    ); // indefinite
    numError(() =>
      fitStatistics(
        [1, 2],
        [
          [-1, 0],
          [0, 1],
        ]
      )
    ); // curves up
    numError(() =>
      fitStatistics(
        [1, 2],
        [
          [0, 0],
          [0, 1],
        ]
      )
    ); // flat along one parameter
    numError(() => fitStatistics([1], [[NaN]]));
    numError(() =>
      fitStatistics(
        [1, 2],
        [
          [1, Infinity],
          [Infinity, 1],
        ]
      )
    );
    // A tiny curvature relative to θ: bounds that overflow.
    numError(() => fitStatistics([1e-3], [[1e-300]]));
  });

  test("scale-free: rescaling a parameter rescales its SE and bounds alike", () => {
    fc.assert(
      fc.property(
        information,
        fc.double({ min: -6, max: 6, noNaN: true }),
        ({ A, parameters }, e) => {
          const c = Math.pow(10, e);
          // θ₀ → cθ₀: the information's first row and column divide by c.
          const B = A.map((row, i) =>
            row.map((v, j) => v / ((i === 0 ? c : 1) * (j === 0 ? c : 1)))
          );
          const p2 = parameters.map((v, i) => (i === 0 ? c * v : v));
          const s1 = fitStatistics(parameters, A);
          const s2 = fitStatistics(p2, B);
          expect(close(s2.standardErrors[0], c * s1.standardErrors[0], 1e-8)).toBe(true);
          expect(close(s2.lower[0], c * s1.lower[0], 1e-8)).toBe(true);
          expect(close(s2.upper[0], c * s1.upper[0], 1e-8)).toBe(true);
        }
      ),
      { numRuns: 100 }
    );
  });
});
