import fc from "fast-check";
import {
  LTV_SBG,
  SBG_FIT,
  SBG_RETENTION,
  SBG_SURVIVAL,
  readSurvivors,
} from "../../src/functions/sbg-functions";
import { discountedExpectedLifetime } from "../../src/model/sbg-value";
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

  it("an all-blank range stays blank", () => {
    expect(grid(SBG_FIT(column([null, "", null]) as number[][]))).toEqual([["", ""]]);
  });

  it.each([
    ["a rise", column([1000, 600, 650, 400]), undefined, "#NUM!"],
    ["a negative", column([1000, 600, -1]), undefined, "#NUM!"],
    ["fewer than 2 periods", column([1000, 600]), undefined, "#NUM!"],
    ["a single number", [[1000]], undefined, "#NUM!"],
    ["n_0 = 0", column([0, 0, 0]), undefined, "#NUM!"],
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
      /survivors must hold numbers, not the text "abc"/,
    ],
    ["a boolean", column([1000, true, 300]), undefined, /not TRUE/],
    [
      "a 2-D block",
      [
        [1000, 900],
        [800, 700],
      ],
      undefined,
      /single row or column, not a 2×2 block/,
    ],
    ["a gap", column([1000, null, 300]), undefined, /blank cell at position 2/],
    ["a leading blank", column(["", 1000, 300, 200]), undefined, /blank cell at position 1/],
    [
      "an error value",
      column([1000, new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable), 300]),
      undefined,
      /error/,
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
          if (Array.isArray(result))
            expect(result.length === 1 && result[0].length === 2).toBe(true);
        }
      ),
      { numRuns: 2000 }
    );
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

  it("rows with every argument blank stay blank; a lone blank period is 0; bad inputs are errors in their own cells", () => {
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
    ).toEqual([[1.2 / 1.9], [""]]);
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
