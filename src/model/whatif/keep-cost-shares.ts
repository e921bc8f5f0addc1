/**
 * Figures from a user's data into the worked example without absurd results (issue 23): the data
 * has revenue but no costs, so when its customers or bills change a segment's revenue, that
 * segment's marketing spend and overheads are scaled by the same factor. Each cost keeps its
 * share of the segment's revenue, and so the example's profitability, until the user types
 * their own costs. A segment whose revenue was or becomes 0 (or not a number) keeps its costs.
 */
import { cloneScenario, linkedReturningCustomers, Scenario } from "../economics/scenario";
import { InputKey, setInput } from "./worked-example-model";

/** A segment's revenue as the model computes it (the linked returning customers when linked). */
function segmentRevenue(s: Scenario, segment: "new" | "returning"): number {
  const seg = s.segments[segment];
  const customers =
    segment === "returning" && s.retention.linked ? linkedReturningCustomers(s) : seg.customers;
  return customers * seg.averageBill;
}

export interface DataFigures {
  values: { key: InputKey; value: number }[];
  /** Switch the retention link on first. */
  link?: boolean;
  /** The data's currency, when the figures are money. */
  currency?: string;
}

/** The scenario with the figures set and the costs scaled (see the file's comment). */
export function withDataFigures(before: Scenario, figures: DataFigures): Scenario {
  let after = cloneScenario(before);
  if (figures.link) after.retention.linked = true;
  if (figures.currency) after.currency = figures.currency;
  for (const { key, value } of figures.values) after = setInput(after, key, value);
  for (const segment of ["new", "returning"] as const) {
    const was = segmentRevenue(before, segment);
    const now = segmentRevenue(after, segment);
    if (!(was > 0 && now > 0 && Number.isFinite(was) && Number.isFinite(now))) continue;
    const factor = now / was;
    const seg = after.segments[segment];
    // To the cent: money shows two decimals, and a field should read back what it holds.
    seg.marketingSpend = toCents(before.segments[segment].marketingSpend * factor);
    seg.overheads = toCents(before.segments[segment].overheads * factor);
  }
  return after;
}

function toCents(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The cost inputs withDataFigures may scale. */
export const SCALED_COST_KEYS: InputKey[] = [
  "segments.new.marketingSpend",
  "segments.new.overheads",
  "segments.returning.marketingSpend",
  "segments.returning.overheads",
];
