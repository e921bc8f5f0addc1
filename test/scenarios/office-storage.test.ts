/*
 * Scenarios in the workbook's settings, over one shared stand-in for Excel's settings
 * (test/support/fake-excel-settings.ts): the storage itself, its onSettingsChanged subscription,
 * and two stores (two co-authors' panes) over the same settings, their changes interleaved.
 */
import fc from "fast-check";
import { cloneScenario, Scenario, WORKED_EXAMPLE } from "../../src/model/economics/scenario";
import { OfficeScenarioStorage, SCENARIO_SETTING_KEY } from "../../src/scenarios/office-storage";
import {
  createScenarioStore,
  deleteScenario,
  renameScenario,
  serializeScenarioDocument,
  upsertScenario,
} from "../../src/scenarios/scenario-store";
import { FakeSettings, installFakeExcelSettings } from "../support/fake-excel-settings";

let settings: FakeSettings;
afterEach(() => settings?.uninstall());

const named = (name: string, customers = 75): Scenario => {
  const s = cloneScenario(WORKED_EXAMPLE);
  s.name = name;
  s.segments.new.customers = customers;
  return s;
};
const names = async (storage: OfficeScenarioStorage) =>
  (await createScenarioStore(storage).load()).scenarios.map((s) => s.name);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("OfficeScenarioStorage", () => {
  it("keeps the document as one string in the workbook's settings", async () => {
    settings = installFakeExcelSettings();
    const storage = new OfficeScenarioStorage();
    expect(await storage.read()).toBeNull();
    await storage.write('{"version":2,"scenarios":[]}');
    expect(settings.values.get(SCENARIO_SETTING_KEY)).toBe('{"version":2,"scenarios":[]}');
    expect(await storage.read()).toBe('{"version":2,"scenarios":[]}');
  });

  it("hands a non-string setting on as JSON for the schema to judge", async () => {
    settings = installFakeExcelSettings({ [SCENARIO_SETTING_KEY]: { version: 2, scenarios: 5 } });
    expect(await new OfficeScenarioStorage().read()).toBe('{"version":2,"scenarios":5}');
  });

  it("subscribes to workbook.settings.onSettingsChanged and unsubscribes through the handler's context", async () => {
    settings = installFakeExcelSettings();
    const calls: string[] = [];
    const unsubscribe = new OfficeScenarioStorage().subscribe(() => calls.push("changed"));
    await settle();
    expect(settings.handlers.size).toBe(1);
    settings.coAuthorWrites(SCENARIO_SETTING_KEY, serializeScenarioDocument([named("Theirs")]));
    expect(calls).toEqual(["changed"]);
    unsubscribe();
    await settle();
    expect(settings.handlers.size).toBe(0);
    settings.coAuthorWrites(SCENARIO_SETTING_KEY, "{}");
    expect(calls).toEqual(["changed"]);
  });

  it("a host that refuses the registration leaves the storage working, without an error", async () => {
    settings = installFakeExcelSettings();
    const excel = (globalThis as { Excel: { run: unknown } }).Excel;
    const run = excel.run as (...a: unknown[]) => Promise<unknown>;
    excel.run = async (...args: unknown[]) =>
      String(args[args.length - 1]).includes("onSettingsChanged")
        ? Promise.reject(new Error("GeneralException"))
        : run(...args);
    const storage = new OfficeScenarioStorage();
    const unsubscribe = storage.subscribe(() => {});
    await settle();
    expect(() => unsubscribe()).not.toThrow();
    await storage.write(serializeScenarioDocument([named("A")]));
    expect(await names(storage)).toEqual(["A"]);
  });
});

describe("two co-authors' stores over one workbook's settings", () => {
  it("keeps both co-authors' scenarios when each saves after the other loaded", async () => {
    settings = installFakeExcelSettings();
    const alice = createScenarioStore(new OfficeScenarioStorage());
    const bob = createScenarioStore(new OfficeScenarioStorage());
    // Both panes open the workbook and load the (empty) list.
    expect((await alice.load()).scenarios).toEqual([]);
    expect((await bob.load()).scenarios).toEqual([]);
    // Alice saves; Bob, whose pane still shows the list loaded at start-up, saves too.
    await alice.update((list) => upsertScenario(list, named("Alice plan")));
    const bobs = await bob.update((list) => upsertScenario(list, named("Bob plan")));
    expect(bobs.map((s) => s.name)).toEqual(["Alice plan", "Bob plan"]);
    // Alice renames hers, Bob deletes his: both changes land on the list as stored.
    await alice.update((list) => renameScenario(list, "Alice plan", "Alice final"));
    await bob.update((list) => deleteScenario(list, "Bob plan"));
    expect(await names(new OfficeScenarioStorage())).toEqual(["Alice final"]);
  });

  it("a rename of a scenario a co-author deleted fails with a message, and writes nothing", async () => {
    settings = installFakeExcelSettings();
    const alice = createScenarioStore(new OfficeScenarioStorage());
    const bob = createScenarioStore(new OfficeScenarioStorage());
    await alice.update((list) => upsertScenario(list, named("Shared")));
    await bob.load();
    await alice.update((list) => deleteScenario(list, "Shared"));
    const before = settings.values.get(SCENARIO_SETTING_KEY);
    await expect(bob.update((list) => renameScenario(list, "Shared", "Mine"))).rejects.toThrow(
      'There is no scenario named "Shared".'
    );
    expect(settings.values.get(SCENARIO_SETTING_KEY)).toBe(before);
  });

  it("any interleaving of saves, renames and deletes from two stores equals applying them in order to one list", async () => {
    type Op =
      | { who: 0 | 1; kind: "save"; name: string; customers: number }
      | { who: 0 | 1; kind: "rename"; from: string; to: string }
      | { who: 0 | 1; kind: "delete"; name: string };
    const name = fc.constantFrom("A", "B", "C", "D", "a");
    const who = fc.constantFrom<0 | 1>(0, 1);
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        who,
        kind: fc.constant("save" as const),
        name,
        customers: fc.integer({ min: 1, max: 500 }),
      }),
      fc.record({ who, kind: fc.constant("rename" as const), from: name, to: name }),
      fc.record({ who, kind: fc.constant("delete" as const), name })
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        settings?.uninstall();
        settings = installFakeExcelSettings();
        const stores = [0, 1].map(() => createScenarioStore(new OfficeScenarioStorage()));
        await Promise.all(stores.map((s) => s.load()));
        // The expected list: every change applied in order to one plain array (a separate,
        // loop-based model of the same rules: case-insensitive names, rename refuses clashes).
        let expected: { name: string; customers: number }[] = [];
        const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
        for (const o of ops) {
          const change = (list: Scenario[]) =>
            o.kind === "save"
              ? upsertScenario(list, named(o.name, o.customers))
              : o.kind === "rename"
                ? renameScenario(list, o.from, o.to)
                : deleteScenario(list, o.name);
          const ok = await stores[o.who].update(change).then(
            () => true,
            () => false
          );
          let model = expected;
          let valid = true;
          if (o.kind === "save") {
            let found = false;
            model = expected.map((s) => {
              if (!same(s.name, o.name)) return s;
              found = true;
              return { name: o.name, customers: o.customers };
            });
            if (!found) model = [...expected, { name: o.name, customers: o.customers }];
          } else if (o.kind === "rename") {
            const at = expected.findIndex((s) => same(s.name, o.from));
            const clash = expected.some((s, i) => i !== at && same(s.name, o.to));
            valid = at >= 0 && !clash;
            if (valid) model = expected.map((s, i) => (i === at ? { ...s, name: o.to } : s));
          } else {
            model = expected.filter((s) => !same(s.name, o.name));
          }
          expect(ok).toBe(valid);
          if (valid) expected = model;
        }
        const stored = (await createScenarioStore(new OfficeScenarioStorage()).load()).scenarios;
        expect(stored.map((s) => ({ name: s.name, customers: s.segments.new.customers }))).toEqual(
          expected
        );
      }),
      { numRuns: 60 }
    );
  });
});
