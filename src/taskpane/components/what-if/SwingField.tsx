import { useState } from "react";
import { parseLocalePercent } from "../../format/parse-number";
import { useLocale } from "../../i18n/locale-context";
import { NumberField } from "../shared/NumberField";

/** How far the what-if tools move an input either way: typed in percent, above 0, at most 1000%. */
export interface Swing {
  text: string;
  setText: (text: string) => void;
  /** The fraction typed (0.1 for "10"). */
  value: number;
  ok: boolean;
}

export function useSwing(initialText: string): Swing {
  const { locale } = useLocale();
  const [text, setText] = useState(initialText);
  const value = parseLocalePercent(text, locale);
  return { text, setText, value, ok: value > 0 && value <= 10 };
}

/**
 * The ± field of the sensitivity grid and the tornado, saying why while its text is out of range:
 * `field` is its label's key, `${field}Invalid` the message's.
 */
export function SwingField({
  field,
  swing,
}: {
  field: "sensitivity.spread" | "tornado.swing";
  swing: Swing;
}) {
  const { t } = useLocale();
  return (
    <NumberField
      label={t(field)}
      value={swing.text}
      onChange={swing.setText}
      message={swing.ok ? undefined : t(`${field}Invalid`)}
    />
  );
}
