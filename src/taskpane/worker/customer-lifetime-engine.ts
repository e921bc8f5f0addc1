/**
 * "Customers who may have left", worker side (runs in-process in tests): fits the orders the last
 * analysis read (analysis-engine.ts reads the source once, for both) with the panel's options,
 * keeps the fitted table for the per-customer sheet's plan, and posts back the compact view the
 * panel draws. All arithmetic is the model's.
 */
import {
  CustomerLifetimeAnalysis,
  CustomerLifetimeTable,
  atRiskCustomers,
  holdoutByFrequency,
  oneTimeBuyers,
  pAliveBinEdges,
  pAliveHistogram,
  pastValue,
  topCustomers,
} from "../../model/buyers/customer-lifetime";
import type { ReadOrders } from "../../model/history/analysis";
import {
  CHECK_MAX_FREQUENCY,
  compareLifetimeModels,
  lifetimeChecks,
  ModelComparison,
} from "../../model/buyers/customer-lifetime-checks";
import type { LifetimeChecksView, LifetimeRequest, LifetimeView, WorkerResponse } from "./protocol";
import { failure } from "./row-sinks";

type Post = (message: WorkerResponse, transfer?: Transferable[]) => void;

/** The panel's figures: the top customers listed, P(alive) bins, holdout frequencies 0 … "7 and more". */
export const TOP_CUSTOMERS = 20;
export const P_ALIVE_BINS = 10;
export const HOLDOUT_MAX_FREQUENCY = 7;

/** The orders analysis number `analysis` read (null when it read subscriptions). */
export interface AnalysedOrders {
  analysis: number;
  orders: ReadOrders | null;
}

export interface LifetimeHandler {
  /** The last analysis's orders (null while an analysis runs or after one failed). */
  keep(analysed: AnalysedOrders | null): void;
  handle(request: LifetimeRequest): Promise<void>;
}

export function createLifetimeHandler(post: Post): LifetimeHandler {
  let analysed: AnalysedOrders | null = null;
  // Those orders in the model's lifetime analysis, folded at the first fit; each fit refits it.
  let folded: CustomerLifetimeAnalysis | null = null;
  let last: CustomerLifetimeTable | null = null;
  // Every model refitted for the comparison depends on the unit and the holdout alone.
  let compared: { key: string; comparison: ModelComparison } | null = null;
  return {
    keep(next) {
      analysed = next;
      folded = null;
      compared = null;
    },
    async handle(request) {
      try {
        if (request.type === "lifetime") {
          last = null;
          // A fit of an older analysis's orders: the pane will ask about its new view.
          if (analysed?.analysis !== request.analysis) {
            post({ type: "superseded", id: request.id });
            return;
          }
          if (!folded) {
            if (!analysed.orders) throw new Error("customer lifetimes need orders data");
            folded = foldOrders(analysed.orders);
            // The fold holds what every fit needs: the orders as read can go.
            analysed = { analysis: analysed.analysis, orders: null };
          }
          const table = folded.finish(request.options);
          last = table;
          // The continuous models share one comparison; BG/BB's is of its own opportunities.
          const o = request.options;
          const key =
            o.model === "BGBB"
              ? `BGBB|${o.opportunity ?? "year"}|${o.holdoutOpportunities ?? 0}`
              : `${o.timeUnitDays}|${o.holdoutDays}`;
          if (compared?.key !== key) compared = { key, comparison: compareLifetimeModels(table) };
          const view = lifetimeView(table, compared.comparison);
          post({ type: "lifetime", id: request.id, view }, lifetimeTransfers(view));
          return;
        }
        if (!last) throw new Error("no customer lifetimes to write");
        const plan = await import(
          /* webpackChunkName: "customer-lifetime-plan" */ "../../report/plans/customer-lifetime-plan"
        );
        const labels = plan.customerLifetimeLabelsFor(request.language);
        post({
          type: "planned",
          id: request.id,
          plan: plan.customerLifetimePlan(last, { labels }),
        });
      } catch (error) {
        post(failure(request.id, error));
      }
    },
  };
}

/**
 * The orders an analysis read, into the model's lifetime analysis (finish() fits it): each order
 * handed to its reader as the analysis's reader accepted it (the customer's id, the day's serial
 * and the amount), so the table is not read again.
 */
export function foldOrders(orders: ReadOrders): CustomerLifetimeAnalysis {
  const analysis = new CustomerLifetimeAnalysis();
  const { ids, customer, day, amount } = orders;
  for (let i = 0; i < customer.length; i++) {
    const a = amount[i];
    analysis.add(i + 1, ids.labels[customer[i]], day[i], a === a ? a : null);
  }
  return analysis;
}

/** The panel's view of a fitted table: the model's figures, picked and copied for transfer. */
export function lifetimeView(
  table: CustomerLifetimeTable,
  comparison: ModelComparison = compareLifetimeModels(table)
): LifetimeView {
  const { customers: rfm, purchases, spend } = table;
  // BG/NBD puts every one-time buyer at 100%: they are shown apart from its bins.
  const pAliveWithOneTime = purchases.model !== "BGNBD";
  const labels = table.ids.labels;
  const customersOf = (rows: Int32Array) => {
    const pick = (from: Float64Array) => Float64Array.from(rows, (k) => from[k]);
    return {
      label: Array.from(rows, (k) => labels[rfm.customer[k]]),
      frequency: pick(rfm.frequency),
      recency: pick(rfm.recency),
      age: pick(rfm.age),
      monetary: pick(rfm.monetary),
      pAlive: pick(table.pAlive),
      expectedPurchases: pick(table.expectedPurchases),
      expectedSpend: pick(table.expectedSpend),
      clv: pick(table.clv),
    };
  };
  const atRisk = atRiskCustomers(table);
  const holdout = table.holdout;
  return {
    options: { ...table.options },
    customers: rfm.count,
    lastDay: table.lastDay,
    calibrationEnd: table.calibrationEnd,
    purchases: {
      model: purchases.model,
      label: purchases.label,
      parameterNames: [...purchases.parameterNames],
      parameters: [...purchases.parameters],
      logLikelihood: purchases.logLikelihood,
    },
    pAliveWithOneTime,
    checks: checksView(table, comparison),
    spend: spend && {
      p: spend.p,
      q: spend.q,
      gamma: spend.gamma,
      customersUsed: spend.customersUsed,
    },
    spendProblem: table.spendProblem,
    // Copies (small), so transferring them can never detach the table the plan is built from.
    // The one-time buyers apart: BG/NBD puts every one of them at 100%.
    pAliveBins: pAliveHistogram(table, P_ALIVE_BINS, !pAliveWithOneTime).slice(),
    pAliveEdges: pAliveBinEdges(P_ALIVE_BINS),
    top: customersOf(topCustomers(table, TOP_CUSTOMERS)),
    oneTimeBuyers: oneTimeBuyers(table),
    atRisk: {
      ...customersOf(atRisk),
      pastValue: Float64Array.from(atRisk, (k) => pastValue(table, k)),
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

/** The chosen model's checks, copied for transfer, beside the comparison of every model. */
function checksView(table: CustomerLifetimeTable, comparison: ModelComparison): LifetimeChecksView {
  const checks = lifetimeChecks(table);
  const t = checks.tracking;
  const g = checks.byFrequency;
  return {
    histogram: {
      actual: checks.histogram.actual.slice(),
      expected: checks.histogram.expected.slice(),
      maxX: CHECK_MAX_FREQUENCY,
    },
    tracking: t && {
      periodEnd: t.periodEnd.slice(),
      cumulativeActual: t.cumulativeActual.slice(),
      cumulativeExpected: t.cumulativeExpected.slice(),
      calibrationPeriods: t.calibrationPeriods,
    },
    byFrequency: g && {
      customers: g.customers.slice(),
      actualMean: g.actualMean.slice(),
      expectedMean: g.expectedMean.slice(),
    },
    comparison: comparison.rows.map((row) => ({ ...row })),
    data: comparison.data,
    holdoutActual: comparison.holdoutActual,
    best: comparison.best,
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
  for (const v of [...Object.values(view.top), ...Object.values(view.atRisk)])
    if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
  const f = view.holdout?.byFrequency;
  if (f) for (const v of Object.values(f)) out.push((v as Float64Array).buffer as ArrayBuffer);
  const { histogram, tracking, byFrequency } = view.checks;
  for (const v of [
    ...Object.values(histogram),
    ...Object.values(tracking ?? {}),
    ...Object.values(byFrequency ?? {}),
  ])
    if (ArrayBuffer.isView(v)) out.push(v.buffer as ArrayBuffer);
  return out;
}
