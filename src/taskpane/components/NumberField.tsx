import { Field, Input } from "@fluentui/react-components";
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
  return (
    <Field
      label={label}
      validationState={message ? "error" : "none"}
      validationMessage={message}
      hint={hint}
    >
      <Input
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
