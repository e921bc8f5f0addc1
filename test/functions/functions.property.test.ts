import fc from "fast-check";
import {
  CHURN_RATE,
  CUSTOMER_COST,
  EXPECTED_LIFETIME,
  LTV,
  RETENTION_RATE,
  RETENTION_RESCALE,
} from "../../src/functions/functions";
import { anyArgs, anyCellOrError, errorCell } from "../support/excel-arbitraries";
import { grid, onlyNumbersBlanksOrErrors } from "../support/excel-values";
import { CustomFunctionsError } from "../support/custom-functions-global";

type Fn = (...args: unknown[]) => unknown;

/* name, function, required parameter names, number of optional parameters */
const functions: Array<[string, Fn, string[], number]> = [
  [
    "RETENTION_RATE",
    RETENTION_RATE as Fn,
    ["start_customers", "end_customers", "new_customers"],
    1,
  ],
  ["CUSTOMER_COST", CUSTOMER_COST as Fn, ["spend", "customers"], 1],
  ["LTV", LTV as Fn, ["margin", "retention_rate"], 3],
  ["CHURN_RATE", CHURN_RATE as Fn, ["retention_rate"], 0],
  ["EXPECTED_LIFETIME", EXPECTED_LIFETIME as Fn, ["retention_rate"], 0],
  ["RETENTION_RESCALE", RETENTION_RESCALE as Fn, ["retention_rate", "periods"], 0],
];

/** A 2-D array (the documented matrix result: a lone error comes as a 1×1 array, never bare). */
const isMatrix = (result: unknown): result is unknown[][] =>
  Array.isArray(result) &&
  result.length > 0 &&
  result.every((r) => Array.isArray(r) && r.length > 0);

const columns = (rows: unknown[][]): unknown[][][] =>
  rows[0].map((_, i) => rows.map((row) => [row[i]]));

/* Whatever Excel hands them, error values inside ranges included, the functions give back a 2-D
   array of finite numbers, blanks or proper CustomFunctions.Error values: never NaN, Infinity,
   undefined, a bare error, or a thrown exception. */
describe.each(functions)("RETAIN.%s on anything Excel may pass", (_, fn, required, optional) => {
  test("only a 2-D array of numbers, blanks or errors comes out", () => {
    fc.assert(
      fc.property(anyArgs(required.length, optional, anyCellOrError), (args) => {
        const result = fn(...args);
        return isMatrix(result) && onlyNumbersBlanksOrErrors(result);
      }),
      { numRuns: 2000 }
    );
  });

  test("an empty tail is trimmed whether Excel passes its cells as null, as empty text or as 0; typed zeros before an empty cell are computed", () => {
    const value = fc.oneof(
      fc.double({ min: -2, max: 2, noNaN: true }),
      fc.integer({ min: -5, max: 1000 }),
      fc.constant(0)
    );
    const row = fc.array(value, { minLength: required.length, maxLength: required.length });
    const tailCell = fc.constantFrom<unknown>(null, "", 0);
    const tailRow = fc.array(tailCell, {
      minLength: required.length,
      maxLength: required.length,
    });
    // Each row alone, as single values: never a tail (a lone value is never read as empty).
    const alone = (cells: unknown[]) => grid(fn(...cells.map((c) => [[c]])))[0];
    const isEmpty = (c: unknown) => c === null || c === "";
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 0, maxLength: 6 }),
        fc.array(tailRow, { minLength: 1, maxLength: 6 }),
        (data, tail) => {
          // the last data row is data, not part of an empty tail
          if (data.length > 0 && data[data.length - 1].every((v) => v === 0))
            data[data.length - 1][0] = 1;
          // The reference, by plain loops: a tail row holding a 0 is a typed 0 when an empty cell
          // shows up in it or after it (the host passes empties as empty); the result ends with
          // the last such row, or with the data; at least one row, blank when nothing is left.
          let length = data.length;
          for (let i = 0; i < tail.length; i++) {
            const typed = tail[i].some((c) => c === 0);
            const emptyFromHere = tail.slice(i).some((cells) => cells.some(isEmpty));
            if (typed && emptyFromHere) length = data.length + i + 1;
          }
          const expected =
            length === 0
              ? [[""]]
              : [...data.map(alone), ...tail.slice(0, length - data.length).map(alone)];
          // A range of one cell is a single value, never read as empty.
          const single = data.length + tail.length === 1;
          const result = grid(fn(...columns([...data, ...tail])));
          expect(result).toEqual(single ? [alone(tail[0])] : expected);
          // Uniform tails, as each platform passes a whole column's empty cells: the data alone.
          for (const blank of [null, "", 0]) {
            const uniform = tail.map((cells) => cells.map(() => blank));
            expect(grid(fn(...columns([...data, ...uniform])))).toEqual(
              single ? [alone(uniform[0])] : data.length === 0 ? [[""]] : data.map(alone)
            );
          }
        }
      ),
      { numRuns: 300 }
    );
  });

  test("a row range loses its empty columns at the end; a block loses only whole empty rows", () => {
    const v = (r: number, i: number) => 0.5 + 0.1 * i + 0.01 * r;
    // One row: elements 0 and 1 hold data, 2 and 3 are empty.
    const row = required.map((_, i) => [[v(0, i), v(1, i), null, null]]);
    expect(grid(fn(...row))).toEqual([
      [alone3(fn, required.length, 0)[0], alone3(fn, required.length, 1)[0]],
    ]);
    // Two columns, three rows: data in row 1 and the first cell of row 2; row 3 empty.
    const block = required.map((_, i) => [
      [v(0, i), v(1, i)],
      [v(2, i), null],
      [null, null],
    ]);
    const result = grid(fn(...block));
    expect(result).toHaveLength(2);
    expect(result[0]).toEqual([
      alone3(fn, required.length, 0)[0],
      alone3(fn, required.length, 1)[0],
    ]);
    expect(result[1]).toEqual([alone3(fn, required.length, 2)[0], ""]);
  });

  test("a whole column (1,048,576 rows) spills only as far as its data", () => {
    const rows = 1_048_576;
    const args = required.map((_, i) => {
      const col: unknown[][] = new Array(rows);
      for (let r = 0; r < rows; r++) col[r] = [r < 3 ? 0.5 + 0.1 * i + 0.01 * r : null];
      col[1] = [null]; // an empty row inside the data stays
      return col;
    });
    const result = grid(fn(...args));
    expect(result).toHaveLength(3);
    expect(result[1]).toEqual([""]);
    expect(result[2]).toEqual(alone3(fn, required.length, 2));
  });

  test("an error value inside a range gives #VALUE! in its own row, naming the argument, the row and the error", () => {
    const value = fc.oneof(
      { weight: 4, arbitrary: fc.double({ min: 0.01, max: 1000, noNaN: true }) },
      { weight: 1, arbitrary: errorCell }
    );
    const row = fc.array(value, { minLength: required.length, maxLength: required.length });
    fc.assert(
      fc.property(fc.array(row, { minLength: 2, maxLength: 6 }), (data) => {
        const result = grid(fn(...columns(data)));
        expect(result.length).toBe(data.length);
        data.forEach((cells, r) => {
          const bad = cells.findIndex((c) => typeof c !== "number");
          if (bad < 0) {
            expect(result[r]).toEqual(grid(fn(...cells.map((c) => [[c]])))[0]);
          } else {
            const e = cells[bad] as { code?: string; basicValue?: string };
            expect(result[r][0]).toEqual({
              error: "#VALUE!",
              message: `${required[bad]} row ${r + 1} holds the error ${e.code ?? e.basicValue}`,
            });
          }
        });
      }),
      { numRuns: 300 }
    );
  });
});

test("the runtime's error objects read as errors, formatted-number data types as their numbers", () => {
  const na = new CustomFunctionsError("#N/A");
  expect(grid(CHURN_RATE([[0.8], [na], [{ type: "Double", basicValue: 0.9 }]] as never))).toEqual([
    [expect.closeTo(0.2, 15)],
    [{ error: "#VALUE!", message: "retention_rate row 2 holds the error #N/A" }],
    [expect.closeTo(0.1, 15)],
  ]);
  // a lone error is a 1×1 array, the documented path for a matrix result
  const lone = CHURN_RATE([[{ type: "Error", basicValue: "#REF!" }]] as never);
  expect(isMatrix(lone)).toBe(true);
  expect(grid(lone)).toEqual([
    [{ error: "#VALUE!", message: "retention_rate holds the error #REF!" }],
  ]);
});

/** Row r of the whole-column test, computed alone. */
function alone3(fn: Fn, n: number, r: number): unknown[] {
  return grid(fn(...Array.from({ length: n }, (_, i) => [[0.5 + 0.1 * i + 0.01 * r]])))[0];
}

const cell = (x: unknown) => [[x]] as number[][];

describe("LTV agrees with the brute-force sum", () => {
  test("finite horizons, both timings", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom(0, 1),
        (m, r, d, T, type) => {
          let sum = 0;
          for (let t = 1; t <= T; t++)
            sum += (m * r ** (t - 1)) / (1 + d) ** (type === 0 ? t : t - 1);
          const got = (LTV(cell(m), cell(r), cell(d), cell(T), cell(type)) as number[][])[0][0];
          return Math.abs(got - sum) <= 1e-9 * Math.max(1, Math.abs(sum), Math.abs(m) * T);
        }
      ),
      { numRuns: 1000 }
    );
  });
  test("unlimited horizon is the limit of the sum", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (m, r, d) => {
          let sum = 0;
          for (let t = 1; t <= 2000; t++) sum += (m * r ** (t - 1)) / (1 + d) ** t;
          const got = (
            LTV(cell(m), cell(r), cell(d), null as never, null as never) as number[][]
          )[0][0];
          return Math.abs(got - sum) <= 1e-9 * Math.max(1, Math.abs(sum));
        }
      ),
      { numRuns: 500 }
    );
  });
});

describe("RETENTION_RATE basis 0 ≥ basis 1 for valid data", () => {
  test("holds for every valid S, N, retained", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (S, N, share) => {
          const retained = Math.floor(S * share);
          const E = retained + N;
          const b0 = (RETENTION_RATE(cell(S), cell(E), cell(N), cell(0)) as number[][])[0][0];
          const b1 = (RETENTION_RATE(cell(S), cell(E), cell(N), cell(1)) as number[][])[0][0];
          return typeof b0 === "number" && typeof b1 === "number" && b0 >= b1 && b0 >= 0 && b0 <= 1;
        }
      ),
      { numRuns: 1000 }
    );
  });
});
