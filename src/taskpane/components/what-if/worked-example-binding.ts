import { useMemo } from "react";
import type { Scenario } from "../../../model/economics/scenario";
import type { InputKey, OutputKey } from "../../../model/whatif/worked-example-model";
import { WORKED_EXAMPLE_MODEL } from "../../../model/whatif/worked-example-model";
import { formatQuantity } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import { inputLabelKey } from "../../state/field-definitions";
import { outputLabel } from "../../state/labels";
import type { WhatIfBinding } from "./whatif-binding";

export type WorkedExampleBinding = WhatIfBinding<Scenario, InputKey, OutputKey>;

/** The worked example's what-if tools: its fields' labels, amounts in the scenario's currency. */
export function useWorkedExampleBinding(currency: string): WorkedExampleBinding {
  const { t, locale } = useLocale();
  return useMemo(
    () => ({
      model: WORKED_EXAMPLE_MODEL,
      inputLabel: (key) => t(inputLabelKey(key)),
      outputLabel: (key) => outputLabel(t, key),
      format: (value, kind, compact = false) =>
        formatQuantity(value, kind, currency, locale, compact),
      initial: {
        sensitivity: {
          rows: "segments.new.averageBill",
          columns: "segments.new.customers",
          output: "total.profit",
        },
        tornado: "total.profit",
        goal: { output: "new.profit", input: "segments.new.averageBill" },
      },
      testIdPrefix: "",
    }),
    [t, locale, currency]
  );
}
