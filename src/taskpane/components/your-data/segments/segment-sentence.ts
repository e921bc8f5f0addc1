/**
 * The log-rank result in one plain sentence: with two segments, which one stays longer and both
 * medians; with more, the longest- and shortest-lived and the overall test; and how often a
 * difference this large would happen by chance (the test's p-value in words).
 */
import type { LocaleInfo } from "../../../i18n/locale-context";
import type { MessageKey } from "../../../i18n/strings";
import type { SegmentsView } from "../../../worker/protocol";
import type { DataFormatters } from "../data-format";

/** How a segment is named in sentences and tables ("(blank)" for empty cells). */
export function segmentName(t: LocaleInfo["t"], label: string | number): string {
  return label === "" ? t("data.segments.blank") : String(label);
}

/** A median in words: "9 months", or "not reached". */
export function medianWords(
  t: LocaleInfo["t"],
  f: DataFormatters,
  unit: string,
  median: number | null
): string {
  if (median === null) return t("data.segments.notReached");
  return t("data.duration", {
    n: f.decimal(median, Number.isInteger(median) ? 0 : 1),
    units: t(`data.units.${unit}` as MessageKey, { count: median }),
  });
}

/** The p-value as a chance: under 1 in 1,000; about 1 time in n (p < 0.1); else a percentage. */
export function chanceWords(t: LocaleInfo["t"], f: DataFormatters, p: number): string {
  if (p < 0.001) return t("data.segments.chanceRare");
  if (p < 0.1) return t("data.segments.chanceOneIn", { n: f.count(Math.round(1 / p)) });
  return t("data.segments.chanceOften", { percent: f.percent(p) });
}

/**
 * The sentence. `order` ranks the segments from longest- to shortest-lived (by the restricted
 * mean lifetime up to the common horizon, which every segment has, unlike a median).
 */
export function segmentSentence(
  t: LocaleInfo["t"],
  f: DataFormatters,
  view: SegmentsView,
  order: readonly number[]
): string {
  const { segments, logRank, unit } = view;
  if (segments.length === 1)
    return t("data.segments.one", { a: segmentName(t, segments[0].label) });
  if (logRank.pValue === null || order.length < 2) return t("data.segments.noTest");
  const top = segments[order[0]];
  const bottom = segments[order[order.length - 1]];
  const params = {
    a: segmentName(t, top.label),
    b: segmentName(t, bottom.label),
    ma: medianWords(t, f, unit, top.median),
    mb: medianWords(t, f, unit, bottom.median),
    chance: chanceWords(t, f, logRank.pValue),
  };
  return segments.length === 2
    ? t("data.segments.two", params)
    : t("data.segments.many", { ...params, k: segments.length });
}
