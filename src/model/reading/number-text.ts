/**
 * Amounts written as people write them: "11,77", "1.234,56", "1 234,56", "1'234.56", "(12.50)"
 * for a negative, a leading minus, a currency sign before or after ("$12.50", "12,50 €"). One
 * rule for the cells' text amounts, the pane's worker and the command line. Which mark is the
 * decimal one is told from a column's values (detectDecimalMark) or chosen by the user.
 */

/** The decimal mark; the other of the two (and spaces, apostrophes) may group thousands. */
export type DecimalMark = "." | ",";

export const DECIMAL_MARKS: readonly DecimalMark[] = [".", ","];

// Currency signs read before or after an amount, with or without a space.
const CURRENCY = "[$€£¥₽]";
// Blanks between digit groups: space, no-break space, narrow no-break space.
const BLANKS = "\\u0020\\u00a0\\u202f";
const GROUP_MARKS = `[${BLANKS}'’]`;

const PATTERNS: Record<DecimalMark, RegExp> = {
  ".": pattern(".", `(?:,|${GROUP_MARKS})`),
  ",": pattern(",", `(?:\\.|${GROUP_MARKS})`),
};

/**
 * An optional sign, an optional currency sign, digits (grouped by threes with one group mark,
 * used alike throughout), an optional decimal part, an optional currency sign after.
 */
function pattern(decimal: string, group: string): RegExp {
  const d = decimal === "." ? "\\." : ",";
  const blank = `[${BLANKS}]?`;
  return new RegExp(
    `^([-−+]?)${blank}(?:${CURRENCY}${blank})?([-−+]?)` +
      `(\\d{1,3}(?:(${group})\\d{3}(?:\\4\\d{3})*)?|\\d+)?` +
      `(?:${d}(\\d+))?` +
      `(?:${blank}${CURRENCY})?$`
  );
}

/**
 * The number a text amount writes under a decimal mark, or null when it is not an amount. The
 * digits are read as one decimal literal, so "1.234,56" is exactly the double of 1234.56.
 */
export function readNumberText(text: string, decimal: DecimalMark): number | null {
  let t = text.trim();
  let negative = false;
  if (t.length > 2 && t.charCodeAt(0) === 40 && t.charCodeAt(t.length - 1) === 41) {
    negative = true; // (12.50): accountants' negative
    t = t.slice(1, -1).trim();
  }
  const m = PATTERNS[decimal].exec(t);
  if (m === null) return null;
  const [, sign1, sign2, whole = "", , fraction = ""] = m;
  if (whole === "" && fraction === "") return null;
  if (sign1 !== "" && sign2 !== "") return null;
  const sign = sign1 || sign2;
  if (negative && sign !== "") return null;
  const digits = whole.replace(/\D/g, "") || "0";
  const value = Number(`${digits}${fraction ? "." + fraction : ""}`);
  return negative || sign === "-" || sign === "−" ? -value : value;
}

/** A text amount under either mark: the point first ("1,234" is 1234), then the comma ("11,77"). */
export function readNumberTextEither(text: string): number | null {
  return readNumberText(text, ".") ?? readNumberText(text, ",");
}

export interface DecimalDetection {
  decimal: DecimalMark;
  /** True when no value told the marks apart ("1,234" alone) and the locale decided. */
  guessed: boolean;
}

/** The decimal mark a locale writes (en-US "."; de-DE ","). */
export function localeDecimalMark(locale: string): DecimalMark {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal");
    return part?.value === "," ? "," : ".";
  } catch {
    return ".";
  }
}

/**
 * The decimal mark of a column from its text values. A value tells when it has both marks (the
 * last is the decimal one), one mark twice (that one groups), or one mark followed by other than
 * three digits ("11,77", "3.5"). The marks the telling values vote for win; when none tells
 * ("1,234" alone), the locale's mark is taken and the answer says it is a guess.
 */
export function detectDecimalMark(cells: readonly unknown[], locale = "en-US"): DecimalDetection {
  let point = 0;
  let comma = 0;
  let ambiguous = 0;
  for (const cell of cells) {
    if (typeof cell !== "string") continue;
    const vote = decimalVote(cell);
    if (vote === ".") point++;
    else if (vote === ",") comma++;
    else if (vote === "?") ambiguous++;
  }
  if (comma > point) return { decimal: ",", guessed: false };
  if (point > 0) return { decimal: ".", guessed: false };
  return { decimal: localeDecimalMark(locale), guessed: ambiguous > 0 };
}

/** What one value says: a mark, "?" (one mark before exactly three digits), or null (nothing). */
function decimalVote(text: string): DecimalMark | "?" | null {
  const dot = readNumberText(text, ".");
  const com = readNumberText(text, ",");
  if (dot !== null && com === null) return ".";
  if (com !== null && dot === null) return ",";
  if (dot === null || dot === com) return null; // not an amount, or no mark at all
  return "?";
}

/**
 * Numeric text as Excel's VALUE() reads it: decimal digits with an optional sign, point and
 * exponent, blanks around ("1e3", " 12.5 "). Number() also takes "0x64", "0b1", "0o7" and
 * "Infinity", which VALUE() refuses, so those are null here. One rule for every reader.
 */
export function plainNumberText(text: string): number | null {
  const t = text.trim();
  if (t === "") return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return null;
  // Number() takes a radix prefix only at the very start, with no sign before it.
  if (t.length > 1 && t.charCodeAt(0) === 48) {
    const c = t.charCodeAt(1) | 32;
    if (c === 120 || c === 98 || c === 111) return null; // x, b, o
  }
  return n;
}
