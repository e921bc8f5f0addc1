/**
 * The analysis tables of an orders file from the warehouse SQL on the embedded DuckDB
 * (engine-duckdb.ts), in the shape the streaming path's analysis has, so one sheet plan
 * writes either.
 */
import type { AnalysisTables } from "../model/history/analysis";
import type { CohortsArguments } from "./cohorts-arguments";

export async function analyseWithDuckDb(
  path: string,
  shownAs: string,
  args: CohortsArguments
): Promise<AnalysisTables> {
  // Loaded here: the command starts without the native library unless asked for it.
  const { runCohortsWithDuckDb } = await import("./engine-duckdb");
  const r = await runCohortsWithDuckDb({
    orders: path,
    unit: args.unit,
    endDay: args.endDay,
    window: args.window,
    columns: args.columns,
    dateFormat: args.dateFormat,
    shownAs,
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
