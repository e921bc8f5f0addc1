import { Text } from "@fluentui/react-components";
import { formatSerialDate } from "../../../format/period-label";
import { useLocale } from "../../../i18n/locale-context";
import type { MessageKey } from "../../../i18n/strings";
import type { LifetimeView } from "../../../worker/protocol";
import { NumberTable } from "../../shared/NumberTable";
import { Subheading } from "../../shared/Subheading";
import type { DataFormatters } from "../data-format";
import { unitsName } from "../unit-name";

type Holdout = NonNullable<LifetimeView["holdout"]>;

/**
 * The purchases the model expected in the held-out days (BG/BB: opportunities) against those that
 * happened, in total and by frequency.
 */
export function HoldoutCheck({
  view,
  holdout,
  f,
}: {
  view: LifetimeView;
  holdout: Holdout;
  f: DataFormatters;
}) {
  const { t, locale } = useLocale();
  const b = holdout.byFrequency;
  const o = view.options;
  const totals = {
    from: formatSerialDate(view.calibrationEnd, locale),
    expected: f.decimal(holdout.expectedTotal, 1),
    actual: f.count(holdout.actualTotal),
  };
  return (
    <>
      <Subheading>{t("data.lifetime.holdoutHeading")}</Subheading>
      <Text data-testid="lifetime-holdout">
        {o.model === "BGBB"
          ? t("data.lifetime.holdoutTotalsOpportunities", {
              ...totals,
              count: f.count(holdout.length),
              units: unitsName(t, o.opportunity ?? "year", holdout.length),
            })
          : t("data.lifetime.holdoutTotals", { ...totals, days: f.count(o.holdoutDays) })}
      </Text>
      {b && (
        <NumberTable
          caption={t("data.lifetime.holdoutCaption")}
          testId="lifetime-holdout-table"
          scroll={{ label: t("data.lifetime.holdoutCaption") }}
          rows={Array.from(b.frequency)}
          rowHeader={{
            header: t("data.lifetime.holdout.frequency"),
            // The last bucket holds every customer with that many repeat purchases or more.
            cell: (i) =>
              b.frequency[i] === holdout.maxFrequency
                ? t("data.lifetime.holdout.andMore", { x: f.count(b.frequency[i]) })
                : f.count(b.frequency[i]),
          }}
          columns={(["customers", "expected", "actual"] as const).map((key) => ({
            key,
            header: t(`data.lifetime.holdout.${key}` as MessageKey),
            cell: (i: number) =>
              key === "customers" ? f.count(b.customers[i]) : f.decimal(b[key][i], 2),
          }))}
        />
      )}
    </>
  );
}
