import { Field, makeStyles, Select, Text } from "@fluentui/react-components";
import { lazy, useState } from "react";
import type { AnalysisView } from "../../worker/protocol";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { LazyChart } from "../shared/LazyChart";
import { Notice } from "../shared/Notice";
import { NumberTable } from "../shared/NumberTable";
import { DataFormatters } from "./data-format";
import { unitsName } from "./unit-name";
import { sbgFitQuality } from "../../../model/sbg/sbg-fit-quality";

const SbgFitChart = lazy(() => import(/* webpackChunkName: "charts" */ "../../charts/SbgFitChart"));

const MAX_ROWS = 36;

const useStyles = makeStyles({
  select: { minWidth: 0, width: "100%" },
  field: { maxWidth: "240px" },
});

/**
 * The sBG model fitted across all cohorts, drawn against the cohorts' actual survival. The last
 * periods can be held out: the fit then sees only the ages before them, and the curve beyond
 * shows how well it projects. Every fit was computed once, in the worker (view.sbg); the one
 * without a holdout is the fit the analysis sheet writes.
 */
export function SbgFitView({ view, f }: { view: AnalysisView; f: DataFormatters }) {
  const styles = useStyles();
  const { t, locale } = useLocale();
  const [holdout, setHoldout] = useState(0);
  const { actual, fits } = view.sbg;
  const periods = actual.length - 1;
  const maxHoldout = fits.length - 1;
  const held = Math.min(holdout, maxHoldout);
  const calibration = periods - held;
  const shown = fits[held];
  const units = t(`data.units.${view.unit}` as MessageKey);
  const points = Array.from(actual, (a, age) => ({
    age,
    actual: a,
    fitted: shown.fit ? shown.fitted[age] : null,
  }));
  const rows = Math.min(points.length, MAX_ROWS);
  // Against every age shown, held out or not: the error in the holdout is the projection's.
  const quality = shown.fit ? sbgFitQuality(actual, shown.fitted) : null;
  // Always one decimal: "1.0 points", never "1 points".
  const inPoints = (v: number) =>
    new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);

  return (
    <>
      <Field label={t("data.sbg.holdout")} className={styles.field}>
        <Select
          className={styles.select}
          value={String(held)}
          disabled={maxHoldout === 0}
          onChange={(_, d) => setHoldout(Number(d.value))}
        >
          {fits.map((_, h) => (
            <option key={h} value={String(h)}>
              {h === 0
                ? t("data.sbg.holdoutNone")
                : t("data.sbg.holdoutPeriods", { periods: h, units: unitsName(t, view.unit, h) })}
            </option>
          ))}
        </Select>
      </Field>
      {shown.fit ? (
        <Text data-testid="sbg-parameters">
          {t("data.sbg.parameters", {
            alpha: f.decimal(shown.fit.alpha, 3),
            beta: f.decimal(shown.fit.beta, 3),
            cohorts: shown.fit.cohorts,
            periods: calibration,
            units: unitsName(t, view.unit, calibration),
          })}
        </Text>
      ) : (
        <Notice intent="warning">{t("data.sbg.failed", { detail: shown.error ?? "" })}</Notice>
      )}
      {quality && quality.ages > 0 && (
        <Text data-testid="sbg-quality">
          {t("data.sbg.quality", {
            mae: inPoints(quality.meanAbsoluteError),
            max: inPoints(quality.maxError),
            age: quality.maxAge,
            units,
          })}
        </Text>
      )}
      {quality?.poor && (
        <Notice intent="warning" testId="sbg-poor-fit">
          {t("data.sbg.poorFit")}
        </Notice>
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
      <NumberTable
        caption={t("data.sbg.caption")}
        testId="sbg-table"
        scroll={{ label: t("data.sbg.caption") }}
        rows={rows}
        rowKey={(age) => age}
        rowProps={(age) => ({ "data-holdout": age > calibration || undefined })}
        rowHeader={{
          header: t("data.sbg.age", { units }),
          cell: (age) => (age > calibration ? t("data.sbg.heldOutAge", { age }) : age),
        }}
        columns={[
          { key: "actual", header: t("data.sbg.actual"), cell: (age) => f.percent(actual[age]) },
          {
            key: "fitted",
            header: t("data.sbg.fitted"),
            cell: (age) => f.percent(points[age].fitted),
          },
        ]}
      />
      <Text size={200}>{t("data.sbg.definition")}</Text>
    </>
  );
}
