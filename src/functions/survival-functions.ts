/*
 * Customer survival with censoring (docs/definitions.md §9): Kaplan-Meier, its median, and subscriptions
 * turned into durations. Thin adapters over src/model/reading and src/model/history; data parameters are declared `any`
 * (see data-functions.ts). custom-functions-metadata-plugin appends CustomFunctions.associate.
 */
import { DomainError } from "../model/errors";
import { checkConfidence, kaplanMeier } from "../model/history/kaplan-meier";
import { medianInterval } from "../model/survival/median-interval";
import { subscriptionDuration } from "../model/history/subscription-durations";
import { lastRowWithContent, SurvivalRowReader } from "../model/reading/survival-rows";
import { STILL_ACTIVE_AFTER } from "../model/reading/subscription-rows";
import {
  cellError,
  dateSerial,
  isBlankOrZero,
  looksLikeHeader,
} from "../model/reading/cell-values";
import { noData } from "../model/history/table-folding";
import { survivalSegments } from "../model/history/segments";
import {
  Column,
  optionalDate,
  optionalHeaders,
  optionalInterval,
  optionalNumber,
  optionalSegments,
  pickedTable,
  readTable,
  spill,
  stackBlocks,
} from "./data-args";
import { ExcelCell, excelError, readFlag } from "./excel-args";

/** The durations, churn flags and weights, as columns of one length. */
const survivalTable = (durations: unknown, churned: unknown, weights: unknown) =>
  readTable({
    d: [durations, "durations"],
    c: [churned, "churned"],
    w: [weights, "weights"],
  });

type SurvivalTable = ReturnType<typeof survivalTable>;

function survivalRows(durations: unknown, churned: unknown, weights: unknown) {
  return survivalRowsOf(survivalTable(durations, churned, weights));
}

/**
 * The rows counted. A segment's block comes already split (survivalSegments settled the whole
 * table's empty tail), so its rows of zeros are customers: `tail` "kept".
 */
function survivalRowsOf({ d, c, w }: SurvivalTable, tail: "trimmed" | "kept" = "trimmed") {
  const cells = (i: number) => [d.at(i), c.at(i), w.length > 0 ? w.at(i) : null];
  const reader = new SurvivalRowReader(
    tail === "kept" ? Infinity : lastRowWithContent(d.length, cells)
  );
  for (let i = 0; i < d.length; i++)
    reader.add(i + 1, d.at(i), c.at(i), w.length > 0 ? w.at(i) : null);
  const rows = reader.finish();
  if (rows.count === 0) throw noData("durations");
  return rows;
}

const KAPLAN_MEIER_HEADERS = [
  "time",
  "at risk",
  "churned",
  "censored",
  "survival",
  "lower",
  "upper",
];

/**
 * Kaplan-Meier survival curve with a log-log confidence band: one row per distinct time.
 * @customfunction KAPLAN_MEIER
 * @param durations Each customer's time from acquisition to churn, or to now if still active (a column, 0 or more).
 * @param churned 1 or TRUE if the customer churned, 0 or FALSE if still active (censored).
 * @param [weights] How many identical customers each row stands for (default 1).
 * @param [confidence] Confidence level of the band, between 0 and 1 (default 0.95).
 * @param [headers] 1 (default): a header row; 0: none.
 * @param [segments] The segment of each customer (plan, channel, country…; a column beside the durations): one curve per segment, each row led by its segment.
 * @returns A table that spills: time, at risk, churned, censored, survival S(t), lower and upper bound.
 */
export function KAPLAN_MEIER(
  durations: any[][],
  churned: any[][],
  weights?: any[][],
  confidence?: any,
  headers?: any,
  segments?: any[][]
): any[][] {
  return spill(() => {
    const table = survivalTable(durations, churned, weights);
    const curve = (part: SurvivalTable, tail?: "kept"): ExcelCell[][] => {
      const rows = survivalRowsOf(part, tail);
      const level = checkConfidence(optionalNumber(confidence, "confidence", 0.95));
      const withHeaders = optionalHeaders(headers);
      const km = kaplanMeier(rows, level);
      const out: ExcelCell[][] = withHeaders ? [KAPLAN_MEIER_HEADERS] : [];
      for (let k = 0; k < km.time.length; k++)
        out.push([
          km.time[k],
          km.atRisk[k],
          km.churned[k],
          km.censored[k],
          km.survival[k],
          km.lower[k],
          km.upper[k],
        ]);
      return out;
    };
    const column = optionalSegments(
      segments,
      Math.max(table.d.length, table.c.length, table.w.length)
    );
    if (column === null) return curve(table);
    const blocks = survivalSegments(table.d, table.c, table.w, column);
    return stackBlocks(
      blocks.map((b) => ({ label: b.label, table: curve(pickedTable(table, b.rows), "kept") })),
      optionalHeaders(headers)
    );
  });
}

/**
 * Median lifetime from Kaplan-Meier: the first time at which survival falls to 50% or below; #N/A when it never does.
 * @customfunction MEDIAN_LIFETIME
 * @param durations Each customer's time from acquisition to churn, or to now if still active (a column).
 * @param churned 1 or TRUE if the customer churned, 0 or FALSE if still active (censored).
 * @param [weights] How many identical customers each row stands for (default 1).
 * @param [stats] TRUE or 1: one row with the median and its 95% confidence interval (Brookmeyer–Crowley, from the log-log band); FALSE or 0 (default): the median alone.
 * @returns The median lifetime, in the durations' unit; with stats, the median, the lower and the upper bound.
 */
export function MEDIAN_LIFETIME(
  durations: any[][],
  churned: any[][],
  weights?: any[][],
  stats?: any
): any[][] {
  return spill(() => {
    const withStats = readFlag(stats, "stats");
    const found = medianInterval(kaplanMeier(survivalRows(durations, churned, weights)));
    if (!withStats) {
      if (found.median === null) throw new DomainError("na", "median not reached");
      return [[found.median]];
    }
    const cell = (t: number | null, what: string): ExcelCell =>
      t === null ? excelError("na", `${what} not reached`) : t;
    return [
      [
        cell(found.median, "median"),
        cell(found.lower, "lower bound"),
        cell(found.upper, "upper bound"),
      ],
    ];
  });
}

/**
 * Turns subscriptions into survival data: each row's duration in whole periods and whether it churned, as of a date.
 * @customfunction SUBSCRIPTION_DURATIONS
 * @param start_dates The start date of each subscription (a column).
 * @param end_dates The end date of each subscription; empty while it is active.
 * @param [as_of] The date the data describes: ends after it are not known yet (censored). Omitted: the latest start or end date.
 * @param [interval] Unit of the durations: 0 days, 1 weeks, 2 months (default), 3 quarters, 4 years (completed periods, as DATEDIF counts).
 * @returns Two columns beside the data, row for row: duration and churned (1/0); empty for empty rows and for subscriptions starting after the as-of date; the empty rows at the end are left out.
 */
export function SUBSCRIPTION_DURATIONS(
  start_dates: any[][],
  end_dates: any[][],
  as_of?: any,
  interval?: any
): any[][] {
  return spill(() => {
    const { starts, ends } = readTable({
      starts: [start_dates, "start_dates"],
      ends: [end_dates, "end_dates"],
    });
    const n = Math.max(starts.length, ends.length);
    const unit = optionalInterval(interval);
    const parsed = readSpans(starts, ends, n);
    let asOf = optionalDate(as_of, "as_of");
    if (asOf === null) {
      for (const span of parsed)
        if (span && span !== "header") asOf = Math.max(asOf ?? -Infinity, span.end ?? span.start);
      if (asOf === null) throw noData("subscriptions");
    }
    // Empty rows at the end are trimmed, keeping one: a whole column spills only as far as its data.
    let rows = parsed.length;
    while (rows > 1 && parsed[rows - 1] === null) rows--;
    return parsed.slice(0, rows).map((span): ExcelCell[] => {
      if (span === "header") return ["duration", "churned"];
      if (span === null) return ["", ""];
      const result = subscriptionDuration(span.start, span.end, asOf as number, unit);
      return result === null ? ["", ""] : [result.duration, result.churned];
    });
  });
}

type Span = { start: number; end: number | null } | null | "header";

/** Each row's start and end, checked with the data rules; a first row of titles is kept as such. */
function readSpans(starts: Column, ends: Column, n: number): Span[] {
  const spans: Span[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const startCell = starts.at(i);
    const endCell = ends.length > 0 ? ends.at(i) : null;
    if (isBlankOrZero(startCell) && isBlankOrZero(endCell)) {
      spans[i] = null;
      continue;
    }
    if (i === 0 && looksLikeHeader(startCell)) {
      spans[i] = "header";
      continue;
    }
    const start = dateSerial(startCell, "start_dates", i + 1);
    const written = dateSerial(endCell, "end_dates", i + 1);
    // An end after 2200 (a warehouse's 9999-12-31) is a subscription still running.
    const end = written !== null && written > STILL_ACTIVE_AFTER ? null : written;
    if (start === null)
      throw cellError("start_dates", i + 1, "is empty but the row has an end date");
    if (end !== null && end < start)
      throw cellError("end_dates", i + 1, "the end is before the start");
    spans[i] = { start, end };
  }
  return spans;
}
