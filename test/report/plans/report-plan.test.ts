import fc from "fast-check";
import {
  cloneScenario,
  evaluateScenario,
  Scenario,
  WORKED_EXAMPLE,
} from "../../../src/model/economics/scenario";
import { CHINESE_REPORT_LABELS, ENGLISH_REPORT_LABELS } from "../../../src/report/plans/report-labels";
import { buildReportPlan } from "../../../src/report/plans/report-plan";
import { cellAt, PlanCell, planCells, SheetPlan } from "../../../src/report/sheet-plan";
import { PlanEvaluator } from "../../support/formula-evaluator";
import { scenarioArbitrary } from "../../support/scenario-arbitrary";

const DATE = new Date(2025, 0, 15);
const plan = (s: Scenario = WORKED_EXAMPLE) =>
  buildReportPlan(s, { labels: ENGLISH_REPORT_LABELS, date: DATE });
const nameCell = (p: SheetPlan, name: string) => {
  const entry = p.names.find((n) => n.name === name);
  if (!entry) throw new Error(`no name ${name}`);
  return entry.cell;
};
const close = (actual: number, expected: number) =>
  Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));

const REQUIRED_NAMES = ["New", "Returning"].flatMap((p) =>
  [
    "MarketingSpend",
    "Overheads",
    "Customers",
    "AverageBill",
    "Revenue",
    "TotalCost",
    "Profit",
    "Profitability",
    "CostPerCustomer",
    "ProfitPerCustomer",
  ].map((f) => `${p}_${f}`)
);
const INPUT_NAMES = ["New", "Returning"].flatMap((p) =>
  ["MarketingSpend", "Overheads", "Customers", "AverageBill"].map((f) => `${p}_${f}`)
);

describe("buildReportPlan", () => {
  it("defines every required sheet-scoped name, once, each on its own cell", () => {
    const p = plan();
    const names = p.names.map((n) => n.name);
    for (const required of [...REQUIRED_NAMES, "Total_Revenue", "Total_Profit"])
      expect(names).toContain(required);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(p.names.map((n) => n.cell)).size).toBe(p.names.length);
    for (const n of names) expect(n).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
  });

  it("writes inputs as plain values and every output as a native formula over the inputs", () => {
    const p = plan();
    const evaluator = new PlanEvaluator(p);
    for (const { name, cell } of p.names) {
      const planCell = cellAt(p, cell)!;
      const isInput =
        INPUT_NAMES.includes(name) || /^(Retention_|LTV_(DiscountRate|Periods|Timing)$)/.test(name);
      if (isInput) {
        expect({ name, kind: planCell?.kind ?? "blank" }).toEqual({
          name,
          kind: name === "LTV_Periods" ? "blank" : "number",
        });
      } else {
        expect({ name, kind: planCell.kind }).toEqual({ name, kind: "formula" });
        const formula = (planCell as Extract<PlanCell, { kind: "formula" }>).formula;
        expect(formula).not.toMatch(/RETAIN\./i);
        // Only the native functions the evaluator knows; anything else throws below.
        evaluator.evaluate(formula);
      }
    }
    // Every referenced cell exists in the plan (or is the intentionally blank periods input).
    expect(evaluator.referenced.size).toBeGreaterThan(10);
    for (const ref of evaluator.referenced)
      expect({ ref, exists: cellAt(p, ref) !== undefined }).toEqual({ ref, exists: true });
  });

  it("formula results equal the model's numbers for the worked example", () => {
    const p = plan();
    const results = evaluateScenario(WORKED_EXAMPLE);
    const evaluator = new PlanEvaluator(p);
    const check = (name: string, expected: number) =>
      expect({ name, value: evaluator.number(nameCell(p, name)) }).toEqual({
        name,
        value: expected,
      });
    check("New_Revenue", 2_250_000);
    check("New_Profit", 133_000);
    check("Returning_Profit", 572_000);
    check("Total_Profit", 705_000);
    check("Returning_CostPerCustomer", 22_850);
    check("New_ProfitPerCustomer", results.new.profitPerCustomer);
    check("New_Profitability", results.new.profitability);
    expect(close(evaluator.number(nameCell(p, "LTV_Value")), results.ltv.value)).toBe(true);
    // docs/definitions.md §4 with m = 7150, r = 0.8, d = 0.1, type 0: m / (1 + d − r)
    expect(close(evaluator.number(nameCell(p, "LTV_Value")), 7150 / 0.3)).toBe(true);
  });

  it("every formula cell evaluates to the value the plan carries, for random scenarios", () => {
    fc.assert(
      fc.property(scenarioArbitrary, (scenario) => {
        const p = plan(scenario);
        const evaluator = new PlanEvaluator(p);
        for (const { ref, cell } of planCells(p)) {
          if (cell.kind !== "formula") continue;
          if (!Number.isFinite(cell.expected)) {
            expect(() => evaluator.value(ref)).toThrow("#DIV/0!");
            continue;
          }
          const actual = evaluator.number(ref);
          if (!close(actual, cell.expected))
            throw new Error(`${ref} ${cell.formula}: ${actual} ≠ ${cell.expected}`);
        }
      }),
      { numRuns: 200 }
    );
  });

  it("recalculates like the model when an input cell is edited", () => {
    const p = plan();
    const evaluator = new PlanEvaluator(p);
    evaluator.setNumber(nameCell(p, "New_Customers"), 90);
    evaluator.setNumber(nameCell(p, "LTV_Periods"), 12);
    evaluator.setNumber(nameCell(p, "LTV_Timing"), 1);
    const edited = cloneScenario(WORKED_EXAMPLE);
    edited.segments.new.customers = 90;
    edited.ltv.periods = 12;
    edited.ltv.timing = 1;
    const results = evaluateScenario(edited);
    expect(evaluator.number(nameCell(p, "Total_Profit"))).toBe(results.total.profit);
    expect(evaluator.number(nameCell(p, "New_CostPerCustomer"))).toBe(results.new.costPerCustomer);
    expect(close(evaluator.number(nameCell(p, "LTV_Value")), results.ltv.value)).toBe(true);
    expect(close(evaluator.number(nameCell(p, "LTV_ToCAC")), results.ltv.ltvToCac)).toBe(true);
  });

  it("makes returning customers a formula of rate × start customers when linked", () => {
    const linked = cloneScenario(WORKED_EXAMPLE);
    linked.retention = { rate: 0.85, startCustomers: 120, linked: true };
    const p = plan(linked);
    const cell = cellAt(p, nameCell(p, "Returning_Customers"))!;
    expect(cell).toMatchObject({
      kind: "formula",
      formula: `=${nameCell(p, "Retention_Rate")}*${nameCell(p, "Retention_StartCustomers")}`,
    });
    const evaluator = new PlanEvaluator(p);
    expect(evaluator.number(nameCell(p, "Returning_Customers"))).toBe(0.85 * 120);
    expect(evaluator.number(nameCell(p, "Total_Profit"))).toBe(
      evaluateScenario(linked).total.profit
    );
    // Unlinked, it is a plain input.
    expect(cellAt(plan(), nameCell(plan(), "Returning_Customers"))).toMatchObject({
      kind: "number",
      value: 80,
    });
  });

  it("writes user text as text, never as a formula", () => {
    for (const hostile of [
      '=HYPERLINK("http://x","y")',
      "+cmd|' /C calc'!A0",
      "-2+3",
      "@SUM(1)",
      "<script>alert(1)</script>",
    ]) {
      const s = cloneScenario(WORKED_EXAMPLE);
      s.name = hostile;
      const p = plan(s);
      const texts = [...planCells(p)].filter(
        ({ cell }) => cell.kind === "text" && cell.text === hostile
      );
      expect(texts).toHaveLength(1);
      for (const { cell } of planCells(p))
        if (cell.kind === "formula") expect(cell.formula).not.toContain(hostile);
    }
  });

  it("lays out a sensitivity grid of native formulas over its row and column headers", () => {
    const p = plan();
    const gridCells = [...planCells(p)].filter(
      ({ cell }) => cell.kind === "formula" && /\$A\d+/.test(cell.formula)
    );
    expect(gridCells.length).toBe(25);
    const evaluator = new PlanEvaluator(p);
    // The centre cell (rate 80%, bill 30,000) is the scenario itself: returning = 0.8 × 100 = 80.
    const centre = gridCells.find(
      ({ cell }) => cell.kind === "formula" && cell.expected === 705_000
    );
    expect(centre).toBeDefined();
    // Editing a column header moves its column: bill 24,000 → 25,000 at rate r adds r × 100 × 1,000.
    const [firstRef] = [...planCells(p)]
      .filter(({ cell }) => cell.kind === "number" && cell.value === 24_000)
      .map(({ ref }) => ref);
    const firstGrid = gridCells.find(
      ({ cell }) =>
        cell.kind === "formula" && cell.formula.includes(`${firstRef.replace(/\d+/, "")}$`)
    )!;
    const before = evaluator.number(firstGrid.ref);
    evaluator.setNumber(firstRef, 25_000);
    const rateRef = /\$A(\d+)/
      .exec((firstGrid.cell as { formula: string }).formula)![0]
      .replace("$", "");
    expect(evaluator.number(firstGrid.ref) - before).toBeCloseTo(
      evaluator.number(rateRef) * 100 * 1000,
      6
    );
  });

  it("has a clustered column chart of new vs returning per-customer economics", () => {
    const [chart] = plan().charts;
    expect(chart).toMatchObject({
      kind: "clusteredColumn",
      dataRange: "A26:C28",
      seriesNames: ["New customers", "Returning customers"],
    });
    expect(cellAt(plan(), "A26")).toMatchObject({ text: "Cost per customer" });
    expect(cellAt(plan(), "A28")).toMatchObject({ text: "Spend per customer" });
  });

  it("uses the labels passed in and the same formulas in every language", () => {
    const zh = buildReportPlan(WORKED_EXAMPLE, { labels: CHINESE_REPORT_LABELS, date: DATE });
    expect(zh.sheetName).toBe("留存模型");
    expect(cellAt(zh, "A1")).toMatchObject({ kind: "text", text: CHINESE_REPORT_LABELS.title });
    const formulas = (p: SheetPlan) =>
      [...planCells(p)]
        .filter(({ cell }) => cell.kind === "formula")
        .map(({ ref, cell }) => [ref, (cell as { formula: string }).formula]);
    expect(formulas(zh)).toEqual(formulas(plan()));
    expect(Object.keys(CHINESE_REPORT_LABELS).sort()).toEqual(
      Object.keys(ENGLISH_REPORT_LABELS).sort()
    );
  });

  it("formats money in the scenario's currency and rates as percentages", () => {
    const p = plan();
    expect(cellAt(p, nameCell(p, "New_Revenue"))).toMatchObject({
      format: { kind: "currency", currency: "RUB" },
    });
    expect(cellAt(p, nameCell(p, "Total_Profitability"))).toMatchObject({
      format: { kind: "percent" },
    });
    expect(cellAt(p, nameCell(p, "Retention_Rate"))).toMatchObject({ format: { kind: "percent" } });
    expect(cellAt(p, "B3")).toMatchObject({
      kind: "number",
      value: 45672,
      format: { kind: "date" },
    }); // 2025-01-15
    expect(p.columnWidths.A).toBeGreaterThan(30);
  });
});
