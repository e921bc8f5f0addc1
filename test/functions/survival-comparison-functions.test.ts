/**
 * RETAIN.LOGRANK, RETAIN.RMST, RETAIN.NELSON_AALEN and MEDIAN_LIFETIME's stats as Excel calls
 * them. Their numbers are checked against brute force and R in test/model/survival; here: the
 * layout, groups read as text or numbers in order of first appearance, titles and blank rows,
 * every weighting code and flag form, error messages naming the argument and the row, and that
 * nothing but numbers, text, blanks or proper errors ever comes out.
 */
import fc from "fast-check";
import { LOGRANK, NELSON_AALEN, RMST } from "../../src/functions/survival-comparison-functions";
import { MEDIAN_LIFETIME } from "../../src/functions/survival-functions";
import { kaplanMeier } from "../../src/model/history/kaplan-meier";
import { logRank, WEIGHTING_CODES } from "../../src/model/survival/log-rank";
import { medianInterval } from "../../src/model/survival/median-interval";
import { restrictedMean } from "../../src/model/survival/rmst";
import { CustomFunctionsError } from "../support/custom-functions-global";
import { grid, isError } from "../support/excel-values";
import { asRows, grouped } from "../model/survival/brute-force";

jest.setTimeout(120_000);

const col = (...cells: unknown[]) => cells.map((c) => [c]);
const OMITTED = null as unknown as undefined;

const durations = col("tenure", 1, 2, 2, 3, 4, 5, 6, 6, 7, 9);
const churned = col("churned", 1, 1, 0, 1, 0, 1, 1, 0, 1, 0);
const groups = col(
  "plan",
  "Monthly",
  "annual",
  "monthly",
  "Annual",
  "Monthly",
  "annual",
  "Monthly",
  "Annual",
  "monthly",
  "Annual"
);
// The same customers as model rows: monthly (0) are rows 1, 3, 5, 7, 9; annual (1) the rest.
const subjects = [1, 2, 2, 3, 4, 5, 6, 6, 7, 9].map((t, i) => ({
  duration: t,
  churned: [1, 1, 0, 1, 0, 1, 1, 0, 1, 0][i] === 1,
  group: i % 2,
  weight: 1,
}));

/** Only numbers, text, blanks or errors, rows of one width: what Excel can show. */
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

describe("LOGRANK", () => {
  test("label rows, the test, then one row per group in order of first appearance", () => {
    const model = logRank(grouped(subjects, 2), WEIGHTING_CODES[0]);
    expect(LOGRANK(durations, churned, groups)).toEqual([
      ["chi-square", "degrees of freedom", "p-value", ""],
      [model.chiSquare, 1, model.pValue, ""],
      ["group", "customers", "observed churn", "expected churn"],
      ["Monthly", 5, model.observed[0], model.expected[0]],
      ["annual", 5, model.observed[1], model.expected[1]],
    ]);
  });

  test("every weighting code gives its test; headers 0 leaves the label rows out", () => {
    for (const code of [0, 1, 2, 3]) {
      const model = logRank(grouped(subjects, 2), WEIGHTING_CODES[code]);
      const out = LOGRANK(durations, churned, groups, code, 0);
      expect(out[0]).toEqual([model.chiSquare, 1, model.pValue, ""]);
      expect(out.length).toBe(3);
    }
    expect(LOGRANK(durations, churned, groups, OMITTED, false)).toEqual(
      LOGRANK(durations, churned, groups, 0, 0)
    );
    expect(grid(LOGRANK(durations, churned, groups, 4))).toEqual([[isError("#NUM!")]]);
  });

  test("one group: the groups' rows, and #N/A for the test with a message", () => {
    const out = LOGRANK(durations, churned, col("plan", ...Array(10).fill("x")), 0, 0);
    expect(grid(out.slice(0, 1))[0].slice(0, 3)).toEqual([
      { error: "#N/A", message: "fewer than two groups with churn to compare" },
      { error: "#N/A", message: "fewer than two groups with churn to compare" },
      { error: "#N/A", message: "fewer than two groups with churn to compare" },
    ]);
    expect(out[1]).toEqual(["x", 10, 6, 6]);
  });

  test("numbers as groups; blank rows at the end are skipped", () => {
    const out = LOGRANK(
      col(1, 2, 3, 4, null, null),
      col(1, 0, 1, 1, null, null),
      col(2, 1, 2, 1, null, null),
      0,
      0
    );
    expect(out.slice(1).map((r) => r.slice(0, 2))).toEqual([
      [2, 2],
      [1, 2],
    ]);
  });

  test("errors name the argument and the row", () => {
    expect(grid(LOGRANK(col(1, 2), col(1, "yes"), col("a", "b")))).toEqual([
      [{ error: "#VALUE!", message: "churned row 2: 'yes' is not 1/0 or TRUE/FALSE" }],
    ]);
    expect(grid(LOGRANK(col(1, 2), col(1, 0), col("a", new CustomFunctionsError("#N/A"))))).toEqual(
      [[{ error: "#VALUE!", message: "groups row 2: #N/A is not a segment" }]]
    );
    expect(grid(LOGRANK(col(1, 2), col(1, 0), col("a", "b", "c")))).toEqual([
      [{ error: "#VALUE!", message: "ranges have different shapes (2×1 and 3×1)" }],
    ]);
    expect(grid(LOGRANK(col(1, 2), col(1, 0), OMITTED as any))[0][0]).toEqual(isError("#VALUE!"));
    expect(grid(LOGRANK(col(null), col(null), col(null)))).toEqual([[isError("#N/A")]]);
  });
});

describe("RMST", () => {
  test("one row per group, or one row with an empty group", () => {
    const [monthly, annual] = [0, 1].map((g) =>
      restrictedMean(kaplanMeier(asRows(subjects.filter((s) => s.group === g))), 6)
    );
    expect(RMST(durations, churned, 6, groups)).toEqual([
      ["Monthly", monthly.mean, monthly.standardError, monthly.lower, monthly.upper],
      ["annual", annual.mean, annual.standardError, annual.lower, annual.upper],
    ]);
    const all = restrictedMean(kaplanMeier(asRows(subjects)), 6);
    expect(RMST(durations, churned, [[6]])).toEqual([
      ["", all.mean, all.standardError, all.lower, all.upper],
    ]);
  });

  test("the horizon is required and above 0", () => {
    expect(grid(RMST(durations, churned, null))).toEqual([
      [
        {
          error: "#VALUE!",
          message: "horizon is missing: give the time up to which to count, in the durations' unit",
        },
      ],
    ]);
    expect(grid(RMST(durations, churned, 0))).toEqual([[isError("#NUM!")]]);
    expect(grid(RMST(durations, churned, -1))).toEqual([[isError("#NUM!")]]);
    expect(grid(RMST(durations, churned, "soon"))).toEqual([
      [{ error: "#VALUE!", message: "horizon must be a number" }],
    ]);
  });
});

describe("NELSON_AALEN", () => {
  test("a header row, then time, at risk, churned and Σ d/n; weights count identical rows", () => {
    const out = NELSON_AALEN(col(1, 2, 2, 3), col(1, 1, 0, 1));
    expect(out).toEqual([
      ["time", "at risk", "churned", "cumulative hazard"],
      [1, 4, 1, 1 / 4],
      [2, 3, 1, 1 / 4 + 1 / 3],
      [3, 1, 1, 1 / 4 + 1 / 3 + 1],
    ]);
    expect(NELSON_AALEN(col(1, 2), col(1, 0), col(3, 2), 0)).toEqual(
      NELSON_AALEN(col(1, 1, 1, 2, 2), col(1, 1, 1, 0, 0), OMITTED, 0)
    );
    expect(grid(NELSON_AALEN(col(1, -2), col(1, 0)))).toEqual([
      [{ error: "#VALUE!", message: "durations row 2: a duration cannot be negative" }],
    ]);
  });
});

describe("MEDIAN_LIFETIME with stats", () => {
  test("the median alone by default; with stats (TRUE or 1), median, lower and upper", () => {
    // Twenty customers, one leaving each month, every fifth still active: all three reached.
    const times = Array.from({ length: 20 }, (_, i) => i + 1);
    const flags = times.map((t) => (t % 5 === 0 ? 0 : 1));
    const d = col(...times);
    const c = col(...flags);
    const rows = asRows(
      times.map((t, i) => ({ duration: t, churned: flags[i] === 1, group: 0, weight: 1 }))
    );
    const found = medianInterval(kaplanMeier(rows));
    expect(found.median !== null && found.lower !== null && found.upper !== null).toBe(true);
    expect(MEDIAN_LIFETIME(d, c)).toEqual([[found.median]]);
    expect(MEDIAN_LIFETIME(d, c, OMITTED, false)).toEqual([[found.median]]);
    expect(MEDIAN_LIFETIME(d, c, OMITTED, true)).toEqual([
      [found.median, found.lower, found.upper],
    ]);
    expect(MEDIAN_LIFETIME(d, c, OMITTED, 1)).toEqual(MEDIAN_LIFETIME(d, c, OMITTED, "TRUE"));
  });

  test("a limit not reached is #N/A in its own cell", () => {
    expect(grid(MEDIAN_LIFETIME(col(1, 2, 3, 4), col(1, 1, 1, 1), OMITTED, true))).toEqual([
      [2, 1, { error: "#N/A", message: "upper bound not reached" }],
    ]);
    expect(grid(MEDIAN_LIFETIME(col(1, 2), col(0, 0)))).toEqual([
      [{ error: "#N/A", message: "median not reached" }],
    ]);
    expect(grid(MEDIAN_LIFETIME(col(1, 2), col(1, 0), OMITTED, col(1, 0)))).toEqual([
      [{ error: "#VALUE!", message: "stats must be TRUE or FALSE (or 1 or 0), not a range" }],
    ]);
  });
});

describe("property: only numbers, text, blanks or proper errors, whatever the cells", () => {
  const cell = fc.oneof(
    fc.constantFrom(null, "", 0, 1, true, false, "abc", "1", -3, 1e308, "A", "B"),
    fc.integer({ min: 0, max: 20 }),
    fc.double({ noNaN: false }),
    fc.string({ maxLength: 3 }),
    fc.constant(new CustomFunctionsError("#N/A"))
  );
  const column = (n: number) =>
    fc.array(cell, { minLength: n, maxLength: n }).map((cells) => cells.map((c) => [c]));
  const table = fc
    .integer({ min: 1, max: 12 })
    .chain((n) => fc.tuple(column(n), column(n), column(n)));
  const option = fc.oneof(fc.constant(null), cell, fc.integer({ min: -1, max: 5 }));
  test.each([
    ["LOGRANK", (t: any[][][], o: any[]) => LOGRANK(t[0], t[1], t[2], o[0], o[1])],
    ["RMST", (t: any[][][], o: any[]) => RMST(t[0], t[1], o[0], t[2])],
    ["NELSON_AALEN", (t: any[][][], o: any[]) => NELSON_AALEN(t[0], t[1], t[2], o[0])],
    ["MEDIAN_LIFETIME", (t: any[][][], o: any[]) => MEDIAN_LIFETIME(t[0], t[1], t[2], o[0])],
  ])("%s", (_, call) => {
    fc.assert(
      fc.property(table, fc.tuple(option, option), (t, o) => {
        expect(onlyShowable(call(t, o))).toBe(true);
      }),
      { numRuns: 300 }
    );
  });
});
