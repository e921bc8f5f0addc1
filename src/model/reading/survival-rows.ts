/**
 * Reads Kaplan-Meier input (duration, churned flag, optional weight) row by row with the data
 * rules of cell-values.ts. A row blank in every column is skipped. Older desktop Excel passes
 * empty cells as 0, so a row of zeros is ambiguous: below the last row with anything else in it
 * (the empty tail of a whole-column reference) it is blank; above it, it is a customer still
 * active after 0 periods (a subscription in its first month), which must be counted.
 */
import {
  cellError,
  flagValue,
  isBlank,
  isBlankOrZero,
  numberValue,
  plainValue,
} from "./cell-values";
import { GrowableFloat64, GrowableInt32 } from "./growable";
import { SurvivalRows } from "../history/kaplan-meier";

/**
 * The last row (1-based) of a survival table with a cell that is neither blank nor 0: rows of
 * zeros below it are Excel's empty cells, rows of zeros above it are customers.
 */
export function lastRowWithContent(rows: number, cells: (i: number) => readonly unknown[]): number {
  for (let i = rows - 1; i >= 0; i--) if (!cells(i).every(isBlankOrZero)) return i + 1;
  return 0;
}

export class SurvivalRowReader {
  /** Rows of zeros after this row are blank (see lastRowWithContent); Infinity: none are. */
  constructor(private readonly lastContentRow = Infinity) {}

  private readonly duration = new GrowableFloat64();
  private readonly churned = new GrowableInt32();
  private readonly weight = new GrowableFloat64();
  private rowsSeen = 0;

  add(row: number, durationCell: unknown, churnedCell: unknown, weightCell: unknown): void {
    const first = this.rowsSeen++ === 0;
    if ([durationCell, churnedCell, weightCell].every((cell) => isBlank(plainValue(cell)))) return;
    if (
      row > this.lastContentRow &&
      isBlankOrZero(durationCell) &&
      isBlankOrZero(churnedCell) &&
      isBlankOrZero(weightCell)
    )
      return;
    if (first && typeof durationCell === "string" && Number.isNaN(Number(durationCell))) return; // titles
    const duration = numberValue(durationCell, "durations", row);
    if (duration === null)
      throw cellError("durations", row, "is empty but the row has a churn flag");
    if (duration < 0) throw cellError("durations", row, "a duration cannot be negative");
    const churned = flagValue(churnedCell, "churned", row);
    if (churned === null)
      throw cellError("churned", row, "is empty: give 1 (churned) or 0 (still active)");
    const weight = numberValue(weightCell, "weights", row) ?? 1;
    if (weight < 0) throw cellError("weights", row, "a weight cannot be negative");
    if (weight === 0) return;
    this.duration.push(duration);
    this.churned.push(churned);
    this.weight.push(weight);
  }

  /** Rows kept so far: a caller can tell whether the row it just added was kept. */
  get count(): number {
    return this.duration.length;
  }

  finish(): SurvivalRows {
    return {
      duration: this.duration.toArray(),
      churned: Uint8Array.from(this.churned.toArray()),
      weight: this.weight.toArray(),
      count: this.duration.length,
    };
  }
}
