/**
 * Reading a data table's columns as Excel passes them to the data functions (declared `any`, so
 * an empty cell arrives as null where Excel can tell it from 0) into the model's aggregates, and
 * turning the model's tables into spilled results. The data rules themselves (ids, dates,
 * blanks) live in the model (src/model/reading), shared with the pane and the command line.
 */
import { invalidNumber, invalidValue } from "../model/errors";
import { dateSerial } from "../model/reading/cell-values";
import { plainNumberText } from "../model/reading/number-text";
import { NO_BASE } from "../model/history/period-retention";
import { periodUnitOfCode, PeriodUnit } from "../model/history/periods";
import { orderSegments, SegmentLabel, subscriptionSegments } from "../model/history/segments";
import { ordersByPeriod, readSubscriptions } from "../model/history/table-folding";
import { ORDER_COLUMN_NAMES } from "../model/reading/order-rows";
import { SUBSCRIPTION_COLUMN_NAMES } from "../model/reading/subscription-rows";
import { excelError, ExcelCell, toExcelError } from "./excel-args";

/** One column (or row) of a range, read by position. */
export interface Column {
  length: number;
  at(i: number): unknown;
  /** "99×1": for messages about ranges that do not line up. */
  shape: string;
}

const EMPTY_COLUMN: Column = { length: 0, at: () => null, shape: "0×0" };

/** A range argument as one column or row; a block of several rows and columns is #VALUE!. */
export function readColumn(arg: unknown, name: string): Column {
  if (arg === null || arg === undefined) return EMPTY_COLUMN;
  if (!Array.isArray(arg)) return { length: 1, at: () => arg, shape: "1×1" };
  const rows = arg as unknown[];
  if (rows.length === 0) return EMPTY_COLUMN;
  if (!Array.isArray(rows[0]))
    return { length: rows.length, at: (i) => rows[i], shape: `1×${rows.length}` };
  const grid = rows as unknown[][];
  const cols = grid[0].length;
  if (cols === 1) return { length: grid.length, at: (i) => grid[i][0], shape: `${grid.length}×1` };
  if (grid.length === 1) return { length: cols, at: (i) => grid[0][i], shape: `1×${cols}` };
  throw invalidValue(`${name} must be a single column, not a ${grid.length}×${cols} block`);
}

/**
 * The columns of one table by role, each argument with its name for messages: the ranges given
 * must have one length ("ranges have different shapes (99×1 and 98×1)"); an omitted one is empty.
 */
export function readTable<Role extends string>(
  args: Readonly<Record<Role, readonly [arg: unknown, name: string]>>
): Record<Role, Column> {
  const table = {} as Record<Role, Column>;
  for (const role in args) table[role] = readColumn(args[role][0], args[role][1]);
  const present = Object.values<Column>(table).filter((c) => c.length > 0);
  for (const c of present)
    if (c.length !== present[0].length)
      throw invalidValue(`ranges have different shapes (${present[0].shape} and ${c.shape})`);
  return table;
}

/** An orders table's columns (customers, dates, optional amounts), of one length. */
export function orderTable(
  customers: unknown,
  dates: unknown,
  amounts: unknown,
  names = ORDER_COLUMN_NAMES
) {
  return {
    ...readTable({
      ids: [customers, names.customers],
      dates: [dates, names.dates],
      amounts: [amounts, names.amounts],
    }),
    names,
  };
}

export type OrderTable = ReturnType<typeof orderTable>;

/**
 * What every table function reads after its own options, the last date (`end_date` of orders,
 * `as_of` of subscriptions) and the headers flag; then the table, read up to that date.
 */
function readUpTo<T>(
  date: unknown,
  dateName: string,
  headers: unknown,
  read: (day: number | null) => T
) {
  const endDay = optionalDate(date, dateName);
  const withHeaders = optionalHeaders(headers);
  return { ...read(endDay), endDay, withHeaders };
}

/** An orders table folded into customer-period cells of `unit`, up to `end_date`. */
export const foldOrders = (table: OrderTable, unit: PeriodUnit, end: unknown, headers: unknown) =>
  readUpTo(end, "end_date", headers, (endDay) =>
    ordersByPeriod(table.ids, table.dates, table.amounts, unit, endDay, table.names)
  );

/** A subscriptions table's columns (customers, starts, ends, optional MRR), of one length. */
export const subscriptionTable = (
  customers: unknown,
  starts: unknown,
  ends: unknown,
  mrr: unknown
) =>
  readTable({
    ids: [customers, SUBSCRIPTION_COLUMN_NAMES.customers],
    starts: [starts, SUBSCRIPTION_COLUMN_NAMES.starts],
    ends: [ends, SUBSCRIPTION_COLUMN_NAMES.ends],
    revenue: [mrr, SUBSCRIPTION_COLUMN_NAMES.revenue],
  });

export type SubscriptionTable = ReturnType<typeof subscriptionTable>;

/** A subscriptions table as of `as_of`. */
export const readSubscriptionsAsOf = (
  table: SubscriptionTable,
  unit: PeriodUnit,
  asOf: unknown,
  headers: unknown
) =>
  readUpTo(asOf, "as_of", headers, (asOfDay) =>
    readSubscriptions(table.ids, table.starts, table.ends, table.revenue, unit, asOfDay)
  );

/**
 * The `segments` argument: null when omitted, else a column with one cell per row of the data
 * (`length`, the length of the data's columns).
 */
export function optionalSegments(arg: unknown, length: number): Column | null {
  if (arg === null || arg === undefined) return null;
  const column = readColumn(arg, "segments");
  if (column.length !== length)
    throw invalidValue(
      `segments must have one cell per row of the data: ${column.shape} beside ${length} rows`
    );
  return column;
}

/** The longest of a table's columns (the ones given all have that length). */
const rowsOf = (columns: Column[]) => Math.max(0, ...columns.map((c) => c.length));

/**
 * A column's rows picked by position, after one empty row: a segment's rows as FILTER would
 * pass them, except that the empty row keeps the row readers from taking the first one for
 * titles (the whole table's first row was the only candidate).
 */
function picked(column: Column, rows: Int32Array): Column {
  if (column.length === 0) return column;
  return {
    length: rows.length + 1,
    at: (i) => (i === 0 ? null : column.at(rows[i - 1])),
    shape: `${rows.length + 1}×1`,
  };
}

/**
 * The blocks of a segmented call under one header row: each block's table (computed with the
 * call's `headers`, so its first row is its header when there is one) with its label in front.
 * Rows are padded with blanks to the widest block: cohort tables differ in their periods, and
 * the widest header reads for all (the others' are its beginning).
 */
export function stackBlocks(
  blocks: ReadonlyArray<{ label: SegmentLabel; table: ExcelCell[][] }>,
  withHeaders: boolean
): ExcelCell[][] {
  let header: ExcelCell[] = [];
  const rows: ExcelCell[][] = [];
  for (const { label, table } of blocks) {
    if (withHeaders && table.length > 0 && table[0].length > header.length) header = table[0];
    for (let r = withHeaders ? 1 : 0; r < table.length; r++) rows.push([label, ...table[r]]);
  }
  if (withHeaders) rows.unshift(["segment", ...header]);
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  for (const row of rows) while (row.length < width) row.push("");
  return rows;
}

/** An orders function's table, or with `segments` one block per segment (segments.ts). */
export function eachOrderSegment(
  table: OrderTable,
  segments: unknown,
  end: unknown,
  headers: unknown,
  compute: (part: OrderTable) => ExcelCell[][]
): ExcelCell[][] {
  const column = optionalSegments(segments, rowsOf([table.ids, table.dates, table.amounts]));
  if (column === null) return compute(table);
  const { ids, dates, amounts, names } = table;
  const endDay = optionalDate(end, "end_date");
  const blocks = orderSegments(ids, dates, amounts, column, endDay, names);
  return stackBlocks(
    blocks.map((b) => ({
      label: b.label,
      table: compute({ ...pickedTable({ ids, dates, amounts }, b.rows), names }),
    })),
    optionalHeaders(headers)
  );
}

/** A subscriptions function's table, or with `segments` one block per segment. */
export function eachSubscriptionSegment(
  table: SubscriptionTable,
  segments: unknown,
  asOf: unknown,
  headers: unknown,
  compute: (part: SubscriptionTable) => ExcelCell[][]
): ExcelCell[][] {
  const { ids, starts, ends, revenue } = table;
  const column = optionalSegments(segments, rowsOf([ids, starts, ends, revenue]));
  if (column === null) return compute(table);
  const asOfDay = optionalDate(asOf, "as_of");
  const blocks = subscriptionSegments(ids, starts, ends, revenue, column, asOfDay);
  return stackBlocks(
    blocks.map((b) => ({ label: b.label, table: compute(pickedTable(table, b.rows)) })),
    optionalHeaders(headers)
  );
}

/** Any table's columns picked to one block's rows (the survival functions' tables). */
export function pickedTable<Role extends string>(
  table: Record<Role, Column>,
  rows: Int32Array
): Record<Role, Column> {
  const part = {} as Record<Role, Column>;
  for (const role in table) part[role] = picked(table[role], rows);
  return part;
}

/** An optional single value: null when omitted or empty. */
function optionalCell(arg: unknown, name: string): unknown {
  if (Array.isArray(arg)) {
    const column = readColumn(arg, name);
    if (column.length !== 1) throw invalidValue(`${name} must be a single value, not a range`);
    return column.at(0);
  }
  return arg === undefined || arg === "" ? null : arg;
}

/** An optional number (text that is a number counts), with its default when omitted. */
export function optionalNumber(arg: unknown, name: string, fallback: number): number {
  const cell = optionalCell(arg, name);
  if (cell === null) return fallback;
  if (typeof cell === "number") return cell;
  const n = typeof cell === "string" ? plainNumberText(cell) : null;
  if (n !== null) return n;
  throw invalidValue(`${name} must be a number`);
}

/** An optional whole number within a list of codes. */
export function optionalCode(
  arg: unknown,
  name: string,
  fallback: number,
  allowed: readonly number[]
): number {
  const value = optionalNumber(arg, name, fallback);
  if (!allowed.includes(value))
    throw invalidNumber(`${name} must be ${allowed.join(", ").replace(/, (\d+)$/, " or $1")}`);
  return value;
}

/** interval: STOCKHISTORY's codes (0 day, 1 week, 2 month) and 3 quarter, 4 year; default month. */
export function optionalInterval(arg: unknown): PeriodUnit {
  return periodUnitOfCode(optionalNumber(arg, "interval", 2));
}

/** headers: STOCKHISTORY's convention, 1 (default) a header row, 0 none; TRUE and FALSE as 1 and 0. */
export function optionalHeaders(arg: unknown): boolean {
  const cell = optionalCell(arg, "headers");
  if (typeof cell === "boolean") return cell;
  return optionalCode(arg, "headers", 1, [0, 1]) === 1;
}

/** An optional date (serial or ISO text): null when omitted. */
export function optionalDate(arg: unknown, name: string): number | null {
  const cell = optionalCell(arg, name);
  if (cell === null || cell === 0) return null;
  return dateSerial(cell, name, 1);
}

/**
 * A model number as a cell: NaN is "unobserved" (an empty cell), NO_BASE a ratio whose base is 0
 * (#DIV/0!, as Excel's own division shows it).
 */
export function numberCell(value: number): ExcelCell {
  if (Number.isFinite(value)) return value;
  if (value !== value) return "";
  return value === NO_BASE
    ? excelError("div0", "division by zero")
    : excelError("num", "too large to represent");
}

/**
 * Runs a table-returning function: thrown model errors come back as a 1×1 array holding the
 * error, the documented way for a function declared to return a matrix. An empty table (refunds
 * only, with headers 0) is #N/A with a message: what Excel does with a 0×0 array is undocumented.
 */
export function spill(compute: () => ExcelCell[][], empty = "no purchases"): ExcelCell[][] {
  try {
    const table = compute();
    if (table.length === 0 || table[0].length === 0) return [[excelError("na", empty)]];
    return table;
  } catch (e) {
    return [[toExcelError(e)]];
  }
}
