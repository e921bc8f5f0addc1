import { Text } from "@fluentui/react-components";
import { lazy, useMemo } from "react";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { unitsName } from "./unit-name";
import { LazyChart } from "../shared/LazyChart";
import { NumberTable } from "../shared/NumberTable";
import { DataFormatters } from "./data-format";

const SurvivalChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../charts/SurvivalChart")
);

/** Rows of the survival table shown (the chart shows every time). */
const MAX_ROWS = 36;

/** Kaplan-Meier: the share of customers still with the business after t periods, its 95% band and the median lifetime. */
export function SurvivalView({ view, f }: { view: AnalysisView; f: DataFormatters }) {
  const { t } = useLocale();
  const s = view.survival;
  const units = unitsName(t, view.unit);
  // The curve starts at 100% at time 0 and steps down at each time with churn.
  const points = useMemo(() => {
    const out = [{ time: 0, survival: 1, band: [1, 1] as [number, number] }];
    for (let k = 0; k < s.time.length; k++)
      out.push({ time: s.time[k], survival: s.survival[k], band: [s.lower[k], s.upper[k]] });
    return out;
  }, [s]);
  // Each figure column: its header's key and its cell.
  const figures: [string, (k: number) => string][] = [
    ["atRisk", (k) => f.count(s.atRisk[k])],
    ["churned", (k) => f.count(s.churned[k])],
    ["censored", (k) => f.count(s.censored[k])],
    ["survival", (k) => f.percent(s.survival[k])],
    ["lower", (k) => f.percent(s.lower[k])],
    ["upper", (k) => f.percent(s.upper[k])],
  ];
  return (
    <>
      <Text weight="semibold" data-testid="median-lifetime">
        {s.median === null
          ? t("data.survival.medianNotReached")
          : t("data.survival.median", {
              duration: t("data.duration", {
                n: f.decimal(s.median, 0),
                units: t(`data.units.${view.unit}` as MessageKey, { count: Math.round(s.median) }),
              }),
            })}
      </Text>
      <LazyChart>
        <SurvivalChart
          points={points}
          median={s.median}
          names={{
            survival: t("data.survival.survival"),
            band: t("data.survival.band"),
            median: t("data.survival.medianShort"),
          }}
          summary={t("data.survival.chartSummary")}
          timeLabel={units}
          format={f.percent}
        />
      </LazyChart>
      <NumberTable
        caption={t("data.survival.caption")}
        testId="survival-table"
        scroll={{ label: t("data.survival.caption") }}
        rows={Math.min(s.time.length, MAX_ROWS)}
        rowHeader={{
          header: t("data.survival.time", { units }),
          cell: (k) => f.decimal(s.time[k], 0),
        }}
        columns={figures.map(([key, cell]) => ({
          key,
          header: t(`data.survival.${key}` as MessageKey, { units }),
          cell,
        }))}
      />
      <Text size={200}>
        {t(
          view.shape === "orders"
            ? "data.survival.definitionOrders"
            : "data.survival.definitionSubscriptions"
        )}
      </Text>
    </>
  );
}
