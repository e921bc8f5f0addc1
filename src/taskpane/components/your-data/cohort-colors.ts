/**
 * Heat-map shading for the cohort table: the stronger the share of the cohort still active (or
 * of its first-period revenue), the deeper the blue. Lightness stays in a band that keeps text
 * contrast above 4.5 : 1 in both themes (as heat-colors.ts does for the sensitivity grid).
 */
export function cohortColor(
  share: number,
  theme: "light" | "dark"
): { background: string; color: string } {
  const text = theme === "dark" ? "#ffffff" : "#000000";
  if (!Number.isFinite(share)) return { background: "transparent", color: text };
  const s = Math.max(0, Math.min(1, share));
  const saturation = Math.round(25 + 55 * s);
  const lightness = theme === "dark" ? Math.round(12 + 22 * s) : Math.round(97 - 32 * s);
  return { background: `hsl(210 ${saturation}% ${lightness}%)`, color: text };
}
