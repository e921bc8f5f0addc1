import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useState } from "react";
import type { InputKey } from "../../../model/whatif/worked-example-model";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { DataFormatters } from "./data-format";

/** Figures carried from the data into the what-if model, each with where it came from. */
export interface ModelUse {
  values: { key: InputKey; value: number }[];
  /** Switch the retention link on (returning customers = customers at the start × retention). */
  link?: boolean;
  /** Where the figures came from, in the user's language. */
  source: string;
}

const useStyles = makeStyles({
  item: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

/**
 * One button per quantity: the latest complete period's retention rate (or, when reactivation
 * pushes it above 100%, the cohort-based retention of the sBG fit), its customers at the start,
 * and the average bill of its new and returning customers.
 */
export function UseInModel({
  view,
  f,
  label,
  onUse,
}: {
  view: AnalysisView;
  f: DataFormatters;
  /** The data's name (file, table or address). */
  label: string;
  onUse: (use: ModelUse) => void;
}) {
  const styles = useStyles();
  const { t } = useLocale();
  const [status, setStatus] = useState("");
  const latest = view.latest;
  if (!latest) return <Text>{t("data.use.noCompletePeriod")}</Text>;
  const i = latest.period - view.firstPeriod;
  const period = f.period(latest.period);
  const unit = t(`data.unit.${view.unit}` as MessageKey);
  const where = { data: label, period, unit };
  const rateOk =
    Number.isFinite(latest.retention) && latest.retention >= 0 && latest.retention <= 1;
  const billsOk = latest.newBill !== null && latest.returningBill !== null;
  // The cohort-based retention: the sBG fit's survivors after a customer's first period (S(1)),
  // which reactivation cannot push above 100% as it does the period retention.
  const fitted = view.sbg.fits[0]?.fit ? view.sbg.fits[0].fitted[1] : NaN;
  const cohortOk = Number.isFinite(fitted) && fitted >= 0 && fitted <= 1;

  const use = (u: ModelUse, done: string) => {
    onUse(u);
    setStatus(done);
  };

  return (
    <>
      <Text size={200}>{t("data.use.intro", where)}</Text>
      <div className={styles.item}>
        <Text>
          {t("data.use.rate", {
            rate: f.percent(latest.retention),
            end: f.count(view.retention.end[i]),
            won: f.count(view.retention.won[i]),
            start: f.count(view.retention.start[i]),
            ...where,
          })}
        </Text>
        {!rateOk && <Text size={200}>{t("data.use.rateAboveOne")}</Text>}
        <div className={styles.row}>
          <Button
            disabled={!rateOk}
            onClick={() =>
              use(
                {
                  values: [{ key: "retention.rate", value: latest.retention }],
                  source: t("data.use.rateSource", where),
                },
                t("data.use.rateDone", { rate: f.percent(latest.retention), ...where })
              )
            }
          >
            {t("data.use.rateButton")}
          </Button>
        </div>
        {cohortOk && (
          <>
            <Text>{t("data.use.rateCohort", { rate: f.percent(fitted), ...where })}</Text>
            <div className={styles.row}>
              <Button
                onClick={() =>
                  use(
                    {
                      values: [{ key: "retention.rate", value: fitted }],
                      source: t("data.use.rateCohortSource", where),
                    },
                    t("data.use.rateCohortDone", { rate: f.percent(fitted), ...where })
                  )
                }
              >
                {t("data.use.rateCohortButton")}
              </Button>
            </div>
          </>
        )}
      </div>
      <div className={styles.item}>
        <Text>{t("data.use.start", { start: f.count(latest.startCustomers), ...where })}</Text>
        <div className={styles.row}>
          <Button
            onClick={() =>
              use(
                {
                  values: [{ key: "retention.startCustomers", value: latest.startCustomers }],
                  link: true,
                  source: t("data.use.startSource", where),
                },
                t("data.use.startDone", { start: f.count(latest.startCustomers), ...where })
              )
            }
          >
            {t("data.use.startButton")}
          </Button>
        </div>
      </div>
      <div className={styles.item}>
        <Text>
          {billsOk
            ? t("data.use.bills", {
                newBill: f.money(latest.newBill),
                returningBill: f.money(latest.returningBill),
                newCustomers: f.count(latest.newCustomers),
                returningCustomers: f.count(latest.returningCustomers),
                ...where,
              })
            : t(view.hasRevenue ? "data.use.billsMissing" : "data.use.noAmounts")}
        </Text>
        <div className={styles.row}>
          <Button
            disabled={!billsOk}
            onClick={() =>
              billsOk &&
              use(
                {
                  values: [
                    { key: "segments.new.averageBill", value: latest.newBill! },
                    { key: "segments.returning.averageBill", value: latest.returningBill! },
                  ],
                  source: t("data.use.billsSource", where),
                },
                t("data.use.billsDone", where)
              )
            }
          >
            {t("data.use.billsButton")}
          </Button>
        </div>
      </div>
      <Text role="status" data-testid="use-status">
        {status}
      </Text>
    </>
  );
}
