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
    <figure role="img" aria-label={summary} style={{ margin: 0 }}>
      <LineChart
        responsive
        style={{ width: "100%", height: 220 }}
        data={points}
        accessibilityLayer={false}
        margin={{ top: 8, right: 12, bottom: 12, left: 4 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis
          dataKey="age"
          type="number"
          domain={[0, "dataMax"]}
          tick={{ fill: CHART_COLORS.axis, fontSize: 10 }}
          label={{
            value: timeLabel,
            position: "insideBottom",
            offset: -8,
            fill: CHART_COLORS.axis,
            fontSize: 10,
          }}
        />
        <YAxis
          domain={[0, 1]}
          tickFormatter={format}
          tick={{ fill: CHART_COLORS.axis, fontSize: 10 }}
          width={44}
        />
        <Tooltip formatter={(v) => (typeof v === "number" ? format(v) : String(v))} />
        <Legend wrapperStyle={{ fontSize: 11 }} verticalAlign="top" />
        {calibrationEnd !== null && (
          <ReferenceLine
            x={calibrationEnd}
            stroke={CHART_COLORS.axis}
            strokeDasharray="4 3"
            label={{
              value: names.holdout,
              fill: CHART_COLORS.axis,
              fontSize: 10,
              position: "insideTopRight",
            }}
          />
        )}
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
      </LineChart>
    </figure>
  );
}
