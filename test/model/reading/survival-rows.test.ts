/**
 * Survival rows as older desktop Excel passes them (empty cells as 0): a row of zeros below the
 * last row with data is the range's empty tail and is skipped; a row of zeros above it is a
 * customer active after 0 periods and is kept. Checked against a plain loop on random tables.
 */
import fc from "fast-check";
import { lastRowWithContent, SurvivalRowReader } from "../../../src/model/reading/survival-rows";

type Cell = number | null;
const read = (rows: [Cell, Cell][]) => {
  const reader = new SurvivalRowReader(lastRowWithContent(rows.length, (i) => rows[i]));
  rows.forEach(([d, c], i) => reader.add(i + 1, d, c, null));
  return reader.finish();
};

describe("survival rows and Excel's empty cells", () => {
  test("zeros inside the data are customers; zeros and blanks after it are the empty tail", () => {
    const row = fc.oneof(
      fc.tuple(fc.integer({ min: 1, max: 30 }), fc.constantFrom(0, 1)) as fc.Arbitrary<
        [Cell, Cell]
      >,
      fc.constant<[Cell, Cell]>([0, 0]),
      fc.constant<[Cell, Cell]>([null, null])
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        // Plain loop: find the last row with a non-zero cell, keep every non-blank row up to it.
        let last = -1;
        for (let i = 0; i < rows.length; i++)
          if ((rows[i][0] ?? 0) !== 0 || (rows[i][1] ?? 0) !== 0) last = i;
        const want: number[] = [];
        for (let i = 0; i <= last; i++) if (rows[i][0] !== null) want.push(rows[i][0] as number);
        const got = read(rows);
        expect(Array.from(got.duration)).toEqual(want);
      }),
      { numRuns: 300 }
    );
  });

  test("a subscription in its first month, between two others, counts; the tail of zeros does not", () => {
    const got = read([
      [3, 1],
      [0, 0],
      [5, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(Array.from(got.duration)).toEqual([3, 0, 5]);
    expect(Array.from(got.churned)).toEqual([1, 0, 0]);
  });
});
