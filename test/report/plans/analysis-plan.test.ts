/**
 * The "Cohort analysis" plan: every formula, evaluated over the plan's own cells, gives the
 * model's value; the sheet's figures match a brute-force count over the rows (plain loops, written
 * here); α and β are live; cells after the last period are empty; names point at their cells.
 */
import fc from "fast-check";
import { DataAnalysis } from "../../../src/model/history/analysis";
import { isoTextFromSerial } from "../../../src/model/reading/excel-dates";
import { cohortSurvivors, fitCohortSbg } from "../../../src/model/history/cohort-survivors";
import { survival } from "../../../src/model/sbg/sbg-curve";
import { fitSbgCohorts } from "../../../src/model/sbg/sbg-fit";
import { analysisPlan, CHINESE_ANALYSIS_LABELS } from "../../../src/report/plans/analysis-plan";
import { renderPlanToHtml } from "../../../src/report/renderers/render-html";
import { cellAt, parseCellRef, planCells, SheetPlan } from "../../../src/report/sheet-plan";
import { PlanEvaluator } from "../../support/formula-evaluator";
import {
  ordersAnalysis,
  sampleOrders,
  sampleSubscriptions,
  syntheticOrderRows,
} from "../analysis-support";

function expectFormulasMatch(plan: SheetPlan): number {
  const evaluator = new PlanEvaluator(plan);
  let checked = 0;
  for (const { ref, cell } of planCells(plan)) {
    if (cell.kind !== "formula") continue;
    const actual = evaluator.value(ref);
    if (cell.expectedText !== undefined) expect([ref, actual]).toEqual([ref, cell.expectedText]);
    else {
      expect(typeof actual).toBe("number");
      const scale = Math.max(Math.abs(cell.expected), 1e-300);
      if (Math.abs((actual as number) - cell.expected) > 1e-12 * scale)
        throw new Error(`${ref} ${cell.formula}: evaluates to ${actual}, model ${cell.expected}`);
    }
    checked++;
  }
  return checked;
}

const nameOf = (plan: SheetPlan, name: string) => plan.names.find((n) => n.name === name)?.cell;

/** Row (1-based) of the first cell in column A holding `text`. */
function rowOfText(plan: SheetPlan, text: string): number {
  for (const { ref, cell } of planCells(plan))
    if (cell.kind === "text" && cell.text === text && ref.startsWith("A"))
      return parseCellRef(ref).row + 1;
  throw new Error(`no ${text}`);
}

/** Brute force over rows [id, ISO date, amount] (month periods, window 1). */
function bruteForce(rows: string[][], withAmounts: boolean) {
  const monthOf = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
  const active = new Map<string, Set<number>>();
  const revenue = new Map<string, Map<number, number>>();
  let first = Infinity;
  let last = -Infinity;
  for (const [id, date, amount] of rows) {
    const m = monthOf(date);
    first = Math.min(first, m);
    last = Math.max(last, m);
    if (!active.has(id)) active.set(id, new Set());
    if (!revenue.has(id)) revenue.set(id, new Map());
    // Without an amount column every row is an order; with one, a refund alone is not activity.
    if (!withAmounts || !(Number(amount) < 0)) active.get(id)!.add(m);
    revenue.get(id)!.set(m, (revenue.get(id)!.get(m) ?? 0) + Number(amount));
  }
  const cohortOf = new Map<string, number>();
  for (const [id, months] of active) if (months.size > 0) cohortOf.set(id, Math.min(...months));
  const endCount = (m: number) => [...active.values()].filter((s) => s.has(m)).length;
  const newCount = (m: number) => [...cohortOf.values()].filter((c) => c === m).length;
  const retention: { s: number; n: number; e: number }[] = [];
  for (let m = first; m <= last; m++)
    retention.push({ s: m === first ? 0 : endCount(m - 1), n: newCount(m), e: endCount(m) });
  const share = (cohort: number, age: number) => {
    const members = [...cohortOf].filter(([, c]) => c === cohort).map(([id]) => id);
    return members.filter((id) => active.get(id)!.has(cohort + age)).length / members.length;
  };
  const cohortRevenue = (cohort: number, age: number) =>
    [...cohortOf]
      .filter(([, c]) => c === cohort)
      .reduce((sum, [id]) => sum + (revenue.get(id)!.get(cohort + age) ?? 0), 0);
  const cohorts = [...new Set(cohortOf.values())].sort((a, b) => a - b);
  /** Survivors at each age: the cohort's customers whose last active month is that late. */
  const survivors = (cohort: number) =>
    Array.from(
      { length: last - cohort + 1 },
      (_, age) =>
        [...cohortOf].filter(
          ([id, c]) => c === cohort && Math.max(...active.get(id)!) >= cohort + age
        ).length
    );
  return { first, last, retention, share, cohortRevenue, cohorts, survivors };
}

describe("analysisPlan", () => {
  it("evaluates every formula to the model's value (sample orders and subscriptions, every unit)", () => {
    let checked = 0;
    for (const analysis of [
      sampleOrders("month"),
      sampleOrders("quarter", 2),
      sampleOrders("week"),
      sampleSubscriptions("month"),
      sampleSubscriptions("year"),
    ])
      checked += expectFormulasMatch(analysisPlan(analysis));
    expect(checked).toBeGreaterThan(5000);
  });

  it("matches a brute-force count over the rows: period table, retention, shares and revenue", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, withAmounts) => {
        const rows = syntheticOrderRows(seed, 25, 7);
        const plan = analysisPlan(ordersAnalysis(rows, "month", withAmounts));
        const truth = bruteForce(rows, withAmounts);
        const evaluator = new PlanEvaluator(plan);
        const firstRow = rowOfText(plan, "Period retention") + 2;
        truth.retention.forEach(({ s, n, e }, i) => {
          const r = firstRow + i;
          expect([evaluator.number(`B${r}`), evaluator.number(`C${r}`)]).toEqual([s, n]);
          expect(evaluator.number(`D${r}`)).toBe(e);
          if (s === 0) expect(evaluator.value(`H${r}`)).toBe("");
          else expect(evaluator.number(`H${r}`)).toBeCloseTo((e - n) / s, 12);
        });
        const sharesFirst = rowOfText(plan, "Share of each cohort active (heat map)") + 2;
        truth.cohorts.forEach((cohort, k) => {
          const observed = truth.last - cohort + 1;
          for (let age = 0; age < truth.last - truth.first + 1; age++) {
            const ref = `${String.fromCharCode(66 + age)}${sharesFirst + k}`;
            if (age >= observed) expect(cellAt(plan, ref)).toBeUndefined();
            else expect(evaluator.number(ref)).toBeCloseTo(truth.share(cohort, age), 12);
          }
        });
        if (withAmounts) {
          const revenueFirst =
            rowOfText(plan, "Revenue by cohort and periods since acquisition") + 2;
          truth.cohorts.forEach((cohort, k) => {
            for (let age = 0; age <= truth.last - cohort; age++)
              expect(
                evaluator.number(`${String.fromCharCode(66 + age)}${revenueFirst + k}`)
              ).toBeCloseTo(truth.cohortRevenue(cohort, age), 6);
          });
        } else {
          expect(() =>
            rowOfText(plan, "Revenue by cohort and periods since acquisition")
          ).toThrow();
          expect(cellAt(plan, `P${firstRow}`)).toBeUndefined();
        }
      }),
      { numRuns: 25 }
    );
  });

  it("has live α and β: S(t) = S(t−1)·(β+t−1)/(α+β+t−1) follows an edit of either", () => {
    const analysis = sampleOrders();
    const plan = analysisPlan(analysis);
    const alphaCell = nameOf(plan, "Sbg_Alpha")!;
    const betaCell = nameOf(plan, "Sbg_Beta")!;
    const fit = fitCohortSbg(cohortSurvivors(analysis));
    expect(cellAt(plan, alphaCell)).toMatchObject({ kind: "number", value: fit.alpha });
    expect(cellAt(plan, betaCell)).toMatchObject({ kind: "number", value: fit.beta });
    const evaluator = new PlanEvaluator(plan);
    const top = rowOfText(plan, "Periods since acquisition") + 1;
    evaluator.setNumber(alphaCell, 0.7);
    evaluator.setNumber(betaCell, 2.5);
    for (let t = 0; t <= analysis.cohorts.ages + 11; t++)
      expect(evaluator.number(`B${top + t}`)).toBeCloseTo(survival(0.7, 2.5, t), 12);
    expect(cellAt(plan, `B${top + analysis.cohorts.ages + 12}`)).toBeUndefined();
    expect(evaluator.number(`C${top + 3}`)).toBeCloseTo((2.5 + 2) / (0.7 + 2.5 + 2), 14);
  });

  it("fits α and β to the brute-force survivors triangle (one fit across cohorts)", () => {
    for (const seed of [3, 17, 29]) {
      const rows = syntheticOrderRows(seed, 80, 12);
      const plan = analysisPlan(ordersAnalysis(rows, "month", true));
      const truth = bruteForce(rows, true);
      const fit = fitSbgCohorts(
        truth.cohorts.map((c) => truth.survivors(c)).filter((row) => row.length >= 2)
      );
      expect(cellAt(plan, nameOf(plan, "Sbg_Alpha")!)).toMatchObject({ value: fit.alpha });
      expect(cellAt(plan, nameOf(plan, "Sbg_Beta")!)).toMatchObject({ value: fit.beta });
    }
  });

  it("names the key cells and points them at the latest complete period", () => {
    const analysis = sampleSubscriptions();
    const plan = analysisPlan(analysis);
    const evaluator = new PlanEvaluator(plan);
    expect(plan.names.map((n) => n.name)).toEqual([
      "Latest_PeriodStart",
      "Latest_StartCustomers",
      "Latest_Retention",
      "Latest_NRR",
      "Latest_GRR",
      "Sbg_Alpha",
      "Sbg_Beta",
    ]);
    expect(evaluator.number(nameOf(plan, "Latest_Retention")!)).toBeCloseTo(
      analysis.latest!.retention,
      14
    );
    expect(evaluator.number(nameOf(plan, "Latest_StartCustomers")!)).toBe(
      analysis.latest!.startCustomers
    );
  });

  it("colours the share block with a colour scale and charts the oldest cohorts' curves by rows", () => {
    const analysis = sampleOrders();
    const plan = analysisPlan(analysis, { chartCohorts: 5 });
    const sharesFirst = rowOfText(plan, "Share of each cohort active (heat map)") + 2;
    const rows = analysis.cohorts.cohort.length;
    const last = String.fromCharCode(65 + analysis.cohorts.ages);
    expect(plan.conditionalFormats).toEqual([
      {
        kind: "colorScale",
        range: `B${sharesFirst}:${last}${sharesFirst + rows - 1}`,
        colors: { min: "#F8696B", mid: "#FFEB84", max: "#63BE7B" },
      },
    ]);
    expect(plan.charts).toHaveLength(1);
    expect(plan.charts[0]).toMatchObject({
      kind: "line",
      seriesBy: "rows",
      dataRange: `B${sharesFirst - 1}:${last}${sharesFirst + 4}`,
      seriesNames: ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01"],
    });
    // The chart's first row is the ages header, as text, so Excel reads it as categories.
    expect(cellAt(plan, `C${sharesFirst - 1}`)).toMatchObject({ kind: "text", text: "1" });
    // The HTML preview colours the same cells: the lowest share red, 100% (age 0) green.
    const html = renderPlanToHtml(plan);
    expect(html).toContain("background:#63BE7B");
    expect(html).toContain("background:#F8696B");
  });

  it("says why there is no sBG fit instead of writing one, and still writes everything else", () => {
    // Two customers who never leave: the likelihood has no finite maximum.
    const rows = ["2024-01-05", "2024-02-05", "2024-03-05", "2024-04-05"].flatMap((d) => [
      ["A", d, "10"],
      ["B", d, "20"],
    ]);
    const plan = analysisPlan(ordersAnalysis(rows, "month", true));
    expect(nameOf(plan, "Sbg_Alpha")).toBeUndefined();
    const notes = [...planCells(plan)].filter(
      ({ cell }) => cell.kind === "text" && cell.text.startsWith("No sBG fit for this data: ")
    );
    expect(notes).toHaveLength(1);
    expectFormulasMatch(plan);
  });

  it("speaks Chinese when asked, and refuses a triangle too big for a sheet", () => {
    const plan = analysisPlan(sampleOrders(), { labels: CHINESE_ANALYSIS_LABELS });
    expect(plan.sheetName).toBe("同期群分析");
    expect(cellAt(plan, "A1")).toMatchObject({ text: "同期群分析" });
    // One new customer a day for five years: 1,827 daily cohorts × 1,827 ages.
    const rows = Array.from({ length: 1827 }, (_, i) => [
      `C${i}`,
      isoTextFromSerial(45000 + i),
      "1",
    ]);
    const daily: DataAnalysis = ordersAnalysis(rows, "day", false);
    expect(() => analysisPlan(daily)).toThrow(
      /1827 cohorts × 1827 periods do not fit a sheet .*: choose a longer period/
    );
  });
});
