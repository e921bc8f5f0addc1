import { cloneScenario, evaluateScenario, WORKED_EXAMPLE } from "../../../src/model/economics/scenario";
import { ENGLISH_REPORT_LABELS } from "../../../src/report/plans/report-labels";
import { buildComparisonPlan } from "../../../src/report/plans/report-plan";
import { cellAt, planCells } from "../../../src/report/sheet-plan";
import { PlanEvaluator } from "../../support/formula-evaluator";
import { sampleScenarios } from "../../support/scenario-arbitrary";

const labels = ENGLISH_REPORT_LABELS;
const rowOf = (plan: ReturnType<typeof buildComparisonPlan>, label: string) => {
  const hit = [...planCells(plan)].find(
    ({ ref, cell }) => ref.startsWith("A") && cell.kind === "text" && cell.text === label
  );
  if (!hit) throw new Error(`no row ${label}`);
  return hit.ref.slice(1);
};

describe("buildComparisonPlan", () => {
  const second = cloneScenario(WORKED_EXAMPLE);
  second.name = '=HYPERLINK("http://evil")';
  second.segments.returning.customers = 95;
  second.retention = { rate: 0.9, startCustomers: 100, linked: true };
  second.ltv = { discountRate: 0.08, periods: 10, timing: 1 };
  const plan = buildComparisonPlan([WORKED_EXAMPLE, second], labels);

  it("has one column per scenario with its name as text in the header", () => {
    expect(plan.sheetName).toBe("Compare scenarios");
    expect(cellAt(plan, "A3")).toMatchObject({ kind: "text", text: "Item" });
    expect(cellAt(plan, "B3")).toEqual({ kind: "text", text: "Worked example", style: "header" });
    expect(cellAt(plan, "C3")).toEqual({
      kind: "text",
      text: '=HYPERLINK("http://evil")',
      style: "header",
    });
    expect(cellAt(plan, "D3")).toBeUndefined();
  });

  it("writes inputs as values and key outputs as native formulas over that column", () => {
    const totalProfitRow = rowOf(plan, `${labels.total}: ${labels.profit}`);
    const b = cellAt(plan, `B${totalProfitRow}`);
    const c = cellAt(plan, `C${totalProfitRow}`);
    expect(b).toMatchObject({ kind: "formula" });
    expect((b as { formula: string }).formula).not.toMatch(/C\d/);
    expect((c as { formula: string }).formula).not.toMatch(/B\d/);
    const spendRow = rowOf(plan, `${labels.newCustomers}: ${labels.marketingSpend}`);
    expect(cellAt(plan, `B${spendRow}`)).toMatchObject({ kind: "number", value: 1_617_000 });
    // Linked returning customers are a formula in the second column.
    const returningCustomersRow = rowOf(plan, `${labels.returningCustomers}: ${labels.customers}`);
    expect(cellAt(plan, `C${returningCustomersRow}`)).toMatchObject({ kind: "formula" });
  });

  it("evaluates to the model's numbers, for the worked example and random scenarios", () => {
    const scenarios = [WORKED_EXAMPLE, second, ...sampleScenarios(30)];
    const p = buildComparisonPlan(scenarios, labels);
    const evaluator = new PlanEvaluator(p);
    let checked = 0;
    for (const { ref, cell } of planCells(p)) {
      if (cell.kind !== "formula" || !Number.isFinite(cell.expected)) continue;
      const actual = evaluator.number(ref);
      expect({
        ref,
        ok: Math.abs(actual - cell.expected) <= 1e-9 * Math.max(1, Math.abs(cell.expected)),
      }).toEqual({ ref, ok: true });
      checked++;
    }
    expect(checked).toBeGreaterThan(scenarios.length * 10);
    const totalProfitRow = rowOf(p, `${labels.total}: ${labels.profit}`);
    expect(evaluator.number(`C${totalProfitRow}`)).toBe(evaluateScenario(second).total.profit);
  });

  it("names an invalid scenario in its error", () => {
    const bad = cloneScenario(WORKED_EXAMPLE);
    bad.name = "Broken";
    bad.segments.new.customers = 0;
    expect(() => buildComparisonPlan([bad], labels)).toThrow(/Broken.*customers/);
  });
});
