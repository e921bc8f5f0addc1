import { makeStyles, tokens } from "@fluentui/react-components";

/** Plain HTML tables styled to sit in a narrow pane; real tables so screen readers can navigate them. */
export const useTableStyles = makeStyles({
  table: {
    width: "100%",
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase200,
    fontVariantNumeric: "tabular-nums",
  },
  caption: {
    textAlign: "start",
    fontWeight: tokens.fontWeightSemibold,
    paddingBlockEnd: tokens.spacingVerticalXS,
  },
  // The corner and row headers too: overflow-wrap "anywhere" lets a cell shrink to one character
  // (a Chinese "客户" stacked at 320 px) unless it has a floor.
  th: {
    textAlign: "start",
    wordBreak: "keep-all",
    overflowWrap: "anywhere",
    minWidth: "3em",
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  num: {
    textAlign: "end",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    whiteSpace: "nowrap",
  },
  /** A cell of words (a model's name) among the figures: aligned like the row headers. */
  text: {
    textAlign: "start",
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  // keep-all: a Chinese header in a narrow column breaks at its spaces and punctuation, not
  // after every character (one character per line at 320 px); a header too long still wraps.
  colHead: {
    textAlign: "end",
    wordBreak: "keep-all",
    overflowWrap: "anywhere",
    minWidth: "3em",
    fontWeight: tokens.fontWeightSemibold,
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  // A focusable scrolling region; long tables scroll within 420 px.
  region: { overflow: "auto", maxWidth: "100%" },
  bounded: { maxHeight: "420px" },
});
