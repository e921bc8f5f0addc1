import { makeStyles, Text } from "@fluentui/react-components";
import { lazy, useMemo } from "react";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import { LazyChart } from "../shared/LazyChart";
import { useTableStyles } from "../shared/table-styles";
import { DataFormatters } from "./data-format";
import { ScrollRegion } from "../shared/ScrollRegion";

const RetentionChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../charts/RetentionChart")
);

const useStyles = makeStyles({ nowrap: { whiteSpace: "nowrap" } });

/** Periods shown in the table; longer histories show the latest ones (the chart shows all). */
export const MAX_TABLE_PERIODS = 60;

const COLUMNS = ["start", "won", "end", "kept", "reactivated", "churned"] as const;

/** The benchmarks of “15 Customer Retention Strategies”, which are annual figures: drawn only when the period is a year. */
export const BENCHMARKS = { smallBusiness: 0.2, insuranceMedia: 0.79 };

/** The period table (S, N, E and its parts, retention = (E − N) ÷ S) and its line chart. */
export function PeriodRetention({ view, f }: { view: AnalysisView; f: DataFormatters }) {
  const table = useTableStyles();
  const styles = useStyles();
  const { t } = useLocale();
  const r = view.retention;
  const n = r.start.length;
  const from = Math.max(0, n - MAX_TABLE_PERIODS);
  const points = useMemo(
    () =>
      Array.from({ length: n }, (_, i) => ({
        label: f.period(view.firstPeriod + i),
        rate: Number.isFinite(r.rate[i]) ? r.rate[i] : null,
      })),
    [view, f, r, n]
  );
  const yearly = view.unit === "year";
  return (
    <>
      {from > 0 && (
        <Text size={200}>
          {t("data.retention.latestOnly", { shown: MAX_TABLE_PERIODS, all: n })}
        </Text>
      )}
      <ScrollRegion label={t("data.retention.caption")}>
        <table className={table.table} data-testid="period-table">
          <caption className={table.caption}>{t("data.retention.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={table.th}>
                {t("data.retention.period")}
              </th>
              {COLUMNS.map((c) => (
                <th key={c} scope="col" className={table.colHead}>
                  {t(`data.retention.${c}`)}
                </th>
              ))}
              <th scope="col" className={table.colHead}>
                {t("data.retention.rate")}
              </th>
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: n - from }, (_, k) => {
              const i = from + k;
              return (
                <tr key={i} data-period={i}>
                  <th scope="row" className={`${table.th} ${styles.nowrap}`}>
                    {points[i].label}
                  </th>
                  {COLUMNS.map((c) => (
                    <td key={c} className={table.num} data-col={c}>
                      {f.count(r[c][i])}
                    </td>
                  ))}
                  <td className={table.num} data-col="rate">
                    {f.percent(r.rate[i])}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <Text size={200}>{t("data.retention.definition")}</Text>
      <LazyChart>
        <RetentionChart
          points={points}
          benchmarks={
            yearly
              ? [
                  { value: BENCHMARKS.smallBusiness, label: t("data.retention.benchmarkSmall") },
                  { value: BENCHMARKS.insuranceMedia, label: t("data.retention.benchmarkHigh") },
                ]
              : []
          }
          name={t("data.retention.rate")}
          summary={t("data.retention.chartSummary")}
          format={f.percent}
        />
      </LazyChart>
      {!yearly && <Text size={200}>{t("data.retention.benchmarksYearly")}</Text>}
    </>
  );
}
