/**
 * The comparison every check of a spreadsheet's or the pane's numbers against the model makes:
 * equal to a relative tolerance (1e-9 unless told), with results near zero compared to `floor`
 * absolute instead (1e-300: a subnormal result still has to match).
 */
export function isCloseTo(
  actual: unknown,
  expected: number,
  tolerance = 1e-9,
  floor = 1e-300
): actual is number {
  if (typeof actual !== "number") return false;
  // An infinite model value is matched only by itself (∞ − x ≤ tolerance × ∞ would pass anything).
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= tolerance * Math.max(Math.abs(expected), floor);
}
