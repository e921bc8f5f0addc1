import { Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { lazy, memo, startTransition, useEffect, useMemo, useRef, useState } from "react";
import { AnalysisCancelledError, AnalysisClient } from "../../worker/analysis-client";
import type { CustomerLifetimeOptions } from "../../../model/buyers/customer-lifetime";
import type { LifetimeView } from "../../worker/customer-lifetime-protocol";
import type { AnalysisSettings, TableSource } from "../../worker/protocol";
import { formatSerialDate } from "../../format/period-label";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import {
  defaultLifetimeChoices,
  HOLDOUT_CHOICES,
  LIFETIME_UNITS,
  LifetimeChoices,
  LifetimeUnit,
  lifetimeOptions,
  MAX_HORIZON,
  readDiscountRate,
  readHorizon,
  withUnit,
} from "../../state/customer-lifetime-settings";
import { useSettledValue } from "../../state/use-settled-value";
import { LazyChart } from "../shared/LazyChart";
import { Notice } from "../shared/Notice";
import { NumberField } from "../shared/NumberField";
import { useTableStyles } from "../shared/table-styles";
import { DataFormatters } from "./data-format";
import { ScrollRegion } from "../shared/ScrollRegion";
import { PlanWorkbook } from "../shared/PlanWorkbook";

const PAliveChart = lazy(() => import(/* webpackChunkName: "charts" */ "../../charts/PAliveChart"));

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  cell: {
    textAlign: "start",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "repeat(auto-fit, minmax(min(140px, 100%), 1fr))",
    gap: tokens.spacingHorizontalS,
  },
  field: { minWidth: 0 },
  select: { minWidth: 0, width: "100%" },
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export interface CustomerLifetimePanelProps {
  /** The orders the view was analysed from, read again by the worker. */
  source: TableSource;
  settings: AnalysisSettings;
  client: AnalysisClient;
  host: WorkbookHost;
  f: DataFormatters;
}

type Fit =
  { kind: "fitting"; rows: number } | { kind: "done" } | { kind: "failed"; message: string };

/** The last fit shown, with the unit it was asked in. */
interface Shown {
  view: LifetimeView;
  unit: LifetimeUnit;
}

/**
 * "Customers who may have left": BG/NBD and Gamma-Gamma (docs/definitions.md §10) fitted in the worker to
 * the orders, with the time unit, holdout, horizon and discount rate the user states. Shows the
 * parameters, how P(alive) spreads, the 20 most valuable customers, and with a holdout the
 * expected purchases against those that happened. Only formatting here: every number is the model's.
 */
export default function CustomerLifetimePanel({
  source,
  settings,
  client,
  host,
  f,
}: CustomerLifetimePanelProps) {
  const styles = useStyles();
  const { t, locale } = useLocale();
  const [choices, setChoices] = useState<LifetimeChoices>(() => defaultLifetimeChoices(locale));
  const options = useMemo(() => lifetimeOptions(choices, locale), [choices, locale]);
  // Typing a horizon refits once the typing pauses, not on every keystroke.
  const wanted = useSettledValue(options ? JSON.stringify({ unit: choices.unit, options }) : null);
  const [fit, setFit] = useState<Fit>({ kind: "fitting", rows: 0 });
  // The last fit stays on screen while the next one runs (a refit is not a blank panel).
  const [shown, setShown] = useState<Shown | null>(null);
  // What the last request read: when only the options change, the worker refits what it folded.
  const asked = useRef<{ client: AnalysisClient; source: TableSource; settings: AnalysisSettings }>(
    null
  );

  useEffect(() => {
    if (wanted === null) return;
    let live = true;
    const last = asked.current;
    const reuse =
      last !== null &&
      last.client === client &&
      last.source === source &&
      last.settings === settings;
    asked.current = { client, source, settings };
    // Other orders: the last fit is not theirs.
    if (!reuse) setShown(null);
    const { unit, options } = JSON.parse(wanted) as {
      unit: LifetimeUnit;
      options: CustomerLifetimeOptions;
    };
    setFit({ kind: "fitting", rows: 0 });
    client
      .lifetime(
        source,
        settings,
        options,
        (rows) => {
          if (live) setFit({ kind: "fitting", rows });
        },
        reuse
      )
      .then(
        (view) => {
          if (!live) return;
          // A transition: the tables and the chart render without one long main-thread task.
          startTransition(() => {
            setShown({ view, unit });
            setFit({ kind: "done" });
          });
        },
        (error: unknown) => {
          // A new analysis ended the worker: the panel asks again with the new view.
          if (!live || error instanceof AnalysisCancelledError) return;
          setShown(null);
          setFit({
            kind: "failed",
            message: error instanceof Error ? error.message : String(error),
          });
        }
      );
    return () => {
      live = false;
    };
  }, [client, source, settings, wanted]);

  const unitName = (unit: LifetimeUnit) => t(`data.units.${unit}` as MessageKey);
  const units = unitName(choices.unit);
  const horizonOk = readHorizon(choices, locale) !== null;
  const rateOk = readDiscountRate(choices, locale) !== null;

  return (
    <div className={styles.panel} data-testid="customer-lifetime-panel">
      <Text size={200}>{t("data.lifetime.intro")}</Text>
      <div className={styles.grid}>
        <Field label={t("data.lifetime.unit")} className={styles.field}>
          <Select
            className={styles.select}
            value={choices.unit}
            onChange={(_, d) => setChoices((c) => withUnit(c, d.value as LifetimeUnit, locale))}
          >
            {LIFETIME_UNITS.map((u) => (
              <option key={u} value={u}>
                {unitName(u)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={t("data.lifetime.holdout")} className={styles.field}>
          <Select
            className={styles.select}
            value={String(choices.holdout)}
            onChange={(_, d) => setChoices((c) => ({ ...c, holdout: Number(d.value) }))}
          >
            <option value="0">{t("data.lifetime.holdoutNone")}</option>
            {HOLDOUT_CHOICES[choices.unit].map((n) => (
              <option key={n} value={String(n)}>
                {t("data.lifetime.holdoutLast", { count: f.count(n), units })}
              </option>
            ))}
          </Select>
        </Field>
        <NumberField
          label={t("data.lifetime.horizon", { units })}
          value={choices.horizonText}
          message={
            horizonOk
              ? undefined
              : t("data.lifetime.horizonInvalid", { max: f.count(MAX_HORIZON[choices.unit]) })
          }
          onChange={(text) => setChoices((c) => ({ ...c, horizonText: text }))}
        />
        <NumberField
          label={t("data.lifetime.discount")}
          value={choices.discountText}
          message={rateOk ? undefined : t("data.lifetime.discountInvalid")}
          onChange={(text) => setChoices((c) => ({ ...c, discountText: text }))}
        />
      </div>
      <Text role="status" size={200} data-testid="lifetime-status">
        {fit.kind === "fitting"
          ? fit.rows > 0
            ? t("data.lifetime.fittingRows", { rows: f.count(fit.rows) })
            : t("data.lifetime.fitting")
          : ""}
      </Text>
      {fit.kind === "failed" && (
        <Notice intent="warning" testId="lifetime-error">
          {t("data.lifetime.failed", { detail: fit.message })}
        </Notice>
      )}
      {shown && (
        <LifetimeResults
          view={shown.view}
          units={unitName(shown.unit)}
          f={f}
          host={host}
          client={client}
          busy={!options || fit.kind !== "done"}
        />
      )}
    </div>
  );
}

/** Memoised: the next fit's progress redraws the status line, not every table and the chart. */
const LifetimeResults = memo(function LifetimeResults({
  view,
  units,
  f,
  host,
  client,
  busy,
}: {
  view: LifetimeView;
  /** The time unit's name, plural ("weeks"). */
  units: string;
  f: DataFormatters;
  host: WorkbookHost;
  client: AnalysisClient;
  busy: boolean;
}) {
  const styles = useStyles();
  const table = useTableStyles();
  const { t, locale } = useLocale();
  const { purchases: p, spend: s, top } = view;
  const param = (v: number) => f.decimal(v, 4);
  const bins = Array.from(view.pAliveBins, (customers, i) => ({
    bin: t("data.lifetime.bin", {
      from: f.percent(view.pAliveEdges[i]),
      to: f.percent(view.pAliveEdges[i + 1]),
    }),
    customers,
  }));
  const parameters: [string, string, number | null][] = [
    ["r", t("data.lifetime.model.purchases"), p.r],
    ["α", t("data.lifetime.model.purchases"), p.alpha],
    ["a", t("data.lifetime.model.purchases"), p.a],
    ["b", t("data.lifetime.model.purchases"), p.b],
    ["p", t("data.lifetime.model.spend"), s?.p ?? null],
    ["q", t("data.lifetime.model.spend"), s?.q ?? null],
    ["γ", t("data.lifetime.model.spend"), s?.gamma ?? null],
  ];
  const columns = [
    "id",
    "x",
    "tx",
    "T",
    "m",
    "pAlive",
    "expectedPurchases",
    "expectedSpend",
    "clv",
  ] as const;
  const holdout = view.holdout;

  return (
    <>
      <Text data-testid="lifetime-summary">
        {t("data.lifetime.summary", {
          customers: f.count(view.customers),
          date: formatSerialDate(view.calibrationEnd, locale),
        })}
      </Text>
      <table className={table.table} data-testid="lifetime-parameters">
        <caption className={table.caption}>{t("data.lifetime.parameters")}</caption>
        <thead>
          <tr>
            <th scope="col" className={table.th}>
              {t("data.lifetime.parameter")}
            </th>
            <th scope="col" className={table.th}>
              {t("data.lifetime.model")}
            </th>
            <th scope="col" className={table.colHead}>
              {t("data.lifetime.value")}
            </th>
          </tr>
        </thead>
        <tbody>
          {parameters.map(([name, model, value]) => (
            <tr key={name} data-parameter={name}>
              <th scope="row" className={table.th}>
                {name}
              </th>
              <td className={styles.cell}>{model}</td>
              <td className={table.num}>{value === null ? "–" : param(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {s ? (
        <Text size={200} data-testid="lifetime-spend">
          {t("data.lifetime.spendUsed", { customers: f.count(s.customersUsed) })}
        </Text>
      ) : (
        <Notice intent="warning" testId="lifetime-spend-problem">
          {t("data.lifetime.spendProblem", { detail: view.spendProblem ?? "" })}
        </Notice>
      )}

      <h3 className={styles.subheading}>{t("data.lifetime.pAliveHeading")}</h3>
      <LazyChart>
        <PAliveChart
          bars={bins}
          name={t("data.lifetime.customers")}
          summary={t("data.lifetime.pAliveSummary")}
          format={f.count}
        />
      </LazyChart>
      <ScrollRegion label={t("data.lifetime.pAliveCaption")}>
        <table className={table.table} data-testid="lifetime-palive">
          <caption className={table.caption}>{t("data.lifetime.pAliveCaption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={table.th}>
                {t("data.lifetime.pAlive")}
              </th>
              <th scope="col" className={table.colHead}>
                {t("data.lifetime.customers")}
              </th>
            </tr>
          </thead>
          <tbody>
            {bins.map((b) => (
              <tr key={b.bin}>
                <th scope="row" className={table.th}>
                  {b.bin}
                </th>
                <td className={table.num}>{f.count(b.customers)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h3 className={styles.subheading}>{t("data.lifetime.topHeading")}</h3>
      <ScrollRegion label={t("data.lifetime.topCaption")}>
        <table className={table.table} data-testid="lifetime-top">
          <caption className={table.caption}>
            {t(s ? "data.lifetime.topCaption" : "data.lifetime.topCaptionPurchases", {
              count: f.count(top.label.length),
              horizon: f.count(view.options.horizon),
              units,
            })}
          </caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col" className={c === "id" ? table.th : table.colHead}>
                  {t(`data.lifetime.col.${c}` as MessageKey)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {top.label.map((label, k) => (
              <tr key={k}>
                <th scope="row" className={table.th} data-col="id">
                  {String(label)}
                </th>
                <td className={table.num} data-col="x">
                  {f.count(top.frequency[k])}
                </td>
                <td className={table.num} data-col="tx">
                  {f.decimal(top.recency[k], 1)}
                </td>
                <td className={table.num} data-col="T">
                  {f.decimal(top.age[k], 1)}
                </td>
                <td className={table.num} data-col="m">
                  {f.money(top.monetary[k])}
                </td>
                <td className={table.num} data-col="pAlive">
                  {f.percent(top.pAlive[k])}
                </td>
                <td className={table.num} data-col="expectedPurchases">
                  {f.decimal(top.expectedPurchases[k], 2)}
                </td>
                <td className={table.num} data-col="expectedSpend">
                  {f.money(top.expectedSpend[k])}
                </td>
                <td className={table.num} data-col="clv">
                  {f.money(top.clv[k])}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Text size={200}>
        {t("data.lifetime.definition", {
          horizon: f.count(view.options.horizon),
          units,
          rate: f.percent(view.options.annualDiscountRate),
        })}
      </Text>

      {holdout && (
        <>
          <h3 className={styles.subheading}>{t("data.lifetime.holdoutHeading")}</h3>
          <Text data-testid="lifetime-holdout">
            {t("data.lifetime.holdoutTotals", {
              days: f.count(view.options.holdoutDays),
              from: formatSerialDate(view.calibrationEnd, locale),
              expected: f.decimal(holdout.expectedTotal, 1),
              actual: f.count(holdout.actualTotal),
            })}
          </Text>
          {holdout.byFrequency && (
            <ScrollRegion label={t("data.lifetime.holdoutCaption")}>
              <table className={table.table} data-testid="lifetime-holdout-table">
                <caption className={table.caption}>{t("data.lifetime.holdoutCaption")}</caption>
                <thead>
                  <tr>
                    {(["frequency", "customers", "expected", "actual"] as const).map((c) => (
                      <th
                        key={c}
                        scope="col"
                        className={c === "frequency" ? table.th : table.colHead}
                      >
                        {t(`data.lifetime.holdout.${c}` as MessageKey)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {Array.from(holdout.byFrequency.frequency, (x, i) => {
                    const b = holdout.byFrequency!;
                    const last = x === holdout.maxFrequency;
                    return (
                      <tr key={x}>
                        <th scope="row" className={table.th}>
                          {last
                            ? t("data.lifetime.holdout.andMore", { x: f.count(x) })
                            : f.count(x)}
                        </th>
                        <td className={table.num}>{f.count(b.customers[i])}</td>
                        <td className={table.num}>{f.decimal(b.expected[i], 2)}</td>
                        <td className={table.num}>{f.decimal(b.actual[i], 2)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </>
      )}

      <LifetimeWorkbook host={host} client={client} busy={busy} />
    </>
  );
});

const LIFETIME_WORKBOOK_KEYS = {
  intro: "data.lifetime.workbookIntro",
  write: "data.lifetime.write",
  download: "data.lifetime.download",
  fileName: "data.lifetime.fileName",
} as const;

/** "Write customers to sheet" and its download (src/report/customer-lifetime-plan.ts, built by the worker). */
function LifetimeWorkbook({
  host,
  client,
  busy,
}: {
  host: WorkbookHost;
  client: AnalysisClient;
  busy: boolean;
}) {
  return (
    <PlanWorkbook
      host={host}
      plan={(language) => client.lifetimePlan(language)}
      keys={LIFETIME_WORKBOOK_KEYS}
      testIdPrefix="lifetime"
      disabled={busy}
    />
  );
}
