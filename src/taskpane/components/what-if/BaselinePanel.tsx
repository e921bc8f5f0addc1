import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { OutputKey, outputChange, outputKind } from "../../../model/whatif/whatif";
import { DASH, formatPercent, formatQuantity } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import { outputLabel } from "../../state/labels";
import { useTableStyles } from "../shared/table-styles";

/** The outputs a what-if conversation is usually about. */
const KEY_OUTPUTS: OutputKey[] = [
  "total.revenue",
  "total.profit",
  "total.profitability",
  "new.profit",
  "returning.profit",
  "comparison.costRatio",
  "ltv.value",
  "ltv.ltvToCac",
];

const useStyles = makeStyles({
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  up: { color: tokens.colorPaletteGreenForeground1 },
  down: { color: tokens.colorPaletteRedForeground1 },
});

export interface BaselinePanelProps {
  outputs: Record<OutputKey, number | null>;
  baselineOutputs: Record<OutputKey, number | null>;
  currency: string;
  canSetBaseline: boolean;
  onSetBaseline: () => void;
  onResetToBaseline: () => void;
}

export function BaselinePanel({
  outputs,
  baselineOutputs,
  currency,
  canSetBaseline,
  onSetBaseline,
  onResetToBaseline,
}: BaselinePanelProps) {
  const styles = useStyles();
  const table = useTableStyles();
  const { t, locale } = useLocale();
  return (
    <>
      <div className={table.scroll}>
        <table className={table.table} data-testid="baseline-table">
          <caption className={table.caption}>{t("baseline.caption")}</caption>
          <thead>
            <tr>
              <th scope="col" className={table.th}>
                {t("results.metric")}
              </th>
              <th scope="col" className={table.colHead}>
                {t("baseline.baseline")}
              </th>
              <th scope="col" className={table.colHead}>
                {t("baseline.scenario")}
              </th>
              <th scope="col" className={table.colHead}>
                {t("baseline.change")}
              </th>
              <th scope="col" className={table.colHead}>
                {t("baseline.changePercent")}
              </th>
            </tr>
          </thead>
          <tbody>
            {KEY_OUTPUTS.map((key) => {
              const before = baselineOutputs[key];
              const after = outputs[key];
              const kind = outputKind(key);
              const change = outputChange(before, after);
              const delta = change?.delta ?? null;
              const relative = change?.relative ?? null;
              const tone =
                delta === null || Math.abs(delta) < 1e-9
                  ? undefined
                  : delta > 0
                    ? styles.up
                    : styles.down;
              return (
                <tr key={key} data-output={key}>
                  <th scope="row" className={table.th}>
                    {outputLabel(t, key)}
                  </th>
                  <td className={table.num}>{formatQuantity(before, kind, currency, locale)}</td>
                  <td className={table.num}>{formatQuantity(after, kind, currency, locale)}</td>
                  <td className={`${table.num} ${tone ?? ""}`}>
                    {delta === null
                      ? DASH
                      : signed(formatQuantity(delta, kind, currency, locale), delta)}
                  </td>
                  <td className={`${table.num} ${tone ?? ""}`}>
                    {relative === null ? DASH : signed(formatPercent(relative, locale), relative)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={!canSetBaseline} onClick={onSetBaseline}>
          {t("baseline.set")}
        </Button>
        <Button onClick={onResetToBaseline}>{t("baseline.reset")}</Button>
      </div>
    </>
  );
}

/** An explicit plus on increases, so "+12%" reads as a change, not a level. */
function signed(text: string, value: number): string {
  return value > 1e-12 && !text.startsWith("+") ? `+${text}` : text;
}
