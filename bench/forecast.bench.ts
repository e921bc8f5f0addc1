/*
 * The forecasts by future period (issue 20 §2): RETAIN.SBG_FORECAST on a 36-cohort monthly
 * triangle, 12 future periods with a planned cohort each, with and without an 80% prediction
 * interval, in median milliseconds per call through the custom function (as Excel calls it:
 * the cells built here, in the realm the function runs in) and the bare model. Target: the
 * interval within 50 ms a cell.
 */
import "../test/support/custom-functions-global";
import { SBG_FORECAST } from "../src/functions/forecast-functions";
import { sbgPlan } from "../src/model/plan/sbg-plan";
import { medianMs, row } from "./harness";

const [ALPHA, BETA] = [0.704, 1.182];
// 36 monthly cohorts of 2,000–4,000 customers: cohort c observed for 35 − c months, expected
// survivors under α, β rounded to whole customers; "" where not observed yet.
const TRIANGLE_ROWS = Array.from({ length: 36 }, (_, c) => {
  const size = 2000 + ((c * 877) % 2000);
  const row = [size];
  for (let t = 1; t < 36 - c; t++)
    row.push(Math.round(row[t - 1] * ((BETA + t - 1) / (ALPHA + BETA + t - 1))));
  return row;
});
const TRIANGLE_CELLS = TRIANGLE_ROWS.map((r) => [...r, ...new Array(36 - r.length).fill("")]);
const PLAN = [Array.from({ length: 12 }, () => 3000)];

const ms = (x: number) => `${x.toFixed(2)} ms`;
row("SBG_FORECAST, 36 cohorts, 12 periods (median)", "custom fn", "model");
row(
  "  point forecast",
  ms(medianMs(() => SBG_FORECAST(TRIANGLE_CELLS, [[12]], PLAN, null, 0), 50)),
  ms(medianMs(() => sbgPlan(TRIANGLE_ROWS, 12, PLAN[0]), 50))
);
row(
  "  with an 80% interval",
  ms(medianMs(() => SBG_FORECAST(TRIANGLE_CELLS, [[12]], PLAN, [[0.8]], 0), 20)),
  ms(medianMs(() => sbgPlan(TRIANGLE_ROWS, 12, PLAN[0], 0.8), 20)) + "   target ≤ 50 ms"
);
const LONG_PLAN = [Array.from({ length: 36 }, () => 3000)];
row(
  "  36 periods, with an 80% interval",
  ms(medianMs(() => SBG_FORECAST(TRIANGLE_CELLS, [[36]], LONG_PLAN, [[0.8]], 0), 10)),
  ms(medianMs(() => sbgPlan(TRIANGLE_ROWS, 36, LONG_PLAN[0], 0.8), 10))
);
