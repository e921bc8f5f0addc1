import { Text } from "@fluentui/react-components";
import { lazy } from "react";
import { formatSerialDate } from "../../../format/period-label";
import { useLocale } from "../../../i18n/locale-context";
import type { LifetimeView } from "../../../worker/protocol";
import { LazyChart } from "../../shared/LazyChart";
import { NumberTable } from "../../shared/NumberTable";
import { Subheading } from "../../shared/Subheading";
import type { DataFormatters } from "../data-format";
import { ModelComparisonTable } from "./ModelComparisonTable";

const RepeatHistogramChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../../charts/RepeatHistogramChart")
);
const RepeatTrackingChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../../charts/RepeatTrackingChart")
);
const ConditionalByFrequencyChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../../charts/ConditionalByFrequencyChart")
);

/**
 * Does the model fit? The chosen model's checks (customer-lifetime-checks.ts) as charts, each
 * with its numbers in a small table, then every model compared. Only formatting here.
 */
export function ModelChecks({ view, f }: { view: LifetimeView; f: DataFormatters }) {
  const { t, locale } = useLocale();
  const { histogram, tracking, byFrequency } = view.checks;
  const model = view.purchases.label;
  const names = {
    actual: t("data.lifetime.check.actual"),
    expected: t("data.lifetime.check.expected"),
  };
  const xLabel = (x: number, max: number) =>
    x === max ? t("data.lifetime.histogram.andMore", { x: f.count(x) }) : f.count(x);
  const bars = Array.from(histogram.actual, (actual, x) => ({
    x: xLabel(x, histogram.maxX),
    actual,
    expected: histogram.expected[x],
  }));
  const one = (v: number) => f.decimal(v, 1);
  const two = (v: number) => f.decimal(v, 2);
  const points =
    tracking &&
    Array.from(tracking.periodEnd, (end, i) => ({
      end: formatSerialDate(end, locale),
      actual: tracking.cumulativeActual[i],
      expected: tracking.cumulativeExpected[i],
    }));
  const groups = byFrequency
    ? Array.from(byFrequency.customers, (n, x) => x).filter((x) => byFrequency.customers[x] > 0)
    : [];
  return (
    <section data-testid="lifetime-checks">
      <Subheading>{t("data.lifetime.checksHeading")}</Subheading>
      <ModelComparisonTable view={view} f={f} />
      <Subheading>{t("data.lifetime.histogram.heading")}</Subheading>
      <LazyChart>
        <RepeatHistogramChart
          bars={bars}
          names={names}
          summary={t("data.lifetime.histogram.summary", { max: f.count(histogram.maxX), model })}
          format={one}
        />
      </LazyChart>
      <NumberTable
        caption={t("data.lifetime.histogram.caption")}
        testId="lifetime-histogram"
        scroll={{ label: t("data.lifetime.histogram.caption") }}
        rows={bars.map((b) => b.x)}
        rowHeader={{ header: t("data.lifetime.histogram.x"), cell: (i) => bars[i].x }}
        columns={[
          { key: "actual", header: names.actual, cell: (i) => f.count(bars[i].actual) },
          { key: "expected", header: names.expected, cell: (i) => one(bars[i].expected) },
        ]}
      />
      {tracking && points ? (
        <>
          <Subheading>{t("data.lifetime.tracking.heading")}</Subheading>
          <LazyChart>
            <RepeatTrackingChart
              points={points}
              calibrationEnd={
                tracking.calibrationPeriods > 0 ? points[tracking.calibrationPeriods - 1].end : null
              }
              names={{ ...names, calibrationEnd: t("data.lifetime.tracking.calibrationEnd") }}
              summary={t("data.lifetime.tracking.summary", {
                from: points[0].end,
                to: points[points.length - 1].end,
                calibration: formatSerialDate(view.calibrationEnd, locale),
                model,
              })}
              format={one}
            />
          </LazyChart>
          <NumberTable
            caption={t("data.lifetime.tracking.caption")}
            testId="lifetime-tracking"
            scroll={{ label: t("data.lifetime.tracking.caption") }}
            rows={points.map((p) => p.end)}
            rowHeader={{
              header: t("data.lifetime.tracking.periodEnd"),
              cell: (i) =>
                i < tracking.calibrationPeriods
                  ? points[i].end
                  : `${points[i].end} (${t("data.lifetime.tracking.holdout")})`,
            }}
            columns={[
              { key: "actual", header: names.actual, cell: (i) => f.count(points[i].actual) },
              { key: "expected", header: names.expected, cell: (i) => one(points[i].expected) },
            ]}
          />
        </>
      ) : (
        <Text size={200} data-testid="lifetime-checks-need-holdout">
          {t("data.lifetime.checksNeedHoldout")}
        </Text>
      )}
      {byFrequency && (
        <>
          <Subheading>{t("data.lifetime.byFrequency.heading")}</Subheading>
          <LazyChart>
            <ConditionalByFrequencyChart
              points={groups.map((x) => ({
                x: xLabel(x, histogram.maxX),
                actual: byFrequency.actualMean[x],
                expected: byFrequency.expectedMean[x],
              }))}
              names={names}
              summary={t("data.lifetime.byFrequency.summary", {
                max: f.count(histogram.maxX),
                model,
              })}
              format={two}
            />
          </LazyChart>
          <NumberTable
            caption={t("data.lifetime.byFrequency.caption")}
            testId="lifetime-by-frequency"
            scroll={{ label: t("data.lifetime.byFrequency.caption") }}
            rows={groups.map((x) => xLabel(x, histogram.maxX))}
            rowHeader={{
              header: t("data.lifetime.histogram.x"),
              cell: (i) => xLabel(groups[i], histogram.maxX),
            }}
            columns={[
              {
                key: "customers",
                header: t("data.lifetime.check.customers"),
                cell: (i) => f.count(byFrequency.customers[groups[i]]),
              },
              {
                key: "actual",
                header: names.actual,
                cell: (i) => two(byFrequency.actualMean[groups[i]]),
              },
              {
                key: "expected",
                header: names.expected,
                cell: (i) => two(byFrequency.expectedMean[groups[i]]),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
