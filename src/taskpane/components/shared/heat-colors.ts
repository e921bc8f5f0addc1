/**
 * Heat-map shading for the sensitivity grid: orange below the current value, blue above,
 * stronger with distance. Lightness stays in a band that keeps text contrast above 4.5 : 1
 * (dark text on light tints, light text on dark tints) so axe's contrast check passes.
 */
export function heatColor(
  value: number | null,
  base: number | null,
  min: number | null,
  max: number | null,
  theme: "light" | "dark"
): { background: string; color: string } {
  const text = theme === "dark" ? "#ffffff" : "#000000";
  if (value === null || base === null || min === null || max === null)
    return { background: "transparent", color: text };
  const reach = value >= base ? max - base : base - min;
  const strength = reach > 0 ? Math.min(1, Math.abs(value - base) / reach) : 0;
  const hue = value >= base ? 210 : 28;
  const saturation = Math.round(20 + 60 * strength);
  const lightness =
    theme === "dark" ? Math.round(14 + 18 * strength) : Math.round(96 - 26 * strength);
  return { background: `hsl(${hue} ${saturation}% ${lightness}%)`, color: text };
}
