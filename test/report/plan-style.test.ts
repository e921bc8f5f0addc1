import fc from "fast-check";
import { significantFormat } from "../../src/report/plan-style";
import { analysisPlan } from "../../src/report/plans/analysis-plan";
import { customerLifetimePlan } from "../../src/report/plans/customer-lifetime-plan";
import { formatNumber } from "../../src/report/renderers/render-html";
import { cellAt, excelNumberFormat, SheetPlan } from "../../src/report/sheet-plan";
import { sampleSubscriptions } from "./analysis-support";
import { sampleLifetime } from "./customer-lifetime-support";

// Significant digits of a decimal text, counted by hand: digits from the first non-zero one.
function significantDigits(text: string): number {
  const digits = text.replace(/[^\d]/g, "").replace(/^0+/, "");
  return digits.length;
}

describe("a fitted parameter's format", () => {
  it("shows 4 significant digits for values from 0.0001 to 999", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 999.4, noNaN: true }), (v) => {
        const text = formatNumber(v, significantFormat(v));
        // Rounding can carry into a new digit (9.9996 → 10.000): then 5 digits, the last a zero.
        expect([4, 5]).toContain(significantDigits(text));
        expect(Math.abs(Number(text.replace(/,/g, "")) - v)).toBeLessThanOrEqual(
          Math.abs(v) * 5e-4
        );
      })
    );
    expect(formatNumber(0.243187654321, significantFormat(0.243187654321))).toBe("0.2432");
    expect(formatNumber(12.0812345, significantFormat(12.0812345))).toBe("12.08");
    expect(formatNumber(4137.2, significantFormat(4137.2))).toBe("4,137");
    expect(excelNumberFormat(significantFormat(0.0123456))).toBe("#,##0.00000");
    expect(excelNumberFormat(significantFormat(-3456.7))).toBe("#,##0");
  });

  const cellOf = (plan: SheetPlan, name: string) => {
    const ref = plan.names.find((n) => n.name === name)!.cell;
    return cellAt(plan, ref);
  };

  it("is used for the written sheets' fitted parameters, which keep their full value", () => {
    const analysis = analysisPlan(sampleSubscriptions());
    const lifetime = customerLifetimePlan(sampleLifetime());
    for (const [plan, name] of [
      [analysis, "Sbg_Alpha"],
      [analysis, "Sbg_Beta"],
      [lifetime, "BgNbd_R"],
      [lifetime, "BgNbd_Alpha"],
      [lifetime, "BgNbd_A"],
      [lifetime, "BgNbd_B"],
    ] as const) {
      const cell = cellOf(plan, name);
      expect(cell?.kind).toBe("number");
      if (cell?.kind !== "number") continue;
      // Not rounded in the cell: the full fitted value stays for formulas that use it.
      expect(Number.isInteger(cell.value * 1e6)).toBe(false);
      expect([
        name,
        formatNumber(cell.value, cell.format).replace(/[^\d]/g, "").replace(/^0+/, "").length,
      ]).toEqual([name, 4]);
    }
  });
});
