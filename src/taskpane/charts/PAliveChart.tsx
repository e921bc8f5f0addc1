import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { ChartFigure, TICK, tooltipText } from "./ChartFigure";

export interface PAliveChartProps {
  /** One bar per P(alive) bin: its label ("40–50%") and how many customers fall in it. */
  bars: { bin: string; customers: number }[];
  name: string;
  summary: string;
  format: (value: number) => string;
}

/** How many customers fall in each band of P(alive): a small bar chart. */
export default function PAliveChart({ bars, name, summary, format }: PAliveChartProps) {
  return (
    <ChartFigure summary={summary}>
      <BarChart
        responsive
        style={{ width: "100%", height: 160 }}
        data={bars}
        accessibilityLayer={false}
        margin={{ top: 8, right: 8, bottom: 4, left: 4 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis dataKey="bin" interval="preserveStartEnd" tick={TICK} />
        <YAxis allowDecimals={false} tickFormatter={format} tick={TICK} width={40} />
        <Tooltip formatter={tooltipText(format)} />
        <Bar dataKey="customers" name={name} fill={CHART_COLORS.bill} isAnimationActive={false} />
      </BarChart>
    </ChartFigure>
  );
}
