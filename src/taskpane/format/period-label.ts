/**
 * How the data view names a period: by its first day, in the user's language ("Mar 2025",
 * "2025年3月", "2025 Q1", "2025"). Weeks and days show the date they start on.
 */
import type { PeriodUnit } from "../../model/history/periods";
import { utcDateFromSerial } from "../../model/reading/excel-dates";

const formats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" });
    formats.set(key, f);
  }
  return f;
}

/** A whole-day serial as a date (midnight UTC, formatted in UTC so the day never shifts). */
export function dateOfSerial(serial: number): Date {
  return utcDateFromSerial(serial);
}

/** A date in the locale's short form ("5 Mar 2025", "Mar 5, 2025", "2025年3月5日"). */
export function formatSerialDate(serial: number, locale: string): string {
  return dateFormat(locale, { year: "numeric", month: "short", day: "numeric" }).format(
    dateOfSerial(serial)
  );
}

/** The label of the period starting on `startSerial`. */
export function periodLabel(startSerial: number, unit: PeriodUnit, locale: string): string {
  const date = dateOfSerial(startSerial);
  switch (unit) {
    case "day":
    case "week":
      return formatSerialDate(startSerial, locale);
    case "month":
      return dateFormat(locale, { year: "numeric", month: "short" }).format(date);
    case "quarter":
      return `${date.getUTCFullYear()} Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
    case "year":
      return String(date.getUTCFullYear());
  }
}
