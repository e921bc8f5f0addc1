import { DomainError } from "../../../src/model/errors";
import { bgnbdLogLikelihood, fitBgNbd } from "../../../src/model/buyers/bgnbd-fit";
import { expectNumError } from "../../support/domain-errors";
import { bgnbdCustomerLogLikelihood, prng, simulateBgNbd } from "./bgnbd-helpers";

type Data = { frequency: number[]; recency: number[]; T: number[]; weight?: number[] };

/** Σ w·ln L by the domain's formula (test-side lnΓ), at log-parameters θ. */
function referenceLl(d: Data, theta: number[]): number {
  const [r, alpha, a, b] = theta.map(Math.exp);
  let ll = 0;
  for (let i = 0; i < d.frequency.length; i++)
    ll +=
      (d.weight ? d.weight[i] : 1) *
      bgnbdCustomerLogLikelihood(r, alpha, a, b, d.frequency[i], d.recency[i], d.T[i]);
  return ll;
}

/** Central-difference gradient and Hessian of the reference LL on log-parameters. */
function numericDerivatives(
  d: Data,
  theta: number[],
  hessian: boolean
): { g: number[]; H: number[][] } {
  const h = 1e-4;
  const f = (t: number[]) => referenceLl(d, t);
  const shift = (i: number, s: number, j = -1, u = 0) =>
    theta.map((v, k) => v + (k === i ? s : 0) + (k === j ? u : 0));
  const g = theta.map((_, i) => (f(shift(i, h)) - f(shift(i, -h))) / (2 * h));
  if (!hessian) return { g, H: [] };
  const H = theta.map((_, i) =>
    theta.map(
      (_, j) =>
        (f(shift(i, h, j, h)) -
          f(shift(i, h, j, -h)) -
          f(shift(i, -h, j, h)) +
          f(shift(i, -h, j, -h))) /
        (4 * h * h)
    )
  );
  return { g, H };
}

/** Inverse of a small symmetric positive-definite matrix by Gauss-Jordan. */
function inverse(M: number[][]): number[][] {
  const n = M.length;
  const A = M.map((row, i) => [...row, ...row.map((_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    const p = A[c][c];
    for (let j = 0; j < 2 * n; j++) A[c][j] /= p;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = A[r][c];
      for (let j = 0; j < 2 * n; j++) A[r][j] -= f * A[c][j];
    }
  }
  return A.map((row) => row.slice(n));
}

const CDNOW = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe("fitBgNbd recovers simulated customers' parameters at a true maximum", () => {
  test("CDNOW-like weekly data, 20,000 customers: gradient ≈ 0 and the truth recovered", () => {
    const data = simulateBgNbd(CDNOW, 20_000, 27, 39, 11);
    const fit = fitBgNbd(data);
    const theta = [fit.r, fit.alpha, fit.a, fit.b].map(Math.log);
    const { g } = numericDerivatives(data, theta, false);
    for (const gi of g) expect(Math.abs(gi)).toBeLessThan(1e-6 * Math.abs(fit.logLikelihood));
    const truth = [CDNOW.r, CDNOW.alpha, CDNOW.a, CDNOW.b].map(Math.log);
    for (let i = 0; i < 4; i++) expect(Math.abs(theta[i] - truth[i])).toBeLessThan(0.2);
  });

  test.each([
    ["CDNOW-like, weekly", CDNOW, 3000, 27, 39, 21],
    [
      "heavy wholesale buyers (x up to ~10,000)",
      { r: 3, alpha: 0.1, a: 0.6, b: 12 },
      1500,
      100,
      300,
      12,
    ],
    ["daily data, slow buyers", { r: 0.6, alpha: 120, a: 1.4, b: 5 }, 3000, 200, 700, 13],
  ])(
    "%s: a strict maximum with the truth within 4 standard errors",
    (_, truth, n, Tmin, Tmax, seed) => {
      const data = simulateBgNbd(truth, n, Tmin, Tmax, seed);
      const fit = fitBgNbd(data);
      const theta = [fit.r, fit.alpha, fit.a, fit.b].map(Math.log);
      // The model's LL is the domain's formula.
      expect(fit.logLikelihood).toBeCloseTo(referenceLl(data, theta), 6);
      const { g, H } = numericDerivatives(data, theta, true);
      for (const gi of g) expect(Math.abs(gi)).toBeLessThan(1e-6 * Math.abs(fit.logLikelihood));
      // Standard errors on logs from the observed information (−H)⁻¹.
      const cov = inverse(H.map((row) => row.map((v) => -v)));
      const truthLog = [truth.r, truth.alpha, truth.a, truth.b].map(Math.log);
      for (let i = 0; i < 4; i++) {
        expect(cov[i][i]).toBeGreaterThan(0);
        expect(Math.abs(theta[i] - truthLog[i])).toBeLessThan(4 * Math.sqrt(cov[i][i]));
      }
    }
  );

  test("weights are counts of identical rows: the same fit as repeating the rows", () => {
    const data = simulateBgNbd(CDNOW, 400, 27, 39, 3);
    const weight = data.frequency.map((_, i) => 1 + (i % 3));
    const repeated: Data = { frequency: [], recency: [], T: [] };
    data.frequency.forEach((x, i) => {
      for (let k = 0; k < weight[i]; k++) {
        repeated.frequency.push(x);
        repeated.recency.push(data.recency[i]);
        repeated.T.push(data.T[i]);
      }
    });
    const a = fitBgNbd({ ...data, weight });
    const b = fitBgNbd(repeated);
    for (const key of ["r", "alpha", "a", "b"] as const) expect(a[key]).toBeCloseTo(b[key], 8);
    expect(a.logLikelihood).toBeCloseTo(b.logLikelihood, 6);
    // Weight-0 rows play no part, whatever they hold.
    const withZero = fitBgNbd({
      frequency: [...data.frequency, 5000],
      recency: [...data.recency, 1],
      T: [...data.T, 2],
      weight: [...weight, 0],
    });
    expect(withZero.r).toBeCloseTo(a.r, 10);
  });

  test("small samples: every fit is a true maximum or a clear #NUM!", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const data = simulateBgNbd(CDNOW, 15 + seed, 27, 39, 100 + seed);
      let fit;
      try {
        fit = fitBgNbd(data);
      } catch (e) {
        expect(e).toBeInstanceOf(DomainError);
        expect((e as DomainError).code).toBe("num");
        expect((e as DomainError).message).toMatch(
          /^no finite BG\/NBD parameters fit these customers: /
        );
        continue;
      }
      const theta = [fit.r, fit.alpha, fit.a, fit.b].map(Math.log);
      const { g } = numericDerivatives(data, theta, false);
      for (const gi of g) expect(Math.abs(gi)).toBeLessThan(1e-5 * Math.abs(fit.logLikelihood));
      // No nearby point is higher.
      for (let i = 0; i < 4; i++)
        for (const s of [-0.01, 0.01])
          expect(
            referenceLl(
              data,
              theta.map((v, k) => v + (k === i ? s : 0))
            )
          ).toBeLessThanOrEqual(fit.logLikelihood + 1e-9);
    }
  });

  test("random true parameters, 1,000 customers each: a maximum with gradient ≈ 0, or a clear #NUM!", () => {
    const u = prng(2024);
    let maxima = 0;
    for (let k = 0; k < 12; k++) {
      const truth = {
        r: Math.exp(-2 + 3 * u()),
        alpha: Math.exp(-2 + 6 * u()),
        a: Math.exp(-1.5 + 3 * u()),
        b: Math.exp(-1 + 4 * u()),
      };
      const data = simulateBgNbd(truth, 1000, 10, 100, 500 + k);
      let fit;
      try {
        fit = fitBgNbd(data);
      } catch (e) {
        expect((e as DomainError).code).toBe("num");
        expect((e as DomainError).message).toMatch(
          /^no finite BG\/NBD parameters fit these customers: /
        );
        continue;
      }
      maxima++;
      const theta = [fit.r, fit.alpha, fit.a, fit.b].map(Math.log);
      const { g } = numericDerivatives(data, theta, false);
      for (const gi of g) expect(Math.abs(gi)).toBeLessThan(1e-6 * Math.abs(fit.logLikelihood));
    }
    expect(maxima).toBeGreaterThanOrEqual(10);
  });

  test("degenerate data gives #NUM! with the reason", () => {
    expectNumError(
      () => fitBgNbd({ frequency: [0, 0, 0], recency: [0, 0, 0], T: [10, 20, 30] }),
      /no customer made a repeat purchase/
    );
    expectNumError(() => fitBgNbd({ frequency: [], recency: [], T: [] }), /no customers/);
    expectNumError(
      () => fitBgNbd({ frequency: [1, 2], recency: [1, 2], T: [3, 4], weight: [0, 0] }),
      /no customers/
    );
    // Every repeat buyer bought at the very end: nothing suggests anyone left.
    expectNumError(
      () =>
        fitBgNbd({
          frequency: [0, 1, 2, 3, 0, 5],
          recency: [0, 10, 20, 30, 0, 50],
          T: [10, 10, 20, 30, 40, 50],
        }),
      /no finite BG\/NBD parameters/
    );
  });

  test("bad rows are #VALUE! naming the row", () => {
    const bad = (frequency: number[], recency: number[], T: number[]) => {
      try {
        fitBgNbd({ frequency, recency, T });
      } catch (e) {
        return [(e as DomainError).code, (e as DomainError).message];
      }
      return null;
    };
    expect(bad([1, 1.5], [1, 1], [2, 2])).toEqual([
      "value",
      expect.stringMatching(/whole number.*row 2/),
    ]);
    expect(bad([1, 1], [1, 3], [2, 2])).toEqual([
      "value",
      expect.stringMatching(/exceeds T.*row 2/),
    ]);
    expect(bad([1, -1], [1, 0], [2, 2])).toEqual(["value", expect.stringMatching(/row 2/)]);
  });

  test("bgnbdLogLikelihood is the domain's formula", () => {
    const data = simulateBgNbd(CDNOW, 300, 27, 39, 8);
    const theta = [0.3, 5, 0.9, 2].map(Math.log);
    expect(bgnbdLogLikelihood(data, 0.3, 5, 0.9, 2)).toBeCloseTo(referenceLl(data, theta), 8);
  });
});
