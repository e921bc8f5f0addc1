/**
 * Calendar periods (docs/definitions.md §7): days, ISO weeks (Monday to Sunday), months, quarters, years.
 * A period is a whole number that grows by one from each period to the next, so "the previous
 * period" is p − 1 and a run of periods is a plain array. Interval codes follow Excel's
 * STOCKHISTORY (0 daily, 1 weekly, 2 monthly) and go on with 3 quarterly and 4 yearly.
 */
import { invalidNumber } from "../errors";
import { monthIndexOfSerial, serialFromCivil } from "../reading/excel-dates";

export type PeriodUnit = "day" | "week" | "month" | "quarter" | "year";

export const PERIOD_UNITS: readonly PeriodUnit[] = ["day", "week", "month", "quarter", "year"];

/** The unit of an interval code 0–4 (STOCKHISTORY's codes, extended); #NUM! otherwise. */
export function periodUnitOfCode(code: number, name = "interval"): PeriodUnit {
  const unit = Number.isInteger(code) ? PERIOD_UNITS[code] : undefined;
  if (unit === undefined)
    throw invalidNumber(`${name} must be 0 (day), 1 (week), 2 (month), 3 (quarter) or 4 (year)`);
  return unit;
}

/** The period that contains a whole-day serial. */
export function periodOf(serial: number, unit: PeriodUnit): number {
  switch (unit) {
    case "day":
      return serial;
    case "week":
      // Serial 2 (1900-01-01) was a Monday, so weeks count from the Monday at serial −5.
      return Math.floor((serial + 5) / 7);
    case "month":
      return monthIndexOfSerial(serial);
    case "quarter":
      return Math.floor(monthIndexOfSerial(serial) / 3);
    case "year":
      return Math.floor(monthIndexOfSerial(serial) / 12);
  }
}

/** The serial of a period's first day. */
export function periodStart(period: number, unit: PeriodUnit): number {
  switch (unit) {
    case "day":
      return period;
    case "week":
      return period * 7 - 5;
    case "month":
      return serialFromCivil(Math.floor(period / 12), (period % 12) + 1, 1);
    case "quarter":
      return serialFromCivil(Math.floor(period / 4), (period % 4) * 3 + 1, 1);
    case "year":
      return serialFromCivil(period, 1, 1);
  }
}

/** The serial of a period's last day. */
export function periodEnd(period: number, unit: PeriodUnit): number {
  return periodStart(period + 1, unit) - 1;
}
