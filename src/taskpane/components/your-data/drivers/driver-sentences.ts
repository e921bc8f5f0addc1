/**
 * The Cox model's hazard ratios in words a manager reads: one sentence for each term with a
 * p-value under 0.05 (a category against its baseline, or each extra unit of a number), and the
 * other terms listed once as "no clear difference".
 */
import type { LocaleInfo } from "../../../i18n/locale-context";
import type { DriverTerm } from "../../../worker/protocol";
import type { DataFormatters } from "../data-format";

/** Terms with p below this get a sentence. */
export const CLEAR = 0.05;

/** A term as tables and charts name it: "plan = annual", or the number column's name. */
export function termName(t: LocaleInfo["t"], term: DriverTerm): string {
  return term.category === null
    ? term.column
    : t("data.drivers.termCategory", { column: term.column, category: term.category });
}

/** The sentence for a clear term. */
export function termSentence(t: LocaleInfo["t"], f: DataFormatters, term: DriverTerm): string {
  if (term.category !== null)
    return t("data.drivers.sentenceCategory", {
      column: term.column,
      category: term.category,
      baseline: term.baseline ?? "",
      hr: f.decimal(term.hazardRatio, 2),
      lower: f.decimal(term.lower, 2),
      upper: f.decimal(term.upper, 2),
    });
  const percent = (v: number) => f.decimal(Math.abs(v) * 100, 0);
  return term.hazardRatio < 1
    ? t("data.drivers.sentenceLess", {
        column: term.column,
        percent: percent(1 - term.hazardRatio),
        lower: percent(1 - term.upper),
        upper: percent(1 - term.lower),
      })
    : t("data.drivers.sentenceMore", {
        column: term.column,
        percent: percent(term.hazardRatio - 1),
        lower: percent(term.lower - 1),
        upper: percent(term.upper - 1),
      });
}

/** The sentences of the clear terms, and the one line naming the others (null: none). */
export function driverSentences(
  t: LocaleInfo["t"],
  f: DataFormatters,
  terms: readonly DriverTerm[],
  separator: string
): { clear: string[]; unclear: string | null } {
  const clear = terms.filter((x) => x.p < CLEAR).map((x) => termSentence(t, f, x));
  const others = terms.filter((x) => !(x.p < CLEAR)).map((x) => termName(t, x));
  return {
    clear,
    unclear:
      others.length > 0 ? t("data.drivers.unclear", { terms: others.join(separator) }) : null,
  };
}
