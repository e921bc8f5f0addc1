import { makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useMemo } from "react";
import { linkedReturningCustomers, Scenario } from "../../model/scenario";
import { InputKey } from "../../model/whatif";
import { formatForInput, formatQuantity } from "../format/format-number";
import { useLocale } from "../i18n/locale-context";
import type { WorkbookHost } from "../host/workbook-host";
import { useScenarioEditor } from "../state/use-scenario-editor";
import { useSettledValue } from "../state/use-settled-value";
import { CurrencyPicker } from "./CurrencyPicker";
import { LazyChart } from "./LazyChart";
import { Notice } from "./Notice";
import { ResultsTable } from "./ResultsTable";
import { Section } from "./Section";
import { SegmentInputs } from "./SegmentInputs";

// Everything below the results is a chunk of its own: the first render (the one the user waits
// for) only has to parse, style and lay out the inputs and the results.
const PaneDetails = lazy(() => import(/* webpackChunkName: "pane-details" */ "./PaneDetails"));
const PerCustomerChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../charts/PerCustomerChart")
);

const useStyles = makeStyles({
  pane: {
    padding: `0 ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXL}`,
    maxWidth: "720px",
    marginInline: "auto",
  },
  title: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}`,
  },
  // One column in a narrow task pane, the two groups side by side when there is room.
  inputs: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(min(260px, 100%), 1fr))",
    gap: tokens.spacingVerticalM,
  },
});

export interface PaneProps {
  initialScenario: Scenario;
  host: WorkbookHost;
  theme: "light" | "dark";
}

/** The whole task pane, stacked for a narrow pane: inputs and results first, then PaneDetails. */
export function Pane({ initialScenario, host, theme }: PaneProps) {
  const styles = useStyles();
  const { t, locale } = useLocale();
  const editor = useScenarioEditor(initialScenario, locale);
  const { state, dispatch, outputs, baselineOutputs, messages, canWrite } = editor;
  const { scenario, texts } = state;
  const currency = scenario.currency;

  // Stable callbacks keep the memoised fields and panels from re-rendering for nothing.
  const onEdit = useCallback(
    (key: InputKey, text: string) => dispatch({ type: "edit", key, text }),
    [dispatch]
  );
  const onApply = useCallback(
    (key: InputKey, value: number) => dispatch({ type: "apply", key, value }),
    [dispatch]
  );

  const linkedCustomers =
    scenario.retention.linked &&
    !messages["retention.rate"] &&
    !messages["retention.startCustomers"]
      ? linkedReturningCustomers(scenario)
      : null;
  const chartData = useMemo(
    () =>
      (["new", "returning"] as const).map((segment) => ({
        segment: t(segment === "new" ? "results.new" : "results.returning"),
        averageBill:
          outputs[`${segment}.revenue`] !== null ? scenario.segments[segment].averageBill : null,
        cost: outputs[`${segment}.costPerCustomer`],
        profit: outputs[`${segment}.profitPerCustomer`],
      })),
    [outputs, scenario, t]
  );

  // The chart redraws when typing pauses; the results table beside it shows every figure at once.
  const settledChartData = useSettledValue(chartData);
  const perCustomerChart = useMemo(
    () => (
      <PerCustomerChart
        data={settledChartData}
        names={{
          averageBill: t("charts.averageBill"),
          cost: t("charts.cost"),
          profit: t("charts.profit"),
        }}
        summary={t("charts.perCustomerSummary")}
        format={(v) => formatQuantity(v, "money", currency, locale, true)}
      />
    ),
    [settledChartData, t, currency, locale]
  );

  return (
    <main className={styles.pane} data-can-write={canWrite}>
      <h1 className={styles.title}>{t("app.title")}</h1>
      {host.kind === "preview" && <Notice intent="info">{t("app.previewNotice")}</Notice>}
      {!canWrite && (
        <Notice intent="warning" testId="blocked-notice">
          {t("app.blockedNotice")}
        </Notice>
      )}

      <Section title={t("inputs.heading")}>
        <div className={styles.inputs}>
          <SegmentInputs segment="new" texts={texts} messages={messages} onEdit={onEdit} />
          <SegmentInputs
            segment="returning"
            texts={texts}
            messages={messages}
            onEdit={onEdit}
            derivedCustomers={
              scenario.retention.linked
                ? linkedCustomers === null
                  ? ""
                  : formatForInput(linkedCustomers, locale)
                : undefined
            }
          />
          <CurrencyPicker
            value={currency}
            onChange={(c) => dispatch({ type: "currency", currency: c })}
          />
        </div>
      </Section>

      <Section title={t("results.heading")}>
        <ResultsTable outputs={outputs} currency={currency} />
        <LazyChart>{perCustomerChart}</LazyChart>
      </Section>

      {/* No fallback: the sections simply appear below the results once their chunk is in. */}
      <Suspense fallback={null}>
        <PaneDetails
          host={host}
          theme={theme}
          scenario={scenario}
          texts={texts}
          messages={messages}
          outputs={outputs}
          baselineOutputs={baselineOutputs}
          canWrite={canWrite}
          linkedCustomers={linkedCustomers}
          dispatch={dispatch}
          onEdit={onEdit}
          onApply={onApply}
        />
      </Suspense>
    </main>
  );
}
