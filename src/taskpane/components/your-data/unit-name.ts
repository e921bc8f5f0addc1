import type { LocaleInfo } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";

/** A time unit's name in the plural ("weeks"), as the data view's sentences and headers use it. */
export function unitsName(t: LocaleInfo["t"], unit: string): string {
  return t(`data.units.${unit}` as MessageKey);
}
