/**
 * RETAIN.MBGNBD_* and RETAIN.BGNBD_PROBABILITY as Excel calls them: the fit is a maximum of a
 * likelihood written here (central differences vanish) and its stats block's standard errors
 * come from that likelihood's numerical Hessian; per-customer spills and errors; any cells give
 * only numbers, blanks or errors.
 */
import fc from "fast-check";
import {
  BGNBD_PROBABILITY,
  MBGNBD_CONDITIONAL,
  MBGNBD_EXPECTED,
  MBGNBD_FIT,
  MBGNBD_P_ALIVE,
  MBGNBD_PROBABILITY,
} from "../../src/functions/mbgnbd-functions";
import { anyArgs } from "../support/excel-arbitraries";
import { grid, isError, onlyNumbersBlanksOrErrors, single } from "../support/excel-values";
import { lgamma, simulateBgNbd } from "../model/buyers/bgnbd-helpers";

type Fn = (...args: unknown[]) => unknown;
const column = (values: unknown[]) => values.map((v) => [v]);
const s = (v: unknown) => [[v]];

/** One customer's MBG/NBD ln L, written from the paper's likelihood (test-side lnΓ). */
function customerLl(
  r: number,
  alpha: number,
  a: number,
  b: number,
  x: number,
  tx: number,
  T: number
) {
  const lb = (p: number, q: number) => lgamma(p) + lgamma(q) - lgamma(p + q);
  const base = lgamma(r + x) - lgamma(r) + r * Math.log(alpha);
  const alive = lb(a, b + x + 1) - lb(a, b) + base - (r + x) * Math.log(alpha + T);
  const gone = lb(a + 1, b + x) - lb(a, b) + base - (r + x) * Math.log(alpha + tx);
  const hi = Math.max(alive, gone);
  return hi + Math.log(Math.exp(alive - hi) + Math.exp(gone - hi));
}

// BG/NBD-simulated customers: a fair test set for any model's fit.
const sim = simulateBgNbd({ r: 0.5, alpha: 5, a: 0.9, b: 2.5 }, 1500, 20, 40, 5);
const ll = (p: number[]) =>
  sim.frequency.reduce(
    (t, x, i) => t + customerLl(p[0], p[1], p[2], p[3], x, sim.recency[i], sim.T[i]),
    0
  );

describe("MBGNBD_FIT", () => {
  const block = grid(
    (MBGNBD_FIT as Fn)(column(sim.frequency), column(sim.recency), column(sim.T), null, true)
  );
  const theta = block[0] as number[];

  test("is a maximum of the likelihood: its central differences vanish", () => {
    expect(block.length).toBe(5);
    theta.forEach((v, i) => {
      const h = 1e-5 * v;
      const up = theta.map((w, k) => (k === i ? w + h : w));
      const dn = theta.map((w, k) => (k === i ? w - h : w));
      expect(Math.abs(((ll(up) - ll(dn)) / (2 * h)) * v)).toBeLessThan(1e-3);
    });
    expect(block[4][0] as number).toBeCloseTo(ll(theta), 6);
    expect(block[4][1]).toBe(1500);
  });

  test("standard errors from the numerical Hessian of the likelihood", () => {
    const n = 4;
    const H: number[][] = [];
    for (let i = 0; i < n; i++) {
      H.push([]);
      for (let j = 0; j < n; j++) {
        const hi = 1e-4 * theta[i];
        const hj = 1e-4 * theta[j];
        const at = (si: number, sj: number) =>
          ll(theta.map((v, k) => v + (k === i ? si * hi : 0) + (k === j ? sj * hj : 0)));
        H[i].push((at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * hi * hj));
      }
    }
    // Invert −H by Gauss-Jordan.
    const A = H.map((row, i) => [...row.map((v) => -v), ...row.map((_, j) => (i === j ? 1 : 0))]);
    for (let c = 0; c < n; c++) {
      const p = A[c][c];
      for (let j = 0; j < 2 * n; j++) A[c][j] /= p;
      for (let r = 0; r < n; r++)
        if (r !== c) {
          const f = A[r][c];
          for (let j = 0; j < 2 * n; j++) A[r][j] -= f * A[c][j];
        }
    }
    for (let i = 0; i < n; i++) {
      const se = Math.sqrt(A[i][n + i]);
      expect(Math.abs((block[1][i] as number) / se - 1)).toBeLessThan(1e-3);
    }
  });

  test("bad rows give #VALUE! with the row; no repeat buyers #NUM!", () => {
    const bad = single((MBGNBD_FIT as Fn)(column([1, 2]), column([3, 9]), column([6, 6])));
    expect(bad).toEqual(
      expect.objectContaining({ error: "#VALUE!", message: expect.stringMatching(/row 2/) })
    );
    const none = single((MBGNBD_FIT as Fn)(column([0, 0]), column([0, 0]), column([6, 6])));
    expect(none).toEqual(
      isError("#NUM!") // Excel shows #NUM! without a message; the docs list the causes
    );
  });
});

describe("per-customer MBG/NBD functions and P(X(t) = x)", () => {
  const P = [0.5, 5, 0.9, 2.5].map(s);

  test("one-time buyers may be gone; a column spills one row per customer", () => {
    const alive = grid(
      (MBGNBD_P_ALIVE as Fn)(column([0, 4, 4]), column([0, 30, 5]), column([40, 40, 40]), ...P)
    );
    expect(alive.length).toBe(3);
    expect(alive[0][0]).toBeLessThan(1);
    expect(alive[1][0]).toBeGreaterThan(alive[2][0] as number);
    const cond = grid(
      (MBGNBD_CONDITIONAL as Fn)(column([4, 4]), column([30, 5]), column([40, 40]), s(10), ...P)
    );
    expect(cond[0][0]).toBeGreaterThan(cond[1][0] as number);
    expect(single((MBGNBD_EXPECTED as Fn)(s(0), ...P))).toBe(0);
  });

  test("P(X(t) = x) spills over x and sums towards 1", () => {
    const xs = column(Array.from({ length: 400 }, (_, i) => i));
    for (const fn of [BGNBD_PROBABILITY, MBGNBD_PROBABILITY]) {
      const probs = grid((fn as Fn)(xs, s(30), ...P));
      expect(probs.length).toBe(400);
      expect(probs.reduce((t, r) => t + (r[0] as number), 0)).toBeCloseTo(1, 6);
    }
  });

  test("invalid input is an Excel error", () => {
    expect(single((MBGNBD_PROBABILITY as Fn)(s(-1), s(3), ...P))).toEqual(isError("#NUM!"));
    expect(single((BGNBD_PROBABILITY as Fn)(s(1.5), s(3), ...P))).toEqual(isError("#NUM!"));
    expect(single((MBGNBD_P_ALIVE as Fn)(s(2), s(9), s(3), ...P))).toEqual(isError("#VALUE!"));
    expect(single((MBGNBD_P_ALIVE as Fn)(s(0), s(1), s(3), ...P))).toEqual(isError("#VALUE!"));
    expect(single((MBGNBD_EXPECTED as Fn)(s(3), s(0), P[1], P[2], P[3]))).toEqual(isError("#NUM!"));
    expect(single((MBGNBD_PROBABILITY as Fn)(s("two"), s(3), ...P))).toEqual(isError("#VALUE!"));
  });

  test("any cells give only numbers, blanks or errors", () => {
    for (const [fn, required, optional] of [
      [MBGNBD_P_ALIVE, 7, 0],
      [MBGNBD_CONDITIONAL, 8, 0],
      [MBGNBD_EXPECTED, 5, 0],
      [MBGNBD_PROBABILITY, 6, 0],
      [BGNBD_PROBABILITY, 6, 0],
      [MBGNBD_FIT, 3, 2],
    ] as const)
      fc.assert(
        fc.property(anyArgs(required, optional), (args) =>
          onlyNumbersBlanksOrErrors((fn as Fn)(...args))
        ),
        { numRuns: 150 }
      );
  });
});
