/*
 * The forecasts by future period (issue 20 §2): RETAIN.SBG_FORECAST on a 36-cohort monthly
 * triangle, 12 future periods with a planned cohort each, with and without an 80% prediction
 * interval, in median milliseconds per call through the custom function (as Excel calls it:
 * the cells built here, in the realm the function runs in) and the bare model. Target: the
 * interval within 50 ms a cell.
 * And the Plan view's first forecast on a million orders: the worker's answer to the pane's
 * first request (the sBG fit of the data's cohorts, the 12-month plan, its 80% range and the
 * backtest) once the orders are analysed, median and worst of 7 runs, each with a new worker
 * state so the fit is never cached.
 */
import "../test/support/custom-functions-global";
import { SBG_FORECAST } from "../src/functions/forecast-functions";
import { OrdersAnalysis } from "../src/model/history/analysis";
import { sbgPlan } from "../src/model/plan/sbg-plan";
import { createForecastHandler } from "../src/taskpane/worker/forecast-engine";
import type { WorkerResponse } from "../src/taskpane/worker/protocol";
import { median, medianMs, row } from "./harness";

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

/**
 * A million orders over three years whose cohorts churn as sBG customers do: each customer's
 * monthly churn probability is drawn from a beta(0.7, 1.2) distribution, and they order 1–3
 * times in every month they are still there. (The sBG fit needs such cohorts: with one churn
 * probability for all, retention does not rise with tenure and no finite α, β fit.)
 */
function millionOrders() {
  const analysis = new OrdersAnalysis({ unit: "month", window: 1, hasRevenue: true });
  let state = 20261206;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  // Beta(a, b) by Jöhnk's method (fine for a, b < 1.5).
  const beta = (a: number, b: number) => {
    for (;;) {
      const x = Math.pow(uniform(), 1 / a);
      const y = Math.pow(uniform(), 1 / b);
      if (x + y <= 1) return x / (x + y);
    }
  };
  let rows = 0;
  for (let customer = 0; rows < 1_048_575; customer++) {
    const start = Math.floor(uniform() * 36);
    const churn = beta(0.7, 1.2);
    for (let month = start; month < 36 && rows < 1_048_575; month++) {
      const orders = 1 + Math.floor(uniform() * 3);
      for (let k = 0; k < orders && rows < 1_048_575; k++) {
        const day = 1 + Math.floor(uniform() * 28);
        const date = new Date(Date.UTC(2023, month, day)).toISOString().slice(0, 10);
        analysis.add(rows + 2, `C-${customer}`, date, (20 + ((rows * 13) % 180)).toFixed(2));
        rows++;
      }
      if (uniform() < churn) break;
    }
  }
  return analysis.finish();
}

async function firstForecastMs(tables: ReturnType<typeof millionOrders>): Promise<number> {
  let answer: WorkerResponse | null = null;
  const handler = createForecastHandler((message) => {
    answer = message;
  });
  handler.keep({ analysis: 1, tables });
  const t0 = process.hrtime.bigint();
  await handler.handle({
    type: "forecast",
    id: 1,
    analysis: 1,
    settings: {
      horizon: 12,
      newPerPeriod: null,
      growth: 0,
      revenuePerCustomer: null,
      margin: 1,
      cac: 0,
      uplift: 0,
      level: 0.8,
      pasted: null,
    },
  });
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
  const got = answer as WorkerResponse | null;
  if (got?.type !== "forecast")
    throw new Error(`no forecast: ${JSON.stringify(got).slice(0, 300)}`);
  return elapsed;
}

void (async () => {
  const tables = millionOrders();
  const times: number[] = [];
  await firstForecastMs(tables); // warm-up
  for (let i = 0; i < 7; i++) times.push(await firstForecastMs(tables));
  row(
    "Plan view's first forecast, 1,048,575 orders (worker)",
    `median ${ms(median(times))}`,
    `worst ${ms(Math.max(...times))}`
  );
})();
