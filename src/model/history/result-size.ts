/**
 * How big a table will be, known before it is built: from the range of periods alone (its first
 * and last period, so the dates and the unit), never from arrays already allocated. A table that
 * cannot fit is refused at once with its size and the limit, so one far-future date (9999-12-31
 * with daily periods: 2,913,176 periods) costs a message, not minutes and gigabytes.
 *
 * The limits:
 * - a table with one row per period (period retention, revenue movements) has at most Excel's
 *   1,048,576 rows, its header included;
 * - a cohort table has one column per period since the first cohort, beside its two label
 *   columns (cohort, size), so at most Excel's 16,384 columns; and at most COHORT_CELL_BUDGET
 *   cells (cohorts × periods), which bounds its memory (three measures of 8 bytes a cell:
 *   120 MB) where the grid alone would allow 16,384 × 16,384;
 * - the whole analysis (the pane's and the command line's) writes its cohort table to a sheet,
 *   so it covers at most ANALYSIS_PERIODS periods.
 */
import { DomainError } from "../errors";
import { civilFromSerial, isoTextFromSerial } from "../reading/excel-dates";
import { periodEnd, periodStart, PeriodUnit } from "./periods";

/** Excel's grid. */
export const SHEET_ROWS = 1_048_576;
export const SHEET_COLUMNS = 16_384;
/** Cells of a cohort table (cohorts × periods since acquisition), in every path. */
export const COHORT_CELL_BUDGET = 5_000_000;
/** Periods of a whole analysis: its cohort table's columns (ages), beside the label column. */
export const ANALYSIS_PERIODS = SHEET_COLUMNS - 1;

/** The same shape as PeriodRange (period-retention.ts), named here to keep the imports one-way. */
export interface PeriodSpan {
  unit: PeriodUnit;
  first: number;
  last: number;
  /**
   * Which argument the last period comes from, for the message: "order_dates" (the latest
   * date in the data) or "end_date" (a date the user gave). Omitted: "the dates".
   */
  lastFrom?: string;
}

const UNIT_PLURAL: Record<PeriodUnit, string> = {
  day: "daily periods",
  week: "weekly periods",
  month: "monthly periods",
  quarter: "quarterly periods",
  year: "yearly periods",
};

/** Years past this one are a typo or a "never" convention (9999-12-31), not a real date. */
const PLAUSIBLE_LAST_YEAR = 2200;

/**
 * The range with the argument its last period comes from, for messages only: not enumerable, so
 * two ranges of the same periods stay equal (the engines' ranges are compared cell for cell).
 */
export function withLastFrom<R extends PeriodSpan>(range: R, lastFrom: string): R {
  return Object.defineProperty(range, "lastFrom", { value: lastFrom, enumerable: false });
}

/** Periods first … last (0 when the range is empty). */
export function periodCount(span: PeriodSpan): number {
  return Math.max(0, span.last - span.first + 1);
}

const count = (n: number) => n.toLocaleString("en-US");

/**
 * A refusal as plain data (it crosses from the pane's worker as it is), so the pane can word it
 * in the user's language: the span, what it needs and the limit it passes.
 */
export interface SizeRefusal {
  unit: PeriodUnit;
  periods: number;
  /** ISO dates of the span's first and last day. */
  from: string;
  to: string;
  /** What the table would need: rows, columns, cohort cells, or a whole analysis's periods. */
  need: "rows" | "columns" | "cells" | "periods";
  needed: number;
  limit: number;
  /** The last date is past the year 2200: a typo or a "never" convention, not a real date. */
  farFuture: boolean;
}

/** #VALUE! for a table too large, with its figures as data beside the English message. */
export class TooLargeError extends DomainError {
  constructor(
    readonly refusal: SizeRefusal,
    message: string
  ) {
    super("value", message);
    this.name = "TooLargeError";
  }
}

const isFarFuture = (span: PeriodSpan) =>
  civilFromSerial(periodStart(span.last, span.unit)).year > PLAUSIBLE_LAST_YEAR;

/** What the user can do about a span too long: the date if it is implausible, else the unit. */
function advice(span: PeriodSpan): string {
  if (isFarFuture(span))
    return `a date past the year ${PLAUSIBLE_LAST_YEAR} is probably a mistake: correct it${
      span.lastFrom === "end_date" || span.lastFrom === "as_of"
        ? ""
        : " or give an earlier end date"
    }`;
  return "choose a longer interval or a shorter span of dates";
}

/**
 * #VALUE! with the figures: "order_dates: the dates span 2,913,176 daily periods (2024-01-01 to 9999-12-31)
 * which need 2,913,177 rows, more than Excel's 1,048,576; …".
 */
function tooLarge(
  span: PeriodSpan,
  need: string,
  limit: string,
  figures: Pick<SizeRefusal, "need" | "needed" | "limit">
): TooLargeError {
  const from = isoTextFromSerial(periodStart(span.first, span.unit));
  const to = isoTextFromSerial(periodEnd(span.last, span.unit));
  const who = span.lastFrom ? `${span.lastFrom}: ` : "";
  const periods = periodCount(span);
  return new TooLargeError(
    { unit: span.unit, periods, from, to, farFuture: isFarFuture(span), ...figures },
    `${who}the dates span ${count(periods)} ${UNIT_PLURAL[span.unit]} (${from} to ${to}), which ${need}, more than ${limit}; ${advice(span)}`
  );
}

/** A table of one row per period, with `headerRows` above: it must fit Excel's rows. */
export function checkPeriodRows(span: PeriodSpan, headerRows = 1): void {
  const rows = periodCount(span) + headerRows;
  if (rows > SHEET_ROWS)
    throw tooLarge(span, `need ${count(rows)} rows`, `Excel's ${count(SHEET_ROWS)}`, {
      need: "rows",
      needed: rows,
      limit: SHEET_ROWS,
    });
}

/**
 * A cohort table over the span, before its cohorts are known: one column per period (the first
 * cohort is the first period's) beside its two label columns.
 */
export function checkCohortColumns(span: PeriodSpan): void {
  const columns = periodCount(span) + 2;
  if (columns > SHEET_COLUMNS)
    throw tooLarge(span, `need ${count(columns)} columns`, `Excel's ${count(SHEET_COLUMNS)}`, {
      need: "columns",
      needed: columns,
      limit: SHEET_COLUMNS,
    });
}

/** A cohort table of `cohorts` rows × `ages` columns, before its cells are allocated. */
export function checkCohortCells(span: PeriodSpan, cohorts: number, ages: number): void {
  const cells = cohorts * ages;
  if (cells > COHORT_CELL_BUDGET)
    throw tooLarge(
      span,
      `make ${count(cohorts)} cohorts × ${count(ages)} periods = ${count(cells)} cohort cells`,
      `the ${count(COHORT_CELL_BUDGET)} a cohort table may hold`,
      { need: "cells", needed: cells, limit: COHORT_CELL_BUDGET }
    );
}

/** A whole analysis (the pane's, the command line's): its cohort table must fit a sheet's columns. */
export function checkAnalysisPeriods(span: PeriodSpan): void {
  const periods = periodCount(span);
  if (periods > ANALYSIS_PERIODS)
    throw tooLarge(
      span,
      "need as many columns in the cohort table",
      `the ${count(ANALYSIS_PERIODS)} a sheet holds beside the cohort labels`,
      { need: "periods", needed: periods, limit: ANALYSIS_PERIODS }
    );
}
