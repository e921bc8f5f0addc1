import type { SizeRefusal } from "../../../model/history/result-size";
import type { LocaleInfo } from "../../i18n/locale-context";
import type { MessageKey } from "../../i18n/strings";

/**
 * The model's refusal of a table too large for a sheet, in the pane's language: the span and
 * its periods, the limit it passes, and what to do (correct a far-future date, or choose a
 * longer period).
 */
export function tooLargeMessage(t: LocaleInfo["t"], locale: string, refusal: SizeRefusal): string {
  const n = (x: number) => x.toLocaleString(locale);
  return [
    t("data.error.tooLarge", {
      from: refusal.from,
      to: refusal.to,
      periods: n(refusal.periods),
      units: t(`data.units.${refusal.unit}` as MessageKey, { count: refusal.periods }),
      needed: n(refusal.needed),
      limit: n(refusal.limit),
      what: t(`data.error.tooLarge.${refusal.need}` as MessageKey),
    }),
    t(refusal.farFuture ? "data.error.tooLarge.farFuture" : "data.error.tooLarge.longer"),
  ].join(" ");
}
