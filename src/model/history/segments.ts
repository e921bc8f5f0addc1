/**
 * Splitting a table's rows by segment (plan, channel, country…), for the data functions'
 * `segments` argument: one block per segment, each computed on its own rows alone.
 *
 * A customer belongs to the segment of their first row (the earliest date; on a tie, the row
 * that comes first), so all of their rows land in one block even when the segment column changes
 * between orders: a customer is counted once, where they were acquired.
 */
import { cellError, plainValue } from "../reading/cell-values";
import { GrowableInt32 } from "../reading/growable";
import { OrderColumnNames, OrderRowReader, ORDER_COLUMN_NAMES } from "../reading/order-rows";
import { SubscriptionRowReader } from "../reading/subscription-rows";
import { lastRowWithContent, SurvivalRowReader } from "../reading/survival-rows";
import { Column, noData } from "./table-folding";

/** A segment as the user wrote it: text or a number ("" for an empty cell, "TRUE" for TRUE). */
export type SegmentLabel = string | number;

/**
 * Segment values coded 0, 1, 2, … in order of first appearance. Text is matched as Excel's `=`
 * and FILTER match it, ignoring case ("Referral" = "referral"; the first spelling is the
 * label); a number and its text stay apart, as they do for `=`, and so do TRUE and "TRUE"
 * (shown as text). An empty cell is a segment of its own, labelled "".
 */
export class SegmentCodes {
  readonly labels: SegmentLabel[] = [];
  private readonly codes = new Map<string, number>();

  constructor(private readonly name = "segments") {}

  /** The code of one cell; `row` (1 = the range's first row) names a bad cell in the message. */
  code(cell: unknown, row: number): number {
    const value = plainValue(cell);
    let key: string;
    let label: SegmentLabel;
    if (value === null || value === undefined || value === "") {
      key = "t:";
      label = "";
    } else if (typeof value === "string") {
      key = `t:${value.toLowerCase()}`;
      label = value;
    } else if (typeof value === "number") {
      if (!Number.isFinite(value)) throw cellError(this.name, row, "is not a valid segment");
      key = `n:${value}`;
      label = value;
    } else if (typeof value === "boolean") {
      key = `b:${value}`;
      label = value ? "TRUE" : "FALSE";
    } else {
      throw cellError(this.name, row, `${errorText(value)} is not a segment`);
    }
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.labels.length;
      this.codes.set(key, code);
      this.labels.push(label);
    }
    return code;
  }
}

/** How an error value reads in a message ("#N/A"), as the other data messages write it. */
function errorText(value: unknown): string {
  const o = (value ?? {}) as Record<string, unknown>;
  for (const key of ["code", "basicValue"])
    if (typeof o[key] === "string" && (o[key] as string).startsWith("#")) return o[key] as string;
  return "an error value";
}

/** One segment's block: its label and the table's rows that belong to it, in row order. */
export interface SegmentBlock {
  label: SegmentLabel;
  /** 0-based positions in the table's columns, ascending. */
  rows: Int32Array;
}

/**
 * The rows a function counts, each with its customer (an integer code), its day (the first-row
 * rule's date) and its segment code, collected in row order.
 */
export class SegmentedRows {
  private readonly row = new GrowableInt32();
  private readonly customer = new GrowableInt32();
  private readonly day = new GrowableInt32();
  private readonly segment = new GrowableInt32();

  add(row: number, customer: number, day: number, segment: number): void {
    this.row.push(row);
    this.customer.push(customer);
    this.day.push(day);
    this.segment.push(segment);
  }

  get count(): number {
    return this.row.length;
  }

  /**
   * One block per segment that owns a customer, in order of the segments' codes; each
   * customer's rows go to the segment of their first row. `customers` is the number of codes.
   */
  split(customers: number, labels: readonly SegmentLabel[]): SegmentBlock[] {
    const n = this.row.length;
    const row = this.row.data;
    const customer = this.customer.data;
    const day = this.day.data;
    const segment = this.segment.data;
    const first = new Int32Array(customers).fill(-1);
    for (let k = 0; k < n; k++) {
      const c = customer[k];
      // Strictly earlier: on a tie the row read first keeps the customer.
      if (first[c] < 0 || day[k] < day[first[c]]) first[c] = k;
    }
    const owner = new Int32Array(customers);
    for (let c = 0; c < customers; c++) owner[c] = first[c] < 0 ? -1 : segment[first[c]];
    const size = new Int32Array(labels.length);
    for (let k = 0; k < n; k++) size[owner[customer[k]]]++;
    const blocks: SegmentBlock[] = [];
    const blockOf = new Int32Array(labels.length).fill(-1);
    for (let s = 0; s < labels.length; s++)
      if (size[s] > 0) {
        blockOf[s] = blocks.length;
        blocks.push({ label: labels[s], rows: new Int32Array(size[s]) });
      }
    const filled = new Int32Array(blocks.length);
    for (let k = 0; k < n; k++) {
      const b = blockOf[owner[customer[k]]];
      blocks[b].rows[filled[b]++] = row[k];
    }
    return blocks;
  }
}

/*
 * The three readers below run the table once through the usual row reader, so every bad cell is
 * named with its row in the whole range, and keep each row the function counts with its segment.
 * A row left out (empty, the titles, after the end date, of weight 0) has no segment, and its
 * segment cell is never read.
 */

/** Orders' blocks: a customer's first order is their earliest order date up to `endDay`. */
export function orderSegments(
  customers: Column,
  dates: Column,
  amounts: Column,
  segments: Column,
  endDay: number | null,
  names: OrderColumnNames = ORDER_COLUMN_NAMES
): SegmentBlock[] {
  const codes = new SegmentCodes();
  const kept = new SegmentedRows();
  let at = 0;
  const reader = new OrderRowReader(
    (customer, day) => kept.add(at, customer, day, codes.code(segments.at(at), at + 1)),
    endDay,
    names
  );
  const hasAmounts = amounts.length > 0;
  for (at = 0; at < customers.length; at++)
    reader.add(at + 1, customers.at(at), dates.at(at), hasAmounts ? amounts.at(at) : null);
  if (reader.orders === 0) throw noData("orders");
  return kept.split(reader.ids.count, codes.labels);
}

/** Subscriptions' blocks: a customer's first subscription is their earliest start. */
export function subscriptionSegments(
  customers: Column,
  starts: Column,
  ends: Column,
  revenue: Column,
  segments: Column,
  asOfDay: number | null
): SegmentBlock[] {
  const codes = new SegmentCodes();
  const reader = new SubscriptionRowReader(asOfDay);
  const keptRow = new GrowableInt32();
  const keptSegment = new GrowableInt32();
  const hasEnds = ends.length > 0;
  const hasRevenue = revenue.length > 0;
  for (let i = 0; i < customers.length; i++) {
    const before = reader.count;
    reader.add(
      i + 1,
      customers.at(i),
      starts.at(i),
      hasEnds ? ends.at(i) : null,
      hasRevenue ? revenue.at(i) : null
    );
    if (reader.count === before) continue;
    keptRow.push(i);
    keptSegment.push(codes.code(segments.at(i), i + 1));
  }
  const subs = reader.finish();
  if (subs.count === 0) throw noData("subscriptions");
  const kept = new SegmentedRows();
  for (let k = 0; k < subs.count; k++)
    kept.add(keptRow.data[k], subs.customer[k], subs.start[k], keptSegment.data[k]);
  return kept.split(subs.ids.count, codes.labels);
}

/** Survival rows' blocks: each row is a customer (or `weights` identical ones) of its own. */
export function survivalSegments(
  durations: Column,
  churned: Column,
  weights: Column,
  segments: Column
): SegmentBlock[] {
  const codes = new SegmentCodes();
  const hasWeights = weights.length > 0;
  const reader = new SurvivalRowReader(
    lastRowWithContent(durations.length, (i) => [
      durations.at(i),
      churned.at(i),
      hasWeights ? weights.at(i) : null,
      segments.at(i),
    ])
  );
  const kept = new SegmentedRows();
  for (let i = 0; i < durations.length; i++) {
    const before = reader.count;
    reader.add(i + 1, durations.at(i), churned.at(i), hasWeights ? weights.at(i) : null);
    if (reader.count > before) kept.add(i, kept.count, 0, codes.code(segments.at(i), i + 1));
  }
  if (kept.count === 0) throw noData("durations");
  return kept.split(kept.count, codes.labels);
}
