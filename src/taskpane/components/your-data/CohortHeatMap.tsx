import { Text } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { CohortMeasure, cohortCell, CohortTable } from "../../../model/history/cohorts";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import { ChoiceField } from "../shared/ChoiceField";
import { FieldGrid } from "../shared/FieldGrid";
import { useHeatGridStyles } from "../shared/heat-grid-styles";
import { NumberTable } from "../shared/NumberTable";
import { cohortColor } from "./cohort-colors";
import { DataFormatters } from "./data-format";

/** Cohorts and ages shown: the latest cohorts, their first ages. A longer interval shows all. */
export const MAX_HEAT_COHORTS = 36;
export const MAX_HEAT_AGES = 36;

type Measure = "customers" | "revenue";
type Display = "counts" | "shares";

/** The cohort table as a heat map: rows = cohorts, columns = periods since acquisition. */
export function CohortHeatMap({
  view,
  f,
  theme,
}: {
  view: AnalysisView;
  f: DataFormatters;
  theme: "light" | "dark";
}) {
  const heat = useHeatGridStyles();
  const { t } = useLocale();
  const [measure, setMeasure] = useState<Measure>("customers");
  const [display, setDisplay] = useState<Display>("shares");
  const c = view.cohorts;
  const rows = c.cohort.length;
  const firstRow = Math.max(0, rows - MAX_HEAT_COHORTS);
  const ages = Math.min(c.ages, MAX_HEAT_AGES);
  // The model's cohort table, so every cell (shares included) comes from cohortCell.
  const model = useMemo(
    () =>
      ({
        range: {
          unit: view.unit,
          first: view.firstPeriod,
          last: view.firstPeriod + view.periodStart.length - 1,
        },
        cohort: c.cohort,
        size: c.size,
        ages: c.ages,
        customers: c.customers,
        revenue: c.revenue,
        survivors: c.survivors,
      }) as CohortTable,
    [view, c]
  );
  const money = measure === "revenue" && view.hasRevenue;
  const shown: CohortMeasure = money
    ? display === "shares"
      ? "revenueShare"
      : "revenue"
    : display === "shares"
      ? "share"
      : "customers";
  const shade: CohortMeasure = money ? "revenueShare" : "share";
  const format = (v: number) =>
    display === "shares"
      ? Number.isFinite(v)
        ? f.percent(v)
        : v === Infinity
          ? "∞"
          : ""
      : Number.isFinite(v)
        ? money
          ? f.money(v)
          : f.count(v)
        : "";
  const caption = t("data.cohorts.caption", {
    measure: t(money ? "data.cohorts.revenue" : "data.cohorts.customers"),
    display: t(display === "shares" ? "data.cohorts.shares" : "data.cohorts.counts"),
  });

  return (
    <>
      <FieldGrid columns="halves">
        <ChoiceField
          label={t("data.cohorts.measure")}
          value={measure}
          choices={[
            { value: "customers", label: t("data.cohorts.customers") },
            ...(view.hasRevenue ? [{ value: "revenue", label: t("data.cohorts.revenue") }] : []),
          ]}
          onChange={(v) => setMeasure(v as Measure)}
        />
        <ChoiceField
          label={t("data.cohorts.display")}
          value={display}
          choices={[
            { value: "shares", label: t("data.cohorts.shares") },
            { value: "counts", label: t("data.cohorts.counts") },
          ]}
          onChange={(v) => setDisplay(v as Display)}
        />
      </FieldGrid>
      {(firstRow > 0 || ages < c.ages) && (
        <Text size={200}>
          {t("data.cohorts.truncated", {
            cohorts: rows - firstRow,
            allCohorts: rows,
            ages,
            allAges: c.ages,
          })}
        </Text>
      )}
      <NumberTable
        caption={caption}
        testId="cohort-heatmap"
        tableProps={{ "data-measure": shown }}
        look={heat}
        scroll={{ label: caption }}
        rows={rows}
        first={firstRow}
        rowProps={(r) => ({ "data-cohort": r })}
        rowHeader={{ header: t("data.cohorts.cohort"), cell: (r) => f.period(c.cohort[r]) }}
        columns={[
          { key: "size", header: t("data.cohorts.size"), cell: (r) => f.count(c.size[r]) },
          ...Array.from({ length: ages }, (_, a) => ({
            key: String(a),
            header: a,
            cell: (r: number) => {
              const v = cohortCell(model, shown, r, a);
              return Number.isNaN(v) ? "" : format(v);
            },
            // Observed cells are shaded by the share; ages a cohort has not reached stay blank.
            props: (r: number) => ({
              "data-age": a,
              style: Number.isNaN(cohortCell(model, shown, r, a))
                ? undefined
                : cohortColor(cohortCell(model, shade, r, a), theme),
            }),
          })),
        ]}
      />
      <Text size={200}>{t("data.cohorts.definition")}</Text>
    </>
  );
}
