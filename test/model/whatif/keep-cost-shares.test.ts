/**
 * Figures from the data keep each segment's costs in proportion to its revenue: spend ÷ revenue
 * and overheads ÷ revenue stay as they were (to the cent), so the example's profitability stays;
 * a segment whose revenue does not change keeps its costs; the currency and link carry over.
 * Revenue is recomputed here as customers × bill (linked: start × rate for the returning).
 */
import fc from "fast-check";
import { cloneScenario, WORKED_EXAMPLE } from "../../../src/model/economics/scenario";
import { withDataFigures } from "../../../src/model/whatif/keep-cost-shares";

const revenueOf = (s: typeof WORKED_EXAMPLE, segment: "new" | "returning") =>
  (segment === "returning" && s.retention.linked
    ? s.retention.rate * s.retention.startCustomers
    : s.segments[segment].customers) * s.segments[segment].averageBill;

describe("withDataFigures", () => {
  it("scales each segment's costs with its revenue (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 1, max: 10_000, noNaN: true }),
        fc.double({ min: 1, max: 10_000, noNaN: true }),
        fc.boolean(),
        (newCustomers, returningCustomers, newBill, returningBill, link) => {
          const before = cloneScenario(WORKED_EXAMPLE);
          const after = withDataFigures(before, {
            values: [
              { key: "segments.new.customers", value: newCustomers },
              { key: "segments.returning.customers", value: returningCustomers },
              { key: "segments.new.averageBill", value: newBill },
              { key: "segments.returning.averageBill", value: returningBill },
            ],
            link,
            currency: "USD",
          });
          expect(after.currency).toBe("USD");
          expect(after.retention.linked).toBe(link);
          expect(after.segments.new.customers).toBe(newCustomers);
          expect(after.segments.returning.averageBill).toBe(returningBill);
          for (const segment of ["new", "returning"] as const) {
            const factor = revenueOf(after, segment) / revenueOf(before, segment);
            for (const cost of ["marketingSpend", "overheads"] as const) {
              const want = before.segments[segment][cost] * factor;
              expect(Math.abs(after.segments[segment][cost] - want)).toBeLessThanOrEqual(
                0.005 + 1e-9 * want
              );
            }
          }
          // The before scenario is untouched.
          expect(before).toEqual(WORKED_EXAMPLE);
        }
      ),
      { numRuns: 200 }
    );
  });

  it("keeps the costs of a segment whose revenue does not change, or is 0", () => {
    const before = cloneScenario(WORKED_EXAMPLE);
    const rateOnly = withDataFigures(before, { values: [{ key: "retention.rate", value: 0.5 }] });
    expect(rateOnly.segments).toEqual(before.segments);
    const zero = withDataFigures(before, {
      values: [{ key: "segments.new.averageBill", value: 0 }],
    });
    expect(zero.segments.new.marketingSpend).toBe(before.segments.new.marketingSpend);
    expect(zero.currency).toBe("RUB");
  });
});
