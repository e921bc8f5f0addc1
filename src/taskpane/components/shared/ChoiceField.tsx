import { Field, makeStyles, mergeClasses, Select } from "@fluentui/react-components";

// A native <select> is as wide as its longest option; in a narrow task pane it must shrink instead.
const useStyles = makeStyles({
  field: { minWidth: 0 },
  select: { minWidth: 0, width: "100%" },
  ellipsis: { minWidth: 0, width: "100%", textOverflow: "ellipsis" },
});

export interface Choice {
  value: string;
  label: string;
}

export interface ChoiceFieldProps {
  label: string;
  value: string;
  choices: readonly Choice[];
  onChange: (value: string) => void;
  disabled?: boolean;
  /** Marks the field invalid and says why. */
  message?: string;
  /** Long labels end in "…" rather than being cut (the pickers of inputs and outputs). */
  ellipsis?: boolean;
  className?: string;
}

/** A labelled choice from a short list, as a native select that fits a narrow pane. */
export function ChoiceField({
  label,
  value,
  choices,
  onChange,
  disabled,
  message,
  ellipsis = false,
  className,
}: ChoiceFieldProps) {
  const styles = useStyles();
  return (
    <Field
      label={label}
      className={mergeClasses(styles.field, className)}
      validationState={message ? "error" : "none"}
      validationMessage={message}
    >
      <Select
        className={styles.select}
        select={ellipsis ? { className: styles.ellipsis } : undefined}
        value={value}
        disabled={disabled}
        onChange={(_, d) => onChange(d.value)}
      >
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
