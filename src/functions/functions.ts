/*
 * The RETAIN.* custom functions. Each is a thin adapter: Excel arguments → model → Excel
 * results, through mapArguments (see excel-args.ts for the shared rules on ranges, blanks and
 * errors; parameters are `any` so that empty cells stay distinguishable from 0, and error values
 * in ranges reach the function). custom-functions-metadata-plugin reads the JSDoc below to write functions.json and
 * appends the CustomFunctions.associate calls itself: never call associate here.
 * This bundle must load with nothing but a CustomFunctions global: import only the model.
 */

import { mapArguments, optionalArg } from "./excel-args";
import {
  churnRate,
  expectedLifetime,
  rescaleRetention,
  retentionRate,
} from "../model/economics/retention";
import { customerCost } from "../model/economics/segment";
import { ltv } from "../model/economics/ltv";

/**
 * Customer retention rate for a period: customers kept ÷ customers at the start.
 * @customfunction RETENTION_RATE
 * @param start_customers Customers at the start of the period.
 * @param end_customers Customers at the end of the period.
 * @param new_customers New customers won during the period.
 * @param [basis] 0 or omitted: (end − new) ÷ start. 1: (end − new) ÷ (start + new).
 * @returns The retention rate as a fraction; format the cell as a percentage.
 */
export function RETENTION_RATE(
  start_customers: any[][],
  end_customers: any[][],
  new_customers: any[][],
  basis?: any[][]
): any[][] {
  return mapArguments(
    { start_customers, end_customers, new_customers, basis },
    (x) => retentionRate(x[0], x[1], x[2], x[3]),
    { basis: 0 },
    ["basis"]
  );
}

/**
 * What one customer costs the business: (spend + overheads) ÷ customers.
 * @customfunction CUSTOMER_COST
 * @param spend Marketing spend (new customers) or service spend (returning customers).
 * @param customers Number of customers the spend served.
 * @param [overheads] Taxes and overheads attributed to these customers; omitted: 0.
 * @returns Cost per customer, in the currency of the inputs.
 */
export function CUSTOMER_COST(spend: any[][], customers: any[][], overheads?: any[][]): any[][] {
  return mapArguments({ spend, customers, overheads }, (x) => customerCost(x[0], x[1], x[2]), {
    overheads: 0,
  });
}

/**
 * Lifetime value of a customer under constant retention: the expected discounted margin.
 * @customfunction LTV
 * @param margin Margin per customer per period.
 * @param retention_rate Share of customers kept each period, 0 to 1.
 * @param [discount_rate] Discount rate per period; omitted: 0.
 * @param [periods] Horizon in periods (truncated to a whole number); 0, blank or omitted: unlimited.
 * @param [type] 0 or omitted: margin at the end of each period. 1: at the beginning (as Excel's PV).
 * @returns The lifetime value, in the currency of the margin.
 */
export function LTV(
  margin: any[][],
  retention_rate: any[][],
  discount_rate?: any[][],
  periods?: any[][],
  type?: any[][]
): any[][] {
  return mapArguments(
    { margin, retention_rate, discount_rate, periods, type },
    // 0 is unlimited too: desktop Excel builds before the fix of office-js #5262 pass an empty
    // periods cell as 0, and 0 periods has no other meaning.
    (x) => ltv(x[0], x[1], x[2], x[3] === 0 ? null : optionalArg(x[3]), x[4]),
    { discount_rate: 0, periods: null, type: 0 },
    ["type"]
  );
}

/**
 * Churn rate: the share of customers lost in a period, 1 − retention.
 * @customfunction CHURN_RATE
 * @param retention_rate Share of customers kept per period, 0 to 1.
 * @returns The churn rate as a fraction.
 */
export function CHURN_RATE(retention_rate: any[][]): any[][] {
  return mapArguments({ retention_rate }, (x) => churnRate(x[0]));
}

/**
 * Expected customer lifetime in periods under constant retention: 1 ÷ (1 − retention).
 * @customfunction EXPECTED_LIFETIME
 * @param retention_rate Share of customers kept per period, 0 to 1 (below 1).
 * @returns The expected number of periods a customer stays.
 */
export function EXPECTED_LIFETIME(retention_rate: any[][]): any[][] {
  return mapArguments({ retention_rate }, (x) => expectedLifetime(x[0]));
}

/**
 * Converts a retention rate to another period length: retention ^ periods.
 * @customfunction RETENTION_RESCALE
 * @param retention_rate Retention per period, 0 to 1.
 * @param periods How many of those periods make the new one: 12 turns monthly into annual, 1/12 annual into monthly.
 * @returns The retention rate over the new period length.
 */
export function RETENTION_RESCALE(retention_rate: any[][], periods: any[][]): any[][] {
  return mapArguments({ retention_rate, periods }, (x) => rescaleRetention(x[0], x[1]));
}
