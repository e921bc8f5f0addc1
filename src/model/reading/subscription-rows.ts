/**
 * Reads a subscriptions table (customer id, start date, end date or blank while active, optional
 * recurring revenue) into typed columns, applying the data rules of cell-values.ts. One reader
 * for the cell functions, the pane's worker and the command line.
 */
import {
  cellError,
  customerKey,
  dateSerial,
  isBlankOrZero,
  looksLikeHeader,
  numberValue,
  plainValue,
} from "./cell-values";
import { CustomerIds } from "./customer-ids";
import { isoTextFromSerial, serialFromCivil } from "./excel-dates";
import { GrowableFloat64, GrowableInt32 } from "./growable";

/** The end of a subscription still running: after every date Excel has. */
export const OPEN_END = 2958466;

/**
 * Ends after 2200 (a warehouse's 9999-12-31, "never") mean the subscription still runs: read as
 * dates, they would stretch every period range to that year.
 */
export const STILL_ACTIVE_AFTER = serialFromCivil(2200, 12, 31);

export interface SubscriptionColumnNames {
  customers: string;
  starts: string;
  ends: string;
  revenue: string;
}

export const SUBSCRIPTION_COLUMN_NAMES: SubscriptionColumnNames = {
  customers: "customers",
  starts: "start_dates",
  ends: "end_dates",
  revenue: "mrr",
};

export interface Subscriptions {
  ids: CustomerIds;
  customer: Int32Array;
  /** Whole-day serials; a subscription covers the days start ≤ day < end. */
  start: Int32Array;
  end: Int32Array;
  revenue: Float64Array;
  count: number;
  firstDay: number;
  /** The latest start or end date in the data (the default "as of" date). */
  lastDay: number;
}

export class SubscriptionRowReader {
  readonly ids = new CustomerIds();
  private readonly customer = new GrowableInt32();
  private readonly start = new GrowableInt32();
  private readonly end = new GrowableInt32();
  private readonly revenue = new GrowableFloat64();
  private firstDay = Infinity;
  private lastDay = -Infinity;
  private rowsSeen = 0;

  constructor(
    /** Subscriptions starting after this serial are checked but left out; null: keep all. */
    private readonly asOfDay: number | null = null,
    private readonly names: SubscriptionColumnNames = SUBSCRIPTION_COLUMN_NAMES
  ) {}

  add(
    row: number,
    idCell: unknown,
    startCell: unknown,
    endCell: unknown,
    revenueCell: unknown
  ): void {
    idCell = plainValue(idCell);
    const first = this.rowsSeen++ === 0;
    if (
      isBlankOrZero(idCell) &&
      isBlankOrZero(startCell) &&
      isBlankOrZero(endCell) &&
      isBlankOrZero(revenueCell)
    )
      return;
    if (first && looksLikeHeader(startCell) && typeof idCell === "string") return;
    const start = dateSerial(startCell, this.names.starts, row);
    const end = dateSerial(endCell, this.names.ends, row);
    if (isBlankOrZero(idCell) && typeof idCell !== "number")
      throw cellError(this.names.customers, row, "is empty but the row has a subscription");
    const key = customerKey(idCell, this.names.customers, row);
    if (start === null)
      throw cellError(this.names.starts, row, `customer ${String(key)} has no start date`);
    if (end !== null && end < start)
      throw cellError(
        this.names.ends,
        row,
        `the end ${isoTextFromSerial(end)} is before the start ${isoTextFromSerial(start)}`
      );
    const revenue = numberValue(revenueCell, this.names.revenue, row);
    if (revenue !== null && revenue < 0)
      throw cellError(this.names.revenue, row, "recurring revenue cannot be negative");
    if (this.asOfDay !== null && start > this.asOfDay) return;
    // An end after the as-of date is not known yet on that date: the subscription still runs.
    const known =
      end !== null && end <= STILL_ACTIVE_AFTER && (this.asOfDay === null || end <= this.asOfDay)
        ? end
        : null;
    this.customer.push(this.ids.code(key));
    this.start.push(start);
    this.end.push(known === null ? OPEN_END : known);
    this.revenue.push(revenue ?? 0);
    if (start < this.firstDay) this.firstDay = start;
    const latest = known === null ? start : known;
    if (latest > this.lastDay) this.lastDay = latest;
  }

  /** Subscriptions kept so far: a caller can tell whether the row it just added was kept. */
  get count(): number {
    return this.customer.length;
  }

  finish(): Subscriptions {
    return {
      ids: this.ids,
      customer: this.customer.toArray(),
      start: this.start.toArray(),
      end: this.end.toArray(),
      revenue: this.revenue.toArray(),
      count: this.customer.length,
      firstDay: this.firstDay,
      lastDay: this.lastDay,
    };
  }
}
