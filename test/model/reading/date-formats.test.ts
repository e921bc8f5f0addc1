/**
 * Text dates in the formats spreadsheets and exports write, checked against JavaScript's own
 * calendar (Date.UTC), not against the parser's arithmetic.
 */
import fc from "fast-check";
import {
  dateCellIn,
  detectDateFormat,
  detectDateOrder,
  localeWritesDayFirst,
  serialFromDateText,
} from "../../../src/model/reading/date-formats";

/** Excel serial of a UTC calendar date, by the JavaScript calendar. */
const serialOf = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
const pad = (n: number) => String(n).padStart(2, "0");

const dateArb = fc
  .record({
    y: fc.integer({ min: 1901, max: 9998 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    padded: fc.boolean(),
    sep: fc.constantFrom("/", ".", "-"),
  })
  .map((r) => ({ ...r, p: (n: number) => (r.padded ? pad(n) : String(n)) }));

describe("serialFromDateText", () => {
  it("reads every format to the day JavaScript's calendar gives", () => {
    fc.assert(
      fc.property(dateArb, ({ y, m, d, p, sep }) => {
        const want = serialOf(y, m, d);
        expect(serialFromDateText(`${y}-${pad(m)}-${pad(d)}`, "iso")).toBe(want);
        expect(
          serialFromDateText(
            `${y}${sep === "-" ? "/" : sep}${p(m)}${sep === "-" ? "/" : sep}${p(d)}`,
            "ymd"
          )
        ).toBe(want);
        expect(serialFromDateText(`${y}年${m}月${d}日`, "ymd")).toBe(want);
        expect(serialFromDateText(`${p(m)}${sep}${p(d)}${sep}${y}`, "mdy")).toBe(want);
        expect(serialFromDateText(`${p(d)}${sep}${p(m)}${sep}${y}`, "dmy")).toBe(want);
      })
    );
  });

  it("drops a time of day and refuses days that do not exist", () => {
    expect(serialFromDateText("3/5/2024 13:45", "mdy")).toBe(serialOf(2024, 3, 5));
    expect(serialFromDateText("3/5/2024 1:45 PM", "mdy")).toBe(serialOf(2024, 3, 5));
    expect(serialFromDateText("2024/03/05 08:00:00", "ymd")).toBe(serialOf(2024, 3, 5));
    expect(serialFromDateText("29/2/2023", "dmy")).toBeNull();
    expect(serialFromDateText("29/2/2024", "dmy")).toBe(serialOf(2024, 2, 29));
    expect(serialFromDateText("13/1/2024", "mdy")).toBeNull();
    expect(serialFromDateText("2024-02-30", "iso")).toBeNull();
    expect(serialFromDateText("March 5, 2024", "mdy")).toBeNull();
  });
});

describe("detectDateFormat", () => {
  it("prefers the model's own ISO text, then year-first", () => {
    expect(detectDateFormat(["2024-03-05", "2024-12-31"])).toBe("iso");
    expect(detectDateFormat(["2024/3/5", "2024年12月31日"])).toBe("ymd");
  });

  it("tells day-first from month-first by a day above 12, and guesses month-first otherwise", () => {
    expect(detectDateFormat(["3/5/2024", "12/25/2024"])).toBe("mdy");
    expect(detectDateFormat(["3/5/2024", "25/12/2024"])).toBe("dmy");
    expect(detectDateOrder(["3/5/2024", "12/25/2024"])).toEqual({ format: "mdy", guessed: false });
    expect(detectDateOrder(["3/5/2024", "4/6/2024"])).toEqual({ format: "mdy", guessed: true });
    expect(detectDateOrder(["3.5.2024", "4-6-2024"]).guessed).toBe(true);
    expect(detectDateOrder(["2024-03-05"]).guessed).toBe(false);
  });

  it("skips numbers (Excel's dates) and blanks; null when no format reads every text", () => {
    expect(detectDateFormat([45292, null, "", 45300])).toBeNull();
    expect(detectDateFormat([45292, "5.3.2024"])).toBe("mdy");
    expect(detectDateFormat(["3/5/2024", "25/12/2024", "12/25/2024"])).toBeNull();
    expect(detectDateFormat(["2024-03-05", "yesterday"])).toBeNull();
  });
});

describe("dateCellIn", () => {
  it("converts text in the format and passes anything else through for the model to judge", () => {
    expect(dateCellIn("25/12/2024", "dmy")).toBe(serialOf(2024, 12, 25));
    expect(dateCellIn("2024-12-25", "dmy")).toBe("2024-12-25");
    expect(dateCellIn("not a date", "dmy")).toBe("not a date");
    expect(dateCellIn(45292, "dmy")).toBe(45292);
    expect(dateCellIn("25/12/2024", null)).toBe("25/12/2024");
    expect(dateCellIn("25/12/2024", "iso")).toBe("25/12/2024");
  });
});

describe("localeWritesDayFirst", () => {
  it("follows how each locale writes a date", () => {
    expect(localeWritesDayFirst("en-US")).toBe(false);
    expect(localeWritesDayFirst("zh-CN")).toBe(false);
    expect(localeWritesDayFirst("en-GB")).toBe(true);
    expect(localeWritesDayFirst("de-DE")).toBe(true);
    expect(localeWritesDayFirst("ru-RU")).toBe(true);
  });
});
