/**
 * The analysis sheet says how well the sBG fit matches the cohorts' actual survival (issue 23):
 * the mean absolute error in points, the worst age, and a sentence when the fit is poor. The
 * actual curve, S(t) and the errors are recomputed here with plain loops.
 */
import fc from "fast-check";
import { cohortSurvivors, fitCohortSbg } from "../../../src/model/history/cohort-survivors";
import {
  analysisPlan,
  CHINESE_ANALYSIS_LABELS,
  ENGLISH_ANALYSIS_LABELS,
} from "../../../src/report/plans/analysis-plan";
import { planCells } from "../../../src/report/sheet-plan";
import { ordersAnalysis, sampleOrders, syntheticOrderRows } from "../analysis-support";

/** Product-limit survival over the cohorts observed at each next age, by plain loops. */
function bruteActual(survivors: number[][]): number[] {
  const curve = [1];
  for (let j = 0; ; j++) {
    let atRisk = 0;
    let renewed = 0;
    let any = false;
    for (const row of survivors) {
      if (row.length < 2 || row[0] <= 0 || row.length <= j + 1) continue;
      any = true;
      atRisk += row[j];
      renewed += row[j + 1];
    }
    if (!any || atRisk === 0) return curve;
    curve.push(curve[j] * (renewed / atRisk));
  }
}

/** The sentence the sheet should hold, or null where the data has no fit. */
function expectedSentence(survivors: number[][], english: boolean): string | null {
  const labels = english ? ENGLISH_ANALYSIS_LABELS : CHINESE_ANALYSIS_LABELS;
  let fit;
  try {
    fit = fitCohortSbg(survivors);
  } catch {
    return null;
  }
  const { alpha, beta } = fit;
  const actual = bruteActual(survivors);
  let s = 1;
  let sum = 0;
  let max = -1;
  let maxAge = -1;
  for (let t = 1; t < actual.length; t++) {
    s *= (beta + t - 1) / (alpha + beta + t - 1);
    const error = Math.abs(s - actual[t]) * 100;
    sum += error;
    if (error > max) [max, maxAge] = [error, t];
  }
  const mae = sum / (actual.length - 1);
  const sentence = labels.sbgQuality
    .replace("{mae}", mae.toFixed(1))
    .replace("{max}", max.toFixed(1))
    .replace("{age}", String(maxAge));
  return mae > 3 || max > 5 ? `${sentence} ${labels.sbgPoorFit}` : sentence;
}

describe("the analysis sheet's sBG fit quality", () => {
  it("states the mean and worst error in points, and warns when the fit is poor (property)", () => {
    let poor = 0;
    let good = 0;
    const check = (analysis: ReturnType<typeof sampleOrders>, english: boolean) => {
      const survivors = cohortSurvivors(analysis);
      const plan = analysisPlan(analysis, {
        labels: english ? ENGLISH_ANALYSIS_LABELS : CHINESE_ANALYSIS_LABELS,
      });
      const want = expectedSentence(survivors, english);
      if (want === null) {
        const quality = (english ? ENGLISH_ANALYSIS_LABELS : CHINESE_ANALYSIS_LABELS).sbgQuality;
        const lead = quality.slice(0, 6);
        expect(
          [...planCells(plan)].some(
            ({ cell }) => cell.kind === "text" && cell.text.startsWith(lead)
          )
        ).toBe(false);
        return;
      }
      const notes = [...planCells(plan)].filter(
        ({ cell }) => cell.kind === "text" && cell.style === "note" && cell.text === want
      );
      expect(notes).toHaveLength(1);
      // Just below the sBG note, in column A.
      const alphaRow = Number(plan.names.find((n) => n.name === "Sbg_Alpha")!.cell.slice(1));
      expect(notes[0].ref).toBe(`A${alphaRow + 5}`);
      if (want.includes(ENGLISH_ANALYSIS_LABELS.sbgPoorFit)) poor++;
      else good++;
    };
    check(sampleOrders(), true);
    check(sampleOrders(), false);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (seed) => {
        check(ordersAnalysis(syntheticOrderRows(seed, 60, 10), "month", true), true);
      }),
      { numRuns: 25 }
    );
    expect(poor + good).toBeGreaterThan(0);
  });
});
