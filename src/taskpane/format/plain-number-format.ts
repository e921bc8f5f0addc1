/**
 * Number formats written out by hand, for the pane's first screen only. The first
 * Intl.NumberFormat a page builds costs 25–60 ms in Chromium (ICU loads its locale data once per
 * process) and the first screen is numbers; without this it waited for that load. For the
 * locales below ICU writes numbers the simple way (',' groups of three, '.' decimals, '-' first,
 * '%' after, the currency's narrow sign before), so the few formats the first screen uses can be
 * written without it. format-number.ts uses them only until ICU is loaded, and checks then that
 * ICU agrees with every text written (re-rendering if not). Anything else (another locale, style,
 * option or currency) returns null: the caller uses Intl.
 */

/** Locales whose numbers are written as above (checked against ICU in the tests). */
export const PLAIN_FORMAT_LOCALES: readonly string[] = ["en-US", "zh-CN"];

/** The narrow signs ICU gives the pane's currencies (currencyDisplay: "narrowSymbol"). */
const NARROW_SIGNS: Readonly<Record<string, string>> = { RUB: "₽", CNY: "¥", USD: "$", EUR: "€" };

/** The options format-number.ts passes; any other option makes the format not plain. */
const PLAIN_OPTIONS = new Set([
  "style",
  "currency",
  "currencyDisplay",
  "minimumFractionDigits",
  "maximumFractionDigits",
]);

export type PlainFormat = (value: number) => string | null;

/**
 * A formatter writing what `new Intl.NumberFormat(locale, options)` writes, or null where this
 * module does not know that format. The formatter itself returns null for NaN and ±Infinity.
 */
export function plainNumberFormat(
  locale: string,
  options: Intl.NumberFormatOptions
): PlainFormat | null {
  if (!PLAIN_FORMAT_LOCALES.includes(locale)) return null;
  if (Object.keys(options).some((key) => !PLAIN_OPTIONS.has(key))) return null;
  const style = options.style ?? "decimal";
  let prefix = "";
  let suffix = "";
  let min: number;
  let max: number;
  if (style === "currency") {
    const sign = options.currency ? NARROW_SIGNS[options.currency] : undefined;
    // Without both digit counts ICU takes the currency's own (none for yen): not written here.
    if (
      sign === undefined ||
      options.currencyDisplay !== "narrowSymbol" ||
      options.minimumFractionDigits === undefined ||
      options.maximumFractionDigits === undefined
    )
      return null;
    prefix = sign;
    min = options.minimumFractionDigits;
    max = options.maximumFractionDigits;
  } else if (style === "percent" || style === "decimal") {
    if (options.currency !== undefined || options.currencyDisplay !== undefined) return null;
    if (style === "percent") suffix = "%";
    // ICU's defaults: up to 3 decimals for numbers, none for percentages.
    min = options.minimumFractionDigits ?? 0;
    max = options.maximumFractionDigits ?? Math.max(min, style === "percent" ? 0 : 3);
  } else {
    return null;
  }
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || max < min || max > 20)
    return null;
  const shift = style === "percent" ? 2 : 0;
  return (value) => {
    if (!Number.isFinite(value)) return null;
    // ICU writes the sign of -0 and of negatives that round to 0 ("-0", "-$0.00").
    const negative = value < 0 || Object.is(value, -0);
    return `${negative ? "-" : ""}${prefix}${decimalText(Math.abs(value), shift, min, max)}${suffix}`;
  };
}

/**
 * |value| × 10^shift with between min and max decimals, grouped. ICU rounds the shortest decimal
 * that reads back as the double (what String() gives), half away from zero: 1.005 → "1.01",
 * where toFixed rounds the binary value 1.00499… down. The shift is done on the digits, as ICU
 * scales a percentage in decimal.
 */
function decimalText(abs: number, shift: number, min: number, max: number): string {
  const text = String(abs); // "1234.5", "1.5e-7", "1e+21"
  const e = text.indexOf("e");
  const mantissa = e < 0 ? text : text.slice(0, e);
  const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
  const dot = mantissa.indexOf(".");
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  // The value is 0.d1d2… × 10^point.
  let point = (dot < 0 ? mantissa.length : dot) + exponent + shift;
  const zeros = /^0*/.exec(digits)![0].length;
  digits = digits.slice(zeros);
  point -= zeros;
  if (digits === "") point = 0;

  const keep = point + max; // digits kept after rounding to max decimals
  if (keep < digits.length) {
    const roundUp = keep >= 0 && digits.charCodeAt(keep) >= 53; // "5"
    digits = keep > 0 ? digits.slice(0, keep) : "";
    if (roundUp) {
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === "9") i--;
      if (i < 0) {
        // All nines, or nothing kept: the carry adds a digit (0.999 → 1, 0.005 → 0.01).
        digits = "1";
        point += 1;
      } else {
        digits = digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1);
      }
    } else if (digits === "") {
      point = 0;
    }
  }

  const whole = point <= 0 ? "0" : digits.slice(0, point).padEnd(point, "0");
  let fraction = point >= 0 ? digits.slice(point) : "0".repeat(-point) + digits;
  fraction = fraction.replace(/0+$/, "").padEnd(min, "0");
  let grouped = "";
  for (let end = whole.length; end > 0; end -= 3)
    grouped = whole.slice(Math.max(0, end - 3), end) + (grouped ? "," + grouped : "");
  return fraction ? `${grouped}.${fraction}` : grouped;
}
