/**
 * The Nelson–Aalen cumulative hazard (docs/definitions.md §12): H(t) = Σ_{t_i ≤ t} d_i/n_i, with
 * the same distinct times, at-risk counts and churn counts as the Kaplan-Meier table (churn before
 * censoring at a tie; weights count identical rows). R's survfit reports it as cumhaz.
 */
import { kaplanMeier, SurvivalRows } from "../history/kaplan-meier";

export interface NelsonAalenTable {
  time: Float64Array;
  atRisk: Float64Array;
  churned: Float64Array;
  cumulativeHazard: Float64Array;
}

export function nelsonAalen(rows: SurvivalRows): NelsonAalenTable {
  const { time, atRisk, churned } = kaplanMeier(rows);
  const cumulativeHazard = new Float64Array(time.length);
  let h = 0;
  for (let k = 0; k < time.length; k++) {
    if (churned[k] > 0) h += churned[k] / atRisk[k];
    cumulativeHazard[k] = h;
  }
  return { time, atRisk, churned, cumulativeHazard };
}
