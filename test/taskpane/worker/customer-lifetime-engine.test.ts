/**
 * The worker's "Customers who may have left" requests, run in-process through the real engine
 * (createAnalysisEngine, as analysis.worker.ts runs it): an analysis reads the source once, and
 * the fits refit the orders it folded. The sample CSV as pasted text and the same orders as rows
 * read from Excel give the model's fit, and the view's picks (top customers, P(alive) bins,
 * holdout by frequency) are checked against plain loops and sorts written here. The reads are
 * counted through the engine's ReadRows seam. Every message crosses a structuredClone with its
 * transfer list, as postMessage would.
 */
import fc from "fast-check";
import { readFileSync } from "fs";
import path from "path";
import {
  LIFETIME_MODELS,
  lifetimeBuyerModel,
  CustomerLifetimeAnalysis,
  CustomerLifetimeOptions,
  CustomerLifetimeTable,
} from "../../../src/model/buyers/customer-lifetime";
import { OrdersAnalysis } from "../../../src/model/history/analysis";
import { isoTextFromSerial, serialFromIsoText } from "../../../src/model/reading/excel-dates";
import {
  CHINESE_CUSTOMER_LIFETIME_LABELS,
  customerLifetimePlan,
  ENGLISH_CUSTOMER_LIFETIME_LABELS,
} from "../../../src/report/plans/customer-lifetime-plan";
import { createAnalysisEngine, streamRows } from "../../../src/taskpane/worker/analysis-engine";
import type { ReadRows } from "../../../src/taskpane/worker/engine-io";
import { foldOrders } from "../../../src/taskpane/worker/customer-lifetime-engine";
import type {
  AnalysisSettings,
  LifetimeView,
  TableSource,
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

/**
 * The engine with a post that clones each message across a pretend worker boundary, and its
 * reads counted: each entry is a read of a whole source (`limit` undefined) or of its first rows.
 */
function engine() {
  const messages: WorkerResponse[] = [];
  const reads: { source: TableSource["kind"]; limit: number | undefined }[] = [];
  const read: ReadRows = (source, blocks, sink, progress, limit) => {
    reads.push({ source: source.kind, limit });
    return streamRows(source, blocks, sink, progress, limit);
  };
  const handle = createAnalysisEngine((message, transfer) => {
    // Transferring a buffer twice, or one still needed by the worker, would throw or detach here.
    messages.push(structuredClone(message, { transfer: transfer ?? [] }));
  }, read);
  const ask = async (request: WorkerRequest) => {
    const from = messages.length;
    await handle(request);
    const answers = messages.slice(from).filter((m) => m.type !== "progress");
    expect(answers).toHaveLength(1);
    return answers[0];
  };
  /** Analyses a source as analysis number `id`; the answer must be its view. */
  const analyse = async (id: number, source: TableSource, settings = SETTINGS) => {
    const answer = await ask({ type: "analyse", id, source, settings });
    expect(answer).toMatchObject({ type: "analysed", id });
    return answer;
  };
  const fit = async (id: number, analysis: number, options: CustomerLifetimeOptions) =>
    ask({ type: "lifetime", id, analysis, options });
  return { ask, analyse, fit, handle, messages, reads };
}

const viewOf = (answer: WorkerResponse) => {
  if (answer.type === "failed") throw new Error(JSON.stringify(answer));
  expect(answer.type).toBe("lifetime");
  return (answer as { view: LifetimeView }).view;
};

function expectView(view: LifetimeView, table: CustomerLifetimeTable) {
  const { customers: c } = table;
  expect(view.customers).toBe(c.count);
  expect(view.options).toEqual(table.options);
  expect(view.lastDay).toBe(table.lastDay);
  expect(view.calibrationEnd).toBe(table.calibrationEnd);
  expect(view.purchases).toEqual({
    model: table.purchases.model,
    label: table.purchases.label,
    parameterNames: [...table.purchases.parameterNames],
    parameters: table.purchases.parameters,
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

  // The repeat customers' P(alive) in ten bins by a plain loop: bin i holds i/10 ≤ p < (i+1)/10,
  // the last one 1 too; the one-time buyers (x = 0, P(alive) = 1 by construction) counted apart.
  // Every other model gives the one-time buyers a P(alive) of their own: they are in the bins.
  const apart = table.purchases.model === "BGNBD";
  expect(view.pAliveWithOneTime).toBe(!apart);
  const bins = new Array(10).fill(0);
  let once = 0;
  table.pAlive.forEach((p, k) => {
    if (c.frequency[k] === 0) once++;
    if (c.frequency[k] > 0 || !apart) bins[Math.min(9, Math.floor(p * 10))]++;
  });
  expect(Array.from(view.pAliveBins)).toEqual(bins);
  expectChecks(view, table);
  expect(view.oneTimeBuyers).toBe(once);
  expect(Array.from(view.pAliveEdges)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  expect(bins.reduce((s, n) => s + n, 0)).toBe(apart ? c.count - once : c.count);
  // The at-risk list: every row the rule picks, each with its past value.
  for (let i = 0; i < view.atRisk.label.length; i++) {
    expect(view.atRisk.pAlive[i]).toBeLessThan(0.5);
    expect(view.atRisk.frequency[i]).toBeGreaterThan(0);
  }

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

/**
 * The checks against plain loops over the table: the actual repeat-purchase counts, the expected
 * ones as Σ over customers of the model's own P(X(T) = x), the holdout actual by frequency; every
 * model's AIC from its log-likelihood, the best the lowest, the holdout error from the totals.
 */
function expectChecks(view: LifetimeView, table: CustomerLifetimeTable) {
  const { frequency: x, recency: tx, age: T } = table.customers;
  const model = lifetimeBuyerModel(table.purchases.model)!;
  const p = table.purchases.parameters;
  const actual = new Array(8).fill(0);
  const expected = new Array(8).fill(0);
  for (let k = 0; k < x.length; k++) {
    actual[Math.min(7, x[k])]++;
    let below = 0;
    for (let j = 0; j < 7; j++) {
      const pj = model.purchaseCountProbability(j, T[k], p);
      expected[j] += pj;
      below += pj;
    }
    expected[7] += Math.max(0, 1 - below);
  }
  expect(Array.from(view.checks.histogram.actual)).toEqual(actual);
  view.checks.histogram.expected.forEach((e, j) =>
    expect(Math.abs(e - expected[j])).toBeLessThanOrEqual(1e-9 * Math.max(1, expected[j]))
  );
  const rows = view.checks.comparison;
  // BG/BB is fitted to opportunities: compared with no continuous model, and ranked with none.
  const alone = table.purchases.model === "BGBB";
  expect(view.checks.data).toBe(alone ? "opportunities" : "continuous");
  expect(rows.map((r) => r.model)).toEqual(
    alone ? ["BGBB"] : LIFETIME_MODELS.filter((m) => lifetimeBuyerModel(m) !== null)
  );
  let best: string | null = null;
  let lowest = Infinity;
  for (const row of rows) {
    expect(row.problem).toBeNull();
    expect(row.aic).toBeCloseTo(8 - 2 * row.logLikelihood!, 9);
    if (row.aic! < lowest) [lowest, best] = [row.aic!, row.model];
  }
  expect(view.checks.best).toBe(alone ? null : best);
  const mine = rows.find((r) => r.model === table.purchases.model)!;
  expect(mine.logLikelihood).toBeCloseTo(table.purchases.logLikelihood, 6);
  const h = table.holdout;
  if (!h) {
    expect(view.checks.tracking).toBeNull();
    expect(view.checks.byFrequency).toBeNull();
    expect(mine.holdoutError).toBeNull();
    return;
  }
  // The table's holdout expectation is the chosen model's: the comparison's total is the same.
  expect(mine.holdoutExpected!).toBeCloseTo(h.expectedTotal, 6);
  expect(mine.holdoutError!).toBeCloseTo(
    Math.abs(h.expectedTotal - h.actualTotal) / h.actualTotal,
    9
  );
  const later = new Array(8).fill(0);
  const count = new Array(8).fill(0);
  for (let k = 0; k < x.length; k++) {
    later[Math.min(7, x[k])] += h.actual[k];
    count[Math.min(7, x[k])]++;
  }
  const g = view.checks.byFrequency!;
  count.forEach((n, j) => {
    expect(g.customers[j]).toBe(n);
    if (n > 0) expect(g.actualMean[j]).toBeCloseTo(later[j] / n, 12);
    else expect(g.actualMean[j]).toBeNaN();
  });
  // Tracking ends with every repeat purchase up to the holdout end: those before the calibration
  // end (x each) and those in the holdout.
  const t = view.checks.tracking!;
  const total = x.reduce((sum, v) => sum + v, 0) + h.actualTotal;
  expect(t.cumulativeActual[t.cumulativeActual.length - 1]).toBe(total);
  expect(t.periodEnd[t.calibrationPeriods - 1]).toBe(table.calibrationEnd);
  expect(t.cumulativeActual[t.calibrationPeriods - 1]).toBe(x.reduce((sum, v) => sum + v, 0));
  void tx;
}

describe("the worker's lifetime requests", () => {
  it("fit the sample (pasted text) to the model's figures, with a 13-week holdout", async () => {
    const { analyse, fit } = engine();
    await analyse(1, { kind: "text", text: SAMPLE });
    const table = modelTable(WEEKS_HOLDOUT);
    expect(table.holdout).not.toBeNull();
    expect(table.spend).not.toBeNull();
    expectView(viewOf(await fit(2, 1, WEEKS_HOLDOUT)), table);
  });

  it("fit the chosen model (MBG/NBD, the pane's default) to the model's figures, with its checks", async () => {
    const { analyse, fit } = engine();
    await analyse(1, { kind: "text", text: SAMPLE });
    const options: CustomerLifetimeOptions = { ...WEEKS_HOLDOUT, model: "MBGNBD" };
    const table = modelTable(options);
    expect(table.purchases.model).toBe("MBGNBD");
    expectView(viewOf(await fit(2, 1, options)), table);
    // Refitting with another horizon keeps the comparison (it depends on unit and holdout only).
    const longer = { ...options, horizon: 26, model: "BGNBD" as const };
    expectView(viewOf(await fit(3, 1, longer)), modelTable(longer));
  });

  it("fit Pareto/NBD, and BG/BB on quarters and months with a holdout of whole opportunities", async () => {
    const { analyse, fit } = engine();
    await analyse(1, { kind: "text", text: SAMPLE });
    const pareto: CustomerLifetimeOptions = { ...WEEKS_HOLDOUT, model: "PARETO_NBD" };
    expectView(viewOf(await fit(2, 1, pareto)), modelTable(pareto));
    const quarters: CustomerLifetimeOptions = {
      timeUnitDays: 365.25 / 4,
      holdoutDays: 0,
      horizon: 8,
      annualDiscountRate: 0.1,
      model: "BGBB",
      opportunity: "quarter",
      holdoutOpportunities: 1,
    };
    const table = modelTable(quarters);
    expect(table.purchases.model).toBe("BGBB");
    expect(table.holdout!.length).toBe(1);
    const view = viewOf(await fit(3, 1, quarters));
    expectView(view, table);
    // The sample's orders run from January 2024 to June 2025: the calibration ends with March 2025.
    expect(isoTextFromSerial(view.calibrationEnd)).toBe("2025-03-31");
    const months = {
      ...quarters,
      timeUnitDays: 365.25 / 12,
      opportunity: "month" as const,
      holdoutOpportunities: 3,
      horizon: 12,
    };
    expectView(viewOf(await fit(4, 1, months)), modelTable(months));
    // Back to a continuous model: its comparison again.
    expectView(viewOf(await fit(5, 1, pareto)), modelTable(pareto));
  });

  it("read Excel's rows (serial dates, numbers, in blocks) to the same figures, without a holdout", async () => {
    const options = { ...WEEKS_HOLDOUT, holdoutDays: 0, horizon: 26, annualDiscountRate: 0.05 };
    const rows: unknown[][] = LINES.map((l, i) =>
      i === 0 ? l : [l[0], serialFromIsoText(l[1]), Number(l[2])]
    );
    const half = 1000;
    const { analyse, fit, handle } = engine();
    await handle({ type: "append", rows: rows.slice(0, half), firstRow: 1 });
    await handle({ type: "append", rows: rows.slice(half), firstRow: half + 1 });
    await analyse(7, { kind: "blocks" });
    const answer = await fit(8, 7, options);
    expect(answer.id).toBe(8);
    const table = modelTable(options);
    expect(table.holdout).toBeNull();
    expectView(viewOf(answer), table);
  });

  it("read the source once for the analysis and every fit, which refit the folded orders", async () => {
    const { analyse, fit, messages, reads } = engine();
    await analyse(1, { kind: "text", text: SAMPLE });
    expect(reads).toEqual([{ source: "text", limit: undefined }]);
    const analysed = messages.length;
    const months = {
      timeUnitDays: 365.25 / 12,
      holdoutDays: 61,
      horizon: 12,
      annualDiscountRate: 0,
    };
    expectView(
      viewOf(await fit(2, 1, { ...WEEKS_HOLDOUT, holdoutDays: 0 })),
      modelTable({
        ...WEEKS_HOLDOUT,
        holdoutDays: 0,
      })
    );
    expectView(viewOf(await fit(3, 1, months)), modelTable(months));
    // A fit the model refuses leaves the folded orders whole for the next one.
    expect(await fit(4, 1, { ...WEEKS_HOLDOUT, holdoutDays: 5000 })).toMatchObject({
      type: "failed",
      id: 4,
    });
    expectView(viewOf(await fit(5, 1, WEEKS_HOLDOUT)), modelTable(WEEKS_HOLDOUT));
    // Nothing read again, so no progress either.
    expect(reads).toHaveLength(1);
    expect(messages.slice(analysed).filter((m) => m.type === "progress")).toEqual([]);
  });

  it("answer a fit of an older analysis's orders as superseded, never with the newer orders", async () => {
    const { analyse, ask, fit } = engine();
    // Before any analysis, the worker holds no orders (it may have been restarted).
    expect(await fit(1, 1, WEEKS_HOLDOUT)).toEqual({ type: "superseded", id: 1 });
    await analyse(2, { kind: "text", text: SAMPLE });
    const fewer = [LINES[0], ...LINES.slice(1, 400)].map((l) => l.join(",")).join("\n");
    await analyse(3, { kind: "text", text: fewer });
    expect(await fit(4, 2, WEEKS_HOLDOUT)).toEqual({ type: "superseded", id: 4 });
    const newer = viewOf(await fit(5, 3, WEEKS_HOLDOUT));
    expect(newer.customers).toBeLessThan(modelTable(WEEKS_HOLDOUT).customers.count);
    // A failed analysis leaves no orders to refit (not the previous analysis's).
    expect(
      await ask({
        type: "analyse",
        id: 6,
        source: { kind: "text", text: "customer,date,amount\nA,soon,1\n" },
        settings: SETTINGS,
      })
    ).toMatchObject({ type: "failed", id: 6 });
    expect(await fit(7, 3, WEEKS_HOLDOUT)).toEqual({ type: "superseded", id: 7 });
    expect(await fit(8, 6, WEEKS_HOLDOUT)).toEqual({ type: "superseded", id: 8 });
  });

  it("say why there is no spend model when the orders have no amounts", async () => {
    const { analyse, fit } = engine();
    await analyse(
      1,
      { kind: "text", text: SAMPLE },
      {
        ...SETTINGS,
        columns: { ...SETTINGS.columns, amount: -1 },
      }
    );
    const table = modelTable(WEEKS_HOLDOUT, false);
    expect(table.spend).toBeNull();
    expect(table.spendProblem).toMatch(/no amounts/);
    const view = viewOf(await fit(2, 1, WEEKS_HOLDOUT));
    expectView(view, table);
    expect(Array.from(view.top.clv).every(Number.isNaN)).toBe(true);
  });

  it("fail with the model's message, and write nothing before a fit", async () => {
    const { analyse, ask, fit } = engine();
    expect(await ask({ type: "lifetimePlan", id: 3, language: "en" })).toMatchObject({
      type: "failed",
      id: 3,
      message: "no customer lifetimes to write",
    });
    await analyse(4, { kind: "text", text: SAMPLE });
    const tooLong = await fit(5, 4, { ...WEEKS_HOLDOUT, holdoutDays: 5000 });
    expect(tooLong).toMatchObject({ type: "failed", id: 5, code: "num" });
    expect((tooLong as { message: string }).message).toMatch(/holdout \(5000 days\)/);
    await analyse(
      6,
      { kind: "text", text: "customer,start,end,mrr\nA,2024-01-01,2024-02-01,10\n" },
      {
        ...SETTINGS,
        shape: "subscriptions",
        columns: { customer: 0, date: -1, amount: -1, start: 1, end: 2, revenue: 3 },
      }
    );
    expect(await fit(7, 6, WEEKS_HOLDOUT)).toMatchObject({
      type: "failed",
      id: 7,
      message: "customer lifetimes need orders data",
    });
  });

  it("plan the per-customer sheet of the last fit, in either language", async () => {
    const { analyse, ask, fit } = engine();
    await analyse(1, { kind: "text", text: SAMPLE });
    await fit(2, 1, WEEKS_HOLDOUT);
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
    await fit(10, 1, { ...WEEKS_HOLDOUT, holdoutDays: 5000 });
    expect(await ask({ type: "lifetimePlan", id: 11, language: "en" })).toMatchObject({
      type: "failed",
    });
  });
});

/**
 * Random orders as a sheet holds them: customers who buy a few times and stop (so the models
 * usually have something to fit), ids of every kind (text, numbers, numeric text, padded, other
 * case), serial or ISO dates, amounts as numbers, text, refunds or none, in shuffled rows with
 * blank ones among them.
 */
const cellsArb = fc
  .array(
    fc.record({
      id: fc.oneof(
        fc.integer({ min: 1, max: 60 }).map((n) => `C${n}`),
        fc.constantFrom<unknown>("c1", " C2 ", "7", 7, 8, "008")
      ),
      start: fc.integer({ min: 45_000, max: 45_300 }),
      gaps: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 8 }),
      date: fc.constantFrom("serial", "noon", "iso"),
      amount: fc.oneof(
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom<unknown>(null, -15, "12.5")
      ),
    }),
    { minLength: 5, maxLength: 60 }
  )
  .chain((customers) => {
    const cells: unknown[][] = [];
    for (const c of customers) {
      let day = c.start;
      for (const gap of [0, ...c.gaps]) {
        day += gap;
        const date =
          c.date === "serial" ? day : c.date === "noon" ? day + 0.5 : isoTextFromSerial(day);
        cells.push([c.id, date, c.amount]);
      }
    }
    cells.push(["", null, null], [0, 0, 0]);
    return fc.shuffledSubarray(cells, { minLength: cells.length, maxLength: cells.length });
  });

describe("the orders an analysis kept", () => {
  it("fold into the lifetime model exactly as the table's cells fed to it directly", () => {
    let fitted = 0;
    fc.assert(
      fc.property(cellsArb, (cells) => {
        const kept = new OrdersAnalysis({ unit: "month", hasRevenue: true, keepOrders: true });
        const direct = new CustomerLifetimeAnalysis();
        const outcome = (f: () => unknown) => {
          try {
            return f();
          } catch (error) {
            return (error as Error).message;
          }
        };
        const fed = outcome(() =>
          cells.forEach(([id, date, amount], i) => {
            kept.add(i + 1, id, date, amount);
            direct.add(i + 1, id, date, amount);
          })
        );
        fc.pre(fed === undefined);
        const options = { ...WEEKS_HOLDOUT, holdoutDays: 0 };
        const want = outcome(() => direct.finish(options));
        const got = outcome(() => foldOrders(kept.readOrders()!).finish(options));
        expect(got).toEqual(want);
        if (typeof want !== "string") fitted++;
      }),
      { numRuns: 200 }
    );
    // Enough of the random tables have a fit that the tables themselves were compared, not only
    // the messages of refused fits: 17–35 of the 200 draws fitted in four runs, so a floor of 15
    // would fail now and then on a draw with fewer; 5 still shows the tables were compared.
    expect(fitted).toBeGreaterThan(5);
  });
});
