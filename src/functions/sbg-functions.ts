/*
 * The RETAIN.SBG_* and RETAIN.LTV_SBG custom functions: Fader & Hardie's shifted-beta-geometric
 * cohort model (docs/definitions.md §5, §7). Thin adapters like functions.ts: the element-wise ones go through
 * mapArguments (excel-args.ts has the shared rules on ranges, blanks and errors); SBG_FIT reads a
 * whole row, column or cohort triangle itself. custom-functions-metadata-plugin reads the JSDoc below and appends
 * the CustomFunctions.associate calls: never call associate here. Import only the model.
 */

import {
  isBlankCell,
  mapArguments,
  positionIn,
  readCell,
  readFlag,
  toExcelError,
} from "./excel-args";
import { invalidValue } from "../model/errors";
import { fitSbgCohorts } from "../model/sbg/sbg-fit";
import { sbgCustomers, sbgInformation } from "../model/sbg/sbg-information";
import { fitStatistics } from "../model/numerics/fit-statistics";
import { STATS_ROWS, statsBlock } from "./fit-stats-block";
import { retention, survival } from "../model/sbg/sbg-curve";
import { ltvSbg } from "../model/sbg/sbg-value";

/** An argument as rows of cells: a scalar is 1×1, a bare 1-D array one row. */
function cellRows(arg: unknown, name: string): unknown[][] {
  if (!Array.isArray(arg)) return [[arg]];
  if (arg.length === 0) return [];
  if (!arg.every(Array.isArray)) return [arg]; // a bare 1-D array: one row
  const rows = arg as unknown[][];
  const cols = rows[0].length;
  if (!rows.every((row) => row.length === cols)) throw invalidValue(`${name} is a ragged range`);
  return rows;
}

/** The cells of an argument in reading order, or #VALUE! unless it is one row or one column. */
function vectorCells(arg: unknown, name: string): unknown[] {
  const rows = cellRows(arg, name);
  if (rows.length === 0) return [];
  const cols = rows[0].length;
  if (rows.length > 1 && cols > 1)
    throw invalidValue(
      `${name} must be a single row or column, not a ${rows.length}×${cols} block`
    );
  return rows.length === 1 ? rows[0] : rows.map((row) => row[0]);
}

/**
 * One cohort's cells as survivors n_0..n_k, or null for an empty row (all blank or 0).
 * - Blank cells at the end are periods not yet observed; a blank before a number is #VALUE!.
 * - Zeros at the end that no blank cell follows are ambiguous: desktop Excel builds before the
 *   fix of office-js #5262 pass empty cells as 0, so "the cohort lost everyone" cannot be told
 *   from "not observed yet". That is #VALUE!, unless `vouched` (a single cohort given
 *   calibration_periods k: its first k periods are observed, later ones only a holdout).
 *   A zero that a blank cell follows was typed: the host passes blanks as null.
 * `where(i)` names cell i for messages ("row 3", "row 2, column 5").
 */
function readCohortCells(
  cells: readonly unknown[],
  where: (i: number) => string,
  vouched: boolean,
  single: boolean
): number[] | null {
  // Messages name the cell; the name is built only for cells that are not plain numbers or blanks.
  const values = cells.map((cell, i) =>
    typeof cell === "number" && cell === cell
      ? cell
      : isBlankCell(cell)
        ? null
        : readCell(cell, "survivors", ` ${where(i)}`)
  );
  let end = values.length;
  while (end > 0 && values[end - 1] === null) end--;
  if (end === 0) return null;
  const survivors: number[] = new Array(end);
  let zerosFrom = 0; // where the trailing run of zeros starts (end: none)
  for (let i = 0; i < end; i++) {
    const v = values[i];
    if (v === null)
      throw invalidValue(
        single
          ? `survivors has a blank cell at position ${i + 1}: the cohort's values must be contiguous`
          : `survivors has a blank cell at ${where(i)} before the row's last number: a cohort's values must be contiguous`
      );
    survivors[i] = v;
    if (v !== 0) zerosFrom = i + 1;
  }
  if (zerosFrom === 0) return null; // all 0: an empty row on desktop builds that pass blanks as 0
  const blankFollows = end < values.length;
  if (zerosFrom < end && !blankFollows && !vouched) {
    throw invalidValue(
      `survivors ends in 0 from ${single ? `position ${zerosFrom + 1}` : where(zerosFrom)}: empty cells or a cohort that lost everyone? ` +
        `Some desktop Excel versions pass empty cells as 0. ${
          single
            ? "Select only the observed cells or give calibration_periods"
            : 'Put ="" in cells not observed yet'
        }; a 0 followed by an empty cell counts as observed.`
    );
  }
  return survivors;
}

/**
 * A single cohort's survivors from a row or column (see readCohortCells). All blank or 0: null.
 * `vouched`: calibration_periods was given, so trailing zeros are observations.
 */
export function readSurvivors(arg: unknown, vouched = false): number[] | null {
  const rows = cellRows(arg, "survivors");
  const cells = vectorCells(arg, "survivors");
  const [r, c] = [rows.length, rows.length > 0 ? rows[0].length : 0];
  return readCohortCells(
    cells,
    (i) => (c === 1 ? positionIn(r, c, i, 0) : positionIn(r, c, 0, i)).trim(),
    vouched,
    true
  );
}

/**
 * The cohorts of `survivors`: one row or one column is one cohort (vouched as readSurvivors);
 * a block of several rows and columns is a cohort triangle, one cohort per row, whose empty
 * rows are skipped. Each cohort is as long as it has been observed.
 */
export function readCohorts(arg: unknown, vouched = false): number[][] {
  const rows = cellRows(arg, "survivors");
  if (rows.length <= 1 || rows[0].length <= 1) {
    const one = readSurvivors(arg, vouched);
    return one === null ? [] : [one];
  }
  const cohorts: number[][] = [];
  rows.forEach((row, r) => {
    const cohort = readCohortCells(row, (c) => `row ${r + 1}, column ${c + 1}`, false, false);
    if (cohort !== null) cohorts.push(cohort);
  });
  return cohorts;
}

/** An optional argument that must be one value: null when omitted or blank. */
export function readOptionalScalar(arg: unknown, name: string): number | null {
  const cells = arg === null || arg === undefined ? [] : vectorCells(arg, name);
  if (cells.length > 1) throw invalidValue(`${name} must be a single number, not a range`);
  return cells.length === 0 || isBlankCell(cells[0]) ? null : readCell(cells[0], name);
}

/**
 * Fits Fader & Hardie's shifted-beta-geometric retention model to one cohort, or one alpha and beta to a cohort triangle, by maximum likelihood.
 * @customfunction SBG_FIT
 * @param survivors A cohort's customers still active at period 0, 1, 2, … (a row or column), or a triangle with one cohort per row and blank cells for periods not observed yet; counts or percentages.
 * @param [calibration_periods] Fit on the first k periods of each cohort only (at least 2); 0 or omitted: all periods.
 * @param [stats] TRUE or 1: add the statistics below the parameters, as LINEST does (standard errors, 95% bounds, log-likelihood and customers); FALSE, 0 or omitted: the parameters only.
 * @returns A 1×2 array {alpha, beta} that spills into two cells; with stats, a 5×2 block.
 */
export function SBG_FIT(survivors: any[][], calibration_periods?: any[][], stats?: any): any[][] {
  try {
    const given = readOptionalScalar(calibration_periods, "calibration_periods");
    const withStats = readFlag(stats, "stats");
    // 0 means omitted: desktop builds before the fix pass an empty cell as 0.
    const calibration = given === 0 ? null : given;
    const cohorts = readCohorts(survivors, calibration !== null);
    if (cohorts.length === 0)
      return Array.from({ length: withStats ? STATS_ROWS : 1 }, () => ["", ""]);
    const { alpha, beta, logLikelihood } = fitSbgCohorts(cohorts, calibration);
    if (!withStats) return [[alpha, beta]];
    const parameters = [alpha, beta];
    const information = sbgInformation(alpha, beta, cohorts, calibration);
    return statsBlock(
      parameters,
      fitStatistics(parameters, information),
      logLikelihood,
      sbgCustomers(cohorts)
    );
  } catch (e) {
    return [[toExcelError(e)]];
  }
}

/**
 * Share of a cohort still active after a number of periods under the sBG model: S(t) = B(alpha, beta+t)/B(alpha, beta).
 * @customfunction SBG_SURVIVAL
 * @param alpha The fitted alpha (from RETAIN.SBG_FIT), above 0.
 * @param beta The fitted beta (from RETAIN.SBG_FIT), above 0.
 * @param period Periods since acquisition, 0 or more (truncated to a whole number); a range 0..12 spills a curve.
 * @returns The surviving share, 0 to 1; S(0) = 1.
 */
export function SBG_SURVIVAL(alpha: any[][], beta: any[][], period: any[][]): any[][] {
  return mapArguments({ alpha, beta, period }, (x) => survival(x[0], x[1], x[2]));
}

/**
 * Retention rate of period t under the sBG model: (beta + t − 1) ÷ (alpha + beta + t − 1); it rises with tenure.
 * @customfunction SBG_RETENTION
 * @param alpha The fitted alpha (from RETAIN.SBG_FIT), above 0.
 * @param beta The fitted beta (from RETAIN.SBG_FIT), above 0.
 * @param period The period, 1 or more (truncated to a whole number): the share of period t − 1's customers who renew at t.
 * @returns The retention rate as a fraction.
 */
export function SBG_RETENTION(alpha: any[][], beta: any[][], period: any[][]): any[][] {
  return mapArguments({ alpha, beta, period }, (x) => retention(x[0], x[1], x[2]));
}

/**
 * Lifetime value under the sBG model: margin × discounted expected (residual) lifetime.
 * @customfunction LTV_SBG
 * @param margin Margin per customer per period.
 * @param alpha The fitted alpha (from RETAIN.SBG_FIT), above 0.
 * @param beta The fitted beta (from RETAIN.SBG_FIT), above 0.
 * @param discount_rate Discount rate per period, 0 or more (0 needs alpha above 1).
 * @param [renewals] 0 or omitted: a new customer, first margin now. n: a customer who has made n renewals, valued just before the next renewal decision.
 * @returns The expected discounted margin, in the currency of the margin.
 */
export function LTV_SBG(
  margin: any[][],
  alpha: any[][],
  beta: any[][],
  discount_rate: any[][],
  renewals?: any[][]
): any[][] {
  return mapArguments(
    { margin, alpha, beta, discount_rate, renewals },
    (x) => ltvSbg(x[0], x[1], x[2], x[3], x[4]),
    { renewals: 0 }
  );
}
