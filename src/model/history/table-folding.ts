/**
 * Whole tables into the model's aggregates: the orders or subscriptions a cell function points
 * at, read through the row readers, with the range of periods they cover. (The pane's worker and
 * the command line stream their rows into the analyses instead: row-feeding.ts.)
 */
import { DomainError } from "../errors";
import { CustomerIds } from "../reading/customer-ids";
import {
  isPurchase,
  ORDER_COLUMN_NAMES,
  OrderColumnNames,
  OrderRowReader,
} from "../reading/order-rows";
import {
  SUBSCRIPTION_COLUMN_NAMES,
  SubscriptionColumnNames,
  SubscriptionRowReader,
  Subscriptions,
} from "../reading/subscription-rows";
import { CustomerPeriodAccumulator, CustomerPeriods } from "./customer-periods";
import { PeriodRange } from "./period-retention";
import { periodOf, PeriodUnit } from "./periods";
import { withLastFrom } from "./result-size";

/** One column of a table, read by position (row 0 = the range's first row). */
export interface Column {
  length: number;
  at(i: number): unknown;
}

export const NO_COLUMN: Column = { length: 0, at: () => null };

export const noData = (what: string): DomainError => new DomainError("na", `no ${what}`);

export interface OrdersByPeriod {
  ids: CustomerIds;
  cells: CustomerPeriods;
  range: PeriodRange;
  /** The last order date on or before the end date (the default end of observation). */
  lastDay: number;
}

/** Orders folded into customer-period cells of one unit; orders after `endDay` are left out. */
export function ordersByPeriod(
  customers: Column,
  dates: Column,
  amounts: Column,
  unit: PeriodUnit,
  endDay: number | null,
  /** The arguments' names, for messages ("order_dates row 4: …"). */
  names: OrderColumnNames = ORDER_COLUMN_NAMES
): OrdersByPeriod {
  const acc = new CustomerPeriodAccumulator(unit, undefined, customers.length);
  const reader = new OrderRowReader(
    (customer, day, amount) => acc.addDay(customer, day, amount, isPurchase(amount)),
    endDay,
    names
  );
  const hasAmounts = amounts.length > 0;
  for (let i = 0; i < customers.length; i++)
    reader.add(i + 1, customers.at(i), dates.at(i), hasAmounts ? amounts.at(i) : null);
  if (reader.orders === 0) throw noData("orders");
  const cells = acc.finish(reader.ids.count);
  const range = withLastFrom(
    {
      unit,
      first: periodOf(reader.firstDay, unit),
      last: periodOf(endDay ?? reader.lastDay, unit),
    },
    endDay === null ? names.dates : "end_date"
  );
  return { ids: reader.ids, cells, range, lastDay: reader.lastDay };
}

export interface SubscriptionsWithRange {
  subs: Subscriptions;
  range: PeriodRange;
}

/** Subscriptions observed as of a date (default: the latest start or end date in the data). */
export function readSubscriptions(
  customers: Column,
  starts: Column,
  ends: Column,
  revenue: Column,
  unit: PeriodUnit,
  asOfDay: number | null,
  names: SubscriptionColumnNames = SUBSCRIPTION_COLUMN_NAMES
): SubscriptionsWithRange {
  const reader = new SubscriptionRowReader(asOfDay, names);
  const hasEnds = ends.length > 0;
  const hasRevenue = revenue.length > 0;
  for (let i = 0; i < customers.length; i++)
    reader.add(
      i + 1,
      customers.at(i),
      starts.at(i),
      hasEnds ? ends.at(i) : null,
      hasRevenue ? revenue.at(i) : null
    );
  const subs = reader.finish();
  if (subs.count === 0) throw noData("subscriptions");
  const range = withLastFrom(
    {
      unit,
      first: periodOf(subs.firstDay, unit),
      last: periodOf(asOfDay ?? subs.lastDay, unit),
    },
    asOfDay === null ? `${names.starts} or ${names.ends}` : "as_of"
  );
  return { subs, range };
}
