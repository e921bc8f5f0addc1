/**
 * The `stats` block of the RETAIN.*_FIT functions, laid out as Excel's LINEST lays out its
 * statistics: one column per parameter, and #N/A wherever a row has nothing to show.
 *   row 1: the parameters;            row 2: their standard errors;
 *   row 3: the lower 95% bounds;      row 4: the upper 95% bounds;
 *   row 5: the log-likelihood, the number of customers.
 */
import { ExcelCell } from "./excel-args";
import { fitStatistics } from "../model/numerics/fit-statistics";

/** The rows of a `stats` block, for callers that size a blank result. */
export const STATS_ROWS = 5;

const notAvailable = (): CustomFunctions.Error =>
  new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable);

/** Rows padded with #N/A to the block's width (the parameters', and at least two cells). */
export function statsBlock(
  parameters: number[],
  stats: ReturnType<typeof fitStatistics>,
  logLikelihood: number,
  customers: number
): ExcelCell[][] {
  const width = Math.max(parameters.length, 2);
  const pad = (row: number[]): ExcelCell[] => [
    ...row,
    ...Array.from({ length: width - row.length }, notAvailable),
  ];
  return [
    pad(parameters),
    pad(stats.standardErrors),
    pad(stats.lower),
    pad(stats.upper),
    pad([logLikelihood, customers]),
  ];
}
