import { Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import { lazy, useMemo, useState } from "react";
import { restrictedMean } from "../../../../model/survival/rmst";
import { parseLocaleNumber } from "../../../format/parse-number";
import { useLocale } from "../../../i18n/locale-context";
import type { SegmentsView } from "../../../worker/protocol";
import { LazyChart } from "../../shared/LazyChart";
import { NumberTable } from "../../shared/NumberTable";
import type { DataFormatters } from "../data-format";
import { unitsName } from "../unit-name";
import { SEGMENT_COLORS } from "./segment-colors";
import { segmentName, segmentSentence } from "./segment-sentence";

const SegmentSurvivalChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../../charts/SegmentSurvivalChart")
);

const useStyles = makeStyles({
  field: { maxWidth: "240px" },
  swatch: {
    display: "inline-block",
    width: "10px",
    height: "10px",
    marginInlineEnd: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusCircular,
    flexShrink: 0,
  },
  name: { display: "inline-flex", alignItems: "center" },
});

/**
 * The segments compared: the log-rank result in one sentence, the Kaplan-Meier curves overlaid,
 * and a table of each segment's customers, churn, median (with its interval), restricted mean
 * lifetime up to a horizon the user can change, and sBG fit. Every figure is the model's; the
 * RMST at another horizon is the model's restrictedMean over the segment's curve.
 */
export function SegmentComparison({
  view,
  f,
  horizon,
  onHorizon,
}: {
  view: SegmentsView;
  f: DataFormatters;
  /** The horizon typed (null: the default, view.commonHorizon). */
  horizon: number | null;
  onHorizon: (horizon: number | null) => void;
}) {
  const styles = useStyles();
  const { t, locale } = useLocale();
  const { segments, unit } = view;
  const units = unitsName(t, unit);
  const [text, setText] = useState<string | null>(null);
  const invalid = text !== null && horizon === null && text.trim() !== "";
  const used = horizon ?? view.commonHorizon;
  const rmst = useMemo(
    () => segments.map((s) => restrictedMean(s.survival, used)),
    [segments, used]
  );
  // Longest- to shortest-lived by RMST up to the horizon every segment reaches.
  const order = useMemo(() => {
    const at = segments.map((s) => restrictedMean(s.survival, view.commonHorizon).mean);
    return segments.map((_, j) => j).sort((a, b) => at[b] - at[a] || a - b);
  }, [segments, view.commonHorizon]);
  // The curves as one table of times: each segment's survival carried forward to its last time.
  const points = useMemo(() => {
    const times = new Set<number>([0]);
    for (const s of segments) for (const x of s.survival.time) times.add(x);
    const sorted = [...times].sort((a, b) => a - b);
    const at = segments.map(() => 0);
    return sorted.map((time) => {
      const point: Record<string, number | null> = { time };
      segments.forEach((s, j) => {
        const km = s.survival;
        while (at[j] < km.time.length && km.time[at[j]] <= time) at[j]++;
        const last = km.time.length > 0 ? km.time[km.time.length - 1] : 0;
        point[`s${j}`] = time > last ? null : at[j] === 0 ? 1 : km.survival[at[j] - 1];
      });
      return point;
    });
  }, [segments]);
  const name = (j: number) => segmentName(t, segments[j].label);
  const { chiSquare, degreesOfFreedom, pValue } = view.logRank;
  return (
    <>
      <Text weight="semibold" data-testid="segment-sentence">
        {segmentSentence(t, f, view, order)}
      </Text>
      {chiSquare !== null && pValue !== null && (
        <Text size={200} data-testid="segment-test">
          {t("data.segments.test", {
            chi: f.decimal(chiSquare, 2),
            df: f.count(degreesOfFreedom),
            p: pValue < 0.0001 ? `< ${f.decimal(0.0001, 4)}` : f.decimal(pValue, 4),
          })}
        </Text>
      )}
      <LazyChart>
        <SegmentSurvivalChart
          points={points}
          series={segments.map((_, j) => ({ name: name(j), color: SEGMENT_COLORS[j] }))}
          summary={t("data.segments.chartSummary", { k: segments.length })}
          timeLabel={units}
          format={f.percent}
        />
      </LazyChart>
      <Field
        label={t("data.segments.horizon", { units })}
        className={styles.field}
        validationState={invalid ? "error" : "none"}
        validationMessage={invalid ? t("data.segments.horizonInvalid") : undefined}
      >
        <Input
          data-testid="segment-horizon"
          value={
            text ?? f.decimal(view.commonHorizon, Number.isInteger(view.commonHorizon) ? 0 : 2)
          }
          onChange={(_, d) => {
            setText(d.value);
            const n = parseLocaleNumber(d.value, locale);
            onHorizon(Number.isFinite(n) && n > 0 ? n : null);
          }}
        />
      </Field>
      <NumberTable
        caption={t("data.segments.caption")}
        testId="segment-table"
        scroll={{ label: t("data.segments.caption") }}
        markColumns
        rows={segments.length}
        rowHeader={{
          header: t("data.segments.segment"),
          cell: (j) => (
            <span className={styles.name}>
              <span
                className={styles.swatch}
                style={{ background: SEGMENT_COLORS[j] }}
                aria-hidden="true"
              />
              {name(j)}
            </span>
          ),
        }}
        columns={[
          {
            key: "customers",
            header: t("data.segments.customers"),
            cell: (j) => f.count(segments[j].customers),
          },
          {
            key: "churned",
            header: t("data.segments.churned"),
            cell: (j) => f.count(segments[j].churned),
          },
          {
            key: "median",
            header: t("data.segments.median", { units }),
            cell: (j) => medianCell(segments[j]),
          },
          {
            key: "rmst",
            header: t("data.segments.rmst", { units }),
            cell: (j) => f.decimal(rmst[j].mean, 2),
          },
          {
            key: "alpha",
            header: t("data.segments.alpha"),
            cell: (j) => sbgCell(j, (s) => f.decimal(s.alpha, 3)),
          },
          {
            key: "beta",
            header: t("data.segments.beta"),
            cell: (j) => sbgCell(j, (s) => f.decimal(s.beta, 3)),
          },
          {
            key: "nextRetention",
            header: t("data.segments.nextRetention"),
            cell: (j) => sbgCell(j, (s) => f.percent(s.nextRetention)),
          },
        ]}
      />
      <Text size={200}>
        {t("data.segments.horizonNote", {
          horizon: t("data.duration", {
            n: f.decimal(view.commonHorizon, Number.isInteger(view.commonHorizon) ? 0 : 2),
            units,
          }),
        })}
      </Text>
    </>
  );

  function medianCell(s: SegmentsView["segments"][number]): string {
    const time = (v: number | null) =>
      v === null ? t("data.segments.notReached") : f.decimal(v, Number.isInteger(v) ? 0 : 1);
    if (s.median === null) return t("data.segments.notReached");
    return t("data.segments.interval", {
      median: time(s.median),
      lower: time(s.medianLower),
      upper: time(s.medianUpper),
    });
  }

  function sbgCell(
    j: number,
    show: (fit: { alpha: number; beta: number; nextRetention: number }) => string
  ): string {
    const fit = segments[j].sbg;
    return "error" in fit ? t("data.segments.noFit") : show(fit);
  }
}
