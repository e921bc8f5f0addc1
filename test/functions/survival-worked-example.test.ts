/*
 * docs/functions-data.md's worked example "who leaves, by plan", figure by figure, in the built
 * dist/functions.js: samples/subscriptions.csv as Excel holds it (dates as serials), the
 * durations from SUBSCRIPTION_DURATIONS, the plan as "$" & mrr, then LOGRANK, RMST and COX_FIT
 * as the page writes them. The log-rank counts and the RMST are computed again here with plain
 * loops over the subscriptions. Needs `npm run build`.
 */
import fs from "fs";
import path from "path";
import { loadFunctionsBundle } from "../support/load-bundle";

const ROOT = path.resolve(__dirname, "../..");
const PAGE = fs.readFileSync(path.join(ROOT, "docs/functions-data.md"), "utf8");
const EXAMPLE = PAGE.slice(PAGE.indexOf("## Worked example: who leaves, by plan"));
const { registered, inRealm } = loadFunctionsBundle();
const call = (id: string, ...args: unknown[]) =>
  registered.get(id)!(...args.map((a) => (a === null ? null : inRealm(a)))) as unknown[][];

const rows = fs
  .readFileSync(path.join(ROOT, "samples/subscriptions.csv"), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split(","));
const serial = (iso: string) => (iso ? Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25_569 : null);
const durations = call(
  "SUBSCRIPTION_DURATIONS",
  rows.map((r) => [serial(r[1])]),
  rows.map((r) => [serial(r[2])])
);
const months = durations.map((r) => [r[0]]);
const churned = durations.map((r) => [r[1]]);
const plan = rows.slice(0, durations.length).map((r) => [`$${r[3]}`]);

/** The printed figure as a number ("0.73", "$613", "6.20"). */
const figure = (pattern: RegExp, group = 1) => {
  const m = EXAMPLE.match(pattern);
  if (!m) throw new Error(`the worked example no longer says ${pattern}`);
  return m[group];
};
/** A computed value at the printed precision. */
const expectPrinted = (value: unknown, printed: string) => {
  const decimals = printed.includes(".") ? printed.length - printed.indexOf(".") - 1 : 0;
  expect((value as number).toFixed(decimals)).toBe(printed);
};

// The subscriptions the functions count: all of them. The 17 still running in their first
// month are rows of zeros (duration 0, churned 0) above the last row with data, so they are
// customers, not Excel's empty tail (docs/function-rules.md).
const counted = months.map((_, i) => i);

test("the 17 subscriptions in their first month are rows of zeros, and are counted", () => {
  const zeros = months.filter((m, i) => m[0] === 0 && churned[i][0] === 0).length;
  expect(zeros).toBe(Number(figure(/the (\d+) still running in their first month/i)));
  const km = call("KAPLAN_MEIER", months, churned);
  expect(km[1][1]).toBe(rows.length); // at risk at the first time: every subscription
});

test("the sample has the page's 334 subscriptions and four plans", () => {
  expect(rows).toHaveLength(Number(figure(/mrr for (\d+) subscriptions/)));
  expect(new Set(plan.map((p) => p[0])).size).toBe(4);
});

test("log-rank: the page's chi-square, degrees of freedom and p-value, and each plan's counts by plain loops", () => {
  const result = call("LOGRANK", months, churned, plan);
  expectPrinted(result[1][0], figure(/Chi-square ([\d.]+) on/));
  expect(result[1][1]).toBe(Number(figure(/on (\d+) degrees of freedom/)));
  expectPrinted(result[1][2], figure(/degrees of freedom, p = ([\d.]*\d)/));
  const byPlan = new Map(result.slice(3).map((r) => [r[0] as string, r]));
  // Observed and expected churn by plain loops: at each churn time, d · n_plan / n.
  const times = [
    ...new Set(counted.filter((i) => churned[i][0] === 1).map((i) => months[i][0] as number)),
  ];
  const observed = new Map<string, number>();
  const expected = new Map<string, number>();
  for (const t of times) {
    let n = 0;
    let d = 0;
    const atRisk = new Map<string, number>();
    for (const i of counted) {
      const m = months[i][0] as number;
      if (m >= t) {
        n++;
        atRisk.set(plan[i][0], (atRisk.get(plan[i][0]) ?? 0) + 1);
      }
      if (m === t && churned[i][0] === 1) d++;
    }
    for (const [p, k] of atRisk) expected.set(p, (expected.get(p) ?? 0) + (d * k) / n);
  }
  for (const i of counted)
    if (churned[i][0] === 1) observed.set(plan[i][0], (observed.get(plan[i][0]) ?? 0) + 1);
  for (const p of byPlan.keys()) {
    expect(byPlan.get(p)![2]).toBe(observed.get(p));
    expect(Math.abs((byPlan.get(p)![3] as number) - expected.get(p)!)).toBeLessThan(1e-9);
  }
  const [, o49, e49] = EXAMPLE.match(
    /The \$49 plan had (\d+) cancellations where ([\d.]+) were expected/
  )!;
  expect(observed.get("$49")).toBe(Number(o49));
  expectPrinted(expected.get("$49"), e49);
  const [, o29, e29] = EXAMPLE.match(/\$29 had (\d+) against ([\d.]*\d)/)!;
  expect(observed.get("$29")).toBe(Number(o29));
  expectPrinted(expected.get("$29"), e29);
});

test("RMST within 12 months: the page's figures, and the same area under Kaplan-Meier by plain loops", () => {
  const result = call("RMST", months, churned, 12, plan);
  const printed = EXAMPLE.match(
    /lasts ([\d.]+) months on \$29, ([\d.]+) on \$99, ([\d.]+) on \$249 and ([\d.]+) on \$49/
  )!;
  ["$29", "$99", "$249", "$49"].forEach((p, k) => {
    const row = result.find((r) => r[0] === p)!;
    expectPrinted(row[1], printed[k + 1]);
    // Kaplan-Meier by loops, then the area of its steps up to 12.
    const own = counted.filter((i) => plan[i][0] === p);
    const times = [...new Set(own.map((i) => months[i][0] as number))].sort((a, b) => a - b);
    let s = 1;
    let area = 0;
    let last = 0;
    for (const t of times) {
      if (t >= 12) break;
      area += s * (t - last);
      last = t;
      const atRisk = own.filter((i) => (months[i][0] as number) >= t).length;
      const died = own.filter((i) => months[i][0] === t && churned[i][0] === 1).length;
      s *= 1 - died / atRisk;
    }
    area += s * (12 - last);
    expect(Math.abs((row[1] as number) - area)).toBeLessThan(1e-9);
  });
  const value = figure(/6\.25 × \$99 = \$(\d+)/);
  expectPrinted(99 * (result.find((r) => r[0] === "$99")![1] as number), value);
});

test("Cox: the page's hazard ratios against the most common plan, p-values, LR test and concordance", () => {
  const head = (h: string, column: unknown[][]) => [[h], ...column];
  const result = call(
    "COX_FIT",
    head("months", months),
    head("churned", churned),
    head("plan", plan),
    0,
    true
  );
  const names = result[0] as string[];
  const ratio = (p: string) => result[3][names.indexOf(`plan = ${p}`)];
  const [, r99, r249, r29] = EXAMPLE.match(
    /hazard ratios are ([\d.]+) for \$99, ([\d.]+) for \$249 and ([\d.]+) for \$29/
  )!;
  expectPrinted(ratio("$99"), r99);
  expectPrinted(ratio("$249"), r249);
  expectPrinted(ratio("$29"), r29);
  expect(names).not.toContain("plan = $49"); // the baseline
  for (let k = 0; k < 3; k++) expect(result[4][k] as number).toBeGreaterThan(0.3);
  expectPrinted(result[5][3], figure(/likelihood-ratio test gives p = ([\d.]*\d)/));
  expectPrinted(result[5][4], figure(/concordance is ([\d.]*\d)/));
});
