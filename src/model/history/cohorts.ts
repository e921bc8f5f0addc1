/**
 * Cohort tables (docs/definitions.md §7). A customer's cohort is the period of their first order (or first
 * subscription start). Row = cohort, column = periods since acquisition (0, 1, 2, …):
 * - customers: the cohort's customers active in that period (orders: with an order in it;
 *   subscriptions: subscribed on some day of it), so column 0 is the cohort's size;
 * - share: that ÷ the cohort's size (column 0 = 100%);
 * - revenue: the cohort's revenue in that period (refunds included);
 * - revenue share: that ÷ the cohort's period-0 revenue (cohort net revenue retention);
 * - survivors: the cohort's customers still active at or after that period (their last activity
 *   is that late), which never rises: the input of the sBG fit. With orders, reactivation blurs
 *   "still a customer" (a customer quiet for months who orders again survived all along), and
 *   the last periods undercount survivors who will order again.
 * Cells after the last period are unobserved (NaN here, empty in a sheet), never 0. Periods in
 * which no customer was acquired have no row.
 */
import { invalidNumber } from "../errors";
import { CustomerPeriods } from "./customer-periods";
import { PeriodRange, rateOver } from "./period-retention";
import { checkCohortCells, checkCohortColumns } from "./result-size";
import { subscriptionPeriods } from "./subscription-periods";
import { Subscriptions } from "../reading/subscription-rows";

export type CohortMeasure = "customers" | "share" | "revenue" | "revenueShare" | "survivors";

export const COHORT_MEASURES: readonly CohortMeasure[] = [
  "customers",
  "share",
  "revenue",
  "revenueShare",
  "survivors",
];

export function cohortMeasureOfCode(code: number): CohortMeasure {
  const measure = Number.isInteger(code) ? COHORT_MEASURES[code] : undefined;
  if (measure === undefined)
    throw invalidNumber(
      "measure must be 0 (customers), 1 (share), 2 (revenue), 3 (revenue ÷ period-0 revenue) or 4 (survivors)"
    );
  return measure;
}

export interface CohortTable {
  range: PeriodRange;
  /** The cohorts' periods, ascending. */
  cohort: Int32Array;
  size: Int32Array;
  /** Columns: periods since acquisition 0 … ages − 1 (the oldest cohort's observed span). */
  ages: number;
  /** Row-major cohorts × ages; NaN where the period is after the range's last. */
  customers: Float64Array;
  revenue: Float64Array;
  /** Customers whose last activity (plus the window's reach) is at or after each age. */
  survivors: Float64Array;
}

/**
 * @param reach periods a customer stays active after their last activity (orders: window − 1),
 *   for the survivors measure.
 */
export function cohortTable(cells: CustomerPeriods, range: PeriodRange, reach = 0): CohortTable {
  const { offsets, period, active, revenue } = cells;
  // The size is known from the range, then from the cohorts, before the cells are allocated.
  checkCohortColumns(range);
  // Each customer's cohort: the first period in which they were active.
  const cohortOf = new Int32Array(cells.customerCount).fill(-1);
  const span = Math.max(0, range.last - range.first + 1);
  const sizeByPeriod = new Int32Array(span);
  for (let c = 0; c < cells.customerCount; c++) {
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      if (active[i] && period[i] >= range.first && period[i] <= range.last) {
        cohortOf[c] = period[i];
        sizeByPeriod[period[i] - range.first]++;
        break;
      }
    }
  }
  const rowOfPeriod = new Int32Array(span).fill(-1);
  const cohorts: number[] = [];
  for (let k = 0; k < span; k++)
    if (sizeByPeriod[k] > 0) rowOfPeriod[k] = cohorts.push(range.first + k) - 1;
  const rows = cohorts.length;
  const ages = rows === 0 ? 0 : range.last - cohorts[0] + 1;
  checkCohortCells(range, rows, ages);
  const customers = new Float64Array(rows * ages).fill(NaN);
  const money = new Float64Array(rows * ages).fill(NaN);
  const survivors = new Float64Array(rows * ages).fill(NaN);
  for (let r = 0; r < rows; r++) {
    const observed = range.last - cohorts[r] + 1;
    customers.fill(0, r * ages, r * ages + observed);
    money.fill(0, r * ages, r * ages + observed);
    survivors.fill(0, r * ages, r * ages + observed);
  }
  for (let c = 0; c < cells.customerCount; c++) {
    const cohort = cohortOf[c];
    if (cohort < 0) continue;
    const base = rowOfPeriod[cohort - range.first] * ages - cohort;
    let lastActive = cohort;
    for (let i = offsets[c]; i < offsets[c + 1]; i++) {
      const p = period[i];
      if (p < cohort || p > range.last) continue;
      if (active[i]) {
        customers[base + p]++;
        lastActive = p;
      }
      money[base + p] += revenue[i];
    }
    const survivedTo = Math.min(lastActive + reach, range.last);
    for (let p = cohort; p <= survivedTo; p++) survivors[base + p]++;
  }
  const size = new Int32Array(rows);
  for (let r = 0; r < rows; r++) size[r] = sizeByPeriod[cohorts[r] - range.first];
  return {
    range,
    cohort: Int32Array.from(cohorts),
    size,
    ages,
    customers,
    revenue: money,
    survivors,
  };
}

/** The cohort table of subscriptions: its width is checked before their periods are spread out. */
export function subscriptionCohortTable(subs: Subscriptions, range: PeriodRange): CohortTable {
  checkCohortColumns(range);
  return cohortTable(subscriptionPeriods(subs, range), range);
}

/**
 * One cell of a cohort table in the chosen measure: NaN when unobserved, NO_BASE when a revenue
 * share has no base (a cohort with no period-0 revenue).
 */
export function cohortCell(
  table: CohortTable,
  measure: CohortMeasure,
  row: number,
  age: number
): number {
  const at = row * table.ages + age;
  switch (measure) {
    case "customers":
      return table.customers[at];
    case "share":
      return table.customers[at] / table.size[row];
    case "revenue":
      return table.revenue[at];
    case "survivors":
      return table.survivors[at];
    case "revenueShare": {
      const base = table.revenue[row * table.ages];
      const value = table.revenue[at];
      return value !== value ? NaN : rateOver(value, base);
    }
  }
}
