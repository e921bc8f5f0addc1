/**
 * The pane's client of the analysis worker (analysis-client.ts) against the real engine run
 * in-process behind a stand-in worker: a customer-lifetime fit names the analysis on screen and
 * refits its orders; asked about an analysis a newer one replaced (or a restarted worker no
 * longer holds), it rejects as cancelled, which the panel ignores, rather than answering with
 * other orders.
 */
import { readFileSync } from "fs";
import path from "path";
import type { CustomerLifetimeOptions } from "../../../src/model/buyers/customer-lifetime";
import {
  AnalysisCancelledError,
  AnalysisClient,
  AnalysisSupersededError,
  WorkerLike,
} from "../../../src/taskpane/worker/analysis-client";
import { createAnalysisEngine } from "../../../src/taskpane/worker/analysis-engine";
import type {
  AnalysisSettings,
  WorkerRequest,
  WorkerResponse,
} from "../../../src/taskpane/worker/protocol";

const SAMPLE = readFileSync(path.resolve(__dirname, "../../../samples/orders.csv"), "utf8");
const SETTINGS: AnalysisSettings = {
  shape: "orders",
  columns: { customer: 0, date: 1, amount: 2, start: -1, end: -1, revenue: -1 },
  hasHeader: true,
  dateFormat: null,
  unit: "month",
  window: 1,
};
const WEEKS: CustomerLifetimeOptions = {
  timeUnitDays: 7,
  holdoutDays: 0,
  horizon: 52,
  annualDiscountRate: 0.1,
};

/** Workers started so far; each runs the engine in-process, answering asynchronously. */
function workers() {
  const started: WorkerLike[] = [];
  const create = (): WorkerLike => {
    let queue = Promise.resolve();
    const worker: WorkerLike = {
      onmessage: null,
      onerror: null,
      terminate: () => undefined,
      postMessage(request: WorkerRequest) {
        queue = queue.then(() => handle(request));
      },
    };
    const handle = createAnalysisEngine((message: WorkerResponse) =>
      worker.onmessage?.({ data: structuredClone(message) } as MessageEvent<WorkerResponse>)
    );
    started.push(worker);
    return worker;
  };
  return { started, create };
}

describe("the analysis client", () => {
  test("fits the analysis on screen, and rejects a fit of a replaced one as cancelled", async () => {
    const { create } = workers();
    const client = new AnalysisClient(create);
    const first = await client.analyse({ kind: "text", text: SAMPLE }, SETTINGS);
    const fitted = await client.lifetime(first.analysis, WEEKS);
    expect(fitted.customers).toBeGreaterThan(0);

    const fewer = SAMPLE.split("\n").slice(0, 300).join("\n");
    const second = await client.analyse({ kind: "text", text: fewer }, SETTINGS);
    expect(second.analysis).not.toBe(first.analysis);
    const stale = client.lifetime(first.analysis, WEEKS);
    await expect(stale).rejects.toBeInstanceOf(AnalysisSupersededError);
    await expect(stale).rejects.toBeInstanceOf(AnalysisCancelledError);
    const refit = await client.lifetime(second.analysis, WEEKS);
    expect(refit.customers).toBeLessThan(fitted.customers);
    expect(client.busy).toBe(false);
  });

  test("after a cancel the new worker holds no orders: the view's fit is superseded", async () => {
    const { started, create } = workers();
    const client = new AnalysisClient(create);
    const view = await client.analyse({ kind: "text", text: SAMPLE }, SETTINGS);
    client.cancel();
    await expect(client.lifetime(view.analysis, WEEKS)).rejects.toBeInstanceOf(
      AnalysisSupersededError
    );
    expect(started).toHaveLength(2);
  });
});
