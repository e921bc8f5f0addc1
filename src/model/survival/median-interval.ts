/**
 * A confidence interval for the median lifetime (Brookmeyer and Crowley, docs/definitions.md
 * §12): the times whose Kaplan-Meier band contains 0.5. The lower limit is the first time the
 * band's lower curve falls to 0.5, the upper limit the first time its upper curve does; either is
 * "not reached" (null) when that curve never falls so far. Read from the log-log band the
 * Kaplan-Meier table carries, as R's survfit(conf.type = "log-log") prints it: where S is 1 or 0
 * the band is left out (R has no band there), a curve within √ε of 0.5 counts as reaching it, and
 * a curve that stays at exactly 0.5 over a stretch gives the middle of that stretch.
 */
import { KaplanMeierTable, medianLifetime } from "../history/kaplan-meier";

export interface MedianInterval {
  median: number | null;
  lower: number | null;
  upper: number | null;
}

const TOLERANCE = Math.sqrt(Number.EPSILON);

/** The first time a curve reaches 0.5, by survfit's rule; `skip` marks times without a value. */
function firstAtHalf(time: Float64Array, curve: Float64Array, skip: (k: number) => boolean) {
  let first = -1;
  for (let k = 0; k < time.length; k++) {
    if (skip(k) || !(curve[k] < 0.5 + TOLERANCE)) continue;
    if (first < 0) {
      first = k;
      if (Math.abs(curve[k] - 0.5) >= TOLERANCE) return time[k];
    } else if (curve[k] < curve[first]) return (time[first] + time[k]) / 2;
  }
  return first < 0 ? null : time[first];
}

export function medianInterval(table: KaplanMeierTable): MedianInterval {
  const noBand = (k: number) => table.survival[k] === 0 || table.survival[k] === 1;
  return {
    median: medianLifetime(table),
    lower: firstAtHalf(table.time, table.lower, noBand),
    upper: firstAtHalf(table.time, table.upper, noBand),
  };
}
