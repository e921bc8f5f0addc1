/**
 * The readers' fast paths for the usual cell (ISO date text read digit by digit, the orders
 * reader's usual row, short ids packed into a table) against plain references written here:
 * the same answers and the same errors as the general rules, on cells made to sit on every edge.
 */
import fc from "fast-check";
import {
  customerKey,
  dateSerial,
  isBlankOrZero,
  numberValue,
} from "../../../src/model/reading/cell-values";
import { CustomerIds } from "../../../src/model/reading/customer-ids";
import { serialFromIsoText } from "../../../src/model/reading/excel-dates";
import { OrderRowReader } from "../../../src/model/reading/order-rows";

/** Days since 1899-12-30 of a real calendar day written YYYY-MM-DD, by JavaScript's calendar. */
function referenceSerial(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return null;
  const epoch = new Date(0);
  epoch.setUTCFullYear(1899, 11, 30);
  return Math.round((d.getTime() - epoch.getTime()) / 86_400_000);
}

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const digit = pick("0123456789".split(""));
/** Ten characters shaped like an ISO date, with now and then a character that breaks it. */
const isoLike = fc
  .tuple(
    fc.array(fc.oneof({ weight: 9, arbitrary: digit }, pick([" ", "a", "/", "-", "٣", "+"])), {
      minLength: 8,
      maxLength: 8,
    }),
    pick(["-", "-", "-", "/", " "])
  )
  .map(
    ([d, sep]) => `${d.slice(0, 4).join("")}${sep}${d.slice(4, 6).join("")}-${d.slice(6).join("")}`
  );
/** Real days (leap days and month ends among them). */
const realDay = fc
  .tuple(
    fc.integer({ min: 0, max: 9999 }),
    fc.integer({ min: 1, max: 12 }),
    pick([1, 28, 29, 30, 31])
  )
  .map(
    ([y, m, d]) =>
      `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
  );

describe("ISO date text read digit by digit", () => {
  test("agrees with JavaScript's calendar on real and broken dates", () => {
    fc.assert(
      fc.property(fc.oneof(isoLike, realDay), (text) => {
        expect(serialFromIsoText(text)).toBe(referenceSerial(text));
      }),
      { numRuns: 5000 }
    );
  });
  test("leap days, month ends and the text the fast path hands on", () => {
    expect(serialFromIsoText("2000-02-29")).toBe(36585);
    expect(serialFromIsoText("1900-02-29")).toBeNull();
    expect(serialFromIsoText("2100-02-29")).toBeNull();
    expect(serialFromIsoText("2024-04-31")).toBeNull();
    expect(serialFromIsoText("2024-00-10")).toBeNull();
    expect(serialFromIsoText("2024-03-00")).toBeNull();
    // Not ten characters: the general reading (blanks around it, a time after it).
    expect(serialFromIsoText(" 2024-03-05 ")).toBe(45356);
    expect(serialFromIsoText("2024-03-05 23:59")).toBe(45356);
  });
});

/** What the general rules (cell-values.ts) make of a row after the first: skipped, the order, or the error's message. */
function referenceOrder(
  row: number,
  id: unknown,
  date: unknown,
  amount: unknown
): [string | number, number, number] | string | null {
  if (isBlankOrZero(id) && isBlankOrZero(date) && isBlankOrZero(amount)) return null;
  try {
    const day = dateSerial(date, "order_dates", row);
    if (isBlankOrZero(id) && typeof id !== "number")
      return `customers row ${row}: is empty but the row has an order`;
    const key = customerKey(id, "customers", row);
    if (day === null) return `order_dates row ${row}: customer ${String(key)} has no order date`;
    const a = numberValue(amount, "amounts", row);
    return [key, day, a === null ? NaN : a];
  } catch (error) {
    return (error as Error).message;
  }
}

const idCell = fc.oneof(
  pick(["A", "B-7", "C-001", "客户甲", "x", "0x1", "-A", "1001", "007", "Ä", "e"]),
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.integer({ min: -5, max: 5 })
);
const dateCell = fc.oneof(
  realDay,
  isoLike,
  pick(["2024-03-05", "1899-12-31", "1900-03-01", "9999-12-31", " 2024-03-05", "x"]),
  fc.double({ min: 0, max: 3_000_000, noNaN: true }),
  pick([45356, 45356.75, 60, 61, 2958465, 2958465.5, 2958466])
);
const amountCell = fc.oneof(
  pick(["12.50", " 12.5", "12.5 ", "-3", "+4", ".5", "1e3", "0x10", "", "  ", "x", "1,5"]),
  pick(["-Infinity", "Infinity", "-", ".", "5\n", "٣"]),
  fc.double({ noNaN: false }),
  pick([null, undefined, 0, -2.5])
);

describe("the orders reader's usual row", () => {
  test("reads every row as the general rules do, or fails with their message", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(idCell, dateCell, amountCell), { maxLength: 30 }), (rows) => {
        // The first row goes through the general checks (it may be a header): a plain one here.
        const all: [unknown, unknown, unknown][] = [["first", 45356, 1], ...rows];
        const seen: [string | number, number, number][] = [];
        const reader = new OrderRowReader((c, day, a) => seen.push([reader.ids.labels[c], day, a]));
        const expected: [string | number, number, number][] = [];
        for (let i = 0; i < all.length; i++) {
          const [id, date, amount] = all[i];
          const want = referenceOrder(i + 1, id, date, amount);
          let got: string | null = null;
          try {
            reader.add(i + 1, id, date, amount);
          } catch (error) {
            got = (error as Error).message;
          }
          if (want === null) {
            expect(got).toBeNull();
            continue;
          }
          if (typeof want === "string") {
            expect(got).toBe(want);
            break;
          }
          expect(got).toBeNull();
          expected.push(want);
        }
        expect(seen).toEqual(expected);
      }),
      { numRuns: 500 }
    );
  });
});

describe("customer ids", () => {
  const key = fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.string({ unit: "binary", maxLength: 9 }),
    pick(["C-1", "C-10", "c-1", "\u0000", "\u0000\u0000", "abcdefgh", "abcdefghi", "ÿÿÿÿ"]),
    // Wide characters would overlap their neighbours in the packed bits: never packed.
    pick(["\u0100\u0000", "\u0000\u0001", "Ā", "\u0001\u0000", "a\u0100", "aĀ"]),
    fc.integer(),
    fc.integer({ min: -3, max: 3 }),
    pick([-0, 2 ** 31, -(2 ** 31), 2 ** 31 - 1, 1.5, 1e21, -1])
  );
  test("codes in order of first appearance, equal keys one customer (as a Map keys them)", () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 200 }), (keys) => {
        const ids = new CustomerIds();
        const reference = new Map<string | number, number>();
        const labels: (string | number)[] = [];
        for (const k of keys) {
          if (!reference.has(k)) {
            reference.set(k, labels.length);
            labels.push(k);
          }
          expect(ids.code(k)).toBe(reference.get(k));
        }
        expect(ids.count).toBe(labels.length);
        expect(ids.labels).toEqual(labels);
      }),
      { numRuns: 500 }
    );
  });
  test("a hundred thousand ids through the table's growth", () => {
    const ids = new CustomerIds();
    const wrong: string[] = [];
    const check = (k: string | number, want: number) => {
      if (ids.code(k) !== want) wrong.push(`${k} → ${ids.code(k)}, not ${want}`);
    };
    for (let i = 0; i < 100_000; i++) check(`C-${i}`, i);
    for (let i = 0; i < 100_000; i++) check(i, 100_000 + i);
    for (let i = 99_999; i >= 0; i -= 7) check(`C-${i}`, i);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(ids.count).toBe(200_000);
  });
});
