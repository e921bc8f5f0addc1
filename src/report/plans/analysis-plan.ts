/**
 * The "Cohort analysis" sheet as a plan ("Write analysis to sheet", "Download .xlsx" and the
 * `cohorts` command): the data's aggregates as values, everything derived from them as native
 * formulas, the sBG fit as live cells.
 *
 * Blocks, top to bottom (column A holds the labels and period dates):
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
import { cohortCell } from "../../model/history/cohorts";
import { cohortSurvivors, fitCohortSbg } from "../../model/history/cohort-survivors";
import { isoTextFromSerial } from "../../model/reading/excel-dates";
import { periodRetentionRate } from "../../model/history/period-retention";
import { periodStart } from "../../model/history/periods";
import { grossRevenueRetention, netRevenueRetention } from "../../model/economics/revenue-retention";
import { retention as sbgRetention, survival as sbgSurvival } from "../../model/sbg/sbg-curve";
import { AnalysisLabels, ENGLISH_ANALYSIS_LABELS } from "./analysis-labels";
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

export { ENGLISH_ANALYSIS_LABELS, CHINESE_ANALYSIS_LABELS } from "./analysis-labels";
export type { AnalysisLabels } from "./analysis-labels";

export interface AnalysisPlanOptions {
  labels?: AnalysisLabels;
  /** The sheet's preferred name (default: labels.sheetName); renderers make it unique. */
  sheetName?: string;
  /** How many cohorts (the oldest first) the line chart draws; default 24. */
  chartCohorts?: number;
}

/** Excel's last column is XFD (16,384); the cohort blocks need one column per age plus the label. */
const MAX_COLUMNS = 16_384;
/** Beyond this many cohort cells per block the sheet is too big to be useful: choose a longer period. */
export const MAX_COHORT_CELLS = 2_000_000;
/** Projected periods beyond the oldest cohort's age. */
const PROJECTION_EXTRA = 12;

export const HEAT_MAP_COLORS = { min: "#F8696B", mid: "#FFEB84", max: "#63BE7B" } as const;

const COUNT: NumberFormat = { kind: "count" };
const PERCENT: NumberFormat = { kind: "percent" };
const DATE: NumberFormat = { kind: "date" };
const MONEY: NumberFormat = { kind: "decimal" };
const GENERAL: NumberFormat = { kind: "general" };

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

/** The sheet for an analysis. Throws when the cohort blocks cannot fit a sheet. */
export function analysisPlan(
  analysis: AnalysisTables,
  options: AnalysisPlanOptions = {}
): SheetPlan {
  const labels = options.labels ?? ENGLISH_ANALYSIS_LABELS;
  const { retention, cohorts, movements, range } = analysis;
  const periods = retention.start.length;
  const ages = cohorts.ages;
  if (ages + 1 > MAX_COLUMNS || cohorts.cohort.length * ages > MAX_COHORT_CELLS)
    throw new Error(
      `${cohorts.cohort.length} cohorts × ${ages} periods do not fit a sheet (at most ${MAX_COHORT_CELLS.toLocaleString("en-US")} cells per cohort block): choose a longer period`
    );
  const blocks: PlanBlock[] = [];
  const names: PlanName[] = [];
  const conditionalFormats: PlanColorScale[] = [];
  const charts: PlanChart[] = [];

  // ---- header ----
  blocks.push({
    topLeft: "A1",
    rows: [
      [text(labels.title, "title")],
      [
        text(labels.data, "label"),
        text(analysis.shape === "orders" ? labels.shapeOrders : labels.shapeSubscriptions),
      ],
      [text(labels.period, "label"), text(labels.units[range.unit])],
      [text(labels.window, "label"), value(analysis.window, COUNT, "label")],
      [text(labels.observedThrough, "label"), value(analysis.lastDay, DATE, "label")],
      [text(labels.rows, "label"), value(analysis.rows, COUNT, "label")],
      [text(labels.customers, "label"), value(analysis.ids.count, COUNT, "label")],
      [text(labels.hint, "note")],
    ],
  });

  // ---- period retention ----
  const periodTitleRow = 10; // 1-based
  const firstPeriodRow = periodTitleRow + 2;
  const hasRevenue = movements !== null;
  const periodHeader = [
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
  const periodRows: (PlanCell | null)[][] = [
    [text(labels.periodTable, "header")],
    periodHeader.map((h) => text(h, "header")),
  ];
  for (let i = 0; i < periods; i++) {
    const r = firstPeriodRow + i;
    const row: (PlanCell | null)[] = [
      value(periodStart(range.first + i, range.unit), DATE, "label"),
      value(retention.start[i], COUNT),
      value(retention.won[i], COUNT),
      value(retention.end[i], COUNT),
      value(retention.kept[i], COUNT),
      value(retention.reactivated[i], COUNT),
      value(retention.churned[i], COUNT),
      formula(`=IF(B${r}=0,"",(D${r}-C${r})/B${r})`, periodRetentionRate(retention, i), PERCENT),
    ];
    if (movements) {
      const m = movements;
      row.push(
        value(m.start[i], MONEY),
        value(m.won[i], MONEY),
        value(m.expansion[i], MONEY),
        value(m.contraction[i], MONEY),
        value(m.churn[i], MONEY),
        value(m.reactivation[i], MONEY),
        value(m.end[i], MONEY),
        formula(
          `=IF(I${r}=0,"",(I${r}+K${r}-L${r}-M${r})/I${r})`,
          ratio(() =>
            netRevenueRetention(m.start[i], m.expansion[i], m.contraction[i], m.churn[i])
          ),
          PERCENT
        ),
        formula(
          `=IF(I${r}=0,"",(I${r}-L${r}-M${r})/I${r})`,
          ratio(() => grossRevenueRetention(m.start[i], m.contraction[i], m.churn[i])),
          PERCENT
        )
      );
    }
    periodRows.push(row);
  }
  periodRows.push([text(labels.retentionNote, "note")]);
  blocks.push({ topLeft: `A${periodTitleRow}`, rows: periodRows });
  if (analysis.latest) {
    const r = firstPeriodRow + analysis.latest.period - range.first;
    names.push({ name: "Latest_PeriodStart", cell: `A${r}` });
    names.push({ name: "Latest_StartCustomers", cell: `B${r}` });
    names.push({ name: "Latest_Retention", cell: `H${r}` });
    if (hasRevenue) {
      names.push({ name: "Latest_NRR", cell: `P${r}` });
      names.push({ name: "Latest_GRR", cell: `Q${r}` });
    }
  }

  // ---- sBG fit ----
  const sbgTop = firstPeriodRow + periods + 2;
  let next = sbgTop;
  const fit = tryFit(analysis);
  if (typeof fit === "string") {
    blocks.push({
      topLeft: `A${sbgTop}`,
      rows: [[text(labels.sbgTitle, "header")], [text(`${labels.sbgUnavailable}: ${fit}`, "note")]],
    });
    next = sbgTop + 3;
  } else {
    const alphaRow = sbgTop + 1;
    const betaRow = sbgTop + 2;
    const a = `$B$${alphaRow}`;
    const b = `$B$${betaRow}`;
    names.push(
      { name: "Sbg_Alpha", cell: `B${alphaRow}` },
      { name: "Sbg_Beta", cell: `B${betaRow}` }
    );
    const horizon = Math.max(ages - 1, 0) + PROJECTION_EXTRA;
    const projectionHeader = sbgTop + 7;
    const rows: (PlanCell | null)[][] = [
      [text(labels.sbgTitle, "header")],
      [text(labels.alpha, "label"), value(fit.alpha, GENERAL)],
      [text(labels.beta, "label"), value(fit.beta, GENERAL)],
      [text(labels.cohortsFitted, "label"), value(fit.cohorts, COUNT, "label")],
      [text(labels.logLikelihood, "label"), value(fit.logLikelihood, GENERAL, "label")],
      [text(labels.sbgNote, "note")],
      [],
      [
        text(labels.age, "header"),
        text(labels.projectedSurvival, "header"),
        text(labels.projectedRetention, "header"),
      ],
      [value(0, COUNT, "label"), value(1, PERCENT, "output"), null],
    ];
    for (let t = 1; t <= horizon; t++) {
      const r = projectionHeader + 1 + t;
      rows.push([
        value(t, COUNT, "label"),
        formula(
          `=B${r - 1}*(${b}+A${r}-1)/(${a}+${b}+A${r}-1)`,
          sbgSurvival(fit.alpha, fit.beta, t),
          PERCENT
        ),
        formula(
          `=(${b}+A${r}-1)/(${a}+${b}+A${r}-1)`,
          sbgRetention(fit.alpha, fit.beta, t),
          PERCENT
        ),
      ]);
    }
    blocks.push({ topLeft: `A${sbgTop}`, rows });
    next = projectionHeader + 1 + horizon + 2;
  }

  // ---- cohort blocks ----
  const cohortCount = cohorts.cohort.length;
  const lastColumn = columnLetter(ages); // ages 0 … ages − 1 sit in columns B onwards
  const ageHeader = (title: string): (PlanCell | null)[][] => [
    [text(title, "header")],
    [
      text(labels.cohort, "header"),
      ...Array.from({ length: ages }, (_, t) => text(String(t), "header")),
    ],
  ];
  const cohortDate = (r: number) =>
    value(periodStart(cohorts.cohort[r], range.unit), DATE, "label");
  const observed = (r: number, t: number) =>
    Number.isFinite(cohortCell(cohorts, "customers", r, t));

  // Counts, as values.
  const countsTop = next;
  const countsFirst = countsTop + 2;
  const countRows = ageHeader(labels.cohortCustomers);
  for (let r = 0; r < cohortCount; r++)
    countRows.push([
      cohortDate(r),
      ...Array.from({ length: ages }, (_, t) =>
        observed(r, t) ? value(cohortCell(cohorts, "customers", r, t), COUNT) : null
      ),
    ]);
  blocks.push({ topLeft: `A${countsTop}`, rows: countRows });

  // Shares, as formulas over the counts, under the heat map.
  const sharesTop = countsFirst + cohortCount + 1;
  const sharesFirst = sharesTop + 2;
  const shareRows = ageHeader(labels.cohortShares);
  for (let r = 0; r < cohortCount; r++) {
    const source = countsFirst + r;
    shareRows.push([
      cohortDate(r),
      ...Array.from({ length: ages }, (_, t) =>
        observed(r, t)
          ? formula(
              `=${columnLetter(t + 1)}${source}/$B${source}`,
              cohortCell(cohorts, "share", r, t),
              PERCENT
            )
          : null
      ),
    ]);
  }
  blocks.push({ topLeft: `A${sharesTop}`, rows: shareRows });
  if (cohortCount > 0 && ages > 0) {
    conditionalFormats.push({
      kind: "colorScale",
      range: `B${sharesFirst}:${lastColumn}${sharesFirst + cohortCount - 1}`,
      colors: { ...HEAT_MAP_COLORS },
    });
    const charted = Math.min(cohortCount, options.chartCohorts ?? 24);
    charts.push({
      kind: "line",
      title: labels.chartTitle,
      dataRange: `B${sharesFirst - 1}:${lastColumn}${sharesFirst - 1 + charted}`,
      seriesBy: "rows",
      seriesNames: Array.from({ length: charted }, (_, r) => cohortName(analysis, r)),
      position: chartPosition(sbgTop),
    });
  }
  next = sharesFirst + cohortCount + 1;

  if (hasRevenue) {
    const revenueTop = next;
    const revenueFirst = revenueTop + 2;
    const revenueRows = ageHeader(labels.cohortRevenue);
    for (let r = 0; r < cohortCount; r++)
      revenueRows.push([
        cohortDate(r),
        ...Array.from({ length: ages }, (_, t) =>
          observed(r, t) ? value(cohortCell(cohorts, "revenue", r, t), MONEY) : null
        ),
      ]);
    blocks.push({ topLeft: `A${revenueTop}`, rows: revenueRows });
    const revenueSharesTop = revenueFirst + cohortCount + 1;
    const revenueShareRows = ageHeader(labels.cohortRevenueShares);
    for (let r = 0; r < cohortCount; r++) {
      const source = revenueFirst + r;
      revenueShareRows.push([
        cohortDate(r),
        ...Array.from({ length: ages }, (_, t) => {
          if (!observed(r, t)) return null;
          const share = cohortCell(cohorts, "revenueShare", r, t);
          return formula(
            `=IF($B${source}=0,"",${columnLetter(t + 1)}${source}/$B${source})`,
            share,
            PERCENT
          );
        }),
      ]);
    }
    blocks.push({ topLeft: `A${revenueSharesTop}`, rows: revenueShareRows });
  }

  const columnWidths: Record<string, number> = { A: 26 };
  const widest = Math.max(periodHeader.length, ages + 1);
  for (let c = 1; c < Math.min(widest, 60); c++) columnWidths[columnLetter(c)] = 12;
  return {
    sheetName: options.sheetName ?? labels.sheetName,
    blocks,
    names,
    columnWidths,
    charts,
    conditionalFormats,
    print: { orientation: widest > 10 ? "landscape" : "portrait" },
  };
}

/** The model's ratio, or NaN where it is undefined (the sheet's guard shows ""). */
function ratio(compute: () => number): number {
  try {
    return compute();
  } catch {
    return NaN;
  }
}

function tryFit(analysis: AnalysisTables): ReturnType<typeof fitCohortSbg> | string {
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
