/**
 * A bad cell as the pane names it: by the user's own column header (or the column's letter when
 * the table has no titles) and by the line (a CSV file) or sheet row the model's error carries.
 */
import type { CellProblem } from "../../model/errors";
import { columnLetter } from "../../model/reading/column-letter";

export interface RowProblem {
  /** The line or row number the model named. */
  row: number;
  /** The user's header of the column, or the column's letter when there is no header. */
  column: string;
  problem: string;
}

/** The problem of a failed analysis's bad cell; null when the failure named no cell. */
export function rowProblem(
  cell: CellProblem | null,
  headers: readonly unknown[] | null
): RowProblem | null {
  if (!cell) return null;
  const { column } = cell;
  const header = column !== null && headers ? String(headers[column] ?? "").trim() : "";
  return {
    row: cell.row,
    column: header || (column !== null ? columnLetter(column) : cell.argument),
    problem: cell.problem,
  };
}
