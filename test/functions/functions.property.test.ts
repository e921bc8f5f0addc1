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

  test("an empty tail gives blanks whether Excel passes its cells as null or as 0", () => {
    const value = fc.oneof(
      fc.double({ min: -2, max: 2, noNaN: true }),
      fc.integer({ min: -5, max: 1000 }),
      fc.constant(0)
    );
    const row = fc.array(value, { minLength: required.length, maxLength: required.length });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        (data, tail) => {
          // the last data row is data, not part of an empty tail
          if (data[data.length - 1].every((v) => v === 0)) data[data.length - 1][0] = 1;
          const blankRows = (blank: unknown) =>
            Array.from({ length: tail }, () => required.map(() => blank));
          const exact = grid(fn(...columns(data)));
          const expected = [...exact, ...Array.from({ length: tail }, () => [""])];
          expect(grid(fn(...columns([...data, ...blankRows(null)])))).toEqual(expected);
          expect(grid(fn(...columns([...data, ...blankRows(0)])))).toEqual(expected);
          expect(grid(fn(...columns([...data, ...blankRows("")])))).toEqual(expected);
          // zeros that an empty cell follows were typed: they are computed like any value
          const zeros = required.map(() => 0);
          const typed = grid(fn(...columns([...data, zeros, ...blankRows(null)])));
          expect(typed[data.length]).toEqual(grid(fn(...zeros.map((z) => [[z]])))[0]);
          expect(typed.slice(data.length + 1)).toEqual(expected.slice(data.length));
        }
      ),
      { numRuns: 300 }
    );
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
