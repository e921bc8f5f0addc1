import { Button, Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { InputKey } from "../../../model/whatif/worked-example-model";
import { AverageBills, averageBills } from "../../../model/history/period-bills";
import { localeCurrency } from "../../format/locale-currency";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { DataFormatters } from "./data-format";
import { unitsName } from "./unit-name";

/** Figures carried from the data into the what-if model, each with where it came from. */
export interface ModelUse {
  values: { key: InputKey; value: number }[];
  /** Switch the retention link on (returning customers = customers at the start × retention). */
  link?: boolean;
  /** Where the figures came from, in the user's language. */
  source: string;
  /** The data's currency, carried over with money (the scenario's currency changes to it). */
  currency?: string;
  /**
   * The note for the costs: the model scales each segment's spend and overheads with its
   * revenue (keep-cost-shares.ts), because the data has no costs of its own.
   */
  costsNote?: string;
}

/** The averages "Use in the model" offers: the last N complete periods. */
const LAST_PERIODS = [3, 6, 12];
/** Single periods offered, latest first. */
const MAX_SINGLE_PERIODS = 24;

/** A choice of periods for the bills and counts: the latest, the last N, or one period. */
interface PeriodChoice {
  value: string;
  label: string;
  /** Period indices (from view.firstPeriod), inclusive. */
  from: number;
  to: number;
  /** How the sentence names them ("average of the last 3 complete months (to Mar 2024)"). */
  over: string;
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
  field: { maxWidth: "320px" },
  select: { minWidth: 0, width: "100%" },
});

/**
 * One button per quantity: the latest complete period's retention rate (or, when reactivation
 * pushes it above 100%, the cohort-based retention of the sBG fit), its customers at the start,
 * and, over the periods the user picks (the latest, an average of the last N, or any one), the
 * average bill and the customers per period of new and returning customers. Bills come in as
 * money in the data's currency (the user's locale's), and the model keeps each segment's costs
 * in proportion to its revenue (keep-cost-shares.ts): the data has no costs, and the example's
 * would otherwise dwarf or vanish beside the data's revenue.
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
  const { t, locale } = useLocale();
  const [status, setStatus] = useState("");
  const [picked, setPicked] = useState<string | null>(null);
  const latest = view.latest;
  const choices = useMemo(
    () => (latest ? periodChoices(view, latest.period, f, t) : []),
    [view, latest, f, t]
  );
  if (!latest) return <Text>{t("data.use.noCompletePeriod")}</Text>;
  const i = latest.period - view.firstPeriod;
  const period = f.period(latest.period);
  const unit = t(`data.unit.${view.unit}` as MessageKey);
  const where = { data: label, period, unit };
  const rateOk =
    Number.isFinite(latest.retention) && latest.retention >= 0 && latest.retention <= 1;
  const averages = (c: PeriodChoice) => averageBills(view.bills, c.from, c.to);
  const hasBills = (a: AverageBills) =>
    view.hasRevenue && a.newBill !== null && a.returningBill !== null;
  // The latest period by default, or the shortest average that has both bills.
  const choice =
    choices.find((c) => c.value === picked) ??
    choices.find((c) => hasBills(averages(c))) ??
    choices[0];
  const chosen = averages(choice);
  const billsOk = hasBills(chosen);
  // To the cent (money shows two decimals); counts whole, at least 1 (the model needs one).
  const cents = (v: number) => Math.round(v * 100) / 100;
  const newBill = billsOk ? cents(chosen.newBill!) : NaN;
  const returningBill = billsOk ? cents(chosen.returningBill!) : NaN;
  const newCount = Math.max(1, Math.round(chosen.newCustomers));
  const returningCount = Math.max(1, Math.round(chosen.returningCustomers));
  const over = choice.over;
  const currency = localeCurrency(locale);
  const costsNote = t("data.use.costsSource");
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
                  costsNote,
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
                      costsNote,
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
                  costsNote,
                },
                t("data.use.startDone", { start: f.count(latest.startCustomers), ...where })
              )
            }
          >
            {t("data.use.startButton")}
          </Button>
        </div>
      </div>
      <div className={styles.item} data-testid="use-bills">
        <Field label={t("data.use.periods")} className={styles.field}>
          <Select
            className={styles.select}
            value={choice.value}
            data-testid="use-periods"
            onChange={(_, d) => setPicked(d.value)}
          >
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <Text data-testid="use-bills-text">
          {!view.hasRevenue
            ? t("data.use.noAmounts")
            : billsOk
              ? t("data.use.bills", {
                  newBill: f.money(newBill),
                  returningBill: f.money(returningBill),
                  newCustomers: f.count(newCount),
                  returningCustomers: f.count(returningCount),
                  over,
                  unit,
                })
              : t("data.use.billsMissing", { over })}
        </Text>
        <div className={styles.row}>
          <Button
            disabled={!billsOk}
            onClick={() => {
              const money = { newBill: f.money(newBill), returningBill: f.money(returningBill) };
              use(
                {
                  values: [
                    { key: "segments.new.averageBill", value: newBill },
                    { key: "segments.returning.averageBill", value: returningBill },
                  ],
                  source: t("data.use.billsSource", { ...money, over, data: label }),
                  currency: currency ?? undefined,
                  costsNote,
                },
                t("data.use.billsDone", { ...money, over, data: label })
              );
            }}
          >
            {t("data.use.billsButton")}
          </Button>
          <Button
            onClick={() => {
              const counts = {
                newCustomers: f.count(newCount),
                returningCustomers: f.count(returningCount),
              };
              use(
                {
                  values: [
                    { key: "segments.new.customers", value: newCount },
                    { key: "segments.returning.customers", value: returningCount },
                  ],
                  source: t("data.use.countsSource", { ...counts, over, unit, data: label }),
                  costsNote,
                },
                t("data.use.countsDone", { ...counts, over, data: label })
              );
            }}
          >
            {t("data.use.countsButton", { unit })}
          </Button>
        </div>
        <Text size={200} data-testid="use-scale">
          {currency ? t("data.use.scale", { currency }) : t("data.use.scaleNoCurrency")}
        </Text>
      </div>
      <Text role="status" data-testid="use-status">
        {status}
      </Text>
    </>
  );
}

/**
 * The periods the bills and counts can come from: the latest complete one, averages of the last
 * N (as far as the data goes back), then each complete period on its own, latest first.
 */
function periodChoices(
  view: AnalysisView,
  latestPeriod: number,
  f: DataFormatters,
  t: ReturnType<typeof useLocale>["t"]
): PeriodChoice[] {
  const last = latestPeriod - view.firstPeriod;
  const unit = t(`data.unit.${view.unit}` as MessageKey);
  const period = f.period(latestPeriod);
  const choices: PeriodChoice[] = [
    {
      value: "latest",
      label: t("data.use.periodsLatest", { period, unit }),
      from: last,
      to: last,
      over: t("data.use.overLatest", { period }),
    },
  ];
  for (const count of LAST_PERIODS) {
    if (count > last + 1) break;
    const units = unitsName(t, view.unit, count);
    choices.push({
      value: `last:${count}`,
      label: t("data.use.periodsLast", { count, units }),
      from: last - count + 1,
      to: last,
      over: t("data.use.overLast", { count, units, period }),
    });
  }
  for (let i = last - 1; i >= 0 && i > last - MAX_SINGLE_PERIODS; i--) {
    const name = f.period(view.firstPeriod + i);
    choices.push({ value: `period:${i}`, label: name, from: i, to: i, over: name });
  }
  return choices;
}
