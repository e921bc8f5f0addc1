/** The scenario store, loaded on first use: its schema validation (zod) is not needed to open the pane. */
import type { ScenarioStorage } from "../../scenarios/scenario-store";

export async function loadScenarioStore(storage: ScenarioStorage) {
  const store = await import(/* webpackChunkName: "scenarios" */ "../../scenarios/scenario-store");
  return { store: store.createScenarioStore(storage), ...store };
}
