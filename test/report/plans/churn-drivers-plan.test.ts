/**
 * The "Churn drivers" sheet plan: one row per term of the pane's fit, in the pane's order; the
 * coefficient and standard error as values; the hazard ratio, its 95% interval and the Wald
 * p-value as formulas over them whose cached values equal a brute-force evaluation written here
 * (Math.exp, and the normal tail by a plain Simpson integration of the density); both languages.
 */
import fc from "fast-check";
import { churnDriversLabelsFor } from "../../../src/report/plans/churn-drivers-labels";
import {
  ChurnDrivers,
  churnDriversPlan,
  DRIVERS_TABLE_ROW,
} from "../../../src/report/plans/churn-drivers-plan";
import { chiSquareUpperTail } from "../../../src/model/numerics/chi-square";
import type { PlanCell } from "../../../src/report/sheet-plan";

const Z = 1.959963984540054;

/** P(|N(0,1)| > z) by Simpson's rule over [0, z] of the density (plain loop). */
function twoSidedTail(z: number): number {
  const a = Math.abs(z);
  if (a > 8) return 0;
  const steps = 2000;
  const h = a / steps;
  let sum = 0;
  for (let i = 0; i <= steps; i++) {
    const x = i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    sum += w * Math.exp((-x * x) / 2);
  }
  return 1 - (2 * (sum * h)) / 3 / Math.sqrt(2 * Math.PI);
}

const term = fc.record({
  column: fc.constantFrom("plan", "channel", "seats"),
  category: fc.option(fc.constantFrom("annual", "Referral"), { nil: null }),
  coefficient: fc.double({ min: -3, max: 3, noNaN: true }),
  standardError: fc.double({ min: 0.05, max: 2, noNaN: true }),
});

function viewOf(
  terms: { column: string; category: string | null; coefficient: number; standardError: number }[]
): ChurnDrivers {
  return {
    shape: "orders",
    customers: 240,
    churned: 202,
    terms: terms.map((t) => ({
      ...t,
      baseline: t.category === null ? null : "monthly",
      lower: Math.exp(t.coefficient - Z * t.standardError),
      upper: Math.exp(t.coefficient + Z * t.standardError),
      p: chiSquareUpperTail((t.coefficient / t.standardError) ** 2, 1),
    })),
    likelihoodRatioP: 0.001,
    concordance: 0.7,
  };
}

const tableRows = (plan: ReturnType<typeof churnDriversPlan>) =>
  plan.blocks.find((b) => b.topLeft === `A${DRIVERS_TABLE_ROW}`)!.rows;

describe("the churn drivers sheet", () => {
  it("writes each term's values, and formulas whose values a brute force reproduces", () => {
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 6 }), (terms) => {
        const view = viewOf(terms);
        const rows = tableRows(churnDriversPlan(view, churnDriversLabelsFor("en")));
        expect(rows.length).toBe(terms.length + 1);
        terms.forEach((t, i) => {
          const row = rows[i + 1];
          const r = DRIVERS_TABLE_ROW + 1 + i;
          const value = (c: PlanCell | null) => (c?.kind === "number" ? c.value : NaN);
          const formula = (c: PlanCell | null) =>
            c?.kind === "formula" ? { f: c.formula, v: c.expected } : { f: "", v: NaN };
          expect(value(row[4])).toBe(t.coefficient);
          expect(value(row[5])).toBe(t.standardError);
          expect(formula(row[6]).f).toBe(`=EXP(E${r})`);
          expect(formula(row[6]).v).toBeCloseTo(Math.exp(t.coefficient), 10);
          expect(formula(row[7]).f).toBe(`=EXP(E${r}-${Z}*F${r})`);
          expect(formula(row[7]).v).toBeCloseTo(Math.exp(t.coefficient - Z * t.standardError), 10);
          expect(formula(row[8]).f).toBe(`=EXP(E${r}+${Z}*F${r})`);
          expect(formula(row[8]).v).toBeCloseTo(Math.exp(t.coefficient + Z * t.standardError), 10);
          expect(formula(row[9]).f).toBe(`=CHIDIST((E${r}/F${r})^2,1)`);
          expect(formula(row[9]).v).toBeCloseTo(twoSidedTail(t.coefficient / t.standardError), 7);
          const name = row[0]?.kind === "text" ? row[0].text : "";
          expect(name).toBe(t.category === null ? t.column : `${t.column} = ${t.category}`);
        });
      }),
      { numRuns: 50 }
    );
  });

  it("has its words in English and Chinese", () => {
    const view = viewOf([
      { column: "plan", category: "annual", coefficient: -1, standardError: 0.2 },
    ]);
    const en = churnDriversPlan(view, churnDriversLabelsFor("en"));
    const zh = churnDriversPlan(view, churnDriversLabelsFor("zh-CN"));
    expect(en.sheetName).toBe("Churn drivers");
    expect(zh.sheetName).toBe("流失相关因素");
    const header = (p: typeof en) => tableRows(p)[0].map((c) => (c?.kind === "text" ? c.text : ""));
    expect(header(en)).toContain("Hazard ratio");
    expect(header(zh)).toContain("风险比");
  });
});
