import type { QuantityKind } from "../../model/whatif/whatif-model";
import { PlainFormat, plainNumberFormat } from "./plain-number-format";

/** The currencies the picker offers. Money is shown in them; nothing is converted. */
export const CURRENCIES = ["RUB", "CNY", "USD", "EUR"] as const;
export type Currency = (typeof CURRENCIES)[number];

// Building an Intl.NumberFormat costs far more than using one; the grid formats 121 cells per keystroke.
const formatters = new Map<string, Intl.NumberFormat>();

/**
 * Until ICU has loaded (the first Intl.NumberFormat of a page costs 25–60 ms), formats that
 * plain-number-format.ts can write are written without it, so the first screen does not wait;
 * each text written is kept, and settleNumberFormats checks them against ICU once it loads.
 */
let icuLoaded = false;
const plainFormats = new Map<string, PlainFormat | null>();
const plainTexts: {
  locale: string;
  options: Intl.NumberFormatOptions;
  value: number;
  text: string;
}[] = [];
/** Enough for a first screen and some typing; past it, ICU is loaded rather than keep more. */
const PLAIN_TEXTS_KEPT = 2000;

function intlFormatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
    icuLoaded = true;
  }
  return f;
}

function formatter(
  locale: string,
  options: Intl.NumberFormatOptions
): { format(value: number): string } {
  if (icuLoaded || plainTexts.length >= PLAIN_TEXTS_KEPT) return intlFormatter(locale, options);
  const key = `${locale}|${JSON.stringify(options)}`;
  let plain = plainFormats.get(key);
  if (plain === undefined) plainFormats.set(key, (plain = plainNumberFormat(locale, options)));
  if (!plain) return intlFormatter(locale, options);
  const write = plain;
  return {
    format(value) {
      const text = write(value);
      if (text === null || icuLoaded) return intlFormatter(locale, options).format(value);
      plainTexts.push({ locale, options, value, text });
      return text;
    },
  };
}

/**
 * Loads ICU (when the page is idle after the first screen) and checks every text written
 * without it: true when ICU writes each the same, false when one differs and the pane must
 * render again to show ICU's. From here on every number goes through Intl.
 */
export function settleNumberFormats(): boolean {
  const written = plainTexts.splice(0);
  icuLoaded = true;
  plainFormats.clear();
  let same = true;
  for (const { locale, options, value, text } of written)
    if (intlFormatter(locale, options).format(value) !== text) same = false;
  return same;
}

/** What the pane shows for a result that cannot be computed. */
export const DASH = "–";

/** Amounts from this size up are shown without cents: they only add noise to a finance reader. */
export const WHOLE_MONEY_FROM = 10_000;

/** Money's decimals: always two below WHOLE_MONEY_FROM, none from it up, so a column lines up. */
export function moneyDigits(value: number): number {
  return Math.abs(value) >= WHOLE_MONEY_FROM ? 0 : 2;
}

export function formatMoney(value: number, currency: string, locale: string): string {
  const digits = moneyDigits(value);
  return formatter(locale, {
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Money in a currency when one is known; otherwise the same digits with no currency sign. */
export function formatAmount(value: number, currency: string | null, locale: string): string {
  if (currency) return formatMoney(value, currency, locale);
  const digits = moneyDigits(value);
  return formatter(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** Short money for tight spaces (grid cells, chart axes): "₽133K", "¥1.3M". */
export function formatCompactMoney(value: number, currency: string, locale: string): string {
  return formatter(locale, {
    style: "currency",
    currency,
    currencyDisplay: "narrowSymbol",
    notation: "compact",
    maximumSignificantDigits: 3,
  }).format(value);
}

export function formatPercent(fraction: number, locale: string, fractionDigits = 1): string {
  return formatter(locale, { style: "percent", maximumFractionDigits: fractionDigits }).format(
    fraction
  );
}

export function formatNumber(value: number, locale: string, fractionDigits = 2): string {
  return formatter(locale, { maximumFractionDigits: fractionDigits }).format(value);
}

/** "1.24×": how many times one amount is another. */
export function formatRatio(value: number, locale: string): string {
  return `${formatNumber(value, locale, 2)}×`;
}

/** Any model quantity, by kind; null (not computable) becomes a dash. */
export function formatQuantity(
  value: number | null,
  kind: QuantityKind,
  currency: string,
  locale: string,
  compact = false
): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  switch (kind) {
    case "money":
      return compact
        ? formatCompactMoney(value, currency, locale)
        : formatMoney(value, currency, locale);
    case "fraction":
      return formatPercent(value, locale, compact ? 0 : 1);
    case "ratio":
      return formatRatio(value, locale);
    case "count":
    case "periods":
      return compact
        ? formatter(locale, { notation: "compact", maximumSignificantDigits: 3 }).format(value)
        : formatNumber(value, locale);
  }
}

/** A value as the user would type it back into a field (grouped, up to 6 decimals, no symbol). */
export function formatForInput(value: number | null, locale: string): string {
  if (value === null || !Number.isFinite(value)) return "";
  return formatter(locale, { maximumFractionDigits: 6 }).format(value);
}
