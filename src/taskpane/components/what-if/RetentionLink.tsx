import { Switch, Text } from "@fluentui/react-components";
import { RETENTION_BENCHMARKS } from "../../../model/economics/retention";
import { InputKey } from "../../../model/whatif/worked-example-model";
import { formatNumber, formatPercent } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { NumberField } from "../shared/NumberField";

export interface RetentionLinkProps {
  linked: boolean;
  rate: number;
  startCustomers: number;
  /** Returning customers as the model derives them, null when it cannot. */
  derivedCustomers: number | null;
  texts: Record<InputKey, string>;
  messages: Partial<Record<InputKey, MessageKey>>;
  onEdit: (key: InputKey, text: string) => void;
  onLinkedChange: (linked: boolean) => void;
}

/** The rate against the benchmarks of “15 Customer Retention Strategies” (docs/definitions.md §1). */
function verdictKey(rate: number): MessageKey {
  if (rate > RETENTION_BENCHMARKS.insuranceMedia) return "retention.verdict.high";
  if (rate >= RETENTION_BENCHMARKS.smallBusiness) return "retention.verdict.small";
  return "retention.verdict.below";
}

export function RetentionLink({
  linked,
  rate,
  startCustomers,
  derivedCustomers,
  texts,
  messages,
  onEdit,
  onLinkedChange,
}: RetentionLinkProps) {
  const { t, locale } = useLocale();
  const rateValid = !messages["retention.rate"] && Number.isFinite(rate);
  return (
    <>
      <Switch
        checked={linked}
        label={t("retention.toggle")}
        onChange={(_, data) => onLinkedChange(data.checked)}
      />
      <NumberField
        label={t("retention.rate")}
        value={texts["retention.rate"]}
        onChange={(text) => onEdit("retention.rate", text)}
        message={messages["retention.rate"] && t(messages["retention.rate"])}
      />
      {linked && (
        <NumberField
          label={t("retention.startCustomers")}
          value={texts["retention.startCustomers"]}
          onChange={(text) => onEdit("retention.startCustomers", text)}
          message={messages["retention.startCustomers"] && t(messages["retention.startCustomers"])}
        />
      )}
      {linked && derivedCustomers !== null && (
        <Text>
          {t("retention.derived", {
            start: formatNumber(startCustomers, locale),
            rate: formatPercent(rate, locale),
            customers: formatNumber(derivedCustomers, locale),
          })}
        </Text>
      )}
      {rateValid && (
        <Text weight="semibold">{t(verdictKey(rate), { rate: formatPercent(rate, locale) })}</Text>
      )}
      <Text size={200}>{t("retention.benchmarks")}</Text>
    </>
  );
}
