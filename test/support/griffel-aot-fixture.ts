/**
 * Styles for test/taskpane/griffel-aot.test.tsx: the kinds of rule the pane's makeStyles calls
 * use (tokens, a local constant, pseudo-classes, media queries, logical and directional
 * properties), in two calls, one of them not at the top of an expression statement.
 */
import { makeStyles, tokens } from "@fluentui/react-components";

const NARROW = "@media (max-width: 360px)";

export const cardStyles = {
  root: {
    display: "grid",
    gap: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    marginInlineStart: "4px",
    borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0`,
    ":hover": { backgroundColor: tokens.colorSubtleBackgroundHover },
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` },
    [NARROW]: { gap: 0 },
  },
  title: { fontWeight: tokens.fontWeightSemibold, textAlign: "left" as const },
};

export const useCardStyles = makeStyles(cardStyles);

export const badgeStyles = { badge: { color: tokens.colorPaletteRedForeground1, right: "0px" } };
export const hooks = { useBadge: makeStyles(badgeStyles) };
