/** Excel's rules for worksheet names: at most 31 characters, none of : \ / ? * [ ], not starting or ending with '. */
export const MAX_SHEET_NAME_LENGTH = 31;

/** Replaces what Excel forbids; an empty result becomes "Sheet". */
export function sanitizeSheetName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- Excel forbids control characters in sheet names
    .replace(/[:\\/?*[\]\u0000-\u001f]/g, "_")
    .replace(/^'+|'+$/g, "")
    .trim();
  const clipped = clip(cleaned, MAX_SHEET_NAME_LENGTH).trim();
  // "History" is reserved by Excel (track changes).
  if (clipped === "" || clipped.toLowerCase() === "history")
    return clipped === "" ? "Sheet" : `${clipped}_`;
  return clipped;
}

/**
 * A name no existing sheet has (case-insensitively, as Excel compares them): "Retention model",
 * then "Retention model (2)", "(3)", …, shortening the base so the suffix fits in 31 characters.
 */
export function uniqueSheetName(base: string, existing: readonly string[]): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  const clean = sanitizeSheetName(base);
  if (!taken.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const candidate = `${clip(clean, MAX_SHEET_NAME_LENGTH - suffix.length).trimEnd()}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}

/** The first `max` UTF-16 units, never splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end);
}
