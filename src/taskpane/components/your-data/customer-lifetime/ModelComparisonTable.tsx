import { Text } from "@fluentui/react-components";
import { useLocale } from "../../../i18n/locale-context";
import type { LifetimeView } from "../../../worker/protocol";
import { NumberTable } from "../../shared/NumberTable";
import type { DataFormatters } from "../data-format";
import { ComparisonSentence, comparisonSentence } from "./comparison-sentence";

/**
 * Every model fitted to the same customers: log-likelihood, AIC and, with a holdout, how far its
 * holdout forecast is off; the lowest AIC marked best, and one sentence saying why.
 */
export function ModelComparisonTable({ view, f }: { view: LifetimeView; f: DataFormatters }) {
  const { t } = useLocale();
  const { comparison: rows, best } = view.checks;
  const caption = t("data.lifetime.compare.caption");
  const withHoldout = view.checks.holdoutActual !== null;
  const sentence = comparisonSentence(view.checks);
  // BG/BB alone: its likelihood is of opportunities, so it is ranked against nothing.
  const alone = view.checks.data === "opportunities";
  const words = (c: ComparisonSentence): string => {
    switch (c.key) {
      case "only":
        return t("data.lifetime.compare.sentenceOnly", { best: c.best });
      case "aic":
        return t("data.lifetime.compare.sentence", {
          best: c.best,
          aic: f.decimal(c.aic, 1),
          other: c.other,
          otherAic: f.decimal(c.otherAic, 1),
        });
      default:
        return t(
          c.key === "holdout"
            ? "data.lifetime.compare.sentenceHoldout"
            : "data.lifetime.compare.sentenceMixed",
          {
            best: c.best,
            error: f.percent(c.error),
            other: c.other,
            otherError: f.percent(c.otherError),
          }
        );
    }
  };
  return (
    <>
      <NumberTable
        caption={caption}
        testId="lifetime-compare"
        scroll={{ label: caption }}
        rows={rows.map((r) => r.model)}
        rowProps={(i) => ({
          "data-model": rows[i].model,
          "data-best": String(rows[i].model === best),
        })}
        rowHeader={{
          header: t("data.lifetime.compare.model"),
          cell: (i) => {
            const marks = [
              rows[i].model === best ? t("data.lifetime.compare.best") : null,
              rows[i].model === view.purchases.model ? t("data.lifetime.compare.shown") : null,
            ].filter((m) => m !== null);
            return marks.length > 0 ? `${rows[i].label} (${marks.join(", ")})` : rows[i].label;
          },
        }}
        columns={[
          {
            key: "ll",
            header: t("data.lifetime.compare.logLikelihood"),
            cell: (i) =>
              rows[i].logLikelihood === null
                ? t("data.lifetime.compare.failed")
                : f.decimal(rows[i].logLikelihood, 1),
          },
          {
            key: "aic",
            header: t("data.lifetime.compare.aic"),
            cell: (i) => f.decimal(rows[i].aic, 1),
          },
          ...(withHoldout
            ? [
                {
                  key: "holdout",
                  header: t("data.lifetime.compare.holdoutError"),
                  cell: (i: number) => f.percent(rows[i].holdoutError),
                },
              ]
            : []),
        ]}
      />
      {alone ? (
        <Text data-testid="lifetime-compare-sentence">
          {t("data.lifetime.compare.sentenceOpportunities", { model: view.purchases.label })}
        </Text>
      ) : (
        sentence && <Text data-testid="lifetime-compare-sentence">{words(sentence)}</Text>
      )}
    </>
  );
}
