import { makeStyles, tokens } from "@fluentui/react-components";
import { lazy, memo, useMemo, useState } from "react";
import { Scenario } from "../../../model/economics/scenario";
import { INPUT_SPECS, OutputKey, outputKind, tornado } from "../../../model/whatif/whatif";
import { DASH, formatPercent, formatQuantity } from "../../format/format-number";
import { parseLocalePercent } from "../../format/parse-number";
import { useLocale } from "../../i18n/locale-context";
import { inputLabelKey } from "../../state/field-definitions";
import { outputLabel } from "../../state/labels";
import { useSettledValue } from "../../state/use-settled-value";
import { LazyChart } from "../shared/LazyChart";
import { NumberField } from "../shared/NumberField";
import { OutputPicker } from "../shared/Pickers";
import { useTableStyles } from "../shared/table-styles";

const TornadoChart = lazy(() => import(/* webpackChunkName: "charts" */ "../../charts/TornadoChart"));

const useStyles = makeStyles({
  controls: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 2fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
  },
});

/** Every input moved ±swing one at a time, largest effect on the chosen output first. */
export const TornadoPanel = memo(function TornadoPanel({
  scenario,
  valid,
}: {
  scenario: Scenario;
  valid: boolean;
}) {
  const styles = useStyles();
  const table = useTableStyles();
  const { t, locale } = useLocale();
  const [output, setOutput] = useState<OutputKey>("total.profit");
  const [swingText, setSwingText] = useState("10");
  const swing = parseLocalePercent(swingText, locale);
  const swingOk = swing > 0 && swing <= 10;
  const result = useMemo(
    () => (valid && swingOk ? tornado(scenario, output, { swing }) : null),
    [scenario, valid, output, swing, swingOk]
  );
  const kind = outputKind(output);
  const swingLabel = formatPercent(swingOk ? swing : 0.1, locale);
  const chartBars = useMemo(
    () =>
      result?.bars
        .filter((b) => b.effect > 0)
        .map((b) => ({ name: t(inputLabelKey(b.input)), low: b.low, high: b.high })) ?? [],
    [result, t]
  );

  // The table below updates with every keystroke; the chart when typing pauses. The output
  // settles with its bars, so bars are never drawn in another output's units.
  const base = result?.base ?? null;
  const chartData = useMemo(
    () => ({ bars: chartBars, base, output, kind }),
    [chartBars, base, output, kind]
  );
  const settled = useSettledValue(chartData);
  const chart = useMemo(
    () => (
      <TornadoChart
        bars={settled.bars}
        base={settled.base}
        summary={t("charts.tornadoSummary", { output: outputLabel(t, settled.output) })}
        format={(v) => formatQuantity(v, settled.kind, scenario.currency, locale, true)}
      />
    ),
    // Redraw for new bars, not for every new scenario object.
    [settled, t, scenario.currency, locale]
  );

  return (
    <>
      <div className={styles.controls}>
        <OutputPicker label={t("tornado.output")} value={output} onChange={setOutput} />
        <NumberField
          label={t("tornado.swing")}
          value={swingText}
          onChange={setSwingText}
          message={swingOk ? undefined : t("tornado.swingInvalid")}
        />
      </div>
      {result === null ? (
        <p>{t("sensitivity.unavailable")}</p>
      ) : (
        <>
          <LazyChart>{chart}</LazyChart>
          <div className={table.scroll}>
            <table className={table.table} data-testid="tornado-table">
              <caption className={table.caption}>
                {t("tornado.caption", { output: outputLabel(t, output), swing: swingLabel })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className={table.th}>
                    {t("tornado.input")}
                  </th>
                  <th scope="col" className={table.colHead}>
                    {t("tornado.low", { swing: swingLabel })}
                  </th>
                  <th scope="col" className={table.colHead}>
                    {t("tornado.high", { swing: swingLabel })}
                  </th>
                  <th scope="col" className={table.colHead}>
                    {t("tornado.effect")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.bars.map((bar) => (
                  <tr key={bar.input} data-input={bar.input}>
                    <th scope="row" className={table.th}>
                      {t(inputLabelKey(bar.input))}
                      <br />
                      <span>
                        {formatQuantity(
                          bar.lowInput,
                          INPUT_SPECS[bar.input].kind,
                          scenario.currency,
                          locale,
                          true
                        )}{" "}
                        …{" "}
                        {formatQuantity(
                          bar.highInput,
                          INPUT_SPECS[bar.input].kind,
                          scenario.currency,
                          locale,
                          true
                        )}
                      </span>
                    </th>
                    <td className={table.num}>
                      {formatQuantity(bar.low, kind, scenario.currency, locale, true)}
                    </td>
                    <td className={table.num}>
                      {formatQuantity(bar.high, kind, scenario.currency, locale, true)}
                    </td>
                    <td className={table.num}>
                      {result.base === null
                        ? DASH
                        : formatQuantity(bar.effect, kind, scenario.currency, locale, true)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
});
