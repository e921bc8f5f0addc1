import { Button, makeStyles, ProgressBar, Text, tokens } from "@fluentui/react-components";
import {
  lazy,
  memo,
  ReactNode,
  startTransition,
  useCallback,
  useEffect,
  useMemo,
  useState,
} from "react";
import type { AnalysisClient } from "../../worker/analysis-client";
import type { AnalysisView } from "../../worker/protocol";
import { createAnalysisWorker } from "../../worker/assets";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { useDataAnalysis } from "../../state/use-data-analysis";
import { SegmentsState, useSegments } from "../../state/use-segments";
import { LazyChart } from "../shared/LazyChart";
import { Notice } from "../shared/Notice";
import { Section } from "../shared/Section";
import { AnalysisWorkbook } from "./AnalysisWorkbook";
import { CohortHeatMap } from "./CohortHeatMap";
import { ColumnMatching } from "./ColumnMatching";
import { DataCheck } from "./DataCheck";
import { DataFormatters, dataFormatters } from "./data-format";
import { PeriodRetention } from "./PeriodRetention";
import { RevenueMovements } from "./RevenueMovements";
import { SegmentsSection } from "./segments/SegmentsSection";
import { DriversSection } from "./drivers/DriversSection";
import { SbgFitView } from "./SbgFitView";
import { SourcePicker } from "./SourcePicker";
import { SurvivalView } from "./SurvivalView";
import { tooLargeMessage } from "./too-large-message";
import { ModelUse, UseInModel } from "./UseInModel";
import { ValueClaims } from "./ValueClaims";

// BG/NBD and Gamma-Gamma for orders: a chunk of its own, loaded when an orders view is shown.
const CustomerLifetimePanel = lazy(
  () => import(/* webpackChunkName: "customer-lifetime" */ "./CustomerLifetimePanel")
);

// The plan: loaded with the first view that shows it.
const PlanView = lazy(() =>
  import(/* webpackChunkName: "plan" */ "../plan/PlanView").then((m) => ({ default: m.PlanView }))
);

// Each section memoised on its own inputs (the view and its formats): opening another source
// gives the results on screen a new name and new columns to segment by, and without this every
// table and chart of the analysis already drawn was drawn again, in one task of 130-150 ms.
const Memo = {
  AnalysisWorkbook: memo(AnalysisWorkbook),
  CohortHeatMap: memo(CohortHeatMap),
  CustomerLifetimePanel: memo(CustomerLifetimePanel),
  PeriodRetention: memo(PeriodRetention),
  PlanView: memo(PlanView),
  RevenueMovements: memo(RevenueMovements),
  SbgFitView: memo(SbgFitView),
  SurvivalView: memo(SurvivalView),
  UseInModel: memo(UseInModel),
  ValueClaims: memo(ValueClaims),
};

const useStyles = makeStyles({
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

export interface DataViewProps {
  host: WorkbookHost;
  theme: "light" | "dark";
  /** Carries figures into the what-if model. */
  onUse: (use: ModelUse) => void;
}

/**
 * "Your data": open a table (Excel's selection or a table; a CSV file, a pasted range or the
 * sample in the preview), check how its columns are read, and see its retention, cohorts,
 * survival and revenue retention, computed by the model in a worker. A chunk of its own, loaded
 * when the tab is first opened.
 */
export default function DataView({ host, theme, onUse }: DataViewProps) {
  const styles = useStyles();
  const { t, locale } = useLocale();
  const data = useDataAnalysis(host, locale, createAnalysisWorker);
  const { source, settings, phase, view } = data;
  const f = useMemo(() => (view ? dataFormatters(view, locale) : null), [view, locale]);
  const busy = phase.kind === "reading" || phase.kind === "analysing";
  // Rows dated after today: no figure until the user agrees to leave them out (asked again for each source).
  const [leaveOutFuture, setLeaveOutFuture] = useState(false);
  useEffect(() => setLeaveOutFuture(false), [source]);
  const shown = view !== null && (view.future === null || leaveOutFuture);
  const letterName = useCallback(
    (letter: string) => t("data.segments.columnLetter", { letter }),
    [t]
  );
  const segments = useSegments(
    data.client,
    source?.table ?? null,
    source?.sample ?? null,
    settings,
    view,
    letterName
  );

  return (
    <div data-testid="data-view">
      <Section title={t("data.source.heading")}>
        <Text size={200}>
          {t(host.tables ? "data.source.introExcel" : "data.source.introPreview")}
        </Text>
        <SourcePicker host={host} data={data} />
        {source && (
          <Text size={200} data-testid="data-source">
            {t("data.source.opened", { name: source.label })}
          </Text>
        )}
        {busy && (
          <div className={styles.progress} data-testid="data-progress">
            <ProgressBar
              value={
                phase.kind === "reading"
                  ? phase.total > 0
                    ? phase.read / phase.total
                    : undefined
                  : (phase.fraction ?? undefined)
              }
              aria-label={t("data.progress.label")}
            />
            <div className={styles.row}>
              <Text role="status">
                {phase.kind === "reading"
                  ? t("data.progress.reading", {
                      read: phase.read.toLocaleString(locale),
                      total: phase.total.toLocaleString(locale),
                    })
                  : t("data.progress.analysing", { rows: phase.rows.toLocaleString(locale) })}
              </Text>
              <Button onClick={data.cancel}>{t("data.progress.cancel")}</Button>
            </div>
            {phase.kind === "reading" && phase.note && (
              <Text size={200} data-testid="data-progress-note">
                {t("data.progress.smallerBlocks", {
                  refused: phase.note.refusedRows.toLocaleString(locale),
                  rows: phase.note.smallerBlocks.toLocaleString(locale),
                })}
              </Text>
            )}
          </div>
        )}
        {phase.kind === "cancelled" && (
          <Text role="status" data-testid="data-cancelled">
            {t("data.progress.cancelled")}
          </Text>
        )}
        {phase.kind === "empty" && <Notice intent="warning">{t("data.error.empty")}</Notice>}
        {phase.kind === "failed" && (
          <Notice intent="warning" testId="data-error">
            {phase.problem
              ? t(source?.table.kind === "blocks" ? "data.error.sheetRow" : "data.error.line", {
                  row: phase.problem.row.toLocaleString(locale),
                  column: phase.problem.column,
                  problem: phase.problem.problem,
                  name: source?.label ?? "",
                })
              : phase.multiArea !== undefined
                ? t("data.error.multiArea", { areas: phase.multiArea })
                : phase.tooLarge
                  ? tooLargeMessage(t, locale, phase.tooLarge)
                  : t("data.error.other", { detail: phase.message })}
          </Notice>
        )}
        {source && settings && (
          <>
            {data.missing.length > 0 && (
              <Notice intent="warning" testId="data-missing">
                {t("data.match.missing", {
                  roles: data.missing.map((r) => t(`data.role.${r}` as MessageKey)).join(", "),
                })}
              </Notice>
            )}
            <ColumnMatching
              settings={settings}
              sample={source.sample}
              onChange={data.changeSettings}
              onShape={data.changeShape}
            />
          </>
        )}
      </Section>

      {view && f && source && (
        <DataCheck
          view={view}
          f={f}
          leaveOutFuture={leaveOutFuture}
          onLeaveOutFuture={setLeaveOutFuture}
        />
      )}
      {view && f && source && shown && (
        <AnalysisResults
          view={view}
          f={f}
          label={source.label}
          host={host}
          theme={theme}
          client={data.client}
          onUse={onUse}
          segments={segments}
        />
      )}
      {view && f && source && shown && settings && (
        <DriversSection
          client={data.client}
          host={host}
          table={source.table}
          sample={source.sample}
          settings={settings}
          view={view}
          f={f}
        />
      )}
    </div>
  );
}

interface AnalysisResultsProps {
  view: AnalysisView;
  f: DataFormatters;
  label: string;
  host: WorkbookHost;
  theme: "light" | "dark";
  client: AnalysisClient;
  onUse: (use: ModelUse) => void;
  segments: SegmentsState;
}

/**
 * The views of one analysis. Memoised: progress of the next analysis re-renders the view above
 * it many times a second, and must not redraw every table and chart each time.
 */
const AnalysisResults = memo(function AnalysisResults({
  view,
  f,
  label,
  host,
  theme,
  client,
  onUse,
  segments,
}: AnalysisResultsProps) {
  const { t, locale } = useLocale();
  const shown = useStagedCount(view, RESULT_SECTIONS);
  // Period retention and cohorts show one segment when the user picks one ("Segment by").
  const one = segments.shownView ?? view;
  const fOne = useMemo(
    () => (one === view ? f : dataFormatters(one, locale)),
    [one, view, f, locale]
  );
  return (
    <div data-testid="data-results">
      {
        [
          <Section key="segments" title={t("data.segments.heading")}>
            <SegmentsSection view={view} segments={segments} f={f} host={host} client={client} />
          </Section>,
          <Section key="retention" title={t("data.retention.heading")}>
            <Text data-testid="data-summary">
              {t(one.shape === "orders" ? "data.summary.orders" : "data.summary.subscriptions", {
                [one.shape === "orders" ? "orders" : "subscriptions"]: t(
                  one.shape === "orders" ? "data.count.orders" : "data.count.subscriptions",
                  { count: one.rows, n: fOne.count(one.rows) }
                ),
                customers: t("data.count.customers", {
                  count: one.customers,
                  n: fOne.count(one.customers),
                }),
                from: fOne.period(one.firstPeriod),
                to: fOne.period(one.firstPeriod + one.periodStart.length - 1),
                unit: t(`data.unit.${one.unit}` as MessageKey),
              })}
            </Text>
            <Memo.PeriodRetention view={one} f={fOne} />
          </Section>,
          <Section key="use" title={t("data.use.heading")}>
            <Memo.UseInModel view={view} f={f} label={label} onUse={onUse} />
          </Section>,
          <Section key="cohorts" title={t("data.cohorts.heading")}>
            <Memo.CohortHeatMap view={one} f={fOne} theme={theme} />
          </Section>,
          <Section key="survival" title={t("data.survival.heading")}>
            <Memo.SurvivalView view={view} f={f} />
          </Section>,
          <Section key="sbg" title={t("data.sbg.heading")}>
            <Memo.SbgFitView view={view} f={f} />
          </Section>,
          <Section key="plan" title={t("data.plan.heading")}>
            <LazyChart>
              <Memo.PlanView view={view} client={client} host={host} f={f} theme={theme} />
            </LazyChart>
          </Section>,
          view.movements ? (
            <Section key="movements" title={t("data.movements.heading")}>
              <Memo.RevenueMovements view={view} f={f} />
            </Section>
          ) : null,
          view.hasRevenue ? (
            <Section key="value" title={t("data.value.heading")}>
              <Memo.ValueClaims view={view} f={f} />
            </Section>
          ) : null,
          view.shape === "orders" ? (
            <Section key="lifetime" title={t("data.lifetime.heading")}>
              <LazyChart>
                <Memo.CustomerLifetimePanel
                  analysis={view.analysis}
                  client={client}
                  host={host}
                  f={f}
                />
              </LazyChart>
            </Section>
          ) : null,
          <Section key="workbook" title={t("data.workbook.heading")}>
            <Memo.AnalysisWorkbook host={host} client={client} />
          </Section>,
        ].slice(0, shown) as ReactNode[]
      }
    </div>
  );
});

/** The result sections, drawn one per commit (see useStagedCount). */
const RESULT_SECTIONS = 11;

/**
 * How many of `total` parts to draw for `key`: one more in each transition after the last, so
 * a new analysis reaches the screen in several short main-thread tasks rather than one long one.
 */
function useStagedCount(key: unknown, total: number): number {
  const [staged, setStaged] = useState<{ key: unknown; count: number }>({ key, count: 0 });
  const count = staged.key === key ? staged.count : 0;
  useEffect(() => {
    if (key === null || count >= total) return;
    const timer = setTimeout(() => startTransition(() => setStaged({ key, count: count + 1 })));
    return () => clearTimeout(timer);
  }, [key, count, total]);
  return count;
}
