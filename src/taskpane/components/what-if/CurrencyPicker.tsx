import { Field, Select } from "@fluentui/react-components";
import { CURRENCIES } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";

export function CurrencyPicker({
  value,
  onChange,
}: {
  value: string;
  onChange: (currency: string) => void;
}) {
  const { t } = useLocale();
  return (
    <Field label={t("currency.label")} hint={t("currency.hint")}>
      <Select value={value} onChange={(_, data) => onChange(data.value)}>
        {CURRENCIES.map((code) => (
          <option key={code} value={code}>
            {t(`currency.${code}` as MessageKey)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
