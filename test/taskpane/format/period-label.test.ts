/**
 * Period labels and dates of the data view (period-label.ts), and the model's serial ↔ date
 * helpers they stand on: checked against a calendar walked here a day at a time from
 * 1900-03-01 (serial 61), and against Intl's own formatting of that calendar date.
 */
import fc from "fast-check";
import {
  serialFromLocalDate,
  serialFromUnixDays,
  unixDaysFromSerial,
  utcDateFromSerial,
} from "../../../src/model/reading/excel-dates";
import { PeriodUnit } from "../../../src/model/history/periods";
import {
  dateOfSerial,
  formatSerialDate,
  periodLabel,
} from "../../../src/taskpane/format/period-label";

const LAST = 2_958_465; // 9999-12-31

/** The calendar date of every serial from 61 to LAST, by counting days month by month. */
const calendar = (() => {
  const year = new Int16Array(LAST + 1);
  const month = new Int8Array(LAST + 1);
  const day = new Int8Array(LAST + 1);
  let [y, m, d] = [1900, 3, 1];
  for (let s = 61; s <= LAST; s++) {
    year[s] = y;
    month[s] = m;
    day[s] = d;
    const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
    const length = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    if (++d > length) [d, m] = [1, m + 1];
    if (m > 12) [m, y] = [1, y + 1];
  }
  return (s: number) => ({ y: year[s], m: month[s], d: day[s] });
})();

const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const iso = (s: number) => {
  const { y, m, d } = calendar(s);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
};
const serialArb = fc.integer({ min: 61, max: LAST });
const LOCALES = ["en-US", "en-GB", "zh-CN", "de-DE", "ru-RU"];

describe("the model's serial ↔ date helpers", () => {
  it("give a serial's calendar day at midnight UTC, and back", () => {
    fc.assert(
      fc.property(serialArb, (s) => {
        const date = utcDateFromSerial(s);
        expect(date.toISOString()).toBe(`${iso(s)}T00:00:00.000Z`);
        const { y, m, d } = calendar(s);
        expect(serialFromLocalDate(new Date(y, m - 1, d, 13, 45))).toBe(s);
        expect(serialFromUnixDays(unixDaysFromSerial(s))).toBe(s);
      }),
      { numRuns: 500 }
    );
    // 1970-01-01 is day 0 of Unix time; a time of day is a fraction of a serial.
    expect(unixDaysFromSerial(calendarSerial(1970, 1, 1))).toBe(0);
    expect(utcDateFromSerial(45_000.25).toISOString()).toBe(`${iso(45_000)}T06:00:00.000Z`);
  });
});

/** The serial of a calendar date, by searching the walked calendar. */
function calendarSerial(y: number, m: number, d: number): number {
  let lo = 61;
  let hi = LAST;
  const key = (s: number) => {
    const c = calendar(s);
    return c.y * 10_000 + c.m * 100 + c.d;
  };
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(mid) < y * 10_000 + m * 100 + d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

describe("period labels", () => {
  it("name each period by its first day in the user's language", () => {
    fc.assert(
      fc.property(
        serialArb,
        fc.constantFrom<PeriodUnit>("day", "week", "month", "quarter", "year"),
        fc.constantFrom(...LOCALES),
        (s, unit, locale) => {
          const { y, m, d } = calendar(s);
          const utc = new Date(Date.UTC(y, m - 1, d));
          const intl = (o: Intl.DateTimeFormatOptions) =>
            new Intl.DateTimeFormat(locale, { ...o, timeZone: "UTC" }).format(utc);
          const want = {
            day: intl({ year: "numeric", month: "short", day: "numeric" }),
            week: intl({ year: "numeric", month: "short", day: "numeric" }),
            month: intl({ year: "numeric", month: "short" }),
            quarter: `${y} Q${Math.floor((m - 1) / 3) + 1}`,
            year: String(y),
          }[unit];
          expect(periodLabel(s, unit, locale)).toBe(want);
          expect(formatSerialDate(s, locale)).toBe(
            intl({ year: "numeric", month: "short", day: "numeric" })
          );
          expect(dateOfSerial(s).getTime()).toBe(utc.getTime());
        }
      ),
      { numRuns: 300 }
    );
  });

  it("reads as users expect for a few known days", () => {
    const march2025 = calendarSerial(2025, 3, 1);
    expect(periodLabel(march2025, "month", "en-US")).toBe("Mar 2025");
    expect(periodLabel(march2025, "month", "zh-CN")).toBe("2025年3月");
    expect(periodLabel(march2025, "quarter", "zh-CN")).toBe("2025 Q1");
    expect(periodLabel(calendarSerial(2024, 12, 30), "week", "en-GB")).toBe("30 Dec 2024");
    expect(periodLabel(calendarSerial(2024, 10, 1), "quarter", "en-US")).toBe("2024 Q4");
  });
});
