import { Area, Line } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { SurvivalAxesChart, SurvivalChartText } from "./SurvivalAxesChart";

export interface SurvivalChartProps extends SurvivalChartText {
  points: { time: number; survival: number; band: [number, number] }[];
  median: number | null;
  names: { survival: string; band: string; median: string };
}

/** The Kaplan-Meier step curve inside its confidence band, the median lifetime marked. */
export default function SurvivalChart({ points, median, names, ...text }: SurvivalChartProps) {
  return (
    <SurvivalAxesChart
      {...text}
      data={points}
      timeKey="time"
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
