/**
 * Revenue retention ratios (docs/definitions.md §8). Inputs are one period's revenue movements, all ≥ 0.
 * GRR can never exceed 100% and never fall below 0: data that says otherwise is #NUM!.
 */
import { divisionByZero, invalidNumber } from "../errors";

function checkMovements(values: Record<string, number>): void {
  for (const [name, v] of Object.entries(values))
    if (v < 0)
      throw invalidNumber(`${name} cannot be negative (enter movements as positive amounts)`);
}

function checkLosses(start: number, contraction: number, churn: number): void {
  if (start === 0) throw divisionByZero("no revenue at the start of the period");
  if (contraction + churn > start)
    throw invalidNumber(
      "contraction + churn exceed the starting revenue: a period cannot lose more than it had"
    );
}

/** Net revenue retention: (start + expansion − contraction − churn) ÷ start. */
export function netRevenueRetention(
  start: number,
  expansion: number,
  contraction: number,
  churn: number
): number {
  checkMovements({ start, expansion, contraction, churn });
  checkLosses(start, contraction, churn);
  return (start + expansion - contraction - churn) / start;
}

/** Gross revenue retention: (start − contraction − churn) ÷ start, never above 100%. */
export function grossRevenueRetention(start: number, contraction: number, churn: number): number {
  checkMovements({ start, contraction, churn });
  checkLosses(start, contraction, churn);
  return (start - contraction - churn) / start;
}

/** Quick ratio (Baremetrics): (new + expansion [+ reactivation]) ÷ (contraction + churn). */
export function quickRatio(
  won: number,
  expansion: number,
  contraction: number,
  churn: number,
  reactivation = 0
): number {
  checkMovements({ new: won, expansion, contraction, churn, reactivation });
  const losses = contraction + churn;
  if (losses === 0) throw divisionByZero("no contraction or churn: the quick ratio is unbounded");
  return (won + expansion + reactivation) / losses;
}
