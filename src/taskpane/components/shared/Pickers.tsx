import { Field, makeStyles, Select } from "@fluentui/react-components";
import { INPUT_KEYS, InputKey, OUTPUT_KEYS, OutputKey } from "../../../model/whatif/whatif";
import { useLocale } from "../../i18n/locale-context";
import { inputLabelKey } from "../../state/field-definitions";
import { outputLabel } from "../../state/labels";

// A native <select> is as wide as its longest option; in a narrow task pane it must shrink instead.
const useStyles = makeStyles({
  field: { minWidth: 0 },
  select: { minWidth: 0, width: "100%" },
  native: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});

/** A labelled choice among keys, each shown by its translated label. */
function KeyPicker<K extends string>({
  label,
  value,
  keys,
  labelOf,
  onChange,
}: {
  label: string;
  value: K;
  keys: readonly K[];
  labelOf: (key: K) => string;
  onChange: (key: K) => void;
}) {
  const styles = useStyles();
  return (
    <Field label={label} className={styles.field}>
      <Select
        className={styles.select}
        select={{ className: styles.native }}
        value={value}
        onChange={(_, data) => onChange(data.value as K)}
      >
        {keys.map((key) => (
          <option key={key} value={key}>
            {labelOf(key)}
          </option>
        ))}
      </Select>
    </Field>
  );
}

interface PickerProps<K> {
  label: string;
  value: K;
  onChange: (key: K) => void;
}

export function InputPicker(props: PickerProps<InputKey>) {
  const { t } = useLocale();
  return <KeyPicker {...props} keys={INPUT_KEYS} labelOf={(key) => t(inputLabelKey(key))} />;
}

export function OutputPicker(props: PickerProps<OutputKey>) {
  const { t } = useLocale();
  return <KeyPicker {...props} keys={OUTPUT_KEYS} labelOf={(key) => outputLabel(t, key)} />;
}
