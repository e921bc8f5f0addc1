/**
 * The scenario stores, loaded on first use: their schema validation (zod) is not needed to open
 * the pane. One store a kind: the what-if tab's scenarios and the Plan view's saved plans, each
 * with the list operations bound to its kind.
 */
import type { Scenario } from "../../model/economics/scenario";
import type { PlanScenario } from "../../scenarios/plan-scenario-kind";
import type { Named, ScenarioKind, ScenarioStorage } from "../../scenarios/scenario-store";

type StoreCode = typeof import("../../scenarios/scenario-store");

function bound<T extends Named>(code: StoreCode, storage: ScenarioStorage, kind: ScenarioKind<T>) {
  return {
    store: code.createScenarioStore(storage, kind),
    upsert: (list: readonly T[], scenario: T) => code.upsertScenario(list, scenario, kind),
    rename: (list: readonly T[], oldName: string, newName: string) =>
      code.renameScenario(list, oldName, newName, kind),
    remove: (list: readonly T[], name: string) => code.deleteScenario(list, name),
    UnreadableScenariosError: code.UnreadableScenariosError,
  };
}

export type BoundScenarioStore<T extends Named> = ReturnType<typeof bound<T>>;

export async function loadScenarioStore(
  storage: ScenarioStorage
): Promise<BoundScenarioStore<Scenario>> {
  const [code, kind] = await Promise.all([
    import(/* webpackChunkName: "scenarios" */ "../../scenarios/scenario-store"),
    import(/* webpackChunkName: "scenarios" */ "../../scenarios/worked-example-kind"),
  ]);
  return bound(code, storage, kind.WORKED_EXAMPLE_KIND);
}

export async function loadPlanScenarioStore(
  storage: ScenarioStorage
): Promise<BoundScenarioStore<PlanScenario>> {
  const [code, kind] = await Promise.all([
    import(/* webpackChunkName: "scenarios" */ "../../scenarios/scenario-store"),
    import(/* webpackChunkName: "scenarios" */ "../../scenarios/plan-scenario-kind"),
  ]);
  return bound(code, storage, kind.PLAN_SCENARIO_KIND);
}
