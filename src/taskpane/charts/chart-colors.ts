import { tokens } from "@fluentui/react-components";

/** Series colours from the Fluent theme, so charts follow light and dark mode. */
export const CHART_COLORS = {
  bill: tokens.colorPaletteBlueBorderActive,
  cost: tokens.colorPaletteDarkOrangeBorderActive,
  profit: tokens.colorPaletteGreenBorderActive,
  low: tokens.colorPaletteDarkOrangeBorderActive,
  high: tokens.colorPaletteBlueBorderActive,
  axis: tokens.colorNeutralForeground2,
  grid: tokens.colorNeutralStroke2,
};
