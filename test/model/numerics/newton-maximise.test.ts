/**
 * The fits' move from derivatives on the parameters to derivatives on their logarithms, against
 * central finite differences of g(θ) = f(e^θ) on a function whose derivatives are known.
 */
import fc from "fast-check";
import { toLogParameters } from "../../../src/model/numerics/newton-maximise";

/** f(p, q, s) = p²·q + ln(q)·s + s³/p, with its gradient and Hessian written out. */
const f = ([p, q, s]: number[]) => p * p * q + Math.log(q) * s + (s * s * s) / p;
const gradient = ([p, q, s]: number[]) => [
  2 * p * q - (s * s * s) / (p * p),
  p * p + s / q,
  Math.log(q) + (3 * s * s) / p,
];
const hessian = ([p, q, s]: number[]) => [
  [2 * q + (2 * s * s * s) / (p * p * p), 2 * p, (-3 * s * s) / (p * p)],
  [2 * p, -s / (q * q), 1 / q],
  [(-3 * s * s) / (p * p), 1 / q, (6 * s) / p],
];

describe("toLogParameters", () => {
  it("gives the derivatives of f(e^θ) on θ = ln p", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (p) => {
          const grad = new Float64Array(3);
          const hess = new Float64Array(9);
          toLogParameters(p, gradient(p), hessian(p).flat(), grad, hess);
          const theta = p.map(Math.log);
          const g = (t: number[]) => f(t.map(Math.exp));
          const h = 1e-4;
          const moved = (i: number, d: number, j = i, e = 0) =>
            theta.map((t, k) => t + (k === i ? d : 0) + (k === j ? e : 0));
          for (let i = 0; i < 3; i++) {
            const di = (g(moved(i, h)) - g(moved(i, -h))) / (2 * h);
            expect(Math.abs(grad[i] - di)).toBeLessThan(1e-6 * (1 + Math.abs(di)));
            for (let j = 0; j < 3; j++) {
              const dij =
                (g(moved(i, h, j, h)) -
                  g(moved(i, h, j, -h)) -
                  g(moved(i, -h, j, h)) +
                  g(moved(i, -h, j, -h))) /
                (4 * h * h);
              expect(Math.abs(hess[i * 3 + j] - dij)).toBeLessThan(1e-4 * (1 + Math.abs(dij)));
            }
          }
        }
      ),
      { numRuns: 100 }
    );
  });

  it("leaves what it is not given alone", () => {
    const hess = new Float64Array(4).fill(7);
    toLogParameters([1, 2], [3, 4], [1, 1, 1, 1], null, hess);
    expect(Array.from(hess)).toEqual([7, 7, 7, 7]);
  });
});
