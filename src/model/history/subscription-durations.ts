/**
 * Subscriptions as survival data (docs/definitions.md §9): a duration in whole periods from the start to
 * the end (churned) or to the "as of" date (still active: censored). Whole periods count as
 * Excel's DATEDIF does: completed days, weeks (7 days), months, quarters (3 months) or years.
 */
import { monthIndexOfSerial, serialFromCivil } from "../reading/excel-dates";
import { PeriodUnit } from "./periods";

/** Completed calendar months from one serial to a later one (DATEDIF "m"). */
function completedMonths(from: number, to: number): number {
  const a = monthIndexOfSerial(from);
  const b = monthIndexOfSerial(to);
  const dayOf = (serial: number, monthIndex: number) =>
    serial - serialFromCivil(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1) + 1;
  return b - a - (dayOf(to, b) < dayOf(from, a) ? 1 : 0);
}

export function completedPeriods(from: number, to: number, unit: PeriodUnit): number {
  switch (unit) {
    case "day":
      return to - from;
    case "week":
      return Math.floor((to - from) / 7);
    case "month":
      return completedMonths(from, to);
    case "quarter":
      return Math.floor(completedMonths(from, to) / 3);
    case "year":
      return Math.floor(completedMonths(from, to) / 12);
  }
}

export interface SubscriptionDuration {
  duration: number;
  churned: 0 | 1;
}

/**
 * One subscription's duration and churn flag as of a date; null when it starts after that date
 * (not yet observed). An end after the as-of date is not known yet: censored at the as-of date.
 */
export function subscriptionDuration(
  start: number,
  end: number | null,
  asOf: number,
  unit: PeriodUnit
): SubscriptionDuration | null {
  if (start > asOf) return null;
  if (end !== null && end <= asOf)
    return { duration: completedPeriods(start, end, unit), churned: 1 };
  return { duration: completedPeriods(start, asOf, unit), churned: 0 };
}
