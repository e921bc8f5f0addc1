/**
 * The model's own results (src/model/history, as the RETAIN functions compute them) in the row
 * shapes of the SQL files, so each SQL result can be compared row for row. Only the model's
 * public entry points are used: the same ones the cell functions call.
 */
import { cohortTable } from "../../src/model/history/cohorts";
import {
  periodRetentionFromOrders,
  periodRetentionFromSubscriptions,
  periodRetentionRate,
  PeriodRetentionTable,
  periodStarts,
} from "../../src/model/history/period-retention";
import { PeriodUnit } from "../../src/model/history/periods";
import { revenueMovements, RevenueMovementTable } from "../../src/model/history/revenue-movements";
import { rfmSummary } from "../../src/model/history/rfm";
import { subscriptionDuration } from "../../src/model/history/subscription-durations";
import { subscriptionPeriods } from "../../src/model/history/subscription-periods";
import { Column, ordersByPeriod, readSubscriptions } from "../../src/model/history/table-folding";
import { OrderRows, Row, SubscriptionRows } from "./sql-engines";

const column = (values: unknown[]): Column => ({ length: values.length, at: (i) => values[i] });

function readOrders(o: OrderRows, unit: PeriodUnit, endDay: number | null) {
  return ordersByPeriod(column(o.customer), column(o.date), column(o.amount), unit, endDay);
}

function readSubs(s: SubscriptionRows, unit: PeriodUnit, asOf: number | null) {
  return readSubscriptions(
    column(s.customer),
    column(s.start),
    column(s.end),
    column(s.mrr),
    unit,
    asOf
  );
}

function retentionRows(t: PeriodRetentionTable): Row[] {
  const starts = periodStarts(t.range);
  return Array.from(starts, (start, i) => ({
    period_start: start,
    start_customers: t.start[i],
    new_customers: t.won[i],
    end_customers: t.end[i],
    kept: t.kept[i],
    reactivated: t.reactivated[i],
    churned: t.churned[i],
    retention: t.start[i] === 0 ? null : periodRetentionRate(t, i),
  }));
}

export function modelPeriodRetention(
  o: OrderRows,
  unit: PeriodUnit,
  endDay: number | null,
  window: number
): Row[] {
  const { cells, range } = readOrders(o, unit, endDay);
  return retentionRows(periodRetentionFromOrders(cells, range, window));
}

export function modelSubscriptionRetention(
  s: SubscriptionRows,
  unit: PeriodUnit,
  asOf: number | null
): Row[] {
  const { subs, range } = readSubs(s, unit, asOf);
  return retentionRows(periodRetentionFromSubscriptions(subs, range));
}

function cohortRows(table: ReturnType<typeof cohortTable>): Row[] {
  const starts = periodStarts(table.range);
  const rows: Row[] = [];
  for (let r = 0; r < table.cohort.length; r++) {
    const observed = table.range.last - table.cohort[r] + 1;
    for (let age = 0; age < observed; age++)
      rows.push({
        cohort_start: starts[table.cohort[r] - table.range.first],
        size: table.size[r],
        age,
        customers: table.customers[r * table.ages + age],
        revenue: table.revenue[r * table.ages + age],
        survivors: table.survivors[r * table.ages + age],
      });
  }
  return rows;
}

export function modelCohorts(
  o: OrderRows,
  unit: PeriodUnit,
  endDay: number | null,
  window: number
): Row[] {
  const { cells, range } = readOrders(o, unit, endDay);
  return cohortRows(cohortTable(cells, range, window - 1));
}

export function modelSubscriptionCohorts(
  s: SubscriptionRows,
  unit: PeriodUnit,
  asOf: number | null
): Row[] {
  const { subs, range } = readSubs(s, unit, asOf);
  return cohortRows(cohortTable(subscriptionPeriods(subs, range), range));
}

function movementRows(t: RevenueMovementTable): Row[] {
  const starts = periodStarts(t.range);
  return Array.from(starts, (start, i) => ({
    period_start: start,
    start_revenue: t.start[i],
    new_revenue: t.won[i],
    expansion: t.expansion[i],
    contraction: t.contraction[i],
    churn: t.churn[i],
    reactivation: t.reactivation[i],
    end_revenue: t.end[i],
    nrr:
      t.start[i] === 0
        ? null
        : (t.start[i] + t.expansion[i] - t.contraction[i] - t.churn[i]) / t.start[i],
    grr: t.start[i] === 0 ? null : (t.start[i] - t.contraction[i] - t.churn[i]) / t.start[i],
  }));
}

export function modelRevenueMovements(
  o: OrderRows,
  unit: PeriodUnit,
  endDay: number | null
): Row[] {
  const { cells, range } = readOrders(o, unit, endDay);
  return movementRows(revenueMovements(cells, range));
}

export function modelSubscriptionRevenueMovements(
  s: SubscriptionRows,
  unit: PeriodUnit,
  asOf: number | null
): Row[] {
  const { subs, range } = readSubs(s, unit, asOf);
  return movementRows(revenueMovements(subscriptionPeriods(subs, range), range));
}

/** Per-customer RFM rows of the model (as RETAIN.RFM lists them), without the id. */
export function modelRfm(o: OrderRows, endDay: number | null, timeUnit: number): Row[] {
  const read = ordersByPeriod(column(o.customer), column(o.date), column(o.amount), "day", endDay);
  const summary = rfmSummary(read.cells, endDay ?? read.lastDay, timeUnit);
  return Array.from({ length: summary.count }, (_, k) => ({
    frequency: summary.frequency[k],
    recency: summary.recency[k],
    T: summary.age[k],
    monetary_value: summary.monetary[k],
  }));
}

/** Each subscription's (duration, churned) as RETAIN.SUBSCRIPTION_DURATIONS gives them. */
export function modelDurations(
  s: SubscriptionRows,
  unit: PeriodUnit,
  asOf: number | null
): Array<{ duration: number; churned: number }> {
  let day = asOf ?? -Infinity;
  if (asOf === null)
    for (let i = 0; i < s.start.length; i++) day = Math.max(day, s.end[i] ?? s.start[i]);
  const out: Array<{ duration: number; churned: number }> = [];
  for (let i = 0; i < s.start.length; i++) {
    const d = subscriptionDuration(s.start[i], s.end[i], day, unit);
    if (d) out.push(d);
  }
  return out;
}
