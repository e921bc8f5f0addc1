import fc from "fast-check";
import {
  CHURN_RATE,
  CUSTOMER_COST,
  EXPECTED_LIFETIME,
  LTV,
  RETENTION_RATE,
  RETENTION_RESCALE,
} from "../../src/functions/functions";
import { anyArgs } from "../support/excel-arbitraries";
import { onlyNumbersBlanksOrErrors } from "../support/excel-values";

/* Whatever Excel hands them, the functions give back only finite numbers, blanks or proper
   CustomFunctions.Error values: never NaN, Infinity, undefined, or a thrown exception. */
const functions: Array<[string, (...args: never[]) => unknown, number, number]> = [
  ["RETENTION_RATE", RETENTION_RATE, 3, 1],
  ["CUSTOMER_COST", CUSTOMER_COST, 2, 1],
  ["LTV", LTV, 2, 3],
  ["CHURN_RATE", CHURN_RATE, 1, 0],
  ["EXPECTED_LIFETIME", EXPECTED_LIFETIME, 1, 0],
  ["RETENTION_RESCALE", RETENTION_RESCALE, 2, 0],
];

describe.each(functions)("RETAIN.%s on anything Excel may pass", (_, fn, required, optional) => {
  test("only numbers, blanks or errors come out", () => {
    fc.assert(
      fc.property(anyArgs(required, optional), (args) => {
        const result = (fn as (...a: unknown[]) => unknown)(...args);
        return onlyNumbersBlanksOrErrors(result);
      }),
      { numRuns: 2000 }
    );
  });
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
