/**
 * How an output moved from the baseline: the difference, and the difference relative to the
 * baseline's size (null where the baseline is 0). Null when either side has no value.
 */
export function outputChange(
  before: number | null,
  after: number | null
): { delta: number; relative: number | null } | null {
  if (before === null || after === null) return null;
  const delta = after - before;
  return { delta, relative: before !== 0 ? delta / Math.abs(before) : null };
}
