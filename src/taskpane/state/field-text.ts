import { getInput, INPUT_KEYS, InputKey } from "../../model/whatif/worked-example-model";
import { Scenario } from "../../model/economics/scenario";
import { formatForInput } from "../format/format-number";
import { parseLocaleNumber, parseLocalePercent } from "../format/parse-number";
import { FIELDS } from "./field-definitions";

/** The model value a field's text stands for: NaN when it is not a number, null for a blank horizon. */
export function valueFromText(key: InputKey, text: string, locale: string): number | null {
  const def = FIELDS[key];
  if (def.blankMeansNull && text.trim() === "") return null;
  // Percent fields: 80 → 0.8. Division by 100 in binary is not exact for every value; the
  // model tolerates that (0.8 vs 0.8000000000000002 changes nothing visible).
  return def.percent ? parseLocalePercent(text, locale) : parseLocaleNumber(text, locale);
}

/** The text a field shows for a model value. */
export function textFromValue(key: InputKey, value: number | null, locale: string): string {
  if (value === null) return "";
  // Multiply through a decimal string so 0.07 shows as 7, not 7.000000000000001.
  return formatForInput(
    FIELDS[key].percent ? Number((value * 100).toPrecision(12)) : value,
    locale
  );
}

export function textsFromScenario(s: Scenario, locale: string): Record<InputKey, string> {
  const texts = {} as Record<InputKey, string>;
  for (const key of INPUT_KEYS) texts[key] = textFromValue(key, getInput(s, key), locale);
  return texts;
}
