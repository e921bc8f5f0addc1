/**
 * The analysis tables of an orders file from the warehouse SQL on the embedded DuckDB
 * (engine-duckdb.ts), in the shape the streaming path's analysis has, so one sheet plan
 * writes either.
 */
import type { AnalysisTables } from "../model/history/analysis";
import type { CohortsArguments } from "./cohorts-arguments";
import { analyseCsv, CSV_ROWS, FutureRowRefused, RowReader } from "./csv-analysis";
import { futureRule, FutureRule } from "../model/reading/row-feeding";
import { isParquetFile, PARQUET_ROWS } from "./parquet-rows";

/**
 * `future`: the command's rule for orders dated after today (commandFutureRule). DuckDB leaves
 * them out and counts them; the streaming engine then names the first one's line, to refuse it
 * (without --drop-future) or to say where it was, so both engines say the same.
 */
export async function analyseWithDuckDb(
  path: string,
  shownAs: string,
  args: CohortsArguments,
  future?: FutureRule
): Promise<AnalysisTables> {
  const rows: RowReader = isParquetFile(path) ? PARQUET_ROWS : CSV_ROWS;
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
    leaveOutAfter: future?.asOf ?? null,
  }).catch(async (error: unknown) => {
    if (!(error instanceof DuckDbDataError)) throw error;
    // The streaming engine reads the same file to name the line and column (the same refusal
    // from both engines); should it find nothing wrong, DuckDB's own message stands.
    await analyseCsv(path, shownAs, args, rows, future);
    throw error;
  });
  if (future && r.leftOut > 0) {
    // The first future order, found by the streaming reader stopping at it.
    const first = await analyseCsv(
      path,
      shownAs,
      args,
      rows,
      futureRule(future.asOf, future.asOfName, false)
    )
      .then(() => null)
      .catch((error: unknown) => error);
    if (!future.leaveOut) throw first;
    if (!(first instanceof FutureRowRefused)) throw first ?? new Error("future orders not found");
    Object.assign(future.left, { count: r.leftOut, firstRow: first.row, firstDay: first.day });
  }
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
