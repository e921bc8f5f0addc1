import { Line } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { SurvivalAxesChart, SurvivalChartText } from "./SurvivalAxesChart";

export interface SbgFitChartProps extends SurvivalChartText {
  points: { age: number; actual: number; fitted: number | null }[];
  /** The last age the fit saw, when later ages are held out. */
  calibrationEnd: number | null;
  names: { actual: string; fitted: string; holdout: string };
}

/** Actual survival of all cohorts against the sBG fit's S(t). */
export default function SbgFitChart({ points, calibrationEnd, names, ...text }: SbgFitChartProps) {
  return (
    <SurvivalAxesChart
      {...text}
      data={points}
      timeKey="age"
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
