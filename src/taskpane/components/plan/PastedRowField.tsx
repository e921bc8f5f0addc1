import { Field, makeStyles, Textarea } from "@fluentui/react-components";
import { useLocale } from "../../i18n/locale-context";

const useStyles = makeStyles({
  field: { minWidth: 0, gridColumn: "1 / -1" },
  area: { minWidth: 0, width: "100%" },
});

/**
 * The marketing plan's new customers by period, pasted from a sheet (a row or a column): it
 * replaces the first period's count and its growth. A text area, not an input, because a column
 * copied from Excel arrives with new lines, which an input would silently drop.
 */
export function PastedRowField({
  value,
  horizon,
  unit,
  problem,
  onChange,
}: {
  value: string;
  horizon: number;
  unit: string;
  problem: { bad: string; at: number } | { tooFew: number } | undefined;
  onChange: (text: string) => void;
}) {
  const { t, locale } = useLocale();
  const styles = useStyles();
  const message =
    problem === undefined
      ? undefined
      : "bad" in problem
        ? t("data.plan.pastedBad", { at: problem.at.toLocaleString(locale), cell: problem.bad })
        : t("data.plan.pastedTooFew", {
            count: problem.tooFew,
            horizon: horizon.toLocaleString(locale),
          });
  return (
    <Field
      className={styles.field}
      label={t("data.plan.pasted", { unit })}
      hint={t("data.plan.pastedHint", { horizon: horizon.toLocaleString(locale) })}
      validationState={message ? "error" : "none"}
      validationMessage={message}
    >
      <Textarea
        className={styles.area}
        value={value}
        rows={2}
        resize="vertical"
        spellCheck={false}
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
}
