import { OfficeScenarioStorage, SCENARIO_SETTING_KEY } from "../../src/scenarios/office-storage";

/** A minimal Excel.run stand-in over workbook.settings, enforcing load + sync before reads. */
function installSettings(initial: Record<string, unknown> = {}) {
  const settings = new Map(Object.entries(initial));
  let syncs = 0;
  const context = {
    sync: async () => {
      syncs++;
    },
    workbook: {
      settings: {
        add: (key: string, value: unknown) => settings.set(key, value),
        getItemOrNullObject: (key: string) => {
          let loaded = false;
          return {
            load: () => {
              loaded = true;
            },
            get isNullObject() {
              return !settings.has(key);
            },
            get value() {
              if (!loaded || syncs === 0) throw new Error("PropertyNotLoaded");
              return settings.get(key);
            },
          };
        },
      },
    },
  };
  (globalThis as Record<string, unknown>).Excel = {
    run: async (batch: (c: unknown) => Promise<unknown>) => batch(context),
  };
  return settings;
}

afterEach(() => delete (globalThis as Record<string, unknown>).Excel);

describe("OfficeScenarioStorage", () => {
  it("keeps the document as one string in the workbook's settings", async () => {
    const settings = installSettings();
    const storage = new OfficeScenarioStorage();
    expect(await storage.read()).toBeNull();
    await storage.write('{"version":2,"scenarios":[]}');
    expect(settings.get(SCENARIO_SETTING_KEY)).toBe('{"version":2,"scenarios":[]}');
    expect(await storage.read()).toBe('{"version":2,"scenarios":[]}');
  });

  it("hands a non-string setting on as JSON for the schema to judge", async () => {
    installSettings({ [SCENARIO_SETTING_KEY]: { version: 2, scenarios: 5 } });
    expect(await new OfficeScenarioStorage().read()).toBe('{"version":2,"scenarios":5}');
  });
});
