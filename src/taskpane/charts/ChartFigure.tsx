import { ReactNode } from "react";
import { CHART_COLORS } from "./chart-colors";

/** Axis ticks and labels: small, in the theme's secondary text colour. */
export const TICK = { fill: CHART_COLORS.axis, fontSize: 10 };

/** A tooltip's value as the pane writes the chart's figures. */
export const tooltipText = (format: (value: number) => string) => (value: unknown) =>
  typeof value === "number" ? format(value) : String(value);

/**
 * A chart as one image with a summary for screen readers: its figures are in a table beside it,
 * so the drawing itself is not read point by point.
 */
export function ChartFigure({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <figure role="img" aria-label={summary} style={{ margin: 0 }}>
      {children}
    </figure>
  );
}
