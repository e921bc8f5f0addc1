/**
 * The currency a user's own data is most likely in, from the region of their display language
 * (en-US → USD, de-DE → EUR, zh-CN → CNY). A small table, not a guess: a region it does not
 * list gives null, and the data's money is then shown without a currency sign rather than in
 * the wrong one. The worked example keeps its own currency (its scenario says which).
 */
const EURO_AREA = [
  "AT",
  "BE",
  "CY",
  "DE",
  "EE",
  "ES",
  "FI",
  "FR",
  "GR",
  "HR",
  "IE",
  "IT",
  "LT",
  "LU",
  "LV",
  "MT",
  "NL",
  "PT",
  "SI",
  "SK",
];
const BY_REGION: Record<string, string> = {
  US: "USD",
  GB: "GBP",
  CA: "CAD",
  AU: "AUD",
  NZ: "NZD",
  IN: "INR",
  JP: "JPY",
  CN: "CNY",
  HK: "HKD",
  TW: "TWD",
  SG: "SGD",
  KR: "KRW",
  RU: "RUB",
  CH: "CHF",
  SE: "SEK",
  NO: "NOK",
  DK: "DKK",
  PL: "PLN",
  CZ: "CZK",
  HU: "HUF",
  BR: "BRL",
  MX: "MXN",
  ZA: "ZAR",
  TR: "TRY",
  ...Object.fromEntries(EURO_AREA.map((region) => [region, "EUR"])),
};

// Asked once per amount by the data view's tables (hundreds of cells); maximize() is not free.
const regions = new Map<string, string | undefined>();

/** The region of a BCP 47 tag, filling in the likely one for a bare language ("en" → US). */
function regionOf(locale: string): string | undefined {
  if (regions.has(locale)) return regions.get(locale);
  let region: string | undefined;
  try {
    region = new Intl.Locale(locale).maximize().region;
  } catch {
    region = undefined;
  }
  regions.set(locale, region);
  return region;
}

/** The currency code for a display locale's region, or null when the region is unknown or unlisted. */
export function localeCurrency(locale: string | undefined | null): string | null {
  if (!locale) return null;
  const region = regionOf(locale);
  return (region && BY_REGION[region]) ?? null;
}
