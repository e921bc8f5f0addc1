/**
 * The whole analysis of a user's table, as the pane shows it, the analysis sheet writes it and
 * the command line streams it: period retention, cohorts, survival, revenue movements, value
 * concentration, repeat spend and the latest complete period's figures for the what-if model.
 * Rows are folded in one at a time (`add`), so a file of any length streams through in memory
 * that grows with customers and periods. Every figure comes from the one model in this folder.
 */
import { CustomerIds } from "../reading/customer-ids";
import { CustomerPeriodAccumulator, CustomerPeriods } from "./customer-periods";
import { cohortTable, CohortTable } from "./cohorts";
import {
  RepeatSpend,
  RepeatSpendAccumulator,
  valueConcentration,
  ValueConcentration,
} from "./customer-value";
import { kaplanMeier, KaplanMeierTable, medianLifetime, SurvivalRows } from "./kaplan-meier";
import { isPurchase, OrderRowReader } from "../reading/order-rows";
import {
  checkWindow,
  PeriodRange,
  periodRetentionFromOrders,
  periodRetentionFromSubscriptions,
  periodRetentionRate,
  PeriodRetentionTable,
} from "./period-retention";
import { periodEnd, periodOf, PeriodUnit } from "./periods";
import { revenueMovements, RevenueMovementTable } from "./revenue-movements";
import { completedPeriods } from "./subscription-durations";
import { subscriptionsByCustomer } from "./subscription-order";
import { subscriptionPeriods } from "./subscription-periods";
import { OPEN_END, SubscriptionRowReader, Subscriptions } from "../reading/subscription-rows";
import { noData } from "./table-folding";
import { GrowableFloat64, GrowableInt32 } from "../reading/growable";
import { checkAnalysisPeriods } from "./result-size";

export type DataShape = "orders" | "subscriptions";

export interface AnalysisOptions {
  unit: PeriodUnit;
  /** Orders: the activity window in periods (default 1). */
  window?: number;
  /** Orders after (subscriptions starting after) this serial are left out; null: all. */
  endDay?: number | null;
  /** Whether the table has an amount (orders) or recurring revenue (subscriptions) column. */
  hasRevenue: boolean;
  /**
   * Orders: keep every order as read (OrdersAnalysis.readOrders), so another model (the
   * customer-lifetime fit) can take them without the table being read again.
   */
  keepOrders?: boolean;
}

/** The orders an OrdersAnalysis accepted, in the table's order, as its reader coded them. */
export interface ReadOrders {
  ids: CustomerIds;
  /** Each order's customer: a code of `ids` (ids.labels[code] is the customer's id). */
  customer: Int32Array;
  /** Whole-day serials. */
  day: Int32Array;
  /** NaN where the order has no amount. */
  amount: Float64Array;
}

/** The what-if model's inputs, measured on the latest complete period. */
export interface LatestPeriod {
  period: number;
  retention: number;
  startCustomers: number;
  newCustomers: number;
  returningCustomers: number;
  /** Mean revenue per new / returning customer in the period; null without amounts. */
  newBill: number | null;
  returningBill: number | null;
}

export interface DataAnalysis {
  shape: DataShape;
  ids: CustomerIds;
  rows: number;
  range: PeriodRange;
  /** The end of observation: the end date, or the last date in the data. */
  lastDay: number;
  window: number;
  hasRevenue: boolean;
  cells: CustomerPeriods;
  retention: PeriodRetentionTable;
  cohorts: CohortTable;
  movements: RevenueMovementTable | null;
  survival: KaplanMeierTable;
  medianLifetime: number | null;
  concentration: ValueConcentration | null;
  repeatSpend: RepeatSpend | null;
  latest: LatestPeriod | null;
}

/**
 * What the analysis sheet is written from: the aggregates alone, which a warehouse engine can
 * produce too (the command line's DuckDB path fills these from SQL, without the cells).
 */
export type AnalysisTables = Pick<
  DataAnalysis,
  | "shape"
  | "rows"
  | "range"
  | "lastDay"
  | "window"
  | "retention"
  | "cohorts"
  | "movements"
  | "latest"
> & { ids: { count: number } };

/** Streams an orders table into an analysis. */
export class OrdersAnalysis {
  private readonly cells: CustomerPeriodAccumulator;
  private readonly repeat = new RepeatSpendAccumulator();
  private readonly reader: OrderRowReader;
  private readonly window: number;
  private readonly kept: {
    customer: GrowableInt32;
    day: GrowableInt32;
    amount: GrowableFloat64;
  } | null;

  constructor(private readonly options: AnalysisOptions) {
    this.window = checkWindow(options.window ?? 1);
    this.cells = new CustomerPeriodAccumulator(options.unit);
    const kept = options.keepOrders
      ? { customer: new GrowableInt32(), day: new GrowableInt32(), amount: new GrowableFloat64() }
      : null;
    this.kept = kept;
    this.reader = new OrderRowReader((customer, day, amount) => {
      this.cells.addDay(customer, day, amount, isPurchase(amount));
      this.repeat.add(customer, day, amount);
      if (kept) {
        kept.customer.push(customer);
        kept.day.push(day);
        kept.amount.push(amount);
      }
    }, options.endDay ?? null);
  }

  /** The orders read so far (with the keepOrders option; null without it). */
  readOrders(): ReadOrders | null {
    const { kept } = this;
    if (!kept) return null;
    return {
      ids: this.reader.ids,
      customer: kept.customer.toArray(),
      day: kept.day.toArray(),
      amount: kept.amount.toArray(),
    };
  }

  add(row: number, id: unknown, date: unknown, amount: unknown): void {
    this.reader.add(row, id, date, amount);
  }

  finish(): DataAnalysis {
    const { reader, options } = this;
    if (reader.orders === 0) throw noData("orders");
    const lastDay = options.endDay ?? reader.lastDay;
    const range = {
      unit: options.unit,
      first: periodOf(reader.firstDay, options.unit),
      last: periodOf(lastDay, options.unit),
    };
    // Refused from the dates alone, before any table of that many periods is allocated.
    checkAnalysisPeriods(range);
    const cells = this.cells.finish(reader.ids.count);
    const retention = periodRetentionFromOrders(cells, range, this.window);
    const survival = kaplanMeier(orderLifetimes(cells, range, this.window));
    return {
      shape: "orders",
      ids: reader.ids,
      rows: reader.orders,
      range,
      lastDay,
      window: this.window,
      hasRevenue: options.hasRevenue,
      cells,
      retention,
      cohorts: cohortTable(cells, range, this.window - 1),
      movements: options.hasRevenue ? revenueMovements(cells, range) : null,
      survival,
      medianLifetime: medianLifetime(survival),
      concentration: options.hasRevenue ? valueConcentration(cells) : null,
      repeatSpend: options.hasRevenue ? this.repeat.finish() : null,
      latest: latestPeriod(retention, cells, range, lastDay, options.hasRevenue),
    };
  }
}

/** Streams a subscriptions table into an analysis. */
export class SubscriptionsAnalysis {
  private readonly reader: SubscriptionRowReader;

  constructor(private readonly options: AnalysisOptions) {
    this.reader = new SubscriptionRowReader(options.endDay ?? null);
  }

  add(row: number, id: unknown, start: unknown, end: unknown, revenue: unknown): void {
    this.reader.add(row, id, start, end, revenue);
  }

  finish(): DataAnalysis {
    const subs = this.reader.finish();
    if (subs.count === 0) throw noData("subscriptions");
    const { unit, hasRevenue } = this.options;
    const lastDay = this.options.endDay ?? subs.lastDay;
    const range = { unit, first: periodOf(subs.firstDay, unit), last: periodOf(lastDay, unit) };
    checkAnalysisPeriods(range);
    const cells = subscriptionPeriods(subs, range);
    const retention = periodRetentionFromSubscriptions(subs, range);
    const survival = kaplanMeier(subscriptionLifetimes(subs, lastDay, unit));
    return {
      shape: "subscriptions",
      ids: subs.ids,
      rows: subs.count,
      range,
      lastDay,
      window: 1,
      hasRevenue,
      cells,
      retention,
      cohorts: cohortTable(cells, range),
      movements: hasRevenue ? revenueMovements(cells, range) : null,
      survival,
      medianLifetime: medianLifetime(survival),
      concentration: hasRevenue ? valueConcentration(cells) : null,
      repeatSpend: null,
      latest: latestPeriod(retention, cells, range, lastDay, hasRevenue),
    };
  }
}

/**
 * Orders as survival data, in periods: a customer is alive at the ends of the periods from
 * their first order's to the end of their last activity window (gaps are not churn here); they
 * churned when that window closed before the last period, else they are censored.
 */
export function orderLifetimes(
  cells: CustomerPeriods,
  range: PeriodRange,
  window: number
): SurvivalRows {
  const duration = new GrowableFloat64();
  const churned = new GrowableInt32();
  for (let c = 0; c < cells.customerCount; c++) {
    let first = NaN;
    let last = NaN;
    for (let i = cells.offsets[c]; i < cells.offsets[c + 1]; i++) {
      if (!cells.active[i] || cells.period[i] > range.last) continue;
      if (first !== first) first = cells.period[i];
      last = cells.period[i];
    }
    if (first !== first) continue;
    const closes = last + window; // the first period at whose end they are no longer active
    if (closes <= range.last) {
      duration.push(closes - first);
      churned.push(1);
    } else {
      duration.push(range.last - first + 1);
      churned.push(0);
    }
  }
  return survivalRows(duration, churned);
}

/**
 * Subscriptions as survival data: each customer from their first start to their last end (or
 * the end of observation while subscribed), in completed periods as DATEDIF counts them.
 */
export function subscriptionLifetimes(
  subs: Subscriptions,
  lastDay: number,
  unit: PeriodUnit
): SurvivalRows {
  const duration = new GrowableFloat64();
  const churned = new GrowableInt32();
  for (const list of subscriptionsByCustomer(subs)) {
    const start = subs.start[list[0]];
    let end = 0;
    for (const s of list) end = Math.max(end, subs.end[s]);
    const ended = end < OPEN_END && end <= lastDay;
    duration.push(completedPeriods(start, ended ? end : lastDay, unit));
    churned.push(ended ? 1 : 0);
  }
  return survivalRows(duration, churned);
}

function survivalRows(duration: GrowableFloat64, churned: GrowableInt32): SurvivalRows {
  const weight = new Float64Array(duration.length).fill(1);
  return {
    duration: duration.toArray(),
    churned: Uint8Array.from(churned.toArray()),
    weight,
    count: duration.length,
  };
}

/**
 * The latest period that ended by the end of observation and had customers at its start, with
 * the new and returning customers' mean revenue in it (returning: active in the period, acquired
 * before it).
 */
export function latestPeriod(
  retention: PeriodRetentionTable,
  cells: CustomerPeriods,
  range: PeriodRange,
  lastDay: number,
  hasRevenue: boolean
): LatestPeriod | null {
  let p = range.last;
  if (periodEnd(p, range.unit) > lastDay) p--;
  while (p >= range.first && retention.start[p - range.first] === 0) p--;
  if (p < range.first) return null;
  const i = p - range.first;
  let newCount = 0;
  let newRevenue = 0;
  let returningCount = 0;
  let returningRevenue = 0;
  for (let c = 0; c < cells.customerCount; c++) {
    let cohort = NaN;
    for (let k = cells.offsets[c]; k < cells.offsets[c + 1]; k++) {
      if (cells.active[k] && cohort !== cohort) cohort = cells.period[k];
      if (cells.period[k] !== p || !cells.active[k]) continue;
      if (cohort === p) {
        newCount++;
        newRevenue += cells.revenue[k];
      } else {
        returningCount++;
        returningRevenue += cells.revenue[k];
      }
    }
  }
  return {
    period: p,
    retention: periodRetentionRate(retention, i),
    startCustomers: retention.start[i],
    newCustomers: newCount,
    returningCustomers: returningCount,
    newBill: hasRevenue && newCount > 0 ? newRevenue / newCount : null,
    returningBill: hasRevenue && returningCount > 0 ? returningRevenue / returningCount : null,
  };
}
