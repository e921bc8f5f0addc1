/**
 * "Customers who may have left", worker side (runs in-process in tests): reads an orders source
 * again into the model's CustomerLifetimeAnalysis, keeps the fitted table for the per-customer
 * sheet's plan, and posts back the compact view the panel draws. All arithmetic is the model's.
 */
import {
  CustomerLifetimeAnalysis,
  CustomerLifetimeTable,
  holdoutByFrequency,
  pAliveBinEdges,
  pAliveHistogram,
  topCustomers,
} from "../../model/buyers/customer-lifetime";
import type { LifetimeRequest, LifetimeView } from "./customer-lifetime-protocol";
import type { AnalysisSettings, TableSource, WorkerResponse } from "./protocol";
import { failure, orderSink, Progress, RowSink } from "./row-sinks";

type Post = (message: WorkerResponse, transfer?: Transferable[]) => void;
/** Streams every row of a source (analysis-engine's reader, over the blocks the worker holds). */
export type ReadRows = (source: TableSource, sink: RowSink, progress: Progress) => Promise<void>;

/** The panel's figures: the top customers listed, P(alive) bins, holdout frequencies 0 … "7 and more". */
export const TOP_CUSTOMERS = 20;
export const P_ALIVE_BINS = 10;
export const HOLDOUT_MAX_FREQUENCY = 7;

export function createLifetimeHandler(
  post: Post,
  read: ReadRows
): (request: LifetimeRequest) => Promise<void> {
  let last: CustomerLifetimeTable | null = null;
  // The orders folded by the last request: a change of options alone refits them without
  // reading a million rows again.
  let folded: CustomerLifetimeAnalysis | null = null;
  return async function handle(request) {
    try {
      if (request.type === "lifetime") {
        last = null;
        if (!request.reuse || !folded) {
          folded = null;
          folded = await foldOrders(read, request.source, request.settings, (rows, fraction) =>
            post({ type: "progress", id: request.id, rows, fraction })
          );
        }
        const table = folded.finish(request.options);
        last = table;
        const view = lifetimeView(table);
        post({ type: "lifetime", id: request.id, view }, lifetimeTransfers(view));
        return;
      }
      if (!last) throw new Error("no customer lifetimes to write");
      const plan = await import(
        /* webpackChunkName: "customer-lifetime-plan" */ "../../report/plans/customer-lifetime-plan"
      );
      const labels =
        request.language === "zh-CN"
          ? plan.CHINESE_CUSTOMER_LIFETIME_LABELS
          : plan.ENGLISH_CUSTOMER_LIFETIME_LABELS;
      post({ type: "planned", id: request.id, plan: plan.customerLifetimePlan(last, { labels }) });
    } catch (error) {
      post(failure(request.id, error));
    }
  };
}

/** One pass over an orders source into the model's lifetime analysis (finish() fits it). */
export async function foldOrders(
  read: ReadRows,
  source: TableSource,
  settings: AnalysisSettings,
  progress: Progress
): Promise<CustomerLifetimeAnalysis> {
  if (settings.shape !== "orders") throw new Error("customer lifetimes need orders data");
  const analysis = new CustomerLifetimeAnalysis();
  await read(source, orderSink(settings, analysis), progress);
  return analysis;
}

/** The panel's view of a fitted table: the model's figures, picked and copied for transfer. */
export function lifetimeView(table: CustomerLifetimeTable): LifetimeView {
  const { customers: rfm, purchases, spend } = table;
  const rows = topCustomers(table, TOP_CUSTOMERS);
  const pick = (from: Float64Array) => Float64Array.from(rows, (k) => from[k]);
  const labels = table.ids.labels;
  const holdout = table.holdout;
  return {
    options: { ...table.options },
    customers: rfm.count,
    lastDay: table.lastDay,
    calibrationEnd: table.calibrationEnd,
    purchases: {
      r: purchases.r,
      alpha: purchases.alpha,
      a: purchases.a,
      b: purchases.b,
      logLikelihood: purchases.logLikelihood,
    },
    spend: spend && {
      p: spend.p,
      q: spend.q,
      gamma: spend.gamma,
      customersUsed: spend.customersUsed,
    },
    spendProblem: table.spendProblem,
    // Copies (small), so transferring them can never detach the table the plan is built from.
    pAliveBins: pAliveHistogram(table, P_ALIVE_BINS).slice(),
    pAliveEdges: pAliveBinEdges(P_ALIVE_BINS),
    top: {
      label: Array.from(rows, (k) => labels[rfm.customer[k]]),
      frequency: pick(rfm.frequency),
      recency: pick(rfm.recency),
      age: pick(rfm.age),
      monetary: pick(rfm.monetary),
      pAlive: pick(table.pAlive),
      expectedPurchases: pick(table.expectedPurchases),
      expectedSpend: pick(table.expectedSpend),
      clv: pick(table.clv),
    },
    holdout: holdout && {
      length: holdout.length,
      expectedTotal: holdout.expectedTotal,
      actualTotal: holdout.actualTotal,
      maxFrequency: HOLDOUT_MAX_FREQUENCY,
      byFrequency: copyByFrequency(holdoutByFrequency(table, HOLDOUT_MAX_FREQUENCY)),
    },
  };
}

function copyByFrequency(f: ReturnType<typeof holdoutByFrequency>) {
  return (
    f && {
      frequency: f.frequency.slice(),
      customers: f.customers.slice(),
      expected: f.expected.slice(),
      actual: f.actual.slice(),
    }
  );
}

/** Every array buffer of a view, to transfer instead of copy. */
export function lifetimeTransfers(view: LifetimeView): Transferable[] {
  const out: Transferable[] = [
    view.pAliveBins.buffer as ArrayBuffer,
    view.pAliveEdges.buffer as ArrayBuffer,
  ];
  for (const v of Object.values(view.top))
    if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
  const f = view.holdout?.byFrequency;
  if (f) for (const v of Object.values(f)) out.push((v as Float64Array).buffer as ArrayBuffer);
  return out;
}
