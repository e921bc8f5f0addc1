import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { memo, useMemo, useState } from "react";
import { Scenario } from "../../../model/economics/scenario";
import { sensitivityGrid } from "../../../model/whatif/sensitivity";
import type { InputKey, OutputKey } from "../../../model/whatif/worked-example-model";
import {
  INPUT_SPECS,
  outputKind,
  WORKED_EXAMPLE_MODEL,
} from "../../../model/whatif/worked-example-model";
import { formatPercent, formatQuantity } from "../../format/format-number";
import { parseLocaleNumber } from "../../format/parse-number";
import { useLocale } from "../../i18n/locale-context";
import { inputLabelKey } from "../../state/field-definitions";
import { outputLabel } from "../../state/labels";
import { heatColor } from "../shared/heat-colors";
import { FieldGrid } from "../shared/FieldGrid";
import { NumberField } from "../shared/NumberField";
import { InputPicker, OutputPicker } from "../shared/Pickers";
import { useHeatGridStyles } from "../shared/heat-grid-styles";
import { NumberTable } from "../shared/NumberTable";
import { SwingField, useSwing } from "./SwingField";

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

export interface SensitivityPanelProps {
  scenario: Scenario;
  valid: boolean;
  theme: "light" | "dark";
}

/** A two-way data table over any two inputs, shaded like a heat map, recomputed on every keystroke. */
export const SensitivityPanel = memo(function SensitivityPanel({
  scenario,
  valid,
  theme,
}: SensitivityPanelProps) {
  const styles = useStyles();
  const heat = useHeatGridStyles();
  const { t, locale } = useLocale();
  const [rowInput, setRowInput] = useState<InputKey>("segments.new.averageBill");
  const [colInput, setColInput] = useState<InputKey>("segments.new.customers");
  const [output, setOutput] = useState<OutputKey>("total.profit");
  const [stepsText, setStepsText] = useState("11");
  const spreadField = useSwing("25");
  const { value: spread, ok: spreadOk } = spreadField;
  const steps = parseLocaleNumber(stepsText, locale);
  const stepsOk = Number.isInteger(steps) && steps >= 3 && steps <= 51 && steps % 2 === 1;

  const grid = useMemo(
    () =>
      valid && stepsOk && spreadOk
        ? sensitivityGrid(WORKED_EXAMPLE_MODEL, scenario, rowInput, colInput, output, {
            steps,
            spread,
          })
        : null,
    [scenario, valid, rowInput, colInput, output, steps, spread, stepsOk, spreadOk]
  );
  const kind = outputKind(output);
  const axis = (key: InputKey, v: number) =>
    formatQuantity(v, INPUT_SPECS[key].kind, scenario.currency, locale, true);

  const head = (k: number) =>
    k === grid?.center ? mergeClasses(styles.tight, styles.currentHead) : styles.tight;

  return (
    <>
      <FieldGrid columns="halves">
        <div className={styles.wide}>
          <OutputPicker label={t("sensitivity.output")} value={output} onChange={setOutput} />
        </div>
        <InputPicker label={t("sensitivity.rows")} value={rowInput} onChange={setRowInput} />
        <InputPicker label={t("sensitivity.columns")} value={colInput} onChange={setColInput} />
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
            output: outputLabel(t, output),
            rows: t(inputLabelKey(rowInput)),
            columns: t(inputLabelKey(colInput)),
            spread: formatPercent(spread, locale),
          })}
          testId="sensitivity-grid"
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
            cell: (i) => formatQuantity(grid.cells[i][j], kind, scenario.currency, locale, true),
            props: (i) => {
              // The scenario as it stands, at the centre: outlined, and said so.
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
});
