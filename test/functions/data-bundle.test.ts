/**
 * The data functions in the built dist/functions.js, called by id in a bare runtime whose only
 * global is CustomFunctions, with arguments built in the bundle's own realm, as Excel does:
 * the worked example of docs/functions-data.md from samples/orders.csv, end to end.
 */
import fs from "fs";
import path from "path";
import { loadFunctionsBundle } from "../support/load-bundle";
import { CustomFunctionsError } from "../support/custom-functions-global";

const { registered, inRealm } = loadFunctionsBundle();
const call = (id: string, ...args: unknown[]) => {
  const fn = registered.get(id);
  if (!fn) throw new Error(`${id} is not registered by dist/functions.js`);
  return fn(...args.map((a) => (a === null ? null : inRealm(a))));
};

const rows = fs
  .readFileSync(path.resolve(__dirname, "../../samples/orders.csv"), "utf8")
  .trim()
  .split("\n")
  .map((l) => l.split(","));
const ids = rows.map((r) => [r[0]]);
const dates = rows.map((r) => [r[1]]);
const amounts = rows.map((r) => [r[2] === "amount" ? r[2] : Number(r[2])]);

const DATA_FUNCTIONS = [
  "PERIOD_RETENTION",
  "SUBSCRIPTION_RETENTION",
  "COHORTS",
  "SUBSCRIPTION_COHORTS",
  "REVENUE_MOVEMENTS",
  "SUBSCRIPTION_REVENUE_MOVEMENTS",
  "RFM",
  "KAPLAN_MEIER",
  "MEDIAN_LIFETIME",
  "SUBSCRIPTION_DURATIONS",
  "NRR",
  "GRR",
  "QUICK_RATIO",
];

test("every data function is registered", () => {
  for (const id of DATA_FUNCTIONS) expect(registered.has(id)).toBe(true);
});

test("orders → period retention → cohort triangle → SBG_FIT → SBG_SURVIVAL, as docs/functions-data.md's worked example", () => {
  const retention = call("PERIOD_RETENTION", ids, dates, amounts) as unknown[][];
  expect(retention[0][0]).toBe("period start");
  expect(retention.length).toBe(19);
  for (const row of retention.slice(2)) {
    const [, S, N, E, kept, reactivated, churned, rate] = row as number[];
    expect(E).toBe(kept + reactivated + N);
    expect(churned + kept).toBe(S);
    expect(rate).toBeCloseTo((E - N) / S, 12);
  }
  // Measure 4: survivors (still ordering at or after each period), which never rise.
  const triangle = call("COHORTS", ids, dates, amounts, 4, null, null, 0) as unknown[][];
  const counts = triangle.map((row) => row.slice(2));
  // The newest cohort is observed for one period: the rest of its row is empty, not 0.
  expect(counts[counts.length - 1].filter((c) => c === "").length).toBe(counts[0].length - 1);
  for (const row of counts) {
    const seen = row.filter((c): c is number => c !== "");
    for (let t = 1; t < seen.length; t++) expect(seen[t]).toBeLessThanOrEqual(seen[t - 1]);
  }
  const fit = call("SBG_FIT", counts) as unknown[][];
  const [alpha, beta] = fit[0] as number[];
  expect(alpha).toBeGreaterThan(0);
  expect(beta).toBeGreaterThan(0);
  const periods = Array.from({ length: 24 }, (_, t) => [t]);
  const projected = call("SBG_SURVIVAL", [[alpha]], [[beta]], periods) as number[][];
  expect(projected[0][0]).toBe(1);
  for (let t = 1; t < 24; t++) expect(projected[t][0]).toBeLessThan(projected[t - 1][0]);
});

test("errors come back as Excel errors with the row named", () => {
  const bad = dates.map((d, i) => (i === 5 ? ["5 March"] : d));
  const result = call("PERIOD_RETENTION", ids, bad) as unknown[][];
  const cell = result[0][0] as CustomFunctionsError;
  expect(cell.code).toBe("#VALUE!");
  expect(cell.message).toMatch(/^order_dates row 6: '5 March' is not a date/);
});
