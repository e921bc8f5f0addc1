import { makeStyles, Text, tokens } from "@fluentui/react-components";
import { OutputKey } from "../../../model/whatif/worked-example-model";
import { DASH, formatMoney, formatPercent, formatRatio } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";

const useStyles = makeStyles({
  claims: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  claimsHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** The comparison the source articles care about, with their claims beside it as context (docs/definitions.md §3). */
export function ComparisonPanel({
  outputs,
  currency,
}: {
  outputs: Record<OutputKey, number | null>;
  currency: string;
}) {
  const styles = useStyles();
  const { t, locale } = useLocale();
  const ratio = outputs["comparison.costRatio"];
  const extra = outputs["comparison.extraProfitPerReturning"];
  const share = outputs["comparison.extraProfitShare"];
  const newCost = outputs["new.costPerCustomer"];
  const returningCost = outputs["returning.costPerCustomer"];
  return (
    <>
      <Text as="p" data-testid="cost-ratio">
        {ratio === null || newCost === null || returningCost === null
          ? DASH
          : t("comparison.costRatio", {
              ratio: formatRatio(ratio, locale),
              newCost: formatMoney(newCost, currency, locale),
              returningCost: formatMoney(returningCost, currency, locale),
            })}
      </Text>
      <Text as="p" data-testid="extra-profit">
        {extra === null
          ? DASH
          : extra >= 0
            ? t("comparison.extraProfit", {
                amount: formatMoney(extra, currency, locale),
                share: share === null ? DASH : formatPercent(share, locale),
              })
            : t("comparison.lessProfit", { amount: formatMoney(-extra, currency, locale) })}
      </Text>
      <h3 className={styles.claimsHeading}>{t("comparison.claimsHeading")}</h3>
      <ul className={styles.claims}>
        <li>{t("comparison.claim.cost")}</li>
        <li>{t("comparison.claim.profit")}</li>
        <li>{t("comparison.claim.spend")}</li>
        <li>{t("comparison.claim.pareto")}</li>
      </ul>
    </>
  );
}
