import { Text } from "@fluentui/react-components";
import { useLocale } from "../../../i18n/locale-context";
import type { LifetimeView } from "../../../worker/protocol";
import type { MessageKey } from "../../../i18n/strings";
import { NumberTable } from "../../shared/NumberTable";
import { Subheading } from "../../shared/Subheading";
import type { DataFormatters } from "../data-format";

/** The models' symbols for the columns (the docs and the sheet use them): the headers' tooltips. */
export const LIFETIME_SYMBOLS: Record<string, string> = {
  x: "x",
  tx: "t_x",
  T: "T",
  m: "m",
  pAlive: "P(alive)",
  clv: "CLV",
};

/** The most valuable customers by CLV over the horizon, each with the figures the models read and give. */
export function TopCustomers({
  view,
  units,
  horizonUnits,
  f,
}: {
  view: LifetimeView;
  /** The time unit's name, plural ("weeks"). */
  units: string;
  /** The unit's name in the form the horizon's count takes ("1 week", "52 weeks"). */
  horizonUnits: string;
  f: DataFormatters;
}) {
  const { t } = useLocale();
  const top = view.top;
  const horizon = f.count(view.options.horizon);
  const caption = t(view.spend ? "data.lifetime.topCaption" : "data.lifetime.topCaptionPurchases", {
    count: f.count(top.label.length),
    horizon,
    units: horizonUnits,
  });
  // Each column: its key (the header's string and the cells' data-col) and its cell. What the
  // user came for (the CLV, the chance still buying) first, so a narrow pane shows it unscrolled.
  const figures: [string, (k: number) => string][] = [
    ["clv", (k) => f.money(top.clv[k])],
    ["pAlive", (k) => f.percent(top.pAlive[k])],
    ["expectedPurchases", (k) => f.decimal(top.expectedPurchases[k], 2)],
    ["expectedSpend", (k) => f.money(top.expectedSpend[k])],
    ["x", (k) => f.count(top.frequency[k])],
    ["tx", (k) => f.decimal(top.recency[k], 1)],
    ["T", (k) => f.decimal(top.age[k], 1)],
    ["m", (k) => f.money(top.monetary[k])],
  ];
  const columns = figures.map(([key, cell]) => ({
    key,
    header: t(`data.lifetime.col.${key}` as MessageKey, { units }),
    headerTitle: LIFETIME_SYMBOLS[key],
    cell,
  }));
  return (
    <>
      <Subheading>{t("data.lifetime.topHeading")}</Subheading>
      <NumberTable
        caption={caption}
        testId="lifetime-top"
        scroll={{ label: caption }}
        rows={top.label.length}
        rowHeader={{
          key: "id",
          header: t("data.lifetime.col.id"),
          cell: (k) => String(top.label[k]),
        }}
        columns={columns}
        markColumns
      />
      <Text size={200}>
        {t("data.lifetime.definition", {
          horizon,
          units: horizonUnits,
          rate: f.percent(view.options.annualDiscountRate),
        })}
      </Text>
    </>
  );
}
