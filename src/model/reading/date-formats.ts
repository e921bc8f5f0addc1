/**
 * Text dates as spreadsheets and exports write them, beside the model's own ISO text
 * (cell-values.ts): a CSV or a pasted range carries dates as they were displayed, e.g.
 * "3/5/2024" (US), "05.03.2024" (Europe) or "2024年3月5日" (Chinese). The format of a column is
 * detected from its values; day-first and month-first are told apart by any day above 12, and
 * otherwise read month-first on every machine (never by its locale: the same file must give the
 * same figures everywhere), which the reader is told once and can change. A time after the date is dropped,
 * as the model drops it. Text that does not read in the column's format is handed to the model
 * unchanged, which then reports it naming the row.
 */
import { civilFromSerial, serialFromCivil, serialFromIsoText } from "./excel-dates";

/**
 * - iso: 2024-03-05 (the model's own; nothing to convert);
 * - ymd: year first with / . or Chinese 年月日 (2024/3/5, 2024.03.05, 2024年3月5日);
 * - mdy: month first (3/5/2024, 03-05-2024);
 * - dmy: day first (5/3/2024, 05.03.2024).
 */
export type DateFormat = "iso" | "ymd" | "mdy" | "dmy";

export const DATE_FORMATS: readonly DateFormat[] = ["iso", "ymd", "mdy", "dmy"];

const TIME = String.raw`(?:[T ]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YEAR_FIRST = new RegExp(
  String.raw`^(\d{4})\s*(?:[/.]|年)\s*(\d{1,2})\s*(?:[/.]|月)\s*(\d{1,2})\s*日?${TIME}$`
);
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})${TIME}$`);

/**
 * Each text format's pattern and which of its groups holds the year, the month and the day. The
 * patterns read the same in JavaScript and in RE2, so the DuckDB engine reads a column with them.
 */
export const TEXT_DATE_PATTERNS: Record<
  Exclude<DateFormat, "iso">,
  { pattern: RegExp; year: number; month: number; day: number }
> = {
  ymd: { pattern: YEAR_FIRST, year: 1, month: 2, day: 3 },
  mdy: { pattern: YEAR_LAST, year: 3, month: 1, day: 2 },
  dmy: { pattern: YEAR_LAST, year: 3, month: 2, day: 1 },
};

function serialOf(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const serial = serialFromCivil(year, month, day);
  const back = civilFromSerial(serial);
  return back.month === month && back.day === day ? serial : null;
}

/** The serial of a text date in a format, or null when the text is not one in that format. */
export function serialFromDateText(text: string, format: DateFormat): number | null {
  const trimmed = text.trim();
  if (format === "iso") return serialFromIsoText(trimmed);
  const { pattern, year, month, day } = TEXT_DATE_PATTERNS[format];
  const m = pattern.exec(trimmed);
  return m ? serialOf(Number(m[year]), Number(m[month]), Number(m[day])) : null;
}

/**
 * Month-first, the guess when no day above 12 tells day-first from month-first: the same on
 * every machine, and said once with how to change it (layout warning "date-order-guessed").
 */
export const AMBIGUOUS_DATE_GUESS: DateFormat = "mdy";

export interface DateFormatDetection {
  format: DateFormat | null;
  /** Month-first and day-first both read every date: `format` is AMBIGUOUS_DATE_GUESS. */
  guessed: boolean;
}

/**
 * The format that reads every text date among `values` (numbers and blanks are skipped: Excel's
 * dates arrive as serial numbers), or null when there is no text date or none reads them all.
 * Month-first and day-first both reading everything (no day above 12 anywhere): the guess.
 */
export function detectDateOrder(values: readonly unknown[]): DateFormatDetection {
  const readable = new Set<DateFormat>(DATE_FORMATS);
  let texts = 0;
  for (const value of values) {
    if (typeof value !== "string" || value.trim() === "") continue;
    texts++;
    for (const format of DATE_FORMATS)
      if (readable.has(format) && serialFromDateText(value, format) === null)
        readable.delete(format);
    if (readable.size === 0) return { format: null, guessed: false };
  }
  const found = (format: DateFormat | null) => ({ format, guessed: false });
  if (texts === 0) return found(null);
  if (readable.has("iso")) return found("iso");
  if (readable.has("ymd")) return found("ymd");
  if (readable.has("mdy") && readable.has("dmy"))
    return { format: AMBIGUOUS_DATE_GUESS, guessed: true };
  return found(readable.has("mdy") ? "mdy" : readable.has("dmy") ? "dmy" : null);
}

/** detectDateOrder's format alone. */
export const detectDateFormat = (values: readonly unknown[]): DateFormat | null =>
  detectDateOrder(values).format;

/** Whether a locale writes the day before the month (en-GB, de, fr, ru …; not en-US or zh). */
export function localeWritesDayFirst(locale: string): boolean {
  try {
    const parts = new Intl.DateTimeFormat(locale).formatToParts(new Date(2024, 2, 5));
    const day = parts.findIndex((p) => p.type === "day");
    const month = parts.findIndex((p) => p.type === "month");
    const year = parts.findIndex((p) => p.type === "year");
    return day >= 0 && month >= 0 && day < month && !(year >= 0 && year < month);
  } catch {
    return false;
  }
}

/**
 * A date cell as the model reads it: text in `format` becomes its serial; anything else
 * (numbers, blanks, ISO text, text that does not read) passes through for the model to accept
 * or to report naming the row.
 */
export function dateCellIn(cell: unknown, format: DateFormat | null): unknown {
  if (format === null || format === "iso" || typeof cell !== "string") return cell;
  return serialFromDateText(cell, format) ?? cell;
}
