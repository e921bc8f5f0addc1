import { makeStyles, tokens } from "@fluentui/react-components";
import { lazy, Suspense, useCallback, useId, useMemo, useState } from "react";
import { linkedReturningCustomers, Scenario } from "../../../model/economics/scenario";
import { InputKey } from "../../../model/whatif/worked-example-model";
import { formatForInput, formatQuantity } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import { Language, loadDataStrings, loadDetailStrings } from "../../i18n/strings";
import type { WorkbookHost } from "../../host/workbook-host";
import { useScenarioEditor } from "../../state/use-scenario-editor";
import { useFirstScreenShown } from "../../state/use-first-screen-shown";
import { useSettledValue } from "../../state/use-settled-value";
import { CurrencyPicker } from "../what-if/CurrencyPicker";
import { LazyChart } from "../shared/LazyChart";
import { Notice } from "../shared/Notice";
import { PaneTabs } from "./PaneTabs";
import type { ModelUse } from "../your-data/UseInModel";
import { SCALED_COST_KEYS } from "../../../model/whatif/keep-cost-shares";
import { ResultsTable } from "../what-if/ResultsTable";
import { Section } from "../shared/Section";
import { SegmentInputs } from "../what-if/SegmentInputs";

// Everything below the results is a chunk of its own, with its strings: the first render (the
// one the user waits for) only has to parse, style and lay out the inputs and the results.
const paneDetailsIn = (language: Language) =>
  lazy(() =>
    Promise.all([
      import(/* webpackChunkName: "pane-details" */ "../what-if/PaneDetails"),
      loadDetailStrings(language),
    ]).then(([details]) => details)
  );
// "Your data" loads (with its strings, and the workbook's) when its tab is first opened: the
// what-if view's first screen never waits for it.
const dataViewIn = (language: Language) =>
  lazy(() =>
    Promise.all([
      import(/* webpackChunkName: "data-view" */ "../your-data/DataView"),
      loadDataStrings(language),
      loadDetailStrings(language),
    ]).then(([view]) => view)
  );
// Only an older custom-functions runtime shows this warning (and its Fluent Button): not the
// first download of every pane.
const RuntimeNotice = lazy(() =>
  import(/* webpackChunkName: "runtime-notice" */ "../shared/RuntimeNotice").then((m) => ({
    default: m.RuntimeNotice,
  }))
);
const PerCustomerChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../charts/PerCustomerChart")
);

const useStyles = makeStyles({
  // The space above the title is padding, not the title's margin: a margin would collapse
  // through the theme's background and show the page's white above the title in the dark theme.
  pane: {
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXL}`,
    maxWidth: "720px",
    marginInline: "auto",
  },
  title: {
    fontSize: tokens.fontSizeBase500,
    fontWeight: tokens.fontWeightSemibold,
    margin: `0 0 ${tokens.spacingVerticalS}`,
  },
  fromData: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
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
  const { t, locale, language } = useLocale();
  const PaneDetails = useMemo(() => paneDetailsIn(language), [language]);
  const DataView = useMemo(() => dataViewIn(language), [language]);
  const editor = useScenarioEditor(initialScenario, locale);
  const firstScreenShown = useFirstScreenShown();
  const dataLoading = <p>{t("data.loading")}</p>;
  const { state, dispatch, outputs, messages, canWrite } = editor;
  const { scenario, texts } = state;
  const currency = scenario.currency;

  const [tab, setTab] = useState<"model" | "data">("model");
  const [dataOpened, setDataOpened] = useState(false);
  const ids = { model: useId(), data: useId() };
  // Inputs carried in from "Your data", with where each came from; typing over one forgets it.
  const [fromData, setFromData] = useState<Partial<Record<InputKey, string>>>({});
  const forget = useCallback(
    (key: InputKey) =>
      setFromData((notes) => {
        if (!(key in notes)) return notes;
        const rest = { ...notes };
        delete rest[key];
        return rest;
      }),
    []
  );
  const onUse = useCallback(
    (use: ModelUse) => {
      // One step: the figures, and the costs scaled to keep their share of revenue.
      dispatch({ type: "fromData", values: use.values, link: use.link, currency: use.currency });
      setFromData((notes) => ({
        ...notes,
        ...Object.fromEntries(use.values.map(({ key }) => [key, use.source])),
        ...(use.costsNote
          ? Object.fromEntries(SCALED_COST_KEYS.map((key) => [key, use.costsNote]))
          : {}),
      }));
    },
    [dispatch]
  );

  // Stable callbacks keep the memoised fields and panels from re-rendering for nothing.
  const onEdit = useCallback(
    (key: InputKey, text: string) => {
      forget(key);
      dispatch({ type: "edit", key, text });
    },
    [dispatch, forget]
  );
  const onApply = useCallback(
    (key: InputKey, value: number) => {
      forget(key);
      dispatch({ type: "apply", key, value });
    },
    [dispatch, forget]
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
      {host.functionsRuntimeOutdated && (
        <Suspense fallback={null}>
          <RuntimeNotice host={host} />
        </Suspense>
      )}
      <PaneTabs
        label={t("tabs.label")}
        selected={tab}
        onSelect={(next) => {
          if (next === "data") setDataOpened(true);
          setTab(next);
        }}
        tabs={[
          { value: "model", label: t("tabs.model"), id: ids.model },
          { value: "data", label: t("tabs.data"), id: ids.data },
        ]}
      />

      <div
        role="tabpanel"
        id={`${ids.model}-panel`}
        aria-labelledby={ids.model}
        hidden={tab !== "model"}
      >
        {Object.keys(fromData).length > 0 && (
          <Notice intent="info" testId="from-data">
            {t("data.use.notesHeading")}
            <ul className={styles.fromData}>
              {/* One line per source: both average bills share theirs. */}
              {[...new Set(Object.values(fromData))].map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          </Notice>
        )}
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
          <LazyChart load={firstScreenShown}>{perCustomerChart}</LazyChart>
        </Section>

        {/* No fallback: the sections simply appear below the results once their chunk is in. */}
        {firstScreenShown && !host.provisional && (
          <Suspense fallback={null}>
            <PaneDetails
              host={host}
              theme={theme}
              editor={editor}
              linkedCustomers={linkedCustomers}
              onEdit={onEdit}
              onApply={onApply}
            />
          </Suspense>
        )}
      </div>

      {dataOpened && (
        <div
          role="tabpanel"
          id={`${ids.data}-panel`}
          aria-labelledby={ids.data}
          hidden={tab !== "data"}
        >
          {host.provisional ? (
            dataLoading
          ) : (
            <Suspense fallback={dataLoading}>
              <DataView host={host} theme={theme} onUse={onUse} />
            </Suspense>
          )}
        </div>
      )}
    </main>
  );
}
