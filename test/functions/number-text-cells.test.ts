/**
 * Issue 22.5: numeric text is read as Excel's VALUE() reads it, in every function. Number()
 * also takes "0x64", "0b1", "0o7" and "Infinity"; VALUE() refuses them, and so do the cells.
 */
import fc from "fast-check";
import { RETENTION_RATE } from "../../src/functions/functions";
import { PERIOD_RETENTION } from "../../src/functions/data-functions";
import { plainNumberText } from "../../src/model/reading/number-text";
import { numberValue } from "../../src/model/reading/cell-values";
import { grid, isError, single } from "../support/excel-values";

const s = (x: unknown) => [[x]] as number[][];

/** VALUE()'s decimal spelling, written out here as a plain pattern. */
const EXCEL_DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

describe("number text as Excel's VALUE() reads it", () => {
  test.each(["0x64", "0X64", "0b1", "0B1", "0o7", "0O7", "Infinity", "-Infinity", " 0x10 "])(
    "%s is not a number",
    (text) => expect(plainNumberText(text)).toBeNull()
  );
  test.each([
    ["1e3", 1000],
    [" 1e3 ", 1000],
    ["+5", 5],
    ["-.5", -0.5],
    ["1.", 1],
    ["007", 7],
    ["0", 0],
    ["1E308", 1e308],
  ])("%s is %d", (text, n) => expect(plainNumberText(text)).toBe(n));
  test("1E309, past the largest number, is no number", () =>
    expect(plainNumberText("1E309")).toBeNull());
  test("agrees with a plain pattern over generated texts", () =>
    fc.assert(
      fc.property(
        fc.stringMatching(/^ ?[+-]?(0[xXbBoO])?[0-9a-fA-F.]{0,6}([eE][+-]?\d{1,2})? ?$/),
        (text) => {
          // Past the largest double (1E309) VALUE() is #VALUE! too: no number, not Infinity.
          const n = Number(text);
          const expected = EXCEL_DECIMAL.test(text) && Number.isFinite(n) ? n : null;
          expect(plainNumberText(text)).toBe(expected);
        }
      ),
      { numRuns: 2000 }
    ));
  test('RETENTION_RATE("0x64", 90, 10) is #VALUE!, as VALUE("0x64") is', () => {
    expect(grid(RETENTION_RATE(s("0x64"), s(90), s(10), null as never))).toEqual([
      [isError("#VALUE!")],
    ]);
    expect(single(RETENTION_RATE(s("100"), s(90), s(10), null as never))).toBeCloseTo(0.8, 15);
  });
  test("an amount of 0x64 in a table is an error naming the row, not 100", () => {
    expect(() => numberValue("0x64", "amounts", 3)).toThrow(/amounts row 3/);
    const r = grid(
      PERIOD_RETENTION(
        [["A"], ["B"]],
        [["2024-01-05"], ["2024-01-06"]],
        [[10], ["0x64"]],
        null as never,
        null as never,
        null as never,
        0 as never
      )
    );
    expect(r).toEqual([[{ error: "#VALUE!", message: expect.stringMatching(/row 2/) }]]);
  });
  test("optional number arguments refuse hexadecimal too", () =>
    expect(
      grid(PERIOD_RETENTION([["A"]], [["2024-01-05"]], null as never, "0x2" as never))
    ).toEqual([[isError("#VALUE!")]]));
});
