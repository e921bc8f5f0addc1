import { lazy, memo, useMemo, useState } from "react";
import { Scenario } from "../../../model/economics/scenario";
import { tornado } from "../../../model/whatif/tornado";
import { DASH, formatPercent } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import { useSettledValue } from "../../state/use-settled-value";
import { LazyChart } from "../shared/LazyChart";
import { FieldGrid } from "../shared/FieldGrid";
import { KeyPicker } from "../shared/Pickers";
import { NumberTable } from "../shared/NumberTable";
import { SwingField, useSwing } from "./SwingField";
import type { WhatIfBinding } from "./whatif-binding";
import { useWorkedExampleBinding } from "./worked-example-binding";

const TornadoChart = lazy(
  () => import(/* webpackChunkName: "charts" */ "../../charts/TornadoChart")
);

export interface WhatIfTornadoProps<State, InputKey extends string, OutputKey extends string> {
  binding: WhatIfBinding<State, InputKey, OutputKey>;
  state: State;
  /** False while the inputs cannot be evaluated: the panel says so instead of drawing. */
  valid: boolean;
}

/** Every input of any what-if model moved ±swing one at a time, largest effect on the chosen output first. */
function WhatIfTornadoPanel<State, InputKey extends string, OutputKey extends string>({
  binding,
  state,
  valid,
}: WhatIfTornadoProps<State, InputKey, OutputKey>) {
  const { t, locale } = useLocale();
  const { model, format, inputLabel, outputLabel, testIdPrefix } = binding;
  const [output, setOutput] = useState<OutputKey>(binding.initial.tornado);
  const swingField = useSwing("10");
  const { value: swing, ok: swingOk } = swingField;
  const result = useMemo(
    () => (valid && swingOk ? tornado(model, state, output, { swing }) : null),
    [model, state, valid, output, swing, swingOk]
  );
  const kind = model.outputKind(output);
  const swingLabel = formatPercent(swingOk ? swing : 0.1, locale);
  const chartBars = useMemo(
    () =>
      result?.bars
        .filter((b) => b.effect > 0)
        .map((b) => ({ name: inputLabel(b.input), low: b.low, high: b.high })) ?? [],
    [result, inputLabel]
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
        summary={t("charts.tornadoSummary", { output: outputLabel(settled.output) })}
        format={(v) => format(v, settled.kind, true)}
        lowName={t("tornado.legendLow", { swing: swingLabel })}
        highName={t("tornado.legendHigh", { swing: swingLabel })}
      />
    ),
    // Redraw for new bars, not for every new state object.
    [settled, t, format, outputLabel, swingLabel]
  );

  // Inputs that cannot move the output (with these settings) are left out, and named below.
  const bars = result?.bars.filter((b) => b.effect > 0) ?? [];
  const unmoved = result?.bars.filter((b) => !(b.effect > 0)).map((b) => b.input) ?? [];
  const value = (v: number | null) => format(v, kind, true);
  const inputValue = (input: InputKey, v: number) => format(v, model.inputSpecs[input].kind, true);

  return (
    <>
      <FieldGrid columns="wideFirst">
        <KeyPicker
          label={t("tornado.output")}
          value={output}
          keys={model.outputs}
          labelOf={outputLabel}
          onChange={setOutput}
        />
        <SwingField field="tornado.swing" swing={swingField} />
      </FieldGrid>
      {result === null ? (
        <p>{t("sensitivity.unavailable")}</p>
      ) : (
        <>
          <LazyChart>{chart}</LazyChart>
          <NumberTable
            caption={t("tornado.caption", { output: outputLabel(output), swing: swingLabel })}
            testId={`${testIdPrefix}tornado-table`}
            scroll="overflow"
            rows={bars.map((b) => b.input)}
            rowProps={(i) => ({ "data-input": bars[i].input })}
            rowHeader={{
              header: t("tornado.input"),
              // The input's name over the range it was moved through.
              cell: (i) => (
                <>
                  {inputLabel(bars[i].input)}
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
            <p data-testid={`${testIdPrefix}tornado-unmoved`}>
              {t("tornado.unmoved", {
                output: outputLabel(output),
                inputs: new Intl.ListFormat(locale, { type: "conjunction" }).format(
                  unmoved.map((input) => inputLabel(input))
                ),
              })}
            </p>
          )}
        </>
      )}
    </>
  );
}

/** The tornado over any what-if model (memo keeps the panel's type parameters). */
export const WhatIfTornado = memo(WhatIfTornadoPanel) as typeof WhatIfTornadoPanel;

/** The worked example's tornado. */
export const TornadoPanel = memo(function TornadoPanel({
  scenario,
  valid,
}: {
  scenario: Scenario;
  valid: boolean;
}) {
  const binding = useWorkedExampleBinding(scenario.currency);
  return <WhatIfTornado binding={binding} state={scenario} valid={valid} />;
});
