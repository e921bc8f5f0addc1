/** Random valid scenarios for property tests (fast-check), and a seeded sample for slow tests. */
import fc from "fast-check";
import { Scenario, scenarioProblems } from "../../src/model/economics/scenario";

const segment = fc.record({
  marketingSpend: fc.integer({ min: 0, max: 5_000_000 }),
  overheads: fc.integer({ min: 0, max: 2_000_000 }),
  customers: fc.integer({ min: 1, max: 5_000 }),
  averageBill: fc.integer({ min: 100, max: 10_000_000 }).map((cents) => cents / 100),
});

export const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({
    name: fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.trim() || "Scenario"),
    currency: fc.constantFrom("RUB", "USD", "EUR", "CNY", "XYZ"),
    segments: fc.record({ new: segment, returning: segment }),
    retention: fc.record({
      rate: fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
      startCustomers: fc.integer({ min: 1, max: 10_000 }),
      linked: fc.boolean(),
    }),
    ltv: fc.record({
      discountRate: fc.integer({ min: 0, max: 30 }).map((p) => p / 100),
      periods: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
      timing: fc.constantFrom(0 as const, 1 as const),
    }),
  })
  .filter((s) => Object.keys(scenarioProblems(s)).length === 0);

/** A fixed sample of `count` scenarios (same every run). */
export function sampleScenarios(count: number, seed = 20250115): Scenario[] {
  return fc.sample(scenarioArbitrary, { numRuns: count, seed });
}
