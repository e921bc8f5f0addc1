import { Area, CartesianGrid, ComposedChart, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { ChartFigure, TICK, tooltipText } from "./ChartFigure";

export interface PlanChartProps {
  /** One point a future period: today's customers still there, the planned ones, the range. */
  points: { label: string; existing: number; added: number; band: [number, number] | null }[];
  names: { existing: string; added: string; band: string };
  summary: string;
  format: (value: number) => string;
}

/**
 * The plan by period (customers, or revenue): today's customers and the planned new ones
 * stacked, and the prediction range of their total as a band outlined over them. The numbers
 * are in the plan's table too.
 */
export default function PlanChart({ points, names, summary, format }: PlanChartProps) {
  const hasBand = points.some((p) => p.band !== null);
  return (
    <ChartFigure summary={summary}>
      <ComposedChart
        responsive
        style={{ width: "100%", height: 220 }}
        data={points}
        accessibilityLayer={false}
        margin={{ top: 8, right: 20, bottom: 0, left: 4 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis dataKey="label" tick={TICK} minTickGap={16} />
        <YAxis tickFormatter={format} tick={TICK} width={52} domain={[0, "auto"]} />
        <Tooltip
          formatter={(value: unknown) =>
            Array.isArray(value)
              ? value.map((v) => tooltipText(format)(v)).join("–")
              : tooltipText(format)(value)
          }
        />
        <Area
          type="monotone"
          dataKey="existing"
          name={names.existing}
          stackId="customers"
          stroke={CHART_COLORS.axis}
          fill={CHART_COLORS.axis}
          fillOpacity={0.25}
          isAnimationActive={false}
        />
        <Area
          type="monotone"
          dataKey="added"
          name={names.added}
          stackId="customers"
          stroke={CHART_COLORS.bill}
          fill={CHART_COLORS.bill}
          fillOpacity={0.35}
          isAnimationActive={false}
        />
        {hasBand && (
          <Area
            type="monotone"
            dataKey="band"
            name={names.band}
            stroke={CHART_COLORS.cost}
            strokeDasharray="4 3"
            fill={CHART_COLORS.cost}
            fillOpacity={0.08}
            isAnimationActive={false}
          />
        )}
      </ComposedChart>
    </ChartFigure>
  );
}
