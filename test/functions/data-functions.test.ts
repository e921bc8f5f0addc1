/**
 * The data functions as Excel calls them: ranges of cells in, spilled tables out. Their numbers
 * are checked against brute force in test/model/history; here: shapes, headers, blanks (empty and
 * desktop Excel's zeros), error messages naming the argument and the row, and that nothing but
 * numbers, text headers, blanks or proper errors ever comes out.
 */

import fc from "fast-check";
import fs from "fs";
import path from "path";
import {
  COHORTS,
  PERIOD_RETENTION,
  REVENUE_MOVEMENTS,
  RFM,
  SUBSCRIPTION_COHORTS,
  SUBSCRIPTION_RETENTION,
  SUBSCRIPTION_REVENUE_MOVEMENTS,
} from "../../src/functions/data-functions";
import { GRR, NRR, QUICK_RATIO } from "../../src/functions/revenue-functions";
import {
  KAPLAN_MEIER,
  MEDIAN_LIFETIME,
  SUBSCRIPTION_DURATIONS,
} from "../../src/functions/survival-functions";
import { CustomFunctionsError } from "../support/custom-functions-global";
import { grid, isError } from "../support/excel-values";

// Hundreds of random tables per property: generous on a loaded 2-core machine.
jest.setTimeout(120_000);

const col = (...cells: unknown[]) => cells.map((c) => [c]);
/** Excel passes an omitted optional range as null. */
const OMITTED = null as unknown as undefined;

/** Only numbers, text (headers and ids), blanks or errors: what Excel can show. */
function onlyShowable(result: unknown): boolean {
  if (!Array.isArray(result) || result.length === 0) return false;
  const width = (result[0] as unknown[]).length;
  return result.every(
    (row) =>
      Array.isArray(row) &&
      row.length === width &&
      row.every(
        (c) =>
          (typeof c === "number" && Number.isFinite(c)) ||
          typeof c === "string" ||
          c instanceof CustomFunctionsError
      )
  );
}

const ids = col("A", "B", "A", "C", "B", "A");
const dates = col(
  "2024-01-05",
  "2024-01-20",
  "2024-02-03",
  "2024-02-10",
  "2024-03-01",
  "2024-03-15"
);
const amounts = col(100, 50, 80, 30, 60, -20);

describe("PERIOD_RETENTION", () => {
  test("a worked table: header, one row per month, S N E kept reactivated churned retention", () => {
    const divByZero = expect.objectContaining({ code: "#DIV/0!" });
    expect(PERIOD_RETENTION(ids, dates, amounts)).toEqual([
      [
        "period start",
        "start (S)",
        "new (N)",
        "end (E)",
        "kept",
        "reactivated",
        "churned",
        "retention",
      ],
      [45292, 0, 2, 2, 0, 0, 0, divByZero],
      [45323, 2, 1, 2, 1, 0, 1, 0.5],
      // A's March order is a refund: it does not keep A. B comes back.
      [45352, 2, 0, 1, 0, 1, 2, 0.5],
    ]);
  });
  test("without amounts every row is an order; headers 0 drops the header row; window 2 keeps customers a period longer", () => {
    const rows = PERIOD_RETENTION(ids, dates, OMITTED, null, 2, null, 0) as unknown[][];
    expect(rows.length).toBe(3);
    // March: A, B and C all ordered in February or March.
    expect(rows[2].slice(1, 7)).toEqual([3, 0, 3, 3, 0, 0]);
  });
  test("interval codes: weeks give one row per ISO week, years one row", () => {
    expect((PERIOD_RETENTION(ids, dates, amounts, 4, null, null, 0) as unknown[][]).length).toBe(1);
    const weeks = PERIOD_RETENTION(ids, dates, amounts, 1, null, null, 0) as number[][];
    expect(weeks[0][0]).toBe(45292); // Monday 2024-01-01
    expect(weeks.length).toBe(11);
  });
  test("an end date cuts later orders and extends the table to its period", () => {
    const rows = PERIOD_RETENTION(ids, dates, amounts, 2, 1, "2024-05-31", 0) as number[][];
    expect(rows.map((r) => r[0])).toEqual([45292, 45323, 45352, 45383, 45413]);
    expect(rows[4].slice(1, 4)).toEqual([0, 0, 0]);
  });
  test("unsorted rows give the same table", () => {
    const order = [5, 2, 0, 4, 1, 3];
    const shuffled = (c: unknown[][]) => order.map((i) => c[i]);
    expect(PERIOD_RETENTION(shuffled(ids), shuffled(dates), shuffled(amounts))).toEqual(
      PERIOD_RETENTION(ids, dates, amounts)
    );
  });
  test("blank tails (empty, or zeros as desktop Excel passes them) and a header row change nothing", () => {
    const expected = PERIOD_RETENTION(ids, dates, amounts);
    const tail = (c: unknown[][], blank: unknown) => [...c, [blank], [blank], [blank]];
    expect(PERIOD_RETENTION(tail(ids, null), tail(dates, null), tail(amounts, null))).toEqual(
      expected
    );
    expect(PERIOD_RETENTION(tail(ids, 0), tail(dates, 0), tail(amounts, 0))).toEqual(expected);
    expect(
      PERIOD_RETENTION([["customer"], ...ids], [["order date"], ...dates], [["amount"], ...amounts])
    ).toEqual(expected);
  });
  test("errors name the argument and the row, as a 1×1 result", () => {
    const bad = [...dates];
    bad[3] = ["abc"];
    expect(grid(PERIOD_RETENTION(ids, bad))).toEqual([
      [
        {
          error: "#VALUE!",
          message: expect.stringMatching(/^order_dates row 4: 'abc' is not a date/),
        },
      ],
    ]);
    expect(grid(PERIOD_RETENTION(ids, dates.slice(1)))).toEqual([
      [{ error: "#VALUE!", message: "ranges have different shapes (6×1 and 5×1)" }],
    ]);
    expect(grid(PERIOD_RETENTION(col(null, null), col(null, null)))).toEqual([
      [{ error: "#N/A", message: "no orders" }],
    ]);
    expect(grid(PERIOD_RETENTION(ids, dates, OMITTED, 7))).toEqual([[isError("#NUM!")]]);
    expect(grid(PERIOD_RETENTION(ids, dates, OMITTED, null, 0))).toEqual([[isError("#NUM!")]]);
    expect(grid(PERIOD_RETENTION(ids, dates, col("x", 1, 1, 1, 1, 1)))).toEqual([
      [{ error: "#VALUE!", message: "amounts row 1: 'x' is not a number" }],
    ]);
    expect(grid(PERIOD_RETENTION([["A", "B"]], [["2024-01-01"]]))).toEqual([[isError("#VALUE!")]]);
    expect(
      grid(
        PERIOD_RETENTION(
          [
            ["A", 1],
            ["B", 2],
          ],
          col(45292, 45293)
        )
      )
    ).toEqual([
      [{ error: "#VALUE!", message: "customers must be a single column, not a 2×2 block" }],
    ]);
  });
  test("error values inside a range (when Excel lets them through) name the row", () => {
    const withError = [...dates];
    withError[1] = [new CustomFunctionsError("#N/A")];
    expect(grid(PERIOD_RETENTION(ids, withError))).toEqual([
      [{ error: "#VALUE!", message: "order_dates row 2: #N/A is not a date" }],
    ]);
  });
});

describe("COHORTS", () => {
  test("customers, shares, revenue and revenue shares; later periods empty", () => {
    expect(COHORTS(ids, dates, amounts)).toEqual([
      ["cohort", "size", 0, 1, 2],
      [45292, 2, 2, 1, 1],
      [45323, 1, 1, 0, ""],
    ]);
    expect(COHORTS(ids, dates, amounts, 1, null, null, 0)).toEqual([
      [45292, 2, 1, 0.5, 0.5],
      [45323, 1, 1, 0, ""],
    ]);
    expect(COHORTS(ids, dates, amounts, 2, null, null, 0)).toEqual([
      [45292, 2, 150, 80, 40],
      [45323, 1, 30, 0, ""],
    ]);
    const shares = COHORTS(ids, dates, amounts, 3, null, null, 0) as number[][];
    expect(shares[0][4]).toBeCloseTo(40 / 150, 15);
    expect(grid(COHORTS(ids, dates, OMITTED, 2))).toEqual([
      [{ error: "#VALUE!", message: "measure 2 needs amounts" }],
    ]);
  });
  test("survivors (measure 4): customers still ordering at or after each period, never rising", () => {
    // A orders in January, February and (a refund) March; B in January and March; C in February.
    expect(COHORTS(ids, dates, amounts, 4, OMITTED, OMITTED, 0)).toEqual([
      [45292, 2, 2, 2, 1],
      [45323, 1, 1, 0, ""],
    ]);
  });
  test("a cohort with no period-0 revenue has #DIV/0! revenue shares", () => {
    const r = grid(
      COHORTS(col("A", "A"), col("2024-01-05", "2024-02-05"), col(0, 10), 3, null, null, 0)
    );
    expect(r[0].slice(2)).toEqual([isError("#DIV/0!"), isError("#DIV/0!")]);
  });
});

describe("REVENUE_MOVEMENTS", () => {
  test("new, expansion, contraction, churn, reactivation, NRR and GRR", () => {
    const rows = grid(REVENUE_MOVEMENTS(ids, dates, amounts, 2, null, 0));
    expect(rows[0].slice(0, 8)).toEqual([45292, 0, 150, 0, 0, 0, 0, 150]);
    expect(rows[0].slice(8)).toEqual([isError("#DIV/0!"), isError("#DIV/0!")]);
    expect(rows[1]).toEqual([45323, 150, 30, 0, 20, 50, 0, 110, 80 / 150, 80 / 150]);
    // March: A's refund leaves A at 0 (churn 80); C churns (30); B comes back with 60.
    expect(rows[2]).toEqual([45352, 110, 0, 0, 0, 110, 60, 60, 0, 0]);
  });
});

describe("RFM", () => {
  test("lifetimes' conventions: one purchase a day, refunds left out, repeat mean", () => {
    expect(
      RFM(
        col("A", "A", "A", "B"),
        col("2024-01-01", "2024-01-01", "2024-01-11", "2024-01-05"),
        col(10, 5, 30, 7),
        "2024-01-31"
      )
    ).toEqual([
      ["customer", "frequency", "recency", "T", "monetary_value"],
      ["A", 1, 10, 30, 30],
      ["B", 0, 0, 26, 0],
    ]);
    const weeks = RFM(col("A", "A"), col("2024-01-01", "2024-01-15"), OMITTED, "2024-01-29", 7, 0);
    expect(weeks).toEqual([["A", 1, 2, 4, 0]]);
    expect(grid(RFM(col("A"), col("2024-01-01"), OMITTED, OMITTED, 0))).toEqual([
      [isError("#NUM!")],
    ]);
  });
});

describe("subscriptions", () => {
  const sid = col("A", "B", "C");
  const starts = col("2024-01-01", "2024-01-09", "2024-02-28");
  const ends = col("2024-03-29", null, "2024-03-09");
  test("retention, cohorts and movements", () => {
    expect(
      (SUBSCRIPTION_RETENTION(sid, starts, ends, 2, null, 0) as number[][]).map((r) =>
        r.slice(1, 7)
      )
    ).toEqual([
      [0, 2, 2, 0, 0, 0],
      [2, 1, 3, 2, 0, 0],
      [3, 0, 1, 1, 0, 2],
    ]);
    expect(SUBSCRIPTION_COHORTS(sid, starts, ends, col(10, 20, 30), 2, 2, null, 0)).toEqual([
      [45292, 2, 30, 30, 30],
      [45323, 1, 30, 30, ""],
    ]);
    const moves = grid(
      SUBSCRIPTION_REVENUE_MOVEMENTS(sid, starts, ends, col(10, 20, 30), 2, "2024-04-30", 0)
    );
    expect(moves[3].slice(1, 8)).toEqual([60, 0, 0, 0, 40, 0, 20]);
  });
  test("an end before its start names the row", () => {
    expect(grid(SUBSCRIPTION_RETENTION(sid, starts, col(null, "2023-01-01", null)))).toEqual([
      [
        {
          error: "#VALUE!",
          message: "end_dates row 2: the end 2023-01-01 is before the start 2024-01-09",
        },
      ],
    ]);
  });
  test("durations beside the data, row for row, with a header kept as a header", () => {
    expect(
      SUBSCRIPTION_DURATIONS(
        [["start"], ...starts, [null]],
        [["end"], ...ends, [null]],
        "2024-06-30"
      )
    ).toEqual([
      ["duration", "churned"],
      [2, 1],
      [5, 0],
      [0, 1],
    ]);
  });
  test("a whole column spills only as far as its data: empty rows inside stay, the empty tail is trimmed", () => {
    const rows = 1_048_576;
    const column = (top: unknown[][]) => {
      const out: unknown[][] = new Array(rows);
      for (let r = 0; r < rows; r++) out[r] = r < top.length ? top[r] : [r % 2 ? null : 0];
      return out;
    };
    const result = SUBSCRIPTION_DURATIONS(
      column([["start"], starts[0], [null], ...starts.slice(1)]),
      column([["end"], ends[0], [null], ...ends.slice(1)]),
      "2024-06-30"
    );
    expect(result).toEqual([
      ["duration", "churned"],
      [2, 1],
      ["", ""],
      [5, 0],
      [0, 1],
    ]);
    // Nothing but empty rows: one empty row, not an empty array (with as_of given, no error).
    expect(SUBSCRIPTION_DURATIONS(col(null, 0, null), col(null, null, 0), "2024-06-30")).toEqual([
      ["", ""],
    ]);
  });
});

describe("KAPLAN_MEIER and MEDIAN_LIFETIME", () => {
  test("a small table, TRUE/FALSE flags, weights", () => {
    const km = KAPLAN_MEIER(
      col(1, 2, 2, 3, 4),
      col(true, 1, false, "1", 0),
      OMITTED,
      null,
      0
    ) as number[][];
    expect(km.map((r) => r.slice(0, 5))).toEqual([
      [1, 5, 1, 0, 0.8],
      [2, 4, 1, 1, 0.6000000000000001],
      [3, 2, 1, 0, 0.30000000000000004],
      [4, 1, 0, 1, 0.30000000000000004],
    ]);
    expect(KAPLAN_MEIER(col(1, 2), col(1, 0), col(3, 1), 0.9, 0)).toEqual(
      KAPLAN_MEIER(col(1, 1, 1, 2), col(1, 1, 1, 0), OMITTED, 0.9, 0)
    );
    expect(MEDIAN_LIFETIME(col(1, 2, 2, 3, 4), col(1, 1, 0, 1, 0))).toEqual([[3]]);
  });
  test("median not reached is #N/A with that message; bad flags name the row", () => {
    expect(grid(MEDIAN_LIFETIME(col(1, 2), col(0, 0)))).toEqual([
      [{ error: "#N/A", message: "median not reached" }],
    ]);
    expect(grid(KAPLAN_MEIER(col(1, 2), col(1, "yes")))).toEqual([
      [{ error: "#VALUE!", message: "churned row 2: 'yes' is not 1/0 or TRUE/FALSE" }],
    ]);
    expect(grid(KAPLAN_MEIER(col(1, 2), col(1, 0), OMITTED, 1.5))).toEqual([[isError("#NUM!")]]);
  });
});

describe("NRR, GRR, QUICK_RATIO", () => {
  test("worked values and impossible data", () => {
    expect(NRR([[1000]], [[200]], [[50]], [[100]])).toEqual([[1.05]]);
    expect(GRR([[1000]], [[50]], [[100]])).toEqual([[0.85]]);
    expect(QUICK_RATIO([[300]], [[100]], [[50]], [[50]])).toEqual([[4]]);
    expect(QUICK_RATIO([[300]], [[100]], [[50]], [[50]], [[100]])).toEqual([[5]]);
    expect(grid(GRR([[1000]], [[-50]], [[100]]))).toEqual([[isError("#NUM!")]]); // GRR above 100%
    expect(grid(GRR([[100]], [[80]], [[40]]))).toEqual([[isError("#NUM!")]]);
    expect(grid(NRR([[0]], [[0]], [[0]], [[0]]))).toEqual([[isError("#DIV/0!")]]);
    expect(grid(QUICK_RATIO([[1]], [[1]], [[0]], [[0]]))).toEqual([[isError("#DIV/0!")]]);
  });
});

describe("property: only numbers, text, blanks or proper errors, whatever the cells", () => {
  const cell = fc.oneof(
    fc.constantFrom(null, "", 0, true, false, "abc", "2024-02-30", "2024-03-05", -3, 1e308),
    fc.integer({ min: 45000, max: 45700 }),
    fc.double({ noNaN: false }),
    fc.string({ maxLength: 4 }),
    fc.constant(new CustomFunctionsError("#N/A"))
  );
  const column = (n: number) =>
    fc.array(cell, { minLength: n, maxLength: n }).map((cells) => cells.map((c) => [c]));
  const table = fc
    .integer({ min: 1, max: 12 })
    .chain((n) => fc.tuple(column(n), column(n), column(n), column(n)));
  const option = fc.oneof(fc.constant(null), cell, fc.integer({ min: -1, max: 5 }));
  test.each([
    [
      "PERIOD_RETENTION",
      (t: any[][][], o: any[]) => PERIOD_RETENTION(t[0], t[1], t[2], o[0], o[1], o[2], o[3]),
    ],
    ["COHORTS", (t: any[][][], o: any[]) => COHORTS(t[0], t[1], t[2], o[0], o[1], o[2], o[3])],
    [
      "REVENUE_MOVEMENTS",
      (t: any[][][], o: any[]) => REVENUE_MOVEMENTS(t[0], t[1], t[2], o[0], o[1], o[2]),
    ],
    ["RFM", (t: any[][][], o: any[]) => RFM(t[0], t[1], t[2], o[0], o[1], o[2])],
    [
      "SUBSCRIPTION_RETENTION",
      (t: any[][][], o: any[]) => SUBSCRIPTION_RETENTION(t[0], t[1], t[2], o[0], o[1], o[2]),
    ],
    [
      "SUBSCRIPTION_COHORTS",
      (t: any[][][], o: any[]) =>
        SUBSCRIPTION_COHORTS(t[0], t[1], t[2], t[3], o[0], o[1], o[2], o[3]),
    ],
    [
      "SUBSCRIPTION_REVENUE_MOVEMENTS",
      (t: any[][][], o: any[]) =>
        SUBSCRIPTION_REVENUE_MOVEMENTS(t[0], t[1], t[2], t[3], o[0], o[1], o[2]),
    ],
    ["KAPLAN_MEIER", (t: any[][][], o: any[]) => KAPLAN_MEIER(t[0], t[1], t[2], o[0], o[1])],
    [
      "SUBSCRIPTION_DURATIONS",
      (t: any[][][], o: any[]) => SUBSCRIPTION_DURATIONS(t[0], t[1], o[0], o[1]),
    ],
    ["NRR", (t: any[][][]) => NRR(t[0], t[1], t[2], t[3])],
    ["GRR", (t: any[][][]) => GRR(t[0], t[1], t[2])],
    ["QUICK_RATIO", (t: any[][][], o: any[]) => QUICK_RATIO(t[0], t[1], t[2], t[3], o[0])],
  ])("%s", (_, call) => {
    fc.assert(
      fc.property(table, fc.tuple(option, option, option, option), (t, o) => {
        expect(onlyShowable(call(t, o))).toBe(true);
      }),
      { numRuns: 300 }
    );
  });
  test("MEDIAN_LIFETIME returns one number or a proper error", () => {
    fc.assert(
      fc.property(table, (t) => {
        const [[cell]] = MEDIAN_LIFETIME(t[0], t[1], t[2]);
        expect(Number.isFinite(cell) || cell instanceof CustomFunctionsError).toBe(true);
      }),
      { numRuns: 300 }
    );
  });
});

describe("the worked example on the repository's sample orders", () => {
  const lines = fs
    .readFileSync(path.resolve(__dirname, "../../samples/orders.csv"), "utf8")
    .trim()
    .split("\n");
  const rows = lines.map((l) => l.split(","));
  const sampleIds = rows.map((r) => [r[0]]);
  const sampleDates = rows.map((r) => [r[1]]);
  const sampleAmounts = rows.map((r) => [r[2]]);
  test("a header row is read as titles, and every row of the file is an order", () => {
    const table = PERIOD_RETENTION(sampleIds, sampleDates, sampleAmounts) as unknown[][];
    expect(table.length).toBe(19); // a header and 18 months
    const cohorts = COHORTS(sampleIds, sampleDates, sampleAmounts, 0, 2, null, 0) as number[][];
    expect(cohorts.reduce((s, r) => s + r[1], 0)).toBe(
      new Set(rows.slice(1).map((r) => r[0])).size
    );
  });
});

/* Issue 18: RFM and COHORTS of refunds only, with headers 0, returned a 0×0 array. */
describe("an empty result is #N/A with a message, never a 0×0 array", () => {
  const refunds = [col("A", "B"), col(45000, 45031), col(-20, -5)] as const;
  test.each([
    ["RFM", () => RFM(refunds[0], refunds[1], refunds[2], OMITTED, OMITTED, 0)],
    ["COHORTS", () => COHORTS(refunds[0], refunds[1], refunds[2], OMITTED, OMITTED, OMITTED, 0)],
  ])("%s of refunds only, headers 0", (_, call) => {
    const result = grid(call());
    expect(result.length).toBeGreaterThan(0);
    expect(result[0].length).toBeGreaterThan(0);
    if (result.length === 1 && result[0].length === 1 && typeof result[0][0] === "object")
      expect(result[0][0]).toEqual({
        error: "#N/A",
        message: expect.stringMatching(/no purchases/),
      });
  });
});
