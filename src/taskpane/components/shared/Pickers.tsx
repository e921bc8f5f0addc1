import {
  INPUT_KEYS,
  InputKey,
  OUTPUT_KEYS,
  OutputKey,
} from "../../../model/whatif/worked-example-model";
import { useLocale } from "../../i18n/locale-context";
import { inputLabelKey } from "../../state/field-definitions";
import { outputLabel } from "../../state/labels";
import { ChoiceField } from "./ChoiceField";

/** A labelled choice among keys, each shown by its translated label (long ones end in "…"). */
export function KeyPicker<K extends string>({
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
  return (
    <ChoiceField
      label={label}
      value={value}
      choices={keys.map((key) => ({ value: key, label: labelOf(key) }))}
      onChange={(v) => onChange(v as K)}
      ellipsis
    />
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
