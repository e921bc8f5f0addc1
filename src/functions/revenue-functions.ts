/*
 * Revenue retention ratios (docs/definitions.md §8): NRR, GRR and the quick ratio of one period's revenue
 * movements. Element-wise through mapArguments (excel-args.ts has the rules on ranges, blanks
 * and errors). custom-functions-metadata-plugin appends CustomFunctions.associate.
 */
import {
  grossRevenueRetention,
  netRevenueRetention,
  quickRatio,
} from "../model/economics/revenue-retention";
import { mapArguments } from "./excel-args";

/**
 * Net revenue retention: (start + expansion − contraction − churn) ÷ start; new business and reactivations are excluded.
 * @customfunction NRR
 * @param start_revenue Recurring revenue at the start of the period.
 * @param expansion Revenue added by existing customers (upgrades), as a positive amount.
 * @param contraction Revenue lost to downgrades by customers who stay, as a positive amount.
 * @param churn Revenue lost to customers who left, as a positive amount.
 * @returns NRR as a fraction (1.05 = 105%).
 */
export function NRR(
  start_revenue: any[][],
  expansion: any[][],
  contraction: any[][],
  churn: any[][]
): any[][] {
  return mapArguments({ start_revenue, expansion, contraction, churn }, (x) =>
    netRevenueRetention(x[0], x[1], x[2], x[3])
  ) as any[][];
}

/**
 * Gross revenue retention: (start − contraction − churn) ÷ start, never above 100%.
 * @customfunction GRR
 * @param start_revenue Recurring revenue at the start of the period.
 * @param contraction Revenue lost to downgrades by customers who stay, as a positive amount.
 * @param churn Revenue lost to customers who left, as a positive amount.
 * @returns GRR as a fraction, 0 to 1.
 */
export function GRR(start_revenue: any[][], contraction: any[][], churn: any[][]): any[][] {
  return mapArguments({ start_revenue, contraction, churn }, (x) =>
    grossRevenueRetention(x[0], x[1], x[2])
  ) as any[][];
}

/**
 * SaaS quick ratio (Baremetrics): (new + expansion) ÷ (contraction + churn); reactivations count as growth when given.
 * @customfunction QUICK_RATIO
 * @param new_revenue Revenue from new customers.
 * @param expansion Revenue added by existing customers.
 * @param contraction Revenue lost to downgrades, as a positive amount.
 * @param churn Revenue lost to customers who left, as a positive amount.
 * @param [reactivation] Revenue from returning former customers, added to the growth side; omitted: 0.
 * @returns The quick ratio; above 4 is read as efficient growth.
 */
export function QUICK_RATIO(
  new_revenue: any[][],
  expansion: any[][],
  contraction: any[][],
  churn: any[][],
  reactivation?: any[][]
): any[][] {
  return mapArguments(
    { new_revenue, expansion, contraction, churn, reactivation },
    (x) => quickRatio(x[0], x[1], x[2], x[3], x[4]),
    { reactivation: 0 }
  ) as any[][];
}
