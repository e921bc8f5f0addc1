/**
 * The worker's reading of CSV files and text (analysis-engine.ts, run in-process): a file read
 * whole and decoded once (UTF-8, or UTF-16 by its byte-order mark; CRLF or LF lines), text parsed
 * in many pieces, progress posted about 25 times ending at 1, and a bad cell far into the text
 * named by its line. Each view is checked against the model fed directly, row by row, from rows
 * split by hand here (the files have no quotes). And the sBG fit, once in the worker: the view's
 * fits and the analysis sheet's are the same, checked against plain loops.
 */
import { readFileSync } from "fs";
import path from "path";
import { isDeepStrictEqual } from "util";
import { DataAnalysis, OrdersAnalysis } from "../../../src/model/history/analysis";
import {
  cohortSbgFits,
  cohortSurvivors,
  fitCohortSbg,
} from "../../../src/model/history/cohort-survivors";
import * as sbgFit from "../../../src/model/sbg/sbg-fit";
import {
  analysisPlan,
  CHINESE_ANALYSIS_LABELS,
  ENGLISH_ANALYSIS_LABELS,
} from "../../../src/report/plans/analysis-plan";
import { planCells, SheetPlan } from "../../../src/report/sheet-plan";
import { analyse, createAnalysisEngine } from "../../../src/taskpane/worker/analysis-engine";
import { analysisView } from "../../../src/taskpane/worker/analysis-view";
import type {
  AnalysisSettings,
  AnalysisView,
  TableSource,
  WorkerResponse,
} from "../../../src/taskpane/worker/protocol";

const SAMPLE = readFileSync(path.resolve(__dirname, "../../../samples/orders.csv"), "utf8");

const SETTINGS: AnalysisSettings = {
  shape: "orders",
  columns: { customer: 0, date: 1, amount: 2, start: -1, end: -1, revenue: -1 },
  hasHeader: true,
  dateFormat: null,
  unit: "month",
  window: 1,
};

/** The model fed directly from lines split by hand. */
function modelAnalysis(text: string): DataAnalysis {
  const lines = text
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  const analysis = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
  for (let i = 1; i < lines.length; i++) {
    const [id, date, amount] = lines[i].split(",");
    analysis.add(i + 1, id, date, amount);
  }
  return analysis.finish();
}

/** The reference view: the model fed directly (as analysis number 0). */
function modelView(text: string): AnalysisView {
  const analysis = modelAnalysis(text);
  return analysisView(0, analysis, cohortSbgFits(cohortSurvivors(analysis)));
}

/** Orders enough for hundreds of 64 KB pieces; ids in Chinese and Latin text, some amounts blank. */
function bigText(rows: number): string {
  const lines = ["客户,日期,金额"];
  for (let i = 0; i < rows; i++) {
    const customer = (i * 7919) % 5000;
    const id = customer % 3 === 0 ? `客户${customer}` : `C-${customer}`;
    const day = new Date(Date.UTC(2023, 0, 1 + ((i * 37 + customer) % 700)));
    const amount = i % 11 === 0 ? "" : (5 + ((i * 13) % 300) / 4).toFixed(2);
    lines.push(`${id},${day.toISOString().slice(0, 10)},${amount}`);
  }
  return lines.join("\n") + "\n";
}

async function viewOf(source: TableSource) {
  const progress: [number, number | null][] = [];
  const { analysis } = await analyse(source, [], SETTINGS, (rows, fraction) =>
    progress.push([rows, fraction])
  );
  const view = analysisView(0, analysis, cohortSbgFits(cohortSurvivors(analysis)));
  return { view, progress };
}

const utf16le = (text: string) => {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
  }
  return bytes;
};

describe("reading a CSV in the worker", () => {
  test("the sample as text and as files (UTF-8, UTF-8 with a BOM, CRLF, UTF-16) gives the model's view", async () => {
    const expected = modelView(SAMPLE);
    const sources: [string, TableSource][] = [
      ["text", { kind: "text", text: SAMPLE }],
      ["UTF-8 file", { kind: "file", file: new File([SAMPLE], "orders.csv") }],
      ["BOM", { kind: "file", file: new File(["\uFEFF" + SAMPLE], "orders.csv") }],
      ["CRLF", { kind: "file", file: new File([SAMPLE.replace(/\n/g, "\r\n")], "orders.csv") }],
      ["UTF-16", { kind: "file", file: new File([utf16le(SAMPLE)], "orders.csv") }],
    ];
    for (const [name, source] of sources) {
      const { view } = await viewOf(source);
      expect([name, isDeepStrictEqual(view, expected)]).toEqual([name, true]);
    }
    expect(expected.rows).toBe(SAMPLE.trim().split("\n").length - 1);
  });

  test("a text of hundreds of pieces: the model's view, about 25 progress posts ending at 1", async () => {
    const text = bigText(120_000);
    expect(text.length).toBeGreaterThan(40 * 64 * 1024);
    const expected = modelView(text);
    for (const source of [
      { kind: "text", text },
      { kind: "file", file: new File([text], "orders.csv") },
    ] as TableSource[]) {
      const { view, progress } = await viewOf(source);
      expect(isDeepStrictEqual(view, expected)).toBe(true);
      expect(view.rows).toBe(120_000);
      expect(progress.length).toBeGreaterThan(10);
      expect(progress.length).toBeLessThanOrEqual(26);
      // Rows read: the header and the orders (the newline ending the last starts no row).
      expect(progress[progress.length - 1]).toEqual([120_001, 1]);
      for (let i = 1; i < progress.length; i++)
        expect(progress[i][1]!).toBeGreaterThan(progress[i - 1][1]!);
    }
  });

  test("a bad cell far into a file is named by its line, and the engine answers once", async () => {
    const lines = bigText(50_000).split("\n");
    lines[43_210] = "C-1,2024-02-30,5"; // line 43,211 of the file
    const messages: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m) => messages.push(m));
    const file = new File([lines.join("\n")], "orders.csv");
    await handle({ type: "analyse", id: 3, source: { kind: "file", file }, settings: SETTINGS });
    const answers = messages.filter((m) => m.type !== "progress");
    expect(answers).toEqual([
      expect.objectContaining({
        type: "failed",
        id: 3,
        message: expect.stringContaining("row 43,211: '2024-02-30' is not a date"),
      }),
    ]);
  });

  test("the first rows of a text, for the column match", async () => {
    const messages: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m) => messages.push(m));
    await handle({ type: "inspect", id: 1, source: { kind: "text", text: SAMPLE }, rows: 3 });
    const firstLines = SAMPLE.split("\n").slice(0, 3);
    expect(messages).toEqual([
      { type: "inspected", id: 1, rows: firstLines.map((l) => l.split(",")) },
    ]);
  });
});

/** The number in a plan's cell named `name` (the sheet's defined names). */
function namedValue(plan: SheetPlan, name: string): number {
  const ref = plan.names!.find((n) => n.name === name)!.cell;
  const cell = [...planCells(plan)].find((c) => c.ref === ref)!.cell;
  if (cell.kind !== "number") throw new Error(`${name} is not a number cell`);
  return cell.value;
}

/** S(t) = Π_{j<t} (β+j)/(α+β+j), by the product itself. */
function survivalAt(alpha: number, beta: number, t: number): number {
  let s = 1;
  for (let j = 0; j < t; j++) s *= (beta + j) / (alpha + beta + j);
  return s;
}

describe("the sBG fit, once in the worker", () => {
  afterEach(() => jest.restoreAllMocks());

  test("each holdout's fit is computed once while analysing, and the sheet writes the view's", async () => {
    const fits = jest.spyOn(sbgFit, "fitSbgCohorts");
    const messages: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m, transfer) =>
      messages.push(structuredClone(m, { transfer: transfer ?? [] }))
    );
    await handle({
      type: "analyse",
      id: 1,
      source: { kind: "text", text: SAMPLE },
      settings: SETTINGS,
    });
    const view = (messages.find((m) => m.type === "analysed") as { view: AnalysisView }).view;
    const { actual, fits: shown } = view.sbg;
    expect(shown.length).toBeGreaterThan(1);
    expect(fits).toHaveBeenCalledTimes(shown.length);

    // The model's survivor rows, cut before each holdout by hand, give each fit the view shows.
    const rows = cohortSurvivors(modelAnalysis(SAMPLE));
    const periods = actual.length - 1;
    expect(shown.length).toBe(Math.min(12, periods - 2) + 1);
    shown.forEach((s, h) => {
      const expected = fitCohortSbg(rows.map((row) => row.slice(0, periods - h + 1)));
      expect(s.error).toBeNull();
      expect(s.fit!.alpha).toBeCloseTo(expected.alpha, 10);
      expect(s.fit!.beta).toBeCloseTo(expected.beta, 10);
      expect(s.fit!.cohorts).toBe(expected.cohorts);
      // The curve drawn is S(t) of that fit, at every age the data has.
      expect(s.fitted).toHaveLength(periods + 1);
      s.fitted.forEach((v, t) =>
        expect(v).toBeCloseTo(survivalAt(s.fit!.alpha, s.fit!.beta, t), 12)
      );
    });
    // The actual curve: survivors pooled over the cohorts observed at each next age.
    let curve = 1;
    for (let j = 0; j < periods; j++) {
      let atRisk = 0;
      let renewed = 0;
      for (const row of rows)
        if (row.length > j + 1 && row[0] > 0) {
          atRisk += row[j];
          renewed += row[j + 1];
        }
      expect(actual[j]).toBeCloseTo(curve, 12);
      curve *= renewed / atRisk;
    }
    expect(actual[periods]).toBeCloseTo(curve, 12);

    // The sheet is written with the fit the view showed, without fitting again.
    fits.mockClear();
    const plans: SheetPlan[] = [];
    for (const language of ["en", "zh-CN"] as const) {
      await handle({ type: "plan", id: 2, language });
      const planned = messages[messages.length - 1];
      expect(planned.type).toBe("planned");
      const plan = (planned as { plan: SheetPlan }).plan;
      expect(namedValue(plan, "Sbg_Alpha")).toBe(shown[0].fit!.alpha);
      expect(namedValue(plan, "Sbg_Beta")).toBe(shown[0].fit!.beta);
      plans.push(plan);
    }
    expect(fits).not.toHaveBeenCalled();
    // Each is the sheet the plan writes from the model's own analysis, in that language's labels.
    const model = modelAnalysis(SAMPLE);
    expect(plans).toEqual([
      analysisPlan(model, { labels: ENGLISH_ANALYSIS_LABELS }),
      analysisPlan(model, { labels: CHINESE_ANALYSIS_LABELS }),
    ]);
  });

  test("data with no fit: the view says why, as the sheet does", async () => {
    const messages: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m) => messages.push(m));
    // One month of orders: no cohort observed past its first period.
    const text = "customer,date,amount\nA,2024-01-03,10\nB,2024-01-09,20\n";
    await handle({ type: "analyse", id: 1, source: { kind: "text", text }, settings: SETTINGS });
    const view = (messages.find((m) => m.type === "analysed") as { view: AnalysisView }).view;
    expect(Array.from(view.sbg.actual)).toEqual([1]);
    expect(view.sbg.fits).toEqual([
      {
        fit: null,
        fitted: new Float64Array(0),
        error: "no cohort has been observed for a period after its first",
      },
    ]);
  });
});
