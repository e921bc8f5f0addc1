import { Field, makeStyles, Select, Text } from "@fluentui/react-components";
import { lazy, useMemo, useState } from "react";
import { pooledSurvivalCurve } from "../../../model/history/cohort-curve";
import { fitCohortSbg, sbgProjection } from "../../../model/history/cohort-survivors";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { LazyChart } from "../shared/LazyChart";
import { Notice } from "../shared/Notice";
import { useTableStyles } from "../shared/table-styles";
import { DataFormatters } from "./data-format";
import { ScrollRegion } from "../shared/ScrollRegion";

const SbgFitChart = lazy(() => import(/* webpackChunkName: "charts" */ "../../charts/SbgFitChart"));

const MAX_HOLDOUT = 12;
const MAX_ROWS = 36;

const useStyles = makeStyles({
  select: { minWidth: 0, width: "100%" },
  field: { maxWidth: "240px" },
});

/** Each cohort's observed survivors, as the fit reads a triangle. */
export function survivorRows(view: AnalysisView): number[][] {
  const { survivors, ages, cohort } = view.cohorts;
  const rows: number[][] = [];
  for (let r = 0; r < cohort.length; r++) {
    const row: number[] = [];
    for (let a = 0; a < ages && !Number.isNaN(survivors[r * ages + a]); a++)
      row.push(survivors[r * ages + a]);
    rows.push(row);
  }
  return rows;
}

/**
 * The sBG model fitted across all cohorts, drawn against the cohorts' actual survival. The last
 * periods can be held out: the fit then sees only the ages before them, and the curve beyond
 * shows how well it projects.
 */
export function SbgFitView({ view, f }: { view: AnalysisView; f: DataFormatters }) {
  const styles = useStyles();
  const table = useTableStyles();
  const { t } = useLocale();
  const [holdout, setHoldout] = useState(0);
  const rows = useMemo(() => survivorRows(view), [view]);
  const actual = useMemo(() => pooledSurvivalCurve(rows), [rows]);
  const periods = actual.length - 1;
  const maxHoldout = Math.max(0, Math.min(MAX_HOLDOUT, periods - 2));
  const held = Math.min(holdout, maxHoldout);
  const calibration = periods - held;
  const result = useMemo(() => {
    try {
      const fit = fitCohortSbg(rows.map((row) => row.slice(0, calibration + 1)));
      return { fit, fitted: sbgProjection(fit.alpha, fit.beta, periods), error: null };
    } catch (error) {
      return { fit: null, fitted: null, error: (error as Error).message };
    }
  }, [rows, calibration, periods]);
  const units = t(`data.units.${view.unit}` as MessageKey);
  const points = actual.map((a, age) => ({ age, actual: a, fitted: result.fitted?.[age] ?? null }));

  return (
    <>
      <Field label={t("data.sbg.holdout")} className={styles.field}>
        <Select
          className={styles.select}
          value={String(held)}
          disabled={maxHoldout === 0}
          onChange={(_, d) => setHoldout(Number(d.value))}
        >
          {Array.from({ length: maxHoldout + 1 }, (_, h) => (
            <option key={h} value={String(h)}>
              {h === 0
                ? t("data.sbg.holdoutNone")
                : t("data.sbg.holdoutPeriods", { periods: h, units })}
            </option>
          ))}
        </Select>
      </Field>
      {result.fit ? (
        <Text data-testid="sbg-parameters">
          {t("data.sbg.parameters", {
            alpha: f.decimal(result.fit.alpha, 3),
            beta: f.decimal(result.fit.beta, 3),
            cohorts: result.fit.cohorts,
            periods: calibration,
            units,
          })}
        </Text>
      ) : (
        <Notice intent="warning">{t("data.sbg.failed", { detail: result.error ?? "" })}</Notice>
      )}
      <LazyChart>
        <SbgFitChart
          points={points}
          calibrationEnd={held > 0 ? calibration : null}
          names={{
            actual: t("data.sbg.actual"),
            fitted: t("data.sbg.fitted"),
            holdout: t("data.sbg.holdoutStart"),
          }}
          summary={t("data.sbg.chartSummary")}
          timeLabel={units}
          format={f.percent}
        />
      </LazyChart>
      <ScrollRegion label={t("data.sbg.caption")}>
        <table className={table.table} data-testid="sbg-table">
          <caption className={table.caption}>{t("data.sbg.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={table.th}>
                {t("data.sbg.age", { units })}
              </th>
              <th scope="col" className={table.colHead}>
                {t("data.sbg.actual")}
              </th>
              <th scope="col" className={table.colHead}>
                {t("data.sbg.fitted")}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.slice(0, MAX_ROWS).map((p) => (
              <tr key={p.age} data-holdout={p.age > calibration || undefined}>
                <th scope="row" className={table.th}>
                  {p.age > calibration ? t("data.sbg.heldOutAge", { age: p.age }) : p.age}
                </th>
                <td className={table.num}>{f.percent(p.actual)}</td>
                <td className={table.num}>{f.percent(p.fitted)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <Text size={200}>{t("data.sbg.definition")}</Text>
    </>
  );
}
