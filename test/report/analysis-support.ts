/** Small analyses for the cohort-analysis sheet's tests: the repository's samples and synthetic data. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { DataAnalysis, OrdersAnalysis, SubscriptionsAnalysis } from "../../src/model/history/analysis";
import { isoTextFromSerial } from "../../src/model/reading/excel-dates";
import { PeriodUnit } from "../../src/model/history/periods";
import { syntheticOrders } from "../support/synthetic-data";

const SAMPLES = join(__dirname, "../../samples");

export function csvRows(file: string): string[][] {
  return Papa.parse<string[]>(readFileSync(join(SAMPLES, file), "utf8"), { skipEmptyLines: true })
    .data;
}

export function sampleOrders(unit: PeriodUnit = "month", window = 1): DataAnalysis {
  const analysis = new OrdersAnalysis({ unit, window, hasRevenue: true });
  csvRows("orders.csv").forEach((r, i) => analysis.add(i + 1, r[0], r[1], r[2]));
  return analysis.finish();
}

export function sampleSubscriptions(unit: PeriodUnit = "month"): DataAnalysis {
  const analysis = new SubscriptionsAnalysis({ unit, hasRevenue: true });
  csvRows("subscriptions.csv").forEach((r, i) => analysis.add(i + 1, r[0], r[1], r[2], r[3]));
  return analysis.finish();
}

/** Synthetic orders as rows [customer, ISO date, amount], with or without amounts. */
export function syntheticOrderRows(seed: number, customers = 60, months = 10): string[][] {
  const o = syntheticOrders({ customers, months, seed });
  return o.customer.map((c, i) => [c, isoTextFromSerial(o.date[i]), String(o.amount[i])]);
}

export function ordersAnalysis(
  rows: string[][],
  unit: PeriodUnit,
  hasRevenue: boolean,
  window = 1
): DataAnalysis {
  const analysis = new OrdersAnalysis({ unit, window, hasRevenue });
  rows.forEach((r, i) => analysis.add(i + 1, r[0], r[1], hasRevenue ? r[2] : null));
  return analysis.finish();
}
