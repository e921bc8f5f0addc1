import { Scenario } from "../../model/economics/scenario";
import { getInput, INPUT_KEYS, INPUT_SPECS, InputKey } from "../../model/whatif/worked-example-model";
import type { MessageKey } from "../i18n/strings";

/**
 * The model decides which fields are wrong (scenarioProblems); this picks the words for the
 * pane's languages, from the kind of value in the field.
 */
export function fieldMessages(
  s: Scenario,
  problems: Record<string, string>
): Partial<Record<InputKey, MessageKey>> {
  const messages: Partial<Record<InputKey, MessageKey>> = {};
  for (const path of Object.keys(problems)) {
    if (!(INPUT_KEYS as readonly string[]).includes(path)) continue; // e.g. ltv.timing: a picker cannot hold a bad value
    const key = path as InputKey;
    messages[key] = messageFor(s, key);
  }
  return messages;
}

function messageFor(s: Scenario, key: InputKey): MessageKey {
  const value = getInput(s, key);
  if (key === "ltv.periods") return "validation.periods";
  if (value === null || !Number.isFinite(value)) return "validation.notANumber";
  if (key === "retention.rate") return "validation.rateRange";
  if (key === "ltv.discountRate")
    return value < 0 ? "validation.negative" : "validation.ltvInfinite";
  // A valid start count can still give zero linked returning customers (rate 0%).
  if (key === "retention.startCustomers" && value > 0) return "validation.derivedCustomers";
  const spec = INPUT_SPECS[key];
  return spec.exclusiveMin ? "validation.positive" : "validation.negative";
}
