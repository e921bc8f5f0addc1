/**
 * The "Plan" sheet: next periods' customers, revenue and margin as a live model a colleague
 * without the add-in can edit. The inputs (α, β, revenue per customer, margin, CAC, uplift) sit
 * in named cells and the planned new customers in a column of inputs; every forecast cell is a
 * native formula of plain arithmetic: S(t) = S(t − 1)·r(t) with the uplifted retention
 * r(t) = 1 − (1 − (β + t − 1)/(α + β + t − 1))·(1 − uplift) (docs/definitions.md §11). The
 * working matrices to the right carry each cohort period by period, so every sum is visible.
 * The prediction interval, which no formula can redraw, is written as labelled values.
 */
import { planForecast, PlanInputs, planWorking } from "../../model/plan/plan-model";
import { significantFormat, widenForHeaders } from "../plan-style";
import {
  absoluteRef,
  cellRef,
  columnLetter,
  NumberFormat,
  PlanBlock,
  PlanCell,
  PlanChart,
  SheetPlan,
} from "../sheet-plan";
import { ForecastLabels } from "./forecast-labels";
import { formulaCell, textCell, valueCell } from "./plan-cells";

export interface ForecastPlanOptions {
  labels: ForecastLabels;
  currency: string;
  /** Each of today's cohorts' name (e.g. its start month), parallel to inputs.cohorts. */
  cohortNames: readonly string[];
  /** The model's prediction interval for the total customers, per future period. */
  interval?: { level: number; low: readonly number[]; high: readonly number[] } | null;
  sheetName?: string;
}

/** Where the inputs sit (1-based rows, column B). */
const INPUT_ROW = { alpha: 5, beta: 6, revenue: 7, margin: 8, cac: 9, uplift: 10 } as const;
export const PLAN_NAMES: Record<keyof typeof INPUT_ROW, string> = {
  alpha: "Plan_Alpha",
  beta: "Plan_Beta",
  revenue: "Plan_Revenue",
  margin: "Plan_Margin",
  cac: "Plan_CAC",
  uplift: "Plan_Uplift",
};
const COHORT_HEADER_ROW = 12;
/** The working matrices start in this column (0-based: N), past the plan table and a gap. */
const WORKING_COLUMN = 13;

const COUNT: NumberFormat = { kind: "count" };
const PERCENT: NumberFormat = { kind: "percent" };
const RATIO: NumberFormat = { kind: "decimal", decimals: 2 };
const SHARE: NumberFormat = { kind: "decimal", decimals: 4 };

export function forecastPlan(inputs: PlanInputs, options: ForecastPlanOptions): SheetPlan {
  const { labels } = options;
  const plan = planForecast(inputs);
  const working = planWorking(inputs);
  const horizon = plan.total.length;
  const money: NumberFormat = { kind: "currency", currency: options.currency };
  const input = (key: keyof typeof INPUT_ROW) => absoluteRef(`B${INPUT_ROW[key]}`);
  /** The uplifted retention at age `t` (an expression), as a formula fragment. */
  const retention = (t: string) =>
    `(1-(1-(${input("beta")}+${t}-1)/(${input("alpha")}+${input("beta")}+${t}-1))*(1-${input("uplift")}))`;

  const blocks: PlanBlock[] = [];
  blocks.push({
    topLeft: "A1",
    rows: [[textCell(labels.title(horizon), "title")], [textCell(labels.editHint, "note")]],
  });
  blocks.push({
    topLeft: "A4",
    rows: [
      [textCell(labels.inputs, "header")],
      [textCell(labels.alpha, "label"), valueCell(inputs.alpha, significantFormat(inputs.alpha))],
      [textCell(labels.beta, "label"), valueCell(inputs.beta, significantFormat(inputs.beta))],
      [textCell(labels.revenuePerCustomer, "label"), valueCell(inputs.revenuePerCustomer, money)],
      [textCell(labels.margin, "label"), valueCell(inputs.margin, PERCENT)],
      [textCell(labels.cac, "label"), valueCell(inputs.cac, money)],
      [textCell(labels.uplift, "label"), valueCell(inputs.uplift, PERCENT)],
    ],
  });

  // Today's base: one row per cohort, its age and customers now (inputs a user may correct).
  const cohorts = inputs.cohorts;
  const cohortRow = (c: number) => COHORT_HEADER_ROW + 1 + c;
  blocks.push({
    topLeft: `A${COHORT_HEADER_ROW}`,
    rows: [
      [
        textCell(labels.cohort, "header"),
        textCell(labels.age, "header"),
        textCell(labels.customersNow, "header"),
      ],
      ...cohorts.map(({ age, customers }, c) => [
        textCell(options.cohortNames[c] ?? String(c + 1), "label"),
        valueCell(age, COUNT),
        valueCell(customers, COUNT),
      ]),
    ],
  });

  // The plan table: one row per future period.
  const planHeader = COHORT_HEADER_ROW + cohorts.length + 2;
  const planRow = (k: number) => planHeader + k; // k = 1..horizon
  const last = planRow(horizon);
  const interval = options.interval ?? null;
  const existingColumn = (c: number) => columnLetter(WORKING_COLUMN + c);
  const addedColumn = (j: number) => columnLetter(WORKING_COLUMN + cohorts.length + 1 + (j - 1));
  const rowSum = (k: number, from: string, to: string) =>
    `SUM(${from}${planRow(k)}:${to}${planRow(k)})`;
  const planRows: (PlanCell | null)[][] = [];
  for (let k = 1; k <= horizon; k++) {
    const r = planRow(k);
    const row: (PlanCell | null)[] = [
      valueCell(k, COUNT, "label"),
      cohorts.length > 0
        ? formulaCell(
            `=${rowSum(k, existingColumn(0), existingColumn(cohorts.length - 1))}`,
            plan.existing[k - 1],
            COUNT
          )
        : formulaCell("=0", 0, COUNT),
      formulaCell(`=${rowSum(k, addedColumn(1), addedColumn(horizon))}`, plan.added[k - 1], COUNT),
      formulaCell(`=B${r}+C${r}`, plan.total[k - 1], COUNT),
      formulaCell(`=D${r}*${input("revenue")}`, plan.revenue[k - 1], money),
      formulaCell(`=E${r}*${input("margin")}`, plan.margin[k - 1], money),
      valueCell(inputs.newCustomers[k - 1] ?? 0, COUNT),
    ];
    if (interval)
      row.push(
        valueCell(interval.low[k - 1], COUNT, "label"),
        valueCell(interval.high[k - 1], COUNT, "label")
      );
    planRows.push(row);
  }
  const planHeaders = [
    labels.period,
    labels.existing,
    labels.added,
    labels.total,
    labels.revenue,
    labels.marginAmount,
    labels.planned,
    ...(interval ? [labels.low(interval.level), labels.high(interval.level)] : []),
  ];
  blocks.push({
    topLeft: `A${planHeader}`,
    rows: [planHeaders.map((h) => textCell(h, "header")), ...planRows],
  });
  let next = last + 3; // a note row, then the next table's header
  if (interval) {
    blocks.push({
      topLeft: `A${last + 1}`,
      rows: [[textCell(labels.intervalNote(interval.level), "note")]],
    });
    next++;
  }

  // The working: today's cohorts (columns) and the planned cohorts (columns) by period (rows).
  const workingRows: (PlanCell | null)[][] = [];
  const header: (PlanCell | null)[] = [
    ...cohorts.map((_, c) => textCell(options.cohortNames[c] ?? String(c + 1), "header")),
    null,
    ...Array.from({ length: horizon }, (_, j) => valueCell(j + 1, COUNT, "header")),
  ];
  for (let k = 1; k <= horizon; k++) {
    const r = planRow(k);
    const row: (PlanCell | null)[] = cohorts.map((_, c) => {
      const age = `$B$${cohortRow(c)}+$A${r}`;
      const before = k === 1 ? `$C$${cohortRow(c)}` : `${existingColumn(c)}${r - 1}`;
      return formulaCell(`=${before}*${retention(age)}`, working.existingByCohort[c][k - 1], COUNT);
    });
    row.push(null);
    for (let j = 1; j <= horizon; j++) {
      const column = addedColumn(j);
      if (k < j) row.push(null);
      else if (k === j)
        row.push(formulaCell(`=$G$${planRow(j)}`, working.addedByCohort[j - 1][k - 1], COUNT));
      else
        row.push(
          formulaCell(
            `=${column}${r - 1}*${retention(`($A${r}-${column}$${planHeader})`)}`,
            working.addedByCohort[j - 1][k - 1],
            COUNT
          )
        );
    }
    workingRows.push(row);
  }
  // The header row is the plan table's: the planned cohorts' numbers j are read by the formulas.
  blocks.push({ topLeft: cellRef(planHeader - 1, WORKING_COLUMN), rows: [header, ...workingRows] });
  if (cohorts.length > 0)
    blocks.push({
      topLeft: cellRef(planHeader - 2, WORKING_COLUMN),
      rows: [[textCell(labels.workingExisting, "note")]],
    });
  blocks.push({
    topLeft: cellRef(planHeader - 2, WORKING_COLUMN + cohorts.length + 1),
    rows: [[textCell(labels.workingNew, "note")]],
  });

  // A new customer by age: the share still active and the cumulative margin.
  const ageHeader = next;
  const ageRow = (t: number) => ageHeader + 1 + t; // t = 0..horizon − 1
  const ageRows: PlanCell[][] = [];
  for (let t = 0; t < horizon; t++) {
    const r = ageRow(t);
    const share =
      t === 0
        ? formulaCell("=1", 1, SHARE)
        : formulaCell(`=B${r - 1}*${retention(`A${r}`)}`, working.survival[t], SHARE);
    const margin = `B${r}*${input("revenue")}*${input("margin")}`;
    ageRows.push([
      valueCell(t, COUNT, "label"),
      share,
      formulaCell(
        t === 0 ? `=${margin}` : `=C${r - 1}+${margin}`,
        working.cumulativeMargin[t],
        money
      ),
    ]);
  }
  blocks.push({
    topLeft: `A${ageHeader}`,
    rows: [
      [
        textCell(labels.age, "header"),
        textCell(labels.survival, "header"),
        textCell(labels.cumulativeMargin, "header"),
      ],
      ...ageRows,
    ],
  });
  blocks.push({
    topLeft: `A${ageHeader - 1}`,
    rows: [[textCell(labels.newCustomerByAge, "note")]],
  });

  // Each planned cohort: its margin per customer within the plan, LTV : CAC; then the payback.
  const cohortHeader = ageRow(horizon - 1) + 3;
  const cumulative = `$C$${ageRow(0)}:$C$${ageRow(horizon - 1)}`;
  const cac = input("cac");
  const cohortRows: (PlanCell | null)[][] = [];
  for (let j = 1; j <= horizon; j++) {
    const r = cohortHeader + j;
    cohortRows.push([
      valueCell(j, COUNT, "label"),
      formulaCell(`=C${ageRow(horizon - j)}`, plan.cohortMargin[j - 1], money),
      formulaCell(`=IF(${cac}=0,"",B${r}/${cac})`, plan.ltvToCac[j - 1], RATIO),
    ]);
  }
  const paybackRow = cohortHeader + horizon + 2;
  const payback = plan.paybackPeriods;
  const paybackCell: PlanCell =
    payback !== null && payback <= horizon
      ? formulaCell(paybackFormula(cumulative, cac, labels.beyondPlan), payback, COUNT)
      : {
          kind: "formula",
          formula: paybackFormula(cumulative, cac, labels.beyondPlan),
          expected: NaN,
          expectedText: labels.beyondPlan,
          format: COUNT,
          style: "output",
        };
  blocks.push({
    topLeft: `A${cohortHeader - 1}`,
    rows: [[textCell(labels.plannedCohorts, "note")]],
  });
  blocks.push({
    topLeft: `A${cohortHeader}`,
    rows: [
      [
        textCell(labels.period, "header"),
        textCell(labels.marginWithinPlan, "header"),
        textCell(labels.ltvToCac, "header"),
      ],
      ...cohortRows,
    ],
  });
  blocks.push({
    topLeft: `A${paybackRow}`,
    rows: [[textCell(labels.payback, "label"), paybackCell]],
  });

  const chart: PlanChart = {
    kind: "line",
    title: labels.chartTitle,
    dataRange: `A${planHeader}:D${last}`,
    seriesNames: [labels.existing, labels.added, labels.total],
    position: { from: `E${paybackRow + 2}`, to: `L${paybackRow + 20}` },
  };
  const widths: Record<string, number> = { A: 38 };
  for (const c of "BCDEFGHI") widths[c] = 14;
  return {
    sheetName: options.sheetName ?? labels.sheetName,
    blocks,
    names: (Object.keys(INPUT_ROW) as (keyof typeof INPUT_ROW)[]).map((key) => ({
      name: PLAN_NAMES[key],
      cell: `B${INPUT_ROW[key]}`,
    })),
    columnWidths: widenForHeaders(blocks, widths),
    charts: [chart],
    print: { orientation: "landscape" },
  };
}

/**
 * The first age at which the cumulative margin reaches the CAC, counted from 1; 0 when the CAC
 * is 0; the "beyond the plan" text when the plan's ages never reach it. COUNTIF counts the ages
 * still short of the CAC, which come first because the cumulative margin never falls.
 */
function paybackFormula(cumulative: string, cac: string, beyond: string): string {
  const quoted = `"${beyond.replace(/"/g, '""')}"`;
  return `=IF(${cac}=0,0,IF(MAX(${cumulative})<${cac},${quoted},COUNTIF(${cumulative},"<"&${cac})+1))`;
}
