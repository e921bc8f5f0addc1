/**
 * Issue 22.8: a table larger than Excel's grid (or the cohort-cell budget) is refused from its
 * dates alone, before anything of its size is allocated, with the figure and the limit, in the
 * cells, the pane's engine and the command line alike. One order dated 9999-12-31 with daily
 * periods used to spill 4 × 2,913,176 cells, or run for minutes and 20 GB before refusing.
 * The sizes asserted are counted here from the calendar (Date.UTC), not taken from the model.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import fc from "fast-check";
import {
  COHORTS,
  PERIOD_RETENTION,
  REVENUE_MOVEMENTS,
  SUBSCRIPTION_COHORTS,
} from "../../../src/functions/data-functions";
import { OrdersAnalysis } from "../../../src/model/history/analysis";
import { cohortTable } from "../../../src/model/history/cohorts";
import { ordersByPeriod } from "../../../src/model/history/table-folding";
import {
  checkCohortCells,
  checkPeriodRows,
  COHORT_CELL_BUDGET,
  SHEET_COLUMNS,
  SHEET_ROWS,
} from "../../../src/model/history/result-size";
import { createAnalysisEngine } from "../../../src/taskpane/worker/analysis-engine";
import type { WorkerResponse } from "../../../src/taskpane/worker/protocol";
import { grid } from "../../support/excel-values";
import { builtFile } from "../../support/built";

jest.setTimeout(120_000);

const col = (...cells: unknown[]) => cells.map((c) => [c]);
const OMITTED = null as unknown as undefined;

/** Days between two ISO dates, inclusive, by the calendar of Date.UTC. */
const daysInclusive = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
const fmt = (n: number) => n.toLocaleString("en-US");

const ids = col("A", "B", "C", "D");
const dates = col("2024-01-05", "2024-02-05", "2024-03-05", "9999-12-31");
const amounts = col(10, 20, 30, 40);
const SPAN = daysInclusive("2024-01-05", "9999-12-31");

describe("cells: far-future dates are refused with the size and the limit", () => {
  test("PERIOD_RETENTION, daily: more rows than Excel's grid, naming order_dates", () => {
    const result = grid(PERIOD_RETENTION(ids, dates, amounts, 0));
    expect(result).toEqual([
      [
        {
          error: "#VALUE!",
          message: expect.stringContaining(
            `order_dates: the dates span ${fmt(SPAN)} daily periods (2024-01-05 to 9999-12-31), which need ${fmt(SPAN + 1)} rows, more than Excel's 1,048,576`
          ),
        },
      ],
    ]);
    expect((result[0][0] as { message: string }).message).toMatch(/past the year 2200/);
  });

  test("COHORTS, daily: more columns than Excel's grid", () => {
    const result = grid(COHORTS(ids, dates, amounts, 0, 0));
    expect(result).toEqual([
      [
        {
          error: "#VALUE!",
          message: expect.stringContaining(
            `which need ${fmt(SPAN + 2)} columns, more than Excel's 16,384`
          ),
        },
      ],
    ]);
  });

  test("an end_date far away is named as the cause", () => {
    const result = grid(
      REVENUE_MOVEMENTS(ids.slice(0, 3), dates.slice(0, 3), amounts.slice(0, 3), 0, "9999-12-31")
    );
    expect(result[0][0]).toEqual({
      error: "#VALUE!",
      message: expect.stringMatching(
        /^end_date: the dates span .* rows, more than Excel's 1,048,576; a date past the year 2200/
      ),
    });
  });

  test("SUBSCRIPTION_COHORTS with a start in 9999, daily, is refused too", () => {
    const result = grid(
      SUBSCRIPTION_COHORTS(
        col("A", "B"),
        col("2024-01-01", "9999-12-01"),
        col(null, null),
        OMITTED,
        0,
        0
      )
    );
    expect(result[0][0]).toEqual({
      error: "#VALUE!",
      message: expect.stringContaining("more than Excel's 16,384"),
    });
  });

  test("yearly periods over the same dates fit and are computed", () => {
    const table = PERIOD_RETENTION(ids, dates, amounts, 4) as unknown[][];
    // 2024 … 9999, plus the header row.
    expect(table.length).toBe(9999 - 2024 + 1 + 1);
  });
});

describe("the model's limits, against sizes counted here", () => {
  test("a period table fits exactly up to Excel's last row", () => {
    // 1,048,575 days + the header = 1,048,576 rows: fits; one more day does not.
    expect(() =>
      checkPeriodRows({ unit: "day", first: 1000, last: 1000 + SHEET_ROWS - 2 })
    ).not.toThrow();
    expect(() =>
      checkPeriodRows({ unit: "day", first: 1000, last: 1000 + SHEET_ROWS - 1 })
    ).toThrow(/need 1,048,577 rows/);
  });

  test("cohort columns and cells: refused exactly past the limits, from the data's own cohorts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 30_000 }),
        (customers, spanDays) => {
          // Customers acquired on consecutive days from 2024-01-01; the last order spanDays in.
          const id: unknown[][] = [];
          const day: unknown[][] = [];
          const base = Date.UTC(2024, 0, 1);
          const iso = (d: number) => new Date(base + d * 86_400_000).toISOString().slice(0, 10);
          for (let c = 0; c < customers; c++) {
            id.push([`C${c}`]);
            day.push([iso(Math.min(c, spanDays - 1))]);
          }
          id.push(["C0"]);
          day.push([iso(spanDays - 1)]);
          const cohorts = Math.min(customers, spanDays);
          const tooWide = spanDays + 2 > SHEET_COLUMNS;
          const tooMany = cohorts * spanDays > COHORT_CELL_BUDGET;
          const folded = ordersByPeriod(
            { length: id.length, at: (i) => id[i][0] },
            { length: day.length, at: (i) => day[i][0] },
            { length: 0, at: () => null },
            "day",
            null
          );
          if (tooWide || tooMany) {
            expect(() => cohortTable(folded.cells, folded.range)).toThrow(
              tooWide
                ? /columns, more than Excel's 16,384/
                : /cohort cells, more than the 5,000,000/
            );
          } else {
            const table = cohortTable(folded.cells, folded.range);
            expect([table.cohort.length, table.ages]).toEqual([cohorts, spanDays]);
          }
        }
      ),
      { numRuns: 40 }
    );
    expect(() => checkCohortCells({ unit: "day", first: 0, last: 9 }, 500, 10_000)).not.toThrow();
    expect(() => checkCohortCells({ unit: "day", first: 0, last: 9 }, 500, 10_001)).toThrow(
      /500 cohorts × 10,001 periods = 5,000,500 cohort cells/
    );
  });

  test("the whole analysis refuses at once, before its tables are built", () => {
    const analysis = new OrdersAnalysis({ unit: "day", hasRevenue: true });
    analysis.add(2, "A", "2024-01-05", "10");
    analysis.add(3, "B", "9999-12-31", "10");
    expect(() => analysis.finish()).toThrow(
      new RegExp(`the dates span ${fmt(daysInclusive("2024-01-05", "9999-12-31"))} daily periods`)
    );
  });
});

describe("the pane's engine", () => {
  test("answers with the refusal, once (shown inline as the failure's message)", async () => {
    // (Dates after today are the pane's own rule: a long span of past dates here.)
    const text = "customer,date,amount\nA,1901-01-05,10\nB,2024-02-05,20\nC,2024-03-05,5\n";
    const messages: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m) => messages.push(m));
    await handle({
      type: "analyse",
      id: 7,
      source: { kind: "text", text },
      settings: {
        shape: "orders",
        columns: { customer: 0, date: 1, amount: 2, start: -1, end: -1, revenue: -1 },
        hasHeader: true,
        dateFormat: null,
        unit: "day",
        window: 1,
      },
    });
    expect(messages.filter((m) => m.type !== "progress")).toEqual([
      expect.objectContaining({
        type: "failed",
        id: 7,
        message: expect.stringContaining(
          `the dates span ${fmt(daysInclusive("1901-01-05", "2024-03-05"))} daily periods (1901-01-05 to 2024-03-05), which need as many columns in the cohort table, more than the 16,383 a sheet holds beside the cohort labels; choose a longer interval`
        ),
      }),
    ]);
  });
});

describe("the command line", () => {
  const BIN = resolve(__dirname, "../../../bin/retention-report.js");
  let dir: string;
  beforeAll(() => builtFile("cli/retention-report.js"));
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "result-size-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // (An order dated after today is refused by the command's own rule before any size is known.)
  test.each([
    [
      ["--period", "day"],
      "customer,order_date,amount\nA,1901-01-05,10\nB,2024-02-05,5\n",
      daysInclusive("1901-01-05", "2024-02-05"),
      "choose a longer interval",
    ],
    [
      ["--period", "day", "--end-date", "9999-12-31"],
      "customer,order_date,amount\nA,2024-01-05,10\nB,2024-02-05,5\n",
      daysInclusive("2024-01-05", "9999-12-31"),
      "past the year 2200",
    ],
  ])(
    "%j: one line with the size and the limit, exit 1, nothing written",
    (flags, content, span, advice) => {
      writeFileSync(join(dir, "orders.csv"), content);
      const r = spawnSync(
        process.execPath,
        [BIN, "cohorts", "--orders", "orders.csv", "--out", "out.xlsx", ...flags],
        { cwd: dir, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } }
      );
      expect(r.status).toBe(1);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(
        new RegExp(
          `^retention-report: orders\\.csv: the dates span ${fmt(span)} daily periods .*more than the 16,383 .*${advice}`
        )
      );
      expect(existsSync(join(dir, "out.xlsx"))).toBe(false);
    }
  );
});
