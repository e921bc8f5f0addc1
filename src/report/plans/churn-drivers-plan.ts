/**
 * The "Churn drivers" sheet (issue 19 §4): the Cox model's table as the pane showed it, one row
 * per term (column, category and the baseline it is compared with), the coefficient and its
 * standard error as values (the pane's data is not in the workbook), and the hazard ratio
 * EXP(β), its 95% interval EXP(β ± 1.96 SE) and the Wald p-value CHIDIST((β / SE)², 1) as
 * formulas over them; then the customers counted and the model's overall test.
 */
import type { DataShape } from "../../model/history/analysis";
import { NumberFormat, PlanCell, SheetPlan } from "../sheet-plan";
import type { ChurnDriversLabels } from "./churn-drivers-labels";
import { formulaCell, textCell, valueCell } from "./plan-cells";

const COUNT: NumberFormat = { kind: "count" };
const PARAMETER: NumberFormat = { kind: "decimal", decimals: 4 };
const RATIO: NumberFormat = { kind: "decimal", decimals: 2 };
const P: NumberFormat = { kind: "general" };
/** The normal quantile for 95% two-sided, as the pane uses it. */
const Z95 = "1.959963984540054";

/** The table's first row (1-based): its header. */
export const DRIVERS_TABLE_ROW = 7;

/** What the sheet is written from (the worker's fit, drivers-engine.ts). */
export interface ChurnDrivers {
  shape: DataShape;
  customers: number;
  churned: number;
  /** In the pane's order (by hazard ratio). */
  terms: {
    column: string;
    category: string | null;
    baseline: string | null;
    coefficient: number;
    standardError: number;
    lower: number;
    upper: number;
    p: number;
  }[];
  likelihoodRatioP: number | null;
  concordance: number | null;
}

export function churnDriversPlan(view: ChurnDrivers, labels: ChurnDriversLabels): SheetPlan {
  const header = [
    labels.term,
    labels.column,
    labels.category,
    labels.baseline,
    labels.coefficient,
    labels.standardError,
    labels.hazardRatio,
    labels.lower,
    labels.upper,
    labels.pValue,
  ].map((h) => textCell(h, "header"));
  const rows: PlanCell[][] = view.terms.map((term, i) => {
    const r = DRIVERS_TABLE_ROW + 1 + i;
    const b = term.coefficient;
    const se = term.standardError;
    return [
      textCell(term.category === null ? term.column : `${term.column} = ${term.category}`, "label"),
      textCell(term.column),
      textCell(term.category ?? ""),
      textCell(term.baseline ?? ""),
      valueCell(b, PARAMETER, "output"),
      valueCell(se, PARAMETER, "output"),
      formulaCell(`=EXP(E${r})`, Math.exp(b), RATIO),
      formulaCell(`=EXP(E${r}-${Z95}*F${r})`, term.lower, RATIO),
      formulaCell(`=EXP(E${r}+${Z95}*F${r})`, term.upper, RATIO),
      formulaCell(`=CHIDIST((E${r}/F${r})^2,1)`, term.p, P),
    ];
  });
  const below = DRIVERS_TABLE_ROW + view.terms.length + 2;
  const overall: PlanCell[][] = [];
  if (view.likelihoodRatioP !== null)
    overall.push([
      textCell(labels.likelihoodRatioP, "label"),
      valueCell(view.likelihoodRatioP, P, "output"),
    ]);
  if (view.concordance !== null)
    overall.push([
      textCell(labels.concordance, "label"),
      valueCell(view.concordance, RATIO, "output"),
    ]);
  const widths: Record<string, number> = { A: 30 };
  for (const letter of "BCDEFGHIJ") widths[letter] = 14;
  return {
    sheetName: labels.sheetName,
    blocks: [
      {
        topLeft: "A1",
        rows: [
          [textCell(labels.title, "title")],
          [
            textCell(labels.data, "label"),
            textCell(view.shape === "orders" ? labels.shapeOrders : labels.shapeSubscriptions),
          ],
          [textCell(labels.customers, "label"), valueCell(view.customers, COUNT, "output")],
          [textCell(labels.churned, "label"), valueCell(view.churned, COUNT, "output")],
          [textCell(labels.association, "note")],
          [textCell(labels.note, "note")],
        ],
      },
      { topLeft: `A${DRIVERS_TABLE_ROW}`, rows: [header, ...rows] },
      ...(overall.length > 0 ? [{ topLeft: `A${below}`, rows: overall }] : []),
    ],
    names: [],
    columnWidths: widths,
    charts: [],
    print: { orientation: "landscape" },
  };
}
