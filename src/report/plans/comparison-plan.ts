/**
 * "Compare scenarios": a summary like Excel's Scenario Manager report. One column per scenario
 * (its name in the header, as text), inputs as plain values, key outputs as native formulas over
 * that column's inputs (intermediate quantities are inlined, so the column stays self-contained).
 */
import { evaluateScenario, Scenario } from "../../model/economics/scenario";
import { ReportLabels } from "./report-labels";
import { ECONOMICS_FIELDS, Quantity, quantityCell, SEGMENT_INPUTS } from "./report-formulas";
import { cellRef, PlanCell, SheetPlan } from "../sheet-plan";

type Row =
  | { kind: "section"; label: string }
  | { kind: "quantity"; q: Quantity; label: string }
  | { kind: "linked"; label: string }
  | { kind: "currency"; label: string };

type SegmentField = (typeof SEGMENT_INPUTS)[number] | (typeof ECONOMICS_FIELDS)[number];

function comparisonRows(labels: ReportLabels): Row[] {
  const names = {
    new: labels.newCustomers,
    returning: labels.returningCustomers,
    total: labels.total,
  };
  /** Each segment's fields in turn, labelled "Segment: field". */
  const bySegment = (segments: (keyof typeof names)[], ...fields: SegmentField[]): Row[] =>
    segments.flatMap((segment) =>
      fields.map((field): Row => ({
        kind: "quantity",
        q: `${segment}.${field}` as Quantity,
        label: `${names[segment]}: ${labels[field]}`,
      }))
    );
  return [
    { kind: "currency", label: labels.currency },
    { kind: "section", label: labels.inputs },
    ...bySegment(["new", "returning"], ...SEGMENT_INPUTS),
    { kind: "quantity", q: "retention.rate", label: labels.retentionRate },
    { kind: "quantity", q: "retention.startCustomers", label: labels.startCustomers },
    { kind: "linked", label: labels.linked },
    { kind: "quantity", q: "ltv.discountRate", label: labels.discountRate },
    { kind: "quantity", q: "ltv.periods", label: labels.periods },
    { kind: "quantity", q: "ltv.timing", label: labels.timing },
    { kind: "section", label: labels.outputs },
    ...bySegment(["new", "returning"], "profit"),
    ...bySegment(["total"], "revenue", "totalCost", "profit", "profitability"),
    ...bySegment(["new", "returning"], "costPerCustomer"),
    ...bySegment(["new", "returning"], "profitPerCustomer"),
    { kind: "quantity", q: "ltv.value", label: labels.ltv },
    { kind: "quantity", q: "ltv.cac", label: labels.cac },
    { kind: "quantity", q: "ltv.ltvToCac", label: labels.ltvToCac },
  ];
}

const TITLE_ROW = 0;
const HEADER_ROW = 2;

export function buildComparisonPlan(scenarios: Scenario[], labels: ReportLabels): SheetPlan {
  const rows = comparisonRows(labels);
  const rowOf = new Map<Quantity, number>();
  rows.forEach((row, i) => {
    if (row.kind === "quantity") rowOf.set(row.q, HEADER_ROW + 1 + i);
  });

  const columns = scenarios.map((scenario, s) => {
    let results;
    try {
      results = evaluateScenario(scenario);
    } catch (error) {
      throw new Error(`Scenario "${scenario.name}": ${(error as Error).message}`);
    }
    const column = 1 + s;
    const placed = (q: Quantity) => {
      const row = rowOf.get(q);
      return row === undefined ? undefined : cellRef(row, column);
    };
    return rows.map((row): PlanCell | null => {
      switch (row.kind) {
        case "section":
          return null;
        case "currency":
          return { kind: "text", text: scenario.currency };
        case "linked":
          return {
            kind: "text",
            text: scenario.retention.linked ? labels.linkedYes : labels.linkedNo,
          };
        case "quantity":
          return quantityCell(row.q, scenario, results, placed);
      }
    });
  });

  const headerRow: PlanCell[] = [
    { kind: "text", text: labels.item, style: "header" },
    ...scenarios.map((s): PlanCell => ({ kind: "text", text: s.name, style: "header" })),
  ];
  const bodyRows = rows.map((row, i): (PlanCell | null)[] => [
    { kind: "text", text: row.label, style: row.kind === "section" ? "header" : "label" },
    ...columns.map((column) => column[i]),
  ]);
  const columnWidths: Record<string, number> = { A: 52 };
  scenarios.forEach((_, s) => (columnWidths[cellRef(0, 1 + s).replace(/\d+$/, "")] = 22));
  return {
    sheetName: labels.comparisonSheetName,
    blocks: [
      {
        topLeft: cellRef(TITLE_ROW, 0),
        rows: [[{ kind: "text", text: labels.comparisonTitle, style: "title" }]],
      },
      { topLeft: cellRef(HEADER_ROW, 0), rows: [headerRow, ...bodyRows] },
    ],
    names: [],
    columnWidths,
    charts: [],
    // One column per scenario: beyond three, the sheet is wider than a portrait page.
    print: { orientation: scenarios.length > 3 ? "landscape" : "portrait" },
  };
}
