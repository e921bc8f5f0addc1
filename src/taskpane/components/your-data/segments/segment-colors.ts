import { tokens } from "@fluentui/react-components";

/** One colour per segment (at most MAX_SEGMENTS), from the Fluent palette: they follow the theme. */
export const SEGMENT_COLORS = [
  tokens.colorPaletteBlueBorderActive,
  tokens.colorPaletteDarkOrangeBorderActive,
  tokens.colorPaletteGreenBorderActive,
  tokens.colorPalettePurpleBorderActive,
  tokens.colorPaletteRedBorderActive,
  tokens.colorPaletteTealBorderActive,
  tokens.colorPaletteMarigoldBorderActive,
  tokens.colorPaletteMagentaBorderActive,
  tokens.colorPaletteBrownBorderActive,
  tokens.colorPaletteNavyBorderActive,
  tokens.colorPaletteLavenderBorderActive,
  tokens.colorPalettePinkBorderActive,
];
