import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { ChartFigure, TICK, tooltipText } from "./ChartFigure";

export interface RepeatHistogramChartProps {
  /** One group per repeat-purchase count (0, 1, … "7 or more"): customers actual and expected. */
  bars: { x: string; actual: number; expected: number }[];
  names: { actual: string; expected: string };
  summary: string;
  format: (value: number) => string;
}

/** The model check "expected against actual repeat purchases": paired bars per count. */
export default function RepeatHistogramChart({
  bars,
  names,
  summary,
  format,
}: RepeatHistogramChartProps) {
  return (
    <ChartFigure summary={summary}>
      <BarChart
        responsive
        style={{ width: "100%", height: 180 }}
        data={bars}
        accessibilityLayer={false}
        margin={{ top: 8, right: 8, bottom: 4, left: 4 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis dataKey="x" tick={TICK} />
        <YAxis tickFormatter={format} tick={TICK} width={44} />
        <Tooltip formatter={tooltipText(format)} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Bar
          dataKey="actual"
          name={names.actual}
          fill={CHART_COLORS.bill}
          isAnimationActive={false}
        />
        <Bar
          dataKey="expected"
          name={names.expected}
          fill={CHART_COLORS.cost}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFigure>
  );
}
