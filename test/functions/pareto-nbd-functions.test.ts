/**
 * RETAIN.PARETO_NBD_* as Excel calls them: columns, blanks, headers, weights, flags, the stats
 * block (its standard errors against the inverse of a finite-difference Hessian of the model's
 * likelihood), errors naming the argument and row, element-wise spills equal to the model per
 * customer, and only numbers, blanks or proper errors on anything Excel may pass.
 */
import fc from "fast-check";
import {
  PARETO_NBD_CONDITIONAL,
  PARETO_NBD_FIT,
  PARETO_NBD_P_ALIVE,
  PARETO_NBD_PROBABILITY,
} from "../../src/functions/pareto-nbd-functions";
import {
  paretoConditionalExpectedPurchases,
  paretoProbabilityAlive,
} from "../../src/model/buyers/pareto-nbd";
import { paretoNbdLogLikelihood } from "../../src/model/buyers/pareto-nbd-fit";
import { anyArgs } from "../support/excel-arbitraries";
import { grid, isError, onlyNumbersBlanksOrErrors, single } from "../support/excel-values";
import { gaussJordanInverse, numericalHessian } from "../model/numerics/hessian-helpers";
import { simulateParetoNbd } from "../model/buyers/pareto-nbd-helpers";

type Fn = (...args: unknown[]) => unknown;
const fit = PARETO_NBD_FIT as Fn;
const pAlive = PARETO_NBD_P_ALIVE as Fn;
const conditional = PARETO_NBD_CONDITIONAL as Fn;
const probability = PARETO_NBD_PROBABILITY as Fn;
const column = (values: unknown[]) => values.map((v) => [v]);
const s = (v: unknown) => [[v]];
const CDNOW = [0.55, 10.58, 0.61, 11.67];
const sim = simulateParetoNbd({ r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, 800, 27, 39, 21);
const x = column(sim.frequency);
const tx = column(sim.recency);
const T = column(sim.T);

describe("PARETO_NBD_FIT", () => {
  test("spills r, alpha, s, beta; blank tail rows and a header row are skipped", () => {
    const plain = grid(fit(x, tx, T));
    expect(plain.length).toBe(1);
    expect(plain[0].length).toBe(4);
    expect(plain[0].every((v) => typeof v === "number" && v > 0)).toBe(true);
    const withTail = grid(
      fit([["x"], ...x, [null], [""]], [["t_x"], ...tx, [null], [""]], [["T"], ...T, [null], [""]])
    );
    withTail[0].forEach((v, i) => expect(v).toBeCloseTo(plain[0][i] as number, 10));
  });

  test("weights count identical rows; TRUE and 1 both give the stats block", () => {
    const w = sim.frequency.map((_, i) => 1 + (i % 2));
    const weighted = grid(fit(x, tx, T, column(w)));
    const expanded = grid(
      fit(
        column(sim.frequency.flatMap((v, i) => Array(w[i]).fill(v))),
        column(sim.recency.flatMap((v, i) => Array(w[i]).fill(v))),
        column(sim.T.flatMap((v, i) => Array(w[i]).fill(v)))
      )
    );
    weighted[0].forEach((v, i) => expect(v).toBeCloseTo(expanded[0][i] as number, 8));
    const a = grid(fit(x, tx, T, null, true));
    const b = grid(fit(x, tx, T, null, 1));
    expect(a).toEqual(b);
    expect(a.length).toBe(5);
    expect(grid(fit(x, tx, T, null, false))).toEqual(grid(fit(x, tx, T)));
  });

  test("the stats block: standard errors are the inverse of a finite-difference Hessian", () => {
    const block = grid(fit(x, tx, T, null, true));
    const theta = block[0] as number[];
    const data = { frequency: sim.frequency, recency: sim.recency, T: sim.T };
    const H = numericalHessian(
      (p) => paretoNbdLogLikelihood(data, p[0], p[1], p[2], p[3]),
      theta,
      1e-4
    );
    const cov = gaussJordanInverse(H.map((row) => row.map((h) => -h)));
    (block[1] as number[]).forEach((se, i) =>
      expect(Math.abs(se / Math.sqrt(cov[i][i]) - 1)).toBeLessThan(1e-4)
    );
    theta.forEach((v, i) => {
      expect(block[2][i]).toBeLessThan(v);
      expect(block[3][i]).toBeGreaterThan(v);
    });
    expect(block[4][0]).toBeCloseTo(paretoNbdLogLikelihood(data, theta[0], theta[1], theta[2], theta[3]), 6);
    expect(block[4][1]).toBe(800);
    expect(block[4][2]).toEqual(isError("#N/A"));
  });

  test("errors name the argument and the row", () => {
    const bad = grid(fit([[1], [2]], [[1], [9]], [[5], [6]]));
    expect(bad[0][0]).toEqual(isError("#VALUE!"));
    expect((bad[0][0] as { message: string }).message).toMatch(/row 2/);
    expect(single(fit([[1], ["abc"]], [[1], [1]], [[5], [6]]))).toEqual(
      expect.objectContaining({ error: "#VALUE!", message: expect.stringMatching(/frequency.*row 2/) })
    );
    expect(single(fit([[0], [0]], [[0], [0]], [[5], [6]]))).toEqual(isError("#NUM!"));
    expect(single(fit(x, tx, T, null, [[1, 0]]))).toEqual(isError("#VALUE!"));
    expect(grid(fit([[null]], [[null]], [[null]]))).toEqual([["", "", "", ""]]);
  });
});

describe("the per-customer functions", () => {
  test("spill one row per customer, equal to the model, blanks where the table is empty", () => {
    const p = CDNOW.map(s);
    const alive = grid(pAlive([...x.slice(0, 50), [null]], [...tx.slice(0, 50), [null]], [...T.slice(0, 50), [null]], ...p));
    const e = grid(conditional(x.slice(0, 50), tx.slice(0, 50), T.slice(0, 50), s(39), ...p));
    for (let i = 0; i < 50; i++) {
      expect(alive[i][0]).toBe(paretoProbabilityAlive(sim.frequency[i], sim.recency[i], sim.T[i], 0.55, 10.58, 0.61, 11.67));
      expect(e[i][0]).toBe(
        paretoConditionalExpectedPurchases(sim.frequency[i], sim.recency[i], sim.T[i], 39, 0.55, 10.58, 0.61, 11.67)
      );
    }
    expect(alive.length === 50 || alive[50][0] === "").toBe(true);
  });

  test("P(X(t) = x) spills over a column of x and sums to 1", () => {
    const xs = Array.from({ length: 300 }, (_, i) => i);
    const probs = grid(probability(column(xs), s(39), ...CDNOW.map(s))).map((row) => row[0] as number);
    expect(Math.abs(probs.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-9);
  });

  test("bad values give errors in their row, the other rows are computed", () => {
    const alive = grid(pAlive([[2], [-1], [3]], [[1], [0], [9]], [[5], [5], [5]], ...CDNOW.map(s)));
    expect(typeof alive[0][0]).toBe("number");
    expect(alive[1][0]).toEqual(isError("#VALUE!"));
    expect(alive[2][0]).toEqual(isError("#VALUE!"));
    expect(single(pAlive(s(1), s(1), s(2), s(0), s(1), s(1), s(1)))).toEqual(isError("#NUM!"));
    expect(single(conditional(s(1), s(1), s(2), s(-1), ...CDNOW.map(s)))).toEqual(isError("#NUM!"));
    expect(single(probability(s(-1), s(2), ...CDNOW.map(s)))).toEqual(isError("#NUM!"));
    expect(single(probability(s(true), s(2), ...CDNOW.map(s)))).toEqual(isError("#VALUE!"));
  });
});

const functions: Array<[string, Fn, number, number]> = [
  ["PARETO_NBD_FIT", fit, 3, 2],
  ["PARETO_NBD_P_ALIVE", pAlive, 7, 0],
  ["PARETO_NBD_CONDITIONAL", conditional, 8, 0],
  ["PARETO_NBD_PROBABILITY", probability, 6, 0],
];

describe.each(functions)("RETAIN.%s on anything Excel may pass", (_, fn, required, optional) => {
  test("only numbers, blanks or errors come out", () => {
    fc.assert(
      fc.property(anyArgs(required, optional), (args) => onlyNumbersBlanksOrErrors(fn(...args))),
      { numRuns: 500 }
    );
  });
});
