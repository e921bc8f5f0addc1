/**
 * The actual survival of a cohort triangle, the curve an sBG fit across cohorts is drawn
 * against: the product-limit S(t) = Π_{j<t} R_j / A_j, where A_j is the survivors at age j and
 * R_j those at age j + 1, both summed over the cohorts observed at age j + 1. Each cohort counts
 * for as long as it has been observed, as in the fit's likelihood (docs/definitions.md §7).
 */
export function pooledSurvivalCurve(survivors: readonly (readonly number[])[]): number[] {
  const used = survivors.filter((row) => row.length >= 2 && row[0] > 0);
  const longest = used.reduce((m, row) => Math.max(m, row.length), 0);
  const curve = [1];
  for (let j = 0; j + 1 < longest; j++) {
    let atRisk = 0;
    let renewed = 0;
    for (const row of used) {
      if (row.length <= j + 1) continue;
      atRisk += row[j];
      renewed += row[j + 1];
    }
    if (atRisk === 0) break;
    curve.push(curve[j] * (renewed / atRisk));
  }
  return curve;
}
