import { makeStyles, tokens } from "@fluentui/react-components";
import { memo, useMemo, useState } from "react";
import { Scenario } from "../../../model/economics/scenario";
import { INPUT_SPECS, InputKey, OutputKey, outputKind, sensitivityGrid } from "../../../model/whatif/whatif";
import { formatPercent, formatQuantity } from "../../format/format-number";
import { parseLocaleNumber, parseLocalePercent } from "../../format/parse-number";
import { useLocale } from "../../i18n/locale-context";
import { inputLabelKey } from "../../state/field-definitions";
import { outputLabel } from "../../state/labels";
import { heatColor } from "../shared/heat-colors";
import { NumberField } from "../shared/NumberField";
import { InputPicker, OutputPicker } from "../shared/Pickers";
import { useTableStyles } from "../shared/table-styles";

const useStyles = makeStyles({
  controls: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)",
    gap: tokens.spacingHorizontalS,
  },
  wide: { gridColumn: "1 / -1" },
  grid: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase100,
    fontVariantNumeric: "tabular-nums",
  },
  cell: {
    padding: "2px 3px",
    textAlign: "end",
    whiteSpace: "nowrap",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: {
    padding: "2px 3px",
    textAlign: "end",
    whiteSpace: "nowrap",
    fontWeight: tokens.fontWeightSemibold,
  },
  current: {
    outline: `2px solid ${tokens.colorNeutralForeground1}`,
    outlineOffset: "-2px",
    fontWeight: tokens.fontWeightBold,
  },
  currentHead: { textDecoration: "underline" },
  region: { overflow: "auto", maxWidth: "100%" },
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
  const table = useTableStyles();
  const { t, locale } = useLocale();
  const [rowInput, setRowInput] = useState<InputKey>("segments.new.averageBill");
  const [colInput, setColInput] = useState<InputKey>("segments.new.customers");
  const [output, setOutput] = useState<OutputKey>("total.profit");
  const [stepsText, setStepsText] = useState("11");
  const [spreadText, setSpreadText] = useState("25");
  const steps = parseLocaleNumber(stepsText, locale);
  const spread = parseLocalePercent(spreadText, locale);
  const stepsOk = Number.isInteger(steps) && steps >= 3 && steps <= 51 && steps % 2 === 1;
  const spreadOk = spread > 0 && spread <= 10;

  const grid = useMemo(
    () =>
      valid && stepsOk && spreadOk
        ? sensitivityGrid(scenario, rowInput, colInput, output, { steps, spread })
        : null,
    [scenario, valid, rowInput, colInput, output, steps, spread, stepsOk, spreadOk]
  );
  const kind = outputKind(output);
  const axis = (key: InputKey, v: number) =>
    formatQuantity(v, INPUT_SPECS[key].kind, scenario.currency, locale, true);

  return (
    <>
      <div className={styles.controls}>
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
        <NumberField
          label={t("sensitivity.spread")}
          value={spreadText}
          onChange={setSpreadText}
          message={spreadOk ? undefined : t("sensitivity.spreadInvalid")}
        />
      </div>
      {grid === null ? (
        <p>{t("sensitivity.unavailable")}</p>
      ) : (
        // Focusable so keyboard users can scroll a grid wider than the pane.
        <div
          className={styles.region}
          role="region"
          aria-label={t("sensitivity.gridRegion")}
          tabIndex={0}
        >
          <table className={styles.grid} data-testid="sensitivity-grid">
            <caption className={table.caption}>
              {t("sensitivity.caption", {
                output: outputLabel(t, output),
                rows: t(inputLabelKey(rowInput)),
                columns: t(inputLabelKey(colInput)),
                spread: formatPercent(spread, locale),
              })}
            </caption>
            <thead>
              <tr>
                <td />
                {grid.colValues.map((v, j) => (
                  <th
                    key={j}
                    scope="col"
                    className={`${styles.head} ${j === grid.center ? styles.currentHead : ""}`}
                  >
                    {axis(colInput, v)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {grid.rowValues.map((rv, i) => (
                <tr key={i}>
                  <th
                    scope="row"
                    className={`${styles.head} ${i === grid.center ? styles.currentHead : ""}`}
                  >
                    {axis(rowInput, rv)}
                  </th>
                  {grid.cells[i].map((value, j) => {
                    const isCurrent = i === grid.center && j === grid.center;
                    return (
                      <td
                        key={j}
                        className={`${styles.cell} ${isCurrent ? styles.current : ""}`}
                        style={heatColor(value, grid.base, grid.min, grid.max, theme)}
                        aria-current={isCurrent ? "true" : undefined}
                        title={isCurrent ? t("sensitivity.current") : undefined}
                        data-current={isCurrent || undefined}
                      >
                        {formatQuantity(value, kind, scenario.currency, locale, true)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
});
