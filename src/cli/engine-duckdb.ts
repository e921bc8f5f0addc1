/**
 * The command line's DuckDB engine: runs the repository's own warehouse SQL (sql/*.sql, the
 * files users paste into their warehouse) on a CSV or Parquet file with the embedded DuckDB,
 * which streams the file and spills to a temporary folder, so files far larger than memory
 * work. Which column is which, and how its dates are written, is the model's one proposal from
 * the file's first rows (as for the streaming path and the task pane); DuckDB parses the file.
 * Returns the model's own tables (period retention, cohort counts and revenue), so the analysis
 * workbook is written from them exactly as from the streaming JavaScript path.
 */
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  symlinkSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import type { DuckDBConnection } from "@duckdb/node-api";
import { CohortTable } from "../model/history/cohorts";
import { PeriodRange, PeriodRetentionTable } from "../model/history/period-retention";
import { periodOf, PeriodUnit } from "../model/history/periods";
import { checkAnalysisPeriods } from "../model/history/result-size";
import { RevenueMovementTable } from "../model/history/revenue-movements";
import { DateFormat, TEXT_DATE_PATTERNS } from "../model/reading/date-formats";
import { byteOrderMark, TextChunkDecoder } from "../model/reading/text-decoding";
import { isoTextFromSerial, serialFromUnixDays } from "../model/reading/excel-dates";
import { LAYOUT_SAMPLE_ROWS, LayoutChoices } from "../model/reading/layout";
import { InputError } from "./arguments";
import { fileError } from "./input-errors";
import { InputLayout, inputLayout } from "./input-layout";
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
  /** Columns the user named (by header or number, 1 = first): as for the streaming path. */
  columns?: LayoutChoices["columns"];
  /** How text dates are written; default: detected from the first rows. */
  dateFormat?: DateFormat;
  /** How messages name the file (default: its name). */
  shownAs?: string;
  /** Orders dated after this day (a serial) are left out and counted (leftOut); null: none. */
  leaveOutAfter?: number | null;
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
  /** Orders dated after leaveOutAfter, left out. */
  leftOut: number;
}

type Cell = unknown;

function num(value: Cell): number {
  return typeof value === "bigint" ? Number(value) : Number(value);
}

function serialOf(value: Cell): number {
  const days = (value as { days?: number } | null)?.days;
  if (typeof days !== "number") throw new Error(`expected a date, got ${String(value)}`);
  return serialFromUnixDays(days);
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteText = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Parquet, or CSV (plain or compressed), by the file's extension. */
function isParquet(path: string): boolean {
  const lower = path.toLowerCase();
  if (lower.endsWith(".parquet") || lower.endsWith(".parq")) return true;
  if (/\.(csv|tsv|txt)(\.gz|\.zst)?$/.test(lower)) return false;
  throw new Error(
    `${basename(path)}: use a .csv or .parquet file (not ${extname(path) || "no extension"})`
  );
}

/**
 * The DuckDB table function that reads the file. A CSV file's `text` columns are read as text:
 * the id, so "0042" stays "0042" (as in a sheet) instead of becoming 42, and dates written in
 * another format than ISO, which DuckDB must not read by its own guess.
 */
function fileReader(path: string, header: boolean, text: readonly string[] = []): string {
  if (isParquet(path)) return `read_parquet(${quoteText(path)})`;
  const types = text.length
    ? `, types = {${text.map((c) => `${quoteText(c)}: 'VARCHAR'`).join(", ")}}`
    : "";
  return `read_csv(${quoteText(path)}, header = ${header}${types})`;
}

/** A sample cell as the layout proposal reads it: text, a number, or null. */
function sampleCell(value: Cell): unknown {
  if (value === null || typeof value === "string" || typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return String(value); // dates and timestamps as ISO text
}

/**
 * The file's first LAYOUT_SAMPLE_ROWS rows as the proposal reads them (a CSV file's as text, its
 * first line included; a Parquet file's under its column names), and whether the first is titles
 * when that is known.
 */
async function firstRows(
  db: DuckDBConnection,
  path: string
): Promise<{ sample: unknown[][]; header?: boolean }> {
  const rows = async (sql: string) => (await db.runAndReadAll(sql)).getRows();
  if (!isParquet(path)) {
    const sql = `SELECT * FROM read_csv(${quoteText(path)}, header = false, all_varchar = true) LIMIT ${LAYOUT_SAMPLE_ROWS}`;
    return { sample: (await rows(sql)).map((r) => r.map(sampleCell)) };
  }
  const reader = fileReader(path, true);
  const names = (await rows(`DESCRIBE SELECT * FROM ${reader}`)).map((r) => String(r[0]));
  const data = await rows(`SELECT * FROM ${reader} LIMIT ${LAYOUT_SAMPLE_ROWS - 1}`);
  return { sample: [names, ...data.map((r) => r.map(sampleCell))], header: true };
}

/**
 * The file's layout (the model's proposal from its first rows, with the user's choices) and its
 * column names as DuckDB reads it with that layout's title row.
 */
async function layoutOf(
  db: DuckDBConnection,
  o: DuckDbCohortsOptions
): Promise<{ layout: InputLayout; names: string[] }> {
  try {
    const { sample, header } = await firstRows(db, o.orders);
    const layout = inputLayout(
      sample,
      { shape: "orders", header, columns: o.columns, dateFormat: o.dateFormat },
      o.shownAs ?? basename(o.orders)
    );
    const reader = fileReader(o.orders, layout.hasHeader);
    const described = (await db.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`)).getRows();
    return { layout, names: described.map((r) => String(r[0])) };
  } catch (e) {
    throw e instanceof InputError ? e : fileError(e, o.shownAs ?? basename(o.orders));
  }
}

/**
 * Bad data DuckDB met reading the file (a cell it could not convert, a blank id or date): DuckDB
 * cannot say on which line, so the command asks the streaming engine, which names it.
 */
export class DuckDbDataError extends InputError {}

/** A DATE from a column in the layout's date format (the model's own patterns, run by RE2). */
function dateSql(column: string, format: DateFormat | null): string {
  if (format === null || format === "iso") return `CAST(${quoteIdent(column)} AS DATE)`;
  const { pattern, year, month, day } = TEXT_DATE_PATTERNS[format];
  const text = `trim(CAST(${quoteIdent(column)} AS VARCHAR))`;
  const re = quoteText(pattern.source);
  const part = (group: number) => `CAST(regexp_extract(${text}, ${re}, ${group}) AS INTEGER)`;
  // ISO text in such a column reads too, as the model reads it.
  return (
    `CASE WHEN ${text} = '' THEN NULL WHEN regexp_matches(${text}, ${re}) ` +
    `THEN make_date(${part(year)}, ${part(month)}, ${part(day)}) ELSE CAST(${text} AS DATE) END`
  );
}

/**
 * Period retention, cohort counts and revenue, and revenue movements of an orders file, from
 * sql/period_retention.sql, sql/cohorts.sql and sql/revenue_movements.sql run by the embedded
 * DuckDB (each a pass over the file).
 */
export async function runCohortsWithDuckDb(o: DuckDbCohortsOptions): Promise<DuckDbCohortsResult> {
  isParquet(o.orders); // a file of another kind is refused before DuckDB starts
  // Loaded here, not at the top: the command starts without the native library unless asked.
  const { DuckDBInstance } = await import("@duckdb/node-api");
  // Listen before the folder exists: a signal between the two would otherwise leave it behind.
  let spill = "";
  const removeSpill = () => {
    if (spill) rmSync(spill, { recursive: true, force: true });
  };
  const stop = onStopSignal(removeSpill);
  const shownAs = o.shownAs ?? basename(o.orders);
  try {
    spill = mkdtempSync(join(tmpdir(), "retain-duckdb-"));
    const orders = await readableCopy(o.orders, spill).catch((e: NodeJS.ErrnoException) => {
      throw e.code === "ENOENT"
        ? new InputError(`${shownAs}: no such file`)
        : fileError(e, shownAs);
    });
    return await runInFolder({ ...o, orders, shownAs }, spill, DuckDBInstance);
  } finally {
    stop();
    removeSpill();
  }
}

/**
 * Removes the spill folder when the process is interrupted (Ctrl-C, kill), then exits as a shell
 * expects (128 + the signal: 130, 143); returns the function that stops listening.
 */
function onStopSignal(cleanUp: () => void): () => void {
  const handlers = (["SIGINT", "SIGTERM", "SIGHUP"] as const).map((signal) => {
    const handler = () => {
      try {
        cleanUp();
      } finally {
        process.exit(signal === "SIGINT" ? 130 : signal === "SIGTERM" ? 143 : 129);
      }
    };
    process.once(signal, handler);
    return [signal, handler] as const;
  });
  return () => handlers.forEach(([signal, handler]) => process.removeListener(signal, handler));
}

/**
 * The file DuckDB reads, in the spill folder: a link under a plain name, so a name with `[`,
 * `*` or `?` is that one file, never a glob pattern; a UTF-16 CSV transcoded to UTF-8 by the
 * model's one decoder, as the streaming engine and the pane read it.
 */
async function readableCopy(path: string, folder: string): Promise<string> {
  const lower = basename(path).toLowerCase();
  const suffix = /(\.[a-z0-9]+)(\.gz|\.zst)?$/.exec(lower)?.[0] ?? "";
  const copy = join(folder, `input${suffix}`);
  const head = Buffer.alloc(4);
  const fd = openSync(path, "r");
  const read = readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  if (isParquet(path) || byteOrderMark(head.subarray(0, read)).encoding === "utf-8") {
    symlinkSync(path, copy);
    return copy;
  }
  const decoder = new TextChunkDecoder();
  const out = openSync(copy, "wx");
  try {
    for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 }))
      writeSync(out, decoder.push(piece as Buffer));
    writeSync(out, decoder.end());
  } finally {
    closeSync(out);
  }
  return copy;
}

async function runInFolder(
  o: DuckDbCohortsOptions & { shownAs: string },
  spill: string,
  DuckDBInstance: typeof import("@duckdb/node-api").DuckDBInstance
): Promise<DuckDbCohortsResult> {
  const config: Record<string, string> = { temp_directory: spill };
  if (o.memoryLimit) config.memory_limit = o.memoryLimit;
  if (o.threads) config.threads = String(o.threads);
  const instance = await DuckDBInstance.create(":memory:", config);
  const db = await instance.connect();
  try {
    const { layout, names } = await layoutOf(db, o);
    const { customer, date, amount } = layout.columns;
    // Dates are read as text too, ISO ones included: DuckDB would read `2024-03-31T23:30:00-05:00`
    // as an instant and move it to April in UTC, while the rule is the date written (March 31).
    const text = [names[customer], names[date]];
    const source = fileReader(o.orders, layout.hasHeader, text);
    await db.run(
      `CREATE VIEW orders AS SELECT CAST(${quoteIdent(names[customer])} AS VARCHAR) AS customer_id, ` +
        `${dateSql(names[date], layout.dateFormat)} AS order_date, ` +
        `${amount >= 0 ? `CAST(${quoteIdent(names[amount])} AS DOUBLE)` : "CAST(NULL AS DOUBLE)"} AS amount FROM ${source}`
    );
    // Orders after leaveOutAfter are left out of every query (blank dates stay, to be refused).
    const after = o.leaveOutAfter == null ? null : `DATE '${isoTextFromSerial(o.leaveOutAfter)}'`;
    if (after !== null) {
      await db.run(`ALTER VIEW orders RENAME TO orders_read`);
      await db.run(
        `CREATE VIEW orders AS SELECT * FROM orders_read WHERE order_date IS NULL OR order_date <= ${after}`
      );
    }
    const params: Record<string, SqlParameter> = {
      period_unit: { kind: "unit", value: o.unit },
      end_date: { kind: "date", value: o.endDay ?? null },
      activity_window: { kind: "number", value: o.window ?? 1 },
    };
    const run = async (sql: string) => {
      try {
        return (await db.runAndReadAll(sql)).getRows();
      } catch (e) {
        throw new DuckDbDataError(fileError(e, o.shownAs).message);
      }
    };
    // DuckDB reads a blank id or date as NULL and the SQL leaves the row out: refused instead,
    // as the streaming engine refuses it (the caller asks that engine to name the line).
    const [[blanks]] = await run(
      `SELECT COUNT(*) FROM orders WHERE customer_id IS NULL OR trim(customer_id) = '' OR order_date IS NULL`
    );
    if (num(blanks) > 0)
      throw new DuckDbDataError(`${o.shownAs}: ${num(blanks)} orders have no customer or no date`);
    // Counted once DuckDB's reading errors are ours (run names them as the file's).
    const leftOut =
      after === null
        ? 0
        : num((await run(`SELECT COUNT(*) FROM orders_read WHERE order_date > ${after}`))[0][0]);
    // The size first, from the dates alone (as the streaming engine does): the SQL's calendar
    // has a row per period, so one order dated 9999-12-31 would make millions of them.
    const [dates] = await run(
      `SELECT MIN(order_date), MAX(order_date) FROM orders WHERE customer_id IS NOT NULL AND order_date IS NOT NULL`
    );
    if (dates[0] != null) {
      try {
        checkAnalysisPeriods({
          unit: o.unit,
          first: periodOf(serialOf(dates[0]), o.unit),
          last: periodOf(o.endDay ?? serialOf(dates[1]), o.unit),
        });
      } catch (e) {
        throw new InputError(`${o.shownAs}: ${(e as Error).message}`);
      }
    }
    const retentionRows = await run(bindSqlParameters(readSqlFile("period_retention"), params));
    if (retentionRows.length === 0) throw new InputError(`${o.shownAs}: no orders`);
    const cohortRows = await run(bindSqlParameters(readSqlFile("cohorts"), params));
    const movementRows =
      amount >= 0
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
      leftOut,
    };
  } finally {
    db.closeSync();
    instance.closeSync();
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
