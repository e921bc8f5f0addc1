import type { Dispatch, SetStateAction } from "react";
import type {
  LifetimeModelName,
  OpportunityUnit,
} from "../../../../model/buyers/customer-lifetime";
import { useLocale } from "../../../i18n/locale-context";
import {
  HOLDOUT_CHOICES,
  LIFETIME_UNITS,
  LifetimeChoices,
  LifetimeUnit,
  MAX_HORIZON,
  MAX_OPPORTUNITY_HORIZON,
  OPPORTUNITY_CHOICES,
  OPPORTUNITY_HOLDOUT_CHOICES,
  readDiscountRate,
  readHorizon,
  readOpportunityHorizon,
  withOpportunity,
  withUnit,
} from "../../../state/customer-lifetime-settings";
import { ChoiceField } from "../../shared/ChoiceField";
import { FieldGrid } from "../../shared/FieldGrid";
import { NumberField } from "../../shared/NumberField";
import type { DataFormatters } from "../data-format";
import { unitsName } from "../unit-name";

/**
 * The fit's time unit, holdout, horizon and discount rate, as the user states them; with BG/BB,
 * the opportunity (a year, a quarter or a month) and the holdout and horizon in opportunities.
 */
export function LifetimeSettingsForm({
  choices,
  setChoices,
  model,
  f,
}: {
  choices: LifetimeChoices;
  setChoices: Dispatch<SetStateAction<LifetimeChoices>>;
  model: LifetimeModelName;
  f: DataFormatters;
}) {
  const { t, locale } = useLocale();
  const bgbb = model === "BGBB";
  const unit = bgbb ? choices.opportunity : choices.unit;
  const units = unitsName(t, unit);
  const holdouts = bgbb
    ? OPPORTUNITY_HOLDOUT_CHOICES[choices.opportunity]
    : HOLDOUT_CHOICES[choices.unit];
  const horizonValid = bgbb
    ? readOpportunityHorizon(choices, locale) !== null
    : readHorizon(choices, locale) !== null;
  const maxHorizon = bgbb
    ? MAX_OPPORTUNITY_HORIZON[choices.opportunity]
    : MAX_HORIZON[choices.unit];
  return (
    <FieldGrid>
      {bgbb ? (
        <ChoiceField
          label={t("data.lifetime.opportunity")}
          value={choices.opportunity}
          choices={OPPORTUNITY_CHOICES.map((u) => ({
            value: u,
            label: t(`data.lifetime.opportunity.${u}`),
          }))}
          onChange={(v) => setChoices((c) => withOpportunity(c, v as OpportunityUnit, locale))}
        />
      ) : (
        <ChoiceField
          label={t("data.lifetime.unit")}
          value={choices.unit}
          choices={LIFETIME_UNITS.map((u) => ({ value: u, label: unitsName(t, u) }))}
          onChange={(v) => setChoices((c) => withUnit(c, v as LifetimeUnit, locale))}
        />
      )}
      <ChoiceField
        label={t("data.lifetime.holdout")}
        value={String(bgbb ? choices.opportunityHoldout : choices.holdout)}
        choices={[
          { value: "0", label: t("data.lifetime.holdoutNone") },
          ...holdouts.map((n) => ({
            value: String(n),
            label: t("data.lifetime.holdoutLast", {
              count: f.count(n),
              units: unitsName(t, unit, n),
            }),
          })),
        ]}
        onChange={(v) =>
          setChoices((c) =>
            bgbb ? { ...c, opportunityHoldout: Number(v) } : { ...c, holdout: Number(v) }
          )
        }
      />
      <NumberField
        label={t("data.lifetime.horizon", { units })}
        value={bgbb ? choices.opportunityHorizonText : choices.horizonText}
        message={
          horizonValid ? undefined : t("data.lifetime.horizonInvalid", { max: f.count(maxHorizon) })
        }
        onChange={(text) =>
          setChoices((c) =>
            bgbb ? { ...c, opportunityHorizonText: text } : { ...c, horizonText: text }
          )
        }
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
