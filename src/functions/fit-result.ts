/**
 * The result of every RETAIN.*_FIT over a customer summary, as Excel spills it: the fitted
 * parameters in one row, or with `stats` the LINEST-like block of fit-stats-block.ts. Shared by
 * the BG/NBD, Gamma-Gamma, MBG/NBD, BG/BB and Pareto/NBD fits.
 */
import { ExcelCell, readFlag, toExcelError } from "./excel-args";
import { STATS_ROWS, statsBlock } from "./fit-stats-block";
import { Columns } from "./summary-columns";
import { invalidNumber } from "../model/errors";
import { fitStatistics } from "../model/numerics/fit-statistics";

/** A fit's parameters, and (only when `stats` asks) the information and figures behind row 5. */
export interface FitOutcome {
  parameters: number[];
  information: () => { information: number[][]; logLikelihood: number; customers: number };
}

/**
 * A fit as Excel spills it, or its error: the parameters in one row; with `stats` TRUE or 1
 * the LINEST-like block of fit-stats-block.ts (standard errors, 95% bounds, log-likelihood
 * and customers). Blanks of the same shape when no customer row is filled; #NUM! for a value
 * too large to represent or a degenerate fit (singular information).
 */
export function fitResult(
  stats: unknown,
  read: () => Columns,
  width: number,
  fit: (columns: Columns) => FitOutcome
): ExcelCell[][] {
  try {
    const withStats = readFlag(stats, "stats");
    const columns = read();
    if (columns.used === 0)
      return Array.from({ length: withStats ? STATS_ROWS : 1 }, () => new Array(width).fill(""));
    const { parameters, information } = fit(columns);
    if (!parameters.every(Number.isFinite))
      throw invalidNumber("the fit produced a value too large to represent");
    if (!withStats) return [parameters];
    const info = information();
    if (!Number.isFinite(info.logLikelihood))
      throw invalidNumber("the fit's log-likelihood is too large to represent");
    return statsBlock(
      parameters,
      fitStatistics(parameters, info.information),
      info.logLikelihood,
      info.customers
    );
  } catch (e) {
    return [[toExcelError(e)]];
  }
}
