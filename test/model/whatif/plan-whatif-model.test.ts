/**
 * The what-if tools on the plan: goal seek finds the new customers a period that keep month-12
 * revenue at a target (checked by re-evaluating the plan), the tornado and sensitivity grid run
 * on the plan's inputs, and a pasted row makes the constant-and-growth inputs inert.
 */
import { goalSeek } from "../../../src/model/whatif/goal-seek";
import {
  plannedNewCustomers,
  PlanState,
  planWhatIfModel,
} from "../../../src/model/whatif/plan-whatif-model";
import { sensitivityGrid } from "../../../src/model/whatif/sensitivity";
import { tornado } from "../../../src/model/whatif/tornado";

const state: PlanState = {
  alpha: 0.9,
  beta: 2.2,
  cohorts: [
    { age: 2, customers: 500 },
    { age: 8, customers: 300 },
    { age: 14, customers: 200 },
  ],
  horizon: 12,
  newPerPeriod: 100,
  growth: 0.02,
  pasted: null,
  acquisitionVolume: 1,
  revenuePerCustomer: 30,
  margin: 0.35,
  cac: 80,
  uplift: 0,
};

test("the planned row: constant with growth, scaled by volume; or pasted, padded with zeros", () => {
  const row = plannedNewCustomers({ ...state, acquisitionVolume: 0.8 });
  expect(row).toHaveLength(12);
  row.forEach((m, i) => expect(m).toBeCloseTo(0.8 * 100 * 1.02 ** i, 9));
  expect(plannedNewCustomers({ ...state, pasted: [5, 6] })).toEqual([5, 6, ...Array(10).fill(0)]);
  expect(planWhatIfModel.inputAffectsResults({ ...state, pasted: [5] }, "growth")).toBe(false);
  expect(planWhatIfModel.inputAffectsResults(state, "growth")).toBe(true);
});

test("goal seek: new customers a period that keep month-12 revenue at a target", () => {
  const now = planWhatIfModel.evaluate(state)("revenueAtEnd");
  const target = now * 1.25;
  const result = goalSeek(planWhatIfModel, state, "revenueAtEnd", target, "newPerPeriod");
  expect(result.kind).toBe("found");
  if (result.kind !== "found") return;
  const achieved = planWhatIfModel.evaluate(
    planWhatIfModel.setInput(state, "newPerPeriod", result.value)
  )("revenueAtEnd");
  expect(Math.abs(achieved - target)).toBeLessThan(1e-6 * target);
  expect(result.value).toBeGreaterThan(100);
});

test("the tornado and the sensitivity grid run on the plan's inputs", () => {
  const withUplift = { ...state, uplift: 0.05 };
  const t = tornado(planWhatIfModel, withUplift, "revenueTotal", { swing: 0.1 });
  const effect = (input: string) => t.bars.find((b) => b.input === input)?.effect;
  // Margin and CAC cannot move revenue; the uplift and the price can.
  expect(effect("cac")).toBe(0);
  expect(effect("margin")).toBe(0);
  expect(effect("uplift")).toBeGreaterThan(0);
  expect(t.bars[0].input).toBe("revenuePerCustomer"); // revenue is proportional to the price
  const grid = sensitivityGrid(
    planWhatIfModel,
    withUplift,
    "uplift",
    "revenuePerCustomer",
    "revenueAtEnd",
    {
      steps: 3,
      spread: 0.2,
    }
  );
  // Revenue is linear in the price: the grid's columns scale exactly.
  grid.cells.forEach((row) => expect(row[2]! / row[1]!).toBeCloseTo(1.2, 12));
});
