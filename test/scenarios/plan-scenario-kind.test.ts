/**
 * The Plan view's saved plans through the same store as the what-if scenarios: any valid list
 * round-trips exactly; an entry that is wrong is skipped with a message naming its field; a
 * newer document is refused, not misread; and the two kinds live in documents of their own, so
 * saving a plan never touches the what-if scenarios.
 */
import fc from "fast-check";
import { WORKED_EXAMPLE } from "../../src/model/economics/scenario";
import {
  BROWSER_PLAN_STORAGE_KEY,
  BrowserScenarioStorage,
  MemoryKeyValueStorage,
} from "../../src/scenarios/memory-storage";
import {
  PLAN_SCENARIO_HORIZONS,
  PLAN_SCENARIO_KIND,
  PLAN_SCENARIO_LEVELS,
  PlanScenario,
} from "../../src/scenarios/plan-scenario-kind";
import {
  createScenarioStore,
  parseScenarioDocument,
  serializeScenarioDocument,
  upsertScenario,
} from "../../src/scenarios/scenario-store";

const count = fc.double({ min: 0, max: 1e7, noNaN: true });
const fraction = fc.double({ min: 0, max: 1, noNaN: true });

const planArbitrary: fc.Arbitrary<PlanScenario> = fc
  .record({
    name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,20}[A-Za-z0-9]$/),
    horizon: fc.constantFrom(...PLAN_SCENARIO_HORIZONS),
    newPerPeriod: fc.option(count, { nil: null }),
    growth: fc.double({ min: -1, max: 10, noNaN: true }).map((g) => g + 0), // JSON has no −0
    pasted: fc.option(fc.array(count, { minLength: 36, maxLength: 36 }), { nil: null }),
    revenuePerCustomer: fc.option(count, { nil: null }),
    margin: fraction,
    cac: count,
    uplift: fraction,
    level: fc.option(fc.constantFrom(...PLAN_SCENARIO_LEVELS), { nil: null }),
  })
  .map((p) => ({ ...p, pasted: p.pasted && p.pasted.slice(0, p.horizon) }));

const plan = (name: string, overrides: Partial<PlanScenario> = {}): PlanScenario => ({
  name,
  horizon: 12,
  newPerPeriod: 120,
  growth: 0.02,
  pasted: null,
  revenuePerCustomer: null,
  margin: 0.4,
  cac: 80,
  uplift: 0.05,
  level: 0.8,
  ...overrides,
});

describe("saved plans", () => {
  it("round-trip any list of valid plans exactly", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(planArbitrary, { maxLength: 6, selector: (p) => p.name.toLowerCase() }),
        (list) => {
          const text = serializeScenarioDocument(list, undefined, PLAN_SCENARIO_KIND);
          expect(parseScenarioDocument(text, PLAN_SCENARIO_KIND)).toEqual({ scenarios: list });
        }
      )
    );
  });

  it("skip a wrong entry with a message naming its field, and keep the others", () => {
    const good = plan("Base");
    const document = {
      version: 1,
      scenarios: [
        good,
        { ...plan("Too high"), margin: 1.3 },
        { ...plan("Short"), pasted: [1, 2, 3] },
        { ...plan("Odd"), horizon: 18 },
      ],
    };
    const loaded = parseScenarioDocument(JSON.stringify(document), PLAN_SCENARIO_KIND);
    expect(loaded.scenarios).toEqual([good]);
    expect(loaded.problem).toBe(
      "3 saved scenario(s) could not be read and were skipped: scenarios.1.margin: must be from 0% to 100% (and 2 more)."
    );
    expect(
      parseScenarioDocument(
        JSON.stringify({ version: 1, scenarios: [{ ...plan("Short"), pasted: [1, 2, 3] }] }),
        PLAN_SCENARIO_KIND
      ).problem
    ).toContain("scenarios.0.pasted: must hold one number for each of the 12 periods");
  });

  it("refuse a document of a newer version instead of misreading it", () => {
    const loaded = parseScenarioDocument(
      JSON.stringify({ version: 2, scenarios: [plan("Base")] }),
      PLAN_SCENARIO_KIND
    );
    expect(loaded.scenarios).toEqual([]);
    expect(loaded.problem).toContain("written by a newer version of the add-in (format 2)");
  });

  it("live in a document of their own: saving a plan leaves the what-if scenarios as they were", async () => {
    const memory = new MemoryKeyValueStorage();
    const scenarios = createScenarioStore(new BrowserScenarioStorage(memory));
    const plans = createScenarioStore(
      new BrowserScenarioStorage(memory, BROWSER_PLAN_STORAGE_KEY),
      PLAN_SCENARIO_KIND
    );
    await scenarios.update((list) => upsertScenario(list, WORKED_EXAMPLE));
    const before = await scenarios.load();
    await plans.update((list) => upsertScenario(list, plan("Base"), PLAN_SCENARIO_KIND));
    await plans.update((list) =>
      upsertScenario(list, plan("Better retention", { uplift: 0.1 }), PLAN_SCENARIO_KIND)
    );
    expect(await scenarios.load()).toEqual(before);
    expect((await plans.load()).scenarios.map((p) => [p.name, p.uplift])).toEqual([
      ["Base", 0.05],
      ["Better retention", 0.1],
    ]);
    // Each document names its own version and holds only its own kind.
    expect(JSON.parse(memory.getItem(BROWSER_PLAN_STORAGE_KEY)!).version).toBe(1);
  });
});
