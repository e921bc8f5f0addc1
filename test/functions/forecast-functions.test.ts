/*
 * RETAIN.SBG_FORECAST and RETAIN.BGNBD_FORECAST as cells: the tables against brute-force
 * references written here (the retention product over cohorts and planned cohorts; BG/NBD's
 * closed forms), the headers convention, the house's error rules, and property tests on
 * whatever Excel may pass.
 */
import fc from "fast-check";
import { BGNBD_FORECAST, SBG_FORECAST } from "../../src/functions/forecast-functions";
import { SBG_FIT } from "../../src/functions/sbg-functions";
import { BGNBD_FIT } from "../../src/functions/clv-functions";
import { anyArg, anyCell } from "../support/excel-arbitraries";
import { CustomFunctionsError } from "../support/custom-functions-global";
import { simulateCohort } from "../model/sbg/sbg-helpers";
import { simulateBgNbd } from "../model/buyers/bgnbd-helpers";
import {
  expectedPurchasesNew,
  conditionalExpectedPurchases,
} from "../../src/model/buyers/bgnbd-purchases";

const column = (values: unknown[]) => values.map((v) => [v]);
/** An omitted optional range, as Excel passes it. */
const NONE = null as any;
/** A cohort triangle as a block of cells: "" where a cohort has not been observed yet. */
const cells = (rows: number[][]) => {
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...new Array(width - r.length).fill("")]);
};
const TRIANGLE = Array.from({ length: 8 }, (_, c) => simulateCohort(0.9, 2.1, 600, 7 - c, 500 + c));

/** The error a call returned, as the single cell of a 1×1 range. */
function errorOf(result: unknown): CustomFunctionsError {
  const e = (result as unknown[][])[0][0];
  expect(e).toBeInstanceOf(CustomFunctionsError);
  expect((result as unknown[][]).length).toBe(1);
  return e as CustomFunctionsError;
}

/** existing_k and new_k by the retention product, one cohort and one planned cohort at a time. */
function sbgReference(a: number, b: number, rows: number[][], planned: number[], periods: number) {
  const survival = (t: number) => {
    let s = 1;
    for (let i = 1; i <= t; i++) s *= (b + i - 1) / (a + b + i - 1);
    return s;
  };
  const out: number[][] = [];
  for (let k = 1; k <= periods; k++) {
    let existing = 0;
    for (const row of rows) {
      const age = row.length - 1;
      existing += (row[age] * survival(age + k)) / survival(age);
    }
    let added = 0;
    for (let j = 1; j <= k && j <= planned.length; j++) added += planned[j - 1] * survival(k - j);
    out.push([k, existing, added, existing + added]);
  }
  return out;
}

describe("SBG_FORECAST", () => {
  it("spills a header row, then k, existing, new and total by the retention product", () => {
    const [[a, b]] = SBG_FIT(cells(TRIANGLE)) as number[][];
    const plan = [[400, 400, "", 400]];
    const result = SBG_FORECAST(cells(TRIANGLE), [[10]], plan) as unknown[][];
    expect(result[0]).toEqual(["period", "existing", "new", "total"]);
    const expected = sbgReference(a, b, TRIANGLE, [400, 400, 0, 400], 10);
    expect(result.length).toBe(11);
    result
      .slice(1)
      .forEach((row, i) =>
        (row as number[]).forEach((v, j) =>
          expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(
            1e-9 * Math.max(1, expected[i][j])
          )
        )
      );
  });

  it("a column plan, headers 0 or FALSE, and an interval that brackets the total", () => {
    const byRow = SBG_FORECAST(cells(TRIANGLE), 6, [[300, 200]], null, 0) as number[][];
    const byColumn = SBG_FORECAST(
      cells(TRIANGLE),
      6,
      column([300, 200]),
      null,
      false
    ) as number[][];
    expect(byColumn).toEqual(byRow);
    expect(byRow.length).toBe(6);
    const ranged = SBG_FORECAST(cells(TRIANGLE), 6, [[300, 200]], 0.8, true) as unknown[][];
    expect(ranged[0]).toEqual(["period", "existing", "new", "total", "low", "high"]);
    ranged.slice(1).forEach((row, i) => {
      const [k, , , total, low, high] = row as number[];
      expect(k).toBe(i + 1);
      expect(total).toBeCloseTo(byRow[i][3], 9);
      expect(low).toBeLessThanOrEqual(total);
      expect(high).toBeGreaterThanOrEqual(total);
    });
    // interval 0 (an empty cell on older desktop builds) means none
    expect(SBG_FORECAST(cells(TRIANGLE), 6, [[300, 200]], 0, 0)).toEqual(byRow);
  });

  it("names the argument and the cell in its errors", () => {
    expect(errorOf(SBG_FORECAST(cells(TRIANGLE), 6, [[300, "lots"]])).message).toMatch(
      /new_customers column 2 .*"lots"/
    );
    expect(errorOf(SBG_FORECAST(cells(TRIANGLE), 6, column([300, true]))).message).toMatch(
      /new_customers row 2 .*TRUE/
    );
    const bad = cells(TRIANGLE);
    bad[2][1] = "x";
    expect(errorOf(SBG_FORECAST(bad, 6)).message).toMatch(/survivors row 3, column 2/);
    expect(errorOf(SBG_FORECAST(cells(TRIANGLE), null)).message).toMatch(/periods is required/);
    expect(errorOf(SBG_FORECAST(cells(TRIANGLE), [[1, 2]])).message).toMatch(
      /periods must be a single/
    );
    expect(errorOf(SBG_FORECAST(cells(TRIANGLE), 0)).code).toBe("#NUM!");
    expect(errorOf(SBG_FORECAST(cells(TRIANGLE), 6, NONE, 80)).code).toBe("#NUM!");
    expect(errorOf(SBG_FORECAST(cells(TRIANGLE), 6, [[-5]])).code).toBe("#NUM!");
    expect(
      errorOf(
        SBG_FORECAST(
          [
            [null, null],
            [null, null],
          ],
          6
        )
      ).code
    ).toBe("#N/A");
  });

  it("matches the reference on random simulated triangles and plans (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 4, noNaN: true }),
        fc.double({ min: 0.5, max: 6, noNaN: true }),
        fc.integer({ min: 3, max: 12 }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { maxLength: 15 }),
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 1e6 }),
        (alpha, beta, cohorts, planned, periods, seed) => {
          const rows = Array.from({ length: cohorts }, (_, c) =>
            simulateCohort(alpha, beta, 400, cohorts - 1 - c, seed + c)
          );
          const fitted = SBG_FIT(cells(rows)) as unknown[][];
          const result = SBG_FORECAST(cells(rows), periods, [planned], null, 0) as unknown[][];
          if (fitted[0][0] instanceof CustomFunctionsError) {
            // no finite fit: the forecast gives the fit's error
            expect(result).toEqual(fitted);
            return;
          }
          const [a, b] = fitted[0] as number[];
          const expected = sbgReference(a, b, rows, planned, periods);
          expect(result.length).toBe(periods);
          result.forEach((row, i) =>
            (row as number[]).forEach((v, j) =>
              expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(
                1e-9 * Math.max(1, expected[i][j])
              )
            )
          );
        }
      ),
      { numRuns: 60 }
    );
  });

  it("returns only numbers, header text or one error for anything Excel may pass (property)", () => {
    fc.assert(
      fc.property(
        anyArg({ rows: 4, cols: 4 }),
        anyArg({ rows: 1, cols: 1 }),
        anyArg({ rows: 1, cols: 3 }, true),
        fc.oneof(fc.constant(null), anyCell),
        (survivors, periods, planned, interval) => {
          const result = SBG_FORECAST(survivors as any, periods, planned as any, interval, 0);
          expect(Array.isArray(result)).toBe(true);
          if (result.length === 1 && result[0][0] instanceof CustomFunctionsError) return;
          for (const row of result) {
            expect(row.length === 4 || row.length === 6).toBe(true);
            for (const v of row) expect(Number.isFinite(v)).toBe(true);
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});

// A simulated customer table in weeks.
const SIM = simulateBgNbd({ r: 0.5, alpha: 6, a: 1.5, b: 3 }, 300, 20, 40, 3);
const X = SIM.frequency;
const TX = SIM.recency;
const TT = SIM.T;

describe("BGNBD_FORECAST", () => {
  const fit = BGNBD_FIT(column(X), column(TX), column(TT)) as number[][];
  const [r, alpha, a, b] = fit[0];

  it("sums the customers' conditional expectations and the plan's first and repeat purchases", () => {
    const result = BGNBD_FORECAST(
      column(X),
      column(TX),
      column(TT),
      8,
      fit,
      [[50, 50]],
      null,
      0
    ) as number[][];
    expect(result.length).toBe(8);
    result.forEach(([k, existing, added, total]) => {
      let e = 0;
      for (let i = 0; i < X.length; i++)
        e +=
          conditionalExpectedPurchases(X[i], TX[i], TT[i], k, r, alpha, a, b) -
          conditionalExpectedPurchases(X[i], TX[i], TT[i], k - 1, r, alpha, a, b);
      let n = 0;
      for (const j of [1, 2])
        if (j <= k)
          n +=
            50 *
            ((k === j ? 1 : 0) +
              expectedPurchasesNew(k - j + 1, r, alpha, a, b) -
              expectedPurchasesNew(k - j, r, alpha, a, b));
      expect(existing).toBeCloseTo(e, 8);
      expect(added).toBeCloseTo(n, 8);
      expect(total).toBeCloseTo(e + n, 8);
    });
  });

  it("an interval needs the stats block: #VALUE! saying so with one row", () => {
    const e = errorOf(BGNBD_FORECAST(column(X), column(TX), column(TT), 8, fit, NONE, 0.8));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/stats block/);
  });

  it("reads the stats block: parameters from row 1, standard errors from row 2", () => {
    const na = new CustomFunctionsError("#N/A" as any);
    const block = [fit[0], [0.05, 0.5, 0.2, 0.4], [1, 1, 1, 1], [2, 2, 2, 2], [-1000, 300, na, na]];
    const plain = BGNBD_FORECAST(
      column(X),
      column(TX),
      column(TT),
      4,
      fit,
      NONE,
      null
    ) as unknown[][];
    const ranged = BGNBD_FORECAST(
      column(X),
      column(TX),
      column(TT),
      4,
      block,
      NONE,
      0.9
    ) as unknown[][];
    expect(ranged[0]).toEqual(["period", "existing", "new", "total", "low", "high"]);
    ranged.slice(1).forEach((row, i) => {
      expect(row.slice(0, 4)).toEqual(plain[i + 1]);
      const [, , , total, low, high] = row as number[];
      expect(low).toBeLessThan(total);
      expect(high).toBeGreaterThan(total);
    });
    const blank = block.map((row) => [...row]);
    blank[1][2] = null as any;
    expect(
      errorOf(BGNBD_FORECAST(column(X), column(TX), column(TT), 4, blank, NONE, 0.9)).message
    ).toMatch(/bgnbd_params row 2 \(the standard error of a\)/);
  });

  it("returns only numbers or one error for anything Excel may pass (property)", () => {
    fc.assert(
      fc.property(
        anyArg({ rows: 5, cols: 1 }),
        anyArg({ rows: 5, cols: 1 }),
        anyArg({ rows: 5, cols: 1 }),
        fc.oneof(fc.constant(null), anyCell),
        fc.oneof(anyArg({ rows: 1, cols: 4 }), fc.constant(fit)),
        (x, tx, t, periods, params) => {
          const result = BGNBD_FORECAST(
            x as any,
            tx as any,
            t as any,
            periods,
            params as any,
            NONE,
            null,
            0
          );
          if (result.length === 1 && result[0][0] instanceof CustomFunctionsError) return;
          for (const row of result) {
            expect(row.length).toBe(4);
            for (const v of row) expect(Number.isFinite(v)).toBe(true);
          }
        }
      ),
      { numRuns: 200 }
    );
  });

  it("names the customer row and the argument in its errors", () => {
    const tx = [...TX];
    tx[4] = TT[4] + 1;
    expect(errorOf(BGNBD_FORECAST(column(X), column(tx), column(TT), 4, fit)).message).toMatch(
      /row 5/
    );
    const blank = column([null, null]);
    const none = errorOf(BGNBD_FORECAST(blank, blank, blank, 4, fit));
    expect([none.code, none.message]).toEqual(["#N/A", expect.stringMatching(/no customer/)]);
    // no customers but a plan: the plan alone, its first purchases and repeats
    const [k, existing, added] = (
      BGNBD_FORECAST(blank, blank, blank, 2, fit, [[5]], null, 0) as number[][]
    )[0];
    expect([k, existing]).toEqual([1, 0]);
    expect(added).toBeCloseTo(5 * (1 + expectedPurchasesNew(1, r, alpha, a, b)), 10);
    expect(errorOf(BGNBD_FORECAST(column(X), column(TX), column(TT), 4, [[1, 2]])).message).toMatch(
      /bgnbd_params must hold/
    );
    expect(
      errorOf(BGNBD_FORECAST(column(X), column(TX), column(TT), 4, [[1, 2, -1, 3]])).code
    ).toBe("#NUM!");
  });
});
