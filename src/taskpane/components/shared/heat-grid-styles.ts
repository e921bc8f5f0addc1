import { makeStyles, tokens } from "@fluentui/react-components";

/**
 * NumberTable's look for the heat maps (cohorts, sensitivity): smaller type, every cell boxed so
 * its shading reads as a grid. Apart from the list styles, so the first screen does not carry it.
 */
export const useHeatGridStyles = makeStyles({
  table: {
    borderCollapse: "collapse",
    fontSize: tokens.fontSizeBase100,
    fontVariantNumeric: "tabular-nums",
  },
  cell: {
    padding: "2px 4px",
    textAlign: "end",
    whiteSpace: "nowrap",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  head: {
    padding: "2px 4px",
    textAlign: "end",
    whiteSpace: "nowrap",
    fontWeight: tokens.fontWeightSemibold,
  },
});
