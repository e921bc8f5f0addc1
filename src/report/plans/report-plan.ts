/**
 * The "Retention model" sheet as a plan: inputs as plain values, every output a native Excel
 * formula over the input cells, sheet-scoped names for all of them, a sensitivity grid, a chart.
 */
import { combinedEconomics } from "../../model/economics/segment";
import { retentionBillAxes } from "../../model/whatif/retention-bill-axes";
import {
  evaluateScenario,
  linkedReturningCustomers,
  Scenario,
  ScenarioResults,
} from "../../model/economics/scenario";
import { ReportLabels } from "./report-labels";
import {
  definedName,
  ECONOMICS_FIELDS,
  InputQuantity,
  OutputQuantity,
  Quantity,
  quantityCell,
  SEGMENT_INPUTS,
} from "./report-formulas";
import {
  absoluteRef,
  CellStyle,
  cellRef,
  excelDateSerial,
  NumberFormat,
  PlanBlock,
  PlanCell,
  PlanName,
  SheetPlan,
} from "../sheet-plan";

export { buildComparisonPlan } from "./comparison-plan";
export { uniqueSheetName } from "../sheet-name";

export interface SensitivityOptions {
  /** Row headers: retention rates per period (fractions, 0 < r ≤ 1). */
  retentionRates?: number[];
  /** Column headers: returning customers' average bill (> 0). */
  averageBills?: number[];
}

export interface ReportOptions {
  labels: ReportLabels;
  /** The date printed under the title (the report's "as of"). */
  date: Date;
  sensitivity?: SensitivityOptions;
}

/** Row numbers (1-based) of the report layout; everything else follows from these. */
const ROW = {
  title: 1,
  scenario: 2,
  date: 3,
  currency: 4,
  hint: 5,
  inputsHeader: 7,
  retentionHeader: 13,
  outputsHeader: 21,
  comparisonHeader: 30,
  ltvHeader: 35,
  sensitivityTitle: 42,
} as const;

const SEGMENTS = ["new", "returning"] as const;

type Row = (PlanCell | null)[];

const text = (value: string, style?: CellStyle): PlanCell => ({ kind: "text", text: value, style });

/** A table from column A of sheet row `row`: a row of headers, then the rows. */
const table = (row: number, headers: string[], rows: Row[]): PlanBlock => ({
  topLeft: `A${row}`,
  rows: [headers.map((h) => text(h, "header")), ...rows],
});

/** Places quantities in cells and turns each into an input or formula cell. */
class QuantityCells {
  readonly at = new Map<Quantity, string>();
  constructor(
    private readonly scenario: Scenario,
    private readonly results: ScenarioResults
  ) {}

  place(q: Quantity, ref: string): void {
    this.at.set(q, ref);
  }

  cell(q: Quantity): PlanCell {
    return quantityCell(q, this.scenario, this.results, (p) => this.at.get(p));
  }

  names(): PlanName[] {
    return [...this.at].map(([q, ref]) => ({ name: definedName(q), cell: ref }));
  }
}

/** A quantity with its label and unit, as the value tables list them. */
type Line<Q> = [q: Q, label: string, unit: string];

export function buildReportPlan(scenario: Scenario, options: ReportOptions): SheetPlan {
  const { labels } = options;
  const results = evaluateScenario(scenario);
  const cells = new QuantityCells(scenario, results);
  const money = scenario.currency;

  // Lay out every quantity first: formulas need the addresses of cells placed after them.
  SEGMENT_INPUTS.forEach((field, i) =>
    SEGMENTS.forEach((seg, c) =>
      cells.place(`${seg}.${field}`, cellRef(ROW.inputsHeader + i, 1 + c))
    )
  );
  const retentionLines: Line<InputQuantity | "linked">[] = [
    ["retention.rate", labels.retentionRate, labels.unitPercent],
    ["retention.startCustomers", labels.startCustomers, labels.unitCustomers],
    ["linked", labels.linked, ""],
    ["ltv.discountRate", labels.discountRate, labels.unitPercent],
    ["ltv.periods", labels.periods, labels.unitPeriods],
    ["ltv.timing", labels.timing, ""],
  ];
  retentionLines.forEach(([q], i) => {
    if (q !== "linked") cells.place(q, cellRef(ROW.retentionHeader + i, 1));
  });
  ECONOMICS_FIELDS.forEach((field, i) =>
    (["new", "returning", "total"] as const).forEach((seg, c) =>
      cells.place(`${seg}.${field}`, cellRef(ROW.outputsHeader + i, 1 + c))
    )
  );
  const comparisonLines: Line<OutputQuantity>[] = [
    ["comparison.costRatio", labels.costRatio, labels.unitTimes],
    ["comparison.extraProfitPerReturning", labels.extraProfitPerReturning, money],
    ["comparison.extraProfitShare", labels.extraProfitShare, labels.unitPercent],
  ];
  comparisonLines.forEach(([q], i) => cells.place(q, cellRef(ROW.comparisonHeader + i, 1)));
  const ltvLines: Line<OutputQuantity>[] = [
    ["ltv.margin", labels.margin, money],
    ["ltv.value", labels.ltv, money],
    ["ltv.cac", labels.cac, money],
    ["ltv.ltvToCac", labels.ltvToCac, labels.unitTimes],
    ["ltv.cacPaybackPeriods", labels.cacPayback, labels.unitPeriods],
  ];
  ltvLines.forEach(([q], i) => cells.place(q, cellRef(ROW.ltvHeader + i, 1)));

  const unitOfInput = {
    marketingSpend: money,
    overheads: money,
    customers: labels.unitCustomers,
    averageBill: money,
  };
  const valueTable = (row: number, title: string, lines: Line<Quantity | "linked">[]) =>
    table(
      row,
      [title, labels.value, labels.unit],
      lines.map(([q, label, unit]) => [
        text(label, "label"),
        q === "linked"
          ? text(scenario.retention.linked ? labels.linkedYes : labels.linkedNo)
          : cells.cell(q),
        text(unit, "note"),
      ])
    );
  const perCustomerFirst = ROW.outputsHeader + 1 + ECONOMICS_FIELDS.indexOf("costPerCustomer");
  const perCustomerLast = ROW.outputsHeader + 1 + ECONOMICS_FIELDS.indexOf("spendPerCustomer");
  return {
    sheetName: labels.sheetName,
    blocks: [
      headerBlock(scenario, labels, options.date),
      table(
        ROW.inputsHeader,
        [labels.inputs, labels.newCustomers, labels.returningCustomers, labels.unit],
        SEGMENT_INPUTS.map((field) => [
          text(labels[field], "label"),
          ...SEGMENTS.map((seg) => cells.cell(`${seg}.${field}`)),
          text(unitOfInput[field], "note"),
        ])
      ),
      valueTable(ROW.retentionHeader, labels.retentionInputs, retentionLines),
      table(
        ROW.outputsHeader,
        [labels.outputs, labels.newCustomers, labels.returningCustomers, labels.total],
        ECONOMICS_FIELDS.map((field) => [
          text(labels[field], "label"),
          cells.cell(`new.${field}`),
          cells.cell(`returning.${field}`),
          cells.cell(`total.${field}`),
        ])
      ),
      valueTable(ROW.comparisonHeader, labels.comparison, comparisonLines),
      valueTable(ROW.ltvHeader, labels.lifetimeValue, ltvLines),
      sensitivityBlock(scenario, results, cells.at, labels, options.sensitivity),
    ],
    names: cells.names(),
    columnWidths: { A: 52, B: 20, C: 20, D: 20, E: 16, F: 16, G: 16 },
    charts: [
      {
        kind: "clusteredColumn",
        title: labels.chartTitle,
        dataRange: `A${perCustomerFirst}:C${perCustomerLast}`,
        seriesNames: [labels.newCustomers, labels.returningCustomers],
        position: { from: "F2", to: "L19" },
      },
    ],
    // The chart sits beside the tables: twelve columns do not fit a portrait page.
    print: { orientation: "landscape" },
  };
}

/** Title, scenario name, the report's date and currency, and how to use the sheet. */
function headerBlock(scenario: Scenario, labels: ReportLabels, date: Date): PlanBlock {
  return {
    topLeft: `A${ROW.title}`,
    rows: [
      [text(labels.title, "title")],
      [text(labels.scenario, "label"), text(scenario.name)],
      [
        text(labels.date, "label"),
        { kind: "number", value: excelDateSerial(date), format: { kind: "date" } },
      ],
      [text(labels.currency, "label"), text(scenario.currency)],
      [text(labels.editHint, "note")],
    ],
  };
}

const unique = (xs: number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);

/**
 * Total profit if returning customers = rate × start customers, over retention rate (rows) ×
 * returning average bill (columns). The headers are plain values: edit them and the grid follows.
 * Each cell is (new revenue + rate×start×bill) − total cost: the order combinedEconomics uses.
 */
function sensitivityBlock(
  scenario: Scenario,
  results: ScenarioResults,
  at: Map<Quantity, string>,
  labels: ReportLabels,
  options?: SensitivityOptions
): PlanBlock {
  const defaults = retentionBillAxes(scenario);
  const rates = unique(
    (options?.retentionRates ?? defaults.retentionRates).filter(
      (r) => Number.isFinite(r) && r > 0 && r <= 1
    )
  );
  const bills = unique(
    (options?.averageBills ?? defaults.averageBills).filter((b) => Number.isFinite(b) && b > 0)
  );
  const top = ROW.sensitivityTitle;
  const headerRow = top + 1;
  const ref = (q: Quantity) => absoluteRef(at.get(q)!);
  const currency: NumberFormat = { kind: "currency", currency: scenario.currency };
  const rows: (PlanCell | null)[][] = [
    [text(labels.sensitivity, "header")],
    [
      text(labels.sensitivityRows, "label"),
      ...bills.map((b): PlanCell => ({
        kind: "number",
        value: b,
        format: currency,
        style: "input",
      })),
    ],
  ];
  rates.forEach((rate, i) => {
    const row = headerRow + 1 + i;
    const returning = {
      ...results.inputs.returning,
      customers: linkedReturningCustomers({
        ...scenario,
        retention: { ...scenario.retention, rate },
      }),
    };
    rows.push([
      { kind: "number", value: rate, format: { kind: "percent" }, style: "input" },
      ...bills.map((bill, j): PlanCell => {
        const rateRef = `$A${row}`;
        const billRef = `${cellRef(headerRow - 1, 1 + j).replace(/\d+$/, "")}$${headerRow}`;
        return {
          kind: "formula",
          formula: `=(${ref("new.revenue")}+(${rateRef}*${ref("retention.startCustomers")})*${billRef})-${ref("total.totalCost")}`,
          expected: combinedEconomics([results.inputs.new, { ...returning, averageBill: bill }])
            .profit,
          format: currency,
          style: "output",
        };
      }),
    ]);
  });
  return { topLeft: `A${top}`, rows };
}
