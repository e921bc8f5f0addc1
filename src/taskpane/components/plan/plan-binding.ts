import { useMemo } from "react";
import type {
  PlanInputKey,
  PlanOutputKey,
  PlanState,
} from "../../../model/whatif/plan-whatif-model";
import { planWhatIfModel } from "../../../model/whatif/plan-whatif-model";
import { DASH, formatAmount, formatQuantity } from "../../format/format-number";
import { localeCurrency } from "../../format/locale-currency";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import type { ForecastView } from "../../worker/protocol";
import type { WhatIfBinding } from "../what-if/whatif-binding";
import { unitsName } from "../your-data/unit-name";

export type PlanBinding = WhatIfBinding<PlanState, PlanInputKey, PlanOutputKey>;

/**
 * The plan's inputs as the worker used them for the plan on screen: the same fit, cohorts and
 * settings, so the what-if tools' base is the table's plan, pasted row included; its
 * acquisition volume is 1 (the what-if tools move it).
 */
export function planWhatIfState(view: ForecastView): PlanState {
  const s = view.settings;
  return {
    alpha: view.alpha,
    beta: view.beta,
    cohorts: view.cohorts,
    horizon: view.total.length,
    newPerPeriod: view.newPerPeriod,
    growth: s.growth,
    pasted: s.pasted,
    acquisitionVolume: 1,
    revenuePerCustomer: view.revenuePerCustomer,
    margin: s.margin,
    cac: s.cac,
    uplift: s.uplift,
  };
}

/**
 * The plan's what-if tools: labels in the data's period unit, money as the Your data view
 * writes it (the locale's currency, or no sign when it is unknown). Goal seek opens on the
 * question a planner asks first: how many new customers keep the last period's revenue at a target.
 */
export function usePlanBinding(unit: string): PlanBinding {
  const { t, locale } = useLocale();
  return useMemo(() => {
    const currency = localeCurrency(locale);
    const one = unitsName(t, unit, 1);
    return {
      model: planWhatIfModel,
      inputLabel: (key) => t(`data.plan.whatIf.input.${key}` as MessageKey, { unit: one }),
      outputLabel: (key) =>
        t(`data.plan.whatIf.output.${key}` as MessageKey, { unit: one, units: unitsName(t, unit) }),
      format: (value, kind, compact = false) => {
        if (kind !== "money" || currency !== null)
          return formatQuantity(value, kind, currency ?? "", locale, compact);
        if (value === null || !Number.isFinite(value)) return DASH;
        // No currency sign: compact amounts are written as compact numbers.
        return compact
          ? formatQuantity(value, "count", "", locale, true)
          : formatAmount(value, null, locale);
      },
      initial: {
        sensitivity: {
          rows: "revenuePerCustomer",
          columns: "newPerPeriod",
          output: "revenueTotal",
        },
        tornado: "revenueTotal",
        goal: { output: "revenueAtEnd", input: "newPerPeriod" },
      },
      testIdPrefix: "plan-",
    };
  }, [t, locale, unit]);
}
