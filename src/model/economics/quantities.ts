/**
 * The named quantities of a scenario's results, shared by every view of them: the pane's
 * tables and what-if tools, and the report's formulas. One list, so they cannot drift apart.
 */
import type { SegmentEconomics } from "./segment";

/** The economics of a segment, in the order tables and reports show them. */
export const ECONOMICS_FIELDS = [
  "revenue",
  "totalCost",
  "profit",
  "profitability",
  "costPerCustomer",
  "profitPerCustomer",
  "spendPerCustomer",
] as const satisfies readonly (keyof SegmentEconomics)[];
export type EconomicsField = (typeof ECONOMICS_FIELDS)[number];

/** Every result of evaluateScenario, as "group.field" paths. */
export const OUTPUT_KEYS = [
  ...(["new", "returning", "total"] as const).flatMap((segment) =>
    ECONOMICS_FIELDS.map((field) => `${segment}.${field}` as const)
  ),
  "comparison.costRatio",
  "comparison.extraProfitPerReturning",
  "comparison.extraProfitShare",
  "ltv.margin",
  "ltv.value",
  "ltv.cac",
  "ltv.ltvToCac",
  "ltv.cacPaybackPeriods",
] as const;
export type OutputKey = (typeof OUTPUT_KEYS)[number];
