/**
 * Reads a number the way people in a locale write it: "1 617 000" (ru), "1,617,000" (en, zh),
 * "1.617.000,50" (de, ru). Unambiguous forms from other locales are accepted too; an ambiguous
 * one that this locale would read differently (en "1,5") is rejected rather than guessed.
 */

interface Separators {
  decimal: string;
  group: string;
}

const separatorCache = new Map<string, Separators>();

export function localeSeparators(locale: string): Separators {
  let cached = separatorCache.get(locale);
  if (!cached) {
    const parts = new Intl.NumberFormat(locale).formatToParts(1234567.5);
    cached = {
      decimal: parts.find((p) => p.type === "decimal")?.value ?? ".",
      group: parts.find((p) => p.type === "group")?.value ?? ",",
    };
    separatorCache.set(locale, cached);
  }
  return cached;
}

// Space-like group separators: space, no-break space, narrow no-break space, thin space; and Swiss apostrophes.
const SPACE_GROUPS = /[\s\u00a0\u202f\u2009'’]/;
const CURRENCY_AND_PERCENT = /[₽$€¥£%]|\b(?:RUB|CNY|USD|EUR|руб\.?|元)/giu;

/** A percentage as typed ("80" or "80%") as a fraction (0.8); NaN when it is not a number. */
export function parseLocalePercent(text: string, locale: string): number {
  return parseLocaleNumber(text, locale) / 100;
}

/** The number the text stands for, or NaN when it is not one (empty text included). */
export function parseLocaleNumber(text: string, locale: string): number {
  // NFKC folds full-width digits and punctuation from Chinese input methods ("１２３，５") to ASCII.
  let s = text
    .normalize("NFKC")
    .replace(/\u2212/g, "-")
    .replace(CURRENCY_AND_PERCENT, "")
    .trim();
  let sign = 1;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1;
    s = s.slice(1).trim();
  }
  if (!/^[\d.,\s\u00a0\u202f\u2009'’]+$/.test(s) || !/\d/.test(s)) return NaN;

  const { decimal: localeDecimal, group: localeGroup } = localeSeparators(locale);
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  let decimal: string | null = null;
  if (lastComma >= 0 && lastDot >= 0) decimal = lastComma > lastDot ? "," : ".";
  else if (lastComma >= 0 || lastDot >= 0) {
    const mark = lastComma >= 0 ? "," : ".";
    const count = s.split(mark).length - 1;
    if (count > 1)
      decimal = null; // repeated: a group separator
    else if (mark === localeDecimal) decimal = mark;
    else if (mark === localeGroup) {
      // A lone group mark must be followed by exactly three digits ("1,617"), else it is ambiguous.
      if (!/^\d{3}$/.test(s.slice(s.indexOf(mark) + 1).replace(new RegExp(SPACE_GROUPS, "g"), "")))
        return NaN;
      decimal = null;
    } else decimal = mark; // neither of this locale's marks: only a decimal reading makes sense
  }

  const decimalAt = decimal === null ? -1 : s.lastIndexOf(decimal);
  const integerPart = decimalAt >= 0 ? s.slice(0, decimalAt) : s;
  const fractionPart = decimalAt >= 0 ? s.slice(decimalAt + 1) : "";
  if (!/^\d*$/.test(fractionPart)) return NaN;

  // Integer part: digit groups split by any group mark; after the first, every group has three digits.
  const groups = integerPart.split(/[.,\s\u00a0\u202f\u2009'’]/);
  if (
    groups.length > 1 &&
    (groups[0].length === 0 || groups[0].length > 3 || groups.slice(1).some((g) => g.length !== 3))
  )
    return NaN;
  const digits = groups.join("");
  if (digits.length === 0 && fractionPart.length === 0) return NaN;
  return sign * Number(`${digits || "0"}.${fractionPart || "0"}`);
}
