import { Scenario, WORKED_EXAMPLE } from "../../../model/economics/scenario";
import type { LocaleInfo } from "../../i18n/locale-context";

/** Whether a scenario's inputs (everything but its name) are the worked example's. */
function isWorkedExample(scenario: Scenario): boolean {
  const inputs = ({ name: _name, ...rest }: Scenario) => JSON.stringify(rest);
  return inputs(scenario) === inputs(WORKED_EXAMPLE);
}

/**
 * The name to save or download a scenario under: its own, except that the worked example, once
 * changed, is no longer the worked example and says so ("Worked example (edited)"), so neither a
 * saved scenario nor a downloaded file passes edited numbers off as the article's.
 */
export function scenarioSaveName(scenario: Scenario, t: LocaleInfo["t"]): string {
  return scenario.name === WORKED_EXAMPLE.name && !isWorkedExample(scenario)
    ? t("scenarios.editedName", { name: scenario.name })
    : scenario.name;
}
