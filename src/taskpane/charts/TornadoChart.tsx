import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { ChartFigure, TICK } from "./ChartFigure";

export interface TornadoChartProps {
  bars: { name: string; low: number | null; high: number | null }[];
  base: number | null;
  summary: string;
  format: (value: number) => string;
  /** The legend's names of the two bars: the output with every input moved down, and up. */
  lowName: string;
  highName: string;
}

/**
 * Horizontal bars from the base value to the output with each input moved down and up.
 * Recharts draws ranged bars from [start, end] pairs; the table beside it carries the numbers.
 */
export default function TornadoChart({
  bars,
  base,
  summary,
  format,
  lowName,
  highName,
}: TornadoChartProps) {
  if (base === null) return null;
  const data = bars.map((b) => ({
    name: b.name,
    low: b.low === null ? null : [base, b.low],
    high: b.high === null ? null : [base, b.high],
  }));
  // Recharts' automatic domain ignores ranged [start, end] bars, which then spill over the
  // labels; the domain is set from the bars' own ends instead.
  const ends = bars.flatMap((b) => [b.low, b.high]).filter((v): v is number => v !== null);
  const lo = Math.min(base, ...ends);
  const hi = Math.max(base, ...ends);
  const pad = (hi - lo) * 0.05 || Math.abs(base) * 0.05 || 1;
  return (
    <ChartFigure summary={summary}>
      <BarChart
        responsive
        layout="vertical"
        style={{ width: "100%", height: Math.max(140, 34 * data.length + 64) }}
        data={data}
        barGap={-14}
        barSize={14}
        accessibilityLayer={false}
        margin={{ top: 8, right: 12, bottom: 0, left: 4 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} horizontal={false} />
        <XAxis
          type="number"
          domain={[lo - pad, hi + pad]}
          allowDataOverflow
          tickFormatter={format}
          tick={TICK}
        />
        <YAxis type="category" dataKey="name" width={110} tick={TICK} />
        <ReferenceLine x={base} stroke={CHART_COLORS.axis} />
        <Legend
          verticalAlign="bottom"
          iconType="square"
          iconSize={10}
          wrapperStyle={{ fontSize: 11, color: CHART_COLORS.axis }}
        />
        <Bar dataKey="low" name={lowName} fill={CHART_COLORS.low} isAnimationActive={false} />
        <Bar dataKey="high" name={highName} fill={CHART_COLORS.high} isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}
