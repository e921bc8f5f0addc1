import type { QuantityKind } from "../../model/whatif/whatif-model";

/** The currencies the picker offers. Money is shown in them; nothing is converted. */
export const CURRENCIES = ["RUB", "CNY", "USD", "EUR"] as const;
export type Currency = (typeof CURRENCIES)[number];

// Building an Intl.NumberFormat costs far more than using one; the grid formats 121 cells per keystroke.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
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
