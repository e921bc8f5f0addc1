/**
 * The Plan view's typed inputs: a pasted row of new customers (a sheet's row or column, in the
 * user's locale) becomes one number a period, or names the cell that is not one, or says how
 * many are missing; the rest of the choices still read as before.
 */
import fc from "fast-check";
import {
  DEFAULT_PLAN_CHOICES,
  planChoicesFrom,
  planScenario,
  readPastedRow,
  readPlanChoices,
} from "../../../src/taskpane/state/plan-settings";

describe("a pasted row of new customers", () => {
  it("reads a row (tabs) or a column (new lines) as one count a period, the first `horizon` of them", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 40 }),
        fc.constantFrom("\t", "\n", "\r\n", ";", "\t\t"),
        fc.integer({ min: 1, max: 40 }),
        (counts, separator, horizon) => {
          const text = counts.map((c) => c.toLocaleString("en-US")).join(separator);
          const read = readPastedRow(text, "en-US", horizon);
          if (counts.length < horizon) expect(read).toEqual({ tooFew: counts.length });
          else expect(read).toEqual({ row: counts.slice(0, horizon) });
        }
      )
    );
  });

  it("reads numbers as the user's locale writes them", () => {
    expect(readPastedRow("1.234,5\t2.000\t0", "de-DE", 3)).toEqual({ row: [1234.5, 2000, 0] });
    expect(readPastedRow("1,234.5\n2,000\n0\n", "en-US", 3)).toEqual({ row: [1234.5, 2000, 0] });
  });

  it("names the first cell that is not a count, by its place", () => {
    expect(readPastedRow("10\t12\tabc\t-3", "en-US", 4)).toEqual({ bad: "abc", at: 3 });
    expect(readPastedRow("10\t-3", "en-US", 2)).toEqual({ bad: "-3", at: 2 });
  });

  it("is blank when nothing is pasted, and the plan then uses its count and growth", () => {
    expect(readPastedRow("  \n\t", "en-US", 12)).toEqual({ row: null });
    const read = readPlanChoices(DEFAULT_PLAN_CHOICES, "en-US");
    expect("settings" in read && read.settings.pasted).toBeNull();
  });

  it("goes to the worker's settings, and a bad paste marks the field invalid with its reason", () => {
    const good = readPlanChoices(
      { ...DEFAULT_PLAN_CHOICES, pastedText: "5\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16" },
      "en-US"
    );
    expect("settings" in good && good.settings.pasted).toEqual([
      5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
    ]);
    const few = readPlanChoices({ ...DEFAULT_PLAN_CHOICES, pastedText: "5\t6" }, "en-US");
    expect(few).toEqual({ invalid: ["pasted"], pasted: { tooFew: 2 } });
  });
});

describe("a saved plan and the Plan view's fields", () => {
  it("load back as the same settings, in any locale", () => {
    const twoDecimals = (min: number, max: number) =>
      fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((n) => n / 100);
    fc.assert(
      fc.property(
        fc.record({
          horizon: fc.constantFrom(12, 24, 36),
          newPerPeriod: fc.option(twoDecimals(0, 1e6), { nil: null }),
          growth: twoDecimals(-100, 1000).map((p) => p / 100),
          revenuePerCustomer: fc.option(twoDecimals(0, 1e5), { nil: null }),
          margin: twoDecimals(0, 100).map((p) => p / 100),
          cac: twoDecimals(0, 1e4),
          uplift: twoDecimals(0, 100).map((p) => p / 100),
          level: fc.constantFrom(0.8, 0.9, 0.95, null),
          pasted: fc.option(fc.array(twoDecimals(0, 1e5), { minLength: 36, maxLength: 36 }), {
            nil: null,
          }),
        }),
        fc.constantFrom("en-US", "de-DE", "fr-FR", "zh-CN"),
        (s, locale) => {
          const settings = { ...s, pasted: s.pasted && s.pasted.slice(0, s.horizon) };
          const choices = planChoicesFrom(planScenario("A plan", settings), locale);
          const read = readPlanChoices(choices, locale);
          expect("settings" in read).toBe(true);
          if (!("settings" in read)) return;
          const back = read.settings;
          expect(back.horizon).toBe(settings.horizon);
          expect(back.level).toBe(settings.level);
          expect(back.newPerPeriod).toBe(settings.newPerPeriod);
          expect(back.revenuePerCustomer).toBe(settings.revenuePerCustomer);
          expect(back.cac).toBe(settings.cac);
          expect(back.pasted).toEqual(settings.pasted);
          for (const key of ["growth", "margin", "uplift"] as const)
            expect(Math.abs(back[key] - settings[key])).toBeLessThan(1e-12);
        }
      )
    );
  });
});
