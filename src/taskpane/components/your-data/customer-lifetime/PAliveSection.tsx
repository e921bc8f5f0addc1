import { Text } from "@fluentui/react-components";
import { lazy } from "react";
import { useLocale } from "../../../i18n/locale-context";
import type { LifetimeView } from "../../../worker/protocol";
import { LazyChart } from "../../shared/LazyChart";
import { NumberTable } from "../../shared/NumberTable";
import { Subheading } from "../../shared/Subheading";
import type { DataFormatters } from "../data-format";

const PAliveChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../../charts/PAliveChart")
);

/**
 * How P(alive) spreads over the customers: a bar chart and its table, bin by bin. The one-time
 * buyers come first, as their own group. Under BG/NBD they are left out of the bins: it shows
 * each of them as 100% alive, which in the top bin would read as a healthy base; MBG/NBD and
 * Pareto/NBD give them a P(alive) of their own, so they are counted in.
 */
export function PAliveSection({ view, f }: { view: LifetimeView; f: DataFormatters }) {
  const { t } = useLocale();
  const bins = Array.from(view.pAliveBins, (customers, i) => ({
    bin: t("data.lifetime.bin", {
      from: f.percent(view.pAliveEdges[i]),
      to: f.percent(view.pAliveEdges[i + 1]),
    }),
    customers,
  }));
  const caption = view.pAliveWithOneTime
    ? t("data.lifetime.pAliveAllCaption")
    : t("data.lifetime.pAliveRepeatCaption");
  return (
    <>
      <Subheading>{t("data.lifetime.oneTimeHeading")}</Subheading>
      <Text data-testid="lifetime-one-time">
        {t(view.pAliveWithOneTime ? "data.lifetime.oneTimeOwnChance" : "data.lifetime.oneTime", {
          count: f.count(view.oneTimeBuyers),
          customers: f.count(view.customers),
          share: f.percent(view.customers > 0 ? view.oneTimeBuyers / view.customers : NaN),
          model: view.purchases.label,
        })}
      </Text>
      <Subheading>{t("data.lifetime.pAliveHeading")}</Subheading>
      <LazyChart>
        <PAliveChart
          bars={bins}
          name={t("data.lifetime.customers")}
          summary={t("data.lifetime.pAliveSummary")}
          format={f.count}
        />
      </LazyChart>
      <NumberTable
        caption={caption}
        testId="lifetime-palive"
        scroll={{ label: caption }}
        rows={bins.map((b) => b.bin)}
        rowHeader={{ header: t("data.lifetime.pAlive"), cell: (i) => bins[i].bin }}
        columns={[
          {
            key: "customers",
            header: t("data.lifetime.customers"),
            cell: (i) => f.count(bins[i].customers),
          },
        ]}
      />
    </>
  );
}
