/**
 * The worker's "Customers who may have left" requests, run in-process through the real engine
 * (createAnalysisEngine, as analysis.worker.ts runs it): the sample CSV as pasted text and the
 * same orders as rows read from Excel give the model's fit, and the view's picks (top customers,
 * P(alive) bins, holdout by frequency) are checked against plain loops and sorts written here.
 * Every message crosses a structuredClone with its transfer list, as postMessage would.
 */
import { readFileSync } from "fs";
import path from "path";
import {
  CustomerLifetimeAnalysis,
  CustomerLifetimeOptions,
  CustomerLifetimeTable,
} from "../../../src/model/buyers/customer-lifetime";
import { serialFromIsoText } from "../../../src/model/reading/excel-dates";
import {
  CHINESE_CUSTOMER_LIFETIME_LABELS,
  customerLifetimePlan,
  ENGLISH_CUSTOMER_LIFETIME_LABELS,
} from "../../../src/report/plans/customer-lifetime-plan";
import { createAnalysisEngine } from "../../../src/taskpane/worker/analysis-engine";
import type { LifetimeView } from "../../../src/taskpane/worker/customer-lifetime-protocol";
import type {
  AnalysisSettings,
  WorkerRequest,
  WorkerResponse,
} from "../../../src/taskpane/worker/protocol";

const SAMPLE = readFileSync(path.resolve(__dirname, "../../../samples/orders.csv"), "utf8");
/** The sample's rows, split by hand (it has no quotes): [id, ISO date, amount]. */
const LINES = SAMPLE.trim()
  .split(/\r?\n/)
  .map((l) => l.split(","));

const SETTINGS: AnalysisSettings = {
  shape: "orders",
  columns: { customer: 0, date: 1, amount: 2, start: -1, end: -1, revenue: -1 },
  hasHeader: true,
  dateFormat: null,
  unit: "month",
  window: 1,
};
const WEEKS_HOLDOUT: CustomerLifetimeOptions = {
  timeUnitDays: 7,
  holdoutDays: 91,
  horizon: 52,
  annualDiscountRate: 0.1,
};

/** The model fed directly, one order a row, as the reference. */
function modelTable(options: CustomerLifetimeOptions, withAmounts = true): CustomerLifetimeTable {
  const analysis = new CustomerLifetimeAnalysis();
  for (let i = 1; i < LINES.length; i++) {
    const [id, date, amount] = LINES[i];
    analysis.add(i + 1, id, serialFromIsoText(date), withAmounts ? Number(amount) : null);
  }
  return analysis.finish(options);
}

/** The engine with a post that clones each message across a pretend worker boundary. */
function engine() {
  const messages: WorkerResponse[] = [];
  const handle = createAnalysisEngine((message, transfer) => {
    // Transferring a buffer twice, or one still needed by the worker, would throw or detach here.
    messages.push(structuredClone(message, { transfer: transfer ?? [] }));
  });
  const ask = async (request: WorkerRequest) => {
    const from = messages.length;
    await handle(request);
    const answers = messages.slice(from).filter((m) => m.type !== "progress");
    expect(answers).toHaveLength(1);
    return answers[0];
  };
  return { ask, messages };
}

function expectView(view: LifetimeView, table: CustomerLifetimeTable) {
  const { customers: c } = table;
  expect(view.customers).toBe(c.count);
  expect(view.options).toEqual(table.options);
  expect(view.lastDay).toBe(table.lastDay);
  expect(view.calibrationEnd).toBe(table.calibrationEnd);
  expect(view.purchases).toEqual({
    r: table.purchases.r,
    alpha: table.purchases.alpha,
    a: table.purchases.a,
    b: table.purchases.b,
    logLikelihood: table.purchases.logLikelihood,
  });
  expect(view.spendProblem).toBe(table.spendProblem);
  if (table.spend)
    expect(view.spend).toEqual({
      p: table.spend.p,
      q: table.spend.q,
      gamma: table.spend.gamma,
      customersUsed: table.spend.customersUsed,
    });
  else expect(view.spend).toBeNull();

  // P(alive) in ten bins by a plain loop: bin i holds i/10 ≤ p < (i+1)/10, the last one 1 too.
  const bins = new Array(10).fill(0);
  for (const p of table.pAlive) bins[Math.min(9, Math.floor(p * 10))]++;
  expect(Array.from(view.pAliveBins)).toEqual(bins);
  expect(Array.from(view.pAliveEdges)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  expect(bins.reduce((s, n) => s + n, 0)).toBe(c.count);

  // The top 20 by a plain sort: CLV (expected purchases without spend), highest first, ties by row.
  const value = table.spend ? table.clv : table.expectedPurchases;
  const rows = Array.from({ length: c.count }, (_, k) => k)
    .sort((i, j) => value[j] - value[i] || i - j)
    .slice(0, 20);
  expect(view.top.label).toEqual(rows.map((k) => table.ids.labels[c.customer[k]]));
  const col = (from: Float64Array) => rows.map((k) => from[k]);
  expect(Array.from(view.top.frequency)).toEqual(col(c.frequency));
  expect(Array.from(view.top.recency)).toEqual(col(c.recency));
  expect(Array.from(view.top.age)).toEqual(col(c.age));
  expect(Array.from(view.top.monetary)).toEqual(col(c.monetary));
  expect(Array.from(view.top.pAlive)).toEqual(col(table.pAlive));
  expect(Array.from(view.top.expectedPurchases)).toEqual(col(table.expectedPurchases));
  expect(Array.from(view.top.expectedSpend)).toEqual(col(table.expectedSpend));
  expect(Array.from(view.top.clv)).toEqual(col(table.clv));

  const h = table.holdout;
  if (!h) {
    expect(view.holdout).toBeNull();
    return;
  }
  expect(view.holdout!.length).toBe(h.length);
  expect(view.holdout!.expectedTotal).toBe(h.expectedTotal);
  expect(view.holdout!.actualTotal).toBe(h.actualTotal);
  expect(view.holdout!.maxFrequency).toBe(7);
  // By calibration frequency 0..6 and "7 or more", by plain loops; only frequencies someone has.
  const groups = new Map<number, { n: number; e: number; a: number }>();
  for (let k = 0; k < c.count; k++) {
    const x = Math.min(7, c.frequency[k]);
    const g = groups.get(x) ?? { n: 0, e: 0, a: 0 };
    g.n++;
    g.e += h.expected[k];
    g.a += h.actual[k];
    groups.set(x, g);
  }
  const keys = [...groups.keys()].sort((a, b) => a - b);
  const f = view.holdout!.byFrequency!;
  expect(Array.from(f.frequency)).toEqual(keys);
  keys.forEach((x, i) => {
    const g = groups.get(x)!;
    expect(f.customers[i]).toBe(g.n);
    expect(f.expected[i]).toBeCloseTo(g.e / g.n, 12);
    expect(f.actual[i]).toBeCloseTo(g.a / g.n, 12);
  });
}

describe("the worker's lifetime requests", () => {
  it("fit the sample (pasted text) to the model's figures, with a 13-week holdout", async () => {
    const { ask, messages } = engine();
    const answer = await ask({
      type: "lifetime",
      id: 1,
      source: { kind: "text", text: SAMPLE },
      settings: SETTINGS,
      options: WEEKS_HOLDOUT,
    });
    expect(answer.type).toBe("lifetime");
    const table = modelTable(WEEKS_HOLDOUT);
    expect(table.holdout).not.toBeNull();
    expect(table.spend).not.toBeNull();
    expectView((answer as { view: LifetimeView }).view, table);
    // Progress was reported for the rows read.
    const progress = messages.filter((m) => m.type === "progress");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1]).toMatchObject({ id: 1, fraction: 1 });
  });

  it("read Excel's rows (serial dates, numbers, in blocks) to the same figures, without a holdout", async () => {
    const options = { ...WEEKS_HOLDOUT, holdoutDays: 0, horizon: 26, annualDiscountRate: 0.05 };
    const rows: unknown[][] = LINES.map((l, i) =>
      i === 0 ? l : [l[0], serialFromIsoText(l[1]), Number(l[2])]
    );
    const half = 1000;
    const messages: WorkerResponse[] = [];
    const handle = createAnalysisEngine((m, transfer) =>
      messages.push(structuredClone(m, { transfer: transfer ?? [] }))
    );
    await handle({ type: "append", rows: rows.slice(0, half), firstRow: 1 });
    await handle({ type: "append", rows: rows.slice(half), firstRow: half + 1 });
    await handle({
      type: "lifetime",
      id: 7,
      source: { kind: "blocks" },
      settings: SETTINGS,
      options,
    });
    const done = messages.find((m) => m.type === "lifetime") as { id: number; view: LifetimeView };
    expect(done.id).toBe(7);
    const table = modelTable(options);
    expect(table.holdout).toBeNull();
    expectView(done.view, table);
  });

  it("refit the orders folded by the previous request when only the options change", async () => {
    const { ask, messages } = engine();
    await ask({
      type: "lifetime",
      id: 1,
      source: { kind: "text", text: SAMPLE },
      settings: SETTINGS,
      options: { ...WEEKS_HOLDOUT, holdoutDays: 0 },
    });
    // The source is not read again (an empty text would have no orders): the sample is refitted.
    const months = {
      timeUnitDays: 365.25 / 12,
      holdoutDays: 61,
      horizon: 12,
      annualDiscountRate: 0,
    };
    const before = messages.length;
    const refit = await ask({
      type: "lifetime",
      id: 2,
      source: { kind: "text", text: "" },
      settings: SETTINGS,
      options: months,
      reuse: true,
    });
    expect(messages.slice(before).filter((m) => m.type === "progress")).toEqual([]);
    expectView((refit as { view: LifetimeView }).view, modelTable(months));
    // A fit the model refuses leaves the folded orders whole for the next one.
    expect(
      await ask({
        type: "lifetime",
        id: 3,
        source: { kind: "text", text: "" },
        settings: SETTINGS,
        options: { ...WEEKS_HOLDOUT, holdoutDays: 5000 },
        reuse: true,
      })
    ).toMatchObject({ type: "failed", id: 3 });
    const again = await ask({
      type: "lifetime",
      id: 4,
      source: { kind: "text", text: "" },
      settings: SETTINGS,
      options: WEEKS_HOLDOUT,
      reuse: true,
    });
    expectView((again as { view: LifetimeView }).view, modelTable(WEEKS_HOLDOUT));
    // Without reuse the source is read: the empty text has no orders.
    expect(
      await ask({
        type: "lifetime",
        id: 5,
        source: { kind: "text", text: "" },
        settings: SETTINGS,
        options: WEEKS_HOLDOUT,
      })
    ).toMatchObject({ type: "failed", id: 5 });
  });

  it("say why there is no spend model when the orders have no amounts", async () => {
    const { ask } = engine();
    const answer = await ask({
      type: "lifetime",
      id: 2,
      source: { kind: "text", text: SAMPLE },
      settings: { ...SETTINGS, columns: { ...SETTINGS.columns, amount: -1 } },
      options: WEEKS_HOLDOUT,
    });
    const table = modelTable(WEEKS_HOLDOUT, false);
    expect(table.spend).toBeNull();
    expect(table.spendProblem).toMatch(/no amounts/);
    const view = (answer as { view: LifetimeView }).view;
    expectView(view, table);
    expect(Array.from(view.top.clv).every(Number.isNaN)).toBe(true);
  });

  it("fail with the model's message, and write nothing before a fit", async () => {
    const { ask } = engine();
    expect(await ask({ type: "lifetimePlan", id: 3, language: "en" })).toMatchObject({
      type: "failed",
      id: 3,
      message: "no customer lifetimes to write",
    });
    const tooLong = await ask({
      type: "lifetime",
      id: 4,
      source: { kind: "text", text: SAMPLE },
      settings: SETTINGS,
      options: { ...WEEKS_HOLDOUT, holdoutDays: 5000 },
    });
    expect(tooLong).toMatchObject({ type: "failed", id: 4, code: "num" });
    expect((tooLong as { message: string }).message).toMatch(/holdout \(5000 days\)/);
    expect(
      await ask({
        type: "lifetime",
        id: 5,
        source: { kind: "text", text: "start,end,mrr\n2024-01-01,2024-02-01,10\n" },
        settings: { ...SETTINGS, shape: "subscriptions" },
        options: WEEKS_HOLDOUT,
      })
    ).toMatchObject({ type: "failed", id: 5, message: "customer lifetimes need orders data" });
  });

  it("plan the per-customer sheet of the last fit, in either language", async () => {
    const { ask } = engine();
    await ask({
      type: "lifetime",
      id: 1,
      source: { kind: "text", text: SAMPLE },
      settings: SETTINGS,
      options: WEEKS_HOLDOUT,
    });
    const table = modelTable(WEEKS_HOLDOUT);
    for (const [language, labels] of [
      ["en", ENGLISH_CUSTOMER_LIFETIME_LABELS],
      ["zh-CN", CHINESE_CUSTOMER_LIFETIME_LABELS],
    ] as const) {
      const answer = await ask({ type: "lifetimePlan", id: 9, language });
      expect(answer.type).toBe("planned");
      expect((answer as { plan: unknown }).plan).toEqual(customerLifetimePlan(table, { labels }));
    }
    // A failed fit leaves nothing to write (not the previous fit's customers).
    await ask({
      type: "lifetime",
      id: 10,
      source: { kind: "text", text: SAMPLE },
      settings: SETTINGS,
      options: { ...WEEKS_HOLDOUT, holdoutDays: 5000 },
    });
    expect(await ask({ type: "lifetimePlan", id: 11, language: "en" })).toMatchObject({
      type: "failed",
    });
  });
});
