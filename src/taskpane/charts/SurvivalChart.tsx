import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART_COLORS } from "./chart-colors";

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
    <figure role="img" aria-label={summary} style={{ margin: 0 }}>
      <ComposedChart
        responsive
        style={{ width: "100%", height: 200 }}
        data={points}
        accessibilityLayer={false}
        margin={{ top: 8, right: 12, bottom: 12, left: 4 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis
          dataKey="time"
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
        <Tooltip
          formatter={(v) =>
            Array.isArray(v)
              ? v.map((x) => format(Number(x))).join(" – ")
              : typeof v === "number"
                ? format(v)
                : String(v)
          }
        />
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
        {median !== null && (
          <ReferenceLine
            x={median}
            stroke={CHART_COLORS.cost}
            strokeDasharray="4 3"
            label={{
              value: names.median,
              fill: CHART_COLORS.axis,
              fontSize: 10,
              position: "insideTopRight",
            }}
          />
        )}
      </ComposedChart>
    </figure>
  );
}
