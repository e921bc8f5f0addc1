import { Text } from "@fluentui/react-components";
import { lazy, useMemo } from "react";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { LazyChart } from "../shared/LazyChart";
import { useTableStyles } from "../shared/table-styles";
import { DataFormatters } from "./data-format";
import { ScrollRegion } from "../shared/ScrollRegion";

const SurvivalChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../charts/SurvivalChart")
);

/** Rows of the survival table shown (the chart shows every time). */
const MAX_ROWS = 36;

/** Kaplan-Meier: the share of customers still with the business after t periods, its 95% band and the median lifetime. */
export function SurvivalView({ view, f }: { view: AnalysisView; f: DataFormatters }) {
  const table = useTableStyles();
  const { t } = useLocale();
  const s = view.survival;
  const units = t(`data.units.${view.unit}` as MessageKey);
  // The curve starts at 100% at time 0 and steps down at each time with churn.
  const points = useMemo(() => {
    const out = [{ time: 0, survival: 1, band: [1, 1] as [number, number] }];
    for (let k = 0; k < s.time.length; k++)
      out.push({ time: s.time[k], survival: s.survival[k], band: [s.lower[k], s.upper[k]] });
    return out;
  }, [s]);
  const rows = Math.min(s.time.length, MAX_ROWS);
  return (
    <>
      <Text weight="semibold" data-testid="median-lifetime">
        {s.median === null
          ? t("data.survival.medianNotReached")
          : t("data.survival.median", { periods: f.decimal(s.median, 0), units })}
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
      <ScrollRegion label={t("data.survival.caption")}>
        <table className={table.table} data-testid="survival-table">
          <caption className={table.caption}>{t("data.survival.caption")}</caption>
          <thead>
            <tr>
              {(
                ["time", "atRisk", "churned", "censored", "survival", "lower", "upper"] as const
              ).map((c) => (
                <th key={c} scope="col" className={c === "time" ? table.th : table.colHead}>
                  {t(`data.survival.${c}` as MessageKey, { units })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, k) => (
              <tr key={k}>
                <th scope="row" className={table.th}>
                  {f.decimal(s.time[k], 0)}
                </th>
                <td className={table.num}>{f.count(s.atRisk[k])}</td>
                <td className={table.num}>{f.count(s.churned[k])}</td>
                <td className={table.num}>{f.count(s.censored[k])}</td>
                <td className={table.num}>{f.percent(s.survival[k])}</td>
                <td className={table.num}>{f.percent(s.lower[k])}</td>
                <td className={table.num}>{f.percent(s.upper[k])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
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
