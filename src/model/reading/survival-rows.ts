/**
 * Reads Kaplan-Meier input (duration, churned flag, optional weight) row by row with the data
 * rules of cell-values.ts. A row blank in every column is skipped; desktop Excel passes empty
 * cells as 0, so a row of duration 0 and flag 0 (a customer censored at once) reads as blank too.
 */
import { cellError, flagValue, isBlankOrZero, numberValue } from "./cell-values";
import { GrowableFloat64, GrowableInt32 } from "./growable";
import { SurvivalRows } from "../history/kaplan-meier";

export class SurvivalRowReader {
  private readonly duration = new GrowableFloat64();
  private readonly churned = new GrowableInt32();
  private readonly weight = new GrowableFloat64();
  private rowsSeen = 0;

  add(row: number, durationCell: unknown, churnedCell: unknown, weightCell: unknown): void {
    const first = this.rowsSeen++ === 0;
    if (isBlankOrZero(durationCell) && isBlankOrZero(churnedCell) && isBlankOrZero(weightCell))
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
