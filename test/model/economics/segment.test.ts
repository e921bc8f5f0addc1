import {
  combinedEconomics,
  customerCost,
  segmentEconomics,
  segmentProblems,
} from "../../../src/model/economics/segment";
import { WORKED_EXAMPLE } from "../../../src/model/economics/scenario";

const { new: newer, returning } = WORKED_EXAMPLE.segments;

describe("segment economics: the worked example (docs/definitions.md §2)", () => {
  const n = segmentEconomics(newer);
  const r = segmentEconomics(returning);
  test("revenue = customers × average bill", () => {
    expect(n.revenue).toBe(2_250_000);
    expect(r.revenue).toBe(2_400_000);
  });
  test("total cost and profit", () => {
    expect(n.totalCost).toBe(2_117_000);
    expect(r.totalCost).toBe(1_828_000);
    expect(n.profit).toBe(133_000);
    expect(r.profit).toBe(572_000);
  });
  test("profitability = profit ÷ revenue, unrounded", () => {
    expect(n.profitability).toBeCloseTo(133_000 / 2_250_000, 15);
    expect(n.profitability * 100).toBeCloseTo(5.9111, 4);
    expect(r.profitability * 100).toBeCloseTo(23.8333, 4);
  });
  test("cost per customer is 28,226.67 and 22,850 (the article's 28,230 and 22,800 come from rounding the margin)", () => {
    expect(n.costPerCustomer).toBeCloseTo(28_226.6667, 4);
    expect(r.costPerCustomer).toBe(22_850);
    // average bill × (1 − profitability) gives the same number exactly
    expect(newer.averageBill * (1 - n.profitability)).toBeCloseTo(n.costPerCustomer, 8);
    // the article's rounded version differs
    expect(Math.round(newer.averageBill * (1 - 0.059))).toBe(28_230);
  });
  test("profit and spend per customer", () => {
    expect(n.profitPerCustomer).toBeCloseTo(1_773.3333, 4);
    expect(r.profitPerCustomer).toBe(7_150);
    expect(n.spendPerCustomer).toBe(21_560);
    expect(r.spendPerCustomer).toBe(16_600);
  });
  test("the business as a whole sums the segments and recomputes ratios", () => {
    const t = combinedEconomics([newer, returning]);
    expect(t.revenue).toBe(4_650_000);
    expect(t.profit).toBe(705_000);
    expect(t.profitability).toBeCloseTo(705_000 / 4_650_000, 15);
    expect(t.costPerCustomer).toBeCloseTo(3_945_000 / 155, 10);
  });
});

describe("customerCost", () => {
  test("worked example", () => {
    expect(customerCost(1_617_000, 75, 500_000)).toBeCloseTo(28_226.666666666668, 8);
    expect(customerCost(1_328_000, 80, 500_000)).toBe(22_850);
  });
  test("overheads default to 0", () => expect(customerCost(100, 4)).toBe(25));
  test("errors", () => {
    expect(() => customerCost(100, 0)).toThrow(/customers is 0/);
    expect(() => customerCost(-1, 5)).toThrow(/spend/);
    expect(() => customerCost(1, 5, -3)).toThrow(/overheads/);
    expect(() => customerCost(1, -5)).toThrow(/customers/);
  });
});

describe("segmentProblems names every bad field", () => {
  test("valid inputs have none", () => expect(segmentProblems(newer)).toEqual({}));
  test("negative amounts, zero customers and bill, non-numbers", () => {
    expect(
      segmentProblems({ marketingSpend: -1, overheads: NaN, customers: 0, averageBill: -5 })
    ).toEqual({
      marketingSpend: "cannot be negative",
      overheads: "must be a number",
      customers: "must be greater than 0",
      averageBill: "must be greater than 0",
    });
  });
  test("segmentEconomics refuses invalid inputs", () =>
    expect(() => segmentEconomics({ ...newer, customers: 0 })).toThrow(/customers/));
});
