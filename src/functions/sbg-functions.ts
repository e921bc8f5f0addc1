/*
 * The RETAIN.SBG_* and RETAIN.LTV_SBG custom functions: Fader & Hardie's shifted-beta-geometric
 * cohort model (domain.md §5). Thin adapters like functions.ts: the element-wise ones go through
 * mapElements (excel-args.ts has the shared rules on ranges, blanks and errors); SBG_FIT reads a
 * whole row or column itself. custom-functions-metadata-plugin reads the JSDoc below and appends
 * the CustomFunctions.associate calls: never call associate here. Import only the model.
 */

import { mapElements, readCell, toExcelError } from "./excel-args";
import { invalidValue } from "../model/errors";
import { fitSbg } from "../model/sbg-fit";
import { retention, survival } from "../model/sbg-curve";
import { ltvSbg } from "../model/sbg-value";

/** The cells of an argument in reading order, or #VALUE! unless it is one row or one column. */
function vectorCells(arg: unknown, name: string): unknown[] {
  if (!Array.isArray(arg)) return [arg];
  if (arg.length === 0) return [];
  if (!arg.every(Array.isArray)) return arg; // a bare 1-D array: one row
  const rows = arg as unknown[][];
  const cols = rows[0].length;
  if (!rows.every((row) => row.length === cols)) throw invalidValue(`${name} is a ragged range`);
  if (rows.length > 1 && cols > 1)
    throw invalidValue(
      `${name} must be a single row or column, not a ${rows.length}×${cols} block`
    );
  return rows.length === 1 ? rows[0] : rows.map((row) => row[0]);
}

/**
 * A cohort's survivors from a row or column. Blank cells at the end are ignored (so a whole
 * column can be referenced); a blank before the last number is #VALUE!. All blank: null.
 */
export function readSurvivors(arg: unknown): number[] | null {
  const values = vectorCells(arg, "survivors").map((cell) => readCell(cell, "survivors"));
  let end = values.length;
  while (end > 0 && values[end - 1] === null) end--;
  if (end === 0) return null;
  const survivors: number[] = new Array(end);
  for (let i = 0; i < end; i++) {
    const v = values[i];
    if (v === null)
      throw invalidValue(
        `survivors has a blank cell at position ${i + 1}: the cohort's values must be contiguous`
      );
    survivors[i] = v;
  }
  return survivors;
}

/** An optional argument that must be one value: null when omitted or blank. */
function readOptionalScalar(arg: unknown, name: string): number | null {
  const cells = arg === null || arg === undefined ? [] : vectorCells(arg, name);
  if (cells.length > 1) throw invalidValue(`${name} must be a single number, not a range`);
  return cells.length === 0 ? null : readCell(cells[0], name);
}

/**
 * Fits Fader & Hardie's shifted-beta-geometric retention model to one cohort by maximum likelihood.
 * @customfunction SBG_FIT
 * @param survivors The cohort's customers still active at period 0, 1, 2, … (a row or column; counts or percentages).
 * @param [calibration_periods] Fit on the first k periods only (at least 2); omitted: all periods.
 * @returns A 1×2 array {alpha, beta} that spills into two cells.
 */
export function SBG_FIT(survivors: number[][], calibration_periods?: number[][]): any[][] {
  try {
    const cohort = readSurvivors(survivors);
    const calibration = readOptionalScalar(calibration_periods, "calibration_periods");
    if (cohort === null) return [["", ""]];
    const { alpha, beta } = fitSbg(cohort, calibration);
    return [[alpha, beta]];
  } catch (e) {
    return toExcelError(e) as any;
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
export function SBG_SURVIVAL(alpha: number[][], beta: number[][], period: number[][]): any[][] {
  return mapElements(
    [alpha, beta, period],
    [{ name: "alpha" }, { name: "beta" }, { name: "period" }],
    (x) => survival(x[0], x[1], x[2])
  ) as any[][];
}

/**
 * Retention rate of period t under the sBG model: (beta + t − 1) ÷ (alpha + beta + t − 1); it rises with tenure.
 * @customfunction SBG_RETENTION
 * @param alpha The fitted alpha (from RETAIN.SBG_FIT), above 0.
 * @param beta The fitted beta (from RETAIN.SBG_FIT), above 0.
 * @param period The period, 1 or more (truncated to a whole number): the share of period t − 1's customers who renew at t.
 * @returns The retention rate as a fraction.
 */
export function SBG_RETENTION(alpha: number[][], beta: number[][], period: number[][]): any[][] {
  return mapElements(
    [alpha, beta, period],
    [{ name: "alpha" }, { name: "beta" }, { name: "period" }],
    (x) => retention(x[0], x[1], x[2])
  ) as any[][];
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
  margin: number[][],
  alpha: number[][],
  beta: number[][],
  discount_rate: number[][],
  renewals?: number[][]
): any[][] {
  return mapElements(
    [margin, alpha, beta, discount_rate, renewals],
    [
      { name: "margin" },
      { name: "alpha" },
      { name: "beta" },
      { name: "discount_rate" },
      { name: "renewals", default: 0 },
    ],
    (x) => ltvSbg(x[0], x[1], x[2], x[3], x[4])
  ) as any[][];
}
