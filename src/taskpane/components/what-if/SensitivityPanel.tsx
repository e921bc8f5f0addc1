import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { memo, useMemo, useState } from "react";
import { Scenario } from "../../../model/economics/scenario";
import { sensitivityGrid } from "../../../model/whatif/sensitivity";
import { formatPercent } from "../../format/format-number";
import { parseLocaleNumber } from "../../format/parse-number";
import { useLocale } from "../../i18n/locale-context";
import { heatColor } from "../shared/heat-colors";
import { FieldGrid } from "../shared/FieldGrid";
import { NumberField } from "../shared/NumberField";
import { KeyPicker } from "../shared/Pickers";
import { useHeatGridStyles } from "../shared/heat-grid-styles";
import { NumberTable } from "../shared/NumberTable";
import { SwingField, useSwing } from "./SwingField";
import type { WhatIfBinding } from "./whatif-binding";
import { useWorkedExampleBinding } from "./worked-example-binding";

const useStyles = makeStyles({
  wide: { gridColumn: "1 / -1" },
  // The grid is denser than the cohorts' heat map: up to 51 columns.
  tight: { paddingLeft: "3px", paddingRight: "3px" },
  current: {
    outline: `2px solid ${tokens.colorNeutralForeground1}`,
    outlineOffset: "-2px",
    fontWeight: tokens.fontWeightBold,
  },
  currentHead: { textDecoration: "underline" },
});

export interface WhatIfSensitivityProps<State, InputKey extends string, OutputKey extends string> {
  binding: WhatIfBinding<State, InputKey, OutputKey>;
  state: State;
  /** False while the inputs cannot be evaluated: the panel says so instead of drawing. */
  valid: boolean;
  theme: "light" | "dark";
}

/**
 * A two-way data table over any two inputs of any what-if model, shaded like a heat map,
 * recomputed on every keystroke.
 */
function WhatIfSensitivityPanel<State, InputKey extends string, OutputKey extends string>({
  binding,
  state,
  valid,
  theme,
}: WhatIfSensitivityProps<State, InputKey, OutputKey>) {
  const styles = useStyles();
  const heat = useHeatGridStyles();
  const { t, locale } = useLocale();
  const { model, format, inputLabel, outputLabel, testIdPrefix } = binding;
  const [rowInput, setRowInput] = useState<InputKey>(binding.initial.sensitivity.rows);
  const [colInput, setColInput] = useState<InputKey>(binding.initial.sensitivity.columns);
  const [output, setOutput] = useState<OutputKey>(binding.initial.sensitivity.output);
  const [stepsText, setStepsText] = useState("11");
  const spreadField = useSwing("25");
  const { value: spread, ok: spreadOk } = spreadField;
  const steps = parseLocaleNumber(stepsText, locale);
  const stepsOk = Number.isInteger(steps) && steps >= 3 && steps <= 51 && steps % 2 === 1;

  const grid = useMemo(
    () =>
      valid && stepsOk && spreadOk
        ? sensitivityGrid(model, state, rowInput, colInput, output, { steps, spread })
        : null,
    [model, state, valid, rowInput, colInput, output, steps, spread, stepsOk, spreadOk]
  );
  const kind = model.outputKind(output);
  const axis = (key: InputKey, v: number) => format(v, model.inputSpecs[key].kind, true);

  const head = (k: number) =>
    k === grid?.center ? mergeClasses(styles.tight, styles.currentHead) : styles.tight;

  return (
    <>
      <FieldGrid columns="halves">
        <div className={styles.wide}>
          <KeyPicker
            label={t("sensitivity.output")}
            value={output}
            keys={model.outputs}
            labelOf={outputLabel}
            onChange={setOutput}
          />
        </div>
        <KeyPicker
          label={t("sensitivity.rows")}
          value={rowInput}
          keys={model.inputs}
          labelOf={inputLabel}
          onChange={setRowInput}
        />
        <KeyPicker
          label={t("sensitivity.columns")}
          value={colInput}
          keys={model.inputs}
          labelOf={inputLabel}
          onChange={setColInput}
        />
        <NumberField
          label={t("sensitivity.steps")}
          value={stepsText}
          onChange={setStepsText}
          message={stepsOk ? undefined : t("sensitivity.stepsInvalid")}
        />
        <SwingField field="sensitivity.spread" swing={spreadField} />
      </FieldGrid>
      {grid === null ? (
        <p>{t("sensitivity.unavailable")}</p>
      ) : (
        <NumberTable
          caption={t("sensitivity.caption", {
            output: outputLabel(output),
            rows: inputLabel(rowInput),
            columns: inputLabel(colInput),
            spread: formatPercent(spread, locale),
          })}
          testId={`${testIdPrefix}sensitivity-grid`}
          look={heat}
          scroll={{ label: t("sensitivity.gridRegion"), fullHeight: true }}
          rows={grid.rowValues.length}
          rowHeader={{
            cell: (i) => axis(rowInput, grid.rowValues[i]),
            props: (i) => ({ className: head(i) }),
          }}
          columns={grid.colValues.map((v, j) => ({
            key: String(j),
            header: axis(colInput, v),
            headClassName: head(j),
            cell: (i) => format(grid.cells[i][j], kind, true),
            props: (i) => {
              // The inputs as they stand, at the centre: outlined, and said so.
              const isCurrent = i === grid.center && j === grid.center;
              return {
                className: isCurrent ? mergeClasses(styles.tight, styles.current) : styles.tight,
                style: heatColor(grid.cells[i][j], grid.base, grid.min, grid.max, theme),
                "aria-current": isCurrent ? "true" : undefined,
                title: isCurrent ? t("sensitivity.current") : undefined,
                "data-current": isCurrent || undefined,
              };
            },
          }))}
        />
      )}
    </>
  );
}

/** The sensitivity grid over any what-if model (memo keeps the panel's type parameters). */
export const WhatIfSensitivity = memo(WhatIfSensitivityPanel) as typeof WhatIfSensitivityPanel;

export interface SensitivityPanelProps {
  scenario: Scenario;
  valid: boolean;
  theme: "light" | "dark";
}

/** The worked example's sensitivity grid. */
export const SensitivityPanel = memo(function SensitivityPanel({
  scenario,
  valid,
  theme,
}: SensitivityPanelProps) {
  const binding = useWorkedExampleBinding(scenario.currency);
  return <WhatIfSensitivity binding={binding} state={scenario} valid={valid} theme={theme} />;
});
