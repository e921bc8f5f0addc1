import { ReactNode } from "react";
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { CHART_COLORS } from "./chart-colors";
import { ChartFigure, TICK } from "./ChartFigure";

export interface SurvivalAxesChartProps<Point> {
  data: Point[];
  /** The points' time field, drawn from 0 to its last value. */
  timeKey: string;
  timeLabel: string;
  /** Shares (0 to 1) as the pane shows them. */
  format: (value: number) => string;
  /** What the chart says, for screen readers (its numbers are in a table too). */
  summary: string;
  height: number;
  /** A dashed line at one time, labelled (the median lifetime, the end of the fit's data). */
  marker?: { time: number; label: string; color: string } | null;
  legend?: boolean;
  /** The series (recharts Line, Area), drawn over the axes. */
  children: ReactNode;
}

/** What a survival chart is told besides its series: the summary, the time unit, the format. */
export type SurvivalChartText = Pick<
  SurvivalAxesChartProps<unknown>,
  "summary" | "timeLabel" | "format"
>;

/**
 * What the survival charts (Kaplan-Meier, the sBG fit) share: the share of customers still
 * there, 0 to 100 %, against time since they started, with an optional dashed marker, in a
 * figure that carries the chart's summary.
 */
export function SurvivalAxesChart<Point>({
  data,
  timeKey,
  timeLabel,
  format,
  summary,
  height,
  marker,
  legend = false,
  children,
}: SurvivalAxesChartProps<Point>) {
  return (
    <ChartFigure summary={summary}>
      <ComposedChart
        responsive
        style={{ width: "100%", height }}
        data={data}
        accessibilityLayer={false}
        margin={{ top: 8, right: 12, bottom: 12, left: 4 }}
      >
        <CartesianGrid stroke={CHART_COLORS.grid} vertical={false} />
        <XAxis
          dataKey={timeKey}
          type="number"
          domain={[0, "dataMax"]}
          tick={TICK}
          label={{ value: timeLabel, position: "insideBottom", offset: -8, ...TICK }}
        />
        <YAxis domain={[0, 1]} tickFormatter={format} tick={TICK} width={44} />
        {/* A band's value is a pair: "low – high". */}
        <Tooltip
          formatter={(v) =>
            Array.isArray(v)
              ? v.map((x) => format(Number(x))).join(" – ")
              : typeof v === "number"
                ? format(v)
                : String(v)
          }
        />
        {legend && <Legend wrapperStyle={{ fontSize: 11 }} verticalAlign="top" />}
        {children}
        {marker && (
          <ReferenceLine
            x={marker.time}
            stroke={marker.color}
            strokeDasharray="4 3"
            label={{ value: marker.label, position: "insideTopRight", ...TICK }}
          />
        )}
      </ComposedChart>
    </ChartFigure>
  );
}
