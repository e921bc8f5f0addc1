import { Field, makeStyles, Select, Text, tokens } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import { CohortMeasure, cohortCell, CohortTable } from "../../../model/history/cohorts";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import { useTableStyles } from "../shared/table-styles";
import { cohortColor } from "./cohort-colors";
import { DataFormatters } from "./data-format";
import { ScrollRegion } from "../shared/ScrollRegion";

/** Cohorts and ages shown: the latest cohorts, their first ages. A longer interval shows all. */
export const MAX_HEAT_COHORTS = 36;
export const MAX_HEAT_AGES = 36;

const useStyles = makeStyles({
  controls: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
  },
  grid: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase100,
    fontVariantNumeric: "tabular-nums",
  },
  cell: {
    padding: "2px 4px",
    textAlign: "end",
    whiteSpace: "nowrap",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: {
    padding: "2px 4px",
    textAlign: "end",
    whiteSpace: "nowrap",
    fontWeight: tokens.fontWeightSemibold,
  },
  select: { minWidth: 0, width: "100%" },
});

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
  const styles = useStyles();
  const table = useTableStyles();
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
      <div className={styles.controls}>
        <Field label={t("data.cohorts.measure")}>
          <Select
            className={styles.select}
            value={measure}
            onChange={(_, d) => setMeasure(d.value as Measure)}
          >
            <option value="customers">{t("data.cohorts.customers")}</option>
            {view.hasRevenue && <option value="revenue">{t("data.cohorts.revenue")}</option>}
          </Select>
        </Field>
        <Field label={t("data.cohorts.display")}>
          <Select
            className={styles.select}
            value={display}
            onChange={(_, d) => setDisplay(d.value as Display)}
          >
            <option value="shares">{t("data.cohorts.shares")}</option>
            <option value="counts">{t("data.cohorts.counts")}</option>
          </Select>
        </Field>
      </div>
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
      <ScrollRegion label={caption}>
        <table className={styles.grid} data-testid="cohort-heatmap" data-measure={shown}>
          <caption className={table.caption}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className={styles.head}>
                {t("data.cohorts.cohort")}
              </th>
              <th scope="col" className={styles.head}>
                {t("data.cohorts.size")}
              </th>
              {Array.from({ length: ages }, (_, a) => (
                <th key={a} scope="col" className={styles.head}>
                  {a}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows - firstRow }, (_, k) => {
              const r = firstRow + k;
              return (
                <tr key={r} data-cohort={r}>
                  <th scope="row" className={styles.head}>
                    {f.period(c.cohort[r])}
                  </th>
                  <td className={styles.cell}>{f.count(c.size[r])}</td>
                  {Array.from({ length: ages }, (_, a) => {
                    const v = cohortCell(model, shown, r, a);
                    const observed = !Number.isNaN(v);
                    return (
                      <td
                        key={a}
                        className={styles.cell}
                        data-age={a}
                        style={
                          observed ? cohortColor(cohortCell(model, shade, r, a), theme) : undefined
                        }
                      >
                        {observed ? format(v) : ""}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
      <Text size={200}>{t("data.cohorts.definition")}</Text>
    </>
  );
}
