import { Field, makeStyles, Select, Spinner, Text } from "@fluentui/react-components";
import { useState } from "react";
import type { WorkbookHost } from "../../../host/workbook-host";
import { useLocale } from "../../../i18n/locale-context";
import type { SegmentsState } from "../../../state/use-segments";
import type { AnalysisClient } from "../../../worker/analysis-client";
import type { AnalysisView } from "../../../worker/protocol";
import { Notice } from "../../shared/Notice";
import { PlanWorkbook } from "../../shared/PlanWorkbook";
import type { DataFormatters } from "../data-format";
import { SegmentComparison } from "./SegmentComparison";
import { segmentName } from "./segment-sentence";

const useStyles = makeStyles({
  field: { maxWidth: "240px" },
  select: { minWidth: 0, width: "100%" },
});

const WORKBOOK_KEYS = {
  intro: "data.segments.workbook.intro",
  write: "data.segments.workbook.write",
  download: "data.segments.workbook.download",
  fileName: "data.segments.workbook.fileName",
} as const;

/**
 * "Segment by": a picker of the table's other columns ("None" first), the comparison of the
 * chosen column's segments, the segment the period retention and cohort views show, and the
 * comparison as a sheet.
 */
export function SegmentsSection({
  view,
  segments,
  f,
  host,
  client,
}: {
  view: AnalysisView;
  segments: SegmentsState;
  f: DataFormatters;
  host: WorkbookHost;
  client: AnalysisClient;
}) {
  const styles = useStyles();
  const { t } = useLocale();
  const { phase, columns } = segments;
  const [horizon, setHorizon] = useState<number | null>(null);
  const done = phase.kind === "done" ? phase.view : null;
  if (columns.length === 0) return <Text size={200}>{t("data.segments.noColumns")}</Text>;
  return (
    <div data-testid="segments">
      <Text size={200}>
        {t(
          view.shape === "orders" ? "data.segments.introOrders" : "data.segments.introSubscriptions"
        )}
      </Text>
      <Field label={t("data.segments.by")} className={styles.field}>
        <Select
          className={styles.select}
          data-testid="segment-by"
          value={segments.column === null ? "" : String(segments.column)}
          onChange={(_, d) => {
            setHorizon(null);
            segments.choose(d.value === "" ? null : Number(d.value));
          }}
        >
          <option value="">{t("data.segments.none")}</option>
          {columns.map((c) => (
            <option key={c.index} value={String(c.index)}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      {phase.kind === "working" && (
        <Spinner size="tiny" label={t("data.segments.working")} data-testid="segments-working" />
      )}
      {phase.kind === "failed" && (
        <Notice intent="warning" testId="segments-error">
          {t("data.segments.failed", { detail: phase.message })}
        </Notice>
      )}
      {done && done.segments.length === 0 && done.count > done.limit && (
        <Notice intent="warning" testId="segments-too-many">
          {t("data.segments.tooMany", {
            name: done.name,
            count: f.count(done.count),
            limit: done.limit,
          })}
        </Notice>
      )}
      {done && done.segments.length > 0 && (
        <>
          <SegmentComparison view={done} f={f} horizon={horizon} onHorizon={setHorizon} />
          <Field label={t("data.segments.show")} className={styles.field}>
            <Select
              className={styles.select}
              data-testid="segment-shown"
              value={segments.shown === null ? "" : String(segments.shown)}
              onChange={(_, d) => segments.show(d.value === "" ? null : Number(d.value))}
            >
              <option value="">{t("data.segments.showAll")}</option>
              {done.segments.map((s, j) => (
                <option key={j} value={String(j)}>
                  {segmentName(t, s.label)}
                </option>
              ))}
            </Select>
          </Field>
          {segments.shown !== null && (
            <Text size={200} data-testid="segment-showing">
              {t("data.segments.showing", {
                segment: segmentName(t, done.segments[segments.shown].label),
              })}
            </Text>
          )}
          <PlanWorkbook
            host={host}
            plan={(language) => client.segmentPlan(language, horizon ?? done.commonHorizon)}
            keys={WORKBOOK_KEYS}
            testIdPrefix="segments"
          />
        </>
      )}
    </div>
  );
}
