/** Every sheet picks its labels' language by the same rule: Chinese for zh and zh-*, else English. */
import {
  analysisLabelsFor,
  CHINESE_ANALYSIS_LABELS,
  ENGLISH_ANALYSIS_LABELS,
} from "../../../src/report/plans/analysis-labels";
import {
  CHINESE_CUSTOMER_LIFETIME_LABELS,
  customerLifetimeLabelsFor,
  ENGLISH_CUSTOMER_LIFETIME_LABELS,
} from "../../../src/report/plans/customer-lifetime-labels";
import {
  CHINESE_REPORT_LABELS,
  ENGLISH_REPORT_LABELS,
  reportLabelsFor,
} from "../../../src/report/plans/report-labels";

const pickers = [
  [reportLabelsFor, ENGLISH_REPORT_LABELS, CHINESE_REPORT_LABELS],
  [analysisLabelsFor, ENGLISH_ANALYSIS_LABELS, CHINESE_ANALYSIS_LABELS],
  [customerLifetimeLabelsFor, ENGLISH_CUSTOMER_LIFETIME_LABELS, CHINESE_CUSTOMER_LIFETIME_LABELS],
] as const;

describe("the label pickers", () => {
  it.each(["zh", "zh-CN", "ZH-tw", "zh-Hans-CN"])("give Chinese labels for %s", (tag) => {
    for (const [pick, , chinese] of pickers) expect(pick(tag)).toBe(chinese);
  });

  it.each(["en", "en-US", "", "fr-FR", "zhx", "de-zh"])("give English labels for %p", (tag) => {
    for (const [pick, english] of pickers) expect(pick(tag)).toBe(english);
  });

  it("have the same words in both languages, the parameters' symbols included", () => {
    for (const [, english, chinese] of pickers)
      expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    expect(CHINESE_CUSTOMER_LIFETIME_LABELS).toMatchObject({ alpha: "α", gamma: "γ", r: "r" });
  });
});
