import { Checkbox, Text } from "@fluentui/react-components";
import { isoTextFromSerial } from "../../../model/reading/excel-dates";
import { formatSerialDate } from "../../format/period-label";
import { useLocale } from "../../i18n/locale-context";
import type { AnalysisView } from "../../worker/protocol";
import { Notice } from "../shared/Notice";
import type { DataFormatters } from "./data-format";

export interface DataCheckProps {
  view: AnalysisView;
  f: DataFormatters;
  /** The user agreed to leave out the rows dated after today (view.future). */
  leaveOutFuture: boolean;
  onLeaveOutFuture: (leaveOut: boolean) => void;
}

/**
 * The table as read, in one line before the analysis: orders, customers, the dates they span,
 * the revenue and the rows left out. A wrong column match shows here at a glance. Rows dated
 * after today (a typo such as 2204-03-05 would move every figure) are named with the first of
 * them, and no figure is shown until the user ticks "Leave out … dated after today".
 */
export function DataCheck({ view, f, leaveOutFuture, onLeaveOutFuture }: DataCheckProps) {
  const { t, locale } = useLocale();
  const check = view.check;
  const future = view.future;
  const orders = view.shape === "orders";
  return (
    <>
      {future && (
        <Notice intent="warning" testId="data-future">
          <Text block>
            {t(orders ? "data.future.orders" : "data.future.subscriptions", {
              count: future.count,
              n: f.count(future.count),
              row: future.firstRow.toLocaleString(locale),
              date: isoTextFromSerial(future.firstDay),
            })}
          </Text>
          <Checkbox
            data-testid="data-future-leave-out"
            checked={leaveOutFuture}
            label={t(orders ? "data.future.leaveOutOrders" : "data.future.leaveOutSubscriptions")}
            onChange={(_, d) => onLeaveOutFuture(d.checked === true)}
          />
        </Notice>
      )}
      {check && (
        <Text block data-testid="data-check">
          {t(check.revenue === null ? "data.check.lineNoRevenue" : "data.check.line", {
            orders: t("data.count.orders", { count: check.orders, n: f.count(check.orders) }),
            customers: t("data.count.customers", {
              count: check.customers,
              n: f.count(check.customers),
            }),
            from: formatSerialDate(check.firstDay, locale),
            to: formatSerialDate(check.lastDay, locale),
            revenue: f.money(check.revenue),
          })}
          {check.skippedBlank > 0 &&
            " " +
              t("data.check.skipped", {
                count: check.skippedBlank,
                n: f.count(check.skippedBlank),
              })}
        </Text>
      )}
    </>
  );
}
