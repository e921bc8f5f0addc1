import { Field, makeStyles, Select } from "@fluentui/react-components";
import { INPUT_KEYS, InputKey, OUTPUT_KEYS, OutputKey } from "../../model/whatif";
import { useLocale } from "../i18n/locale-context";
import { inputLabelKey } from "../state/field-definitions";
import { outputLabel } from "../state/labels";

// A native <select> is as wide as its longest option; in a narrow task pane it must shrink instead.
const useStyles = makeStyles({
  field: { minWidth: 0 },
  select: { minWidth: 0, width: "100%" },
  native: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});

export function InputPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: InputKey;
  onChange: (key: InputKey) => void;
}) {
  const { t } = useLocale();
  const styles = useStyles();
  return (
    <Field label={label} className={styles.field}>
      <Select
        className={styles.select}
        select={{ className: styles.native }}
        value={value}
        onChange={(_, data) => onChange(data.value as InputKey)}
      >
        {INPUT_KEYS.map((key) => (
          <option key={key} value={key}>
            {t(inputLabelKey(key))}
          </option>
        ))}
      </Select>
    </Field>
  );
}

export function OutputPicker({
  label,
  value,
  onChange,
}: {
  label: string;
  value: OutputKey;
  onChange: (key: OutputKey) => void;
}) {
  const { t } = useLocale();
  const styles = useStyles();
  return (
    <Field label={label} className={styles.field}>
      <Select
        className={styles.select}
        select={{ className: styles.native }}
        value={value}
        onChange={(_, data) => onChange(data.value as OutputKey)}
      >
        {OUTPUT_KEYS.map((key) => (
          <option key={key} value={key}>
            {outputLabel(t, key)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
