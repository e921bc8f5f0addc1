/**
 * The command line's DuckDB engine: runs the repository's own warehouse SQL (sql/*.sql, the
 * files users paste into their warehouse) on a CSV or Parquet file with the embedded DuckDB,
 * which streams the file and spills to a temporary folder, so files far larger than memory
 * work. Returns the model's own tables (period retention, cohort counts and revenue), so the
 * analysis workbook is written from them exactly as from the streaming JavaScript path.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { CohortTable } from "../model/history/cohorts";
import { isoTextFromSerial } from "../model/reading/excel-dates";
import { PeriodRange, PeriodRetentionTable } from "../model/history/period-retention";
import { periodOf, PeriodUnit } from "../model/history/periods";
import { RevenueMovementTable } from "../model/history/revenue-movements";
import { bindSqlParameters, readSqlFile, SqlParameter } from "./warehouse-sql";

export interface DuckDbCohortsOptions {
  /** A .csv (optionally .csv.gz) or .parquet file, or a glob of them. */
  orders: string;
  unit: PeriodUnit;
  /** Last day to include (Excel serial); null: the last order's date. */
  endDay?: number | null;
  /** Activity window in periods (default 1): period retention, and the cohorts' survivors reach window − 1. */
  window?: number;
  /** DuckDB's memory limit, e.g. "2GB" (default: DuckDB's, 80% of RAM). */
  memoryLimit?: string;
  threads?: number;
}

export interface DuckDbCohortsResult {
  range: PeriodRange;
  periods: PeriodRetentionTable;
  cohorts: CohortTable;
  /** Revenue movements (sql/revenue_movements.sql); null when the file has no amount column. */
  movements: RevenueMovementTable | null;
  /** Orders on or before the end date (rows with an id and a date). */
  rows: number;
  /** Customers among those orders. */
  customers: number;
  /** The end of observation: the end date, or the last order's date. */
  lastDay: number;
}

/** Days between 1970-01-01 and Excel's serial 0. */
const UNIX_TO_SERIAL = 25569;

type Cell = unknown;

function num(value: Cell): number {
  return typeof value === "bigint" ? Number(value) : Number(value);
}

function serialOf(value: Cell): number {
  const days = (value as { days?: number } | null)?.days;
  if (typeof days !== "number") throw new Error(`expected a date, got ${String(value)}`);
  return days + UNIX_TO_SERIAL;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/**
 * The DuckDB table function that reads the file, by its extension. In a CSV file the id column
 * is read as text, so "0042" stays "0042" (as in a sheet) instead of becoming the number 42.
 */
export function fileReader(path: string, textColumn?: string): string {
  const lower = path.toLowerCase();
  if (lower.endsWith(".parquet") || lower.endsWith(".parq"))
    return `read_parquet(${quoteText(path)})`;
  if (/\.(csv|tsv|txt)(\.gz|\.zst)?$/.test(lower))
    return `read_csv(${quoteText(path)}, header = true${
      textColumn ? `, types = {${quoteText(textColumn)}: 'VARCHAR'}` : ""
    })`;
  throw new Error(
    `${basename(path)}: use a .csv or .parquet file (not ${extname(path) || "no extension"})`
  );
}

/**
 * The orders columns: customer_id, order_date, amount by name (any case), else the first three
 * columns in that order; a file with fewer than two columns is refused.
 */
export function orderColumns(names: string[], path: string): [string, string, string | null] {
  const find = (wanted: string) => names.find((n) => n.toLowerCase() === wanted);
  const id = find("customer_id");
  const date = find("order_date");
  if (id && date) return [id, date, find("amount") ?? null];
  if (names.length < 2)
    throw new Error(`${basename(path)}: needs columns customer_id, order_date and amount`);
  return [names[0], names[1], names[2] ?? null];
}

function oneLine(e: unknown, path: string): Error {
  const text = String((e as Error)?.message ?? e)
    .replace(/\s+/g, " ")
    .trim();
  return new Error(`${basename(path)}: ${text}`);
}

/**
 * Period retention, cohort counts and revenue, and revenue movements of an orders file, from
 * sql/period_retention.sql, sql/cohorts.sql and sql/revenue_movements.sql run by the embedded
 * DuckDB (each a pass over the file).
 */
export async function runCohortsWithDuckDb(o: DuckDbCohortsOptions): Promise<DuckDbCohortsResult> {
  // Loaded here, not at the top: the command starts without the native library unless asked.
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const spill = mkdtempSync(join(tmpdir(), "retain-duckdb-"));
  const config: Record<string, string> = { temp_directory: spill };
  if (o.memoryLimit) config.memory_limit = o.memoryLimit;
  if (o.threads) config.threads = String(o.threads);
  const instance = await DuckDBInstance.create(":memory:", config);
  const db = await instance.connect();
  try {
    const reader = fileReader(o.orders);
    let names: string[];
    try {
      names = (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`))
        .getRows()
        .map((r) => String(r[0]));
    } catch (e) {
      throw oneLine(e, o.orders);
    }
    const [id, date, amount] = orderColumns(names, o.orders);
    const source = fileReader(o.orders, id);
    await db.run(
      `CREATE VIEW orders AS SELECT CAST(${quoteIdent(id)} AS VARCHAR) AS customer_id, ` +
        `CAST(${quoteIdent(date)} AS DATE) AS order_date, ` +
        `${amount ? `CAST(${quoteIdent(amount)} AS DOUBLE)` : "CAST(NULL AS DOUBLE)"} AS amount FROM ${source}`
    );
    const params: Record<string, SqlParameter> = {
      period_unit: { kind: "unit", value: o.unit },
      end_date: { kind: "date", value: o.endDay ?? null },
      activity_window: { kind: "number", value: o.window ?? 1 },
    };
    const run = async (sql: string) => {
      try {
        return (await db.runAndReadAll(sql)).getRows();
      } catch (e) {
        throw oneLine(e, o.orders);
      }
    };
    const retentionRows = await run(bindSqlParameters(readSqlFile("period_retention"), params));
    if (retentionRows.length === 0) throw new Error(`${basename(o.orders)}: no orders`);
    const cohortRows = await run(bindSqlParameters(readSqlFile("cohorts"), params));
    const movementRows = amount
      ? await run(
          bindSqlParameters(readSqlFile("revenue_movements"), {
            period_unit: params.period_unit,
            end_date: params.end_date,
          })
        )
      : null;
    // The sheet's header figures: one more pass, without the calendar.
    const [counts] = await run(
      `SELECT COUNT(*), COUNT(DISTINCT customer_id), MAX(order_date) FROM orders ` +
        `WHERE customer_id IS NOT NULL AND order_date IS NOT NULL` +
        (o.endDay == null ? "" : ` AND order_date <= DATE '${isoTextFromSerial(o.endDay)}'`)
    );
    const range: PeriodRange = {
      unit: o.unit,
      first: periodOf(serialOf(retentionRows[0][0]), o.unit),
      last: periodOf(serialOf(retentionRows[retentionRows.length - 1][0]), o.unit),
    };
    return {
      range,
      periods: periodTable(range, retentionRows),
      cohorts: cohortTableOf(range, cohortRows),
      movements: movementRows && movementTable(range, movementRows),
      rows: num(counts[0]),
      customers: num(counts[1]),
      lastDay: o.endDay ?? serialOf(counts[2]),
    };
  } finally {
    db.closeSync();
    instance.closeSync();
    rmSync(spill, { recursive: true, force: true });
  }
}

/** Rows of revenue_movements.sql as the model's table. */
function movementTable(range: PeriodRange, rows: Cell[][]): RevenueMovementTable {
  const column = (k: number) => Float64Array.from(rows, (r) => num(r[k]));
  return {
    range,
    start: column(1),
    won: column(2),
    expansion: column(3),
    contraction: column(4),
    churn: column(5),
    reactivation: column(6),
    end: column(7),
  };
}

/** Rows of period_retention.sql as the model's table. */
function periodTable(range: PeriodRange, rows: Cell[][]): PeriodRetentionTable {
  const column = (k: number) => Int32Array.from(rows, (r) => num(r[k]));
  return {
    range,
    start: column(1),
    won: column(2),
    end: column(3),
    kept: column(4),
    reactivated: column(5),
    churned: column(6),
  };
}

/**
 * Rows of cohorts.sql (cohort_start, size, age, customers, revenue, survivors) as the model's
 * wide table.
 */
function cohortTableOf(range: PeriodRange, rows: Cell[][]): CohortTable {
  const cohorts: number[] = [];
  const sizes: number[] = [];
  for (const r of rows) {
    const cohort = periodOf(serialOf(r[0]), range.unit);
    if (cohorts.length === 0 || cohorts[cohorts.length - 1] !== cohort) {
      cohorts.push(cohort);
      sizes.push(num(r[1]));
    }
  }
  const ages = cohorts.length === 0 ? 0 : range.last - cohorts[0] + 1;
  const customers = new Float64Array(cohorts.length * ages).fill(NaN);
  const revenue = new Float64Array(cohorts.length * ages).fill(NaN);
  const survivors = new Float64Array(cohorts.length * ages).fill(NaN);
  let row = -1;
  let current = NaN;
  for (const r of rows) {
    const cohort = periodOf(serialOf(r[0]), range.unit);
    if (cohort !== current) {
      row++;
      current = cohort;
    }
    const at = row * ages + num(r[2]);
    customers[at] = num(r[3]);
    revenue[at] = num(r[4]);
    survivors[at] = num(r[5]);
  }
  return {
    range,
    cohort: Int32Array.from(cohorts),
    size: Int32Array.from(sizes),
    ages,
    customers,
    revenue,
    survivors,
  };
}
