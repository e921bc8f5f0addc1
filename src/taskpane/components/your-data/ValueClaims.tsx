import { Text } from "@fluentui/react-components";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import { DataFormatters } from "./data-format";

/**
 * The data beside two claims of the source articles (docs/definitions.md §3): "80% of profit
 * from 20% of customers" (“How to Keep Existing Customers”) and "returning customers spend 67%
 * more" (“15 Customer Retention Strategies”). The data's figures are revenue, not profit: the
 * text says so.
 */
export function ValueClaims({ view, f }: { view: AnalysisView; f: DataFormatters }) {
  const { t } = useLocale();
  const c = view.concentration;
  const r = view.repeatSpend;
  return (
    <>
      {c ? (
        <Text data-testid="concentration">
          {t("data.value.concentration", {
            top: f.percent(c.topFraction),
            customers: f.count(c.customers),
            share: f.percent(c.topShare),
          })}
        </Text>
      ) : (
        <Text>{t("data.value.noConcentration")}</Text>
      )}
      <Text size={200}>{t("data.value.claim8020")}</Text>
      {view.shape === "orders" &&
        (r ? (
          <Text data-testid="repeat-spend">
            {t("data.value.repeat", {
              repeat: f.money(r.repeatPurchaseMean),
              first: f.money(r.firstPurchaseMean),
              lift: `${r.lift >= 0 ? "+" : ""}${f.percent(r.lift)}`,
              repeats: f.count(r.repeatPurchases),
              firsts: f.count(r.firstPurchases),
            })}
          </Text>
        ) : (
          <Text>{t("data.value.noRepeat")}</Text>
        ))}
      {view.shape === "orders" && <Text size={200}>{t("data.value.claim67")}</Text>}
    </>
  );
}
