import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { RETENTION_BENCHMARKS } from "../../model/economics/retention";
import { CHART_COLORS } from "./chart-colors";
import { ChartFigure, loneDots, TICK, tooltipText } from "./ChartFigure";

export interface RetentionChartProps {
  points: { label: string; rate: number | null }[];
  /** The benchmark lines' labels, or null to draw none (they are yearly figures). */
  benchmarks: Record<keyof typeof RETENTION_BENCHMARKS, string> | null;
  name: string;
  summary: string;
  format: (value: number) => string;
}

/** Period retention over time, with benchmark lines. The numbers are in the period table too. */
export default function RetentionChart({
  points,
  benchmarks,
  name,
  summary,
  format,
}: RetentionChartProps) {
  const top = Math.max(1, ...points.map((p) => p.rate ?? 0));
  const lines = benchmarks
    ? (Object.keys(RETENTION_BENCHMARKS) as (keyof typeof RETENTION_BENCHMARKS)[]).map((key) => ({
        value: RETENTION_BENCHMARKS[key],
        label: benchmarks[key],
      }))
    : [];
  return (
    <ChartFigure summary={summary}>
      <LineChart
        responsive
        style={{ width: "100%", height: 200 }}
        data={points}
        accessibilityLayer={false}
        margin={{ top: 8, right: 20, bottom: 0, left: 4 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis dataKey="label" tick={TICK} minTickGap={16} />
        <YAxis domain={[0, top]} tickFormatter={format} tick={TICK} width={44} />
        <Tooltip formatter={tooltipText(format)} />
        {lines.map((b) => (
          <ReferenceLine
            key={b.value}
            y={b.value}
            stroke={CHART_COLORS.axis}
            strokeDasharray="4 3"
            label={{ value: b.label, ...TICK, position: "insideTopLeft" }}
          />
        ))}
        <Line
          type="linear"
          dataKey="rate"
          name={name}
          stroke={CHART_COLORS.bill}
          dot={loneDots(
            points.map((p) => p.rate),
            CHART_COLORS.bill
          )}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}
