import { lazy, memo, useMemo, useState } from "react";
import { Scenario } from "../../../model/economics/scenario";
import { tornado } from "../../../model/whatif/tornado";
import type { InputKey, OutputKey } from "../../../model/whatif/worked-example-model";
import {
  INPUT_SPECS,
  outputKind,
  WORKED_EXAMPLE_MODEL,
} from "../../../model/whatif/worked-example-model";
import { DASH, formatPercent, formatQuantity } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import { inputLabelKey } from "../../state/field-definitions";
import { outputLabel } from "../../state/labels";
import { useSettledValue } from "../../state/use-settled-value";
import { LazyChart } from "../shared/LazyChart";
import { FieldGrid } from "../shared/FieldGrid";
import { OutputPicker } from "../shared/Pickers";
import { NumberTable } from "../shared/NumberTable";
import { SwingField, useSwing } from "./SwingField";

const TornadoChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../charts/TornadoChart")
);

/** Every input moved ±swing one at a time, largest effect on the chosen output first. */
export const TornadoPanel = memo(function TornadoPanel({
  scenario,
  valid,
}: {
  scenario: Scenario;
  valid: boolean;
}) {
  const { t, locale } = useLocale();
  const [output, setOutput] = useState<OutputKey>("total.profit");
  const swingField = useSwing("10");
  const { value: swing, ok: swingOk } = swingField;
  const result = useMemo(
    () => (valid && swingOk ? tornado(WORKED_EXAMPLE_MODEL, scenario, output, { swing }) : null),
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
        lowName={t("tornado.legendLow", { swing: swingLabel })}
        highName={t("tornado.legendHigh", { swing: swingLabel })}
      />
    ),
    // Redraw for new bars, not for every new scenario object.
    [settled, t, scenario.currency, locale, swingLabel]
  );

  // Inputs that cannot move the output (with these settings) are left out, and named below.
  const bars = result?.bars.filter((b) => b.effect > 0) ?? [];
  const unmoved = result?.bars.filter((b) => !(b.effect > 0)).map((b) => b.input) ?? [];
  const value = (v: number | null) => formatQuantity(v, kind, scenario.currency, locale, true);
  const inputValue = (input: InputKey, v: number) =>
    formatQuantity(v, INPUT_SPECS[input].kind, scenario.currency, locale, true);

  return (
    <>
      <FieldGrid columns="wideFirst">
        <OutputPicker label={t("tornado.output")} value={output} onChange={setOutput} />
        <SwingField field="tornado.swing" swing={swingField} />
      </FieldGrid>
      {result === null ? (
        <p>{t("sensitivity.unavailable")}</p>
      ) : (
        <>
          <LazyChart>{chart}</LazyChart>
          <NumberTable
            caption={t("tornado.caption", { output: outputLabel(t, output), swing: swingLabel })}
            testId="tornado-table"
            scroll="overflow"
            rows={bars.map((b) => b.input)}
            rowProps={(i) => ({ "data-input": bars[i].input })}
            rowHeader={{
              header: t("tornado.input"),
              // The input's name over the range it was moved through.
              cell: (i) => (
                <>
                  {t(inputLabelKey(bars[i].input))}
                  <br />
                  <span>
                    {inputValue(bars[i].input, bars[i].lowInput)} {"…"}{" "}
                    {inputValue(bars[i].input, bars[i].highInput)}
                  </span>
                </>
              ),
            }}
            columns={[
              {
                key: "low",
                header: t("tornado.low", { swing: swingLabel }),
                cell: (i) => value(bars[i].low),
              },
              {
                key: "high",
                header: t("tornado.high", { swing: swingLabel }),
                cell: (i) => value(bars[i].high),
              },
              {
                key: "effect",
                header: t("tornado.effect"),
                cell: (i) => (result.base === null ? DASH : value(bars[i].effect)),
              },
            ]}
          />
          {unmoved.length > 0 && (
            <p data-testid="tornado-unmoved">
              {t("tornado.unmoved", {
                output: outputLabel(t, output),
                inputs: new Intl.ListFormat(locale, { type: "conjunction" }).format(
                  unmoved.map((input) => t(inputLabelKey(input)))
                ),
              })}
            </p>
          )}
        </>
      )}
    </>
  );
});
