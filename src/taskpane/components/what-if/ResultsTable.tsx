import { ECONOMICS_FIELDS } from "../../../model/economics/quantities";
import { OutputKey, outputKind } from "../../../model/whatif/whatif";
import { formatQuantity } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { useTableStyles } from "../shared/table-styles";

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
  const styles = useTableStyles();
  const { t, locale } = useLocale();
  return (
    <div className={styles.scroll}>
      <table className={styles.table} data-testid="results-table">
        <caption className={styles.caption}>{t("results.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className={styles.th}>
              {t("results.metric")}
            </th>
            {COLUMNS.map((c) => (
              <th key={c.group} scope="col" className={styles.colHead}>
                {t(c.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ECONOMICS_FIELDS.map((metric) => (
            <tr key={metric}>
              <th scope="row" className={styles.th}>
                {t(`metric.${metric}` as MessageKey)}
              </th>
              {COLUMNS.map((c) => {
                const key = `${c.group}.${metric}` as OutputKey;
                return (
                  <td key={c.group} className={styles.num} data-output={key}>
                    {formatQuantity(outputs[key], outputKind(key), currency, locale)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
