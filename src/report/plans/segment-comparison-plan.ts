/**
 * The "Segment comparison" sheet (issue 19 §4): per segment its customers, churn (observed and
 * as the log-rank test expected it), the median lifetime with its interval, the restricted mean
 * lifetime up to one horizon, and the sBG fit; then the log-rank test as labelled values. The
 * pane's data is not in the workbook, so the figures are values; the p-value (CHIDIST of the
 * chi-square) and each fitted retention ((β + t − 1) ÷ (α + β + t − 1)) are formulas over them.
 */
import type { DataShape } from "../../model/history/analysis";
import type { KaplanMeierTable } from "../../model/history/kaplan-meier";
import type { PeriodUnit } from "../../model/history/periods";
import { restrictedMean } from "../../model/survival/rmst";
import { NumberFormat, PlanCell, SheetPlan } from "../sheet-plan";
import { formulaCell, textCell, valueCell } from "./plan-cells";
import type { SegmentComparisonLabels } from "./segment-comparison-labels";

const COUNT: NumberFormat = { kind: "count" };
const TIME: NumberFormat = { kind: "decimal", decimals: 2 };
const PARAMETER: NumberFormat = { kind: "decimal", decimals: 4 };
const SHARE: NumberFormat = { kind: "percent" };
const P: NumberFormat = { kind: "general" };

/** The table's first row (1-based) and the log-rank block's, below the segments. */
export const SEGMENT_TABLE_ROW = 7;

/** What the sheet is written from (the worker's comparison, segment-engine.ts). */
export interface SegmentComparison {
  /** The segment column's title. */
  name: string;
  shape: DataShape;
  unit: PeriodUnit;
  segments: {
    label: string | number;
    customers: number;
    churned: number;
    expected: number;
    median: number | null;
    medianLower: number | null;
    medianUpper: number | null;
    survival: KaplanMeierTable;
    sbg:
      { alpha: number; beta: number; nextAge: number; nextRetention: number } | { error: string };
  }[];
  logRank: { chiSquare: number | null; degreesOfFreedom: number; pValue: number | null };
}

export interface SegmentComparisonOptions {
  labels: SegmentComparisonLabels;
  /** RMST up to this time (in the data's periods). */
  horizon: number;
}

export function segmentComparisonPlan(
  view: SegmentComparison,
  { labels, horizon }: SegmentComparisonOptions
): SheetPlan {
  const time = (v: number | null): PlanCell =>
    v === null ? textCell(labels.notReached, "output") : valueCell(v, TIME, "output");
  const header = [
    labels.segment,
    labels.customers,
    labels.churned,
    labels.expected,
    labels.median,
    labels.medianLower,
    labels.medianUpper,
    labels.rmst,
    labels.rmstError,
    labels.rmstLower,
    labels.rmstUpper,
    labels.alpha,
    labels.beta,
    labels.nextAge,
    labels.nextRetention,
  ].map((h) => textCell(h, "header"));
  const rows: PlanCell[][] = view.segments.map((s, i) => {
    const row = SEGMENT_TABLE_ROW + 1 + i;
    const rmst = restrictedMean(s.survival, horizon);
    const fit: PlanCell[] =
      "error" in s.sbg
        ? [textCell(labels.noFit, "output")]
        : [
            valueCell(s.sbg.alpha, PARAMETER, "output"),
            valueCell(s.sbg.beta, PARAMETER, "output"),
            valueCell(s.sbg.nextAge, COUNT, "output"),
            formulaCell(
              `=(M${row}+N${row}-1)/(L${row}+M${row}+N${row}-1)`,
              s.sbg.nextRetention,
              SHARE
            ),
          ];
    return [
      textCell(s.label === "" ? labels.blank : String(s.label), "label"),
      valueCell(s.customers, COUNT, "output"),
      valueCell(s.churned, COUNT, "output"),
      valueCell(s.expected, TIME, "output"),
      time(s.median),
      time(s.medianLower),
      time(s.medianUpper),
      valueCell(rmst.mean, TIME, "output"),
      valueCell(rmst.standardError, TIME, "output"),
      valueCell(rmst.lower, TIME, "output"),
      valueCell(rmst.upper, TIME, "output"),
      ...fit,
    ];
  });
  const testRow = SEGMENT_TABLE_ROW + view.segments.length + 2;
  const { chiSquare, degreesOfFreedom, pValue } = view.logRank;
  const test: PlanCell[][] =
    chiSquare === null || pValue === null
      ? [[textCell(labels.logRank, "header")], [textCell(labels.noTest, "note")]]
      : [
          [textCell(labels.logRank, "header")],
          [textCell(labels.chiSquare, "label"), valueCell(chiSquare, PARAMETER, "output")],
          [
            textCell(labels.degreesOfFreedom, "label"),
            valueCell(degreesOfFreedom, COUNT, "output"),
          ],
          [
            textCell(labels.pValue, "label"),
            formulaCell(`=CHIDIST(B${testRow + 1},B${testRow + 2})`, pValue, P),
          ],
        ];
  const widths: Record<string, number> = { A: 28 };
  for (const letter of "BCDEFGHIJKLMNO") widths[letter] = 14;
  return {
    sheetName: labels.sheetName,
    blocks: [
      {
        topLeft: "A1",
        rows: [
          [textCell(labels.title, "title")],
          [textCell(labels.segmentBy, "label"), textCell(view.name, "output")],
          [
            textCell(labels.data, "label"),
            textCell(view.shape === "orders" ? labels.shapeOrders : labels.shapeSubscriptions),
          ],
          [textCell(labels.periodUnit, "label"), textCell(labels.units[view.unit])],
          [textCell(labels.horizon, "label"), valueCell(horizon, TIME, "output")],
          [textCell(labels.note, "note")],
        ],
      },
      { topLeft: `A${SEGMENT_TABLE_ROW}`, rows: [header, ...rows] },
      { topLeft: `A${testRow}`, rows: test },
    ],
    names: [],
    columnWidths: widths,
    charts: [],
    print: { orientation: "landscape" },
  };
}
