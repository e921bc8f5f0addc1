import fc from "fast-check";
import {
  LTV_SBG,
  SBG_FIT,
  SBG_RETENTION,
  SBG_SURVIVAL,
  readSurvivors,
} from "../../src/functions/sbg-functions";
import { discountedExpectedLifetime } from "../../src/model/sbg/sbg-value";
import { fitSbgCohorts } from "../../src/model/sbg/sbg-fit";
import { anyArgs, anyCell } from "../support/excel-arbitraries";
import { grid, isError, onlyNumbersBlanksOrErrors, single } from "../support/excel-values";

const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241, 223];
const column = (values: unknown[]) => values.map((v) => [v]);

describe("SBG_FIT", () => {
  it("fits a column, fit on the first 7 periods: {0.704, 1.182}", () => {
    const g = grid(SBG_FIT(column(REGULAR) as number[][], [[7]]));
    expect(g.length).toBe(1);
    expect(g[0].length).toBe(2);
    expect(g[0][0]).toBeCloseTo(0.704, 3);
    expect(g[0][1]).toBeCloseTo(1.182, 3);
  });

  it("reads a row, percentages, numeric text and blank tail cells alike", () => {
    const expected = grid(SBG_FIT(column(REGULAR) as number[][], [[7]]));
    expect(grid(SBG_FIT([REGULAR], [[7]]))).toEqual(expected);
    expect(grid(SBG_FIT(column([...REGULAR, null, "", "  ", null]) as number[][], [[7]]))).toEqual(
      expected
    );
    expect(
      grid(
        SBG_FIT([REGULAR.map(String)] as unknown as number[][], [["7"]] as unknown as number[][])
      )
    ).toEqual(expected);
    const shares = grid(SBG_FIT(column(REGULAR.map((n) => n / 1000)) as number[][], [[7]]));
    expect(shares[0][0]).toBeCloseTo(expected[0][0] as number, 9);
    expect(readSurvivors([[1], [0.5], [null]])).toEqual([1, 0.5]);
  });

  it("omitted or blank calibration_periods fits every period", () => {
    const all = grid(SBG_FIT(column(REGULAR) as number[][]));
    expect(grid(SBG_FIT(column(REGULAR) as number[][], [[null]] as unknown as number[][]))).toEqual(
      all
    );
    expect(grid(SBG_FIT(column(REGULAR) as number[][], [[8]]))).toEqual(all);
    expect(all[0][0]).not.toBeCloseTo(0.704, 3);
  });

  it("an all-blank range stays blank, and so does one of zeros (desktop Excel may pass blanks as 0)", () => {
    expect(grid(SBG_FIT(column([null, "", null]) as number[][]))).toEqual([["", ""]]);
    expect(grid(SBG_FIT(column([0, 0, 0]) as number[][]))).toEqual([["", ""]]);
  });

  describe("zeros at the end of survivors", () => {
    const fitted = grid(SBG_FIT(column(REGULAR) as number[][]));
    const lostEveryone = grid(SBG_FIT(column([...REGULAR, 0]) as number[][], [[9]]));

    it("zeros that reach the end of the range are ambiguous (empty cells on older desktop builds): #VALUE! with the fix", () => {
      for (const tail of [[0], [0, 0, 0]]) {
        const shown = single(SBG_FIT(column([...REGULAR, ...tail]) as number[][]));
        expect(shown).toEqual({
          error: "#VALUE!",
          message: expect.stringMatching(
            /^survivors ends in 0 from position 10: empty cells or a cohort that lost everyone\?.*calibration_periods/
          ),
        });
      }
    });
    it("a 0 that an empty cell follows is observed: the cohort lost everyone", () => {
      expect(grid(SBG_FIT(column([...REGULAR, 0, null, null]) as number[][]))).toEqual(
        lostEveryone
      );
      // everyone leaving in period 9 is no rising retention: the 0 was read as an observation
      expect(lostEveryone).toEqual([[isError("#NUM!")]]);
      expect(typeof fitted[0][0]).toBe("number");
    });
    it("calibration_periods says which periods are observed: zeros after them are a holdout", () => {
      expect(grid(SBG_FIT(column([...REGULAR, 0, 0, 0]) as number[][], [[8]]))).toEqual(fitted);
      expect(grid(SBG_FIT(column([...REGULAR, 0, 0, 0]) as number[][], [[9]]))).toEqual(
        lostEveryone
      );
    });
    it("calibration_periods 0 means omitted (an empty cell on older desktop builds)", () => {
      expect(grid(SBG_FIT(column(REGULAR) as number[][], [[0]]))).toEqual(fitted);
    });
  });

  it.each([
    ["a rise", column([1000, 600, 650, 400]), undefined, "#NUM!"],
    ["a negative", column([1000, 600, -1]), undefined, "#NUM!"],
    ["fewer than 2 periods", column([1000, 600]), undefined, "#NUM!"],
    ["a single number", [[1000]], undefined, "#NUM!"],
    ["n_0 = 0 before a positive value", column([0, 0, 5]), undefined, "#NUM!"],
    ["no one leaves", column([100, 100, 100, 100]), undefined, "#NUM!"],
    ["falling retention", column([1000, 900, 800, 700]), undefined, "#NUM!"],
    ["calibration 1", column(REGULAR), [[1]], "#NUM!"],
    ["calibration beyond the data", column(REGULAR), [[9]], "#NUM!"],
  ])("%s is #NUM!", (_, survivors, calibration, code) => {
    expect(single(SBG_FIT(survivors as number[][], calibration as number[][] | undefined))).toEqual(
      isError(code)
    );
  });

  it.each([
    [
      "text in survivors",
      column([1000, "abc", 300]),
      undefined,
      /survivors row 2 must hold numbers, not the text "abc"/,
    ],
    ["a boolean", column([1000, true, 300]), undefined, /not TRUE/],
    ["a gap", column([1000, null, 300]), undefined, /blank cell at position 2/],
    ["a leading blank", column(["", 1000, 300, 200]), undefined, /blank cell at position 1/],
    [
      "an error value",
      column([1000, new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable), 300]),
      undefined,
      /^survivors row 2 holds the error #N\/A$/,
    ],
    [
      "an error value as a data type",
      [[1000, 600, { type: "Error", basicValue: "#DIV/0!" }]],
      undefined,
      /^survivors column 3 holds the error #DIV\/0!$/,
    ],
    [
      "calibration as a range",
      column(REGULAR),
      [[7], [8]],
      /calibration_periods must be a single number/,
    ],
    ["calibration as text", column(REGULAR), [["seven"]], /calibration_periods must hold numbers/],
  ])("%s is #VALUE! with a message", (_, survivors, calibration, message) => {
    const shown = single(SBG_FIT(survivors as number[][], calibration as number[][] | undefined));
    expect(shown).toEqual(isError("#VALUE!"));
    expect((shown as { message: string }).message).toMatch(message);
  });

  it("returns only finite numbers, blanks or errors for any input (property)", () => {
    const survivorsArb = fc.oneof(
      fc.array(fc.array(anyCell, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 15 }),
      fc.array(anyCell, { minLength: 0, maxLength: 15 }).map((row) => [row]),
      fc
        .array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 15 })
        .map((v) => column(v.sort((a, b) => b - a))),
      anyCell
    );
    fc.assert(
      fc.property(
        survivorsArb,
        fc.oneof(
          fc.constant(undefined),
          anyCell.map((c) => [[c]]),
          fc.array(fc.array(anyCell, { minLength: 1, maxLength: 2 }), {
            minLength: 1,
            maxLength: 2,
          })
        ),
        (s, k) => {
          const result = SBG_FIT(s as number[][], k as number[][] | undefined);
          expect(onlyNumbersBlanksOrErrors(result)).toBe(true);
          // {alpha, beta}, two blanks, or a lone error as a 1×1 array: never a bare error
          expect(Array.isArray(result) && result.length === 1).toBe(true);
          const width = result[0].length;
          expect(
            width === 2 || (width === 1 && result[0][0] instanceof CustomFunctions.Error)
          ).toBe(true);
        }
      ),
      { numRuns: 2000 }
    );
  });
});

describe("SBG_FIT on a cohort triangle (one cohort per row)", () => {
  // monthly cohorts: the older, the longer observed; "" or null where not observed yet
  const TRIANGLE = [
    [1000, 631, 468, 382, 326, 289],
    [800, 520, 390, 320, "", ""],
    [1200, 760, 575, null, null, null],
    [500, 310, "", "", "", ""],
    [900, "", "", "", "", ""],
  ];
  const ROWS = [
    [1000, 631, 468, 382, 326, 289],
    [800, 520, 390, 320],
    [1200, 760, 575],
    [500, 310],
    [900],
  ];

  it("fits one alpha, beta over every cohort's own observed periods", () => {
    const { alpha, beta } = fitSbgCohorts(ROWS);
    expect(grid(SBG_FIT(TRIANGLE as number[][]))).toEqual([[alpha, beta]]);
  });

  it("skips empty rows (all blank, or all 0 as older desktop builds pass them) wherever they are", () => {
    const blankRow = ["", null, "", "", "", ""];
    const zeroRow = [0, 0, 0, 0, 0, 0];
    expect(
      grid(SBG_FIT([TRIANGLE[0], blankRow, ...TRIANGLE.slice(1), zeroRow, zeroRow] as number[][]))
    ).toEqual(grid(SBG_FIT(TRIANGLE as number[][])));
  });

  it("a block with one filled row is that row's single-cohort fit", () => {
    expect(grid(SBG_FIT([REGULAR, REGULAR.map(() => null)] as number[][], [[7]]))).toEqual(
      grid(SBG_FIT([REGULAR], [[7]]))
    );
  });

  it("calibration_periods fits each cohort's first k periods", () => {
    const { alpha, beta } = fitSbgCohorts(ROWS, 3);
    expect(grid(SBG_FIT(TRIANGLE as number[][], [[3]]))).toEqual([[alpha, beta]]);
  });

  it("counts and shares: the same α, β when every row is the same cohort", () => {
    const counts = grid(SBG_FIT([REGULAR, REGULAR.map((n) => n * 3)]));
    const one = grid(SBG_FIT([REGULAR]));
    expect(counts[0][0]).toBeCloseTo(one[0][0] as number, 9);
  });

  it.each([
    [
      "zeros at the end of a row that no empty cell follows (older desktop builds pass empty cells as 0)",
      [
        [1000, 631, 468, 382],
        [800, 520, 0, 0],
      ],
      /^survivors ends in 0 from row 2, column 3: empty cells or a cohort that lost everyone\?.*=""/,
    ],
    [
      "a blank before a row's last number",
      [
        [1000, 631, 468, 382],
        [800, null, 400, ""],
      ],
      /blank cell at row 2, column 2 before the row's last number/,
    ],
    [
      "a leading blank",
      [
        [1000, 631, 468, 382],
        ["", 600, 400, ""],
      ],
      /blank cell at row 2, column 1/,
    ],
    [
      "an error value",
      [
        [1000, 631, 468, 382],
        [800, new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable), "", ""],
      ],
      /^survivors row 2, column 2 holds the error #N\/A$/,
    ],
    [
      "text",
      [
        [1000, 631, 468, 382],
        [800, "n/a", "", ""],
      ],
      /^survivors row 2, column 2 must hold numbers, not the text "n\/a"$/,
    ],
  ])("%s is #VALUE! naming the cell", (_, triangle, message) => {
    const result = SBG_FIT(triangle as number[][]);
    expect(result.length === 1 && result[0].length === 1).toBe(true);
    const shown = single(result);
    expect(shown).toEqual(isError("#VALUE!"));
    expect((shown as { message: string }).message).toMatch(message);
  });

  it("zeros that an empty cell follows are observed", () => {
    const rows = [
      [1000, 631, 468, 382, 326],
      [20, 9, 3, 0, ""],
    ];
    const { alpha, beta } = fitSbgCohorts([
      [1000, 631, 468, 382, 326],
      [20, 9, 3, 0],
    ]);
    expect(grid(SBG_FIT(rows as number[][]))).toEqual([[alpha, beta]]);
  });

  it.each([
    [
      "a rise within a row",
      [
        [1000, 631, 468],
        [800, 500, 600],
      ],
      /row 2: survivors rise/,
    ],
    [
      "no cohort with 2 periods",
      [
        [1000, 631],
        [800, 500],
      ],
      /at least one cohort/,
    ],
  ])("%s is #NUM!", (_, triangle) => {
    expect(single(SBG_FIT(triangle as number[][]))).toEqual(isError("#NUM!"));
  });
});

describe("SBG_SURVIVAL and SBG_RETENTION", () => {
  it("spill a curve over a range of periods", () => {
    const periods = column([0, 1, 2, 3, 7, 12]);
    const s = grid(SBG_SURVIVAL([[0.704]], [[1.182]], periods as number[][])).map(
      (r) => r[0] as number
    );
    expect(s[0]).toBe(1);
    expect(s[1]).toBeCloseTo(1.182 / 1.886, 14);
    expect(s[2]).toBeCloseTo((1.182 / 1.886) * (2.182 / 2.886), 14);
    const r = grid(SBG_RETENTION([[0.704]], [[1.182]], column([1, 2, 12]) as number[][])).map(
      (row) => row[0] as number
    );
    [1.182 / 1.886, 2.182 / 2.886, 12.182 / 12.886].forEach((expected, i) =>
      expect(r[i]).toBeCloseTo(expected, 15)
    );
  });

  it("rows with every argument blank stay blank inside the data and are trimmed at its end; a lone blank period is 0; bad inputs are errors in their own cells", () => {
    expect(grid(SBG_SURVIVAL([[0.7]], [[1.2]], column([0, null, -1, "x"]) as number[][]))).toEqual([
      [1],
      [1],
      [isError("#NUM!")],
      [isError("#VALUE!")],
    ]);
    expect(
      grid(
        SBG_SURVIVAL(
          column([0.7, null]) as number[][],
          column([1.2, ""]) as number[][],
          column([1, null]) as number[][]
        )
      )
    ).toEqual([[1.2 / 1.9]]);
    expect(
      grid(
        SBG_SURVIVAL(
          column([0.7, null, 0.7, null]) as number[][],
          column([1.2, "", 1.2, ""]) as number[][],
          column([1, null, 1, null]) as number[][]
        )
      )
    ).toEqual([[1.2 / 1.9], [""], [1.2 / 1.9]]);
    expect(single(SBG_RETENTION([[0.7]], [[1.2]], [[0]]))).toEqual(isError("#NUM!"));
    expect(single(SBG_SURVIVAL([[0]], [[1.2]], [[3]]))).toEqual(isError("#NUM!"));
    expect(single(SBG_RETENTION([[0.7]], [[-1]], [[3]]))).toEqual(isError("#NUM!"));
  });

  it.each([
    ["SBG_SURVIVAL", SBG_SURVIVAL],
    ["SBG_RETENTION", SBG_RETENTION],
  ])("%s returns only finite numbers, blanks or errors for any input (property)", (_, f) => {
    fc.assert(
      fc.property(anyArgs(3, 0), (args) => {
        expect(
          onlyNumbersBlanksOrErrors(f(...(args as [number[][], number[][], number[][]])))
        ).toBe(true);
      }),
      { numRuns: 1000 }
    );
  });
});

describe("LTV_SBG", () => {
  it("values a new customer (renewals omitted or 0) and one who has renewed", () => {
    const del = discountedExpectedLifetime(0.704, 1.182, 0.1);
    expect(single(LTV_SBG([[100]], [[0.704]], [[1.182]], [[0.1]]))).toBeCloseTo(100 * del, 10);
    expect(single(LTV_SBG([[100]], [[0.704]], [[1.182]], [[0.1]], [[0]]))).toBeCloseTo(
      100 * del,
      10
    );
    expect(
      single(LTV_SBG([[100]], [[0.704]], [[1.182]], [[0.1]], [[null]] as unknown as number[][]))
    ).toBeCloseTo(100 * del, 10);
    const byRenewals = grid(
      LTV_SBG([[100]], [[0.704]], [[1.182]], [[0.1]], column([1, 2, 5]) as number[][])
    ).map((r) => r[0] as number);
    expect(byRenewals[0]).toBeLessThan(byRenewals[1]);
    expect(byRenewals[1]).toBeLessThan(byRenewals[2]);
  });

  it("d = 0 is finite for alpha > 1 and #NUM! otherwise", () => {
    expect(single(LTV_SBG([[10]], [[2]], [[1]], [[0]]))).toBeCloseTo(20, 12);
    expect(single(LTV_SBG([[10]], [[0.704]], [[1.182]], [[0]]))).toEqual(isError("#NUM!"));
    expect(single(LTV_SBG([[10]], [[0.704]], [[1.182]], [[-0.1]]))).toEqual(isError("#NUM!"));
    expect(
      single(LTV_SBG([[10]], [[0.704]], [[1.182]], [["ten%"]] as unknown as number[][]))
    ).toEqual(isError("#VALUE!"));
  });

  it("returns only finite numbers, blanks or errors for any input (property)", () => {
    fc.assert(
      fc.property(anyArgs(4, 1), (args) => {
        expect(
          onlyNumbersBlanksOrErrors(
            LTV_SBG(...(args as [number[][], number[][], number[][], number[][], number[][]]))
          )
        ).toBe(true);
      }),
      { numRuns: 1000 }
    );
  });
});

describe("SBG_FIT's stats (LINEST-style block)", () => {
  /** Σ_t (n_{t−1} − n_t)·ln P(T=t) + n_k·ln S(k), with P and S by the retention product. */
  const logLikelihood = (a: number, b: number, cohorts: number[][]) => {
    let ll = 0;
    for (const n of cohorts) {
      let s = 1;
      for (let t = 1; t < n.length; t++) {
        const r = (b + t - 1) / (a + b + t - 1);
        ll += (n[t - 1] - n[t]) * Math.log(s * (1 - r));
        s *= r;
      }
      ll += n[n.length - 1] * Math.log(s);
    }
    return ll;
  };
  /** Standard errors from the inverse of a central-difference Hessian, written out for 2×2. */
  const numericErrors = (a: number, b: number, cohorts: number[][]) => {
    const f = (x: number, y: number) => logLikelihood(x, y, cohorts);
    const [ha, hb] = [1e-4 * a, 1e-4 * b];
    const iaa = -(f(a + ha, b) - 2 * f(a, b) + f(a - ha, b)) / ha ** 2;
    const ibb = -(f(a, b + hb) - 2 * f(a, b) + f(a, b - hb)) / hb ** 2;
    const iab =
      -(f(a + ha, b + hb) - f(a + ha, b - hb) - f(a - ha, b + hb) + f(a - ha, b - hb)) /
      (4 * ha * hb);
    const det = iaa * ibb - iab * iab;
    return [Math.sqrt(ibb / det), Math.sqrt(iaa / det)];
  };
  const TRIANGLE = [
    [1000, 631, 468, 382, 326, 289],
    [900, 560, 420, 350, null, null],
    [1100, 700, 520, null, null, null],
    [950, 600, null, null, null, null],
  ];

  it.each([true, 1])("stats %p gives parameters, errors, bounds, LL and customers", (flag) => {
    const g = grid(SBG_FIT(TRIANGLE, null as any, flag)) as number[][];
    expect(g.length).toBe(5);
    const plain = grid(SBG_FIT(TRIANGLE));
    expect(g[0]).toEqual(plain[0]);
    const [a, b] = g[0];
    const cohorts = TRIANGLE.map((row) => row.filter((v): v is number => v !== null));
    const se = numericErrors(a, b, cohorts);
    expect(g[1][0]).toBeCloseTo(se[0], 4);
    expect(g[1][1]).toBeCloseTo(se[1], 4);
    for (const i of [0, 1]) {
      expect(g[2][i]).toBeCloseTo(g[0][i] * Math.exp((-1.959964 * g[1][i]) / g[0][i]), 8);
      expect(g[3][i]).toBeCloseTo(g[0][i] * Math.exp((1.959964 * g[1][i]) / g[0][i]), 8);
    }
    expect(g[4][0]).toBeCloseTo(logLikelihood(a, b, cohorts), 6);
    expect(g[4][1]).toBe(1000 + 900 + 1100 + 950);
  });

  it("FALSE, 0 and omitted give the parameters only; text is #VALUE!", () => {
    const plain = grid(SBG_FIT(TRIANGLE));
    expect(grid(SBG_FIT(TRIANGLE, null as any, false))).toEqual(plain);
    expect(grid(SBG_FIT(TRIANGLE, null as any, 0))).toEqual(plain);
    expect(grid(SBG_FIT(TRIANGLE, null as any, [[null]]))).toEqual(plain);
    expect(single(SBG_FIT(TRIANGLE, null as any, "yes"))).toEqual(isError("#VALUE!"));
  });

  it("with stats, any triangle gives a 5×2 block of numbers (SE > 0, bounds around θ) or one error (property)", () => {
    const cohort = fc
      .array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 10 })
      .map((drops) => {
        const row = [drops.reduce((a, d) => a + d, 0) + 1];
        for (const d of drops.slice(1)) row.push(row[row.length - 1] - d);
        return row;
      });
    fc.assert(
      fc.property(
        fc.array(cohort, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(true, 1),
        (rows, flag) => {
          const width = Math.max(...rows.map((r) => r.length));
          const cells = rows.map((r) => [...r, ...new Array(width - r.length).fill("")]);
          const result = SBG_FIT(cells, null as any, flag) as unknown[][];
          if (result.length === 1) {
            expect(result[0].length).toBe(1);
            expect(result[0][0]).toBeInstanceOf(CustomFunctions.Error);
            return;
          }
          expect(result.length).toBe(5);
          const g = result as number[][];
          for (const row of g) for (const v of row) expect(Number.isFinite(v)).toBe(true);
          for (const i of [0, 1]) {
            expect(g[1][i]).toBeGreaterThan(0);
            expect(g[2][i]).toBeLessThan(g[0][i]);
            expect(g[3][i]).toBeGreaterThan(g[0][i]);
          }
          expect(g[4][1]).toBe(rows.reduce((a, r) => a + r[0], 0));
        }
      ),
      { numRuns: 300 }
    );
  });

  it("an empty triangle with stats spills a blank 5×2 block", () => {
    expect(
      grid(
        SBG_FIT(
          [
            [null, null],
            [null, null],
          ],
          null as any,
          true
        )
      )
    ).toEqual(Array.from({ length: 5 }, () => ["", ""]));
  });
});
