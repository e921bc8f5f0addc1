import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { ChartFigure, TICK, tooltipText } from "./ChartFigure";

export interface ConditionalByFrequencyChartProps {
  /** One point per calibration frequency group (0, 1, … "7 or more") some customer is in. */
  points: { x: string; actual: number; expected: number }[];
  names: { actual: string; expected: string };
  summary: string;
  format: (value: number) => string;
}

/** The model check "conditional expectations": mean holdout purchases per frequency group. */
export default function ConditionalByFrequencyChart({
  points,
  names,
  summary,
  format,
}: ConditionalByFrequencyChartProps) {
  return (
    <ChartFigure summary={summary}>
      <LineChart
        responsive
        style={{ width: "100%", height: 180 }}
        data={points}
        accessibilityLayer={false}
        margin={{ top: 8, right: 8, bottom: 4, left: 4 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis dataKey="x" tick={TICK} />
        <YAxis tickFormatter={format} tick={TICK} width={44} />
        <Tooltip formatter={tooltipText(format)} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Line
          dataKey="actual"
          name={names.actual}
          stroke={CHART_COLORS.bill}
          isAnimationActive={false}
        />
        <Line
          dataKey="expected"
          name={names.expected}
          stroke={CHART_COLORS.cost}
          strokeDasharray="5 3"
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}
