/**
 * The covariates' coding and the table's reading: numbers stay columns, a text column becomes
 * indicators for every category but the most frequent (the first seen on a tie), named
 * "column = category" under a header row; the errors name the row and column. Checked against a
 * direct coding written here on random columns.
 */
import fc from "fast-check";
import { CellError, DomainError } from "../../../src/model/errors";
import { readCoxData } from "../../../src/model/survival/cox-rows";

/** The table as the cell function passes it: rows of [duration, churned, ...covariates]. */
function read(rows: unknown[][]) {
  return readCoxData({
    rows: rows.length,
    covariateColumns: rows[0].length - 2,
    duration: (i) => rows[i][0],
    churned: (i) => rows[i][1],
    covariate: (i, j) => rows[i][2 + j],
  });
}

function column(design: ReturnType<typeof read>["design"], j: number): number[] {
  return Array.from(design.x.subarray(j * design.n, (j + 1) * design.n));
}

describe("a text column", () => {
  test("becomes one indicator per category but the most frequent, in order of appearance", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("monthly", "annual", "trial", "weekly"), {
          minLength: 2,
          maxLength: 40,
        }),
        (plans) => {
          fc.pre(new Set(plans).size > 1);
          const data = read([
            ["duration", "churned", "plan", "age"],
            ...plans.map((g, i) => [i + 1, i % 2, g, 20 + (i % 7)]),
          ]);
          // Direct coding: categories by first appearance; the baseline is the most frequent.
          const seen: string[] = [];
          for (const g of plans) if (!seen.includes(g)) seen.push(g);
          const count = (g: string) => plans.filter((v) => v === g).length;
          let baseline = seen[0];
          for (const g of seen) if (count(g) > count(baseline)) baseline = g;
          const others = seen.filter((g) => g !== baseline);
          expect(data.headers).toBe(true);
          expect(data.design.names).toEqual([...others.map((g) => `plan = ${g}`), "age"]);
          others.forEach((g, k) =>
            expect(column(data.design, k)).toEqual(plans.map((v) => (v === g ? 1 : 0)))
          );
          expect(column(data.design, others.length)).toEqual(plans.map((_, i) => 20 + (i % 7)));
        }
      ),
      { numRuns: 200 }
    );
  });

  test("numbers in a text column are categories; numeric text and TRUE/FALSE in a number column are numbers", () => {
    const data = read([
      [1, 1, "A", "2.5", true],
      [2, 0, 7, 3, false],
      [3, 1, 7, "4", true],
    ]);
    expect(data.headers).toBe(false);
    expect(data.design.names).toEqual(["", "", ""]);
    expect(data.design.labels[0]).toBe('covariates column 1 (category "A")');
    expect(column(data.design, 0)).toEqual([1, 0, 0]); // baseline "7", the most frequent
    expect(column(data.design, 1)).toEqual([2.5, 3, 4]);
    expect(column(data.design, 2)).toEqual([1, 0, 1]);
  });
});

describe("rows", () => {
  test("empty rows (or desktop Excel's 0s) are skipped; the others are read in order", () => {
    const data = read([
      ["t", "c", "x"],
      [3, 1, 1.5],
      [null, null, null],
      [4, 0, 2],
      [0, 0, 0],
      ["", "", ""],
    ]);
    expect(Array.from(data.time)).toEqual([3, 4]);
    expect(Array.from(data.churned)).toEqual([1, 0]);
    expect(column(data.design, 0)).toEqual([1.5, 2]);
  });

  const cases: Array<[string, unknown[][], RegExp]> = [
    [
      "an empty covariate",
      [
        [1, 1, 2],
        [2, 0, null],
      ],
      /^covariates row 2: column 1 is empty/,
    ],
    [
      "an empty covariate in a text column",
      [
        [1, 1, "a"],
        [2, 0, ""],
        [3, 1, "b"],
      ],
      /^covariates row 2: column 1 is empty/,
    ],
    [
      "an error value",
      [
        [1, 1, 2],
        [2, 0, { type: "Error", basicValue: "#N/A" }],
      ],
      /^covariates row 2: column 1 holds the error #N\/A/,
    ],
    [
      "a negative duration",
      [
        [1, 1, 2],
        [-2, 0, 3],
      ],
      /^durations row 2: a duration cannot be negative/,
    ],
    [
      "a bad flag",
      [
        [1, 1, 2],
        [2, 5, 3],
      ],
      /^churned row 2: 5 is not 1\/0/,
    ],
    [
      "a row with covariates but no duration",
      [
        [1, 1, 2],
        [null, null, 3],
      ],
      /^durations row 2: is empty/,
    ],
  ];
  test.each(cases)("%s: #VALUE! naming row and column", (_, rows, message) => {
    expect(() => read(rows)).toThrow(CellError);
    expect(() => read(rows)).toThrow(message);
  });

  test("a constant column is #NUM! naming it, by title when there is one", () => {
    const run = (rows: unknown[][]) => {
      try {
        read(rows);
      } catch (e) {
        return [(e as DomainError).code, (e as DomainError).message];
      }
      return null;
    };
    expect(
      run([
        ["t", "c", "age", "plan"],
        [1, 1, 30, "a"],
        [2, 0, 30, "b"],
      ])
    ).toEqual([
      "num",
      'covariates column 1 ("age") is constant: every customer has the same value, so it cannot tell who churns',
    ]);
    expect(
      run([
        [1, 1, 3, "a"],
        [2, 0, 4, "a"],
      ])?.[1]
    ).toMatch(/^covariates column 2 is constant: every customer is in one category/);
  });

  test("a text column with more than 101 categories is #VALUE! (an id, most likely)", () => {
    const rows = Array.from({ length: 150 }, (_, i) => [i + 1, i % 2, `C-${i}`]);
    expect(() => read(rows)).toThrow(/has 150 different values/);
  });

  test("no customers: #N/A", () => {
    expect(() => read([[null, null, null]])).toThrow("no customers");
  });
});
