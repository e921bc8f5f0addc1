import { Area, Line } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { SurvivalAxesChart } from "./SurvivalAxesChart";

export interface SurvivalChartProps {
  points: { time: number; survival: number; band: [number, number] }[];
  median: number | null;
  names: { survival: string; band: string; median: string };
  summary: string;
  timeLabel: string;
  format: (value: number) => string;
}

/** The Kaplan-Meier step curve inside its confidence band, the median lifetime marked. */
export default function SurvivalChart({
  points,
  median,
  names,
  summary,
  timeLabel,
  format,
}: SurvivalChartProps) {
  return (
    <SurvivalAxesChart
      data={points}
      timeKey="time"
      timeLabel={timeLabel}
      format={format}
      summary={summary}
      height={200}
      marker={
        median === null ? null : { time: median, label: names.median, color: CHART_COLORS.cost }
      }
    >
      <Area
        type="stepAfter"
        dataKey="band"
        name={names.band}
        stroke="none"
        fill={CHART_COLORS.bill}
        fillOpacity={0.2}
        isAnimationActive={false}
      />
      <Line
        type="stepAfter"
        dataKey="survival"
        name={names.survival}
        stroke={CHART_COLORS.bill}
        dot={false}
        isAnimationActive={false}
      />
    </SurvivalAxesChart>
  );
}
