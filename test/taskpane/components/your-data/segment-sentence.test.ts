/**
 * The log-rank result in words: the chance thresholds (checked against the p-value by plain
 * comparisons here), the two-segment sentence of the example, the k-segment sentence
 * naming the longest- and shortest-lived, and the Chinese resource.
 */
import fc from "fast-check";
import dataEn from "../../../../src/taskpane/i18n/data.en.json";
import dataZh from "../../../../src/taskpane/i18n/data.zh-CN.json";
import { addStrings, translate } from "../../../../src/taskpane/i18n/strings";
import type { MessageKey, Params } from "../../../../src/taskpane/i18n/strings";
import { dataFormatters } from "../../../../src/taskpane/components/your-data/data-format";
import {
  chanceWords,
  segmentSentence,
} from "../../../../src/taskpane/components/your-data/segments/segment-sentence";
import type { AnalysisView, SegmentsView } from "../../../../src/taskpane/worker/protocol";

beforeAll(() => {
  addStrings("en", dataEn);
  addStrings("zh-CN", dataZh);
});

const en = (key: MessageKey, params?: Params) => translate("en", key, params);
const zh = (key: MessageKey, params?: Params) => translate("zh-CN", key, params);
const f = dataFormatters(
  { firstPeriod: 0, periodStart: new Float64Array(0), unit: "month" } as unknown as AnalysisView,
  "en-US"
);

function comparison(medians: (number | null)[], p: number | null): SegmentsView {
  const labels = ["Referral", "Paid search", "Social", "Partner"];
  return {
    column: 3,
    name: "channel",
    shape: "orders",
    unit: "month",
    segments: medians.map(
      (median, j) => ({ label: labels[j], median }) as SegmentsView["segments"][number]
    ),
    count: medians.length,
    limit: 12,
    logRank: { chiSquare: p === null ? null : 1, degreesOfFreedom: medians.length - 1, pValue: p },
    commonHorizon: 10,
  };
}

describe("the log-rank sentence", () => {
  it("words the p-value as a chance", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1, noNaN: true }), (p) => {
        const words = chanceWords(en, f, p);
        if (p < 0.001) expect(words).toContain("less than 1 time in 1,000");
        else if (p < 0.1) {
          const n = Math.round(1 / p);
          expect(words).toContain(`about 1 time in ${n.toLocaleString("en-US")}.`);
        } else expect(words).toContain("of the time, so it may be noise");
      })
    );
  });

  it("says the issue's example with two segments", () => {
    expect(segmentSentence(en, f, comparison([9, 4], 0.0004), [0, 1])).toBe(
      "“Referral” customers stay longer than “Paid search” customers: median 9 months vs 4 months; a difference this large would happen by chance less than 1 time in 1,000."
    );
    expect(segmentSentence(en, f, comparison([null, 4], 0.03), [0, 1])).toBe(
      "“Referral” customers stay longer than “Paid search” customers: median not reached vs 4 months; a difference this large would happen by chance about 1 time in 33."
    );
  });

  it("names the longest- and shortest-lived of more segments, and the overall test", () => {
    const view = comparison([5, 9, 1, 3], 0.5);
    expect(segmentSentence(en, f, view, [1, 0, 3, 2])).toBe(
      "“Paid search” customers stay longest (median 9 months) and “Social” customers leave soonest (median 1 month); across the 4 segments, a difference this large would happen by chance 50% of the time, so it may be noise."
    );
    expect(segmentSentence(zh, f, view, [1, 0, 3, 2])).toContain("在这 4 个细分之间");
  });

  it("says when there is nothing to compare", () => {
    expect(segmentSentence(en, f, comparison([3], null), [0])).toContain("nothing to compare");
    expect(segmentSentence(en, f, comparison([3, 4], null), [0, 1])).toContain(
      "cannot be compared"
    );
  });
});
