import {
  formatForInput,
  formatMoney,
  formatQuantity,
} from "../../../src/taskpane/format/format-number";
import { parseLocaleNumber } from "../../../src/taskpane/format/parse-number";

describe("parseLocaleNumber", () => {
  it.each([
    ["1 617 000", "ru-RU", 1_617_000],
    ["1\u00a0617\u00a0000", "ru-RU", 1_617_000],
    ["1\u202f617\u202f000", "fr-FR", 1_617_000],
    ["1,617,000", "en-US", 1_617_000],
    ["1,617,000", "zh-CN", 1_617_000],
    ["1.617.000,50", "de-DE", 1_617_000.5],
    ["1.617.000,50", "ru-RU", 1_617_000.5],
    ["1 617 000,50", "ru-RU", 1_617_000.5],
    ["1,617,000.50", "en-US", 1_617_000.5],
    ["1'617'000.50", "de-CH", 1_617_000.5],
    ["28226.67", "en-US", 28_226.67],
    ["0,5", "ru-RU", 0.5],
    ["1,5", "de-DE", 1.5],
    ["1.617", "de-DE", 1617],
    ["1.617", "en-US", 1.617],
    ["1,617", "en-US", 1617],
    ["1.5", "ru-RU", 1.5], // "." is not a Russian group mark: only a decimal reading makes sense
    ["-5", "en-US", -5],
    ["\u22125", "en-US", -5],
    ["80%", "en-US", 80],
    ["₽30,000", "en-US", 30_000],
    ["１２３，４５６", "zh-CN", 123_456], // full-width input from a Chinese IME
    [".5", "en-US", 0.5],
  ])("reads %j in %s as %d", (text, locale, expected) => {
    expect(parseLocaleNumber(text, locale)).toBeCloseTo(expected, 9);
  });

  it.each([
    ["", "en-US"],
    ["abc", "en-US"],
    ["12abc", "en-US"],
    ["1,5", "en-US"], // en reads "," as grouping; 1,5 is ambiguous, so it is refused rather than guessed
    ["1,61,7000", "en-US"],
    ["1.2.3,4.5", "de-DE"],
    ["--5", "en-US"],
    ["1e5", "en-US"],
  ])("refuses %j in %s", (text, locale) => {
    expect(parseLocaleNumber(text, locale)).toBeNaN();
  });
});

describe("formatting", () => {
  it("shows money in the chosen currency and the display locale", () => {
    expect(formatMoney(2_250_000, "RUB", "en-US")).toBe("₽2,250,000");
    expect(formatMoney(28_226.666, "RUB", "ru-RU")).toBe("28\u00a0227\u00a0₽");
    expect(formatMoney(9_226.666, "RUB", "ru-RU")).toBe("9\u00a0226,67\u00a0₽");
    expect(formatMoney(1_000, "CNY", "zh-CN")).toBe("¥1,000.00");
    expect(formatMoney(1_000, "USD", "en-US")).toBe("$1,000.00");
    expect(formatMoney(1_000, "EUR", "de-DE")).toBe("1.000,00\u00a0€");
  });

  it("shows a dash for a value that cannot be computed", () => {
    expect(formatQuantity(null, "money", "RUB", "en-US")).toBe("–");
    expect(formatQuantity(NaN, "fraction", "RUB", "en-US")).toBe("–");
  });

  it("round-trips a value through the input format", () => {
    for (const locale of ["en-US", "ru-RU", "de-DE", "zh-CN", "fr-FR"]) {
      expect(parseLocaleNumber(formatForInput(1_617_000.5, locale), locale)).toBe(1_617_000.5);
      expect(parseLocaleNumber(formatForInput(28_226.666667, locale), locale)).toBe(28_226.666667);
    }
  });
});
