import { Checkbox, makeStyles, Spinner, Text, tokens } from "@fluentui/react-components";
import { lazy, memo, useCallback, useMemo } from "react";
import type { WorkbookHost } from "../../../host/workbook-host";
import type { AnalysisClient } from "../../../worker/analysis-client";
import type {
  AnalysisSettings,
  AnalysisView,
  DriversView,
  TableSource,
} from "../../../worker/protocol";
import { useLocale } from "../../../i18n/locale-context";
import type { MessageKey } from "../../../i18n/strings";
import { useDrivers } from "../../../state/use-drivers";
import { LazyChart } from "../../shared/LazyChart";
import { Notice } from "../../shared/Notice";
import { NumberTable } from "../../shared/NumberTable";
import { PlanWorkbook } from "../../shared/PlanWorkbook";
import { Section } from "../../shared/Section";
import type { DataFormatters } from "../data-format";
import { driverSentences, termName } from "./driver-sentences";

const ForestChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../../charts/ForestChart")
);

const WORKBOOK_KEYS = {
  intro: "data.drivers.workbook.intro",
  write: "data.drivers.workbook.write",
  download: "data.drivers.workbook.download",
  fileName: "data.drivers.workbook.fileName",
} as const;

const useStyles = makeStyles({
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  columns: { display: "flex", flexDirection: "column", border: "none", margin: 0, padding: 0 },
  legend: { padding: 0, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalL },
});

export interface DriversSectionProps {
  client: AnalysisClient;
  host: WorkbookHost;
  table: TableSource;
  sample: readonly (readonly unknown[])[];
  settings: AnalysisSettings;
  view: AnalysisView;
  f: DataFormatters;
}

/**
 * "What goes with leaving": shown when the table has columns beyond those matched. The user
 * ticks which to use; the worker fits the Cox model; the pane shows the hazard ratios as a forest
 * chart, a table and sentences, and says once that this is association, not cause. Memoised,
 * as the results above it are: the next analysis's progress re-renders the tab.
 */
export const DriversSection = memo(function DriversSection({
  client,
  host,
  table,
  sample,
  settings,
  view,
  f,
}: DriversSectionProps) {
  const styles = useStyles();
  const { t } = useLocale();
  const letterName = useCallback(
    (letter: string) => t("data.segments.columnLetter", { letter }),
    [t]
  );
  const drivers = useDrivers(client, table, sample, settings, view, letterName);
  const { columns, phase } = drivers;
  if (columns.length === 0) return null;
  const done = phase.kind === "done" ? phase.view : null;
  const anyTicked = columns.some((c) => drivers.ticked(c.index));
  return (
    <Section title={t("data.drivers.heading")}>
      <div className={styles.stack} data-testid="drivers">
        <Text size={200}>
          {t(
            settings.shape === "orders"
              ? "data.drivers.introOrders"
              : "data.drivers.introSubscriptions"
          )}
        </Text>
        <fieldset className={styles.columns}>
          <legend className={styles.legend}>{t("data.drivers.columns")}</legend>
          {columns.map((c) => {
            const described = done?.columns.find((d) => d.index === c.index);
            return (
              <Checkbox
                key={c.index}
                data-testid={`driver-column-${c.index}`}
                checked={drivers.ticked(c.index)}
                disabled={phase.kind === "working"}
                onChange={(_, d) => drivers.toggle(c.index, d.checked === true)}
                label={
                  described?.idLike
                    ? t("data.drivers.idLike", { name: c.name, count: f.count(described.distinct) })
                    : c.name
                }
              />
            );
          })}
        </fieldset>
        {phase.kind === "working" && (
          <Spinner size="tiny" label={t("data.drivers.working")} data-testid="drivers-working" />
        )}
        {phase.kind === "failed" && (
          <Notice intent="warning" testId="drivers-error">
            {t("data.drivers.failed", { detail: phase.message })}
          </Notice>
        )}
        {phase.kind !== "working" && !anyTicked && done && (
          <Text size={200} data-testid="drivers-none">
            {t("data.drivers.noneTicked")}
          </Text>
        )}
        {done && done.problem && (
          <Notice intent="warning" testId="drivers-problem">
            {problemText(done.problem)}
          </Notice>
        )}
        {done && done.terms.length > 0 && <DriversResult view={done} f={f} host={host} />}
      </div>
    </Section>
  );

  function problemText(problem: NonNullable<DriversView["problem"]>): string {
    if (problem.reason === "other" || (problem.term === null && problem.reason !== "noChurn"))
      return t("data.drivers.problem.other", { detail: problem.message });
    return t(`data.drivers.problem.${problem.reason}` as MessageKey, {
      term: problem.term ?? "",
      row: problem.row === null ? "" : f.count(problem.row),
    });
  }
});

/** The fit: who was counted, the forest chart, the table and the sentences. */
function DriversResult({
  view,
  f,
  host,
}: {
  view: DriversView;
  f: DataFormatters;
  host: WorkbookHost;
}) {
  const styles = useStyles();
  const { t, language } = useLocale();
  const { terms } = view;
  const names = terms.map((x) => termName(t, x));
  const sentences = useMemo(
    () => driverSentences(t, f, terms, language === "zh-CN" ? "、" : ", "),
    [t, f, terms, language]
  );
  const p = (v: number) => (v < 0.0001 ? `< ${f.decimal(0.0001, 4)}` : f.decimal(v, 4));
  return (
    <>
      <Text weight="semibold" data-testid="drivers-association">
        {t("data.drivers.association")}
      </Text>
      {sentences.clear.length > 0 && (
        <ul className={styles.list} data-testid="drivers-sentences">
          {sentences.clear.map((s, i) => (
            <li key={i}>
              <Text>{s}</Text>
            </li>
          ))}
        </ul>
      )}
      {sentences.unclear && <Text data-testid="drivers-unclear">{sentences.unclear}</Text>}
      <LazyChart>
        <ForestChart
          rows={terms.map((x, i) => ({
            label: names[i],
            value: x.hazardRatio,
            lower: x.lower,
            upper: x.upper,
          }))}
          summary={t("data.drivers.chartSummary", { k: terms.length })}
          axisLabel={t("data.drivers.axis")}
          format={(v) => f.decimal(v, v < 0.1 ? 2 : v < 1 ? 1 : 0)}
        />
      </LazyChart>
      <NumberTable
        caption={t("data.drivers.caption")}
        testId="drivers-table"
        scroll={{ label: t("data.drivers.caption") }}
        markColumns
        rows={terms.length}
        rowHeader={{
          header: t("data.drivers.term"),
          cell: (i) =>
            terms[i].category === null
              ? names[i]
              : t("data.drivers.termBaseline", {
                  column: terms[i].column,
                  category: terms[i].category ?? "",
                  baseline: terms[i].baseline ?? "",
                }),
        }}
        columns={[
          {
            key: "hr",
            header: t("data.drivers.hazardRatio"),
            cell: (i) => f.decimal(terms[i].hazardRatio, 2),
          },
          {
            key: "interval",
            header: t("data.drivers.interval"),
            cell: (i) =>
              t("data.drivers.intervalCell", {
                lower: f.decimal(terms[i].lower, 2),
                upper: f.decimal(terms[i].upper, 2),
              }),
          },
          { key: "p", header: t("data.drivers.p"), cell: (i) => p(terms[i].p) },
        ]}
      />
      <PlanWorkbook
        host={host}
        plan={async (language) => {
          const [{ churnDriversPlan }, { churnDriversLabelsFor }] = await Promise.all([
            import(
              /* webpackChunkName: "drivers-plan" */ "../../../../report/plans/churn-drivers-plan"
            ),
            import(
              /* webpackChunkName: "drivers-plan" */ "../../../../report/plans/churn-drivers-labels"
            ),
          ]);
          return churnDriversPlan(view, churnDriversLabelsFor(language));
        }}
        keys={WORKBOOK_KEYS}
        testIdPrefix="drivers"
      />
      <Text size={200} data-testid="drivers-fitted">
        {t("data.drivers.fitted", {
          customers: t("data.count.customers", {
            count: view.customers,
            n: f.count(view.customers),
          }),
          churned: f.count(view.churned),
        })}
      </Text>
    </>
  );
}
