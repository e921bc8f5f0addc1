import { Text } from "@fluentui/react-components";
import { lazy, useMemo } from "react";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import { LazyChart } from "../shared/LazyChart";
import { DataFormatters } from "./data-format";
import { MAX_TABLE_PERIODS, PeriodTable } from "./PeriodTable";

const RetentionChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../charts/RetentionChart")
);

const COUNTS = ["start", "won", "end", "kept", "reactivated", "churned"] as const;

/** The period table (S, N, E and its parts, retention = (E − N) ÷ S) and its line chart. */
export function PeriodRetention({ view, f }: { view: AnalysisView; f: DataFormatters }) {
  const { t } = useLocale();
  const r = view.retention;
  const n = r.start.length;
  const points = useMemo(
    () =>
      Array.from({ length: n }, (_, i) => ({
        label: f.period(view.firstPeriod + i),
        rate: Number.isFinite(r.rate[i]) ? r.rate[i] : null,
      })),
    [view, f, r, n]
  );
  // The benchmarks of “15 Customer Retention Strategies” are annual: drawn only for yearly periods.
  const yearly = view.unit === "year";
  return (
    <>
      {n > MAX_TABLE_PERIODS && (
        <Text size={200}>
          {t("data.retention.latestOnly", { shown: MAX_TABLE_PERIODS, all: n })}
        </Text>
      )}
      <PeriodTable
        view={view}
        f={f}
        periods={n}
        caption={t("data.retention.caption")}
        testId="period-table"
        // The rate first: what the user came for stays in sight in a narrow pane.
        columns={[
          { key: "rate", header: t("data.retention.rate"), cell: (i) => f.percent(r.rate[i]) },
          ...COUNTS.map((c) => ({
            key: c,
            header: t(`data.retention.${c}`),
            cell: (i: number) => f.count(r[c][i]),
          })),
        ]}
      />
      <Text size={200}>{t("data.retention.definition")}</Text>
      <LazyChart>
        <RetentionChart
          points={points}
          benchmarks={
            yearly
              ? {
                  smallBusiness: t("data.retention.benchmarkSmall"),
                  insuranceMedia: t("data.retention.benchmarkHigh"),
                }
              : null
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
