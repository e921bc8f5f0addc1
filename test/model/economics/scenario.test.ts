import {
  cloneScenario,
  evaluateScenario,
  scenarioProblems,
  WORKED_EXAMPLE,
} from "../../../src/model/economics/scenario";

describe("evaluateScenario", () => {
  const result = evaluateScenario(WORKED_EXAMPLE);
  test("segments and total", () => {
    expect(result.new.profit).toBe(133_000);
    expect(result.returning.profit).toBe(572_000);
    expect(result.total.profit).toBe(705_000);
  });
  test("a new customer costs 28,226.67 / 22,850 = 1.235× a returning one", () => {
    expect(result.comparison.costRatio).toBeCloseTo(28_226.666666666668 / 22_850, 12);
  });
  test("a returning customer brings 7,150 − 1,773.33 more profit, +303%", () => {
    expect(result.comparison.extraProfitPerReturning).toBeCloseTo(7_150 - 1_773.3333333333333, 9);
    expect(result.comparison.extraProfitShare).toBeCloseTo(7_150 / 1_773.3333333333333 - 1, 12);
  });
  test("LTV of a returning customer: 7,150 per period, r = 80%, d = 10%, end of period", () => {
    expect(result.ltv.margin).toBe(7_150);
    expect(result.ltv.value).toBeCloseTo(7_150 / (1.1 - 0.8), 8);
    expect(result.ltv.cac).toBe(21_560);
    expect(result.ltv.ltvToCac).toBeCloseTo(7_150 / 0.3 / 21_560, 12);
    expect(result.ltv.cacPaybackPeriods).toBeCloseTo(21_560 / 7_150, 12);
  });
  test("retention link: 100 start × 80% gives the example's 80 returning customers", () => {
    const s = cloneScenario(WORKED_EXAMPLE);
    s.retention.linked = true;
    const linked = evaluateScenario(s);
    expect(linked.inputs.returning.customers).toBeCloseTo(80, 12);
    expect(linked.returning.profit).toBeCloseTo(572_000, 6);
    s.retention.rate = 0.9;
    expect(evaluateScenario(s).returning.profit).toBeCloseTo(90 * 30_000 - 1_828_000, 6);
  });
  test("cloneScenario is deep", () => {
    const s = cloneScenario(WORKED_EXAMPLE);
    s.segments.new.customers = 1;
    expect(WORKED_EXAMPLE.segments.new.customers).toBe(75);
  });
});

describe("scenarioProblems", () => {
  test("the worked example is valid", () => expect(scenarioProblems(WORKED_EXAMPLE)).toEqual({}));
  test("names each bad field by path", () => {
    const s = cloneScenario(WORKED_EXAMPLE);
    s.segments.new.customers = 0;
    s.segments.returning.marketingSpend = -5;
    s.retention.rate = 1.5;
    s.ltv.periods = 0;
    expect(scenarioProblems(s)).toEqual({
      "segments.new.customers": "must be greater than 0",
      "segments.returning.marketingSpend": "cannot be negative",
      "retention.rate": "must be between 0% and 100%",
      "ltv.periods": "must be at least 1, or empty for no limit",
    });
    expect(() => evaluateScenario(s)).toThrow(/segments.new.customers/);
  });
  test("a linked retention with no start customers blames the start customers", () => {
    const s = cloneScenario(WORKED_EXAMPLE);
    s.retention.linked = true;
    s.retention.startCustomers = 0;
    expect(Object.keys(scenarioProblems(s))).toEqual(["retention.startCustomers"]);
  });
  test("100% retention, no discount, no horizon has no finite LTV", () => {
    const s = cloneScenario(WORKED_EXAMPLE);
    s.retention.rate = 1;
    s.ltv.discountRate = 0;
    expect(scenarioProblems(s)["ltv.discountRate"]).toMatch(/no finite LTV/);
  });
});
