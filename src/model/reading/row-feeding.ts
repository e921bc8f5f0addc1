/**
 * A table's rows handed to the model's streaming readers (OrdersAnalysis, SubscriptionsAnalysis,
 * CustomerLifetimeAnalysis) through the table's layout: the title row skipped, each row's cells
 * picked by role, text dates read in the layout's format. The pane's worker and the command line
 * both feed rows through here; a bad cell's error comes out placed in the user's column.
 */
import { CellError } from "../errors";
import { plainValue } from "./cell-values";
import type { ColumnRole } from "./column-matching";
import { dateCellIn, DateFormat } from "./date-formats";
import {
  FIRST_SERIAL,
  isoTextFromSerial,
  LAST_SERIAL,
  serialFromCivil,
  serialFromIsoText,
} from "./excel-dates";
import type { TableLayout } from "./layout";
import { readNumberText } from "./number-text";
import { ORDER_COLUMN_NAMES } from "./order-rows";
import { SUBSCRIPTION_COLUMN_NAMES } from "./subscription-rows";

/** OrdersAnalysis, CustomerLifetimeAnalysis: anything that takes orders one row at a time. */
export interface OrderTarget {
  add(row: number, id: unknown, date: unknown, amount: unknown): void;
}

export interface SubscriptionTarget {
  add(row: number, id: unknown, start: unknown, end: unknown, revenue: unknown): void;
}

/** Rows as they arrive; `firstRow` is the number the user knows rows[0] by (a line or a sheet row). */
export type RowFeed = (rows: readonly (readonly unknown[])[], firstRow: number) => void;

export type FeedLayout = Pick<TableLayout, "hasHeader" | "columns" | "dateFormat"> &
  Partial<Pick<TableLayout, "decimal">>;

export interface FeedOptions {
  /** Rows dated after an as-of date (orders, subscription starts): refused, or left out and counted. */
  future?: FutureRule;
  /**
   * The rows are records of a text file whose `firstRow` counts records: a quoted cell's line
   * breaks push the records after it down, so each is named by the line it starts on.
   */
  textLines?: boolean;
}

/**
 * Rows dated after the as-of date (a typo like 2204-03-05 would stretch every period to that
 * year): the first is refused, naming its row and date, unless the user chose to leave such
 * rows out; then each is counted in `left`, and the first one's row and date kept.
 */
export interface FutureRule {
  /** The as-of date (a serial): rows dated after it are future rows. */
  asOf: number;
  /** How messages name the as-of date: "today", "the end date". */
  asOfName: string;
  /** true: leave future rows out (the user said so); false: refuse the first. */
  leaveOut: boolean;
  left: FutureRowsLeftOut;
}

/** Future rows left out: how many, and the first one's row (line) and date. */
export interface FutureRowsLeftOut {
  count: number;
  /** 0 while none. */
  firstRow: number;
  firstDay: number;
}

export function futureRule(asOf: number, asOfName: string, leaveOut: boolean): FutureRule {
  return { asOf, asOfName, leaveOut, left: { count: 0, firstRow: 0, firstDay: 0 } };
}

/** Today's serial in the calendar of `now`'s own time zone (the user's today, not UTC's). */
export function todaySerial(now: Date): number {
  return serialFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** A row dated after the as-of date, refused: a cell error that keeps its date and the as-of date. */
export class FutureDateError extends CellError {
  constructor(
    argument: string,
    row: number,
    readonly day: number,
    readonly asOf: number,
    readonly asOfName: string,
    column: number | null = null
  ) {
    super(
      argument,
      row,
      `${isoTextFromSerial(day)} is after ${asOfName} (${isoTextFromSerial(asOf)})`,
      column
    );
    this.name = "FutureDateError";
  }

  override inColumn(column: number): CellError {
    return new FutureDateError(this.argument, this.row, this.day, this.asOf, this.asOfName, column);
  }
}

/**
 * Whether a row dated `cell` (as DateCells reads it) is left out as a future row; throws when
 * the rule refuses it. Text the model will name as a bad date is not a future row.
 */
function leftOutAsFuture(
  rule: FutureRule | undefined,
  cell: unknown,
  argument: string,
  line: number
): boolean {
  if (rule === undefined) return false;
  const value = plainValue(cell); // an Excel data type's number (FormattedNumber) too
  if (typeof value !== "number") return false;
  const day = Math.floor(value);
  if (!(day > rule.asOf)) return false;
  if (!rule.leaveOut) throw new FutureDateError(argument, line, day, rule.asOf, rule.asOfName);
  const left = rule.left;
  if (left.count++ === 0) {
    left.firstRow = line;
    left.firstDay = day;
  }
  return true;
}

/** Each data row's customer, date and amount (when the layout has one) to `target`. */
export function feedOrders(
  layout: FeedLayout,
  target: OrderTarget,
  options: FeedOptions = {}
): RowFeed {
  const { customer, date, amount } = layout.columns;
  const dates = new DateCells(layout.dateFormat);
  const amounts = amountCells(layout);
  const future = options.future;
  return rowFeed(layout, options, (row, line) => {
    const day = dates.read(row[date]);
    if (leftOutAsFuture(future, day, ORDER_COLUMN_NAMES.dates, line)) return;
    target.add(line, row[customer], day, amount >= 0 ? amounts(row[amount]) : null);
  });
}

/** Each data row's customer, start, end and recurring revenue (when the layout has them) to `target`. */
export function feedSubscriptions(
  layout: FeedLayout,
  target: SubscriptionTarget,
  options: FeedOptions = {}
): RowFeed {
  const { customer, start, end, revenue } = layout.columns;
  const dates = new DateCells(layout.dateFormat);
  const amounts = amountCells(layout);
  const future = options.future;
  return rowFeed(layout, options, (row, line) => {
    const first = dates.read(row[start]);
    if (leftOutAsFuture(future, first, SUBSCRIPTION_COLUMN_NAMES.starts, line)) return;
    target.add(
      line,
      row[customer],
      first,
      end >= 0 ? dates.read(row[end]) : null,
      revenue >= 0 ? amounts(row[revenue]) : null
    );
  });
}

function rowFeed(
  layout: FeedLayout,
  options: FeedOptions,
  add: (row: readonly unknown[], line: number) => void
): RowFeed {
  let skipHeader = layout.hasHeader;
  let breaks = 0; // line breaks inside the cells of the records fed so far
  return (rows, firstRow) => {
    try {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const line = firstRow + i + breaks;
        if (options.textLines) breaks += lineBreaksIn(row);
        if (skipHeader) {
          skipHeader = false;
          continue;
        }
        add(row, line);
      }
    } catch (error) {
      throw inUserColumn(error, layout);
    }
  };
}

function lineBreaksIn(row: readonly unknown[]): number {
  let n = 0;
  for (let f = 0; f < row.length; f++) {
    const field = row[f];
    if (typeof field !== "string") continue;
    for (let at = field.indexOf("\n"); at >= 0; at = field.indexOf("\n", at + 1)) n++;
  }
  return n;
}

/** The role each argument name of the model's readers stands for. */
const ROLE_OF_ARGUMENT: Readonly<Record<string, ColumnRole>> = {
  [ORDER_COLUMN_NAMES.customers]: "customer",
  [ORDER_COLUMN_NAMES.dates]: "date",
  [ORDER_COLUMN_NAMES.amounts]: "amount",
  [SUBSCRIPTION_COLUMN_NAMES.customers]: "customer",
  [SUBSCRIPTION_COLUMN_NAMES.starts]: "start",
  [SUBSCRIPTION_COLUMN_NAMES.ends]: "end",
  [SUBSCRIPTION_COLUMN_NAMES.revenue]: "revenue",
};

/** A cell error placed in the user's column the layout read that argument from. */
function inUserColumn(error: unknown, layout: FeedLayout): unknown {
  if (!(error instanceof CellError) || error.column !== null) return error;
  const role = ROLE_OF_ARGUMENT[error.argument];
  const column = role === undefined ? -1 : layout.columns[role];
  return column >= 0 ? error.inColumn(column) : error;
}

/**
 * Amount cells as the model reads them: text written with the layout's decimal mark becomes its
 * number ("1.234,56" → 1234.56 under ","); anything else passes through for the model to accept
 * or to name. Without a comma mark, text goes on as it is (the model reads the point's forms).
 */
function amountCells(layout: FeedLayout): (cell: unknown) => unknown {
  const decimal = layout.decimal;
  if (decimal !== ",") return (cell) => cell;
  return (cell) => {
    if (typeof cell !== "string" || cell === "") return cell;
    const n = readNumberText(cell, decimal);
    return n === null ? cell : n;
  };
}

/** Distinct date texts remembered at a time (dates with times of day are all different). */
const MAX_CACHED_DATES = 100_000;

/**
 * Date cells as the model reads them: text in the layout's format, or ISO text, becomes its
 * serial; anything else passes through for the model to accept or to name. A file repeats the
 * same few thousand dates a million times, so each text is read once.
 */
class DateCells {
  private readonly known = new Map<string, unknown>();

  constructor(private readonly format: DateFormat | null) {}

  read(cell: unknown): unknown {
    if (typeof cell !== "string" || cell === "") return cell;
    let value = this.known.get(cell);
    if (value === undefined) {
      value = dateCellIn(cell, this.format);
      if (typeof value === "string") {
        const serial = serialFromIsoText(value);
        // Out of Excel's dates, the text itself goes on, for the model's message about it.
        if (serial !== null && serial >= FIRST_SERIAL && serial <= LAST_SERIAL) value = serial;
      }
      if (this.known.size >= MAX_CACHED_DATES) this.known.clear();
      this.known.set(cell, value);
    }
    return value;
  }
}
