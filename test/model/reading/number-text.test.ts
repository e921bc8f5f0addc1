/**
 * Amounts as people write them (number-text.ts): every amount of whole cents, formatted in any
 * supported style by a plain formatter here, reads back exactly cents / 100; the decimal mark of
 * a column is told from its values, and a column that cannot tell says its answer is a guess.
 */
import fc from "fast-check";
import {
  DecimalMark,
  detectDecimalMark,
  readNumberText,
  readNumberTextEither,
} from "../../../src/model/reading/number-text";
import { numberValue } from "../../../src/model/reading/cell-values";
import { proposeLayout } from "../../../src/model/reading/layout";
import { feedOrders } from "../../../src/model/reading/row-feeding";
import { OrdersAnalysis } from "../../../src/model/history/analysis";

interface Style {
  decimal: DecimalMark;
  /** "" for no grouping. */
  group: string;
  negative: "minus" | "brackets" | "unicode-minus";
  currency: string;
  currencyAfter: boolean;
  space: string;
}

/** Formats cents in a style with plain string work: groups of three from the right. */
function format(cents: number, style: Style): string {
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100));
  const fraction = String(abs % 100).padStart(2, "0");
  let grouped = "";
  for (let i = 0; i < whole.length; i++) {
    const fromRight = whole.length - i;
    grouped += whole[i];
    if (fromRight > 1 && (fromRight - 1) % 3 === 0) grouped += style.group;
  }
  let body = grouped + style.decimal + fraction;
  if (style.currency)
    body = style.currencyAfter
      ? body + style.space + style.currency
      : style.currency + style.space + body;
  if (cents >= 0) return body;
  if (style.negative === "brackets") return `(${body})`;
  return (style.negative === "minus" ? "-" : "−") + body;
}

const styleArb: fc.Arbitrary<Style> = fc
  .record({
    decimal: fc.constantFrom<DecimalMark>(".", ","),
    group: fc.constantFrom("", "sep", " ", "\u00a0", "\u202f", "'"),
    negative: fc.constantFrom<Style["negative"]>("minus", "brackets", "unicode-minus"),
    currency: fc.constantFrom("", "$", "€", "£", "¥", "₽"),
    currencyAfter: fc.boolean(),
    space: fc.constantFrom("", " ", "\u00a0"),
  })
  // "sep": the other mark groups ("1,234.56", "1.234,56").
  .map((s) => ({ ...s, group: s.group === "sep" ? (s.decimal === "." ? "," : ".") : s.group }));

const centsArb = fc.integer({ min: -99_999_999_999, max: 99_999_999_999 });

describe("readNumberText", () => {
  it("reads every amount of whole cents back exactly, in every supported style", () => {
    fc.assert(
      fc.property(centsArb, styleArb, (cents, style) => {
        const text = format(cents, style);
        const expected = cents / 100;
        expect(readNumberText(text, style.decimal)).toBe(expected === 0 ? 0 : expected);
      }),
      { numRuns: 5000 }
    );
  });

  it.each([
    ["11,77", ",", 11.77],
    ["1.234,56", ",", 1234.56],
    ["1 234,56", ",", 1234.56],
    ["1\u00a0234,56", ",", 1234.56],
    ["1\u202f234,56", ",", 1234.56],
    ["1'234.56", ".", 1234.56],
    ["(12.50)", ".", -12.5],
    ["-12.50", ".", -12.5],
    ["$12.50", ".", 12.5],
    ["-$12.50", ".", -12.5],
    ["$-12.50", ".", -12.5],
    ["12,50 €", ",", 12.5],
    ["12,50€", ",", 12.5],
    ["€ 1.234,56", ",", 1234.56],
    ["¥1,234", ".", 1234],
    ["1 234 ₽", ",", 1234],
    ["£0.99", ".", 0.99],
    ["1,234,567.5", ".", 1234567.5],
  ] as const)("reads %j under %j as %d", (text, decimal, value) => {
    expect(readNumberText(text, decimal)).toBe(value);
  });

  it.each([
    ["11,77", "."], // a comma groups threes under the point
    ["1.234.56", ","],
    ["1,23,456", "."],
    ["12 34", "."],
    ["abc", "."],
    ["$", "."],
    ["--12", "."],
    ["(-12)", "."],
    ["1.234 567", ","], // two kinds of group marks
    ["1e3", "."],
  ] as const)("refuses %j under %j", (text, decimal) => {
    expect(readNumberText(text, decimal)).toBeNull();
  });

  it("reads what either mark reads, the point first", () => {
    expect(readNumberTextEither("1,234")).toBe(1234);
    expect(readNumberTextEither("11,77")).toBe(11.77);
    expect(readNumberTextEither("1.234,56 €")).toBe(1234.56);
  });
});

describe("detectDecimalMark", () => {
  it("tells the mark from a column formatted in one style, whatever its amounts", () => {
    fc.assert(
      fc.property(
        fc.array(centsArb, { minLength: 1, maxLength: 30 }),
        styleArb,
        (values, style) => {
          const cells = values.map((c) => format(c, style));
          // Amounts of whole cents always show two decimals: the mark tells itself.
          expect(detectDecimalMark(cells, "en-US")).toEqual({
            decimal: style.decimal,
            guessed: false,
          });
        }
      )
    );
  });

  it("decides from the whole column: one value with two decimals tells", () => {
    expect(detectDecimalMark(["1,234", "2,500", "7,25"], "en-US")).toEqual({
      decimal: ",",
      guessed: false,
    });
    expect(detectDecimalMark(["1,234", "1,234,567"], "de-DE")).toEqual({
      decimal: ".",
      guessed: false,
    });
    expect(detectDecimalMark(["1.234", "1.234,5"], "en-US")).toEqual({
      decimal: ",",
      guessed: false,
    });
  });

  it("says a column of '1,234' alone is a guess, and takes the locale's mark", () => {
    expect(detectDecimalMark(["1,234", "5,000"], "en-US")).toEqual({ decimal: ".", guessed: true });
    expect(detectDecimalMark(["1,234", "5,000"], "de-DE")).toEqual({ decimal: ",", guessed: true });
  });

  it("is no guess when no value has a mark at all, and ignores typed numbers", () => {
    expect(detectDecimalMark(["12", "400", 3.5], "en-US")).toEqual({
      decimal: ".",
      guessed: false,
    });
  });
});

describe("numberValue (the cells' text amounts)", () => {
  it("reads amounts as people write them", () => {
    expect(numberValue("1,234.50", "amounts", 2)).toBe(1234.5);
    expect(numberValue("11,77 €", "amounts", 2)).toBe(11.77);
    expect(numberValue("(12.50)", "amounts", 2)).toBe(-12.5);
    expect(numberValue(" 19.90 ", "amounts", 2)).toBe(19.9);
  });

  it("still names the row of text that is no amount", () => {
    expect(() => numberValue("abc", "amounts", 7)).toThrow(/amounts row 7: 'abc' is not a number/);
  });
});

describe("a German export through the one layout proposal and row feeder", () => {
  it("reads to the same orders as the clean file, whatever the amounts", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 1, max: 30 }),
            fc.integer({ min: 1, max: 28 }),
            fc.integer({ min: -99_999, max: 99_999_999 })
          ),
          { minLength: 1, maxLength: 40 }
        ),
        (orders) => {
          const german = [["Kunde", "Datum", "Betrag"]];
          const clean = [["customer", "date", "amount"]];
          for (const [c, d, cents] of orders) {
            const day = String(d).padStart(2, "0");
            german.push([
              String(1000 + c),
              `${day}.03.2024`,
              format(cents, {
                decimal: ",",
                group: ".",
                negative: "minus",
                currency: "€",
                currencyAfter: true,
                space: " ",
              }),
            ]);
            clean.push([String(1000 + c), `2024-03-${day}`, String(cents / 100)]);
          }
          const read = (rows: string[][]) => {
            const layout = proposeLayout(rows, "de-DE");
            const seen: number[] = [];
            feedOrders(layout, {
              add: (_row, _id, _date, amount) => {
                seen.push(amount as number);
              },
            })(rows, 1);
            return { columns: layout.columns, seen };
          };
          const g = read(german);
          expect(g.columns).toMatchObject({ customer: 0, date: 1, amount: 2 });
          expect(g.seen).toEqual(orders.map(([, , cents]) => cents / 100));
          // And the whole analysis agrees with the clean file's.
          const analyse = (rows: string[][]) => {
            const analysis = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
            // A day above 12 tells day-first; with none, the dates are read month-first on every
            // machine (the one guess) with a warning, and the user picks day-first, as meant.
            const layout = proposeLayout(rows, "de-DE");
            const guessed = rows.slice(1).every((r) => Number(r[1].slice(0, 2)) <= 12);
            expect(layout.warnings.includes("date-order-guessed")).toBe(
              guessed && rows[0][0] === "Kunde"
            );
            if (guessed) layout.dateFormat = "dmy";
            feedOrders(layout, analysis)(rows, 1);
            return analysis.finish().cohorts.revenue;
          };
          expect(analyse(german)).toEqual(analyse(clean));
        }
      ),
      { numRuns: 100 }
    );
  });
});
