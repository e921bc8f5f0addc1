// format-number.ts writes the first screen's numbers without ICU, then checks them against it.
type FormatModule = typeof import("../../../src/taskpane/format/format-number");

const RealNumberFormat = Intl.NumberFormat;
let built: string[] = [];

/** A fresh copy of format-number.ts (its state is per page), with Intl.NumberFormat counted. */
function freshFormats(
  textOf?: (locale: string, value: number, text: string) => string
): FormatModule {
  built = [];
  const Counted = function (this: unknown, locale: string, options: Intl.NumberFormatOptions) {
    built.push(locale);
    const real = new RealNumberFormat(locale, options);
    return {
      format: (value: number) =>
        textOf ? textOf(locale, value, real.format(value)) : real.format(value),
      formatToParts: (value: number) => real.formatToParts(value),
      resolvedOptions: () => real.resolvedOptions(),
    };
  } as unknown as typeof Intl.NumberFormat;
  Intl.NumberFormat = Counted;
  let loaded!: FormatModule;
  jest.isolateModules(() => {
    loaded = require("../../../src/taskpane/format/format-number");
  });
  return loaded;
}

afterEach(() => {
  Intl.NumberFormat = RealNumberFormat;
});

function firstScreen(f: FormatModule, locale: string): string[] {
  return [
    f.formatQuantity(1_617_000, "money", "RUB", locale),
    f.formatQuantity(2_345.5, "money", "RUB", locale),
    f.formatQuantity(0.2345, "fraction", "RUB", locale),
    f.formatQuantity(1.2345, "ratio", "RUB", locale),
    f.formatQuantity(12_000, "count", "RUB", locale),
    f.formatForInput(28_226.666666667, locale),
  ];
}

describe("the first screen's numbers", () => {
  test.each(["en-US", "zh-CN"])(
    "in %s are written without building an Intl.NumberFormat",
    (locale) => {
      const f = freshFormats();
      const texts = firstScreen(f, locale);
      expect(built).toEqual([]);
      // The same texts as ICU's (Node's ICU here; Chromium's in first-screen-formats.e2e.ts).
      expect(texts).toEqual([
        new RealNumberFormat(locale, {
          style: "currency",
          currency: "RUB",
          currencyDisplay: "narrowSymbol",
          minimumFractionDigits: 0,
          maximumFractionDigits: 0,
        }).format(1_617_000),
        new RealNumberFormat(locale, {
          style: "currency",
          currency: "RUB",
          currencyDisplay: "narrowSymbol",
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        }).format(2_345.5),
        new RealNumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(0.2345),
        `${new RealNumberFormat(locale, { maximumFractionDigits: 2 }).format(1.2345)}×`,
        new RealNumberFormat(locale, { maximumFractionDigits: 2 }).format(12_000),
        new RealNumberFormat(locale, { maximumFractionDigits: 6 }).format(28_226.666666667),
      ]);
    }
  );

  test("settling loads ICU, finds it agrees, and every number after goes through Intl", () => {
    const f = freshFormats();
    const before = firstScreen(f, "en-US");
    expect(f.settleNumberFormats()).toBe(true);
    expect(built.length).toBeGreaterThan(0);
    built = [];
    expect(firstScreen(f, "en-US")).toEqual(before);
    expect(built).toEqual([]); // the formatters settling built are the ones used: none new
    expect(f.formatQuantity(3, "count", "RUB", "en-US")).toBe("3");
  });

  test("settling reports a text ICU writes differently, so the pane renders again", () => {
    // An engine whose ICU writes 0.2345 as a percentage its own way.
    const f = freshFormats((_, value, text) => (value === 0.2345 ? "23,5 %" : text));
    firstScreen(f, "en-US");
    expect(f.settleNumberFormats()).toBe(false);
    expect(f.formatQuantity(0.2345, "fraction", "RUB", "en-US")).toBe("23,5 %");
  });

  test("other locales use Intl from the first number", () => {
    const f = freshFormats();
    expect(f.formatQuantity(1234.5, "money", "EUR", "de-DE")).toBe(
      new RealNumberFormat("de-DE", {
        style: "currency",
        currency: "EUR",
        currencyDisplay: "narrowSymbol",
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(1234.5)
    );
    expect(built).toEqual(["de-DE"]);
  });

  test("compact formats (chart axes) use Intl", () => {
    const f = freshFormats();
    f.formatQuantity(133_000, "money", "RUB", "en-US", true);
    expect(built).toEqual(["en-US"]);
  });
});
