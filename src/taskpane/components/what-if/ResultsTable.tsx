import { ECONOMICS_FIELDS } from "../../../model/economics/quantities";
import { OutputKey, outputKind } from "../../../model/whatif/worked-example-model";
import { formatQuantity } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { NumberTable } from "../shared/NumberTable";

const COLUMNS = [
  { group: "new", label: "results.new" },
  { group: "returning", label: "results.returning" },
  { group: "total", label: "results.total" },
] as const;

/** Every segment's economics; a dash where the inputs it depends on are invalid. */
export function ResultsTable({
  outputs,
  currency,
}: {
  outputs: Record<OutputKey, number | null>;
  currency: string;
}) {
  const { t, locale } = useLocale();
  return (
    <NumberTable
      caption={t("results.caption")}
      testId="results-table"
      scroll="overflow"
      rows={ECONOMICS_FIELDS}
      rowHeader={{
        header: t("results.metric"),
        cell: (i) => t(`metric.${ECONOMICS_FIELDS[i]}` as MessageKey),
      }}
      columns={COLUMNS.map((c) => {
        const key = (i: number) => `${c.group}.${ECONOMICS_FIELDS[i]}` as OutputKey;
        return {
          key: c.group,
          header: t(c.label),
          cell: (i) => formatQuantity(outputs[key(i)], outputKind(key(i)), currency, locale),
          props: (i) => ({ "data-output": key(i) }),
        };
      })}
    />
  );
}
