/**
 * The cell shapes every sheet plan writes: literal text, a typed value (an input by default),
 * and a formula carrying the model's value (non-finite: the formula's guard shows "").
 */
import { CellStyle, NumberFormat, PlanCell } from "../sheet-plan";

export const textCell = (value: string, style?: CellStyle): PlanCell => ({
  kind: "text",
  text: value,
  style,
});

export const valueCell = (
  v: number,
  format: NumberFormat,
  style: CellStyle = "input"
): PlanCell => ({ kind: "number", value: v, format, style });

export const formulaCell = (f: string, expected: number, format: NumberFormat): PlanCell =>
  Number.isFinite(expected)
    ? { kind: "formula", formula: f, expected, format, style: "output" }
    : { kind: "formula", formula: f, expected: NaN, expectedText: "", format, style: "output" };
