import fc from "fast-check";
import {
  PLAIN_FORMAT_LOCALES,
  plainNumberFormat,
} from "../../../src/taskpane/format/plain-number-format";

// The reference is ICU itself (Node's Intl): every text written without it must be its text.
const money = (currency: string, digits: number): Intl.NumberFormatOptions => ({
  style: "currency",
  currency,
  currencyDisplay: "narrowSymbol",
  minimumFractionDigits: digits,
  maximumFractionDigits: digits,
});
/** Every shape format-number.ts asks for that is not compact. */
const FORMATS: Intl.NumberFormatOptions[] = [
  { maximumFractionDigits: 2 },
  { maximumFractionDigits: 6 },
  { maximumFractionDigits: 0 },
  { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  { minimumFractionDigits: 0, maximumFractionDigits: 0 },
  { style: "percent", maximumFractionDigits: 1 },
  { style: "percent", maximumFractionDigits: 0 },
  {},
  { style: "percent" },
  ...["RUB", "CNY", "USD", "EUR"].flatMap((c) => [money(c, 0), money(c, 2)]),
];

/** Doubles of every kind: decimals with few digits (as typed), halves, any bit pattern, extremes. */
const anyDouble = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc
    .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 9 }))
    .map(([n, k]) => n / 10 ** k),
  fc.tuple(fc.integer({ min: -1e6, max: 1e6 }), fc.integer({ min: 1, max: 7 })).map(
    ([n, k]) => (n + 0.5) / 10 ** k // a 5 where rounding decides
  ),
  fc.double({ min: -1e-3, max: 1e-3, noNaN: true }),
  fc.constantFrom(0, -0, 1e21, -1e21, 5e-324, Number.MAX_VALUE, 0.005, 0.995, 9.995, 1.005)
);

describe("plain number formats write exactly what ICU writes", () => {
  test.each(PLAIN_FORMAT_LOCALES)(
    "%s: every format the first screen uses, any number",
    (locale) => {
      for (const options of FORMATS) {
        const plain = plainNumberFormat(locale, options);
        expect(plain).not.toBeNull();
        const intl = new Intl.NumberFormat(locale, options);
        fc.assert(
          fc.property(anyDouble, (value) => {
            expect(plain!(value)).toBe(intl.format(value));
          }),
          { numRuns: 2000 }
        );
      }
    }
  );

  test("the worked example's figures, and signs that round away", () => {
    const rub2 = plainNumberFormat("en-US", money("RUB", 2))!;
    expect(rub2(1_617_000)).toBe("₽1,617,000.00");
    expect(rub2(-0.001)).toBe("-₽0.00"); // ICU keeps the sign of a negative that rounds to 0
    expect(
      plainNumberFormat("zh-CN", { style: "percent", maximumFractionDigits: 1 })!(0.1234)
    ).toBe("12.3%");
    expect(plainNumberFormat("en-US", { maximumFractionDigits: 2 })!(1.005)).toBe("1.01");
  });

  test("NaN and infinities are left to Intl", () => {
    const plain = plainNumberFormat("en-US", { maximumFractionDigits: 2 })!;
    for (const v of [NaN, Infinity, -Infinity]) expect(plain(v)).toBeNull();
  });

  test("anything it does not know is left to Intl: other locales, options and currencies", () => {
    expect(plainNumberFormat("de-DE", { maximumFractionDigits: 2 })).toBeNull();
    expect(plainNumberFormat("en-GB", { maximumFractionDigits: 2 })).toBeNull();
    expect(plainNumberFormat("en-US", { notation: "compact" })).toBeNull();
    expect(plainNumberFormat("en-US", { maximumSignificantDigits: 3 })).toBeNull();
    expect(plainNumberFormat("en-US", { useGrouping: false })).toBeNull();
    expect(plainNumberFormat("en-US", money("JPY", 0))).toBeNull();
    expect(plainNumberFormat("en-US", { style: "currency", currency: "USD" })).toBeNull();
    expect(
      plainNumberFormat("en-US", { ...money("USD", 2), currencyDisplay: "symbol" })
    ).toBeNull();
    expect(plainNumberFormat("en-US", { style: "unit", unit: "day" })).toBeNull();
  });
});
