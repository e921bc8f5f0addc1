/**
 * The command line's DuckDB engine on real files: generated orders written as Parquet (by DuckDB
 * itself) and as CSV, aggregated by sql/period_retention.sql, sql/cohorts.sql and
 * sql/revenue_movements.sql, must give the model's tables exactly (money to 1e-9).
 */
import { DuckDBDateValue, DuckDBInstance } from "@duckdb/node-api";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCohortsArguments } from "../../src/cli/cohorts-arguments";
import { analyseCsv } from "../../src/cli/csv-analysis";
import { analyseWithDuckDb } from "../../src/cli/duckdb-analysis";
import { runCohortsWithDuckDb } from "../../src/cli/engine-duckdb";
import { cohortTable } from "../../src/model/history/cohorts";
import { isoTextFromSerial, unixDaysFromSerial } from "../../src/model/reading/excel-dates";
import { periodRetentionFromOrders } from "../../src/model/history/period-retention";
import { PeriodUnit } from "../../src/model/history/periods";
import { revenueMovements } from "../../src/model/history/revenue-movements";
import { Column, ordersByPeriod } from "../../src/model/history/table-folding";
import { syntheticOrders } from "../support/synthetic-data";

const column = (values: unknown[]): Column => ({ length: values.length, at: (i) => values[i] });
const orders = syntheticOrders({ customers: 2500, months: 30, seed: 11 });
// A few ids that only text keeps apart: "0042" is not 42.
orders.customer.push("0042", "42", "0042");
orders.date.push(45000, 45001, 45100);
orders.amount.push(10, 20, 30);

let dir: string;
let parquet: string;
let csv: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "retain-engine-test-"));
  parquet = join(dir, "orders.parquet");
  csv = join(dir, "orders.csv");
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run("CREATE TABLE orders (customer_id VARCHAR, order_date DATE, amount DOUBLE)");
  const appender = await db.createAppender("orders");
  for (let i = 0; i < orders.customer.length; i++) {
    appender.appendVarchar(orders.customer[i]);
    appender.appendDate(new DuckDBDateValue(unixDaysFromSerial(orders.date[i])));
    appender.appendDouble(orders.amount[i]);
    appender.endRow();
  }
  appender.closeSync();
  await db.run(`COPY orders TO '${parquet}' (FORMAT parquet)`);
  db.closeSync();
  instance.closeSync();
  const lines = ["customer_id,order_date,amount"];
  for (let i = 0; i < orders.customer.length; i++)
    lines.push(`${orders.customer[i]},${isoTextFromSerial(orders.date[i])},${orders.amount[i]}`);
  writeFileSync(csv, lines.join("\n") + "\n");
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectClose(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (Number.isNaN(want[i])) expect(got[i]).toBeNaN();
    else
      expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want[i])));
  }
}

const CASES: Array<[string, PeriodUnit, number | null, number]> = [
  ["parquet", "month", null, 1],
  ["parquet", "week", 45300, 2],
  ["csv", "month", null, 1],
  ["csv", "quarter", 45200, 1],
];

test.each(CASES)(
  "%s, %s periods, end %s, window %s: the model's period and cohort tables",
  async (kind, unit, endDay, window) => {
    const got = await runCohortsWithDuckDb({
      orders: kind === "parquet" ? parquet : csv,
      unit,
      endDay,
      window,
      threads: 2,
    });
    const read = ordersByPeriod(
      column(orders.customer),
      column(orders.date),
      column(orders.amount),
      unit,
      endDay
    );
    expect(got.range).toEqual(read.range);
    expect(got.lastDay).toBe(endDay ?? read.lastDay);
    expect(got.customers).toBe(read.ids.count);
    expect(got.rows).toBe(orders.date.filter((d) => endDay === null || d <= endDay).length);
    const periods = periodRetentionFromOrders(read.cells, read.range, window);
    expect(got.periods).toEqual(periods);
    const cohorts = cohortTable(read.cells, read.range, window - 1);
    expect(got.cohorts.cohort).toEqual(cohorts.cohort);
    expect(got.cohorts.size).toEqual(cohorts.size);
    expect(got.cohorts.ages).toBe(cohorts.ages);
    expect(got.cohorts.customers).toEqual(cohorts.customers);
    expect(got.cohorts.survivors).toEqual(cohorts.survivors);
    expectClose(got.cohorts.revenue, cohorts.revenue);
    const movements = revenueMovements(read.cells, read.range);
    expect(got.movements).not.toBeNull();
    for (const key of [
      "start",
      "won",
      "expansion",
      "contraction",
      "churn",
      "reactivation",
      "end",
    ] as const)
      expectClose(got.movements![key], movements[key]);
  },
  120_000
);

test("a file that is neither CSV nor Parquet is refused in one line naming it", async () => {
  await expect(
    runCohortsWithDuckDb({ orders: join(dir, "orders.xlsx"), unit: "month" })
  ).rejects.toThrow(/^orders\.xlsx: use a \.csv or \.parquet file/);
});

test("a missing file is one line naming it", async () => {
  const error = await runCohortsWithDuckDb({
    orders: join(dir, "absent.parquet"),
    unit: "month",
  }).catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(/^absent\.parquet: /);
  expect((error as Error).message).not.toMatch(/\n/);
});

test.each([
  ["a bad date", "A,2024-01-05,10\nB,2024-02-30x,5\n", /^bad\.csv:3:2: order_date: '2024-02-30x' /],
  ["a blank id", "A,2024-01-05,10\n,2024-02-07,5\n", /^bad\.csv:3:1: customer_id: /],
  ["a blank date", "A,2024-01-05,10\nB,,5\n", /^bad\.csv:3:2: order_date: /],
])(
  "%s in a CSV file is refused naming the file, line and column, as the stream engine names it",
  async (_, rows, message) => {
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, `customer_id,order_date,amount\n${rows}`);
    const args = parseCohortsArguments(["--orders", bad, "--engine", "duckdb"]);
    const duck = await analyseWithDuckDb(bad, "bad.csv", args).catch((e: Error) => e);
    const stream = await analyseCsv(bad, "bad.csv", args).catch((e: Error) => e);
    expect((duck as Error).message).toMatch(message);
    expect((duck as Error).message).toBe((stream as Error).message);
  }
);

describe("the columns and dates, found by the model's one proposal", () => {
  /** A month's orders of a few customers, each written as a file writes them. */
  const few = syntheticOrders({ customers: 60, months: 14, seed: 5 });
  const civil = (serial: number) => isoTextFromSerial(serial).split("-").map(Number);
  const us = (serial: number) => {
    const [y, m, d] = civil(serial);
    return `${m}/${d}/${y}`;
  };
  const european = (serial: number) => {
    const [y, m, d] = civil(serial);
    return `${String(d).padStart(2, "0")}.${String(m).padStart(2, "0")}.${y}`;
  };

  async function expectModelTables(
    file: string,
    options: Partial<Parameters<typeof runCohortsWithDuckDb>[0]> = {}
  ) {
    const got = await runCohortsWithDuckDb({ orders: file, unit: "month", threads: 2, ...options });
    const read = ordersByPeriod(
      column(few.customer),
      column(few.date),
      column(few.amount),
      "month",
      null
    );
    expect(got.range).toEqual(read.range);
    expect(got.customers).toBe(read.ids.count);
    expect(got.rows).toBe(few.date.length);
    expect(got.periods).toEqual(periodRetentionFromOrders(read.cells, read.range, 1));
    expectClose(got.movements!.end, revenueMovements(read.cells, read.range).end);
  }

  test("Chinese titles in another order, US dates", async () => {
    const file = join(dir, "us.csv");
    const lines = ["金额,备注,客户,下单日期"];
    few.customer.forEach((c, i) => lines.push(`${few.amount[i]},x,${c},${us(few.date[i])}`));
    writeFileSync(file, lines.join("\n") + "\n");
    await expectModelTables(file);
  });

  test("no title row, day-first dates named by the user, columns named by number", async () => {
    const file = join(dir, "eu.csv");
    const lines = few.customer.map((c, i) => `${european(few.date[i])},${c},${few.amount[i]}`);
    writeFileSync(file, lines.join("\n") + "\n");
    await expectModelTables(file, { dateFormat: "dmy", columns: { customer: "2", date: "1" } });
  });

  test("a column the proposal cannot find names the flag that names it", async () => {
    const file = join(dir, "ids.csv");
    writeFileSync(file, "customer,city\nA,Paris\n");
    await expect(runCohortsWithDuckDb({ orders: file, unit: "month" })).rejects.toThrow(
      "ids.csv: cannot tell which column holds the date (name it with --date-column)"
    );
  });
});
