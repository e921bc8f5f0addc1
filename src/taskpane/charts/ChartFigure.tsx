import { ReactElement, ReactNode } from "react";
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

/**
 * A line's dots: none, except where a point has no neighbour to draw a segment to (a single
 * period, or one between gaps), which would otherwise not show at all.
 */
export function loneDots(values: readonly (number | null | undefined)[], color: string) {
  const present = (i: number) => i >= 0 && i < values.length && Number.isFinite(values[i] ?? NaN);
  return function LoneDot(props: { index?: number; cx?: number; cy?: number }): ReactElement {
    const i = props.index ?? -1;
    const lone = present(i) && !present(i - 1) && !present(i + 1);
    return lone && props.cx !== undefined && props.cy !== undefined ? (
      <circle key={i} cx={props.cx} cy={props.cy} r={4} fill={color} data-lone-point="" />
    ) : (
      <g key={i} />
    );
  };
}
