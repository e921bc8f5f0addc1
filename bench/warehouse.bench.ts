/*
 * The warehouse path (issue 13): the command line's DuckDB engine (src/cli/engine-duckdb.ts,
 * running sql/period_retention.sql and sql/cohorts.sql) on a generated Parquet file of
 * ROWS orders (default 20,000,000; WAREHOUSE_ROWS overrides), in rows/s and the peak resident
 * memory of the process that runs it (a child process, so generating the file is not counted).
 * The file is generated inside DuckDB with SQL and kept in the temp folder for later runs.
 * Side by side on one CSV file (the first CSV_ROWS orders, default 1,000,000; WAREHOUSE_CSV_ROWS
 * overrides): the DuckDB engine and the command's streaming JavaScript path (`cohorts --orders`,
 * analyseCsv in src/cli/csv-analysis.ts), each in its own process.
 */
import { spawnSync } from "child_process";
import { existsSync, renameSync, statSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { row } from "./harness";

const ROOT = path.resolve(__dirname, "..");
const ROWS = Number(process.env.WAREHOUSE_ROWS ?? 20_000_000);
const CUSTOMERS = Math.max(1000, Math.round(ROWS / 20));
const CSV_ROWS = Math.min(ROWS, Number(process.env.WAREHOUSE_CSV_ROWS ?? 1_000_000));

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** Orders over three years: each customer starts on their own day and orders ~20 times after it; 3% refunds. */
async function generate(file: string): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  const partial = `${file}.partial`;
  await db.run(`
    COPY (
      SELECT 'C-' || lpad(CAST(c AS VARCHAR), 8, '0') AS customer_id,
             DATE '2022-01-01' + CAST(start_day + (hash(i, 2) % 1000000) / 1000000.0 * (1095 - start_day) AS INTEGER) AS order_date,
             CASE WHEN hash(i, 3) % 100 < 3 THEN -ROUND((hash(i, 4) % 5000) / 100.0, 2)
                  ELSE ROUND(5 + (hash(i, 4) % 20000) / 100.0, 2) END AS amount
      FROM (
        SELECT i, c, CAST(hash(c, 1) % 1095 AS INTEGER) AS start_day
        FROM (SELECT i, CAST(hash(i, 0) % ${CUSTOMERS} AS BIGINT) AS c FROM range(${ROWS}) t(i))
      )
    ) TO '${partial}' (FORMAT parquet, ROW_GROUP_SIZE 1000000)`);
  db.closeSync();
  instance.closeSync();
  renameSync(partial, file);
}

interface Measured {
  ms: number;
  maxRssBytes: number;
}

/** Runs in a child process: one run of a path, its wall time and the process's peak RSS. */
async function child(kind: string, file: string, memoryLimit: string | undefined): Promise<void> {
  // Modules load before the clock starts: the figure is the work on the file.
  let run: () => Promise<unknown>;
  if (kind === "duckdb") {
    const { runCohortsWithDuckDb } = await import("../src/cli/engine-duckdb");
    await import("@duckdb/node-api");
    run = () => runCohortsWithDuckDb({ orders: file, unit: "month", memoryLimit });
  } else {
    const { analyseCsv } = await import("../src/cli/csv-analysis");
    const { parseCohortsArguments } = await import("../src/cli/cohorts-arguments");
    run = () => analyseCsv(file, path.basename(file), parseCohortsArguments(["--orders", file]));
  }
  const t0 = process.hrtime.bigint();
  await run();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const measured: Measured = {
    ms,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(JSON.stringify(measured));
}

function measure(kind: "duckdb" | "streaming", file: string, memoryLimit?: string): Measured {
  const r = spawnSync(
    path.join(ROOT, "node_modules", ".bin", "tsx"),
    [__filename, "--child", kind, file, memoryLimit ?? ""],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } }
  );
  if (r.status !== 0)
    throw new Error(`${kind} run failed: ${r.stderr.split("\n").slice(0, 3).join(" ")}`);
  return JSON.parse(r.stdout) as Measured;
}

function report(label: string, rows: number, m: Measured): void {
  row(
    label,
    `${(rows / m.ms / 1000).toFixed(2)} M rows/s`,
    `${(m.ms / 1000).toFixed(1)} s, peak RSS ${mb(m.maxRssBytes)}`
  );
}

/** The first CSV_ROWS orders of the Parquet file as CSV (written by DuckDB, kept). */
async function csvOf(parquet: string, file: string): Promise<void> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const db = await instance.connect();
  await db.run(
    `COPY (SELECT * FROM read_parquet('${parquet}') LIMIT ${CSV_ROWS}) TO '${file}.partial' (FORMAT csv, HEADER)`
  );
  db.closeSync();
  instance.closeSync();
  renameSync(`${file}.partial`, file);
}

async function main(): Promise<void> {
  const file = path.join(tmpdir(), `retain-bench-orders-${ROWS}.parquet`);
  if (!existsSync(file)) {
    const t0 = Date.now();
    await generate(file);
    row(
      "generate Parquet in DuckDB (once, kept)",
      `${((Date.now() - t0) / 1000).toFixed(1)} s`,
      file
    );
  }
  row(
    "Parquet file",
    mb(statSync(file).size),
    `${ROWS.toLocaleString("en-US")} orders, ${CUSTOMERS.toLocaleString("en-US")} customers`
  );
  report("DuckDB engine, Parquet", ROWS, measure("duckdb", file));
  const csv = path.join(tmpdir(), `retain-bench-orders-${ROWS}-first-${CSV_ROWS}.csv`);
  if (!existsSync(csv)) await csvOf(file, csv);
  row("CSV file", mb(statSync(csv).size), `the first ${CSV_ROWS.toLocaleString("en-US")} orders`);
  report("DuckDB engine, CSV", CSV_ROWS, measure("duckdb", csv));
  if (existsSync(path.join(ROOT, "src", "cli", "csv-analysis.ts"))) {
    try {
      report("streaming JavaScript path, CSV", CSV_ROWS, measure("streaming", csv));
    } catch (e) {
      row("streaming JavaScript path, CSV", "failed", String((e as Error).message).slice(0, 120));
    }
  } else row("streaming JavaScript path, CSV", "not present", "(no src/cli/csv-analysis.ts)");
}

if (process.argv[2] === "--child") {
  child(process.argv[3], process.argv[4], process.argv[5] || undefined).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
