/**
 * Excel date serials and calendar dates. Serial 1 is 1900-01-01 in Excel, which also counts a
 * 29 February 1900 that never was (serial 60); from 1 March 1900 (serial 61) on, a serial is
 * simply days since 1899-12-30. Dates before 1 March 1900 are refused rather than shifted by
 * that phantom day. All arithmetic is on whole days: a time of day is dropped.
 */

/** Serial of 1900-03-01, the first date this add-in accepts. */
export const FIRST_SERIAL = 61;
/** Serial of 9999-12-31, Excel's last date. */
export const LAST_SERIAL = 2958465;

/** Days between Excel's serial 0 (1899-12-30) and 1970-01-01, the epoch of Date and of DuckDB. */
const UNIX_TO_SERIAL = 25569;
const DAY_MS = 86_400_000;

/** The serial of a date given as days since 1970-01-01 (DuckDB's DATE, Parquet's date32). */
export function serialFromUnixDays(days: number): number {
  return days + UNIX_TO_SERIAL;
}

/** Days since 1970-01-01 of a serial: what DuckDB's DATE holds. */
export function unixDaysFromSerial(serial: number): number {
  return serial - UNIX_TO_SERIAL;
}

/**
 * A serial as a Date at that day's midnight UTC (a fraction is the time of day, to the
 * millisecond): format it in UTC so the day never shifts with the reader's time zone.
 */
export function utcDateFromSerial(serial: number): Date {
  return new Date(Math.round((serial - UNIX_TO_SERIAL) * DAY_MS));
}

/** The serial of a Date's calendar day in local time (the day a user sees on their clock). */
export function serialFromLocalDate(date: Date): number {
  return serialFromCivil(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface CivilDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** The calendar date of a whole-day serial ≥ FIRST_SERIAL (H. Hinnant's civil_from_days). */
export function civilFromSerial(serial: number): CivilDate {
  const monthIndex = monthIndexOfSerial(serial);
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return { year, month, day: serial - serialFromCivil(year, month, 1) + 1 };
}

/**
 * year × 12 + (month − 1) of a whole-day serial, without building a date object: the hot path
 * of every monthly, quarterly and yearly aggregation.
 */
export function monthIndexOfSerial(serial: number): number {
  const z = serial - UNIX_TO_SERIAL + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (era * 400 + yoe + (month <= 2 ? 1 : 0)) * 12 + month - 1;
}

export function serialFromCivil(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day) + UNIX_TO_SERIAL;
}

/** Monday = 0 … Sunday = 6. */
export function weekdayOfSerial(serial: number): number {
  // Serial 2 (1900-01-01, as days since 1899-12-30) was a Monday.
  return (((serial - 2) % 7) + 7) % 7;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * The serial of an ISO text date ("2024-03-05", optionally with a time, which is dropped), or
 * null when the text is not one or names no real day (2023-02-29).
 */
export function serialFromIsoText(text: string): number | null {
  // The usual cell, exactly YYYY-MM-DD, read digit by digit: a file repeats it a million times.
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    if (year < 0 || month < 0 || day < 0) return null;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return serialFromCivil(year, month, day);
  }
  const m = ISO_DATE.exec(text.trim());
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const serial = serialFromCivil(year, month, day);
  const back = civilFromSerial(serial);
  if (back.month !== month || back.day !== day) return null;
  return serial;
}

/** The number written by text[from, to) in ASCII digits, or −1 when any is not a digit. */
function digits(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** Days in a month of the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** "2024-03-05" for a serial: used in messages and by the command line. */
export function isoTextFromSerial(serial: number): string {
  const { year, month, day } = civilFromSerial(serial);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
