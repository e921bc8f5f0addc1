/**
 * The "Segment comparison" sheet: labels in both languages, a segment without an sBG fit says
 * so, "not reached" medians, the log-rank block (or why there is none), and the fitted retention
 * formula's cached value equal to (β + t − 1) / (α + β + t − 1) computed here.
 */
import { kaplanMeier } from "../../src/model/history/kaplan-meier";
import { cellAt } from "../../src/report/sheet-plan";
import { segmentComparisonLabelsFor } from "../../src/report/plans/segment-comparison-labels";
import {
  SegmentComparison,
  segmentComparisonPlan,
} from "../../src/report/plans/segment-comparison-plan";

const km = kaplanMeier({
  duration: Float64Array.from([1, 2, 2, 3, 5]),
  churned: Uint8Array.from([1, 1, 0, 1, 0]),
  weight: new Float64Array(5).fill(1),
  count: 5,
});

function comparison(p: number | null): SegmentComparison {
  return {
    name: "plan",
    shape: "subscriptions",
    unit: "month",
    segments: [
      {
        label: "annual",
        customers: 5,
        churned: 3,
        expected: 2.5,
        median: 3,
        medianLower: 1,
        medianUpper: null,
        survival: km,
        sbg: { alpha: 1.5, beta: 4, nextAge: 6, nextRetention: (4 + 5) / (1.5 + 4 + 5) },
      },
      {
        label: "",
        customers: 5,
        churned: 3,
        expected: 3.5,
        median: null,
        medianLower: null,
        medianUpper: null,
        survival: km,
        sbg: { error: "no cohort has two periods" },
      },
    ],
    logRank: { chiSquare: p === null ? null : 1.2, degreesOfFreedom: 1, pValue: p },
  };
}

describe("the segment comparison sheet", () => {
  it("writes the table and the test, with formulas over the values", () => {
    const plan = segmentComparisonPlan(comparison(0.27), {
      labels: segmentComparisonLabelsFor("en"),
      horizon: 4,
    });
    expect(cellAt(plan, "B2")).toMatchObject({ text: "plan" });
    expect(cellAt(plan, "A8")).toMatchObject({ text: "annual" });
    expect(cellAt(plan, "A9")).toMatchObject({ text: "(blank)" });
    expect(cellAt(plan, "G8")).toMatchObject({ text: "not reached" });
    expect(cellAt(plan, "E9")).toMatchObject({ text: "not reached" });
    expect(cellAt(plan, "L9")).toMatchObject({ text: "not enough data" });
    const retention = cellAt(plan, "O8") as { formula: string; expected: number };
    expect(retention.formula).toBe("=(M8+N8-1)/(L8+M8+N8-1)");
    expect(retention.expected).toBeCloseTo((4 + 6 - 1) / (1.5 + 4 + 6 - 1), 14);
    // RMST up to 4: the area under the step curve, slice by slice.
    let area = 0;
    let s = 1;
    let from = 0;
    for (let k = 0; k < km.time.length && km.time[k] <= 4; k++) {
      area += s * (km.time[k] - from);
      from = km.time[k];
      s = km.survival[k];
    }
    area += s * (4 - from);
    expect((cellAt(plan, "H8") as { value: number }).value).toBeCloseTo(area, 12);
    expect(cellAt(plan, "B14")).toMatchObject({ formula: "=CHIDIST(B12,B13)", expected: 0.27 });
  });

  it("says why there is no test, and speaks Chinese", () => {
    const plan = segmentComparisonPlan(comparison(null), {
      labels: segmentComparisonLabelsFor("zh-CN"),
      horizon: 4,
    });
    expect(plan.sheetName).toBe("细分对比");
    expect(cellAt(plan, "A12")).toMatchObject({ text: "无法检验：有流失的细分少于两个" });
  });
});
