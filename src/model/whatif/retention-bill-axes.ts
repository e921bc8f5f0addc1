import { Scenario } from "../economics/scenario";

/**
 * Axes for a grid of total profit over retention rate × returning average bill (the report's
 * sensitivity block): the scenario's rate ±10 and ±20 points, kept within (0, 100%], and its
 * returning bill ±10% and ±20%, rounded to 0.01% and to cents so the headers read as typed.
 */
export function retentionBillAxes(s: Scenario): {
  retentionRates: number[];
  averageBills: number[];
} {
  const sortedUnique = (xs: number[]) => [...new Set(xs)].sort((a, b) => a - b);
  const rates = [-0.2, -0.1, 0, 0.1, 0.2].map(
    (step) => Math.round((s.retention.rate + step) * 1e4) / 1e4
  );
  const bill = s.segments.returning.averageBill;
  return {
    retentionRates: sortedUnique(rates.filter((r) => r > 0 && r <= 1)),
    averageBills: sortedUnique(
      [0.8, 0.9, 1, 1.1, 1.2].map((f) => Math.round(bill * f * 100) / 100)
    ),
  };
}
