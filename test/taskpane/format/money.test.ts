import fc from "fast-check";
import { formatAmount, formatMoney } from "../../../src/taskpane/format/format-number";
import { localeCurrency } from "../../../src/taskpane/format/locale-currency";

describe("the currency of the user's own data", () => {
  it("follows the display language's region", () => {
    expect(localeCurrency("en-US")).toBe("USD");
    expect(localeCurrency("en")).toBe("USD");
    expect(localeCurrency("en-GB")).toBe("GBP");
    expect(localeCurrency("de-DE")).toBe("EUR");
    expect(localeCurrency("fr-FR")).toBe("EUR");
    expect(localeCurrency("zh-CN")).toBe("CNY");
    expect(localeCurrency("zh")).toBe("CNY");
    expect(localeCurrency("ru-RU")).toBe("RUB");
    expect(localeCurrency("ja-JP")).toBe("JPY");
  });

  it("is not guessed for an unknown or missing region", () => {
    expect(localeCurrency("en-150")).toBeNull();
    expect(localeCurrency("xx")).toBeNull();
    expect(localeCurrency("not a locale!")).toBeNull();
    expect(localeCurrency(undefined)).toBeNull();
    expect(localeCurrency("")).toBeNull();
  });
});

describe("money's decimals", () => {
  // Digits after the decimal point in an en-US rendering, counted by hand.
  const decimals = (text: string) => {
    const dot = text.indexOf(".");
    return dot < 0 ? 0 : text.length - dot - 1;
  };

  it("are two below 10,000 and none from it up, with or without a currency", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e9, max: 1e9, noNaN: true }),
        fc.constantFrom("USD", "RUB", null),
        (value, currency) => {
          const text = formatAmount(value, currency, "en-US");
          const rounded = Math.round(Math.abs(value) * 100) / 100;
          // Where rounding to cents reaches the threshold the rule is judged on the value itself.
          expect(decimals(text)).toBe(Math.abs(value) >= 10_000 ? 0 : 2);
          if (currency === "USD") expect(text).toContain("$");
          if (currency === null) expect(text).toMatch(/^-?[\d,.]+$/);
          if (Math.abs(value) < 10_000 && rounded > 0)
            expect(Number(text.replace(/[^\d.]/g, ""))).toBeCloseTo(rounded, 2);
        }
      )
    );
  });

  it("reads as a finance user expects", () => {
    expect(formatMoney(1, "USD", "en-US")).toBe("$1.00");
    expect(formatMoney(133.5, "USD", "en-US")).toBe("$133.50");
    expect(formatMoney(9_999.994, "USD", "en-US")).toBe("$9,999.99");
    expect(formatMoney(28_226.67, "RUB", "en-US")).toBe("₽28,227");
    expect(formatAmount(1_234.5, null, "de-DE")).toBe("1.234,50");
  });
});
