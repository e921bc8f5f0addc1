import { Text } from "@fluentui/react-components";
import { formatSerialDate } from "../../format/period-label";
import { useLocale } from "../../i18n/locale-context";
import type { AnalysisView } from "../../worker/protocol";
import type { DataFormatters } from "./data-format";

/**
 * The table as read, in one line before the analysis: orders, customers, the dates they span,
 * the revenue and the rows left out. A wrong column match shows here at a glance.
 */
export function DataCheck({ view, f }: { view: AnalysisView; f: DataFormatters }) {
  const { t, locale } = useLocale();
  const check = view.check;
  if (!check) return null;
  const values = {
    orders: t("data.count.orders", { count: check.orders, n: f.count(check.orders) }),
    customers: t("data.count.customers", { count: check.customers, n: f.count(check.customers) }),
    from: formatSerialDate(check.firstDay, locale),
    to: formatSerialDate(check.lastDay, locale),
    revenue: f.money(check.revenue),
  };
  return (
    <Text block data-testid="data-check">
      {t(check.revenue === null ? "data.check.lineNoRevenue" : "data.check.line", values)}
      {check.skippedBlank > 0 &&
        " " +
          t("data.check.skipped", {
            count: check.skippedBlank,
            n: f.count(check.skippedBlank),
          })}
    </Text>
  );
}
