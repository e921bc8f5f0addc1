/**
 * The "Customers who may have left" choices read into the model's options: the continuous
 * models' time unit, holdout in days and horizon, and BG/BB's opportunity, holdout and horizon in
 * whole opportunities; each typed number checked against its range by a plain rule written here.
 */
import fc from "fast-check";
import {
  defaultLifetimeChoices,
  lifetimeOptions,
  MAX_OPPORTUNITY_HORIZON,
  OPPORTUNITY_CHOICES,
  OPPORTUNITY_HOLDOUT_CHOICES,
  readOpportunityHorizon,
  withOpportunity,
} from "../../../src/taskpane/state/customer-lifetime-settings";

describe("the customer-lifetime choices", () => {
  it("ask the continuous models for weeks by default, with the model named when given", () => {
    const choices = defaultLifetimeChoices("en-US");
    const plain = { timeUnitDays: 7, holdoutDays: 0, horizon: 52, annualDiscountRate: 0.1 };
    expect(lifetimeOptions(choices, "en-US")).toEqual(plain);
    expect(lifetimeOptions(choices, "en-US", "PARETO_NBD")).toEqual({
      ...plain,
      model: "PARETO_NBD",
    });
  });

  it("ask BG/BB for years by default: five ahead, no holdout, the year's length for the discount", () => {
    expect(lifetimeOptions(defaultLifetimeChoices("en-US"), "en-US", "BGBB")).toEqual({
      timeUnitDays: 365.25,
      holdoutDays: 0,
      horizon: 5,
      annualDiscountRate: 0.1,
      model: "BGBB",
      opportunity: "year",
      holdoutOpportunities: 0,
    });
  });

  it("read BG/BB's horizon as a whole number of opportunities from 1 to the opportunity's maximum", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...OPPORTUNITY_CHOICES),
        fc.oneof(fc.integer({ min: -5, max: 300 }), fc.double({ min: -5, max: 300, noNaN: true })),
        fc.constantFrom("en-US", "de-DE", "zh-CN"),
        (opportunity, n, locale) => {
          const choices = {
            ...defaultLifetimeChoices(locale),
            opportunity,
            opportunityHorizonText: n.toLocaleString(locale, {
              maximumFractionDigits: 6,
              useGrouping: false,
            }),
          };
          const typed = Number(n.toFixed(6));
          const valid =
            Number.isInteger(typed) && typed >= 1 && typed <= MAX_OPPORTUNITY_HORIZON[opportunity];
          expect(readOpportunityHorizon(choices, locale)).toBe(valid ? typed : null);
          const options = lifetimeOptions(choices, locale, "BGBB");
          if (!valid) expect(options).toBeNull();
          else expect(options).toMatchObject({ horizon: typed, opportunity, model: "BGBB" });
          // The continuous models do not read BG/BB's horizon.
          expect(lifetimeOptions(choices, locale, "MBGNBD")).not.toBeNull();
        }
      ),
      { numRuns: 300 }
    );
  });

  it("follow a new opportunity: its default horizon while untouched, the holdout back to none", () => {
    for (const from of OPPORTUNITY_CHOICES)
      for (const to of OPPORTUNITY_CHOICES) {
        const base = withOpportunity(defaultLifetimeChoices("en-US"), from, "en-US");
        const held = { ...base, opportunityHoldout: OPPORTUNITY_HOLDOUT_CHOICES[from][0] };
        const moved = withOpportunity(held, to, "en-US");
        expect(moved.opportunityHoldout).toBe(0);
        expect(moved.opportunityHorizonText).toBe(String({ year: 5, quarter: 8, month: 12 }[to]));
        const typed = withOpportunity({ ...held, opportunityHorizonText: "3" }, to, "en-US");
        expect(typed.opportunityHorizonText).toBe("3");
      }
  });
});
