/**
 * Reads the Cox model's table (durations, churned flags, a block of covariates, row for row) with
 * the data rules of reading/cell-values.ts. The first row is a header row when its duration is
 * text that is not a number, as RETAIN.KAPLAN_MEIER reads titles; the covariates' cells in that
 * row are then the columns' titles. A row empty (or 0, what desktop Excel passes for empty) in
 * every column is skipped, so whole columns can be given.
 */
import { DomainError } from "../errors";
import {
  cellError,
  flagValue,
  isBlankOrZero,
  numberValue,
  plainValue,
} from "../reading/cell-values";
import { plainNumberText } from "../reading/number-text";
import { codeCovariates, CoxDesign } from "./cox-design";

/** The table as cells by position; row i of each argument is one customer. */
export interface CoxCells {
  rows: number;
  covariateColumns: number;
  duration(i: number): unknown;
  churned(i: number): unknown;
  covariate(i: number, j: number): unknown;
}

export interface CoxData {
  /** Durations and churn flags of the customers kept, in row order. */
  time: Float64Array;
  churned: Uint8Array;
  design: CoxDesign;
  /** Whether the first row held titles. */
  headers: boolean;
}

function isTitle(cell: unknown): boolean {
  cell = plainValue(cell);
  return typeof cell === "string" && cell.trim() !== "" && plainNumberText(cell) === null;
}

function titleOf(cell: unknown, column: number): string {
  cell = plainValue(cell);
  if (typeof cell === "string" && cell.trim() !== "") return cell.trim();
  if (typeof cell === "number" && Number.isFinite(cell)) return String(cell);
  return `column ${column + 1}`;
}

function readDuration(cell: unknown, row: number): number {
  const duration = numberValue(cell, "durations", row);
  if (duration === null) throw cellError("durations", row, "is empty but the row has other values");
  if (duration < 0) throw cellError("durations", row, "a duration cannot be negative");
  return duration;
}

function readFlag(cell: unknown, row: number): number {
  const flag = flagValue(cell, "churned", row);
  if (flag === null)
    throw cellError("churned", row, "is empty: give 1 (churned) or 0 (still active)");
  return flag;
}

export function readCoxData(cells: CoxCells): CoxData {
  const headers = cells.rows > 0 && isTitle(cells.duration(0));
  const p = cells.covariateColumns;
  const titles = headers
    ? Array.from({ length: p }, (_, j) => titleOf(cells.covariate(0, j), j))
    : null;
  const rows = cells.rows;
  const time = new Float64Array(rows);
  const churned = new Uint8Array(rows);
  const rowNumbers = new Int32Array(rows);
  const keptRow = new Int32Array(rows);
  let kept = 0;
  for (let i = headers ? 1 : 0; i < rows; i++) {
    const durationCell = cells.duration(i);
    const churnedCell = cells.churned(i);
    // The common row first: a positive number and a 1/0 flag.
    if (typeof durationCell === "number" && durationCell > 0 && durationCell < Infinity) {
      time[kept] = durationCell;
      const flag =
        churnedCell === 1 || churnedCell === true
          ? 1
          : churnedCell === 0 || churnedCell === false
            ? 0
            : null;
      churned[kept] = flag ?? readFlag(churnedCell, i + 1);
    } else {
      let emptyCovariates = true;
      for (let j = 0; j < p && emptyCovariates; j++)
        emptyCovariates = isBlankOrZero(cells.covariate(i, j));
      if (isBlankOrZero(durationCell) && isBlankOrZero(churnedCell) && emptyCovariates) continue;
      time[kept] = readDuration(durationCell, i + 1);
      churned[kept] = readFlag(churnedCell, i + 1);
    }
    rowNumbers[kept] = i + 1;
    keptRow[kept++] = i;
  }
  if (kept === 0) throw new DomainError("na", "no customers");
  const design = codeCovariates({
    n: kept,
    columns: p,
    cell: (k, j) => cells.covariate(keptRow[k], j),
    rowNumbers: rowNumbers.subarray(0, kept),
    titles,
  });
  return { time: time.slice(0, kept), churned: churned.slice(0, kept), design, headers };
}
