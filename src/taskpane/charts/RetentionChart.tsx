import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "./chart-colors";

export interface RetentionChartProps {
  points: { label: string; rate: number | null }[];
  /** Reference lines (the benchmarks of “15 Customer Retention Strategies”, when the period is a year). */
  benchmarks: { value: number; label: string }[];
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
  return (
    <figure role="img" aria-label={summary} style={{ margin: 0 }}>
      <LineChart
        responsive
        style={{ width: "100%", height: 200 }}
        data={points}
        accessibilityLayer={false}
        margin={{ top: 8, right: 20, bottom: 0, left: 4 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis dataKey="label" tick={{ fill: CHART_COLORS.axis, fontSize: 10 }} minTickGap={16} />
        <YAxis
          domain={[0, top]}
          tickFormatter={format}
          tick={{ fill: CHART_COLORS.axis, fontSize: 10 }}
          width={44}
        />
        <Tooltip formatter={(v) => (typeof v === "number" ? format(v) : String(v))} />
        {benchmarks.map((b) => (
          <ReferenceLine
            key={b.value}
            y={b.value}
            stroke={CHART_COLORS.axis}
            strokeDasharray="4 3"
            label={{
              value: b.label,
              fill: CHART_COLORS.axis,
              fontSize: 10,
              position: "insideTopLeft",
            }}
          />
        ))}
        <Line
          type="linear"
          dataKey="rate"
          name={name}
          stroke={CHART_COLORS.bill}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      </LineChart>
    </figure>
  );
}
