import type { Dispatch, SetStateAction } from "react";
import { useLocale } from "../../../i18n/locale-context";
import {
  HOLDOUT_CHOICES,
  LIFETIME_UNITS,
  LifetimeChoices,
  LifetimeUnit,
  MAX_HORIZON,
  readDiscountRate,
  readHorizon,
  withUnit,
} from "../../../state/customer-lifetime-settings";
import { ChoiceField } from "../../shared/ChoiceField";
import { FieldGrid } from "../../shared/FieldGrid";
import { NumberField } from "../../shared/NumberField";
import type { DataFormatters } from "../data-format";
import { unitsName } from "../unit-name";

/** The fit's time unit, holdout, horizon and discount rate, as the user states them. */
export function LifetimeSettingsForm({
  choices,
  setChoices,
  f,
}: {
  choices: LifetimeChoices;
  setChoices: Dispatch<SetStateAction<LifetimeChoices>>;
  f: DataFormatters;
}) {
  const { t, locale } = useLocale();
  const units = unitsName(t, choices.unit);
  return (
    <FieldGrid>
      <ChoiceField
        label={t("data.lifetime.unit")}
        value={choices.unit}
        choices={LIFETIME_UNITS.map((u) => ({ value: u, label: unitsName(t, u) }))}
        onChange={(v) => setChoices((c) => withUnit(c, v as LifetimeUnit, locale))}
      />
      <ChoiceField
        label={t("data.lifetime.holdout")}
        value={String(choices.holdout)}
        choices={[
          { value: "0", label: t("data.lifetime.holdoutNone") },
          ...HOLDOUT_CHOICES[choices.unit].map((n) => ({
            value: String(n),
            label: t("data.lifetime.holdoutLast", {
              count: f.count(n),
              units: unitsName(t, choices.unit, n),
            }),
          })),
        ]}
        onChange={(v) => setChoices((c) => ({ ...c, holdout: Number(v) }))}
      />
      <NumberField
        label={t("data.lifetime.horizon", { units })}
        value={choices.horizonText}
        message={
          readHorizon(choices, locale) !== null
            ? undefined
            : t("data.lifetime.horizonInvalid", { max: f.count(MAX_HORIZON[choices.unit]) })
        }
        onChange={(text) => setChoices((c) => ({ ...c, horizonText: text }))}
      />
      <NumberField
        label={t("data.lifetime.discount")}
        value={choices.discountText}
        message={
          readDiscountRate(choices, locale) !== null
            ? undefined
            : t("data.lifetime.discountInvalid")
        }
        onChange={(text) => setChoices((c) => ({ ...c, discountText: text }))}
      />
    </FieldGrid>
  );
}
