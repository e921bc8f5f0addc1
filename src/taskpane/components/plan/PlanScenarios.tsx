import type { ScenarioStorage } from "../../../scenarios/scenario-store";
import { useLocale } from "../../i18n/locale-context";
import { loadPlanScenarioStore } from "../../services/saved-scenarios";
import { PlanChoices, planChoicesFrom, planScenario } from "../../state/plan-settings";
import { useSavedScenarios } from "../../state/use-saved-scenarios";
import type { ForecastSettings } from "../../worker/protocol";
import { ScenariosPanel } from "../shared/ScenariosPanel";

/**
 * The plan's inputs saved under a name in the workbook (beside the what-if tab's scenarios, in a
 * document of their own), and loaded back into the Plan view's fields. Saved as numbers, so a
 * colleague in another locale loads the same plan; blank inputs stay "from the data".
 */
export function PlanScenarios({
  storage,
  settings,
  horizonUnits,
  onLoad,
}: {
  storage: ScenarioStorage;
  /** The plan's settings as typed now, or null while a field is invalid (nothing to save). */
  settings: ForecastSettings | null;
  /** "12 months": the suggested name's horizon, in the data's period. */
  horizonUnits: string;
  onLoad: (choices: PlanChoices) => void;
}) {
  const { t, locale } = useLocale();
  const saved = useSavedScenarios(storage, loadPlanScenarioStore);
  const current = settings ? planScenario("", settings) : null;
  return (
    <ScenariosPanel
      saved={saved}
      current={current ?? planScenario("", EMPTY)}
      suggestedName={t("data.plan.scenarios.suggested", { horizon: horizonUnits })}
      canSave={current !== null}
      labels={{ name: t("data.plan.scenarios.name"), save: t("data.plan.scenarios.save") }}
      onLoad={(plan) => onLoad(planChoicesFrom(plan, locale))}
    />
  );
}

/** Never saved (canSave is false without settings): only fills the panel's `current`. */
const EMPTY: ForecastSettings = {
  horizon: 12,
  newPerPeriod: null,
  growth: 0,
  revenuePerCustomer: null,
  margin: 1,
  cac: 0,
  uplift: 0,
  level: null,
  pasted: null,
};
