import { makeStyles, tokens } from "@fluentui/react-components";
import { InputKey } from "../../../model/whatif/worked-example-model";
import { useLocale } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";
import { FIELDS, SEGMENT_FIELDS } from "../../state/field-definitions";
import { NumberField } from "../shared/NumberField";

const useStyles = makeStyles({
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalM}`,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, paddingInline: tokens.spacingHorizontalXS },
});

export interface SegmentInputsProps {
  segment: "new" | "returning";
  texts: Record<InputKey, string>;
  messages: Partial<Record<InputKey, MessageKey>>;
  onEdit: (key: InputKey, text: string) => void;
  /** Set when returning customers come from the retention link: that field is read-only then. */
  derivedCustomers?: string;
}

/** One customer group's four inputs, grouped so each field is announced with its group's name. */
export function SegmentInputs({
  segment,
  texts,
  messages,
  onEdit,
  derivedCustomers,
}: SegmentInputsProps) {
  const styles = useStyles();
  const { t } = useLocale();
  return (
    <fieldset className={styles.fieldset}>
      <legend className={styles.legend}>
        {t(segment === "new" ? "group.new" : "group.returning")}
      </legend>
      {SEGMENT_FIELDS.map((field) => {
        const key = `segments.${segment}.${field}` as InputKey;
        const linked = field === "customers" && derivedCustomers !== undefined;
        const message = messages[key];
        return (
          <NumberField
            key={key}
            label={t(FIELDS[key].label)}
            value={linked ? derivedCustomers : texts[key]}
            onChange={(text) => onEdit(key, text)}
            message={message && !linked ? t(message) : undefined}
            disabled={linked}
            hint={linked ? t("field.returningCustomersLinked") : undefined}
          />
        );
      })}
    </fieldset>
  );
}
