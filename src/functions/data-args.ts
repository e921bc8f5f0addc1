/**
 * Reading a data table's columns as Excel passes them to the data functions (declared `any`, so
 * an empty cell arrives as null where Excel can tell it from 0), and turning the model's tables
 * into spilled results. The data rules themselves (ids, dates, blanks) live in the model
 * (src/model/reading/cell-values.ts), shared with the pane and the command line.
 */
import { invalidNumber, invalidValue } from "../model/errors";
import { dateSerial } from "../model/reading/cell-values";
import { periodUnitOfCode, PeriodUnit } from "../model/history/periods";
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

/** Columns of one table must have one length: "ranges have different shapes (99×1 and 98×1)". */
export function checkSameLength(columns: readonly Column[]): number {
  const present = columns.filter((c) => c.length > 0);
  for (const c of present)
    if (c.length !== present[0].length)
      throw invalidValue(`ranges have different shapes (${present[0].shape} and ${c.shape})`);
  return present.length > 0 ? present[0].length : 0;
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
  if (typeof cell === "string" && cell.trim() !== "" && Number.isFinite(Number(cell)))
    return Number(cell);
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

/** headers: STOCKHISTORY's convention, 1 (default) a header row, 0 none. */
export function optionalHeaders(arg: unknown): boolean {
  return optionalCode(arg, "headers", 1, [0, 1]) === 1;
}

/** An optional date (serial or ISO text): null when omitted. */
export function optionalDate(arg: unknown, name: string): number | null {
  const cell = optionalCell(arg, name);
  if (cell === null || cell === 0) return null;
  return dateSerial(cell, name, 1);
}

/**
 * A model number as a cell: NaN is "unobserved" (an empty cell), ±Infinity a ratio with no
 * base (#DIV/0!).
 */
export function numberCell(value: number): ExcelCell {
  if (value === value && Number.isFinite(value)) return value;
  return value !== value ? "" : excelError("div0", "division by zero");
}

/**
 * Runs a table-returning function: thrown model errors come back as a 1×1 array holding the
 * error, the documented way for a function declared to return a matrix.
 */
export function spill(compute: () => ExcelCell[][]): ExcelCell[][] {
  try {
    return compute();
  } catch (e) {
    return [[toExcelError(e)]];
  }
}
