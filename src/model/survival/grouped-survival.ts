/**
 * Survival rows with a group per row (a plan, a channel): what the comparisons between groups
 * read. Groups are numbered 0 … groupCount − 1 in order of first appearance.
 */
import { SurvivalRows } from "../history/kaplan-meier";

export interface GroupedSurvival {
  rows: SurvivalRows;
  group: Int32Array;
  groupCount: number;
}

/** Each group's own rows, in row order. */
export function splitByGroup(data: GroupedSurvival): SurvivalRows[] {
  const { rows, group, groupCount } = data;
  const sizes = new Int32Array(groupCount);
  for (let i = 0; i < rows.count; i++) sizes[group[i]]++;
  const parts: SurvivalRows[] = Array.from(sizes, (n) => ({
    duration: new Float64Array(n),
    churned: new Uint8Array(n),
    weight: new Float64Array(n),
    count: 0,
  }));
  for (let i = 0; i < rows.count; i++) {
    const part = parts[group[i]];
    const at = part.count++;
    part.duration[at] = rows.duration[i];
    part.churned[at] = rows.churned[i];
    part.weight[at] = rows.weight[i];
  }
  return parts;
}
