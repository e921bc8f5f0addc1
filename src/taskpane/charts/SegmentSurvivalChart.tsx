import { Line } from "recharts";
import { SurvivalAxesChart, SurvivalChartText } from "./SurvivalAxesChart";

export interface SegmentSurvivalChartProps extends SurvivalChartText {
  /** One point per time: `s0`, `s1`, … each segment's survival (null past its last time). */
  points: Record<string, number | null>[];
  /** Each segment's name and colour, in the points' key order. */
  series: { name: string; color: string }[];
}

/**
 * The Kaplan-Meier curves of the segments overlaid, one step line each (their legend is the
 * segment table's colour marks beside the chart).
 */
export default function SegmentSurvivalChart({
  points,
  series,
  ...text
}: SegmentSurvivalChartProps) {
  return (
    <SurvivalAxesChart {...text} data={points} timeKey="time" height={220}>
      {series.map((s, j) => (
        <Line
          key={j}
          type="stepAfter"
          dataKey={`s${j}`}
          name={s.name}
          stroke={s.color}
          strokeWidth={2}
          dot={false}
          connectNulls={false}
          isAnimationActive={false}
        />
      ))}
    </SurvivalAxesChart>
  );
}
