import { Field, Input, makeStyles } from "@fluentui/react-components";
import { memo } from "react";

export interface NumberFieldProps {
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** Inline validation message; the field is marked invalid while present. */
  message?: string;
  hint?: string;
  disabled?: boolean;
}

// Inputs keep their intrinsic width otherwise and push a narrow task pane sideways.
const useStyles = makeStyles({
  field: { minWidth: 0 },
  input: { minWidth: 0, width: "100%" },
});

/**
 * A number typed as text: the user's locale decides the separators ("1 617 000",
 * "1.617.000,50"), so a type="number" input, which only takes the browser's format, will not do.
 */
export const NumberField = memo(function NumberField({
  label,
  value,
  onChange,
  message,
  hint,
  disabled,
}: NumberFieldProps) {
  const styles = useStyles();
  return (
    <Field
      className={styles.field}
      label={label}
      validationState={message ? "error" : "none"}
      validationMessage={message}
      hint={hint}
    >
      <Input
        className={styles.input}
        value={value}
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        disabled={disabled}
        onChange={(_, data) => onChange(data.value)}
      />
    </Field>
  );
});
