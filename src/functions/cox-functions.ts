/*
 * Churn drivers (docs/definitions.md §13, the Cox model): RETAIN.COX_FIT, a thin adapter over
 * src/model/survival. Data parameters are declared `any` (see data-functions.ts).
 * custom-functions-metadata-plugin appends CustomFunctions.associate.
 */
import { invalidValue } from "../model/errors";
import { readCoxData } from "../model/survival/cox-rows";
import { fitCox } from "../model/survival/cox-fit";
import { coxSummary } from "../model/survival/cox-summary";
import { optionalCode, readTable, spill } from "./data-args";
import { excelError, ExcelCell, readFlag } from "./excel-args";

/** The covariates block as rows of cells: a single value is 1×1. */
function covariateRows(arg: unknown): unknown[][] {
  if (arg === null || arg === undefined)
    throw invalidValue("covariates is required: a column per attribute");
  if (!Array.isArray(arg)) return [[arg]];
  if (arg.length === 0) return [];
  if (!arg.every(Array.isArray)) return (arg as unknown[]).map((cell) => [cell]);
  const rows = arg as unknown[][];
  if (!rows.every((row) => row.length === rows[0].length))
    throw invalidValue("covariates is a ragged range");
  return rows;
}

/** ties: 0 (omitted) or 1, and TRUE / FALSE as 1 / 0, as Excel's own 0/1 options read them. */
function tiesCode(arg: unknown): number {
  const cells = Array.isArray(arg) ? (arg as unknown[]).flat() : [arg];
  if (cells.length === 1 && typeof cells[0] === "boolean") return cells[0] ? 1 : 0;
  return optionalCode(arg, "ties", 0, [0, 1]);
}

/** A statistic as a cell: not available (no comparable pairs) is #N/A, too large #NUM!. */
function statCell(value: number): ExcelCell {
  if (Number.isFinite(value)) return value;
  return value !== value
    ? excelError("na", "not available: no two customers can be compared")
    : excelError("num", "too large to represent");
}

/** LINEST's padding: a bare #N/A where a row has nothing to show. */
const notAvailable = (): ExcelCell =>
  new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable);

/**
 * Cox proportional-hazards model: how each customer attribute goes with churning sooner (hazard ratio above 1) or later (below 1).
 * @customfunction COX_FIT
 * @param durations Each customer's time from acquisition to churn, or to now if still active (a column).
 * @param churned 1 or TRUE if the customer churned, 0 or FALSE if still active (censored).
 * @param covariates The customers' attributes, one column per attribute, row for row with durations; a column of text becomes one 0/1 column per category except the most frequent one.
 * @param [ties] How churns at the same time are handled: 0 or omitted Efron's method, 1 Breslow's.
 * @param [stats] TRUE or 1: add rows below the coefficients, as LINEST does (standard errors, hazard ratios, Wald p-values; log-likelihood, likelihood-ratio test and concordance); FALSE, 0 or omitted: the coefficients only.
 * @returns One coefficient per covariate column, in the covariates' order; with a header row in the data, the columns' names above them; with stats, a 5-row block padded with #N/A.
 */
export function COX_FIT(
  durations: any[][],
  churned: any[][],
  covariates: any[][],
  ties?: any,
  stats?: any
): any[][] {
  return spill(() => {
    const method = tiesCode(ties) === 1 ? "breslow" : "efron";
    const withStats = readFlag(stats, "stats");
    const { d, c } = readTable({ d: [durations, "durations"], c: [churned, "churned"] });
    const rows = covariateRows(covariates);
    if (rows.length !== d.length) {
      const shape = rows.length === 0 ? "0×0" : `${rows.length}×${rows[0].length}`;
      throw invalidValue(
        `covariates must have one row per customer, as durations (${d.shape}), not ${shape}`
      );
    }
    const data = readCoxData({
      rows: d.length,
      covariateColumns: rows.length > 0 ? rows[0].length : 0,
      duration: (i) => d.at(i),
      churned: (i) => c.at(i),
      covariate: (i, j) => rows[i][j],
    });
    const { design } = data;
    const fit = fitCox(
      { time: data.time, churned: data.churned, x: design.x, p: design.p, labels: design.labels },
      method
    );
    const width = withStats ? Math.max(design.p, 5) : design.p;
    const pad = (cells: ExcelCell[], filler: () => ExcelCell = notAvailable): ExcelCell[] => [
      ...cells,
      ...Array.from({ length: width - cells.length }, filler),
    ];
    const out: ExcelCell[][] = data.headers ? [pad(design.names, () => "")] : [];
    if (!withStats) {
      out.push(Array.from(fit.coefficients, statCell));
      return out;
    }
    const s = coxSummary(fit, data.time, data.churned);
    out.push(
      pad(s.coefficients.map(statCell)),
      pad(s.standardErrors.map(statCell)),
      pad(s.hazardRatios.map(statCell)),
      pad(s.waldP.map(statCell)),
      pad(
        [
          s.logLikelihood,
          s.likelihoodRatio,
          s.degreesOfFreedom,
          s.likelihoodRatioP,
          s.concordance,
        ].map(statCell)
      )
    );
    return out;
  }, "no customers");
}
