import { tokens } from "@fluentui/react-components";
import { CHART_COLORS } from "./chart-colors";
import { ChartFigure } from "./ChartFigure";

export interface ForestRow {
  label: string;
  /** The estimate and its interval (ratios: drawn on a log scale). */
  value: number;
  lower: number;
  upper: number;
}

export interface ForestChartProps {
  rows: readonly ForestRow[];
  /** The screen-reader summary (the figures are in the table beside the chart). */
  summary: string;
  axisLabel: string;
  format: (value: number) => string;
}

const WIDTH = 300;
const PAD = 12;
const ROW = 36;
const AXIS = 36;
/** Ticks a log axis can take, from which those within the range are drawn. */
const TICKS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100];

/**
 * A forest chart: one row per ratio, its name above a dot at the estimate and a bar over its 95%
 * interval, on a log-scale axis with a line at 1 (no difference). Drawn as plain SVG that scales
 * with the pane's width; a row's name sits above its bar so long names fit a 320 px pane.
 */
export default function ForestChart({ rows, summary, axisLabel, format }: ForestChartProps) {
  const finite = (v: number) => (Number.isFinite(v) && v > 0 ? v : null);
  let lo = 1;
  let hi = 1;
  for (const r of rows)
    for (const v of [r.value, r.lower, r.upper]) {
      const x = finite(v);
      if (x !== null) {
        lo = Math.min(lo, x);
        hi = Math.max(hi, x);
      }
    }
  // A little room either side, and never wider than the ticks reach.
  const min = Math.log(Math.max(TICKS[0], lo / 1.2));
  const max = Math.log(Math.min(TICKS[TICKS.length - 1], hi * 1.2));
  const x = (v: number) => {
    const at = Math.min(max, Math.max(min, Math.log(v)));
    return PAD + ((at - min) / (max - min)) * (WIDTH - 2 * PAD);
  };
  const ticks = TICKS.filter((t) => Math.log(t) >= min && Math.log(t) <= max);
  const height = rows.length * ROW + AXIS;
  const bottom = rows.length * ROW;
  const text = { fill: tokens.colorNeutralForeground1, fontSize: 11 };
  const axis = { fill: CHART_COLORS.axis, fontSize: 10 };
  return (
    <ChartFigure summary={summary}>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        style={{ maxWidth: `${WIDTH * 1.6}px`, display: "block" }}
        aria-hidden="true"
        data-testid="forest-chart"
      >
        {ticks.map((t) => (
          <line
            key={t}
            x1={x(t)}
            x2={x(t)}
            y1={0}
            y2={bottom}
            style={{ stroke: t === 1 ? CHART_COLORS.axis : CHART_COLORS.grid }}
            strokeWidth={t === 1 ? 1.5 : 1}
            strokeDasharray={t === 1 ? undefined : "2 3"}
            data-reference={t === 1 ? "1" : undefined}
          />
        ))}
        {rows.map((r, i) => {
          const y = i * ROW;
          const value = finite(r.value);
          const lower = finite(r.lower) ?? Math.exp(min);
          const upper = finite(r.upper) ?? Math.exp(max);
          const color =
            r.upper < 1 ? CHART_COLORS.high : r.lower > 1 ? CHART_COLORS.low : CHART_COLORS.axis;
          return (
            <g key={i} data-row={i}>
              <text x={PAD} y={y + 12} style={text}>
                {r.label}
              </text>
              <line
                x1={x(lower)}
                x2={x(upper)}
                y1={y + 24}
                y2={y + 24}
                style={{ stroke: color }}
                strokeWidth={2}
              />
              {value !== null && <circle cx={x(value)} cy={y + 24} r={4} style={{ fill: color }} />}
            </g>
          );
        })}
        <line
          x1={PAD}
          x2={WIDTH - PAD}
          y1={bottom}
          y2={bottom}
          style={{ stroke: CHART_COLORS.grid }}
        />
        {ticks.map((t) => (
          <text key={t} x={x(t)} y={bottom + 13} textAnchor="middle" style={axis}>
            {format(t)}
          </text>
        ))}
        <text x={WIDTH / 2} y={bottom + 29} textAnchor="middle" style={axis}>
          {axisLabel}
        </text>
      </svg>
    </ChartFigure>
  );
}
