import {
  CHURN_RATE,
  CUSTOMER_COST,
  EXPECTED_LIFETIME,
  LTV,
  RETENTION_RATE,
  RETENTION_RESCALE,
} from "../../src/functions/functions";
import { grid, isError, single } from "../support/excel-values";

/* Excel passes every argument of these functions as a 2-D array (a scalar is [[x]]) and an
   omitted optional as null. These tests call them exactly so. */
const s = (x: unknown) => [[x]] as number[][];
const col = (...xs: unknown[]) => xs.map((x) => [x]) as number[][];

describe("RETAIN.RETENTION_RATE", () => {
  test("“15 Customer Retention Strategies”: 80, 60, 20 → 50%", () =>
    expect(single(RETENTION_RATE(s(80), s(60), s(20), null as never))).toBe(0.5));
  test("“Customer Retention Rate”: basis 0 → 90%, basis 1 → 75% (the article's 88% is a slip)", () => {
    expect(single(RETENTION_RATE(s(1000), s(1100), s(200), s(0)))).toBeCloseTo(0.9, 15);
    expect(single(RETENTION_RATE(s(1000), s(1100), s(200), s(1)))).toBeCloseTo(0.75, 15);
  });
  test("omitted basis (null) and a blank basis mean 0", () => {
    expect(single(RETENTION_RATE(s(1000), s(1100), s(200), null as never))).toBeCloseTo(0.9, 15);
    expect(single(RETENTION_RATE(s(1000), s(1100), s(200), s(null)))).toBeCloseTo(0.9, 15);
  });
  test.each([
    ["S = 0", [0, 5, 5, null], "#DIV/0!"],
    ["S = 0 with retained above S (as documented: #DIV/0!)", [0, 10, 5, null], "#DIV/0!"],
    ["S + N = 0 with basis 1", [0, 0, 0, 1], "#DIV/0!"],
    ["negative count", [-1, 5, 0, null], "#NUM!"],
    ["retained below 0", [10, 5, 6, null], "#NUM!"],
    ["retained above S", [10, 30, 5, null], "#NUM!"],
    ["basis 2", [10, 10, 0, 2], "#NUM!"],
    ["text", ["ten", 10, 0, null], "#VALUE!"],
    ["boolean", [true, 10, 0, null], "#VALUE!"],
  ])("%s → %s", (_, args, code) => {
    const [a, b, c, d] = args as unknown[];
    expect(single(RETENTION_RATE(s(a), s(b), s(c), (d === null ? null : s(d)) as never))).toEqual(
      isError(code as string)
    );
  });
  test("#VALUE! carries a message naming the argument", () => {
    expect(single(RETENTION_RATE(s("ten"), s(10), s(0)))).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("start_customers"),
    });
  });
  test("numeric text counts as a number", () =>
    expect(single(RETENTION_RATE(s(" 80 "), s("60"), s(20)))).toBe(0.5));
  test("columns spill row by row; blank rows inside stay blank, those at the end are trimmed; bad rows get their own error", () => {
    const result = grid(
      RETENTION_RATE(
        col(80, 1000, null, 0, ""),
        col(60, 1100, null, 5, ""),
        col(20, 200, null, 5, ""),
        null as never
      )
    );
    expect(result).toEqual([[0.5], [0.9], [""], [isError("#DIV/0!")]]);
  });
  test("a single value is repeated across a range", () => {
    expect(grid(RETENTION_RATE(col(100, 200), s(90), s(10)))).toEqual([[0.8], [0.4]]);
  });
  test("a scalar basis beside blank rows keeps them blank inside the data, trimmed at its end", () => {
    expect(grid(RETENTION_RATE(col(80, null), col(60, null), col(20, null), s(1)))).toEqual([
      [0.4],
    ]); // (60 − 20) ÷ (80 + 20)
    expect(
      grid(RETENTION_RATE(col(80, null, 80), col(60, null, 60), col(20, null, 20), s(1)))
    ).toEqual([[0.4], [""], [0.4]]);
  });
  test("mismatched shapes → #VALUE! with a message", () => {
    expect(single(RETENTION_RATE(col(1, 2, 3), col(1, 2), s(0)))).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(/different shapes/),
    });
  });
  test("row ranges spill as rows", () => {
    expect(grid(RETENTION_RATE([[80, 1000]], [[60, 1100]], [[20, 200]]))).toEqual([
      [0.5, expect.closeTo(0.9, 15)],
    ]);
  });
});

describe("RETAIN.CUSTOMER_COST", () => {
  test("worked example: 28,226.67 and 22,850", () => {
    expect(single(CUSTOMER_COST(s(1_617_000), s(75), s(500_000)))).toBeCloseTo(
      28_226.666666666668,
      8
    );
    expect(single(CUSTOMER_COST(s(1_328_000), s(80), s(500_000)))).toBe(22_850);
  });
  test("overheads omitted → 0", () =>
    expect(single(CUSTOMER_COST(s(1000), s(4), null as never))).toBe(250));
  test("customers = 0 → #DIV/0!; negatives → #NUM!", () => {
    expect(single(CUSTOMER_COST(s(1000), s(0)))).toEqual(isError("#DIV/0!"));
    expect(single(CUSTOMER_COST(s(-1), s(5)))).toEqual(isError("#NUM!"));
    expect(single(CUSTOMER_COST(s(1), s(-5)))).toEqual(isError("#NUM!"));
    expect(single(CUSTOMER_COST(s(1), s(5), s(-1)))).toEqual(isError("#NUM!"));
  });
  test("both segments at once", () => {
    expect(grid(CUSTOMER_COST([[1_617_000, 1_328_000]], [[75, 80]], s(500_000)))).toEqual([
      [expect.closeTo(28_226.6667, 3), 22_850],
    ]);
  });
});

describe("RETAIN.LTV", () => {
  test("m=100, r=0.8, d=0.1: 333.33 (end) and 366.67 (beginning)", () => {
    expect(single(LTV(s(100), s(0.8), s(0.1), null as never, null as never))).toBeCloseTo(
      333.333333,
      5
    );
    expect(single(LTV(s(100), s(0.8), s(0.1), null as never, s(1)))).toBeCloseTo(366.666667, 5);
  });
  test("discount omitted → 0; periods omitted → unlimited", () => {
    expect(single(LTV(s(100), s(0.8), null as never, null as never, null as never))).toBeCloseTo(
      500,
      9
    );
    expect(single(LTV(s(100), s(0.8), s(null), s(null), s(null)))).toBeCloseTo(500, 9);
  });
  test("periods 0 means unlimited, as blank does (desktop Excel may pass a blank as 0)", () => {
    const unlimited = single(LTV(s(100), s(0.8), s(0.1), null as never, null as never));
    expect(single(LTV(s(100), s(0.8), s(0.1), s(0), null as never))).toBe(unlimited);
    expect(grid(LTV(s(100), s(0.8), s(0.1), col(null, 0, 5), null as never))).toEqual([
      [unlimited],
      [unlimited],
      [single(LTV(s(100), s(0.8), s(0.1), s(5), null as never))],
    ]);
  });
  test("periods truncate; r = 1 equals −PV", () => {
    expect(single(LTV(s(100), s(0.8), s(0.1), s(3.7), s(0)))).toBe(
      single(LTV(s(100), s(0.8), s(0.1), s(3), s(0)))
    );
    const pv = (100 * (1 - 1.1 ** -10)) / 0.1;
    expect(single(LTV(s(100), s(1), s(0.1), s(10), s(0)))).toBeCloseTo(pv, 9);
  });
  test.each([
    ["r > 1", [100, 1.2, 0.1, null, null]],
    ["r < 0", [100, -0.2, 0.1, null, null]],
    ["d < 0", [100, 0.5, -0.1, null, null]],
    ["0 < periods < 1", [100, 0.5, 0.1, 0.5, null]],
    ["negative periods", [100, 0.5, 0.1, -1, null]],
    ["r = 1, d = 0, unlimited", [100, 1, 0, null, null]],
    ["type 3", [100, 0.5, 0.1, null, 3]],
  ])("%s → #NUM!", (_, args) => {
    const [m, r, d, p, t] = (args as unknown[]).map((x) => (x === null ? null : s(x)));
    expect(single(LTV(m as never, r as never, d as never, p as never, t as never))).toEqual(
      isError("#NUM!")
    );
  });
});

describe("companions", () => {
  test("CHURN_RATE", () => expect(single(CHURN_RATE(s(0.8)))).toBeCloseTo(0.2, 15));
  test("EXPECTED_LIFETIME", () => {
    expect(single(EXPECTED_LIFETIME(s(0.8)))).toBeCloseTo(5, 12);
    expect(single(EXPECTED_LIFETIME(s(1)))).toEqual(isError("#DIV/0!"));
  });
  test("RETENTION_RESCALE: monthly 95% is 54.0% a year", () =>
    expect(single(RETENTION_RESCALE(s(0.95), s(12)))).toBeCloseTo(0.54036, 5));
  test("blank in, blank out", () => expect(single(CHURN_RATE(s(null)))).toBe(""));
  test("a single 0 is 0 retention, not a blank", () => {
    expect(single(CHURN_RATE(s(0)))).toBe(1);
    expect(single(EXPECTED_LIFETIME(s(0)))).toBe(1);
  });
});

/* Desktop Excel builds before the fix of office-js #5262 pass empty cells as 0, others as null. */
describe("whole columns with an empty tail, on every platform", () => {
  const data = [0.8, 0, 0.5];
  const tail = (blank: unknown) => col(...data, blank, blank, blank);
  test.each([
    ["null (Excel on the web, current desktop)", null],
    ["0 (older desktop builds)", 0],
  ])(
    "CHURN_RATE and EXPECTED_LIFETIME stop with the data, not 1s below it: blanks as %s",
    (_, b) => {
      expect(grid(CHURN_RATE(tail(b)))).toEqual([
        [expect.closeTo(0.2, 15)],
        [1], // a 0 inside the data is a real 0
        [0.5],
      ]);
      expect(grid(EXPECTED_LIFETIME(tail(b)))).toHaveLength(3);
    }
  );
  test.each([null, 0])(
    "RETENTION_RATE and CUSTOMER_COST stop with the data, no #DIV/0! below it: blanks as %p",
    (b) => {
      expect(grid(RETENTION_RATE(col(80, b, b), col(60, b, b), col(20, b, b)))).toEqual([[0.5]]);
      expect(grid(CUSTOMER_COST(col(100, b), col(4, b), s(10)))).toEqual([[27.5]]);
    }
  );
  test("zeros that an empty cell follows were typed: they are computed", () => {
    expect(grid(CHURN_RATE(col(0.8, 0, null)))).toEqual([[expect.closeTo(0.2, 15)], [1]]);
    expect(grid(RETENTION_RATE(col(80, 0, null), col(60, 0, null), col(20, 0, null)))).toEqual([
      [0.5],
      [isError("#DIV/0!")],
    ]);
  });
  test("zeros at the very end of a range are its empty tail: trimmed", () => {
    expect(grid(CHURN_RATE(col(0.8, 0)))).toEqual([[expect.closeTo(0.2, 15)]]);
  });
  test("a single value beside the range does not stop its tail being trimmed", () => {
    expect(grid(RETENTION_RESCALE(col(0.9, null, 0), s(12)))).toEqual([
      [expect.closeTo(0.9 ** 12, 14)],
    ]);
  });
});
