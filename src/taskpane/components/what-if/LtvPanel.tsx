import { Field, Select, Text } from "@fluentui/react-components";
import { PaymentTiming } from "../../../model/economics/ltv";
import {
  InputKey,
  OUTPUT_KEYS,
  OutputKey,
  outputKind,
} from "../../../model/whatif/worked-example-model";
import { formatQuantity } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { NumberField } from "../shared/NumberField";
import { NumberTable } from "../shared/NumberTable";

const ROWS = OUTPUT_KEYS.filter((key): key is Extract<OutputKey, `ltv.${string}`> =>
  key.startsWith("ltv.")
);

export interface LtvPanelProps {
  timing: PaymentTiming;
  texts: Record<InputKey, string>;
  messages: Partial<Record<InputKey, MessageKey>>;
  outputs: Record<OutputKey, number | null>;
  currency: string;
  onEdit: (key: InputKey, text: string) => void;
  onTimingChange: (timing: PaymentTiming) => void;
}

/** LTV of a returning customer (docs/definitions.md §4), read against CAC at the 3 : 1 rule of thumb. */
export function LtvPanel({
  timing,
  texts,
  messages,
  outputs,
  currency,
  onEdit,
  onTimingChange,
}: LtvPanelProps) {
  const { t, locale } = useLocale();
  const ratio = outputs["ltv.ltvToCac"];
  const message = (key: InputKey) => messages[key] && t(messages[key]);
  return (
    <>
      <NumberField
        label={t("ltv.discountRate")}
        value={texts["ltv.discountRate"]}
        onChange={(text) => onEdit("ltv.discountRate", text)}
        message={message("ltv.discountRate")}
      />
      <NumberField
        label={t("ltv.periods")}
        hint={t("ltv.periodsHint")}
        value={texts["ltv.periods"]}
        onChange={(text) => onEdit("ltv.periods", text)}
        message={message("ltv.periods")}
      />
      <Field label={t("ltv.timing")}>
        <Select
          value={String(timing)}
          onChange={(_, data) => onTimingChange(data.value === "1" ? 1 : 0)}
        >
          <option value="0">{t("ltv.timing.end")}</option>
          <option value="1">{t("ltv.timing.begin")}</option>
        </Select>
      </Field>
      <NumberTable
        caption={t("ltv.caption")}
        testId="ltv-table"
        headless
        rows={ROWS}
        rowHeader={{ cell: (i) => t(ROWS[i]) }}
        columns={[
          {
            key: "value",
            header: null,
            cell: (i) => formatQuantity(outputs[ROWS[i]], outputKind(ROWS[i]), currency, locale),
            props: (i) => ({ "data-output": ROWS[i] }),
          },
        ]}
      />
      {ratio !== null && (
        <Text weight="semibold">{t(ratio >= 3 ? "ltv.verdict.good" : "ltv.verdict.weak")}</Text>
      )}
    </>
  );
}
