import fc from "fast-check";
import dataEn from "../../../src/taskpane/i18n/data.en.json";
import dataZh from "../../../src/taskpane/i18n/data.zh-CN.json";
import {
  addStrings,
  loadLanguage,
  pluralCategory,
  translate,
} from "../../../src/taskpane/i18n/strings";

beforeAll(async () => {
  await loadLanguage("zh-CN");
  addStrings("en", dataEn);
  addStrings("zh-CN", dataZh);
});

// English has two forms for whole numbers: exactly 1 is singular, everything else plural.
const englishNoun = (n: number, one: string, other: string) => (n === 1 ? one : other);

describe("plural-aware messages", () => {
  it("pick the singular for exactly one, in English", () => {
    expect(translate("en", "data.units.month", { count: 1 })).toBe("month");
    expect(translate("en", "data.units.month", { count: 2 })).toBe("months");
    expect(translate("en", "data.units.month", { count: 0 })).toBe("months");
    expect(translate("en", "data.count.customers", { count: 1, n: "1" })).toBe("1 customer");
    expect(translate("en", "data.count.orders", { count: 1, n: "1" })).toBe("1 order");
  });

  it("agree with a plain rule for every whole count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        expect(pluralCategory("en", n)).toBe(n === 1 ? "one" : "other");
        for (const unit of ["day", "week", "month", "quarter", "year"])
          expect(translate("en", `data.units.${unit}` as never, { count: n })).toBe(
            englishNoun(n, unit, `${unit}s`)
          );
        expect(translate("en", "data.count.customers", { count: n, n: String(n) })).toBe(
          `${n} ${englishNoun(n, "customer", "customers")}`
        );
      })
    );
  });

  it("use Chinese's single form for every count", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), (n) => {
        expect(pluralCategory("zh-CN", n)).toBe("other");
        expect(translate("zh-CN", "data.count.customers", { count: n, n: String(n) })).toBe(
          `${n} 位客户`
        );
      })
    );
  });

  it("leave a message alone when count is not a number", () => {
    expect(translate("en", "data.units.month")).toBe("months");
    expect(translate("en", "data.units.month", { count: "1" })).toBe("months");
  });
});
