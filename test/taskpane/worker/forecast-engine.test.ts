/**
 * The worker's plan: a forecast answers for the analysis it names (an older one is superseded),
 * carries the model's plan at the settings (checked against planForecast on the same base), the
 * defaults from the data, the range and the backtest; the "Plan" sheet is built from the last one.
 */
import { readFileSync } from "fs";
import path from "path";
import { planBase } from "../../../src/model/plan/plan-from-history";
import { planForecast } from "../../../src/model/plan/plan-model";
import { createAnalysisEngine } from "../../../src/taskpane/worker/analysis-engine";
import type {
  AnalysisSettings,
  ForecastSettings,
  WorkerResponse,
} from "../../../src/taskpane/worker/protocol";
import { sampleOrders } from "../../report/analysis-support";

const SAMPLE = readFileSync(path.resolve(__dirname, "../../../samples/orders.csv"), "utf8");

const SETTINGS: AnalysisSettings = {
  shape: "orders",
  columns: { customer: 0, date: 1, amount: 2, start: -1, end: -1, revenue: -1 },
  hasHeader: true,
  dateFormat: null,
  unit: "month",
  window: 1,
};

const PLAN: ForecastSettings = {
  horizon: 12,
  newPerPeriod: null,
  growth: 0.01,
  revenuePerCustomer: null,
  margin: 0.4,
  cac: 50,
  uplift: 0.03,
  level: 0.8,
  pasted: null,
};

test("a forecast of the analysis on screen, the sheet from it, and an older analysis superseded", async () => {
  const messages: WorkerResponse[] = [];
  const handle = createAnalysisEngine((m) => messages.push(m));
  await handle({
    type: "analyse",
    id: 1,
    source: { kind: "text", text: SAMPLE },
    settings: SETTINGS,
  });
  expect(messages.some((m) => m.type === "analysed")).toBe(true);
  await handle({ type: "forecast", id: 2, analysis: 1, settings: PLAN });
  const answer = messages.find((m) => m.id === 2)!;
  if (answer.type !== "forecast") throw new Error(JSON.stringify(answer).slice(0, 300));
  const view = answer.view;

  const analysis = sampleOrders();
  const base = planBase(analysis);
  expect(view.newPerPeriod).toBe(analysis.latest!.newCustomers);
  expect(view.revenuePerCustomer).toBeCloseTo(base.revenuePerCustomer!, 9);
  const expected = planForecast({
    ...base,
    horizon: 12,
    newCustomers: Array.from({ length: 12 }, (_, i) => view.newPerPeriod * 1.01 ** i),
    revenuePerCustomer: base.revenuePerCustomer!,
    margin: 0.4,
    cac: 50,
    uplift: 0.03,
  });
  for (let k = 0; k < 12; k++) {
    expect(view.total[k]).toBeCloseTo(expected.total[k], 9);
    expect(view.revenue[k]).toBeCloseTo(expected.revenue[k], 6);
    expect(view.low![k]).toBeLessThanOrEqual(view.high![k]);
  }
  expect(view.level).toBe(0.8);
  expect(view.backtest?.periods).toBe(12);

  await handle({ type: "forecastPlan", id: 3, language: "zh-CN", currency: "CNY" });
  const planned = messages.find((m) => m.id === 3)!;
  if (planned.type !== "planned") throw new Error(JSON.stringify(planned).slice(0, 300));
  expect(planned.plan.sheetName).toBe("计划");

  await handle({ type: "forecast", id: 4, analysis: 99, settings: PLAN });
  expect(messages.find((m) => m.id === 4)).toEqual({ type: "superseded", id: 4 });
  // Without a current forecast there is nothing to write.
  await handle({ type: "forecastPlan", id: 5, language: "en", currency: "USD" });
  expect(messages.find((m) => m.id === 5)).toMatchObject({ type: "failed" });
});
