/**
 * The analysis tables of an orders file from the warehouse SQL on the embedded DuckDB
 * (engine-duckdb.ts), in the shape the streaming path's analysis has, so one sheet plan
 * writes either.
 */
import type { AnalysisTables } from "../model/history/analysis";
import type { CohortsArguments } from "./cohorts-arguments";
import { analyseCsv, CSV_ROWS } from "./csv-analysis";
import { isParquetFile, PARQUET_ROWS } from "./parquet-rows";

export async function analyseWithDuckDb(
  path: string,
  shownAs: string,
  args: CohortsArguments
): Promise<AnalysisTables> {
  // Loaded here: the command starts without the native library unless asked for it.
  const { runCohortsWithDuckDb, DuckDbDataError } = await import("./engine-duckdb");
  const r = await runCohortsWithDuckDb({
    orders: path,
    unit: args.unit,
    endDay: args.endDay,
    window: args.window,
    columns: args.columns,
    dateFormat: args.dateFormat,
    shownAs,
  }).catch(async (error: unknown) => {
    if (!(error instanceof DuckDbDataError)) throw error;
    // The streaming engine reads the same file to name the line and column (the same refusal
    // from both engines); should it find nothing wrong, DuckDB's own message stands.
    await analyseCsv(path, shownAs, args, isParquetFile(path) ? PARQUET_ROWS : CSV_ROWS);
    throw error;
  });
  return {
    shape: "orders",
    rows: r.rows,
    range: r.range,
    lastDay: r.lastDay,
    window: args.window,
    retention: r.periods,
    cohorts: r.cohorts,
    movements: r.movements,
    // The latest period's bills need per-customer revenue the SQL does not return.
    latest: null,
    ids: { count: r.customers },
  };
}
