import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { ChartFigure, tooltipText } from "./ChartFigure";

export interface PerCustomerDatum {
  segment: string;
  averageBill: number | null;
  cost: number | null;
  profit: number | null;
}

export interface PerCustomerChartProps {
  data: PerCustomerDatum[];
  names: { averageBill: string; cost: string; profit: string };
  summary: string;
  format: (value: number) => string;
}

/** New vs returning: what a customer pays, costs and leaves as profit. The numbers are in the results table too. */
export default function PerCustomerChart({ data, names, summary, format }: PerCustomerChartProps) {
  return (
    <ChartFigure summary={summary}>
      <BarChart
        responsive
        style={{ width: "100%", height: 220 }}
        data={data}
        accessibilityLayer={false}
        margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis dataKey="segment" tick={{ fill: CHART_COLORS.axis, fontSize: 11 }} />
        <YAxis tickFormatter={format} tick={{ fill: CHART_COLORS.axis, fontSize: 11 }} width={56} />
        <Tooltip formatter={tooltipText(format)} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        <Bar
          dataKey="averageBill"
          name={names.averageBill}
          fill={CHART_COLORS.bill}
          isAnimationActive={false}
        />
        <Bar dataKey="cost" name={names.cost} fill={CHART_COLORS.cost} isAnimationActive={false} />
        <Bar
          dataKey="profit"
          name={names.profit}
          fill={CHART_COLORS.profit}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFigure>
  );
}
