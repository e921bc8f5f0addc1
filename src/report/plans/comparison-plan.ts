/**
 * "Compare scenarios": a summary like Excel's Scenario Manager report. One column per scenario
 * (its name in the header, as text), inputs as plain values, key outputs as native formulas over
 * that column's inputs (intermediate quantities are inlined, so the column stays self-contained).
 */
import { evaluateScenario, Scenario } from "../../model/economics/scenario";
import { ReportLabels } from "./report-labels";
import { formatOf, formulaBody, isFormula, modelValue, Quantity } from "./report-formulas";
import { cellRef, PlanCell, SheetPlan } from "../sheet-plan";

type Row =
  | { kind: "section"; label: string }
  | { kind: "quantity"; q: Quantity; label: string }
  | { kind: "linked"; label: string }
  | { kind: "currency"; label: string };

function comparisonRows(labels: ReportLabels): Row[] {
  const seg = (name: string, what: string) => `${name}: ${what}`;
  const n = labels.newCustomers;
  const r = labels.returningCustomers;
  const t = labels.total;
  return [
    { kind: "currency", label: labels.currency },
    { kind: "section", label: labels.inputs },
    { kind: "quantity", q: "new.marketingSpend", label: seg(n, labels.marketingSpend) },
    { kind: "quantity", q: "new.overheads", label: seg(n, labels.overheads) },
    { kind: "quantity", q: "new.customers", label: seg(n, labels.customers) },
    { kind: "quantity", q: "new.averageBill", label: seg(n, labels.averageBill) },
    { kind: "quantity", q: "returning.marketingSpend", label: seg(r, labels.marketingSpend) },
    { kind: "quantity", q: "returning.overheads", label: seg(r, labels.overheads) },
    { kind: "quantity", q: "returning.customers", label: seg(r, labels.customers) },
    { kind: "quantity", q: "returning.averageBill", label: seg(r, labels.averageBill) },
    { kind: "quantity", q: "retention.rate", label: labels.retentionRate },
    { kind: "quantity", q: "retention.startCustomers", label: labels.startCustomers },
    { kind: "linked", label: labels.linked },
    { kind: "quantity", q: "ltv.discountRate", label: labels.discountRate },
    { kind: "quantity", q: "ltv.periods", label: labels.periods },
    { kind: "quantity", q: "ltv.timing", label: labels.timing },
    { kind: "section", label: labels.outputs },
    { kind: "quantity", q: "new.profit", label: seg(n, labels.profit) },
    { kind: "quantity", q: "returning.profit", label: seg(r, labels.profit) },
    { kind: "quantity", q: "total.revenue", label: seg(t, labels.revenue) },
    { kind: "quantity", q: "total.totalCost", label: seg(t, labels.totalCost) },
    { kind: "quantity", q: "total.profit", label: seg(t, labels.profit) },
    { kind: "quantity", q: "total.profitability", label: seg(t, labels.profitability) },
    { kind: "quantity", q: "new.costPerCustomer", label: seg(n, labels.costPerCustomer) },
    { kind: "quantity", q: "returning.costPerCustomer", label: seg(r, labels.costPerCustomer) },
    { kind: "quantity", q: "new.profitPerCustomer", label: seg(n, labels.profitPerCustomer) },
    { kind: "quantity", q: "returning.profitPerCustomer", label: seg(r, labels.profitPerCustomer) },
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
        case "quantity": {
          const format = formatOf(row.q, scenario.currency);
          if (isFormula(row.q, scenario)) {
            return {
              kind: "formula",
              formula: `=${formulaBody(row.q, scenario, placed)}`,
              expected: modelValue(row.q, scenario, results),
              format,
              style: "output",
            };
          }
          if (row.q === "ltv.periods" && scenario.ltv.periods === null)
            return { kind: "blank", format, style: "input" };
          return {
            kind: "number",
            value: modelValue(row.q, scenario, results),
            format,
            style: "input",
          };
        }
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
