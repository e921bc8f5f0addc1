/**
 * The model names a bad cell by its argument and row ("dates row 5: 'abc' is not a date");
 * the pane names it by the user's own column header and by line (a CSV file) or row (a sheet).
 */
import type { ColumnRole, ColumnRoles } from "../../model/reading/column-matching";
import { ORDER_COLUMN_NAMES } from "../../model/reading/order-rows";
import { SUBSCRIPTION_COLUMN_NAMES } from "../../model/reading/subscription-rows";

export interface RowProblem {
  /** The line or row number the model named. */
  row: number;
  /** The user's header of the column, or the column's letter when there is no header. */
  column: string;
  problem: string;
}

const ROLE_OF_ARGUMENT: Record<string, ColumnRole> = {
  [ORDER_COLUMN_NAMES.customers]: "customer",
  [ORDER_COLUMN_NAMES.dates]: "date",
  [ORDER_COLUMN_NAMES.amounts]: "amount",
  [SUBSCRIPTION_COLUMN_NAMES.starts]: "start",
  [SUBSCRIPTION_COLUMN_NAMES.ends]: "end",
  [SUBSCRIPTION_COLUMN_NAMES.revenue]: "revenue",
};

/** A, B, …, Z, AA, …: how a spreadsheet names column `index` (0-based). */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The parts of a model message that names a row, or null for any other message. */
export function rowProblem(
  message: string,
  columns: ColumnRoles,
  headers: readonly unknown[] | null
): RowProblem | null {
  const m = /^(\w+) row ([\d,]+): ([\s\S]*)$/.exec(message);
  if (!m) return null;
  const role = ROLE_OF_ARGUMENT[m[1]];
  if (!role) return null;
  const index = columns[role];
  const header = index >= 0 && headers ? String(headers[index] ?? "").trim() : "";
  return {
    row: Number(m[2].replace(/,/g, "")),
    column: header || (index >= 0 ? columnLetter(index) : m[1]),
    problem: m[3],
  };
}
