/**
 * Harrell's concordance C of a risk score, counted as R's survival package counts it
 * (`concordance`, `summary(coxph)$concordance`): a pair of customers is comparable when one
 * churned strictly before the other left observation, or when one churned and the other was
 * censored at the same time (the censored one outlived the churn). Two churns at one time are
 * not comparable. A comparable pair is concordant when the one who churned first has the higher
 * risk score, discordant when lower, and counts ½ when the scores tie:
 *   C = (concordant + tied / 2) ÷ (concordant + discordant + tied).
 * O(n log n): one pass from the latest time down with a Fenwick tree over the scores' ranks.
 */
import { distinctRanks, latestFirst } from "./cox-time-order";

export interface ConcordanceCounts {
  concordant: number;
  discordant: number;
  /** Comparable pairs whose risk scores are equal. */
  tiedRisk: number;
  /** C; NaN when no pair is comparable. */
  concordance: number;
}

/** `byTime`: the customers' indices latest time first, when the caller has them already. */
export function concordance(
  time: Float64Array,
  churned: Uint8Array,
  risk: Float64Array,
  byTime: Int32Array = latestFirst(time)
): ConcordanceCounts {
  const n = time.length;
  // Ranks 1..k, equal scores sharing one.
  const ranked = distinctRanks(risk);
  const distinct = ranked.distinct.length;
  const rank = ranked.rank.map((r) => r + 1);
  const tree = new Float64Array(distinct + 1);
  const add = (r: number) => {
    for (; r <= distinct; r += r & -r) tree[r]++;
  };
  const below = (r: number) => {
    let s = 0;
    for (; r > 0; r -= r & -r) s += tree[r];
    return s;
  };
  let concordant = 0;
  let discordant = 0;
  let tiedRisk = 0;
  let inTree = 0;
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && time[byTime[end]] === time[byTime[start]]) end++;
    // Censored at this time first: they outlive the churns at this time.
    for (let k = start; k < end; k++)
      if (!churned[byTime[k]]) {
        add(rank[byTime[k]]);
        inTree++;
      }
    for (let k = start; k < end; k++) {
      const i = byTime[k];
      if (!churned[i]) continue;
      const lower = below(rank[i] - 1);
      const equal = below(rank[i]) - lower;
      concordant += lower;
      tiedRisk += equal;
      discordant += inTree - lower - equal;
    }
    for (let k = start; k < end; k++)
      if (churned[byTime[k]]) {
        add(rank[byTime[k]]);
        inTree++;
      }
    start = end;
  }
  const pairs = concordant + discordant + tiedRisk;
  return {
    concordant,
    discordant,
    tiedRisk,
    concordance: pairs > 0 ? (concordant + tiedRisk / 2) / pairs : NaN,
  };
}
