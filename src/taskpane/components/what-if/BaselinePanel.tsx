import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { outputChange } from "../../../model/whatif/output-change";
import { OutputKey, outputKind } from "../../../model/whatif/worked-example-model";
import { DASH, formatPercent, formatQuantity } from "../../format/format-number";
import { useLocale } from "../../i18n/locale-context";
import { outputLabel } from "../../state/labels";
import { ButtonRow } from "../shared/ButtonRow";
import { NumberTable } from "../shared/NumberTable";

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

const COLUMNS = ["baseline", "scenario", "change", "changePercent"] as const;

const useStyles = makeStyles({
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
  const { t, locale } = useLocale();
  // Each output's row as the table writes it; a change is coloured by its direction.
  const rows = KEY_OUTPUTS.map((key) => {
    const before = baselineOutputs[key];
    const after = outputs[key];
    const kind = outputKind(key);
    const change = outputChange(before, after);
    const delta = change?.delta ?? null;
    const relative = change?.relative ?? null;
    return {
      baseline: formatQuantity(before, kind, currency, locale),
      scenario: formatQuantity(after, kind, currency, locale),
      change: delta === null ? DASH : signed(formatQuantity(delta, kind, currency, locale), delta),
      changePercent: relative === null ? DASH : signed(formatPercent(relative, locale), relative),
      tone:
        delta === null || Math.abs(delta) < 1e-9 ? undefined : delta > 0 ? styles.up : styles.down,
    };
  });
  return (
    <>
      <NumberTable
        caption={t("baseline.caption")}
        testId="baseline-table"
        scroll="overflow"
        rows={KEY_OUTPUTS}
        rowProps={(i) => ({ "data-output": KEY_OUTPUTS[i] })}
        rowHeader={{ header: t("results.metric"), cell: (i) => outputLabel(t, KEY_OUTPUTS[i]) }}
        columns={COLUMNS.map((key) => ({
          key,
          header: t(`baseline.${key}`),
          cell: (i: number) => rows[i][key],
          props: (i: number) => ({
            className: key === "change" || key === "changePercent" ? rows[i].tone : undefined,
          }),
        }))}
      />
      <ButtonRow>
        <Button appearance="primary" disabled={!canSetBaseline} onClick={onSetBaseline}>
          {t("baseline.set")}
        </Button>
        <Button onClick={onResetToBaseline}>{t("baseline.reset")}</Button>
      </ButtonRow>
    </>
  );
}

/** An explicit plus on increases, so "+12%" reads as a change, not a level. */
function signed(text: string, value: number): string {
  return value > 1e-12 && !text.startsWith("+") ? `+${text}` : text;
}
