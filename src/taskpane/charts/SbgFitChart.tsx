import { Line } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { SurvivalAxesChart } from "./SurvivalAxesChart";

export interface SbgFitChartProps {
  points: { age: number; actual: number; fitted: number | null }[];
  /** The last age the fit saw, when later ages are held out. */
  calibrationEnd: number | null;
  names: { actual: string; fitted: string; holdout: string };
  summary: string;
  timeLabel: string;
  format: (value: number) => string;
}

/** Actual survival of all cohorts against the sBG fit's S(t). */
export default function SbgFitChart({
  points,
  calibrationEnd,
  names,
  summary,
  timeLabel,
  format,
}: SbgFitChartProps) {
  return (
    <SurvivalAxesChart
      data={points}
      timeKey="age"
      timeLabel={timeLabel}
      format={format}
      summary={summary}
      height={220}
      legend
      marker={
        calibrationEnd === null
          ? null
          : { time: calibrationEnd, label: names.holdout, color: CHART_COLORS.axis }
      }
    >
      <Line
        type="linear"
        dataKey="actual"
        name={names.actual}
        stroke={CHART_COLORS.bill}
        dot={{ r: 2 }}
        isAnimationActive={false}
      />
      <Line
        type="monotone"
        dataKey="fitted"
        name={names.fitted}
        stroke={CHART_COLORS.cost}
        strokeDasharray="5 3"
        dot={false}
        isAnimationActive={false}
      />
    </SurvivalAxesChart>
  );
}
