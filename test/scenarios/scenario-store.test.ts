import fc from "fast-check";
import { cloneScenario, Scenario, WORKED_EXAMPLE } from "../../src/model/economics/scenario";
import { BrowserScenarioStorage, MemoryKeyValueStorage } from "../../src/scenarios/memory-storage";
import {
  createScenarioStore,
  deleteScenario,
  parseScenarioDocument,
  renameScenario,
  ScenarioStorage,
  serializeScenarioDocument,
  UnreadableScenariosError,
  upsertScenario,
} from "../../src/scenarios/scenario-store";
import { scenarioArbitrary } from "../support/scenario-arbitrary";

const named = (name: string, customers = 75): Scenario => {
  const s = cloneScenario(WORKED_EXAMPLE);
  s.name = name;
  s.segments.new.customers = customers;
  return s;
};

/** Storage that counts writes. */
class CountingStorage implements ScenarioStorage {
  writes = 0;
  constructor(public text: string | null = null) {}
  async read() {
    return this.text;
  }
  async write(text: string) {
    this.writes++;
    this.text = text;
  }
}

describe("scenario document", () => {
  it("round-trips any list of valid scenarios", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(scenarioArbitrary, { maxLength: 8, selector: (s) => s.name.toLowerCase() }),
        (list) => {
          expect(parseScenarioDocument(serializeScenarioDocument(list))).toEqual({
            scenarios: list,
          });
        }
      )
    );
  });

  it("migrates version 1 (flat fields) to the current shape", () => {
    const v1 = {
      version: 1,
      scenarios: [
        {
          name: "Old one",
          newMarketingSpend: 1617000,
          newOverheads: 500000,
          newCustomers: 75,
          newAverageBill: 30000,
          returningMarketingSpend: 1328000,
          returningOverheads: 500000,
          returningCustomers: 80,
          returningAverageBill: 30000,
          retentionRate: 0.7,
        },
      ],
    };
    const { scenarios, problem } = parseScenarioDocument(JSON.stringify(v1));
    expect(problem).toBeUndefined();
    expect(scenarios).toEqual([
      { ...WORKED_EXAMPLE, name: "Old one", retention: { ...WORKED_EXAMPLE.retention, rate: 0.7 } },
    ]);
    expect(JSON.parse(serializeScenarioDocument(scenarios)).version).toBe(2);
  });

  it("keeps the readable scenarios and reports the others once", () => {
    const good = JSON.parse(serializeScenarioDocument([named("A"), named("B")]));
    good.scenarios.splice(
      1,
      0,
      { name: "<script>alert(1)</script>", currency: "RUB", segments: "nope" },
      { ...good.scenarios[0] }
    );
    const { scenarios, problem } = parseScenarioDocument(good);
    expect(scenarios.map((s) => s.name)).toEqual(["A", "B"]);
    expect(problem).toMatch(
      /^2 saved scenario\(s\) could not be read and were skipped: scenarios\.1\.segments: must be an object \(and 1 more\)\.$/
    );
  });

  it.each([
    ["not JSON", "{oops", /not valid JSON/],
    ["a newer version", JSON.stringify({ version: 3, scenarios: [] }), /newer version/],
    ["no version", JSON.stringify({ scenarios: [] }), /version/],
    [
      "too many scenarios",
      JSON.stringify({ version: 2, scenarios: Array.from({ length: 10_000 }, () => ({})) }),
      /more than 200/,
    ],
    [
      "a huge string",
      JSON.stringify({ version: 2, scenarios: [{ name: "x".repeat(2_000_000) }] }),
      /too large/,
    ],
    ["an array", JSON.stringify([1, 2, 3]), /could not be read/],
  ])("ignores %s with one problem", (_what, raw, pattern) => {
    const result = parseScenarioDocument(raw);
    expect(result.scenarios).toEqual([]);
    expect(result.problem).toMatch(pattern);
    expect(result.problem).not.toContain("\n");
  });

  it("never throws and reports at most one problem for arbitrary data", () => {
    const hostileName = fc.constantFrom(
      "<script>alert(1)</script>",
      "=cmd|' /C calc'!A0",
      "+1+1",
      "x".repeat(5000),
      "\u0000",
      "__proto__",
      "constructor"
    );
    const entry = fc.oneof(
      fc.anything(),
      fc.record({
        name: fc.oneof(hostileName, fc.anything()),
        currency: fc.anything(),
        segments: fc.anything(),
      }),
      scenarioArbitrary.map((s) => ({ ...s, name: s.name })),
      fc.tuple(scenarioArbitrary, hostileName).map(([s, name]) => ({ ...s, name }))
    );
    const document = fc.oneof(
      fc.anything(),
      fc.json(),
      fc.record({
        version: fc.oneof(fc.constantFrom(1, 2, 3), fc.anything()),
        scenarios: fc.oneof(fc.array(entry, { maxLength: 30 }), fc.anything()),
      })
    );
    fc.assert(
      fc.property(document, fc.boolean(), (doc, asText) => {
        let raw: unknown = doc;
        if (asText) {
          try {
            raw = JSON.stringify(doc);
          } catch {
            raw = "{";
          }
        }
        const result = parseScenarioDocument(raw);
        expect(Array.isArray(result.scenarios)).toBe(true);
        expect(result.problem === undefined || typeof result.problem === "string").toBe(true);
        for (const s of result.scenarios) {
          expect(s.name.length).toBeLessThanOrEqual(100);
          // eslint-disable-next-line no-control-regex -- control characters are what it looks for
          expect(s.name).not.toMatch(/[\u0000-\u001f]/);
        }
      }),
      { numRuns: 500 }
    );
  });

  it("reads a hostile name as a plain string and keeps it verbatim", () => {
    const { scenarios } = parseScenarioDocument(
      serializeScenarioDocument([named('=HYPERLINK("x")'), named("<script>alert(1)</script>")])
    );
    expect(scenarios.map((s) => s.name)).toEqual(['=HYPERLINK("x")', "<script>alert(1)</script>"]);
  });
});

describe("list operations", () => {
  it("saves, replaces by name (case-insensitively), renames and deletes without mutating", () => {
    const empty: Scenario[] = [];
    const one = upsertScenario(empty, named("Base"));
    const two = upsertScenario(one, named("Plan B", 90));
    const replaced = upsertScenario(two, named("plan b", 95));
    expect(empty).toEqual([]);
    expect(replaced.map((s) => [s.name, s.segments.new.customers])).toEqual([
      ["Base", 75],
      ["plan b", 95],
    ]);
    const renamed = renameScenario(replaced, "PLAN B", "Stretch");
    expect(renamed.map((s) => s.name)).toEqual(["Base", "Stretch"]);
    expect(() => renameScenario(renamed, "Stretch", "base")).toThrow(/already exists/);
    expect(() => renameScenario(renamed, "Nope", "X")).toThrow(/no scenario named/);
    expect(() => upsertScenario(renamed, named("  "))).toThrow(/needs a name/);
    expect(deleteScenario(renamed, "stretch").map((s) => s.name)).toEqual(["Base"]);
  });
});

describe("createScenarioStore", () => {
  it("saves and loads through the storage", async () => {
    const storage = new BrowserScenarioStorage(new MemoryKeyValueStorage());
    const store = createScenarioStore(storage);
    expect(await store.load()).toEqual({ scenarios: [] });
    await store.update(() => [named("A"), named("B", 90)]);
    const again = await createScenarioStore(storage).load();
    expect(again.scenarios.map((s) => [s.name, s.segments.new.customers])).toEqual([
      ["A", 75],
      ["B", 90],
    ]);
  });

  it("never overwrites unreadable stored data without permission", async () => {
    for (const corrupt of [
      "{not json",
      JSON.stringify({ version: 9, scenarios: [] }),
      JSON.stringify({ version: 2, scenarios: [{ name: 1 }] }),
    ]) {
      const storage = new CountingStorage(corrupt);
      const store = createScenarioStore(storage);
      const loaded = await store.load();
      expect(loaded.problem).toBeDefined();
      const addA = (list: Scenario[]) => upsertScenario(list, named("A"));
      await expect(store.update(addA)).rejects.toBeInstanceOf(UnreadableScenariosError);
      expect(storage.writes).toBe(0);
      expect(storage.text).toBe(corrupt);
      await store.update(addA, { overwriteCorrupt: true });
      expect(storage.writes).toBe(1);
      expect((await store.load()).scenarios.map((s) => s.name)).toEqual(["A"]);
    }
  });

  it("reports a failing read once instead of throwing, and refuses to save over it", async () => {
    const failing: ScenarioStorage = {
      read: async () => {
        throw new Error("settings unavailable");
      },
      write: jest.fn(async () => undefined),
    };
    const store = createScenarioStore(failing);
    expect(await store.load()).toEqual({
      scenarios: [],
      problem: "The saved scenarios could not be read: settings unavailable",
    });
    await expect(store.update(() => [named("A")])).rejects.toThrow(UnreadableScenariosError);
    expect(failing.write).not.toHaveBeenCalled();
  });

  it("applies each change to the list as stored when it runs, not as loaded", async () => {
    const storage = new CountingStorage(serializeScenarioDocument([named("Mine")]));
    const store = createScenarioStore(storage);
    await store.load();
    // A co-author writes after this store loaded.
    storage.text = serializeScenarioDocument([named("Mine"), named("Theirs")]);
    const next = await store.update((list) => upsertScenario(list, named("New")));
    expect(next.map((s) => s.name)).toEqual(["Mine", "Theirs", "New"]);
    expect(parseScenarioDocument(storage.text).scenarios.map((s) => s.name)).toEqual([
      "Mine",
      "Theirs",
      "New",
    ]);
  });

  it("with permission to overwrite unreadable data, keeps the scenarios that could be read", async () => {
    const good = JSON.parse(serializeScenarioDocument([named("Kept")]));
    good.scenarios.push({ name: 1 });
    const storage = new CountingStorage(JSON.stringify(good));
    const store = createScenarioStore(storage);
    const addNew = (list: Scenario[]) => upsertScenario(list, named("New"));
    await expect(store.update(addNew)).rejects.toBeInstanceOf(UnreadableScenariosError);
    await store.update(addNew, { overwriteCorrupt: true });
    expect(parseScenarioDocument(storage.text)).toEqual({
      scenarios: [named("Kept"), named("New")],
    });
  });

  it("runs one store's loads and updates one after another, never interleaved", async () => {
    const log: string[] = [];
    let text: string | null = null;
    const slow: ScenarioStorage = {
      read: async () => {
        log.push("read");
        await new Promise((r) => setTimeout(r, 5));
        return text;
      },
      write: async (t) => {
        log.push("write");
        await new Promise((r) => setTimeout(r, 5));
        text = t;
      },
    };
    const store = createScenarioStore(slow);
    await Promise.all([
      store.update((list) => upsertScenario(list, named("A"))),
      store.update((list) => upsertScenario(list, named("B"))),
      store.load(),
    ]);
    expect(log).toEqual(["read", "write", "read", "write", "read"]);
    expect(parseScenarioDocument(text).scenarios.map((s) => s.name)).toEqual(["A", "B"]);
  });

  it("refuses to save a list that breaks the limits, before touching storage", async () => {
    const storage = new CountingStorage();
    const tooMany = Array.from({ length: 201 }, (_, i) => named(`S${i}`));
    await expect(createScenarioStore(storage).update(() => tooMany)).rejects.toThrow(/At most 200/);
    const broken = named("Broken", 0);
    await expect(createScenarioStore(storage).update(() => [broken])).rejects.toThrow(
      "scenarios.0.segments.new.customers: must be greater than 0"
    );
    expect(storage.writes).toBe(0);
  });
});
