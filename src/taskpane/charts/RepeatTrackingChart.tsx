import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { ChartFigure, TICK, tooltipText } from "./ChartFigure";

export interface RepeatTrackingChartProps {
  /** One point per period end: its label and the cumulative repeat purchases, actual and expected. */
  points: { end: string; actual: number; expected: number }[];
  /** The label of the period that ends at the calibration end (marked with a vertical line). */
  calibrationEnd: string | null;
  names: { actual: string; expected: string; calibrationEnd: string };
  summary: string;
  format: (value: number) => string;
}

/** The model check "cumulative tracking": actual and expected lines, the calibration end marked. */
export default function RepeatTrackingChart({
  points,
  calibrationEnd,
  names,
  summary,
  format,
}: RepeatTrackingChartProps) {
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
        <XAxis dataKey="end" interval="preserveStartEnd" tick={TICK} />
        <YAxis tickFormatter={format} tick={TICK} width={48} />
        <Tooltip formatter={tooltipText(format)} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {calibrationEnd !== null && (
          <ReferenceLine
            x={calibrationEnd}
            stroke={CHART_COLORS.axis}
            strokeDasharray="4 3"
            label={{
              value: names.calibrationEnd,
              fill: CHART_COLORS.axis,
              fontSize: 10,
              position: "insideTopLeft",
            }}
          />
        )}
        <Line
          dataKey="actual"
          name={names.actual}
          stroke={CHART_COLORS.bill}
          dot={points.length === 1}
          isAnimationActive={false}
        />
        <Line
          dataKey="expected"
          name={names.expected}
          stroke={CHART_COLORS.cost}
          strokeDasharray="5 3"
          dot={points.length === 1}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFigure>
  );
}
