/*
 * Comparing survival between groups (issue 19): RETAIN.LOGRANK on 100,000 customers in 2 and 5
 * groups, as Excel passes the cells (text groups, a churn flag per row) and through the bare
 * model, every weighting; RMST per group and MEDIAN_LIFETIME's interval on the same rows. Median
 * and worst of 7 interleaved rounds. Durations are whole months (up to 60 distinct times), as a
 * subscription export gives them, and fractional days (about 100,000 distinct times).
 */
import "../test/support/custom-functions-global";
import { LOGRANK, RMST } from "../src/functions/survival-comparison-functions";
import { MEDIAN_LIFETIME } from "../src/functions/survival-functions";
import { logRank, WEIGHTING_CODES } from "../src/model/survival/log-rank";
import { interleavedMs, median, row, seeded } from "./harness";

const CUSTOMERS = 100_000;
const ROUNDS = 7;

function customers(groupCount: number, whole: boolean) {
  const u = seeded(19 + groupCount);
  const duration = new Float64Array(CUSTOMERS);
  const churned = new Uint8Array(CUSTOMERS);
  const group = new Int32Array(CUSTOMERS);
  for (let i = 0; i < CUSTOMERS; i++) {
    const g = Math.floor(u() * groupCount);
    const t = -Math.log(u()) * (10 + 3 * g);
    const end = 60 * u(); // observed until a random point of a five-year window
    group[i] = g;
    churned[i] = t <= end ? 1 : 0;
    duration[i] = whole ? Math.floor(Math.min(t, end)) : Math.min(t, end);
  }
  const cells = {
    durations: Array.from(duration, (d) => [d]),
    churned: Array.from(churned, (c) => [c]),
    groups: Array.from(group, (g) => [`plan ${g + 1}`]),
  };
  const model = {
    rows: { duration, churned, weight: new Float64Array(CUSTOMERS).fill(1), count: CUSTOMERS },
    group,
    groupCount,
  };
  return { cells, model };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
row(`survival on ${CUSTOMERS.toLocaleString("en-US")} customers`, "median", `worst of ${ROUNDS}`);
for (const whole of [true, false]) {
  for (const k of [2, 5]) {
    const { cells, model } = customers(k, whole);
    const label = `${k} groups, ${whole ? "whole months" : "fractional times"}`;
    const runs: Array<[string, () => unknown]> = [
      [`LOGRANK, ${label}`, () => LOGRANK(cells.durations, cells.churned, cells.groups)],
      ...[0, 1, 2, 3].map((code): [string, () => unknown] => [
        `  model, weighting ${code}`,
        () => logRank(model, WEIGHTING_CODES[code]),
      ]),
      [`RMST at 24, ${label}`, () => RMST(cells.durations, cells.churned, 24, cells.groups)],
      [
        `MEDIAN_LIFETIME stats, ${label}`,
        () => MEDIAN_LIFETIME(cells.durations, cells.churned, null as never, true),
      ],
    ];
    const times = interleavedMs(
      runs.map(([, run]) => run),
      ROUNDS
    );
    runs.forEach(([name], j) => row(name, ms(median(times[j])), ms(Math.max(...times[j]))));
  }
}
