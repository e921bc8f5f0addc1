import { DASH, formatAmount, formatNumber, formatPercent } from "../../format/format-number";
import { localeCurrency } from "../../format/locale-currency";
import { periodLabel } from "../../format/period-label";
import type { AnalysisView } from "../../worker/protocol";

/** How the data view writes its numbers: counts whole, shares as percentages, money in the user's locale's currency. */
export function dataFormatters(view: AnalysisView, locale: string) {
  const finite = (v: number | null | undefined): v is number =>
    v !== null && v !== undefined && Number.isFinite(v);
  return {
    count: (v: number | null | undefined) => (finite(v) ? formatNumber(v, locale, 0) : DASH),
    percent: (v: number | null | undefined) => (finite(v) ? formatPercent(v, locale, 1) : DASH),
    /** Money in the user's locale's currency (no sign when it is unknown): the data names none. */
    money: (v: number | null | undefined) =>
      finite(v) ? formatAmount(v, localeCurrency(locale), locale) : DASH,
    decimal: (v: number | null | undefined, digits = 2) =>
      finite(v) ? formatNumber(v, locale, digits) : DASH,
    /** Period number p (as the model numbers them) by the day it starts. */
    period: (p: number) => {
      const i = p - view.firstPeriod;
      return i >= 0 && i < view.periodStart.length
        ? periodLabel(view.periodStart[i], view.unit, locale)
        : String(p);
    },
  };
}

export type DataFormatters = ReturnType<typeof dataFormatters>;
