import { Button, Text } from "@fluentui/react-components";
import { useLocale } from "../../../i18n/locale-context";
import type { MessageKey } from "../../../i18n/strings";
import type { LifetimeView } from "../../../worker/protocol";
import { NumberTable } from "../../shared/NumberTable";
import { Subheading } from "../../shared/Subheading";
import type { DataFormatters } from "../data-format";
import { saveCsv, toCsv } from "./at-risk-csv";

/** Rows shown in the pane; the download and the sheet carry every one. */
const SHOWN = 20;

/**
 * Valuable customers who may have left (customer-lifetime.ts atRiskCustomers): the rule in a
 * sentence, the first rows, and the whole list as CSV for a campaign.
 */
export function AtRiskCustomers({
  view,
  units,
  f,
}: {
  view: LifetimeView;
  /** The time unit's name, plural ("weeks"), for the time columns' headers. */
  units: string;
  f: DataFormatters;
}) {
  const { t } = useLocale();
  const list = view.atRisk;
  const count = list.label.length;
  const shown = Math.min(count, SHOWN);
  const spend = view.spend !== null;
  const valueKey = spend ? "pastValue" : "pastPurchases";
  const value = (k: number) => (spend ? f.money(list.pastValue[k]) : f.count(list.pastValue[k]));
  const header = (key: string) => t(`data.lifetime.col.${key}` as MessageKey, { units });
  // Without a spend model the past value is the repeat purchases: no second column of them.
  const csvColumns: [string, (k: number) => string | number][] = [
    [valueKey, (k) => list.pastValue[k]],
    ["pAlive", (k) => list.pAlive[k]],
    ...(spend
      ? ([
          ["x", (k) => list.frequency[k]],
          ["tx", (k) => list.recency[k]],
          ["T", (k) => list.age[k]],
          ["clv", (k) => list.clv[k]],
        ] as [string, (k: number) => number][])
      : ([
          ["tx", (k) => list.recency[k]],
          ["T", (k) => list.age[k]],
        ] as [string, (k: number) => number][])),
  ];
  const download = () =>
    saveCsv(
      toCsv(
        [header("id"), ...csvColumns.map(([key]) => header(key))],
        Array.from({ length: count }, (_, k) => [
          String(list.label[k]),
          ...csvColumns.map(([, cell]) => cell(k)),
        ])
      ),
      t("data.lifetime.atRiskFileName")
    );
  return (
    <>
      <Subheading>{t("data.lifetime.atRiskHeading")}</Subheading>
      <Text data-testid="lifetime-at-risk-rule">
        {count > 0
          ? t(spend ? "data.lifetime.atRiskRule" : "data.lifetime.atRiskRulePurchases", {
              count: f.count(count),
            })
          : t("data.lifetime.atRiskNone")}
      </Text>
      {count > 0 && (
        <>
          <NumberTable
            caption={t("data.lifetime.atRiskCaption", {
              shown: f.count(shown),
              count: f.count(count),
            })}
            testId="lifetime-at-risk"
            scroll={{ label: t("data.lifetime.atRiskHeading") }}
            rows={shown}
            rowHeader={{ key: "id", header: header("id"), cell: (k) => String(list.label[k]) }}
            columns={[
              { key: valueKey, header: header(valueKey), cell: value },
              {
                key: "pAlive",
                header: header("pAlive"),
                headerTitle: "P(alive)",
                cell: (k) => f.percent(list.pAlive[k]),
              },
              ...(spend
                ? [
                    {
                      key: "x",
                      header: header("x"),
                      cell: (k: number) => f.count(list.frequency[k]),
                    },
                  ]
                : []),
            ]}
          />
          <div>
            <Button data-testid="lifetime-at-risk-download" onClick={download}>
              {t("data.lifetime.atRiskDownload")}
            </Button>
          </div>
        </>
      )}
    </>
  );
}
