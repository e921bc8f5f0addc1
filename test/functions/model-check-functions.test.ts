/**
 * The model-check functions as Excel calls them (from the source): each table against loops
 * written here (buyer-check-helpers.ts and the likelihood term by term), one spill feeding the
 * next as on a sheet, TRUE/FALSE and 1/0 for every flag, and junk arguments giving only numbers,
 * text labels, blanks or proper errors.
 */
import fc from "fast-check";
import {
  HOLDOUT_BY_FREQUENCY,
  HOLDOUT_SUMMARY,
  MODEL_COMPARE,
  REPEAT_HISTOGRAM,
  REPEAT_TRACKING,
} from "../../src/functions/model-check-functions";
import { BGNBD_FIT } from "../../src/functions/clv-functions";
import { CustomFunctionsError } from "../support/custom-functions-global";
import { anyArgs, anyCellOrError } from "../support/excel-arbitraries";
import { bgnbdCustomerLogLikelihood, prng } from "../model/buyers/bgnbd-helpers";
import {
  conditionalByIntegral,
  expectedByIntegral,
  probabilityByFormula,
} from "../model/buyers/buyer-check-helpers";

type Fn = (...args: unknown[]) => unknown[][];
const holdoutSummary = HOLDOUT_SUMMARY as Fn;
const repeatHistogram = REPEAT_HISTOGRAM as Fn;
const holdoutByFrequency = HOLDOUT_BY_FREQUENCY as Fn;
const repeatTracking = REPEAT_TRACKING as Fn;
const modelCompare = MODEL_COMPARE as Fn;
const bgnbdFit = BGNBD_FIT as Fn;

const column = (values: unknown[]) => values.map((v) => [v]);
const BASE = 45000;
const CAL = BASE + 39 * 7;
const END = BASE + 78 * 7;

/** Orders of 400 customers who join over 12 weeks and buy at their own rate until they stop. */
function orders(seed: number): { ids: string[]; days: number[] } {
  const u = prng(seed);
  const ids: string[] = [];
  const days: number[] = [];
  for (let c = 0; c < 400; c++) {
    let day = BASE + Math.floor(u() * 84);
    const gap = 5 + u() * 60;
    const life = u() * 600;
    const stop = day + life;
    while (day <= END + 30 && day <= stop) {
      ids.push(`C${c}`);
      days.push(day);
      day += 1 + Math.floor(-Math.log(u()) * gap);
    }
  }
  return { ids, days };
}

const { ids, days } = orders(5);
const summary = holdoutSummary(column(ids), column(days), CAL, END);
const col = (j: number) => summary.map((row) => [row[j]]);
const fitBlock = bgnbdFit(col(1), col(2), col(3), null, true);
const params = fitBlock[0] as number[];
const P = { r: params[0], alpha: params[1], a: params[2], b: params[3] };

const isError = (cell: unknown, code: string, message?: RegExp) =>
  cell instanceof CustomFunctionsError &&
  cell.code === code &&
  (message === undefined || message.test(cell.message));

describe("HOLDOUT_SUMMARY", () => {
  test("a small table by hand: x, t_x and T in weeks at the calibration end, then the holdout", () => {
    const got = holdoutSummary(
      column(["A", "A", "B", "A", "A", "C", "A"]),
      column([BASE, BASE + 7, BASE + 3, BASE + 14, BASE + 14, BASE + 15, BASE + 20]),
      BASE + 14,
      "2023-04-19", // BASE + 35
      1,
      true
    );
    expect(got).toEqual([
      ["customer", "frequency", "recency", "T", "holdout_purchases", "holdout_length"],
      ["A", 2, 2, 2, 1, 3],
      ["B", 0, 0, 11 / 7, 0, 3],
    ]);
    const daily = holdoutSummary(
      column(["A", "A"]),
      column([BASE, BASE + 9]),
      BASE + 2,
      BASE + 9,
      0,
      0
    );
    expect(daily).toEqual([["A", 0, 0, 2, 1, 7]]);
  });

  test("errors: blank or misplaced ends, an interval other than days or weeks", () => {
    const c = column(["A"]);
    const d = column([BASE]);
    expect(
      isError(holdoutSummary(c, d, null, BASE + 5)[0][0], "#VALUE!", /calibration_end is blank/)
    ).toBe(true);
    expect(isError(holdoutSummary(c, d, BASE + 5, BASE + 5)[0][0], "#NUM!")).toBe(true);
    expect(isError(holdoutSummary(c, d, BASE, BASE + 5, 2)[0][0], "#NUM!")).toBe(true);
    expect(isError(holdoutSummary(c, d, BASE - 5, BASE + 5)[0][0], "#N/A", /no customers/)).toBe(
      true
    );
    expect(
      isError(
        holdoutSummary(column(["A", "B"]), column([BASE, "x"]), BASE, BASE + 5)[0][0],
        "#VALUE!",
        /dates row 2/
      )
    ).toBe(true);
  });
});

describe("REPEAT_HISTOGRAM on HOLDOUT_SUMMARY's spill with BGNBD_FIT's stats block", () => {
  test("equals the loops; both columns add up to the customers", () => {
    const got = repeatHistogram(col(1), col(3), "bg/nbd", fitBlock);
    expect(got[0]).toEqual(["repeat purchases", "actual customers", "expected customers"]);
    const rows = summary.slice(1);
    const actual = new Array(8).fill(0);
    const expected = new Array(8).fill(0);
    for (const row of rows) {
      const x = row[1] as number;
      actual[Math.min(x, 7)]++;
      let rest = 1;
      for (let k = 0; k < 7; k++) {
        const p = probabilityByFormula(k, row[3] as number, P);
        expected[k] += p;
        rest -= p;
      }
      expected[7] += rest;
    }
    got.slice(1).forEach((row, k) => {
      expect(row[0]).toBe(k < 7 ? k : "7+");
      expect(row[1]).toBe(actual[k]);
      expect(Math.abs((row[2] as number) - expected[k])).toBeLessThan(1e-8);
    });
    const sum = (j: number) => got.slice(1).reduce((s, r) => s + (r[j] as number), 0);
    expect(sum(1)).toBe(rows.length);
    expect(Math.abs(sum(2) - rows.length)).toBeLessThan(1e-8);
  });

  test("max_x, headers FALSE and 0; bad model, params and max_x", () => {
    const short = repeatHistogram(col(1), col(3), "BGNBD", [params], 3, false);
    expect(short.length).toBe(4);
    expect(short[3][0]).toBe("3+");
    expect(repeatHistogram(col(1), col(3), "BGNBD", [params], 3, 0)).toEqual(short);
    expect(isError(repeatHistogram(col(1), col(3), 3, [params])[0][0], "#VALUE!", /model/)).toBe(
      true
    );
    expect(
      isError(repeatHistogram(col(1), col(3), "Weibull", [params])[0][0], "#VALUE!", /BGNBD/)
    ).toBe(true);
    expect(
      isError(
        repeatHistogram(col(1), col(3), "BGNBD", [params.slice(0, 3)])[0][0],
        "#VALUE!",
        /4 numbers/
      )
    ).toBe(true);
    expect(isError(repeatHistogram(col(1), col(3), "BGNBD", [[1, 1, -1, 1]])[0][0], "#NUM!")).toBe(
      true
    );
    expect(isError(repeatHistogram(col(1), col(3), "BGNBD", [params], 0)[0][0], "#NUM!")).toBe(
      true
    );
  });
});

describe("HOLDOUT_BY_FREQUENCY", () => {
  test("equals the loops, with the holdout length as one value or as the column", () => {
    const length = summary[1][5] as number;
    const one = holdoutByFrequency(col(1), col(2), col(3), col(4), length, "BGNBD", fitBlock);
    const perRow = holdoutByFrequency(col(1), col(2), col(3), col(4), col(5), "BGNBD", fitBlock);
    expect(perRow).toEqual(one);
    expect(one[0]).toEqual(["calibration frequency", "customers", "actual mean", "expected mean"]);
    for (let g = 0; g <= 7; g++) {
      const rows = summary.slice(1).filter((r) => Math.min(r[1] as number, 7) === g);
      const row = one[g + 1];
      expect(row[1]).toBe(rows.length);
      if (rows.length === 0) {
        expect([row[2], row[3]]).toEqual(["", ""]);
        continue;
      }
      const actual = rows.reduce((s, r) => s + (r[4] as number), 0) / rows.length;
      const expected =
        rows.reduce(
          (s, r) =>
            s + conditionalByIntegral(r[1] as number, r[2] as number, r[3] as number, length, P),
          0
        ) / rows.length;
      expect(row[2]).toBeCloseTo(actual, 12);
      expect(Math.abs((row[3] as number) - expected)).toBeLessThan(1e-9 * Math.max(1, expected));
    }
  });
});

describe("REPEAT_TRACKING", () => {
  test("weekly rows; the calibration end is a row; the last cumulative actual is every repeat purchase", () => {
    const got = repeatTracking(column(ids), column(days), CAL, END, "BGNBD", fitBlock);
    expect(got[0]).toEqual([
      "period end",
      "actual",
      "expected",
      "cumulative actual",
      "cumulative expected",
    ]);
    const rows = got.slice(1);
    const ends = rows.map((r) => r[0] as number);
    expect(ends).toContain(CAL);
    expect(ends[ends.length - 1]).toBe(END);
    for (let j = 1; j < ends.length; j++) expect(ends[j] - ends[j - 1]).toBeLessThanOrEqual(7);
    const total = summary.slice(1).reduce((s, r) => s + (r[1] as number) + (r[4] as number), 0);
    expect(rows[rows.length - 1][3]).toBe(total);
    // At the calibration end the expected total is Σ E[X(T_i)].
    const atCal = rows.find((r) => r[0] === CAL)!;
    const want = summary.slice(1).reduce((s, r) => s + expectedByIntegral(r[3] as number, P), 0);
    expect(Math.abs((atCal[4] as number) - want)).toBeLessThan(1e-9 * want);
    // The per-period columns add up to the cumulative ones.
    let a = 0;
    let e = 0;
    for (const r of rows) {
      a += r[1] as number;
      e += r[2] as number;
      expect(r[3]).toBe(a);
      expect(Math.abs((r[4] as number) - e)).toBeLessThan(1e-9 * Math.max(1, e));
    }
  });
});

describe("MODEL_COMPARE", () => {
  test("LL, AIC and BIC equal the loops; each model is scored at its own row of parameters", () => {
    const got = modelCompare(col(1), col(2), col(3), column(["BGNBD", "PARETO_NBD"]), [
      params,
      params,
    ]);
    expect(got[0]).toEqual(["model", "parameters", "log-likelihood", "AIC", "BIC", "customers"]);
    let ll = 0;
    for (const r of summary.slice(1))
      ll += bgnbdCustomerLogLikelihood(
        P.r,
        P.alpha,
        P.a,
        P.b,
        r[1] as number,
        r[2] as number,
        r[3] as number
      );
    const n = summary.length - 1;
    const [name, k, LL, aic, bic, customers] = got[1] as number[];
    expect([name, k, customers]).toEqual(["BG/NBD", 4, n]);
    expect(Math.abs(LL - ll)).toBeLessThan(1e-9 * Math.abs(ll));
    expect(Math.abs(aic - (8 - 2 * ll))).toBeLessThan(1e-9 * Math.abs(ll));
    expect(Math.abs(bic - (4 * Math.log(n) - 2 * ll))).toBeLessThan(1e-9 * Math.abs(ll));
    // The fit's own log-likelihood (row 5 of its stats block) is the same number.
    expect(LL).toBeCloseTo(fitBlock[4][0] as number, 6);
    // Pareto/NBD at the same four numbers read as r, α, s, β: its own likelihood, its own AIC.
    const [pName, pK, pLL, pAic] = got[2] as number[];
    expect([pName, pK]).toEqual(["Pareto/NBD", 4]);
    expect(pLL).not.toBeCloseTo(LL, 3);
    expect(Math.abs(pAic - (8 - 2 * pLL))).toBeLessThan(1e-9 * Math.abs(pLL));
    // One model: its fit's whole stats block is read by its first row.
    expect(modelCompare(col(1), col(2), col(3), "BGNBD", fitBlock, null, false)).toEqual([got[1]]);
    const tooFew = modelCompare(col(1), col(2), col(3), column(["BGNBD", "BGNBD"]), [params]);
    expect(isError(tooFew[1][1], "#VALUE!", /one row of parameters per model \(2 rows\)/)).toBe(
      true
    );
  });
});

describe("junk arguments", () => {
  const fine = (result: unknown) =>
    Array.isArray(result) &&
    result.length > 0 &&
    result.every(
      (row) =>
        Array.isArray(row) &&
        row.every(
          (c) =>
            (typeof c === "number" && Number.isFinite(c)) ||
            typeof c === "string" ||
            c instanceof CustomFunctionsError
        )
    );
  test.each([
    ["HOLDOUT_SUMMARY", holdoutSummary, 4, 2],
    ["REPEAT_HISTOGRAM", repeatHistogram, 4, 2],
    ["HOLDOUT_BY_FREQUENCY", holdoutByFrequency, 7, 2],
    ["REPEAT_TRACKING", repeatTracking, 6, 2],
    ["MODEL_COMPARE", modelCompare, 5, 2],
  ])(
    "%s gives numbers, labels, blanks or proper errors, never throws",
    (_, fn, required, optional) => {
      fc.assert(
        fc.property(anyArgs(required, optional, anyCellOrError), (args) => {
          expect(fine(fn(...args))).toBe(true);
        }),
        { numRuns: 150 }
      );
    }
  );
});
