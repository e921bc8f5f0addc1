/**
 * The analysis of the file a data command names (`cohorts`, `plan`): refused when empty, rows
 * dated after today refused or left out (--drop-future), read by the streaming model or DuckDB,
 * and the notices to print once written (the date-order guess, the rows left out).
 */
import { statSync } from "node:fs";
import type { AnalysisTables } from "../model/history/analysis";
import { todaySerial } from "../model/reading/row-feeding";
import { InputError } from "./arguments";
import { CohortsArguments } from "./cohorts-arguments";
import { CommandIo } from "./command-io";
import { analyseCsv, commandFutureRule, csvLayout, CSV_ROWS, futureNotice } from "./csv-analysis";
import { analyseWithDuckDb } from "./duckdb-analysis";
import { dateGuessNotice } from "./input-layout";
import { isParquetFile, PARQUET_ROWS } from "./parquet-rows";

export interface InputAnalysis {
  analysis: AnalysisTables;
  /** Lines for stderr, said once after the output is written. */
  notices: string[];
}

/** `input`: the file's path as opened (inputPath); `args.file`: as the user wrote it. */
export async function analyseInput(
  args: CohortsArguments,
  input: string,
  io: CommandIo
): Promise<InputAnalysis> {
  const file = args.file!;
  // An empty file is refused alike by both engines, before either reads it.
  if (statSync(input).size === 0) throw new InputError(`${file}: no ${args.shape}`);
  // Rows dated after today (without --end-date) are refused, or left out with --drop-future.
  const future = commandFutureRule(args, todaySerial(io.now()));
  const analysis =
    args.engine === "duckdb"
      ? await analyseWithDuckDb(input, file, args, future)
      : await analyseCsv(input, file, args, isParquetFile(input) ? PARQUET_ROWS : CSV_ROWS, future);
  const notices: string[] = [];
  // Said once: dates read by the guess (the first rows again; the engines read them alike).
  const guess = isParquetFile(input)
    ? null
    : dateGuessNotice(await csvLayout(input, file, args), file);
  if (guess) notices.push(guess);
  const left = futureNotice(future, args.shape!);
  if (left) notices.push(left);
  return { analysis, notices };
}
