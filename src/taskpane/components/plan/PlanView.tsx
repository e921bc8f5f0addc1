import { Text } from "@fluentui/react-components";
import { lazy, useCallback, useMemo, useState } from "react";
import { periodOf, periodStart } from "../../../model/history/periods";
import { localeCurrency } from "../../format/locale-currency";
import { formatForInput } from "../../format/format-number";
import { periodLabel } from "../../format/period-label";
import type { WorkbookHost } from "../../host/workbook-host";
import { useLocale } from "../../i18n/locale-context";
import {
  DEFAULT_PLAN_CHOICES,
  PLAN_HORIZONS,
  PLAN_LEVELS,
  PlanChoices,
  PlanField,
  readPlanChoices,
} from "../../state/plan-settings";
import { useForecast } from "../../state/use-forecast";
import { useSettledValue } from "../../state/use-settled-value";
import type { AnalysisClient } from "../../worker/analysis-client";
import type { AnalysisView, ForecastView } from "../../worker/protocol";
import type { PlanInputKey } from "../../../model/whatif/plan-whatif-model";
import { ChoiceField } from "../shared/ChoiceField";
import { LazyChart } from "../shared/LazyChart";
import { FieldGrid } from "../shared/FieldGrid";
import { Notice } from "../shared/Notice";
import { NumberField } from "../shared/NumberField";
import { NumberTable } from "../shared/NumberTable";
import { PlanWorkbook } from "../shared/PlanWorkbook";
import { Subheading } from "../shared/Subheading";
import type { DataFormatters } from "../your-data/data-format";
import { unitsName } from "../your-data/unit-name";
import { PastedRowField } from "./PastedRowField";
import { PlanScenarios } from "./PlanScenarios";
import { PlanWhatIf } from "./PlanWhatIf";

const PlanChart = lazy(() => import(/* webpackChunkName: "charts" */ "../../charts/PlanChart"));

const FIELDS: { field: Exclude<PlanField, "pasted">; key: keyof PlanChoices }[] = [
  { field: "new", key: "newText" },
  { field: "growth", key: "growthText" },
  { field: "revenue", key: "revenueText" },
  { field: "margin", key: "marginText" },
  { field: "cac", key: "cacText" },
  { field: "uplift", key: "upliftText" },
];

const WORKBOOK_KEYS = {
  intro: "data.plan.workbook.intro",
  write: "data.plan.workbook.write",
  download: "data.plan.workbook.download",
  fileName: "data.plan.workbook.fileName",
} as const;

/**
 * The Plan view's field a what-if input is typed in, and the text that sets it to a value:
 * percentages as typed ("2" for 2%); an acquisition volume scales the first period's new
 * customers, which is what it does to the plan's row (plan-whatif-model.ts).
 */
function choiceFor(
  input: PlanInputKey,
  value: number,
  plan: ForecastView,
  locale: string
): Partial<PlanChoices> {
  const text = (v: number) => formatForInput(v, locale);
  switch (input) {
    case "newPerPeriod":
      return { newText: text(value) };
    case "acquisitionVolume":
      // A pasted row is scaled as a whole; otherwise the first period's count is.
      return plan.settings.pasted
        ? { pastedText: plan.settings.pasted.map((m) => text(m * value)).join("\t") }
        : { newText: text(plan.newPerPeriod * value) };
    case "growth":
      return { growthText: text(value * 100) };
    case "revenuePerCustomer":
      return { revenueText: text(value) };
    case "margin":
      return { marginText: text(value * 100) };
    case "cac":
      return { cacText: text(value) };
    case "uplift":
      return { upliftText: text(value * 100) };
  }
}

/**
 * Next periods' customers and revenue from the data's cohorts (docs/definitions.md §11): the
 * user sets the horizon, the new customers and their growth, revenue, margin, CAC and a
 * retention uplift; the worker forecasts with the sBG fit, the model's range and a backtest.
 * Below the table, the what-if tools move the same inputs (PlanWhatIf).
 */
export function PlanView({
  view,
  client,
  host,
  f,
  theme = "light",
}: {
  view: AnalysisView;
  client: AnalysisClient;
  host: WorkbookHost;
  f: DataFormatters;
  theme?: "light" | "dark";
}) {
  const { t, locale } = useLocale();
  const [choices, setChoices] = useState<PlanChoices>(DEFAULT_PLAN_CHOICES);
  const read = readPlanChoices(choices, locale);
  const invalid = "invalid" in read ? read.invalid : [];
  const wanted = useSettledValue("settings" in read ? JSON.stringify(read.settings) : null);
  const { state, shown } = useForecast(client, view.analysis, wanted);
  const units = (n?: number) => unitsName(t, view.unit, n);
  const apply = useCallback(
    (input: PlanInputKey, value: number) => {
      if (shown) setChoices((c) => ({ ...c, ...choiceFor(input, value, shown, locale) }));
    },
    [shown, locale]
  );

  return (
    <>
      <FieldGrid>
        <ChoiceField
          label={t("data.plan.horizon")}
          value={String(choices.horizon)}
          choices={PLAN_HORIZONS.map((h) => ({ value: String(h), label: `${h} ${units(h)}` }))}
          onChange={(v) =>
            setChoices((c) => ({ ...c, horizon: Number(v) as PlanChoices["horizon"] }))
          }
        />
        {FIELDS.map(({ field, key }) => (
          <NumberField
            key={field}
            label={t(`data.plan.${field}`, { unit: units(1) })}
            value={choices[key] as string}
            hint={
              field === "new" && shown
                ? t("data.plan.fromData", { value: f.count(shown.newPerPeriod) })
                : field === "revenue" && shown?.dataRevenue
                  ? t("data.plan.fromData", { value: f.money(shown.revenuePerCustomer) })
                  : undefined
            }
            message={invalid.includes(field) ? t(`data.plan.${field}Invalid`) : undefined}
            disabled={(field === "new" || field === "growth") && choices.pastedText.trim() !== ""}
            onChange={(text) => setChoices((c) => ({ ...c, [key]: text }))}
          />
        ))}
        <PastedRowField
          value={choices.pastedText}
          horizon={choices.horizon}
          unit={units(1)}
          problem={"pasted" in read ? read.pasted : undefined}
          onChange={(text) => setChoices((c) => ({ ...c, pastedText: text }))}
        />
        <ChoiceField
          label={t("data.plan.level")}
          value={choices.level}
          choices={PLAN_LEVELS.map((l) => ({
            value: l,
            label: l === "0" ? t("data.plan.levelNone") : f.percent(Number(l)),
          }))}
          onChange={(v) => setChoices((c) => ({ ...c, level: v }))}
        />
      </FieldGrid>
      {state.kind === "failed" && (
        <Notice intent="warning" testId="plan-failed">
          {t("data.plan.failed", { detail: state.message })}
        </Notice>
      )}
      {shown && <PlanResults view={view} plan={shown} f={f} />}
      {shown && <PlanWhatIf plan={shown} theme={theme} onApply={apply} />}
      {host.planScenarioStorage && (
        <div data-testid="plan-scenarios">
          <Subheading>{t("data.plan.scenarios.heading")}</Subheading>
          <PlanScenarios
            storage={host.planScenarioStorage}
            settings={"settings" in read ? read.settings : null}
            horizonUnits={`${choices.horizon} ${units(choices.horizon)}`}
            onLoad={setChoices}
          />
        </div>
      )}
      <PlanWorkbook
        host={host}
        plan={(language) => client.forecastPlan(language, localeCurrency(locale) ?? "USD")}
        keys={WORKBOOK_KEYS}
        testIdPrefix="plan"
        disabled={state.kind !== "done"}
      />
    </>
  );
}

function PlanResults({
  view,
  plan,
  f,
}: {
  view: AnalysisView;
  plan: ForecastView;
  f: DataFormatters;
}) {
  const { t, locale } = useLocale();
  const periods = plan.total.length;
  const first = periodOf(plan.firstStart, plan.unit);
  const label = useMemo(
    () => (k: number) => periodLabel(periodStart(first + k, plan.unit), plan.unit, locale),
    [first, plan.unit, locale]
  );
  const last = periods - 1;
  const hasRange = plan.low !== null && plan.high !== null && plan.level !== null;
  const [measure, setMeasure] = useState<"customers" | "revenue">("customers");
  const points = useMemo(() => {
    // Revenue is customers × revenue per customer in every period (plan-model.ts).
    const scale = measure === "revenue" ? plan.revenuePerCustomer : 1;
    return Array.from({ length: periods }, (_, k) => ({
      label: label(k),
      existing: plan.existing[k] * scale,
      added: plan.added[k] * scale,
      band:
        plan.low !== null && plan.high !== null
          ? ([plan.low[k] * scale, plan.high[k] * scale] as [number, number])
          : null,
    }));
  }, [plan, periods, label, measure]);
  const format = measure === "revenue" ? f.money : f.count;
  return (
    <>
      <Text data-testid="plan-summary">
        {t("data.plan.summary", {
          first: f.count(plan.total[0]),
          firstPeriod: label(0),
          last: f.count(plan.total[last]),
          lastPeriod: label(last),
        })}
        {hasRange &&
          " " +
            t("data.plan.range", {
              level: f.percent(plan.level!),
              low: f.count(plan.low![last]),
              high: f.count(plan.high![last]),
            })}
      </Text>
      <Text data-testid="plan-economics">
        {t("data.plan.money", {
          revenue: f.money(plan.revenueTotal),
          margin: f.money(plan.marginTotal),
        })}{" "}
        {Number.isFinite(plan.ltvToCac)
          ? t("data.plan.ltvToCac", {
              ratio: f.decimal(plan.ltvToCac, 1),
              payback:
                plan.paybackPeriods === null
                  ? t("data.plan.paybackNever")
                  : t("data.plan.payback", {
                      count: f.count(plan.paybackPeriods),
                      units: unitsName(t, view.unit, plan.paybackPeriods),
                    }),
            })
          : t("data.plan.noCac")}
      </Text>
      <Text data-testid="plan-backtest">
        {plan.backtest && Number.isFinite(plan.backtest.error)
          ? t("data.plan.backtest", {
              count: f.count(plan.backtest.periods),
              units: unitsName(t, view.unit, plan.backtest.periods),
              error: f.percent(plan.backtest.error),
            })
          : t("data.plan.noBacktest")}
      </Text>
      <ChoiceField
        label={t("data.plan.chart")}
        value={measure}
        choices={[
          { value: "customers", label: t("data.plan.total") },
          { value: "revenue", label: t("data.plan.revenueHeader") },
        ]}
        onChange={(v) => setMeasure(v as "customers" | "revenue")}
      />
      <LazyChart>
        <PlanChart
          points={points}
          names={{
            existing: t("data.plan.existing"),
            added: t("data.plan.added"),
            band: hasRange ? t("data.plan.rangeHeader", { level: f.percent(plan.level!) }) : "",
          }}
          summary={t(
            measure === "revenue" ? "data.plan.chartSummaryRevenue" : "data.plan.chartSummary",
            {
              first: format(plan.total[0] * (measure === "revenue" ? plan.revenuePerCustomer : 1)),
              firstPeriod: label(0),
              last: format(
                plan.total[last] * (measure === "revenue" ? plan.revenuePerCustomer : 1)
              ),
              lastPeriod: label(last),
            }
          )}
          format={format}
        />
      </LazyChart>
      <NumberTable
        caption={t("data.plan.table")}
        testId="plan-table"
        rows={periods}
        rowHeader={{ header: t("data.plan.period"), cell: label }}
        columns={[
          { key: "total", header: t("data.plan.total"), cell: (k) => f.count(plan.total[k]) },
          ...(hasRange
            ? [
                {
                  key: "range",
                  header: t("data.plan.rangeHeader", { level: f.percent(plan.level!) }),
                  cell: (k: number) => `${f.count(plan.low![k])}–${f.count(plan.high![k])}`,
                },
              ]
            : []),
          {
            key: "revenue",
            header: t("data.plan.revenueHeader"),
            cell: (k) => f.money(plan.revenue[k]),
          },
          {
            key: "existing",
            header: t("data.plan.existing"),
            cell: (k) => f.count(plan.existing[k]),
          },
          { key: "added", header: t("data.plan.added"), cell: (k) => f.count(plan.added[k]) },
          ...(Number.isFinite(plan.ltvToCac)
            ? [
                {
                  key: "ltvToCac",
                  header: t("data.plan.cohortLtvToCac"),
                  cell: (k: number) => `${f.decimal(plan.cohortLtvToCac[k], 1)}×`,
                },
              ]
            : []),
        ]}
        markColumns
        scroll={{ label: t("data.plan.table") }}
      />
      <Text size={200}>{t("data.plan.caveat")}</Text>
    </>
  );
}
