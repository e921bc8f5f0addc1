/*
 * Comparing survival between groups (docs/definitions.md §12): the log-rank family, the restricted
 * mean survival time and the Nelson–Aalen cumulative hazard. Thin adapters over
 * src/model/survival; data parameters are declared `any` (see data-functions.ts).
 * custom-functions-metadata-plugin appends CustomFunctions.associate.
 */
import { invalidValue } from "../model/errors";
import { kaplanMeier } from "../model/history/kaplan-meier";
import { SegmentCodes, SegmentLabel } from "../model/history/segments";
import { noData } from "../model/history/table-folding";
import { GrowableInt32 } from "../model/reading/growable";
import { lastRowWithContent, SurvivalRowReader } from "../model/reading/survival-rows";
import { GroupedSurvival, splitByGroup } from "../model/survival/grouped-survival";
import { logRank, WEIGHTING_CODES } from "../model/survival/log-rank";
import { nelsonAalen } from "../model/survival/nelson-aalen";
import { restrictedMean } from "../model/survival/rmst";
import { optionalCode, optionalHeaders, optionalNumber, readTable, spill } from "./data-args";
import { excelError, ExcelCell } from "./excel-args";

/**
 * The rows a survival function counts, each with its group (all 0 without `groups`) and the
 * groups' labels. Rows the reader skips (blank, titles) take no group.
 */
function groupedRows(
  durations: unknown,
  churned: unknown,
  weights: unknown,
  groups: unknown
): GroupedSurvival & { labels: SegmentLabel[] } {
  const { d, c, w, g } = readTable({
    d: [durations, "durations"],
    c: [churned, "churned"],
    w: [weights, "weights"],
    g: [groups, "groups"],
  });
  const cells = (i: number) => [
    d.at(i),
    c.at(i),
    w.length > 0 ? w.at(i) : null,
    g.length > 0 ? g.at(i) : null,
  ];
  const reader = new SurvivalRowReader(lastRowWithContent(d.length, cells));
  const codes = new SegmentCodes("groups");
  const group = new GrowableInt32();
  for (let i = 0; i < d.length; i++) {
    const before = reader.count;
    reader.add(i + 1, d.at(i), c.at(i), w.length > 0 ? w.at(i) : null);
    if (reader.count > before) group.push(g.length > 0 ? codes.code(g.at(i), i + 1) : 0);
  }
  const rows = reader.finish();
  if (rows.count === 0) throw noData("durations");
  const labels = g.length > 0 ? codes.labels : [""];
  return { rows, group: group.toArray(), groupCount: labels.length, labels };
}

/** A group's label as a cell: TRUE and FALSE as their text. */
const labelCell = (label: SegmentLabel): ExcelCell =>
  typeof label === "boolean" ? (label ? "TRUE" : "FALSE") : label;

/**
 * Compares survival between groups: the log-rank test or a weighted variant, with each group's observed and expected churn.
 * @customfunction LOGRANK
 * @param durations Each customer's time from acquisition to churn, or to now if still active (a column, 0 or more).
 * @param churned 1 or TRUE if the customer churned, 0 or FALSE if still active (censored).
 * @param groups Each customer's group (plan, channel, country…), a column beside the durations.
 * @param [weighting] 0 (default) log-rank, 1 Wilcoxon (Gehan–Breslow), 2 Tarone–Ware, 3 Peto–Peto.
 * @param [headers] 1 (default): label rows; 0: none.
 * @returns A table that spills: chi-square, degrees of freedom and p-value; then one row per group with customers, observed and expected churn.
 */
export function LOGRANK(
  durations: any[][],
  churned: any[][],
  groups: any[][],
  weighting?: any,
  headers?: any
): any[][] {
  return spill(() => {
    if (groups === null || groups === undefined)
      throw invalidValue(
        "groups is missing: give each customer's group, a column beside the durations"
      );
    const data = groupedRows(durations, churned, null, groups);
    const code = optionalCode(weighting, "weighting", 0, [0, 1, 2, 3]);
    const withHeaders = optionalHeaders(headers);
    const test = logRank(data, WEIGHTING_CODES[code]);
    const notAvailable = () => excelError("na", "fewer than two groups with churn to compare");
    const out: ExcelCell[][] = [];
    if (withHeaders) out.push(["chi-square", "degrees of freedom", "p-value", ""]);
    out.push(
      test.chiSquare === null
        ? [notAvailable(), notAvailable(), notAvailable(), ""]
        : [test.chiSquare, test.degreesOfFreedom, test.pValue as number, ""]
    );
    if (withHeaders) out.push(["group", "customers", "observed churn", "expected churn"]);
    data.labels.forEach((label, j) =>
      out.push([labelCell(label), test.customers[j], test.observed[j], test.expected[j]])
    );
    return out;
  });
}

/**
 * Restricted mean survival time: the area under the Kaplan-Meier curve up to a horizon, per group, with its standard error and 95% interval.
 * @customfunction RMST
 * @param durations Each customer's time from acquisition to churn, or to now if still active (a column, 0 or more).
 * @param churned 1 or TRUE if the customer churned, 0 or FALSE if still active (censored).
 * @param horizon The time up to which lifetimes are counted, in the durations' unit (above 0).
 * @param [groups] Each customer's group (plan, channel…); omitted: all customers together.
 * @returns One row per group: group (empty without groups), RMST, standard error, lower and upper 95% bound.
 */
export function RMST(
  durations: any[][],
  churned: any[][],
  horizon: any,
  groups?: any[][]
): any[][] {
  return spill(() => {
    const data = groupedRows(durations, churned, null, groups);
    const tau = optionalNumber(horizon, "horizon", NaN);
    if (Number.isNaN(tau))
      throw invalidValue(
        "horizon is missing: give the time up to which to count, in the durations' unit"
      );
    return splitByGroup(data).map((rows, j): ExcelCell[] => {
      const r = restrictedMean(kaplanMeier(rows), tau);
      return [labelCell(data.labels[j]), r.mean, r.standardError, r.lower, r.upper];
    });
  });
}

/**
 * Nelson–Aalen cumulative hazard: one row per distinct time with at risk, churned and the cumulative hazard Σ d/n.
 * @customfunction NELSON_AALEN
 * @param durations Each customer's time from acquisition to churn, or to now if still active (a column, 0 or more).
 * @param churned 1 or TRUE if the customer churned, 0 or FALSE if still active (censored).
 * @param [weights] How many identical customers each row stands for (default 1).
 * @param [headers] 1 (default): a header row; 0: none.
 * @returns A table that spills: time, at risk, churned, cumulative hazard.
 */
export function NELSON_AALEN(
  durations: any[][],
  churned: any[][],
  weights?: any[][],
  headers?: any
): any[][] {
  return spill(() => {
    const { rows } = groupedRows(durations, churned, weights, null);
    const withHeaders = optionalHeaders(headers);
    const na = nelsonAalen(rows);
    const out: ExcelCell[][] = withHeaders
      ? [["time", "at risk", "churned", "cumulative hazard"]]
      : [];
    for (let k = 0; k < na.time.length; k++)
      out.push([na.time[k], na.atRisk[k], na.churned[k], na.cumulativeHazard[k]]);
    return out;
  });
}
