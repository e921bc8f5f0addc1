/** Calendar periods, Excel serials and the data rules for what users paste. */
import fc from "fast-check";
import {
  civilFromSerial,
  isoTextFromSerial,
  serialFromIsoText,
  weekdayOfSerial,
} from "../../../src/model/reading/excel-dates";
import {
  periodEnd,
  periodOf,
  periodStart,
  periodUnitOfCode,
  PERIOD_UNITS,
} from "../../../src/model/history/periods";
import {
  customerKey,
  dateSerial,
  flagValue,
  numberValue,
} from "../../../src/model/reading/cell-values";
import { OrderRowReader } from "../../../src/model/reading/order-rows";
import { SubscriptionRowReader } from "../../../src/model/reading/subscription-rows";
import {
  completedPeriods,
  subscriptionDuration,
} from "../../../src/model/history/subscription-durations";
import { normalQuantile } from "../../../src/model/numerics/normal-quantile";
import { dateOf, nextPeriodKey, periodKey } from "../history/reference";

describe("Excel serials", () => {
  test("known dates (Excel's own serials)", () => {
    expect(serialFromIsoText("2024-03-05")).toBe(45356);
    expect(serialFromIsoText("1900-03-01")).toBe(61);
    expect(serialFromIsoText("9999-12-31")).toBe(2958465);
    expect(serialFromIsoText("2024-02-29")).toBe(45351);
    expect(serialFromIsoText("2023-02-29")).toBeNull();
    expect(serialFromIsoText("2024-13-01")).toBeNull();
    expect(serialFromIsoText("2024-03-05T10:30:00Z")).toBe(45356);
    expect(serialFromIsoText("05/03/2024")).toBeNull();
    expect(isoTextFromSerial(45356)).toBe("2024-03-05");
    expect(weekdayOfSerial(45356)).toBe(1); // a Tuesday
  });
  test("serial → date agrees with JavaScript's calendar over 1900–9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 2958465 }), (serial) => {
        const d = dateOf(serial);
        expect(civilFromSerial(serial)).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
        });
        expect(serialFromIsoText(isoTextFromSerial(serial))).toBe(serial);
      }),
      { numRuns: 2000 }
    );
  });
});

describe("periods", () => {
  test.each(PERIOD_UNITS)(
    "%s: each date's period starts where the brute-force calendar says, and periods follow each other",
    (unit) => {
      fc.assert(
        fc.property(fc.integer({ min: 400, max: 2958000 }), (serial) => {
          const p = periodOf(serial, unit);
          expect(periodStart(p, unit)).toBe(periodKey(serial, unit));
          expect(periodStart(p + 1, unit)).toBe(nextPeriodKey(periodKey(serial, unit), unit));
          expect(periodEnd(p, unit)).toBe(periodStart(p + 1, unit) - 1);
          expect(serial >= periodStart(p, unit) && serial <= periodEnd(p, unit)).toBe(true);
        }),
        { numRuns: 500 }
      );
    }
  );
  test("ISO weeks run Monday to Sunday", () => {
    const monday = serialFromIsoText("2024-03-04")!;
    expect(periodOf(monday, "week")).toBe(periodOf(monday + 6, "week"));
    expect(periodOf(monday - 1, "week")).toBe(periodOf(monday, "week") - 1);
  });
  test("interval codes follow STOCKHISTORY (0 day, 1 week, 2 month) and go on with 3 quarter, 4 year", () => {
    expect([0, 1, 2, 3, 4].map((c) => periodUnitOfCode(c))).toEqual([
      "day",
      "week",
      "month",
      "quarter",
      "year",
    ]);
    for (const bad of [5, -1, 1.5, NaN])
      expect(() => periodUnitOfCode(bad)).toThrow(/interval must be 0 \(day\)/);
  });
});

describe("cell rules", () => {
  test("ids: text is case-sensitive, a number and its text are one customer", () => {
    expect(customerKey("C-001", "customers", 1)).not.toBe(customerKey("c-001", "customers", 1));
    expect(customerKey("1001", "customers", 1)).toBe(customerKey(1001, "customers", 1));
    expect(customerKey("001", "customers", 1)).toBe("001");
    expect(customerKey("1e3", "customers", 1)).toBe("1e3");
    expect(() => customerKey(true, "customers", 7)).toThrow(
      "customers row 7: TRUE is not a customer id"
    );
  });
  test("dates: serials, ISO text; 0 and empty are no date; other text names the row", () => {
    expect(dateSerial(45356.75, "dates", 1)).toBe(45356);
    expect(dateSerial("2024-03-05", "dates", 1)).toBe(45356);
    expect(dateSerial(0, "dates", 1)).toBeNull();
    expect(dateSerial(null, "dates", 1)).toBeNull();
    expect(dateSerial("  ", "dates", 1)).toBeNull();
    expect(() => dateSerial("abc", "dates", 1204)).toThrow(/^dates row 1,204: 'abc' is not a date/);
    expect(() => dateSerial(false, "dates", 3)).toThrow("dates row 3: FALSE is not a date");
    expect(() => dateSerial(-5, "dates", 3)).toThrow("dates row 3: -5 is not a date");
    expect(() => dateSerial(30, "dates", 3)).toThrow(/between 1 March 1900 and 31 December 9999/);
    expect(() => dateSerial({ code: "#N/A" }, "dates", 9)).toThrow(
      "dates row 9: #N/A is not a date"
    );
  });
  test("Excel data types (a formatted date, an error object) read as their plain values", () => {
    expect(
      dateSerial(
        { type: "FormattedNumber", basicValue: 45356.5, numberFormat: "yyyy-mm-dd" },
        "dates",
        1
      )
    ).toBe(45356);
    expect(customerKey({ type: "String", basicValue: "C-1" }, "customers", 1)).toBe("C-1");
    expect(() => dateSerial({ type: "Error", basicValue: "#REF!" }, "dates", 2)).toThrow(
      "dates row 2: #REF! is not a date"
    );
  });
  test("amounts and flags", () => {
    expect(numberValue("12.5", "amounts", 1)).toBe(12.5);
    expect(() => numberValue("twelve", "amounts", 4)).toThrow(
      "amounts row 4: 'twelve' is not a number"
    );
    expect(
      [true, false, 1, 0, "TRUE", "false", "1", "0"].map((c) => flagValue(c, "churned", 1))
    ).toEqual([1, 0, 1, 0, 1, 0, 1, 0]);
    expect(() => flagValue(2, "churned", 5)).toThrow("churned row 5: 2 is not 1/0 or TRUE/FALSE");
  });
});

describe("row readers", () => {
  const read = (rows: unknown[][]) => {
    const seen: Array<[number, number, number]> = [];
    const reader = new OrderRowReader((c, d, a) => seen.push([c, d, a]));
    rows.forEach((r, i) => reader.add(i + 1, r[0], r[1], r[2]));
    return { reader, seen };
  };
  test("a header row, blank rows and desktop Excel's zero rows are skipped", () => {
    const { reader, seen } = read([
      ["customer", "date", "amount"],
      ["A", 45356, 10],
      [null, null, null],
      [0, 0, 0],
      ["", "", ""],
      [1001, "2024-03-06", null],
    ]);
    expect(seen).toEqual([
      [0, 45356, 10],
      [1, 45357, NaN],
    ]);
    expect(reader.ids.labels).toEqual(["A", 1001]);
  });
  test("an id without a date, or a date without an id, names the row", () => {
    expect(() => read([["A", null, 5]])).toThrow("order_dates row 1: customer A has no order date");
    expect(() =>
      read([
        ["A", 45356],
        [null, 45357],
      ])
    ).toThrow("customers row 2: is empty but the row has an order");
    expect(() => read([["A", 45356, "x"]])).toThrow("amounts row 1: 'x' is not a number");
  });
  test("a subscription ending before it starts names the row", () => {
    const reader = new SubscriptionRowReader();
    reader.add(1, "A", "2024-03-01", "2024-04-01", 10);
    expect(() => reader.add(2, "B", "2024-03-01", "2024-02-01", 10)).toThrow(
      "end_dates row 2: the end 2024-02-01 is before the start 2024-03-01"
    );
  });
});

describe("subscription durations (DATEDIF's completed periods)", () => {
  const s = (t: string) => serialFromIsoText(t)!;
  test("months, quarters, years, weeks and days", () => {
    expect(completedPeriods(s("2024-01-31"), s("2024-02-29"), "month")).toBe(0);
    expect(completedPeriods(s("2024-01-15"), s("2024-03-15"), "month")).toBe(2);
    expect(completedPeriods(s("2024-01-15"), s("2024-03-14"), "month")).toBe(1);
    expect(completedPeriods(s("2024-01-15"), s("2025-01-14"), "year")).toBe(0);
    expect(completedPeriods(s("2024-01-15"), s("2024-07-15"), "quarter")).toBe(2);
    expect(completedPeriods(s("2024-01-01"), s("2024-01-15"), "week")).toBe(2);
    expect(completedPeriods(s("2024-01-01"), s("2024-01-15"), "day")).toBe(14);
  });
  test("churned when the end is on or before the as-of date, censored after; not yet started: null", () => {
    expect(
      subscriptionDuration(s("2024-01-01"), s("2024-04-01"), s("2024-06-30"), "month")
    ).toEqual({ duration: 3, churned: 1 });
    expect(
      subscriptionDuration(s("2024-01-01"), s("2024-09-01"), s("2024-06-30"), "month")
    ).toEqual({ duration: 5, churned: 0 });
    expect(subscriptionDuration(s("2024-01-01"), null, s("2024-06-30"), "month")).toEqual({
      duration: 5,
      churned: 0,
    });
    expect(subscriptionDuration(s("2024-07-01"), null, s("2024-06-30"), "month")).toBeNull();
  });
});

test("normal quantiles match R's qnorm", () => {
  expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
  expect(normalQuantile(0.5)).toBe(0);
  expect(normalQuantile(0.05)).toBeCloseTo(-1.6448536269514722, 14);
  expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 12);
  expect(() => normalQuantile(1)).toThrow();
});
