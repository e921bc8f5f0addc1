/** What every forecast's interval shares: the level asked for, and the bounds it gives by period. */
import { invalidNumber } from "../errors";

/** Bounds of total_k for k = 1..periods (index k − 1). */
export interface PredictionInterval {
  low: Float64Array;
  high: Float64Array;
}

/** Throws #NUM! unless 0 < level < 1. */
export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1))
    throw invalidNumber(
      `interval must be a probability between 0 and 1, such as 0.8 for an 80% range (${level} given)`
    );
}
