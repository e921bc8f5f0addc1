/**
 * The "Cohort analysis" sheet as a plan ("Write analysis to sheet", "Download .xlsx" and the
 * `cohorts` command): the data's aggregates as values, everything derived from them as native
 * formulas, the sBG fit as live cells.
 *
 * Blocks, top to bottom (column A holds the labels and period dates), one function each:
 * - header: data shape, period, activity window, end of observation, rows, customers;
 * - period retention, one row per period: S, N, E, kept, reactivated, churned as values, retention
 *   = (E − N)/S as a formula, empty text ("") where S = 0; with revenue, the movements as values
 *   and NRR = (start + expansion − contraction − churn)/start, GRR = (start − contraction −
 *   churn)/start as formulas, "" where the start revenue is 0;
 * - sBG fit: α and β value cells (names Sbg_Alpha, Sbg_Beta), then S(t) and r(t) for t = 0 … the
 *   oldest cohort's age + 12 as formulas: S(0) = 1, S(t) = S(t−1)·(β+t−1)/(α+β+t−1);
 * - cohort customers (values), shares = count ÷ the cohort's size (its age-0 count) as formulas
 *   under a colour scale (the heat map), and with revenue the cohort revenue (values) and revenue ÷
 *   the cohort's first-period revenue (formulas, "" where that is 0);
 * - a line chart of the cohort curves (the shares of the oldest cohorts, up to 24).
 * Cells after the data's last period are empty, never 0.
 */
import { AnalysisTables } from "../../model/history/analysis";
import { cohortCell, CohortMeasure } from "../../model/history/cohorts";
import {
  CohortSbgFit,
  cohortSurvivors,
  fitCohortSbg,
  sbgProjection,
} from "../../model/history/cohort-survivors";
import { pooledSurvivalCurve } from "../../model/history/cohort-curve";
import { sbgFitQuality } from "../../model/sbg/sbg-fit-quality";
import { civilFromSerial, isoTextFromSerial } from "../../model/reading/excel-dates";
import { periodRetentionRate } from "../../model/history/period-retention";
import { periodStart } from "../../model/history/periods";
import { RevenueMovementTable } from "../../model/history/revenue-movements";
import {
  grossRevenueRetention,
  netRevenueRetention,
} from "../../model/economics/revenue-retention";
import { retention as sbgRetention, survival as sbgSurvival } from "../../model/sbg/sbg-curve";
import { AnalysisLabels, ENGLISH_ANALYSIS_LABELS } from "./analysis-labels";
import { significantFormat } from "../plan-style";
import {
  CellStyle,
  cellRef,
  columnLetter,
  NumberFormat,
  PlanBlock,
  PlanCell,
  PlanChart,
  PlanColorScale,
  PlanName,
  SheetPlan,
} from "../sheet-plan";

export {
  ENGLISH_ANALYSIS_LABELS,
  CHINESE_ANALYSIS_LABELS,
  analysisLabelsFor,
} from "./analysis-labels";
export type { AnalysisLabels } from "./analysis-labels";

export interface AnalysisPlanOptions {
  labels?: AnalysisLabels;
  /** The sheet's preferred name (default: labels.sheetName); renderers make it unique. */
  sheetName?: string;
  /** How many cohorts (the oldest first) the line chart draws; default 24. */
  chartCohorts?: number;
  /**
   * The sBG fit of the analysis's survivors (or why it failed), when the caller already has it:
   * the pane's worker fits once for its view and this sheet. Default: fitted here.
   */
  sbgFit?: CohortSbgFit | string;
}

/** Excel's last column is XFD (16,384); the cohort blocks need one column per age plus the label. */
const MAX_COLUMNS = 16_384;
/** Beyond this many cohort cells per block the sheet is too big to be useful: choose a longer period. */
export const MAX_COHORT_CELLS = 2_000_000;
/** Projected periods beyond the oldest cohort's age. */
const PROJECTION_EXTRA = 12;
/** The period table's title row (1-based), below the header; its periods start two rows down. */
const PERIOD_TITLE_ROW = 10;

export const HEAT_MAP_COLORS = { min: "#F8696B", mid: "#FFEB84", max: "#63BE7B" } as const;

const COUNT: NumberFormat = { kind: "count" };
const PERCENT: NumberFormat = { kind: "percent" };
const DATE: NumberFormat = { kind: "date" };
const MONEY: NumberFormat = { kind: "decimal" };
const GENERAL: NumberFormat = { kind: "general" };

type Row = (PlanCell | null)[];

/** The period table's counts (columns B–G) and revenue movements (I–O), in order. */
const PERIOD_COUNTS = ["start", "won", "end", "kept", "reactivated", "churned"] as const;
const REVENUE_MOVEMENTS = [
  "start",
  "won",
  "expansion",
  "contraction",
  "churn",
  "reactivation",
  "end",
] as const;

const text = (value: string, style?: CellStyle): PlanCell => ({ kind: "text", text: value, style });
const value = (v: number, format: NumberFormat, style: CellStyle = "input"): PlanCell => ({
  kind: "number",
  value: v,
  format,
  style,
});
/** A formula whose result is the model's `expected`; non-finite expected means the guard's "". */
const formula = (f: string, expected: number, format: NumberFormat): PlanCell =>
  Number.isFinite(expected)
    ? { kind: "formula", formula: f, expected, format, style: "output" }
    : { kind: "formula", formula: f, expected: NaN, expectedText: "", format, style: "output" };

/** What the sections add to the sheet besides their blocks. */
interface Sheet {
  blocks: PlanBlock[];
  names: PlanName[];
  conditionalFormats: PlanColorScale[];
  charts: PlanChart[];
}

/** The sheet for an analysis. Throws when the cohort blocks cannot fit a sheet. */
export function analysisPlan(
  analysis: AnalysisTables,
  options: AnalysisPlanOptions = {}
): SheetPlan {
  const labels = options.labels ?? ENGLISH_ANALYSIS_LABELS;
  checkFitsSheet(analysis);
  const sheet: Sheet = { blocks: [], names: [], conditionalFormats: [], charts: [] };
  sheet.blocks.push(headerBlock(analysis, labels));
  const periodColumns = periodHeader(labels, analysis.movements !== null);
  const sbgTop = addPeriodTable(sheet, analysis, labels, periodColumns);
  const fit = options.sbgFit ?? tryFit(analysis);
  const cohortsTop = addSbgFit(sheet, analysis, labels, fit, sbgTop);
  const revenueTop = addCohortCustomers(
    sheet,
    analysis,
    labels,
    cohortsTop,
    chartPosition(sbgTop),
    options.chartCohorts ?? 24
  );
  if (analysis.movements !== null) addCohortRevenue(sheet, analysis, labels, revenueTop);

  const widest = Math.max(periodColumns.length, analysis.cohorts.ages + 1);
  const columnWidths: Record<string, number> = { A: 26 };
  for (let c = 1; c < Math.min(widest, 60); c++) columnWidths[columnLetter(c)] = 12;
  return {
    sheetName: options.sheetName ?? labels.sheetName,
    blocks: sheet.blocks,
    names: sheet.names,
    columnWidths,
    charts: sheet.charts,
    conditionalFormats: sheet.conditionalFormats,
    print: { orientation: widest > 10 ? "landscape" : "portrait" },
  };
}

function checkFitsSheet({ cohorts }: AnalysisTables): void {
  const { ages } = cohorts;
  if (ages + 1 > MAX_COLUMNS || cohorts.cohort.length * ages > MAX_COHORT_CELLS)
    throw new Error(
      `${cohorts.cohort.length} cohorts × ${ages} periods do not fit a sheet (at most ${MAX_COHORT_CELLS.toLocaleString("en-US")} cells per cohort block): ${tooManyCellsAdvice(cohorts.range)}`
    );
}

/**
 * A longer period helps a long span of real dates; a far-future date (a typo such as 2204, or a
 * "never" 9999-12-31) is to be corrected instead: a longer period would hide it.
 */
function tooManyCellsAdvice(range: AnalysisTables["cohorts"]["range"]): string {
  const last = periodStart(range.last, range.unit);
  if (civilFromSerial(last).year <= 2200) return "choose a longer period";
  return `the data runs to ${isoTextFromSerial(last)}, past the year 2200: a date that far is probably a mistake; correct it, or give an earlier end date`;
}

function headerBlock(analysis: AnalysisTables, labels: AnalysisLabels): PlanBlock {
  return {
    topLeft: "A1",
    rows: [
      [text(labels.title, "title")],
      [
        text(labels.data, "label"),
        text(analysis.shape === "orders" ? labels.shapeOrders : labels.shapeSubscriptions),
      ],
      [text(labels.period, "label"), text(labels.units[analysis.range.unit])],
      [text(labels.window, "label"), value(analysis.window, COUNT, "label")],
      [text(labels.observedThrough, "label"), value(analysis.lastDay, DATE, "label")],
      [text(labels.rows, "label"), value(analysis.rows, COUNT, "label")],
      [text(labels.customers, "label"), value(analysis.ids.count, COUNT, "label")],
      [text(labels.hint, "note")],
    ],
  };
}

function periodHeader(labels: AnalysisLabels, hasRevenue: boolean): string[] {
  return [
    labels.periodStart,
    labels.start,
    labels.won,
    labels.end,
    labels.kept,
    labels.reactivated,
    labels.churned,
    labels.retention,
    ...(hasRevenue
      ? [
          labels.revenueStart,
          labels.revenueNew,
          labels.expansion,
          labels.contraction,
          labels.revenueChurn,
          labels.reactivation,
          labels.revenueEnd,
          labels.nrr,
          labels.grr,
        ]
      : []),
  ];
}

/** The period table and the latest period's names; returns the row the sBG block starts on. */
function addPeriodTable(
  sheet: Sheet,
  analysis: AnalysisTables,
  labels: AnalysisLabels,
  header: string[]
): number {
  const { retention, movements, range } = analysis;
  const periods = retention.start.length;
  const firstPeriodRow = PERIOD_TITLE_ROW + 2;
  const rows: Row[] = [[text(labels.periodTable, "header")], header.map((h) => text(h, "header"))];
  for (let i = 0; i < periods; i++) {
    const r = firstPeriodRow + i;
    const row: Row = [
      value(periodStart(range.first + i, range.unit), DATE, "label"),
      ...PERIOD_COUNTS.map((column) => value(retention[column][i], COUNT)),
      formula(`=IF(B${r}=0,"",(D${r}-C${r})/B${r})`, periodRetentionRate(retention, i), PERCENT),
    ];
    if (movements) row.push(...revenueCells(movements, i, r));
    rows.push(row);
  }
  rows.push([text(labels.retentionNote, "note")]);
  sheet.blocks.push({ topLeft: `A${PERIOD_TITLE_ROW}`, rows });
  if (analysis.latest) {
    const r = firstPeriodRow + analysis.latest.period - range.first;
    sheet.names.push(...latestNames(r, movements !== null));
  }
  return firstPeriodRow + periods + 2;
}

/** Names for the latest complete period's cells, on sheet row r. */
function latestNames(r: number, hasRevenue: boolean): PlanName[] {
  return [
    { name: "Latest_PeriodStart", cell: `A${r}` },
    { name: "Latest_StartCustomers", cell: `B${r}` },
    { name: "Latest_Retention", cell: `H${r}` },
    ...(hasRevenue
      ? [
          { name: "Latest_NRR", cell: `P${r}` },
          { name: "Latest_GRR", cell: `Q${r}` },
        ]
      : []),
  ];
}

/** Period i's revenue movements (columns I–O) and its NRR and GRR (P, Q) on sheet row r. */
function revenueCells(m: RevenueMovementTable, i: number, r: number): PlanCell[] {
  return [
    ...REVENUE_MOVEMENTS.map((column) => value(m[column][i], MONEY)),
    formula(
      `=IF(I${r}=0,"",(I${r}+K${r}-L${r}-M${r})/I${r})`,
      ratio(() => netRevenueRetention(m.start[i], m.expansion[i], m.contraction[i], m.churn[i])),
      PERCENT
    ),
    formula(
      `=IF(I${r}=0,"",(I${r}-L${r}-M${r})/I${r})`,
      ratio(() => grossRevenueRetention(m.start[i], m.contraction[i], m.churn[i])),
      PERCENT
    ),
  ];
}

/**
 * The sBG block from row `top`: α and β as named values and the projection as formulas of them,
 * or why there is no fit. Returns the row the cohort blocks start on.
 */
function addSbgFit(
  sheet: Sheet,
  analysis: AnalysisTables,
  labels: AnalysisLabels,
  fit: CohortSbgFit | string,
  top: number
): number {
  if (typeof fit === "string") {
    sheet.blocks.push({
      topLeft: `A${top}`,
      rows: [[text(labels.sbgTitle, "header")], [text(`${labels.sbgUnavailable}: ${fit}`, "note")]],
    });
    return top + 3;
  }
  const alphaRow = top + 1;
  const betaRow = top + 2;
  sheet.names.push(
    { name: "Sbg_Alpha", cell: `B${alphaRow}` },
    { name: "Sbg_Beta", cell: `B${betaRow}` }
  );
  const horizon = Math.max(analysis.cohorts.ages - 1, 0) + PROJECTION_EXTRA;
  const projectionHeader = top + 7;
  const rows: Row[] = [
    [text(labels.sbgTitle, "header")],
    [text(labels.alpha, "label"), value(fit.alpha, significantFormat(fit.alpha))],
    [text(labels.beta, "label"), value(fit.beta, significantFormat(fit.beta))],
    [text(labels.cohortsFitted, "label"), value(fit.cohorts, COUNT, "label")],
    [
      text(labels.logLikelihood, "label"),
      value(fit.logLikelihood, significantFormat(fit.logLikelihood), "label"),
    ],
    [text(labels.sbgNote, "note")],
    // How far the fit is from the survival it was fitted to (issue 23), where the blank row was.
    fitQualityRow(analysis, fit, labels),
    [
      text(labels.age, "header"),
      text(labels.projectedSurvival, "header"),
      text(labels.projectedRetention, "header"),
    ],
    [value(0, COUNT, "label"), value(1, PERCENT, "output"), null],
    ...projectionRows(fit, alphaRow, betaRow, projectionHeader + 2, horizon),
  ];
  sheet.blocks.push({ topLeft: `A${top}`, rows });
  return projectionHeader + 1 + horizon + 2;
}

/**
 * The fit's mean absolute error against the cohorts' pooled actual survival, in points, with a
 * sentence when it is poor (the pane's sBG view says the same): empty with no age to compare.
 */
function fitQualityRow(analysis: AnalysisTables, fit: CohortSbgFit, labels: AnalysisLabels): Row {
  const actual = pooledSurvivalCurve(cohortSurvivors(analysis));
  const quality = sbgFitQuality(actual, sbgProjection(fit.alpha, fit.beta, actual.length - 1));
  if (quality.ages === 0) return [];
  const sentence = labels.sbgQuality
    .replace("{mae}", quality.meanAbsoluteError.toFixed(1))
    .replace("{max}", quality.maxError.toFixed(1))
    .replace("{age}", String(quality.maxAge));
  return [text(quality.poor ? `${sentence} ${labels.sbgPoorFit}` : sentence, "note")];
}

/** S(t) and r(t) for t = 1 … horizon from sheet row `first` on, as formulas of the α and β cells. */
function projectionRows(
  fit: CohortSbgFit,
  alphaRow: number,
  betaRow: number,
  first: number,
  horizon: number
): Row[] {
  const a = `$B$${alphaRow}`;
  const b = `$B$${betaRow}`;
  const rows: Row[] = [];
  for (let t = 1; t <= horizon; t++) {
    const r = first + t - 1;
    rows.push([
      value(t, COUNT, "label"),
      formula(
        `=B${r - 1}*(${b}+A${r}-1)/(${a}+${b}+A${r}-1)`,
        sbgSurvival(fit.alpha, fit.beta, t),
        PERCENT
      ),
      formula(`=(${b}+A${r}-1)/(${a}+${b}+A${r}-1)`, sbgRetention(fit.alpha, fit.beta, t), PERCENT),
    ]);
  }
  return rows;
}

/**
 * A cohort block from row `top`: its title, the ages 0 … ages − 1 across, then one row per cohort
 * (its start date, then `cell(r, t)` at every observed age, empty after it). The cohorts' rows
 * start at top + 2; the next block starts a row below the last.
 */
function cohortBlock(
  analysis: AnalysisTables,
  labels: AnalysisLabels,
  top: number,
  title: string,
  cell: (r: number, t: number) => PlanCell
): PlanBlock {
  const { cohorts, range } = analysis;
  const { ages } = cohorts;
  const rows: Row[] = [
    [text(title, "header")],
    [
      text(labels.cohort, "header"),
      ...Array.from({ length: ages }, (_, t) => text(String(t), "header")),
    ],
  ];
  for (let r = 0; r < cohorts.cohort.length; r++)
    rows.push([
      value(periodStart(cohorts.cohort[r], range.unit), DATE, "label"),
      ...Array.from({ length: ages }, (_, t) =>
        Number.isFinite(cohortCell(cohorts, "customers", r, t)) ? cell(r, t) : null
      ),
    ]);
  return { topLeft: `A${top}`, rows };
}

/** Where the block after a cohort block starting at `top` starts. */
const afterCohortBlock = (analysis: AnalysisTables, top: number) =>
  top + 3 + analysis.cohorts.cohort.length;

/**
 * Two cohort blocks from row `top`: a measure's values, then each value as a share of its
 * cohort's first (age 0) value, as formulas over them; with `guardZero`, "" where that is 0.
 * Returns the shares' first row and the row after them.
 */
function addValuesAndShares(
  sheet: Sheet,
  analysis: AnalysisTables,
  labels: AnalysisLabels,
  top: number,
  values: { measure: CohortMeasure; format: NumberFormat; title: string },
  shares: { measure: CohortMeasure; title: string; guardZero: boolean }
): { sharesFirst: number; next: number } {
  const { cohorts } = analysis;
  const valuesFirst = top + 2;
  const sharesTop = afterCohortBlock(analysis, top);
  sheet.blocks.push(
    cohortBlock(analysis, labels, top, values.title, (r, t) =>
      value(cohortCell(cohorts, values.measure, r, t), values.format)
    ),
    cohortBlock(analysis, labels, sharesTop, shares.title, (r, t) => {
      const source = valuesFirst + r;
      const share = `${columnLetter(t + 1)}${source}/$B${source}`;
      return formula(
        shares.guardZero ? `=IF($B${source}=0,"",${share})` : `=${share}`,
        cohortCell(cohorts, shares.measure, r, t),
        PERCENT
      );
    })
  );
  return { sharesFirst: sharesTop + 2, next: afterCohortBlock(analysis, sharesTop) };
}

/**
 * The cohorts' customers and their shares of the cohort's size under the heat map, and the
 * chart of the oldest cohorts' curves. Returns the row after them.
 */
function addCohortCustomers(
  sheet: Sheet,
  analysis: AnalysisTables,
  labels: AnalysisLabels,
  top: number,
  position: PlanChart["position"],
  chartCohorts: number
): number {
  const { sharesFirst, next } = addValuesAndShares(
    sheet,
    analysis,
    labels,
    top,
    { measure: "customers", format: COUNT, title: labels.cohortCustomers },
    { measure: "share", title: labels.cohortShares, guardZero: false }
  );
  addHeatMapAndChart(sheet, analysis, labels, sharesFirst, position, chartCohorts);
  return next;
}

/** The colour scale over the shares (rows from `sharesFirst`) and the line chart of the oldest. */
function addHeatMapAndChart(
  sheet: Sheet,
  analysis: AnalysisTables,
  labels: AnalysisLabels,
  sharesFirst: number,
  position: PlanChart["position"],
  chartCohorts: number
): void {
  const { cohorts } = analysis;
  const cohortCount = cohorts.cohort.length;
  if (cohortCount > 0 && cohorts.ages > 0) {
    const lastColumn = columnLetter(cohorts.ages); // ages 0 … ages − 1 sit in columns B onwards
    sheet.conditionalFormats.push({
      kind: "colorScale",
      range: `B${sharesFirst}:${lastColumn}${sharesFirst + cohortCount - 1}`,
      colors: { ...HEAT_MAP_COLORS },
    });
    const charted = Math.min(cohortCount, chartCohorts);
    sheet.charts.push({
      kind: "line",
      title: labels.chartTitle,
      dataRange: `B${sharesFirst - 1}:${lastColumn}${sharesFirst - 1 + charted}`,
      seriesBy: "rows",
      seriesNames: Array.from({ length: charted }, (_, r) => cohortName(analysis, r)),
      position,
    });
  }
}

/** The cohorts' revenue and its share of their first period's ("" where that is 0). */
function addCohortRevenue(
  sheet: Sheet,
  analysis: AnalysisTables,
  labels: AnalysisLabels,
  top: number
): void {
  addValuesAndShares(
    sheet,
    analysis,
    labels,
    top,
    { measure: "revenue", format: MONEY, title: labels.cohortRevenue },
    { measure: "revenueShare", title: labels.cohortRevenueShares, guardZero: true }
  );
}

/** The model's ratio, or NaN where it is undefined (the sheet's guard shows ""). */
function ratio(compute: () => number): number {
  try {
    return compute();
  } catch {
    return NaN;
  }
}

function tryFit(analysis: AnalysisTables): CohortSbgFit | string {
  try {
    return fitCohortSbg(cohortSurvivors(analysis));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** A cohort's name in the chart's legend: the ISO date its period starts on. */
function cohortName(analysis: AnalysisTables, row: number): string {
  return isoTextFromSerial(periodStart(analysis.cohorts.cohort[row], analysis.range.unit));
}

/** Beside the sBG block (whose projection uses columns A–C), below the period table. */
function chartPosition(sbgTop: number): PlanChart["position"] {
  return { from: cellRef(sbgTop - 1, 4), to: cellRef(sbgTop + 18, 11) };
}
