import type { LocaleInfo } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";

/**
 * A time unit's name ("weeks"), as the data view's sentences and headers use it; with a count,
 * the form that count takes ("1 week", "2 weeks": the i18n layer's plural rules).
 */
export function unitsName(t: LocaleInfo["t"], unit: string, count?: number): string {
  return t(`data.units.${unit}` as MessageKey, count === undefined ? undefined : { count });
}
