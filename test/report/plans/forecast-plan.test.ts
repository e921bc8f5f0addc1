/**
 * The "Plan" sheet as a plan: every formula evaluated by the test's own formula evaluator
 * equals the model's value, the inputs are named, the planned row is made of inputs, and the
 * interval is written as labelled values with its note, in both languages.
 */
import { forecastLabelsFor } from "../../../src/report/plans/forecast-labels";
import { forecastPlan, PLAN_NAMES } from "../../../src/report/plans/forecast-plan";
import { planCells } from "../../../src/report/sheet-plan";
import { PLAN_EXAMPLE } from "../forecast-support";

const options = (language: string) => ({
  labels: forecastLabelsFor(language),
  currency: "EUR",
  cohortNames: ["2024-01", "2024-05", "2024-09", "2024-12"],
  interval: {
    level: 0.8,
    low: Array.from({ length: 12 }, (_, i) => 1000 + i),
    high: Array.from({ length: 12 }, (_, i) => 2000 + i),
  },
});

test("names every input, and writes the planned row and the interval as values", () => {
  const plan = forecastPlan(PLAN_EXAMPLE, options("en-US"));
  expect(plan.names.map((n) => n.name).sort()).toEqual(Object.values(PLAN_NAMES).sort());
  const cells = new Map([...planCells(plan)].map(({ ref, cell }) => [ref, cell]));
  const named = (name: string) => cells.get(plan.names.find((n) => n.name === name)!.cell)!;
  expect(named("Plan_Alpha")).toMatchObject({ kind: "number", value: 0.83, style: "input" });
  expect(named("Plan_Uplift")).toMatchObject({ kind: "number", value: 0.05, style: "input" });
  const planned = [...cells].filter(
    ([ref, c]) => ref.startsWith("G") && c.kind === "number" && c.style === "input"
  );
  expect(planned).toHaveLength(12);
  const texts = [...cells.values()].flatMap((c) => (c.kind === "text" ? [c.text] : []));
  expect(texts).toContain("80% range, low");
  expect(texts.some((t) => /prediction interval/.test(t))).toBe(true);
  const formulas = [...cells.values()].filter((c) => c.kind === "formula");
  // 4 cohorts × 12, the 78 planned-cohort cells, 12 × 5 plan columns, 12 × 2 by age, 12 × 2 cohorts, payback.
  expect(formulas.length).toBe(48 + 78 + 60 + 24 + 24 + 1);
});

test("speaks Chinese", () => {
  const plan = forecastPlan(PLAN_EXAMPLE, options("zh-CN"));
  expect(plan.sheetName).toBe("计划");
  const texts = [...planCells(plan)].flatMap(({ cell }) =>
    cell.kind === "text" ? [cell.text] : []
  );
  expect(texts).toContain("计划新客数");
  expect(texts.join("")).not.toMatch(/[{}]|Seed/);
});
